import { defineOwn, isPlainObject } from './merge-patch.js';

/**
 * Keys whose string values are secrets, in any section (the app's own tokens and keys too): `authToken`,
 * and anything ending in token, secret, password or api key. `maxTokens` and the like do not match.
 */
const SECRET_KEY = /(?:token|secret|password|passwd|api[_-]?key|private[_-]?key)$/i;
const MASK = '****';
/** Below this length, even 4 characters would give away too much of the secret. */
const MIN_LENGTH_TO_SHOW_TAIL = 12;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key);
}

/** `"0123456789abcdef0123456789abcdef"` -> `"****cdef"`; short secrets are masked entirely. */
export function redactSecret(value: string): string {
  return value.length >= MIN_LENGTH_TO_SHOW_TAIL ? `${MASK}${value.slice(-4)}` : MASK;
}

function redact(value: unknown, key: string | undefined): unknown {
  if (typeof value === 'string') return key !== undefined && isSecretKey(key) ? redactSecret(value) : value;
  if (Array.isArray(value)) return value.map((item) => redact(item, key));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [inner, innerValue] of Object.entries(value)) {
    defineOwn(out, inner, redact(innerValue, inner));
  }
  return out;
}

/**
 * A copy of a configuration safe to print or log: secret strings show only their last 4 characters. Secret
 * refs (`{ source, provider, id }`) are kept, since they name where a secret is, not the secret.
 */
export function redactConfig<T>(config: T): T {
  return redact(config, undefined) as T;
}
