import { describe, expect, it } from 'vitest';
import { ACCOUNT_SID, example, FROM, OWNER, SERVICE_SID, smsConfig } from './__fixtures__/examples.js';
import type { ConfigIssue } from './config-issue.js';
import { formatConfigPath } from './config-issue.js';
import { validateConfig } from './validate-config.js';

const NO_ENV = {};

function errorsOf(config: unknown, env: Record<string, string> = NO_ENV): ConfigIssue[] {
  const result = validateConfig(config, { env });
  return result.issues.filter((issue) => issue.severity === 'error');
}

function warningsOf(config: unknown, env: Record<string, string> = NO_ENV): ConfigIssue[] {
  return validateConfig(config, { env }).issues.filter((issue) => issue.severity === 'warning');
}

function only(issues: ConfigIssue[]): { path: string; message: string } {
  expect(issues).toHaveLength(1);
  const [issue] = issues;
  return { path: formatConfigPath(issue?.path ?? []), message: issue?.message ?? '' };
}

describe('validateConfig accepts the example configurations', () => {
  const names = [
    'single-account',
    'env-only',
    'secret-ref-env',
    'secret-ref-file',
    'allowlist',
    'messaging-service',
    'default-to',
    'multi-account',
    'default-account',
    'with-other-sections',
  ];
  it.each(names)('accepts %s without errors or warnings', (name) => {
    expect(validateConfig(example(name), { env: NO_ENV })).toEqual({
      ok: true,
      config: example(name),
      issues: [],
    });
  });
});

describe('validateConfig: unknown keys', () => {
  it('names a misspelt top-level key and suggests the closest valid one', () => {
    expect(only(errorsOf(smsConfig({ fromNumer: FROM })))).toEqual({
      path: 'channels.sms.fromNumer',
      message: 'unknown key "fromNumer"; did you mean "fromNumber"?',
    });
  });

  it('suggests across case and snake_case', () => {
    expect(only(errorsOf(smsConfig({ account_sid: ACCOUNT_SID }))).message).toMatch(
      /did you mean "accountSid"/,
    );
  });

  it('suggests inside an account', () => {
    const config = smsConfig({ accounts: { work: { webhookPth: '/work' } } });
    expect(only(errorsOf(config))).toEqual({
      path: 'channels.sms.accounts.work.webhookPth',
      message: 'unknown key "webhookPth"; did you mean "webhookPath"?',
    });
  });

  it('lists the valid keys when nothing is close', () => {
    const { message } = only(errorsOf(smsConfig({ colour: 'blue' })));
    expect(message).toMatch(/^unknown key "colour"; valid keys here: enabled, name, accountSid/);
  });

  it('refuses account-only structure inside an account', () => {
    const config = smsConfig({ accounts: { work: { accounts: {} } } });
    expect(only(errorsOf(config)).path).toBe('channels.sms.accounts.work.accounts');
  });

  it('suggests inside a secret ref', () => {
    const config = smsConfig({ authToken: { source: 'env', provider: 'default', idd: 'X' } });
    const issues = errorsOf(config).map((issue) => [formatConfigPath(issue.path), issue.message]);
    expect(issues).toContainEqual(['channels.sms.authToken.idd', 'unknown key "idd"; did you mean "id"?']);
  });

  it('leaves other sections and other channels alone', () => {
    expect(errorsOf({ agent: { whatever: 1 }, channels: { signal: { x: 1 }, sms: {} } })).toEqual([]);
  });
});

