import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  example,
  FICTIONAL,
  FROM,
  OWNER,
  SERVICE_SID,
  smsConfig,
} from './__fixtures__/examples.js';
import { ConfigValidationError, SecretRefError, UnknownAccountError } from './config-error.js';
import { resolveSmsAccount, resolveSmsAccounts } from './resolve-sms-accounts.js';
import { DEFAULT_FAILURE_REPLY } from './sms-channel-schema.js';

const NO_ENV = {};

describe('resolveSmsAccounts on the example configurations', () => {
  it('resolves a single top-level account as the implicit "default" account with every default applied', () => {
    const { accounts, defaultAccountId, warnings } = resolveSmsAccounts(example('single-account'), NO_ENV);
    expect(defaultAccountId).toBe('default');
    expect(warnings).toEqual([]);
    expect(accounts).toEqual([
      {
        accountId: 'default',
        name: undefined,
        isDefault: true,
        enabled: true,
        accountSid: ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        authTokenSource: 'config',
        sender: { kind: 'number', from: FROM },
        fromNumber: FROM,
        messagingServiceSid: undefined,
        defaultTo: undefined,
        webhookPath: '/webhooks/sms',
        publicWebhookUrl: 'https://assistant.example.com/webhooks/sms',
        dmPolicy: 'pairing',
        allowFrom: [],
        textChunkLimit: 1500,
        dangerouslyDisableSignatureValidation: false,
        mediaMaxMb: 5,
        smartEncoding: true,
        failureReply: DEFAULT_FAILURE_REPLY,
        twilioApiBaseUrl: 'https://api.twilio.com',
        complete: true,
        missing: [],
        warnings: [],
      },
    ]);
  });

  it('fills an env-only setup from every documented env var', () => {
    const env = {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_PHONE_NUMBER: '+1 415 523 8886',
      SMS_PUBLIC_WEBHOOK_URL: 'https://a.example.com/hooks/sms',
      SMS_WEBHOOK_PATH: '/hooks/sms',
      SMS_ALLOWED_USERS: `${OWNER}, sms:+4915112345678`,
    };
    const account = resolveSmsAccount(example('env-only'), undefined, env);
    expect(account).toMatchObject({
      accountId: 'default',
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      authTokenSource: 'env',
      fromNumber: FROM,
      publicWebhookUrl: 'https://a.example.com/hooks/sms',
      webhookPath: '/hooks/sms',
      allowFrom: [OWNER, '+4915112345678'],
      complete: true,
    });
  });

  it('accepts TWILIO_SMS_FROM as an alias of TWILIO_PHONE_NUMBER', () => {
    const account = resolveSmsAccount({}, undefined, { TWILIO_SMS_FROM: FROM });
    expect(account.fromNumber).toBe(FROM);
  });

  it('fills a messaging service from TWILIO_MESSAGING_SERVICE_SID', () => {
    const account = resolveSmsAccount({}, undefined, { TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID });
    expect(account.messagingServiceSid).toBe(SERVICE_SID);
  });

  it('reads an env secret ref from the named variable', () => {
    const account = resolveSmsAccount(example('secret-ref-env'), undefined, {
      MY_TWILIO_TOKEN: 'tok-from-env',
    });
    expect(account.authToken).toBe('tok-from-env');
    expect(account.authTokenSource).toBe('secret-ref:env');
  });

  it('reads a file secret ref relative to baseDir, without its trailing newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-config-'));
    writeFileSync(join(dir, 'twilio-token.txt'), 'tok-from-file\n', { mode: 0o600 });
    const { accounts, warnings } = resolveSmsAccounts(example('secret-ref-file'), NO_ENV, { baseDir: dir });
    expect(accounts[0]?.authToken).toBe('tok-from-file');
    expect(accounts[0]?.authTokenSource).toBe('secret-ref:file');
    expect(warnings).toEqual([]);
  });

  it('warns when a secret file can be read by other users', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-config-'));
    writeFileSync(join(dir, 'twilio-token.txt'), 'tok');
    chmodSync(join(dir, 'twilio-token.txt'), 0o644);
    const { warnings } = resolveSmsAccounts(example('secret-ref-file'), NO_ENV, { baseDir: dir });
    expect(warnings).toEqual([
      expect.objectContaining({ severity: 'warning', path: ['channels', 'sms', 'authToken'] }),
    ]);
    expect(warnings[0]?.message).toMatch(/chmod 600/);
  });

  it('normalises every allowFrom entry of an allowlist and drops duplicates', () => {
    const account = resolveSmsAccount(example('allowlist'), undefined, NO_ENV);
    expect(account.dmPolicy).toBe('allowlist');
    expect(account.allowFrom).toEqual([OWNER, '+4915112345678']);
  });

  it('resolves a messaging service as the sender', () => {
    const account = resolveSmsAccount(example('messaging-service'), undefined, NO_ENV);
    expect(account).toMatchObject({
      fromNumber: undefined,
      messagingServiceSid: SERVICE_SID,
      complete: true,
    });
  });

  it('normalises defaultTo from an sms: target to E.164', () => {
    expect(resolveSmsAccount(example('default-to'), undefined, NO_ENV).defaultTo).toBe(OWNER);
  });

  it('gives each named account the top-level keys it does not set', () => {
    const { accounts, defaultAccountId } = resolveSmsAccounts(example('multi-account'), NO_ENV);
    expect(defaultAccountId).toBe('personal');
    expect(accounts.map((a) => [a.accountId, a.name, a.isDefault])).toEqual([
      ['personal', 'Personal', true],
      ['work', 'Work', false],
    ]);
    const [personal, work] = accounts;
    expect(personal).toMatchObject({
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      fromNumber: FROM,
      dmPolicy: 'allowlist',
      allowFrom: [OWNER],
      textChunkLimit: 600,
      webhookPath: '/webhooks/sms/personal',
      complete: true,
    });
    expect(work).toMatchObject({
      accountSid: ACCOUNT_SID,
      messagingServiceSid: SERVICE_SID,
      dmPolicy: 'pairing',
      allowFrom: [OWNER],
      textChunkLimit: 1600,
      webhookPath: '/webhooks/sms/work',
      complete: true,
    });
  });

  it('makes defaultAccount the default account and fills it, not "default", from env vars', () => {
    const env = {
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'env-token',
      TWILIO_PHONE_NUMBER: OWNER,
    };
    const { accounts, defaultAccountId } = resolveSmsAccounts(example('default-account'), env);
    expect(defaultAccountId).toBe('work');
    expect(accounts.map((a) => a.accountId)).toEqual(['personal', 'work']);
    expect(accounts[1]).toMatchObject({
      isDefault: true,
      authToken: 'env-token',
      fromNumber: OWNER,
      complete: true,
    });
    expect(accounts[0]).toMatchObject({ isDefault: false, authToken: AUTH_TOKEN, fromNumber: FROM });
  });

  it('ignores sections and channels it does not own', () => {
    const { accounts } = resolveSmsAccounts(example('with-other-sections'), NO_ENV);
    expect(accounts.map((a) => [a.accountId, a.complete])).toEqual([['default', true]]);
  });
});

