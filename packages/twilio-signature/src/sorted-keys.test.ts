import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedKeysOf } from './sorted-keys.js';

describe('sortedKeysOf', () => {
  it('sorts by UTF-16 code units, like Array.prototype.sort, for any sequence of records', () => {
    // Runs of records with the same names (the reuse case) mixed with different ones, short lists
    // (insertion sort) and long ones (Array.prototype.sort).
    const names = fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 40 });
    fc.assert(
      fc.property(fc.array(fc.tuple(names, fc.nat(3)), { maxLength: 12 }), (runs) => {
        for (const [keys, repeats] of runs) {
          const record = Object.fromEntries(keys.map((key) => [key, 'v']));
          for (let i = 0; i <= repeats; i++) {
            expect(sortedKeysOf(record)).toEqual(Object.keys(record).sort());
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('re-sorts when the names are the same but arrive in another order', () => {
    expect(sortedKeysOf({ b: '', a: '', c: '' })).toEqual(['a', 'b', 'c']);
    expect(sortedKeysOf({ c: '', b: '', a: '' })).toEqual(['a', 'b', 'c']);
    expect(sortedKeysOf({ c: '', b: '', d: '' })).toEqual(['b', 'c', 'd']);
  });
});
