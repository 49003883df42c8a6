import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DeliveryStatus,
  decideStatusUpdate,
  deliveryStatuses,
  isDeliveryStatus,
} from './delivery-status.js';

const lifecycle = ['scheduled', 'accepted', 'queued', 'sending', 'sent'] as const;
const finals = ['delivered', 'undelivered', 'failed', 'partially_delivered', 'canceled'] as const;
const status = fc.constantFrom(...deliveryStatuses);

/** The status a message ends with after callbacks arrive in this order. */
function replay(callbacks: readonly DeliveryStatus[]): DeliveryStatus | undefined {
  let current: DeliveryStatus | undefined;
  for (const next of callbacks) if (decideStatusUpdate(current, next) === 'apply') current = next;
  return current;
}

function position(s: DeliveryStatus): number {
  if (s === 'read') return lifecycle.length + 1;
  const step = lifecycle.indexOf(s as (typeof lifecycle)[number]);
  return step === -1 ? lifecycle.length : step;
}

describe('decideStatusUpdate', () => {
  it('applies each step of the lifecycle in order', () => {
    const path: DeliveryStatus[] = ['accepted', 'queued', 'sending', 'sent', 'delivered', 'read'];
    for (const [i, next] of path.entries()) expect(decideStatusUpdate(path[i - 1], next)).toBe('apply');
  });

  it('calls a late sent after delivered stale', () => {
    expect(decideStatusUpdate('delivered', 'sent')).toBe('stale');
  });

  it('keeps the first final outcome', () => {
    for (const first of finals) {
      for (const second of finals) {
        if (first !== second) expect(decideStatusUpdate(first, second)).toBe('stale');
      }
    }
  });

  it('calls a repeated status a duplicate', () => {
    for (const s of deliveryStatuses) expect(decideStatusUpdate(s, s)).toBe('duplicate');
  });

  it('ends on the furthest status reached, whatever order and repetition the callbacks arrive in', () => {
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 12 }), (callbacks) => {
        const final = replay(callbacks) as DeliveryStatus;
        const furthest = Math.max(...callbacks.map(position));
        expect(position(final)).toBe(furthest);
        // Among equally far statuses (the final outcomes), the first to arrive stands.
        expect(final).toBe(callbacks.find((s) => position(s) === furthest));
      }),
      { numRuns: 300 },
    );
  });

  it('is unaffected by a callback delivered twice', () => {
    fc.assert(
      fc.property(fc.array(status, { minLength: 1, maxLength: 10 }), fc.nat(), (callbacks, at) => {
        const i = at % callbacks.length;
        const doubled = [
          ...callbacks.slice(0, i + 1),
          callbacks[i] as DeliveryStatus,
          ...callbacks.slice(i + 1),
        ];
        expect(replay(doubled)).toBe(replay(callbacks));
      }),
      { numRuns: 300 },
    );
  });
});

describe('isDeliveryStatus', () => {
  it("accepts Twilio's outbound statuses", () => {
    for (const s of deliveryStatuses) expect(isDeliveryStatus(s)).toBe(true);
  });

  it('rejects inbound-only statuses, other casing, inherited keys and non-strings', () => {
    for (const value of [
      'received',
      'receiving',
      'Delivered',
      'constructor',
      'toString',
      '',
      5,
      null,
      undefined,
    ]) {
      expect(isDeliveryStatus(value)).toBe(false);
    }
  });
});