describe('resolveSmsAccounts: accounts and the default account', () => {
  it('regression (leading implementation): env vars fill the first account when it is the default, whatever its id', () => {
    const config = smsConfig({ accounts: { main: { accountSid: ACCOUNT_SID } } });
    const account = resolveSmsAccount(config, undefined, {
      TWILIO_AUTH_TOKEN: 'env-token',
      TWILIO_PHONE_NUMBER: FROM,
    });
    expect(account).toMatchObject({
      accountId: 'main',
      authToken: 'env-token',
      fromNumber: FROM,
      complete: true,
    });
  });

  it('never fills a non-default account from env vars', () => {
    const config = smsConfig({
      defaultAccount: 'a',
      accounts: { a: { webhookPath: '/a' }, b: { webhookPath: '/b' } },
    });
    const { accounts } = resolveSmsAccounts(config, { TWILIO_AUTH_TOKEN: 'env-token' });
    expect(accounts.map((a) => a.authToken)).toEqual(['env-token', undefined]);
  });

  it('uses accounts.default instead of the top level when it exists', () => {
    const config = smsConfig({ fromNumber: FROM, accounts: { default: { fromNumber: OWNER } } });
    const { accounts } = resolveSmsAccounts(config, NO_ENV);
    expect(accounts.map((a) => [a.accountId, a.fromNumber])).toEqual([['default', OWNER]]);
  });

  it('adds the top level as the "default" account beside named ones when it configures a sender', () => {
    const config = smsConfig({
      fromNumber: FROM,
      accounts: { work: { fromNumber: OWNER, webhookPath: '/work' } },
    });
    const { accounts, defaultAccountId } = resolveSmsAccounts(config, NO_ENV);
    expect(defaultAccountId).toBe('default');
    expect(accounts.map((a) => [a.accountId, a.fromNumber])).toEqual([
      ['default', FROM],
      ['work', OWNER],
    ]);
  });

  it('returns one incomplete default account for an empty configuration, saying what is missing', () => {
    const account = resolveSmsAccount({}, undefined, NO_ENV);
    expect(account).toMatchObject({ accountId: 'default', complete: false });
    expect(account.missing).toEqual(['accountSid', 'authToken', 'fromNumber or messagingServiceSid']);
  });

  it('resolves one named account on request', () => {
    expect(resolveSmsAccount(example('multi-account'), 'work', NO_ENV).accountId).toBe('work');
  });

  it('throws UnknownAccountError naming the known ids for an unknown account id', () => {
    expect(() => resolveSmsAccount(example('multi-account'), 'home', NO_ENV)).toThrow(UnknownAccountError);
    expect(() => resolveSmsAccount(example('multi-account'), 'home', NO_ENV)).toThrow(/"personal", "work"/);
  });

  it('disables every account when the top level says enabled: false', () => {
    const config = { ...example('multi-account') };
    const sms = (config.channels as { sms: Record<string, unknown> }).sms;
    const { accounts } = resolveSmsAccounts(smsConfig({ ...sms, enabled: false }), NO_ENV);
    expect(accounts.map((a) => a.enabled)).toEqual([false, false]);
  });
});

