/**
 * JSON Merge Patch (RFC 7396): objects merge key by key, `null` deletes a key, anything else (arrays
 * included) replaces. Hand-written because the RFC's algorithm is a dozen lines and we need one property the
 * small libraries do not promise: keys such as `__proto__` from a parsed patch become plain own properties
 * and never touch a prototype.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `key` as a plain own property, even `__proto__`: assignment would call the prototype setter instead. */
export function defineOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) defineOwn(out, key, copy(inner));
  return out;
}

/** Applies `patch` to `target` and returns the result; neither input is modified. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return copy(patch);
  const result = isPlainObject(target) ? (copy(target) as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      defineOwn(result, key, applyMergePatch(Object.hasOwn(result, key) ? result[key] : undefined, value));
    }
  }
  return result;
}