describe('validateConfig: values', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      'an unknown secret ref source',
      { authToken: { source: 'vault', id: 'x' } },
      'channels.sms.authToken.source',
      /source "env" or "file", not source "vault"/,
    ],
    ['an empty authToken', { authToken: '' }, 'channels.sms.authToken', /must not be empty/],
    [
      'an env ref id that is no variable name',
      { authToken: { source: 'env', id: 'A-B' } },
      'channels.sms.authToken.id',
      /environment variable name/,
    ],
    [
      'a malformed accountSid',
      { accountSid: 'AC123' },
      'channels.sms.accountSid',
      /"AC" followed by 32 hexadecimal/,
    ],
    [
      'a malformed messagingServiceSid',
      { messagingServiceSid: 'PN0123' },
      'channels.sms.messagingServiceSid',
      /"MG"/,
    ],
    ['a fromNumber with letters', { fromNumber: '+1-555-ABC-1234' }, 'channels.sms.fromNumber', /letters/],
    ['a national fromNumber', { fromNumber: '4155238886' }, 'channels.sms.fromNumber', /international form/],
    ['an unquoted number', { fromNumber: 14155238886 }, 'channels.sms.fromNumber', /quoted string/],
    ['a bad allowFrom entry', { allowFrom: [OWNER, 'bob'] }, 'channels.sms.allowFrom[1]', /"bob"/],
    [
      'a defaultTo of another channel',
      { defaultTo: 'whatsapp:+14158675309' },
      'channels.sms.defaultTo',
      /not this channel/,
    ],
    ['an unknown dmPolicy', { dmPolicy: 'friends' }, 'channels.sms.dmPolicy', /pairing/],
    ['textChunkLimit 0', { textChunkLimit: 0 }, 'channels.sms.textChunkLimit', /at least 1/],
    ['textChunkLimit 1601', { textChunkLimit: 1601 }, 'channels.sms.textChunkLimit', /at most 1600/],
    ['a fractional textChunkLimit', { textChunkLimit: 10.5 }, 'channels.sms.textChunkLimit', /whole number/],
    [
      'a webhookPath without a leading slash',
      { webhookPath: 'sms' },
      'channels.sms.webhookPath',
      /start with "\/"/,
    ],
    [
      'a relative publicWebhookUrl',
      { publicWebhookUrl: '/webhooks/sms' },
      'channels.sms.publicWebhookUrl',
      /absolute URL/,
    ],
    [
      'a publicWebhookUrl of another scheme',
      { publicWebhookUrl: 'ftp://x.example/webhooks/sms' },
      'channels.sms.publicWebhookUrl',
      /https: or http:/,
    ],
    [
      'a publicWebhookUrl with credentials',
      { publicWebhookUrl: 'https://u:p@x.example/webhooks/sms' },
      'channels.sms.publicWebhookUrl',
      /credentials/,
    ],
    [
      'a publicWebhookUrl with a fragment',
      { publicWebhookUrl: 'https://x.example/webhooks/sms#rc=2' },
      'channels.sms.publicWebhookUrl',
      /fragment/,
    ],
    [
      'a twilioApiBaseUrl with a query',
      { twilioApiBaseUrl: 'https://api.twilio.com/?x=1' },
      'channels.sms.twilioApiBaseUrl',
      /query/,
    ],
    ['a mediaMaxMb of 0', { mediaMaxMb: 0 }, 'channels.sms.mediaMaxMb', /above 0/],
    ['a mediaMaxMb that is not a number', { mediaMaxMb: '5' }, 'channels.sms.mediaMaxMb', /megabytes/],
    [
      'a smartEncoding that is not a boolean',
      { smartEncoding: 'yes' },
      'channels.sms.smartEncoding',
      /true or false/,
    ],
    [
      'an empty failureReply text',
      { failureReply: '  ' },
      'channels.sms.failureReply',
      /must not be empty; use false/,
    ],
    [
      'a failureReply text over 1600 characters',
      { failureReply: 'x'.repeat(1601) },
      'channels.sms.failureReply',
      /at most 1600/,
    ],
    [
      'a failureReply of another type',
      { accounts: { a: { failureReply: 1 } } },
      'channels.sms.accounts.a.failureReply',
      /true \(the default apology\), false \(none\) or the text/,
    ],
    [
      'a bad account id',
      { accounts: { 'my account': {} } },
      'channels.sms.accounts["my account"]',
      /account id/,
    ],
    ['a null value', { fromNumber: null }, 'channels.sms.fromNumber', /string/],
  ];
  it.each(cases)('reports %s at its path', (_, sms, path, message) => {
    const issue = only(errorsOf(smsConfig(sms)));
    expect(issue.path).toBe(path);
    expect(issue.message).toMatch(message);
  });

  it('reports a configuration that is not an object at the root', () => {
    expect(only(errorsOf([1, 2]))).toEqual({
      path: '(root)',
      message: 'the configuration must be an object',
    });
  });

  it('reports a channels section that is not an object', () => {
    expect(only(errorsOf({ channels: 'sms' })).path).toBe('channels');
  });
});

