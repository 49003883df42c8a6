import { openStore, type SqliteGatewayStore } from '@sms-channel/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeHostPairing, type FakeHostPairing } from './__fixtures__/fake-host.js';
import { createHostSenderAccess, pairingTurnKey } from './host-sender-access.js';

const HANDSET = '+12025550142';
const pairingPolicy = { dmPolicy: 'pairing' as const, allowFrom: [] };
let store: SqliteGatewayStore;
let host: FakeHostPairing;

beforeEach(async () => {
  store = await openStore(':memory:');
  host = createFakeHostPairing();
});
afterEach(() => store.close());

const access = () => createHostSenderAccess({ pairing: () => host, outboundLog: store, now: () => 0 });
const logCodeSms = (sender: string, code: string) =>
  store.recordOutboundPart('default', pairingTurnKey(sender, code), {
    partIndex: 0,
    messageSid: `SM${code}`,
    to: sender,
  });

describe('createHostSenderAccess', () => {
  it('asks an unknown sender to pair, with a code the host made, and lets them in once the owner approved', async () => {
    expect(await access().decide('default', HANDSET, pairingPolicy)).toMatchObject({ action: 'pair' });
    const step = await access().requestPairing('default', HANDSET);
    expect(step).toMatchObject({ kind: 'send-code', code: host.pending('default')[0]?.code });
    if (step.kind === 'send-code') host.approve(step.code);
    expect(await access().decide('default', HANDSET, pairingPolicy)).toEqual({
      action: 'allow',
      reason: 'approved',
    });
  });

  it('texts a code once: after its SMS is in the outbound log the same request needs nothing more', async () => {
    const first = await access().requestPairing('default', HANDSET);
    if (first.kind !== 'send-code') throw new Error(`expected send-code, got ${first.kind}`);
    expect(await access().requestPairing('default', HANDSET)).toMatchObject({ kind: 'send-code' });
    await logCodeSms(HANDSET, first.code);
    expect(await access().requestPairing('default', HANDSET)).toEqual({
      kind: 'code-already-sent',
      code: first.code,
    });
  });

  it('turns the host\'s empty code (a 4th pending sender) into "limit reached"', async () => {
    for (const sender of ['+12025550111', '+12025550112', '+12025550113']) {
      expect(await access().requestPairing('default', sender)).toMatchObject({ kind: 'send-code' });
    }
    expect(await access().requestPairing('default', HANDSET)).toEqual({
      kind: 'limit-reached',
      retryAt: undefined,
    });
  });

  it('reads sms: prefixed and formatted allow entries as the E.164 sender they name', async () => {
    const pairing = { ...host, readAllowFromStore: async () => ['sms:+1 202 555 0142', 'not-a-number'] };
    const decision = await createHostSenderAccess({ pairing: () => pairing, outboundLog: store }).decide(
      'default',
      HANDSET,
      pairingPolicy,
    );
    expect(decision).toEqual({ action: 'allow', reason: 'approved' });
  });

  it('tells the sender the openclaw command that approves the code', () => {
    expect(access().pairingMessage('ABCD2345', 3_600_000)).toContain('openclaw pairing approve sms ABCD2345');
  });
});
