import { resolveSecretRef, type SecretRef } from '@sms-channel/config';
import { AgentConfigError } from './agent-error.js';

/**
 * The API key of an `openai` agent: a string, or a secret ref read once at start-up so a missing key stops the
 * gateway with a clear message instead of failing every turn. Read by the config package's `resolveSecretRef`,
 * the one code path of `channels.sms` secrets too (env var, or a file's content without its trailing newline;
 * the same refusals, worded the same); its failure becomes an `AgentConfigError` naming `agent.apiKey`.
 */
export function resolveApiKey(
  apiKey: string | SecretRef | undefined,
  options: { env?: Readonly<Record<string, string | undefined>>; baseDir?: string } = {},
): string | undefined {
  if (apiKey === undefined || typeof apiKey === 'string') return apiKey;
  try {
    return resolveSecretRef(apiKey, ['agent', 'apiKey'], {
      env: options.env ?? process.env,
      baseDir: options.baseDir ?? process.cwd(),
    }).value;
  } catch (error) {
    throw new AgentConfigError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}
