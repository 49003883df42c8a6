import { AgentError } from '@sms-channel/channel-runtime';

/** The turn took longer than the agent's `timeoutMs`. Transient. */
export class AgentTimeoutError extends AgentError {
  readonly timeoutMs: number;

  constructor(what: string, timeoutMs: number) {
    super('AGENT_TIMEOUT', `${what} did not answer within ${timeoutMs} ms`, { transient: true });
    this.name = 'AgentTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

/** The agent is set up wrongly (no such program, a key the endpoint refuses, an unknown model). Final. */
export class AgentConfigError extends AgentError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('AGENT_CONFIG', message, { transient: false, cause: options.cause });
    this.name = 'AgentConfigError';
  }
}

/** The command exited with a non-zero status or a signal. Transient (retried up to the queue's limit). */
export class AgentCommandError extends AgentError {
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The last lines of its stderr. */
  readonly stderrTail: string;

  constructor(command: string, exitCode: number | null, signal: string | null, stderrTail: string) {
    const how =
      exitCode === null ? `was killed by ${signal ?? 'a signal'}` : `exited with status ${exitCode}`;
    const tail = stderrTail.trim() === '' ? '' : `: ${stderrTail.trim()}`;
    super('AGENT_COMMAND_FAILED', `agent command ${command} ${how}${tail}`, { transient: true });
    this.name = 'AgentCommandError';
    this.exitCode = exitCode;
    this.signal = signal;
    this.stderrTail = stderrTail;
  }
}

/** The chat-completions endpoint answered an error or nonsense. Transient for 408, 429 and 5xx. */
export class AgentHttpError extends AgentError {
  readonly status: number;

  constructor(message: string, status: number, options: { transient: boolean; cause?: unknown }) {
    super('AGENT_HTTP_FAILED', message, options);
    this.name = 'AgentHttpError';
    this.status = status;
  }
}