describe('resolveSmsAccounts: precedence', () => {
  it('lets config beat env vars', () => {
    const config = smsConfig({ accountSid: ACCOUNT_SID, fromNumber: FROM, webhookPath: '/mine' });
    const env = { TWILIO_PHONE_NUMBER: OWNER, SMS_WEBHOOK_PATH: '/theirs', TWILIO_AUTH_TOKEN: 'env-token' };
    const account = resolveSmsAccount(config, undefined, env);
    expect(account).toMatchObject({ fromNumber: FROM, webhookPath: '/mine', authToken: 'env-token' });
  });

  it('sends from env TWILIO_PHONE_NUMBER over a configured messagingServiceSid: fromNumber wins once config and env are resolved (issue 14)', () => {
    const config = smsConfig({ messagingServiceSid: SERVICE_SID });
    const account = resolveSmsAccount(config, undefined, { TWILIO_PHONE_NUMBER: FROM });
    expect(account.sender).toEqual({ kind: 'number', from: FROM });
    expect(account).toMatchObject({ fromNumber: FROM, messagingServiceSid: SERVICE_SID });
    expect(account.warnings).toEqual([
      expect.objectContaining({
        path: ['channels', 'sms', 'messagingServiceSid'],
        severity: 'warning',
        message: expect.stringContaining('fromNumber (from environment variable TWILIO_PHONE_NUMBER)'),
      }),
    ]);
  });

  it('sends from a configured fromNumber when env TWILIO_MESSAGING_SERVICE_SID is set too', () => {
    const config = smsConfig({ fromNumber: FROM });
    const account = resolveSmsAccount(config, undefined, { TWILIO_MESSAGING_SERVICE_SID: SERVICE_SID });
    expect(account.sender).toEqual({ kind: 'number', from: FROM });
    expect(account.messagingServiceSid).toBe(SERVICE_SID);
  });

  it('sends through the Messaging Service when that is the only sender', () => {
    const account = resolveSmsAccount(smsConfig({ messagingServiceSid: SERVICE_SID }), undefined, NO_ENV);
    expect(account.sender).toEqual({ kind: 'messaging-service', sid: SERVICE_SID });
  });

  it('has no sender, and says it is missing, when neither config nor env names one', () => {
    const account = resolveSmsAccount({}, undefined, NO_ENV);
    expect(account.sender).toBeUndefined();
    expect(account.missing).toContain('fromNumber or messagingServiceSid');
  });

  it('does not mix an account sender with an inherited one', () => {
    const config = smsConfig({
      messagingServiceSid: SERVICE_SID,
      accounts: { a: { fromNumber: FROM, webhookPath: '/a' }, b: { webhookPath: '/b' } },
    });
    const { accounts } = resolveSmsAccounts(config, NO_ENV);
    const byId = Object.fromEntries(accounts.map((a) => [a.accountId, a]));
    expect(byId.a).toMatchObject({ sender: { kind: 'number', from: FROM }, messagingServiceSid: undefined });
    expect(byId.b).toMatchObject({
      sender: { kind: 'messaging-service', sid: SERVICE_SID },
      fromNumber: undefined,
    });
  });

  it('sends from fromNumber, with a warning, when both fromNumber and messagingServiceSid are set', () => {
    const config = smsConfig({ fromNumber: FROM, messagingServiceSid: SERVICE_SID });
    const { accounts, warnings } = resolveSmsAccounts(config, NO_ENV);
    expect(accounts[0]).toMatchObject({
      sender: { kind: 'number', from: FROM },
      fromNumber: FROM,
      messagingServiceSid: SERVICE_SID,
    });
    expect(warnings).toEqual([
      expect.objectContaining({ path: ['channels', 'sms', 'messagingServiceSid'], severity: 'warning' }),
    ]);
  });

  it('sends from the number whenever one exists, whichever of config and env gives each sender (property)', () => {
    const origin = fc.constantFrom('none', 'config', 'env');
    fc.assert(
      fc.property(origin, origin, (numberFrom, serviceFrom) => {
        const config: Record<string, unknown> = {};
        const env: Record<string, string> = {};
        if (numberFrom === 'config') config.fromNumber = FROM;
        if (numberFrom === 'env') env.TWILIO_PHONE_NUMBER = FROM;
        if (serviceFrom === 'config') config.messagingServiceSid = SERVICE_SID;
        if (serviceFrom === 'env') env.TWILIO_MESSAGING_SERVICE_SID = SERVICE_SID;
        const { sender } = resolveSmsAccount(smsConfig(config), undefined, env);
        if (numberFrom !== 'none') expect(sender).toEqual({ kind: 'number', from: FROM });
        else if (serviceFrom !== 'none')
          expect(sender).toEqual({ kind: 'messaging-service', sid: SERVICE_SID });
        else expect(sender).toBeUndefined();
      }),
    );
  });

  it('strips the trailing slash of twilioApiBaseUrl', () => {
    const account = resolveSmsAccount(
      smsConfig({ twilioApiBaseUrl: 'http://127.0.0.1:4010/' }),
      undefined,
      NO_ENV,
    );
    expect(account.twilioApiBaseUrl).toBe('http://127.0.0.1:4010');
  });

  it('fills twilioApiBaseUrl of every account, not only the default one, from TWILIO_API_BASE_URL', () => {
    const config = smsConfig({
      accounts: {
        work: { fromNumber: FROM, webhookPath: '/sms/work' },
        home: { fromNumber: OWNER, webhookPath: '/sms/home' },
      },
    });
    const { accounts } = resolveSmsAccounts(config, { TWILIO_API_BASE_URL: 'http://127.0.0.1:4010' });
    expect(accounts.map((account) => account.twilioApiBaseUrl)).toEqual(
      accounts.map(() => 'http://127.0.0.1:4010'),
    );
    expect(accounts.length).toBeGreaterThan(1);
  });

  it('lets a configured twilioApiBaseUrl beat TWILIO_API_BASE_URL', () => {
    const account = resolveSmsAccount(smsConfig({ twilioApiBaseUrl: 'http://127.0.0.1:5000' }), undefined, {
      TWILIO_API_BASE_URL: 'http://127.0.0.1:4010',
    });
    expect(account.twilioApiBaseUrl).toBe('http://127.0.0.1:5000');
  });

  it('rejects a TWILIO_API_BASE_URL that is not an http(s) URL, naming the variable', () => {
    expect(() => resolveSmsAccounts(smsConfig({}), { TWILIO_API_BASE_URL: 'not a url' })).toThrow(
      /TWILIO_API_BASE_URL/,
    );
  });
});

