import { type AccountIssue, checkAccountRules } from './check-account-rules.js';
import { type ConfigIssue, dedupeIssues } from './config-issue.js';
import type { Env } from './env.js';
import { type AccountsPlan, planSmsAccounts } from './plan-accounts.js';
import { type SmsConfigSection, smsConfigSectionSchema } from './sms-channel-schema.js';
import { toConfigIssues } from './to-config-issues.js';

export interface ValidateConfigOptions {
  /**
   * Env vars that fill accounts (`ENV_VARS` the default one, `ENV_VARS_ALL_ACCOUNTS` every one), so they can
   * satisfy rules such as `allowlist` needing allowFrom.
   * @default process.env
   */
  env?: Env;
}

/** The outcome of `validateConfig`: `issues` holds the warnings when `ok`, and every error (and warning) when not. */
export type ConfigValidation =
  | { ok: true; config: SmsConfigSection; issues: ConfigIssue[] }
  | { ok: false; issues: ConfigIssue[] };

/** Internal: validation plus what the resolver needs from it. */
export type ConfigAnalysis =
  | {
      ok: true;
      config: SmsConfigSection;
      plan: AccountsPlan;
      issues: ConfigIssue[];
      accountIssues: AccountIssue[];
    }
  | { ok: false; issues: ConfigIssue[] };

export function analyzeConfig(config: unknown, env: Env): ConfigAnalysis {
  const parsed = smsConfigSectionSchema.safeParse(config);
  if (!parsed.success)
    return { ok: false, issues: toConfigIssues(parsed.error.issues, smsConfigSectionSchema) };
  const plan = planSmsAccounts(parsed.data.channels?.sms ?? {}, env);
  const accountIssues = checkAccountRules(plan);
  const issues = dedupeIssues([...plan.issues, ...accountIssues.map(({ accountId: _, ...issue }) => issue)]);
  if (issues.some((issue) => issue.severity === 'error')) return { ok: false, issues };
  return { ok: true, config: parsed.data, plan, issues, accountIssues };
}

/**
 * Validates the `channels.sms` section of a whole configuration object (`{ channels: { sms } }`): the strict
 * schema, then the rules across keys and accounts. Other sections and channels are left to the app. Returns
 * a value rather than throwing; `ConfigValidationError` is what the loaders throw with these issues.
 */
export function validateConfig(config: unknown, options: ValidateConfigOptions = {}): ConfigValidation {
  const analysis = analyzeConfig(config, options.env ?? process.env);
  return analysis.ok ? { ok: true, config: analysis.config, issues: analysis.issues } : analysis;
}
