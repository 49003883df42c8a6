import { spawn } from 'node:child_process';
import { type Agent, AgentError, type AgentTurn } from '@sms-channel/channel-runtime';
import type { CommandAgentConfig } from '../app-config/agent-config-schema.js';
import { AgentCommandError, AgentConfigError, AgentTimeoutError } from './agent-error.js';

/** Largest reply read from stdout; an SMS reply past this is a runaway program. */
const MAX_STDOUT_BYTES = 1024 * 1024;
/** How much of stderr is kept for the error message. */
const STDERR_TAIL_BYTES = 2048;

export type CommandAgentOptions = Pick<CommandAgentConfig, 'command' | 'args' | 'timeoutMs'> &
  Partial<Pick<CommandAgentConfig, 'cwd' | 'env'>>;

function turnEnv(turn: AgentTurn): Record<string, string> {
  return {
    SMS_FROM: turn.sender,
    SMS_TO: turn.to ?? '',
    SMS_ACCOUNT_ID: turn.accountId,
    SMS_MESSAGE_SID: turn.messageSid,
    SMS_MEDIA_URLS: turn.media.map((media) => media.url).join(' '),
  };
}

/** Kills the whole process group: a shell script's children must not outlive a timed-out turn. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs a program per turn, without a shell: the message on stdin, metadata in `SMS_FROM`, `SMS_TO`,
 * `SMS_ACCOUNT_ID`, `SMS_MESSAGE_SID`, `SMS_MEDIA_URLS`; its stdout (markdown) is the reply, empty stdout
 * means no reply. A timeout kills its process group (`AgentTimeoutError`); a non-zero exit is an
 * `AgentCommandError` with the tail of stderr; a program that cannot be started is an `AgentConfigError`.
 */
export function createCommandAgent(options: CommandAgentOptions): Agent {
  return { kind: 'command', reply: (turn) => runCommand(options, turn) };
}

function runCommand(options: CommandAgentOptions, turn: AgentTurn): Promise<{ text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env, ...turnEnv(turn) },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so a timeout can kill everything it started.
      detached: true,
    });
    const stdout: Buffer[] = [];
    let stdoutBytes = 0;
    let stderr = Buffer.alloc(0);
    let failure: AgentError | undefined;
    const fail = (error: AgentError) => {
      failure ??= error;
      killGroup(child.pid);
    };
    const timer = setTimeout(
      () => fail(new AgentTimeoutError(`agent command ${options.command}`, options.timeoutMs)),
      options.timeoutMs,
    );
    const onAbort = () =>
      fail(new AgentError('AGENT_ABORTED', 'the turn was abandoned (shutdown)', { transient: true }));
    turn.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_STDOUT_BYTES) {
        fail(
          new AgentCommandError(
            options.command,
            null,
            'SIGKILL',
            `stdout exceeded ${MAX_STDOUT_BYTES} bytes`,
          ),
        );
      } else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = Buffer.concat([stderr, chunk]).subarray(-STDERR_TAIL_BYTES);
    });
    // A program that exits without reading its stdin makes the write fail with EPIPE: not an error of the turn.
    child.stdin.on('error', () => {});
    child.stdin.end(turn.text);
    child.on('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT' ? 'was not found' : `could not be started (${error.code ?? error.message})`;
      fail(new AgentConfigError(`agent command ${options.command} ${reason}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      turn.signal?.removeEventListener('abort', onAbort);
      if (failure !== undefined) reject(failure);
      else if (code !== 0)
        reject(new AgentCommandError(options.command, code, signal, stderr.toString('utf8')));
      else resolve({ text: Buffer.concat(stdout).toString('utf8').trim() });
    });
  });
}
