import type { FormParams } from './form-body.js';
import { sortedKeysOf } from './sorted-keys.js';

/**
 * The part of the signed string that follows the URL: every parameter name in sorted order, each
 * immediately followed by its value.
 *
 * Twilio: "sort the list of POST variables by the parameter name (using Unix-style case-sensitive
 * sorting order), iterate through the sorted list and append the variable name and value (with no
 * delimiters) to the end of the URL string". A repeated key is handled as Twilio's Node SDK does:
 * its distinct values, sorted, each preceded by the key.
 *
 * Returns undefined when `params` is not a plain record of strings or string arrays (only possible
 * from untyped callers), so the verifier can refuse it instead of throwing.
 */
export function signedPayloadOf(params: unknown): string | undefined {
  if (params === undefined || params === null) return '';
  if (typeof params !== 'object' || Array.isArray(params)) return undefined;
  const record = params as FormParams;
  let payload = '';
  for (const key of sortedKeysOf(record)) {
    const value: unknown = record[key];
    if (typeof value === 'string') {
      payload += key + value;
      continue;
    }
    const repeated = Array.isArray(value) ? repeatedKeyPayload(key, value) : undefined;
    if (repeated === undefined) return undefined;
    payload += repeated;
  }
  return payload;
}

/** A repeated key's distinct values, sorted, each preceded by the key; undefined if not all strings. */
function repeatedKeyPayload(key: string, values: readonly unknown[]): string | undefined {
  for (const value of values) if (typeof value !== 'string') return undefined;
  let part = '';
  for (const value of Array.from(new Set(values as readonly string[])).sort()) part += key + value;
  return part;
}