describe('resolveSmsAccounts: warnings and failures', () => {
  it('accepts a possible but unassigned number and warns at its path', () => {
    const { accounts, warnings } = resolveSmsAccounts(smsConfig({ fromNumber: FICTIONAL }), NO_ENV);
    expect(accounts[0]?.fromNumber).toBe(FICTIONAL);
    expect(warnings).toEqual([
      expect.objectContaining({ path: ['channels', 'sms', 'fromNumber'], severity: 'warning' }),
    ]);
    expect(accounts[0]?.warnings).toEqual(warnings);
  });

  it('throws SecretRefError naming the ref and its path when an env secret is unset', () => {
    const resolve = () => resolveSmsAccounts(example('secret-ref-env'), NO_ENV);
    expect(resolve).toThrow(SecretRefError);
    expect(resolve).toThrow(
      /channels\.sms\.authToken: secret ref .*"MY_TWILIO_TOKEN".* MY_TWILIO_TOKEN, which is not set/,
    );
  });

  it('leaves an unreadable secret ref unread under secrets: "optional", saying why', () => {
    const { accounts, warnings } = resolveSmsAccounts(example('secret-ref-env'), NO_ENV, {
      secrets: 'optional',
    });
    const account = accounts[0];
    expect(account).toMatchObject({ authToken: undefined, complete: false });
    expect(account?.missing).toContain('authToken');
    expect(account?.unreadSecret).toEqual({
      path: ['channels', 'sms', 'authToken'],
      ref: { source: 'env', provider: 'default', id: 'MY_TWILIO_TOKEN' },
      message: expect.stringContaining('MY_TWILIO_TOKEN, which is not set'),
    });
    expect(warnings).toContainEqual(
      expect.objectContaining({ path: ['channels', 'sms', 'authToken'], severity: 'warning' }),
    );
  });

  it('still reads a secret ref that can be read under secrets: "optional"', () => {
    const account = resolveSmsAccount(
      example('secret-ref-env'),
      undefined,
      { MY_TWILIO_TOKEN: 'tok-123' },
      {
        secrets: 'optional',
      },
    );
    expect(account).toMatchObject({ authToken: 'tok-123', authTokenSource: 'secret-ref:env' });
    expect(account.unreadSecret).toBeUndefined();
  });

  it('throws SecretRefError when a secret file does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sms-config-'));
    const resolve = () => resolveSmsAccounts(example('secret-ref-file'), NO_ENV, { baseDir: dir });
    expect(resolve).toThrow(SecretRefError);
    expect(resolve).toThrow(/twilio-token\.txt, which does not exist/);
  });

  it('only warns about an unreadable secret of a disabled account', () => {
    const config = smsConfig({
      fromNumber: FROM,
      accounts: {
        off: {
          enabled: false,
          webhookPath: '/off',
          authToken: { source: 'env', provider: 'default', id: 'NOPE' },
        },
      },
    });
    const { accounts, warnings } = resolveSmsAccounts(config, NO_ENV);
    expect(accounts.find((a) => a.accountId === 'off')?.missing).toContain('authToken');
    expect(warnings.map((w) => w.path.join('.'))).toEqual(['channels.sms.accounts.off.authToken']);
  });

  it('refuses a secret ref naming another provider as invalid config, before reading any secret', () => {
    const config = smsConfig({ fromNumber: FROM, authToken: { source: 'env', provider: 'vault', id: 'X' } });
    expect(() => resolveSmsAccounts(config, { X: 'x' })).toThrow(ConfigValidationError);
    expect(() => resolveSmsAccounts(config, { X: 'x' }, { secrets: 'optional' })).toThrow(
      /channels\.sms\.authToken\.provider: secret ref names provider "vault", which this channel cannot resolve/,
    );
  });

  it('throws ConfigValidationError listing every error of an invalid configuration', () => {
    const config = smsConfig({ fromNumer: FROM, textChunkLimit: 2000 });
    try {
      resolveSmsAccounts(config, NO_ENV);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const paths = (error as ConfigValidationError).issues.map((issue) => issue.path.join('.'));
      expect(paths.sort()).toEqual(['channels.sms.fromNumer', 'channels.sms.textChunkLimit']);
    }
  });
});

