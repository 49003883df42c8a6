import { describe, expect, it } from 'vitest';
import { createFakeSdk, hostConfig } from './__fixtures__/fake-host.js';
import { createSmsChannelPlugin } from './create-sms-channel-plugin.js';

const SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
const plugin = createSmsChannelPlugin({ sdk: createFakeSdk(), runtime: () => undefined });
const cfg = hostConfig({
  accountSid: SID,
  authToken: 'secret',
  fromNumber: '+12025550100',
  defaultTo: 'sms:+12025550143',
  dmPolicy: 'allowlist',
  allowFrom: ['+12025550142'],
});

describe('the sms channel plugin object', () => {
  it('is a direct-message channel selected by sms: and twilio-sms: targets', () => {
    expect(plugin.id).toBe('sms');
    expect(plugin.capabilities.chatTypes).toEqual(['direct']);
    expect(plugin.messaging.targetPrefixes).toEqual(['twilio-sms']);
    expect(plugin.messaging.inferTargetChatType({ to: 'twilio-sms:+12025550142' })).toBe('direct');
  });

  it('takes the whole text in sendText: no host chunker, the plugin numbers its own parts', () => {
    expect(plugin.outbound.chunker).toBeNull();
    expect(plugin.outbound.textChunkLimit).toBe(1500);
  });

  it("resolves a send without a target to the account's defaultTo", () => {
    expect(plugin.outbound.resolveTarget({ cfg, accountId: 'default' })).toEqual({
      ok: true,
      to: '+12025550143',
    });
  });

  it("reports the account's policy, allowFrom and the approve command to the host", () => {
    const account = plugin.config.resolveAccount(cfg, 'default');
    expect(plugin.security.resolveDmPolicy({ account })).toMatchObject({
      policy: 'allowlist',
      allowFrom: ['+12025550142'],
      allowFromPath: 'channels.sms.allowFrom',
      approveHint: 'openclaw pairing approve sms <CODE>',
    });
    expect(plugin.config.describeAccount(account)).toMatchObject({
      accountId: 'default',
      configured: true,
      identity: '+12025550100',
    });
  });

  it('warns about an account without publicWebhookUrl', () => {
    const account = plugin.config.resolveAccount(cfg, 'default');
    expect(plugin.security.collectWarnings({ account })).toEqual([
      expect.stringContaining('has no publicWebhookUrl'),
    ]);
  });

  it('probes an account it cannot resolve as a failed credentials check, without calling Twilio', async () => {
    const broken = plugin.config.resolveAccount(hostConfig({ nope: true }), 'default');
    const probe = await plugin.status.probeAccount({ account: broken, timeoutMs: 1000 });
    expect(probe.ok).toBe(false);
    expect(plugin.status.formatCapabilitiesProbe({ probe })[0]).toMatchObject({ tone: 'error' });
  });
});

describe('the account snapshot of channels status', () => {
  it("shows the account's webhook and sender with the host's runtime fields and the probe", () => {
    const account = plugin.config.resolveAccount(cfg, 'default');
    const probe = { ok: true, checks: [] };
    const snapshot = plugin.status.buildAccountSnapshot({
      account,
      runtime: { accountId: 'default', running: true },
      probe,
    });
    expect(snapshot).toMatchObject({
      webhookPath: '/webhooks/sms',
      identity: '+12025550100',
      running: true,
      probe,
    });
    expect(JSON.stringify(snapshot)).not.toContain('secret');
  });
});
