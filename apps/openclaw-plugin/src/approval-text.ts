/**
 * The text an approved sender gets, the same as the standalone gateway's `pairing approve --notify` sends
 * (apps/gateway's `APPROVED_TEXT`).
 */
export const SMS_APPROVED_TEXT = 'You are approved: text this number any time to talk to the assistant.';

/**
 * The outbound-log key of a sender's confirmation: one confirmation per sender, whichever path sends it (the
 * plugin's approval notices, or the host's `pairing.notifyApproval`), and never twice across restarts.
 */
export function approvalTurnKey(sender: string): string {
  return `pairing-approved:${sender}`;
}
