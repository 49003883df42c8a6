import { type ConfigIssue, toConfigIssues } from '@sms-channel/config';
import { z } from 'zod';
import { agentConfigSchema } from './agent-config-schema.js';
import { gatewayConfigSchema } from './gateway-config-schema.js';

/**
 * The gateway app's own sections of the config file, beside `channels.sms` (which `@sms-channel/config`
 * validates). Loose at the root: `channels` and other tools' sections pass through.
 */
export const appConfigSchema = z.looseObject({
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
