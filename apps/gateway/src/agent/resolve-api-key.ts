import { readFileSync } from 'node:fs';
import type { SecretRef } from '@sms-channel/config';
import { expandPath } from '../app-config/expand-path.js';
import { AgentConfigError } from './agent-error.js';

/**
 * The API key of an `openai` agent: a string, or a secret ref read once at start-up so a missing key stops
 * the gateway with a clear message instead of failing every turn. (The config package resolves refs for
 * `channels.sms` only; this follows the same rules: env var, or a file's content without its trailing newline.)
 */
export function resolveApiKey(
  apiKey: string | SecretRef | undefined,
  options: { env?: Readonly<Record<string, string | undefined>>; baseDir?: string } = {},
): string | undefined {
  if (apiKey === undefined || typeof apiKey === 'string') return apiKey;
  if (apiKey.provider !== undefined && apiKey.provider !== 'default') {
    throw new AgentConfigError(
      `agent.apiKey: secret provider "${apiKey.provider}" is not supported; use "default"`,
    );
  }
  if (apiKey.source === 'env') {
    const value = (options.env ?? process.env)[apiKey.id];
    if (value === undefined || value === '') {
      throw new AgentConfigError(`agent.apiKey: environment variable ${apiKey.id} is not set`);
    }
    return value;
  }
  const path = expandPath(apiKey.id, options.baseDir ?? process.cwd());
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AgentConfigError(`agent.apiKey: cannot read the key file ${path}`, { cause: error });
  }
  const value = text.replace(/[\r\n]+$/, '');
  if (value === '') throw new AgentConfigError(`agent.apiKey: the key file ${path} is empty`);
  return value;
}