describe('validateConfig: rules across keys', () => {
  it('requires an allowFrom entry under dmPolicy allowlist, at the account key to fill', () => {
    const issue = only(errorsOf(smsConfig({ fromNumber: FROM, dmPolicy: 'allowlist' })));
    expect(issue.path).toBe('channels.sms.allowFrom');
    expect(issue.message).toMatch(/allowlist.*at least one allowFrom entry/);
  });

  it('lets SMS_ALLOWED_USERS satisfy allowlist for the default account', () => {
    expect(
      errorsOf(smsConfig({ fromNumber: FROM, dmPolicy: 'allowlist' }), { SMS_ALLOWED_USERS: OWNER }),
    ).toEqual([]);
  });

  it('requires "*" under dmPolicy open, at the allowFrom that lacks it', () => {
    const config = smsConfig({ accounts: { a: { dmPolicy: 'open', allowFrom: [OWNER] } } });
    const issue = only(errorsOf(config));
    expect(issue.path).toBe('channels.sms.accounts.a.allowFrom');
    expect(issue.message).toMatch(/"\*"/);
  });

  it('points at the account that inherits an allowlist without entries, naming where the policy comes from', () => {
    const config = smsConfig({ dmPolicy: 'allowlist', accounts: { a: { fromNumber: FROM } } });
    const issue = only(errorsOf(config));
    expect(issue.path).toBe('channels.sms.accounts.a.allowFrom');
    expect(issue.message).toMatch(/inherited from channels\.sms\.dmPolicy/);
  });

  it('only warns about access rules of a disabled account', () => {
    const config = smsConfig({ accounts: { a: { enabled: false, dmPolicy: 'allowlist' } } });
    expect(errorsOf(config)).toEqual([]);
    expect(warningsOf(config).map((w) => formatConfigPath(w.path))).toEqual([
      'channels.sms.accounts.a.allowFrom',
    ]);
  });

  it('refuses two enabled accounts that both leave webhookPath unset (both get the default)', () => {
    const config = smsConfig({ accounts: { a: { fromNumber: FROM }, b: { fromNumber: OWNER } } });
    const issue = only(errorsOf(config));
    expect(issue.path).toBe('channels.sms.accounts.b.webhookPath');
    expect(issue.message).toMatch(/"\/webhooks\/sms" \(the default\) is also used by enabled account "a"/);
  });

  it('refuses the implicit default account and a named one on the same path', () => {
    const config = smsConfig({
      fromNumber: FROM,
      accounts: { b: { fromNumber: OWNER, webhookPath: '/webhooks/sms/' } },
    });
    expect(only(errorsOf(config)).path).toBe('channels.sms.accounts.b.webhookPath');
  });

  it('refuses accounts that inherit the same top-level webhookPath', () => {
    const config = smsConfig({ webhookPath: '/sms', accounts: { a: {}, b: {} } });
    const issue = only(errorsOf(config));
    expect(issue.path).toBe('channels.sms.accounts.b.webhookPath');
    expect(issue.message).toMatch(/inherited from channels\.sms\.webhookPath/);
  });

  it('refuses an SMS_WEBHOOK_PATH that collides with another account', () => {
    const config = smsConfig({ accounts: { a: {}, b: { webhookPath: '/x' } } });
    expect(errorsOf(config, { SMS_WEBHOOK_PATH: '/x' }).map((i) => formatConfigPath(i.path))).toEqual([
      'channels.sms.accounts.b.webhookPath',
    ]);
  });

  it('allows a shared webhookPath when one of the accounts is disabled', () => {
    const config = smsConfig({ accounts: { a: {}, b: { enabled: false } } });
    expect(errorsOf(config)).toEqual([]);
  });

  it('refuses a defaultAccount that names no account, listing the valid ids', () => {
    const config = smsConfig({ defaultAccount: 'wrok', accounts: { work: { fromNumber: FROM } } });
    expect(only(errorsOf(config))).toEqual({
      path: 'channels.sms.defaultAccount',
      message: 'defaultAccount "wrok" is not a configured account; use one of: "work"',
    });
  });

  it('reports an invalid env var by name', () => {
    const issue = only(errorsOf({}, { TWILIO_PHONE_NUMBER: 'call me' }));
    expect(issue.path).toBe('$env.TWILIO_PHONE_NUMBER');
    expect(issue.message).toMatch(/^environment variable TWILIO_PHONE_NUMBER: /);
  });

  it('reports each bad SMS_ALLOWED_USERS entry with its index', () => {
    expect(only(errorsOf({}, { SMS_ALLOWED_USERS: `${OWNER},nobody` })).path).toBe(
      '$env.SMS_ALLOWED_USERS[1]',
    );
  });

  it('ignores env vars that config overrides, even invalid ones', () => {
    expect(errorsOf(smsConfig({ fromNumber: FROM }), { TWILIO_PHONE_NUMBER: 'garbage' })).toEqual([]);
  });
});

