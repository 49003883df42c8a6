import type { Agent } from '@sms-channel/channel-runtime';
import type { ConversationHistory } from '@sms-channel/store';
import type { AgentConfig } from '../app-config/agent-config-schema.js';
import { createCommandAgent } from './command-agent.js';
import { createEchoAgent } from './echo-agent.js';
import { createOpenAiAgent } from './openai-agent.js';
import { resolveApiKey } from './resolve-api-key.js';

export interface CreateAgentOptions {
  /** The conversation history (the store), for `openai`. */
  history: Pick<ConversationHistory, 'listConversationTurns' | 'appendConversationTurn'>;
  /** For secret refs. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Relative file refs and a relative `cwd` are resolved against it (the config file's directory). */
  baseDir?: string;
}

/** The agent the `agent` config section describes. Throws `AgentConfigError` when its key cannot be read. */
export function createAgent(config: AgentConfig, options: CreateAgentOptions): Agent {
  switch (config.kind) {
    case 'echo':
      return createEchoAgent();
    case 'command':
      return createCommandAgent(config);
    case 'openai':
      return createOpenAiAgent({
        ...config,
        apiKey: resolveApiKey(config.apiKey, { env: options.env, baseDir: options.baseDir }),
        history: options.history,
      });
  }
}
