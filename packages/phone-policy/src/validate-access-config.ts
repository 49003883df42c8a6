import { DEFAULT_DM_POLICY, DM_POLICIES, type DmPolicy, isDmPolicy } from './dm-policy.js';
import { ALLOW_ANY_SENDER, checkAllowFrom } from './normalize-allow-from.js';
import type { PhoneNumberOptions } from './parse-phone-number.js';

/** One problem, with the path of the offending key relative to the access config (`['allowFrom', 2]`). */
export interface AccessConfigIssue {
  path: (string | number)[];
  message: string;
}

/** Access settings as read from a config file: not yet trusted. */
export interface AccessConfigInput {
  /** @default 'pairing' */
  dmPolicy?: unknown;
  /** @default [] */
  allowFrom?: unknown;
}

export interface AccessConfig {
  dmPolicy: DmPolicy;
  /** Normalised E.164 numbers and possibly `"*"`, without duplicates. */
  allowFrom: string[];
}

export type AccessConfigResult =
  | { ok: true; value: AccessConfig; issues: [] }
  | { ok: false; issues: AccessConfigIssue[] };

export type ValidateAccessConfigOptions = Pick<PhoneNumberOptions, 'defaultCountry'>;

function checkPolicy(dmPolicy: unknown, issues: AccessConfigIssue[]): DmPolicy | undefined {
  if (dmPolicy === undefined) return DEFAULT_DM_POLICY;
  if (isDmPolicy(dmPolicy)) return dmPolicy;
  issues.push({
    path: ['dmPolicy'],
    message: `unknown dmPolicy ${JSON.stringify(dmPolicy) ?? String(dmPolicy)}; expected one of ${DM_POLICIES.join(', ')}`,
  });
  return undefined;
}

function checkEntries(
  allowFrom: unknown,
  options: ValidateAccessConfigOptions,
  issues: AccessConfigIssue[],
): string[] | undefined {
  if (allowFrom === undefined) return [];
  if (!Array.isArray(allowFrom)) {
    issues.push({ path: ['allowFrom'], message: 'allowFrom must be a list of E.164 numbers or "*"' });
    return undefined;
  }
  const result = checkAllowFrom(allowFrom, options);
  if (result.ok) return result.value;
  for (const issue of result.issues)
    issues.push({ path: ['allowFrom', issue.index], message: issue.message });
  return undefined;
}

function checkCombination(dmPolicy: DmPolicy, allowFrom: string[], issues: AccessConfigIssue[]): void {
  if (dmPolicy === 'allowlist' && allowFrom.length === 0) {
    issues.push({
      path: ['allowFrom'],
      message: 'dmPolicy "allowlist" needs at least one allowFrom entry, or nobody could write',
    });
  }
  if (dmPolicy === 'open' && !allowFrom.includes(ALLOW_ANY_SENDER)) {
    issues.push({
      path: ['allowFrom'],
      message: 'dmPolicy "open" lets anybody write; confirm it by adding "*" to allowFrom',
    });
  }
}

/**
 * Checks `dmPolicy` and `allowFrom` together and returns either the normalised settings or every issue with
 * its path, for the config library to report. A missing `dmPolicy` means `pairing`.
 */
export function validateAccessConfig(
  input: AccessConfigInput,
  options: ValidateAccessConfigOptions = {},
): AccessConfigResult {
  const issues: AccessConfigIssue[] = [];
  const dmPolicy = checkPolicy(input.dmPolicy, issues);
  const allowFrom = checkEntries(input.allowFrom, options, issues);
  if (dmPolicy !== undefined && allowFrom !== undefined) checkCombination(dmPolicy, allowFrom, issues);
  if (dmPolicy === undefined || allowFrom === undefined || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { dmPolicy, allowFrom }, issues: [] };
}