describe('validateConfig: warnings', () => {
  it('warns when the publicWebhookUrl path does not end with the webhookPath', () => {
    const config = smsConfig({ publicWebhookUrl: 'https://x.example/twilio', webhookPath: '/webhooks/sms' });
    expect(errorsOf(config)).toEqual([]);
    const issue = only(warningsOf(config));
    expect(issue.path).toBe('channels.sms.publicWebhookUrl');
    expect(issue.message).toMatch(/"\/twilio" does not end with its webhookPath "\/webhooks\/sms"/);
  });

  it('accepts a publicWebhookUrl behind a path prefix and with a query', () => {
    const config = smsConfig({ publicWebhookUrl: 'https://x.example/prefix/webhooks/sms/?k=v' });
    expect(warningsOf(config)).toEqual([]);
  });

  it('warns about a possible but unassigned number in allowFrom, at the entry', () => {
    expect(only(warningsOf(smsConfig({ allowFrom: [OWNER, '+15551234567'] }))).path).toBe(
      'channels.sms.allowFrom[1]',
    );
  });

  it('warns once about an inherited number, not once per account', () => {
    const config = smsConfig({
      defaultTo: '+15551234567',
      accounts: { a: { webhookPath: '/a' }, b: { webhookPath: '/b' } },
    });
    expect(only(warningsOf(config)).path).toBe('channels.sms.defaultTo');
  });

  it('warns when signature validation is disabled', () => {
    const issue = only(warningsOf(smsConfig({ dangerouslyDisableSignatureValidation: true })));
    expect(issue.message).toMatch(/X-Twilio-Signature/);
  });

  it('warns about an authToken that looks like an unexpanded env reference', () => {
    // The `${...}` is the literal text a person might write, hoping for interpolation.
    const unexpanded = ['$', '{TWILIO_AUTH_TOKEN}'].join('');
    expect(only(warningsOf(smsConfig({ authToken: unexpanded }))).message).toMatch(/source: "env"/);
  });

  it('warns that messagingServiceSid is ignored when fromNumber is set', () => {
    const issue = only(warningsOf(smsConfig({ fromNumber: FROM, messagingServiceSid: SERVICE_SID })));
    expect(issue.path).toBe('channels.sms.messagingServiceSid');
  });
});
