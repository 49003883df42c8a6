import { runSenderAccessContract } from '@sms-channel/channel-runtime/testing';
import { describe, expect, it } from 'vitest';
import { createFakeHostPairing } from './__fixtures__/fake-host.js';
import { createHostSenderAccess } from './host-sender-access.js';

const HANDSET = '+12025550142';
const pairingPolicy = { dmPolicy: 'pairing' as const, allowFrom: [] };

runSenderAccessContract("createHostSenderAccess (the OpenClaw host's pairing store)", async () => {
  const host = createFakeHostPairing();
  return {
    access: createHostSenderAccess({ pairing: () => host }),
    approve: async (_accountId, code) => {
      host.approve(code);
    },
    maxPending: 3,
  };
});

describe('createHostSenderAccess', () => {
  it('uses the code the host made, so `openclaw pairing list sms` shows what the sender was texted', async () => {
    const host = createFakeHostPairing();
    const request = await createHostSenderAccess({ pairing: () => host }).requestPairing('default', HANDSET);
    expect(request).toMatchObject({ kind: 'code', code: host.pending('default')[0]?.code });
  });

  it('reads sms: prefixed and formatted allow entries as the E.164 sender they name', async () => {
    const host = createFakeHostPairing();
    const pairing = { ...host, readAllowFromStore: async () => ['sms:+1 202 555 0142', 'not-a-number'] };
    const decision = await createHostSenderAccess({ pairing: () => pairing }).decide(
      'default',
      HANDSET,
      pairingPolicy,
    );
    expect(decision).toEqual({ action: 'allow', reason: 'approved' });
  });

  it('names the openclaw command that approves a code', () => {
    const access = createHostSenderAccess({ pairing: () => createFakeHostPairing() });
    expect(access.approveCommand).toBe('openclaw pairing approve sms');
  });
});
