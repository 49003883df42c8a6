import { parseSmsTarget } from '@sms-channel/phone-policy';
import type { HostTargetResolution } from './host-types.js';

/** The prefix, beyond the channel id `sms`, that selects this channel in `--target twilio-sms:+1...`. */
export const SMS_TARGET_PREFIXES = ['twilio-sms'] as const;

/** Shown by the host when a target is missing or wrong. */
export const SMS_TARGET_HINT = 'sms:+15551234567, twilio-sms:+15551234567 or +15551234567';

/**
 * `messaging.normalizeTarget`: `sms:+1...`, `twilio-sms:+1...` or a bare number (the host passes the target
 * with its prefix) to the E.164 number; `undefined` for anything that is not a phone number of this channel.
 */
export function normalizeSmsTarget(raw: string): string | undefined {
  try {
    return parseSmsTarget(raw).to;
  } catch {
    return undefined;
  }
}

/** `messaging.targetResolver.looksLikeId`: without it the host looks a phone number up in a directory. */
export function looksLikeSmsTarget(raw: string, normalized?: string): boolean {
  return normalizeSmsTarget(normalized ?? raw) !== undefined || normalizeSmsTarget(raw) !== undefined;
}

/**
 * `outbound.resolveTarget`: the target, else the account's `defaultTo`; a clear error naming what is wrong
 * with the number otherwise.
 */
export function resolveSmsTarget(
  to: string | undefined,
  defaultTo: string | undefined,
): HostTargetResolution {
  const target = to?.trim() === '' ? undefined : to?.trim();
  if (target === undefined) {
    if (defaultTo !== undefined) return { ok: true, to: defaultTo };
    return {
      ok: false,
      error: new Error(`an SMS target is required (${SMS_TARGET_HINT}), or set channels.sms.defaultTo`),
    };
  }
  try {
    return { ok: true, to: parseSmsTarget(target).to };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}
