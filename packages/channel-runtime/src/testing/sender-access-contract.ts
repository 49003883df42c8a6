import { describe, expect, it } from 'vitest';
import type { SenderAccess } from '../access/sender-access.js';

/** One implementation under test, fresh for each test. */
export interface SenderAccessFixture {
  access: SenderAccess;
  /** Approves a pending code the way the owner does on this host (`pairing approve sms <CODE>`). */
  approve(accountId: string, code: string): Promise<void>;
  /** Pending requests an account holds before the next one is refused. */
  maxPending: number;
}

const ACCOUNT = 'default';
const SENDER = '+12025550142';
const PAIRING = { dmPolicy: 'pairing' as const, allowFrom: [] };

async function codeOf(access: SenderAccess, sender: string): Promise<string> {
  const request = await access.requestPairing(ACCOUNT, sender);
  if (request.kind !== 'code') throw new Error(`expected a code for ${sender}, got ${request.kind}`);
  return request.code;
}

/**
 * What every `SenderAccess` must do, whichever host it serves (the standalone gateway's store, the OpenClaw
 * host's pairing store): the same access rules and pairing lifecycle, so both hosts behave alike.
 */
export function runSenderAccessContract(name: string, create: () => Promise<SenderAccessFixture>): void {
  describe(`SenderAccess contract: ${name}`, () => {
    it('asks an unknown sender under pairing to pair, with the same code while the request is pending', async () => {
      const { access } = await create();
      expect(await access.decide(ACCOUNT, SENDER, PAIRING)).toMatchObject({ action: 'pair' });
      const code = await codeOf(access, SENDER);
      expect(code).not.toBe('');
      expect(await codeOf(access, SENDER)).toBe(code);
    });

    it('lets a sender in once the owner approved their code', async () => {
      const fixture = await create();
      await fixture.approve(ACCOUNT, await codeOf(fixture.access, SENDER));
      expect(await fixture.access.decide(ACCOUNT, SENDER, PAIRING)).toEqual({
        action: 'allow',
        reason: 'approved',
      });
      expect(await fixture.access.requestPairing(ACCOUNT, SENDER)).toEqual({ kind: 'approved' });
    });

    it('refuses a new request past the pending limit, as a value', async () => {
      const fixture = await create();
      for (let i = 0; i < fixture.maxPending; i += 1) await codeOf(fixture.access, `+1202555011${i}`);
      expect(await fixture.access.requestPairing(ACCOUNT, SENDER)).toMatchObject({ kind: 'limit-reached' });
    });

    it('keeps pending requests of one account apart from another', async () => {
      const { access } = await create();
      await codeOf(access, SENDER);
      const other = await access.requestPairing('work', SENDER);
      expect(other.kind).toBe('code');
    });

    it('lets allowFrom numbers in under allowlist and denies the others', async () => {
      const { access } = await create();
      const allowlist = { dmPolicy: 'allowlist' as const, allowFrom: [SENDER] };
      expect(await access.decide(ACCOUNT, SENDER, allowlist)).toMatchObject({ action: 'allow' });
      expect(await access.decide(ACCOUNT, '+12025550199', allowlist)).toMatchObject({ action: 'deny' });
    });

    it('denies everyone under disabled, approved senders included', async () => {
      const fixture = await create();
      await fixture.approve(ACCOUNT, await codeOf(fixture.access, SENDER));
      const disabled = { dmPolicy: 'disabled' as const, allowFrom: [] };
      expect(await fixture.access.decide(ACCOUNT, SENDER, disabled)).toMatchObject({ action: 'deny' });
    });

    it('names the approve command and how long a request lasts', async () => {
      const { access } = await create();
      expect(access.approveCommand).toMatch(/pairing approve sms$/);
      expect(access.pairingTtlMs).toBeGreaterThan(0);
    });
  });
}
