import { type Agent, AgentError, type AgentTurn } from '@sms-channel/channel-runtime';
import type { ConversationHistory } from '@sms-channel/store';
import { parseRetryAfter, retryWithBackoff } from '@sms-channel/twilio-messaging';
import { z } from 'zod';
import { AgentConfigError, AgentHttpError, AgentTimeoutError } from './agent-error.js';
import { type ContentPart, describeMedia, extractReplyImages, userContentParts } from './agent-media.js';

export interface OpenAiAgentOptions {
  /** Up to, not including, `/chat/completions`. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string | undefined;
  systemPrompt?: string | undefined;
  /** Earlier messages (user and assistant) sent with each turn. */
  historyTurns: number;
  timeoutMs: number;
  maxTokens?: number | undefined;
  /** Where the conversation is kept (the gateway's store). */
  history: Pick<ConversationHistory, 'listConversationTurns' | 'appendConversationTurn'>;
  /** Attempts per turn for 429 / 5xx / network failures. @default 3 */
  maxAttempts?: number;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** @default node's timers (a wait ends when the turn's signal aborts) */
  sleep?: (ms: number) => Promise<void>;
}

const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
});

const errorSchema = z.object({ error: z.object({ message: z.string() }) });

type ChatMessage = { role: 'system' | 'user' | 'assistant'; content: string | ContentPart[] };

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, a local llama.cpp / Ollama / vLLM server...). Each
 * turn sends the system prompt, the sender's last `historyTurns` messages from the store and the new message;
 * both sides of a successful turn are stored. An MMS's pictures go as image content parts (vision models),
 * other media as a short description; markdown images in the answer go back as MMS media. 429, 5xx and network failures are retried (honouring
 * `Retry-After`), then reported as transient; 401/403/404 say which setting is wrong and are final.
 */
export function createOpenAiAgent(options: OpenAiAgentOptions): Agent {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    kind: 'openai',
    reply: async (turn) => {
      const previous =
        options.historyTurns === 0
          ? []
          : await options.history.listConversationTurns(turn.accountId, turn.sender, {
              limit: options.historyTurns,
            });
      const messages: ChatMessage[] = [
        ...(options.systemPrompt ? [{ role: 'system' as const, content: options.systemPrompt }] : []),
        ...previous.map((entry) => ({ role: entry.role, content: entry.content })),
        {
          role: 'user',
          content: turn.media.length === 0 ? turn.text : await userContentParts(turn.text, turn.media),
        },
      ];
      const answer = await complete(url, messages, options, turn.signal);
      await options.history.appendConversationTurn(turn.accountId, turn.sender, {
        role: 'user',
        content: historyContent(turn),
      });
      if (answer !== '') {
        await options.history.appendConversationTurn(turn.accountId, turn.sender, {
          role: 'assistant',
          content: answer,
        });
      }
      // Images the model puts in its answer (`![alt](https://...)`) go as MMS media with it.
      const { text, media } = extractReplyImages(answer);
      return media.length === 0 ? { text } : { text, media };
    },
  };
}

/** The user's message as the history keeps it: the text, and each attachment described (never its bytes). */
function historyContent(turn: AgentTurn): string {
  if (turn.media.length === 0) return turn.text;
  const media = turn.media.map(describeMedia).join('\n');
  return turn.text === '' ? media : `${turn.text}\n${media}`;
}

function complete(
  url: string,
  messages: ChatMessage[],
  options: OpenAiAgentOptions,
  signal: AbortSignal | undefined,
): Promise<string> {
  return retryWithBackoff(() => requestOnce(url, messages, options, signal), {
    maxAttempts: options.maxAttempts ?? 3,
    baseDelayMs: 500,
    maxDelayMs: 10_000,
    // Any Retry-After is waited out: the turn's error carries no retry time for the queue to honour.
    maxRetryAfterMs: Number.POSITIVE_INFINITY,
    sleep: options.sleep,
    signal,
    failureOf: (thrown) => (thrown instanceof RetryableFailure ? thrown : undefined),
    giveUp: (failure, attempts) => failure.toAgentError(attempts),
  });
}

/** A failure worth another attempt; becomes a transient `AgentError` when attempts run out. */
class RetryableFailure extends Error {
  readonly retryable = true;

  constructor(
    message: string,
    readonly status: number,
    readonly retryAfterMs: number | undefined,
    readonly timeoutMs?: number,
  ) {
    super(message);
  }

  toAgentError(attempts: number): AgentError {
    if (this.timeoutMs !== undefined)
      return new AgentTimeoutError('the chat-completions endpoint', this.timeoutMs);
    return new AgentHttpError(`${this.message} (after ${attempts} attempts)`, this.status, {
      transient: true,
    });
  }
}

async function requestOnce(
  url: string,
  messages: ChatMessage[],
  options: OpenAiAgentOptions,
  turnSignal: AbortSignal | undefined,
): Promise<string> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = turnSignal === undefined ? timeout : AbortSignal.any([timeout, turnSignal]);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(options.apiKey === undefined ? {} : { Authorization: `Bearer ${options.apiKey}` }),
      },
      body: JSON.stringify({
        model: options.model,
        messages,
        ...(options.maxTokens === undefined ? {} : { max_tokens: options.maxTokens }),
      }),
      signal,
    });
  } catch (error) {
    if (turnSignal?.aborted)
      throw new AgentError('AGENT_ABORTED', 'the turn was abandoned (shutdown)', { transient: true });
    if (timeout.aborted) throw new RetryableFailure('timed out', 0, undefined, options.timeoutMs);
    throw new RetryableFailure(`cannot reach ${url}: ${(error as Error).message}`, 0, undefined);
  }
  const body = await response.text().catch(() => '');
  if (response.ok) return parseCompletion(body, url);
  throw httpFailure(response, body, url, options.model);
}

function parseCompletion(body: string, url: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new AgentHttpError(`${url} answered 200 with a body that is not JSON`, 200, { transient: true });
  }
  const parsed = completionSchema.safeParse(json);
  if (!parsed.success) {
    throw new AgentHttpError(`${url} answered 200 without choices[0].message.content`, 200, {
      transient: false,
    });
  }
  return (parsed.data.choices[0]?.message.content ?? '').trim();
}

function httpFailure(response: Response, body: string, url: string, model: string): Error {
  let detail = '';
  try {
    const parsed = errorSchema.safeParse(JSON.parse(body));
    if (parsed.success) detail = `: ${parsed.data.error.message}`;
  } catch {
    // Not JSON: the status says enough.
  }
  const status = response.status;
  const what = `chat-completions endpoint ${url} answered HTTP ${status}${detail}`;
  if (status === 408 || status === 429 || status >= 500) {
    return new RetryableFailure(what, status, parseRetryAfter(response.headers.get('retry-after')));
  }
  if (status === 401 || status === 403) return new AgentConfigError(`${what}; check agent.apiKey`);
  if (status === 404)
    return new AgentConfigError(`${what}; check agent.baseUrl and agent.model ("${model}")`);
  return new AgentHttpError(what, status, { transient: false });
}
