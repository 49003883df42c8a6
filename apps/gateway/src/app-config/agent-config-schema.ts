import { secretRefSchema } from '@sms-channel/config';
import { z } from 'zod';

/**
 * The `agent` section: who writes the replies. `echo` needs nothing and shows the whole loop working;
 * `command` runs a program per turn; `openai` calls any OpenAI-compatible chat-completions endpoint.
 */

/** How long a command or model call may take before the turn fails (and is retried later). */
export const DEFAULT_AGENT_TIMEOUT_MS = 60_000;
/** Earlier turns (user and assistant messages) sent to the model with each new message. */
export const DEFAULT_HISTORY_TURNS = 10;

const timeoutMs = z
  .int({ error: 'timeoutMs must be a whole number of milliseconds' })
  .min(1)
  .max(15 * 60_000, { error: 'timeoutMs must be at most 900000 (15 minutes)' });

export const echoAgentConfigSchema = z.strictObject({
  kind: z.literal('echo'),
});

export const commandAgentConfigSchema = z.strictObject({
  kind: z.literal('command'),
  /** The program (a path, or a name found on PATH); run without a shell. */
  command: z.string().min(1, { error: 'agent.command must name a program' }),
  /** Arguments passed as they are (no shell expansion). @default [] */
  args: z.array(z.string()).default([]),
  /** Working directory. @default the gateway's */
  cwd: z.string().min(1).optional(),
  /** Extra environment variables, on top of the gateway's. */
  env: z.record(z.string(), z.string()).optional(),
  /** @default 60000 */
  timeoutMs: timeoutMs.default(DEFAULT_AGENT_TIMEOUT_MS),
  /**
   * `text`: the message on stdin, the reply (markdown) on stdout. `json`: the whole turn as JSON on stdin
   * (`{ text, from, to, accountId, messageSid, media: [{ path, contentType, size, url }] }`) and a JSON reply on
   * stdout (`{ "text": "...", "media": [{ "url": "https://..." } | { "path": "/abs/file.jpg", "contentType"? }] }`),
   * for programs that read or send media. Media file paths are in the environment in both.
   * @default "text"
   */
  protocol: z.enum(['text', 'json']).default('text'),
});

const apiKey = z.union([z.string().min(1, { error: 'apiKey must not be empty' }), secretRefSchema], {
  error: 'apiKey must be a string or a secret ref { source: "env" | "file", provider: "default", id }',
});

export const openaiAgentConfigSchema = z.strictObject({
  kind: z.literal('openai'),
  /** Up to, not including, `/chat/completions`, e.g. `https://api.openai.com/v1`. */
  baseUrl: z.url({ protocol: /^https?$/, error: 'baseUrl must be an absolute http(s) URL' }),
  model: z.string().min(1, { error: 'model must name a model' }),
  /** The key, or a secret ref to it (`{ source: "env", id: "OPENAI_API_KEY" }`). Optional for local servers. */
  apiKey: apiKey.optional(),
  systemPrompt: z.string().optional(),
  /** @default 10 */
  historyTurns: z.int().min(0).max(200).default(DEFAULT_HISTORY_TURNS),
  /** @default 60000 */
  timeoutMs: timeoutMs.default(DEFAULT_AGENT_TIMEOUT_MS),
  maxTokens: z.int().min(1).optional(),
});

export const agentConfigSchema = z.discriminatedUnion(
  'kind',
  [echoAgentConfigSchema, commandAgentConfigSchema, openaiAgentConfigSchema],
  {
    error: (issue) => {
      const kind =
        typeof issue.input === 'object' && issue.input !== null
          ? Reflect.get(issue.input, 'kind')
          : undefined;
      const given = kind === undefined ? 'missing' : `not ${JSON.stringify(kind)}`;
      return `the agent kind must be "echo", "command" or "openai" (${given})`;
    },
  },
);

export type EchoAgentConfig = z.infer<typeof echoAgentConfigSchema>;
export type CommandAgentConfig = z.infer<typeof commandAgentConfigSchema>;
export type OpenAiAgentConfig = z.infer<typeof openaiAgentConfigSchema>;
export type AgentConfig = z.infer<typeof agentConfigSchema>;
