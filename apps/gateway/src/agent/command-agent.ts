import { spawn } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { type Agent, AgentError, type AgentReply, type AgentTurn } from '@sms-channel/channel-runtime';
import { z } from 'zod';
import type { CommandAgentConfig } from '../app-config/agent-config-schema.js';
import { AgentCommandError, AgentConfigError, AgentTimeoutError } from './agent-error.js';

/** Largest reply read from stdout; an SMS reply past this is a runaway program. */
const MAX_STDOUT_BYTES = 1024 * 1024;
/** How much of stderr is kept for the error message. */
const STDERR_TAIL_BYTES = 2048;

export type CommandAgentOptions = Pick<CommandAgentConfig, 'command' | 'args' | 'timeoutMs'> &
  Partial<Pick<CommandAgentConfig, 'cwd' | 'env' | 'protocol'>>;

/** The media of a turn as the program gets them (env `SMS_MEDIA_JSON`, and `media` of the JSON turn). */
function mediaJson(turn: AgentTurn) {
  return turn.media.map(({ path, contentType, size, url }) => ({ path, contentType, size, url }));
}

function turnEnv(turn: AgentTurn): Record<string, string> {
  return {
    SMS_FROM: turn.sender,
    SMS_TO: turn.to ?? '',
    SMS_ACCOUNT_ID: turn.accountId,
    SMS_MESSAGE_SID: turn.messageSid,
    SMS_MEDIA_COUNT: String(turn.media.length),
    // Paths we chose (`<stateDir>/media/inbound/<account>/<MessageSid>/<i>-<MediaSid>.<ext>`): no newline in them.
    SMS_MEDIA_FILES: turn.media.map((media) => media.path).join('\n'),
    SMS_MEDIA_TYPES: turn.media.map((media) => media.contentType).join('\n'),
    SMS_MEDIA_JSON: JSON.stringify(mediaJson(turn)),
    SMS_MEDIA_URLS: turn.media.map((media) => media.url).join(' '),
  };
}

/** What a `protocol: "json"` program prints. */
const jsonReplySchema = z.strictObject({
  text: z.string().default(''),
  media: z
    .array(
      z.union([
        z.strictObject({ url: z.url({ protocol: /^https?$/ }), contentType: z.string().optional() }),
        z.strictObject({
          path: z.string().refine(isAbsolute, { error: 'media path must be absolute' }),
          contentType: z.string().optional(),
        }),
      ]),
    )
    .max(10)
    .optional(),
});

function parseJsonReply(command: string, stdout: string): AgentReply {
  if (stdout === '') return { text: '' };
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new AgentConfigError(
      `agent command ${command} (protocol "json") printed something that is not JSON`,
    );
  }
  const parsed = jsonReplySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    throw new AgentConfigError(
      `agent command ${command} (protocol "json") printed a bad reply${where}: ${issue?.message ?? ''}`,
    );
  }
  const { text, media } = parsed.data;
  return media === undefined || media.length === 0 ? { text } : { text, media };
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
 * `SMS_ACCOUNT_ID`, `SMS_MESSAGE_SID`, and the MMS media in `SMS_MEDIA_COUNT`, `SMS_MEDIA_FILES` (paths, one per
 * line), `SMS_MEDIA_TYPES`, `SMS_MEDIA_JSON` and `SMS_MEDIA_URLS`; its stdout (markdown) is the reply, empty stdout
 * means no reply. With `protocol: "json"` the turn is JSON on stdin and the reply JSON on stdout (media included). A timeout kills its process group (`AgentTimeoutError`); a non-zero exit is an
 * `AgentCommandError` with the tail of stderr; a program that cannot be started is an `AgentConfigError`.
 */
export function createCommandAgent(options: CommandAgentOptions): Agent {
  return { kind: 'command', reply: (turn) => runCommand(options, turn) };
}

function stdinOf(options: CommandAgentOptions, turn: AgentTurn): string {
  if (options.protocol !== 'json') return turn.text;
  const { text, sender, to, accountId, messageSid } = turn;
  return JSON.stringify({
    text,
    from: sender,
    to: to ?? null,
    accountId,
    messageSid,
    media: mediaJson(turn),
  });
}

function runCommand(options: CommandAgentOptions, turn: AgentTurn): Promise<AgentReply> {
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
    child.stdin.end(stdinOf(options, turn));
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
      else {
        const output = Buffer.concat(stdout).toString('utf8').trim();
        try {
          resolve(options.protocol === 'json' ? parseJsonReply(options.command, output) : { text: output });
        } catch (error) {
          reject(error);
        }
      }
    });
  });
}