describe('resolveSmsAccounts: invariants', () => {
  const ids = fc.uniqueArray(fc.constantFrom('default', 'a', 'b', 'work', 'home'), {
    minLength: 1,
    maxLength: 4,
  });
  const setup = ids.chain((accountIds) =>
    fc.record({
      accountIds: fc.constant(accountIds),
      defaultAccount: fc.option(fc.constantFrom(...accountIds), { nil: undefined }),
      ownTokens: fc.array(fc.boolean(), { minLength: accountIds.length, maxLength: accountIds.length }),
    }),
  );

  it('fills exactly the default account from env vars, and never over a configured value', () => {
    fc.assert(
      fc.property(setup, ({ accountIds, defaultAccount, ownTokens }) => {
        const accounts = Object.fromEntries(
          accountIds.map((id, index) => [
            id,
            { webhookPath: `/sms/${id}`, ...(ownTokens[index] ? { authToken: `own-${id}` } : {}) },
          ]),
        );
        const config = smsConfig(defaultAccount === undefined ? { accounts } : { accounts, defaultAccount });
        const resolved = resolveSmsAccounts(config, { TWILIO_AUTH_TOKEN: 'env-token' });
        const defaults = resolved.accounts.filter((account) => account.isDefault);
        expect(defaults.map((account) => account.accountId)).toEqual([resolved.defaultAccountId]);
        if (defaultAccount !== undefined) expect(resolved.defaultAccountId).toBe(defaultAccount);
        resolved.accounts.forEach((account, index) => {
          const own = ownTokens[index] ? `own-${account.accountId}` : undefined;
          const expected = own ?? (account.isDefault ? 'env-token' : undefined);
          expect(account.authToken).toBe(expected);
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('resolveSmsAccounts: smartEncoding, failureReply and mediaMaxMb', () => {
  const twoAccounts = (top: Record<string, unknown>, own: Record<string, unknown>) =>
    smsConfig({ ...top, accounts: { a: { ...own, webhookPath: '/a' }, b: { webhookPath: '/b' } } });
  const byId = (config: unknown) =>
    Object.fromEntries(resolveSmsAccounts(config, NO_ENV).accounts.map((a) => [a.accountId, a]));

  it('defaults to Smart Encoding on, the default apology and 5 MB of media', () => {
    expect(resolveSmsAccount({}, undefined, NO_ENV)).toMatchObject({
      smartEncoding: true,
      failureReply: DEFAULT_FAILURE_REPLY,
      mediaMaxMb: 5,
    });
  });

  it('lets accounts inherit the top-level values and override them', () => {
    const accounts = byId(
      twoAccounts(
        { smartEncoding: false, failureReply: 'Oops, try again.', mediaMaxMb: 2 },
        { smartEncoding: true, failureReply: false, mediaMaxMb: 0.5 },
      ),
    );
    expect(accounts.a).toMatchObject({ smartEncoding: true, failureReply: undefined, mediaMaxMb: 0.5 });
    expect(accounts.b).toMatchObject({
      smartEncoding: false,
      failureReply: 'Oops, try again.',
      mediaMaxMb: 2,
    });
  });

  it('reads failureReply true as the default apology and false as none', () => {
    const accounts = byId(twoAccounts({ failureReply: false }, { failureReply: true }));
    expect(accounts.a?.failureReply).toBe(DEFAULT_FAILURE_REPLY);
    expect(accounts.b?.failureReply).toBeUndefined();
  });
});

describe('DEFAULT_FAILURE_REPLY', () => {
  it('fits one plain GSM-7 segment: under 160 characters of letters, spaces and basic punctuation', () => {
    expect(DEFAULT_FAILURE_REPLY.length).toBeLessThan(160);
    expect(DEFAULT_FAILURE_REPLY).toMatch(/^[A-Za-z .,!?']+$/);
  });
});

describe('resolveSmsAccounts: numbers pasted from contact cards and web pages (issue 14)', () => {
  it('normalises allowFrom, defaultTo and fromNumber carrying invisible marks and Arabic-Indic digits', () => {
    const config = smsConfig({
      fromNumber: '\u202A+1 415 523 8886\u202C',
      defaultTo: 'sms:\u200E+\u0661 \u0664\u0661\u0665 \u0668\u0666\u0667 \u0665\u0663\u0660\u0669',
      allowFrom: ['\u2066+1\u00AD415\u00AD867\u00AD5309\u2069', '\uFEFF*'],
    });
    const { accounts, warnings } = resolveSmsAccounts(config, NO_ENV);
    expect(warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(accounts[0]).toMatchObject({
      fromNumber: '+14155238886',
      defaultTo: '+14158675309',
      allowFrom: ['+14158675309', '*'],
    });
  });
});
