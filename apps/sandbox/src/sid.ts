import { randomBytes } from 'node:crypto';

/** The two-letter prefixes of the Twilio resources the sandbox creates. */
export type SidPrefix = 'SM' | 'MM' | 'ME' | 'PN' | 'MG' | 'AC' | 'NO';

/** A Twilio resource SID: two letters naming the resource type, then 32 lowercase hex digits. */
export function createSid(prefix: SidPrefix): string {
  return prefix + randomBytes(16).toString('hex');
}

/** True when `value` is shaped like a SID of the given prefix (`AC` + 32 hex, ...). */
export function isSid(value: string, prefix: SidPrefix): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
