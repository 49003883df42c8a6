import { describe, expect, it } from 'vitest';
import { hostConfig } from './__fixtures__/fake-host.js';
import {
  defaultSmsAccountId,
  listSmsAccountIds,
  requireUsableAccount,
  resolveSmsPluginAccount,
} from './sms-plugin-account.js';

const SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
const complete = { accountSid: SID, authToken: 'secret', fromNumber: '+12025550100' };

describe('the plugin account adapter', () => {
  it('lists no account when the host config has no channels.sms, even with Twilio env vars set', () => {
    expect(listSmsAccountIds({ channels: {} }, { TWILIO_ACCOUNT_SID: SID })).toEqual([]);
  });

  it('lists the default account and the named ones of channels.sms', () => {
    const work = { fromNumber: '+12025550101', webhookPath: '/webhooks/sms-work' };
    const cfg = hostConfig({ ...complete, accounts: { work } });
    expect(listSmsAccountIds(cfg, {})).toEqual(expect.arrayContaining(['default', 'work']));
  });

  it('lists an account whose secret ref cannot be read, which then names the ref as its problem', () => {
    // Regression: listing read every secret, so one unset env var left only the default account listed and
    // the other accounts silently never started.
    const token = { source: 'env', provider: 'default', id: 'SMS_TEST_WORK_TOKEN' };
    const work = { fromNumber: '+12025550101', webhookPath: '/webhooks/sms-work', authToken: token };
    const cfg = hostConfig({ ...complete, accounts: { work } });
    expect(listSmsAccountIds(cfg, {})).toEqual(expect.arrayContaining(['default', 'work']));
    const account = resolveSmsPluginAccount(cfg, 'work', {});
    expect(account).toMatchObject({ accountId: 'work', enabled: false, resolved: undefined });
    expect(account.problem).toContain('SMS_TEST_WORK_TOKEN');
    expect(resolveSmsPluginAccount(cfg, 'default', {}).problem).toBeUndefined();
  });

  it("resolves an env secret ref left as written in the host's config from the environment", () => {
    const cfg = hostConfig({
      ...complete,
      authToken: { source: 'env', provider: 'default', id: 'SMS_TEST_TOKEN' },
    });
    const account = resolveSmsPluginAccount(cfg, 'default', { SMS_TEST_TOKEN: 'from-env' });
    expect(account).toMatchObject({ accountId: 'default', configured: true, problem: undefined });
    expect(account.resolved?.authToken).toBe('from-env');
  });

  it('turns an invalid channels.sms into a problem instead of throwing, and refuses to use it', () => {
    const account = resolveSmsPluginAccount(hostConfig({ ...complete, fromNumer: '+12025550100' }), null, {});
    expect(account).toMatchObject({ accountId: 'default', enabled: false, resolved: undefined });
    expect(account.problem).toContain('fromNumer');
    expect(() => requireUsableAccount(account)).toThrow(/cannot be used: .*fromNumer/s);
  });

  it('names what an incomplete account is missing', () => {
    const account = resolveSmsPluginAccount(hostConfig({ accountSid: SID }), undefined, {});
    expect(account.configured).toBe(false);
    expect(() => requireUsableAccount(account)).toThrow(
      /missing authToken, fromNumber or messagingServiceSid/,
    );
  });

  it('uses channels.sms.defaultAccount as the default account id', () => {
    const cfg = hostConfig({ accounts: { work: complete }, defaultAccount: 'work' });
    expect(defaultSmsAccountId(cfg, {})).toBe('work');
    expect(resolveSmsPluginAccount(cfg, undefined, {}).accountId).toBe('work');
  });
});
