import { type ConfigIssue, toConfigIssues } from '@sms-channel/config';
import { z } from 'zod';
import { agentConfigSchema } from './agent-config-schema.js';
import { gatewayConfigSchema } from './gateway-config-schema.js';

/**
 * The top level of the gateway's config file: `channels` (whose `sms` section `@sms-channel/config` validates;
 * other channels under it are left alone, so a `channels` block copied from OpenClaw's config works as is) and
 * the app's own `agent` and `gateway` sections. Nothing else: a misspelt section (`gatway:`) would otherwise be
 * ignored without a word and its settings silently replaced by defaults. Other OpenClaw sections are refused
 * too: this file is not OpenClaw's (OpenClaw's `gateway` section has other keys, and OpenClaw refuses this
 * file's `agent`), so a section from there would do nothing here.
 */
export const appConfigSchema = z.strictObject({
  channels: z.unknown().optional(),
  agent: agentConfigSchema.default({ kind: 'echo' }),
  gateway: gatewayConfigSchema.default(() => gatewayConfigSchema.parse({})),
});

/** The app sections with defaults applied. */
export interface AppConfig {
  agent: z.infer<typeof agentConfigSchema>;
  gateway: z.infer<typeof gatewayConfigSchema>;
}

export type AppConfigValidation =
  | { ok: true; app: AppConfig; issues: [] }
  | { ok: false; issues: ConfigIssue[] };

/**
 * Validates `agent` and `gateway` of a whole config object. Issues carry absolute paths and "did you mean"
 * suggestions, like `channels.sms` ones. Usable as `patchConfigFile`'s `validate` option.
 */
export function validateAppConfig(config: unknown): AppConfigValidation {
  const parsed = appConfigSchema.safeParse(config);
  if (parsed.success)
    return { ok: true, app: { agent: parsed.data.agent, gateway: parsed.data.gateway }, issues: [] };
  return { ok: false, issues: toConfigIssues(parsed.error.issues, appConfigSchema) };
}

/** `validateAppConfig`'s issues alone: the shape `patchConfigFile({ validate })` takes. */
export function appConfigIssues(config: unknown): ConfigIssue[] {
  return validateAppConfig(config).issues;
}
