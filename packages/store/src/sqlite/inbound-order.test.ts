import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testDriver } from '../__fixtures__/test-driver.js';
import { openStore } from './open-store.js';

const leaseMs = 1_000;
const senders = ['+15555550101', '+15555550102'];

type Operation =
  | { kind: 'admit'; sender: number; sid: number }
  | { kind: 'claim' }
  | { kind: 'complete'; pick: number }
  | { kind: 'fail'; pick: number; retryAfterMs: number }
  | { kind: 'advance'; ms: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('admit' as const),
      sender: fc.nat(senders.length - 1),
      sid: fc.nat(29),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ kind: 'claim' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('complete' as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('fail' as const), pick: fc.nat(), retryAfterMs: fc.nat(2_000) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.nat(1_500) }) },
);

/** What the test knows: each sender's unsettled messages in admission order, and the claims it holds. */
interface Model {
  now: number;
  unsettled: Map<string, string[]>;
  admitted: Set<string>;
  held: Map<number, { sid: string; sender: string; leaseUntil: number }>;
}

describe('the inbound queue under any sequence of operations', () => {
  // A fixed amount of work (100 runs of at most 40 operations, each on a fresh store): how long it takes
  // depends on the machine, so the limit is a guard against a hang, far above any machine's time
  // (about 1.5 s on a loaded 2-core box), never vitest's 5 s default.
  it('hands out each sender one message at a time, in admission order, and loses none', {
    timeout: 120_000,
  }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 5, maxLength: 40, size: 'max' }),
        async (operations) => {
          const model: Model = { now: 0, unsettled: new Map(), admitted: new Set(), held: new Map() };
          const store = await openStore(':memory:', {
            leaseMs,
            maxAttempts: 1_000,
            now: () => model.now,
            driver: testDriver,
          });
          const completed: string[] = [];

          async function claim(): Promise<boolean> {
            const message = await store.claimInbound();
            if (message === null) return false;
            const sender = message.sender as string;
            // One message per sender in flight: a live claim of this sender (this message included) is a violation.
            const live = [...model.held.values()].filter(
              (h) => h.sender === sender && h.leaseUntil > model.now,
            );
            expect(live).toEqual([]);
            expect(message.messageSid).toBe(model.unsettled.get(sender)?.[0]);
            model.held.set(message.id, { sid: message.messageSid, sender, leaseUntil: message.leaseUntil });
            return true;
          }

          async function complete(id: number): Promise<void> {
            const held = model.held.get(id);
            if (held === undefined) return;
            expect(await store.completeInbound(id)).toEqual({ ok: true });
            model.held.delete(id);
            model.unsettled.get(held.sender)?.shift();
            completed.push(held.sid);
          }

          const pick = (n: number) => [...model.held.keys()][n % Math.max(model.held.size, 1)];

          for (const op of operations) {
            if (op.kind === 'admit') {
              const sid = `SM${op.sid}`;
              const sender = senders[op.sender] as string;
              const { duplicate } = await store.admitInbound('acct', sid, { From: sender });
              expect(duplicate).toBe(model.admitted.has(sid));
              if (!duplicate) {
                model.admitted.add(sid);
                model.unsettled.set(sender, [...(model.unsettled.get(sender) ?? []), sid]);
              }
            } else if (op.kind === 'claim') {
              await claim();
            } else if (op.kind === 'complete') {
              const id = pick(op.pick);
              if (id !== undefined) await complete(id);
            } else if (op.kind === 'fail') {
              const id = pick(op.pick);
              if (
                id !== undefined &&
                (await store.failInbound(id, { reason: 'x', retryAfterMs: op.retryAfterMs })).ok
              ) {
                model.held.delete(id);
              }
            } else {
              model.now += op.ms;
            }
          }

          // Drain: with time moving on, every admitted message is eventually completed, exactly once.
          for (let round = 0; round < 200 && completed.length < model.admitted.size; round++) {
            model.now += 10 * leaseMs;
            while (await claim()) {
              for (const id of [...model.held.keys()]) await complete(id);
            }
          }
          expect([...completed].sort()).toEqual([...model.admitted].sort());
          await store.close();
        },
      ),
      { numRuns: 100 },
    );
  });
});
