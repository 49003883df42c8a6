import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from './merge-patch.js';

describe('applyMergePatch (RFC 7396)', () => {
  it('merges objects key by key', () => {
    expect(applyMergePatch({ a: { b: 1, c: 2 }, d: 3 }, { a: { c: 5 } })).toEqual({
      a: { b: 1, c: 5 },
      d: 3,
    });
  });

  it('deletes a key patched with null', () => {
    expect(applyMergePatch({ a: 1, b: 2 }, { a: null })).toEqual({ b: 2 });
  });

  it('replaces arrays instead of merging them', () => {
    expect(applyMergePatch({ allowFrom: ['+1', '+2'] }, { allowFrom: ['+3'] })).toEqual({
      allowFrom: ['+3'],
    });
  });

  it('replaces a non-object target by the patched object', () => {
    expect(applyMergePatch({ a: 'x' }, { a: { b: 1 } })).toEqual({ a: { b: 1 } });
  });

  it('drops nulls nested in a new object, as the RFC does', () => {
    expect(applyMergePatch({}, { a: { b: null, c: 1 } })).toEqual({ a: { c: 1 } });
  });

  it('modifies neither input', () => {
    const target = { a: { b: [1] } };
    const patch = { a: { c: [2] } };
    const result = applyMergePatch(target, patch) as { a: { c: number[] } };
    result.a.c.push(3);
    expect(target).toEqual({ a: { b: [1] } });
    expect(patch).toEqual({ a: { c: [2] } });
  });

  it('keeps a __proto__ key from a parsed patch as a plain property, never a prototype', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}');
    const result = applyMergePatch({}, patch) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(result)).toEqual(['__proto__']);
  });

  const json = fc.jsonValue({ maxDepth: 3 });
  it('is idempotent: applying a patch twice equals applying it once', () => {
    fc.assert(
      fc.property(json, json, (target, patch) => {
        const once = applyMergePatch(target, patch);
        expect(applyMergePatch(once, patch)).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});
