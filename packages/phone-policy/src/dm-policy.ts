/**
 * Who may start a conversation with the assistant:
 * - `pairing`: allowFrom and the senders the owner approved through pairing; anybody else is sent a pairing
 *   code for the owner to approve;
 * - `allowlist`: allowFrom only (earlier pairing approvals do not count);
 * - `open`: everybody (must be stated explicitly with `"*"` in allowFrom; without it, allowFrom only);
 * - `disabled`: nobody.
 */
export const DM_POLICIES = ['pairing', 'allowlist', 'open', 'disabled'] as const;

export type DmPolicy = (typeof DM_POLICIES)[number];

/** The policy when none is configured: the safe one that still lets the owner in. */
export const DEFAULT_DM_POLICY: DmPolicy = 'pairing';

export function isDmPolicy(value: unknown): value is DmPolicy {
  return typeof value === 'string' && (DM_POLICIES as readonly string[]).includes(value);
}
