/** Sent at most once per sender per pairing window when no code can be issued. */
export const PAIRING_LIMIT_NOTICE =
  'This assistant has too many pending pairing requests right now. Please try again later.';

/** The pairing SMS: the code, how long it lasts, and the command the owner runs to approve it. */
export function pairingMessage(code: string, expiresAt: number, approveCommand: string, now: number): string {
  const minutes = Math.max(1, Math.round((expiresAt - now) / 60_000));
  return `This assistant only answers approved numbers. Your pairing code is ${code} (valid ${minutes} min). The owner approves it with: ${approveCommand} ${code}`;
}

/** Outbound-log key of one pairing code's SMS: the log entry is what says the code was texted. */
export function pairingTurnKey(sender: string, code: string): string {
  return `pairing:${sender}:${code}`;
}

/** Outbound-log key of the "too many requests" notice: one per sender per pairing window. */
export function pairingLimitTurnKey(sender: string, window: number): string {
  return `pairing-limit:${sender}:${window}`;
}

/** The text a sender gets once the owner approved them (both hosts send it). */
export const APPROVED_TEXT = 'You are approved: text this number any time to talk to the assistant.';

/**
 * Outbound-log key of a sender's approval confirmation: one per sender, whichever path sends it, never twice
 * across restarts.
 */
export function approvalTurnKey(sender: string): string {
  return `pairing-approved:${sender}`;
}
