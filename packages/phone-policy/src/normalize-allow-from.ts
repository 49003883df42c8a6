import { type AllowFromEntryIssue, InvalidAllowFromError } from './errors.js';
import { type PhoneNumberOptions, parsePhoneNumberInput } from './parse-phone-number.js';
import { cleanPastedNumberText } from './pasted-number-text.js';

/** The `allowFrom` entry that matches every sender (required by `dmPolicy: "open"`). */
export const ALLOW_ANY_SENDER = '*';

export type NormalizeAllowFromOptions = PhoneNumberOptions;

export type AllowFromResult = { ok: true; value: string[] } | { ok: false; issues: AllowFromEntryIssue[] };

/**
 * Normalises `allowFrom` entries without throwing: E.164 numbers (an `sms:` or `tel:` prefix is accepted) and
 * `"*"`, duplicates dropped (first one kept), or every invalid entry with its index.
 */
export function checkAllowFrom(
  entries: readonly unknown[],
  options: NormalizeAllowFromOptions = {},
): AllowFromResult {
  const value: string[] = [];
  const seen = new Set<string>();
  const issues: AllowFromEntryIssue[] = [];
  entries.forEach((entry, index) => {
    const normalized = normalizeEntry(entry, options);
    if ('issue' in normalized) {
      issues.push({ index, entry, ...normalized.issue });
      return;
    }
    if (!seen.has(normalized.value)) {
      seen.add(normalized.value);
      value.push(normalized.value);
    }
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value };
}

function normalizeEntry(
  entry: unknown,
  options: NormalizeAllowFromOptions,
): { value: string } | { issue: Pick<AllowFromEntryIssue, 'reason' | 'message'> } {
  if (typeof entry === 'string' && cleanPastedNumberText(entry).trim() === ALLOW_ANY_SENDER) {
    return { value: ALLOW_ANY_SENDER };
  }
  const parsed = parsePhoneNumberInput(entry, options);
  if (parsed.ok) return { value: parsed.e164 };
  const shown = typeof entry === 'string' ? JSON.stringify(entry) : `a ${typeof entry}`;
  return {
    issue: { reason: parsed.reason, message: `${shown} is not a phone number or "*": ${parsed.detail}` },
  };
}

/**
 * Normalises `allowFrom` entries (see `checkAllowFrom`) and throws one `InvalidAllowFromError` listing every
 * invalid entry, rather than silently dropping any.
 */
export function normalizeAllowFrom(
  entries: readonly string[],
  options: NormalizeAllowFromOptions = {},
): string[] {
  const result = checkAllowFrom(entries, options);
  if (!result.ok) throw new InvalidAllowFromError(result.issues);
  return result.value;
}
