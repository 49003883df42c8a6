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
for (const flags of ALL_FLAGS) row('open', flags, allow('policy-open'));
for (const flags of ALL_FLAGS) row('disabled', flags, { action: 'deny', reason: 'policy-disabled' });
for (const [policy, otherwise] of [
  ['pairing', { action: 'pair', reason: 'pairing-required' }],
  ['allowlist', { action: 'deny', reason: 'not-allowed' }],
] as const) {
  row(policy, [false, false, false], otherwise);
  row(policy, [false, false, true], allow('approved'));
  row(policy, [false, true, false], allow('allow-from-wildcard'));
  row(policy, [false, true, true], allow('approved'));
  row(policy, [true, false, false], allow('allow-from'));
  row(policy, [true, false, true], allow('allow-from'));
  row(policy, [true, true, false], allow('allow-from'));
  row(policy, [true, true, true], allow('allow-from'));
}

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
      dmPolicy: 'allowlist',
      allowFrom: [OTHER],
      approvedSenders: new Set([SENDER]),
      sender: SENDER,
    });
    expect(decision).toEqual(allow('approved'));
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
        },
      ),
      { numRuns: 200 },
    );
  });
});
