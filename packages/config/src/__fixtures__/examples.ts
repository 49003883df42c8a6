import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import JSON5 from 'json5';

export const EXAMPLES_DIR = fileURLToPath(new URL('./examples/', import.meta.url));

/** An example configuration from `__fixtures__/examples/<name>.json5`, parsed. */
export function example(name: string): Record<string, unknown> {
  return JSON5.parse(readFileSync(`${EXAMPLES_DIR}${name}.json5`, 'utf8'));
}

export const ACCOUNT_SID = 'ACf00dcafef00dcafef00dcafef00dcafe';
export const AUTH_TOKEN = '0123456789abcdef0123456789abcdef';
export const SERVICE_SID = 'MG0123456789abcdef0123456789abcdef';
/** Numbers libphonenumber knows as assigned (so they draw no warning). */
export const FROM = '+14155238886';
export const OWNER = '+14158675309';
/** A fictional 555 number: possible, not assigned. */
export const FICTIONAL = '+15551234567';

/** `{ channels: { sms } }` */
export function smsConfig(sms: Record<string, unknown>): Record<string, unknown> {
  return { channels: { sms } };
}
