import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccessDecision, decideAccess } from './decide-access.js';
import { DM_POLICIES, type DmPolicy } from './dm-policy.js';

const SENDER = '+15555550123';
const OTHER = '+15555550199';

interface Row {
  dmPolicy: DmPolicy;
  inAllowFrom: boolean;
  wildcard: boolean;
  approved: boolean;
  expected: AccessDecision;
}

const allow = (reason: AccessDecision['reason']): AccessDecision => ({ action: 'allow', reason });

/** The whole truth table: every policy x (listed, wildcard, approved), written out rather than computed. */
const TABLE: Row[] = [];
function row(dmPolicy: DmPolicy, flags: [boolean, boolean, boolean], expected: AccessDecision): void {
  const [inAllowFrom, wildcard, approved] = flags;
  TABLE.push({ dmPolicy, inAllowFrom, wildcard, approved, expected });
}
const ALL_FLAGS: [boolean, boolean, boolean][] = [
  [false, false, false],
  [false, false, true],
  [false, true, false],
  [false, true, true],
  [true, false, false],
  [true, false, true],
  [true, true, false],
  [true, true, true],
];
const notAllowed: AccessDecision = { action: 'deny', reason: 'not-allowed' };
// `open`: "*" lets everybody in; without it (config validation refuses that) only the listed numbers.
// Pairing approvals never widen it, as in OpenClaw.
row('open', [false, false, false], notAllowed);
row('open', [false, false, true], notAllowed);
row('open', [false, true, false], allow('policy-open'));
row('open', [false, true, true], allow('policy-open'));
row('open', [true, false, false], allow('allow-from'));
row('open', [true, false, true], allow('allow-from'));
row('open', [true, true, false], allow('policy-open'));
row('open', [true, true, true], allow('policy-open'));
for (const flags of ALL_FLAGS) row('disabled', flags, { action: 'deny', reason: 'policy-disabled' });
// `pairing`: the listed numbers and the senders the owner approved; others are offered a code.
row('pairing', [false, false, false], { action: 'pair', reason: 'pairing-required' });
row('pairing', [false, false, true], allow('approved'));
row('pairing', [false, true, false], allow('allow-from-wildcard'));
row('pairing', [false, true, true], allow('approved'));
row('pairing', [true, false, false], allow('allow-from'));
row('pairing', [true, false, true], allow('allow-from'));
row('pairing', [true, true, false], allow('allow-from'));
row('pairing', [true, true, true], allow('allow-from'));
// `allowlist`: the listed numbers only; an approval from an earlier `pairing` period does not count (issue 14).
row('allowlist', [false, false, false], notAllowed);
row('allowlist', [false, false, true], notAllowed);
row('allowlist', [false, true, false], allow('allow-from-wildcard'));
row('allowlist', [false, true, true], allow('allow-from-wildcard'));
row('allowlist', [true, false, false], allow('allow-from'));
row('allowlist', [true, false, true], allow('allow-from'));
row('allowlist', [true, true, false], allow('allow-from'));
row('allowlist', [true, true, true], allow('allow-from'));

describe('decideAccess', () => {
  it('covers every policy and combination in its truth table', () => {
    expect(TABLE).toHaveLength(DM_POLICIES.length * 8);
  });

  it.each(TABLE)(
    '$dmPolicy, listed=$inAllowFrom, "*"=$wildcard, approved=$approved -> $expected.action ($expected.reason)',
    ({ dmPolicy, inAllowFrom, wildcard, approved, expected }) => {
      const allowFrom = [OTHER, ...(inAllowFrom ? [SENDER] : []), ...(wildcard ? ['*'] : [])];
      const approvedSenders = approved ? [SENDER] : [OTHER];
      expect(decideAccess({ dmPolicy, allowFrom, approvedSenders, sender: SENDER })).toEqual(expected);
    },
  );

  it('accepts approved senders as a Set', () => {
    const decision = decideAccess({
      dmPolicy: 'pairing',
      allowFrom: [OTHER],
      approvedSenders: new Set([SENDER]),
      sender: SENDER,
    });
    expect(decision).toEqual(allow('approved'));
  });

  it('stops answering a sender approved through pairing once the account switches to allowlist without them (issue 14)', () => {
    const input = { allowFrom: [OTHER], approvedSenders: [SENDER], sender: SENDER };
    expect(decideAccess({ ...input, dmPolicy: 'pairing' })).toEqual(allow('approved'));
    expect(decideAccess({ ...input, dmPolicy: 'allowlist' })).toEqual({
      action: 'deny',
      reason: 'not-allowed',
    });
  });

  it('denies a sender that is not an E.164 number, even when open', () => {
    for (const sender of ['TWILIO', '12345', '+1 555 555 0123', '']) {
      expect(decideAccess({ dmPolicy: 'open', allowFrom: ['*'], approvedSenders: [], sender })).toEqual({
        action: 'deny',
        reason: 'invalid-sender',
      });
    }
  });

  it('fails closed on a policy it does not know', () => {
    const dmPolicy = 'allowall' as DmPolicy;
    expect(decideAccess({ dmPolicy, allowFrom: ['*'], approvedSenders: [SENDER], sender: SENDER })).toEqual({
      action: 'deny',
      reason: 'unknown-policy',
    });
  });

  it('is deterministic and never allows under disabled (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...DM_POLICIES),
        fc.subarray([SENDER, OTHER, '*']),
        fc.subarray([SENDER, OTHER]),
        (dmPolicy, allowFrom, approvedSenders) => {
          const input = { dmPolicy, allowFrom, approvedSenders, sender: SENDER };
          const first = decideAccess(input);
          expect(decideAccess(input)).toEqual(first);
          if (dmPolicy === 'disabled') expect(first.action).toBe('deny');
          if (first.action === 'pair') expect(dmPolicy).toBe('pairing');
          if (first.reason === 'approved') expect(dmPolicy).toBe('pairing');
          if (dmPolicy !== 'pairing') {
            expect(decideAccess({ ...input, approvedSenders: [] })).toEqual(first);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
