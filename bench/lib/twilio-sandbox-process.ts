/**
 * @module bench/lib/twilio-sandbox-process
 * Starts the sandbox as Twilio in a child process (`twilio-sandbox-child.ts`) and talks to it: how many replies it
 * was asked to send and status callbacks it posted so far, and, at the end, whether every acknowledged text got
 * exactly one reply.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SandboxStats {
  /** Messages created through the REST API (the gateway's sends). */
  outbound: number;
  /** Texts answered at least once. */
  firstReplies: number;
  /** Sends whose body carries no ` (ref <id>)` tag. */
  untagged: number;
  /** Status callbacks the gateway answered 2xx / not (error status, timeout, refused). */
  statusCallbacksOk: number;
  statusCallbacksFailed: number;
  /** Final status callbacks (delivered, undelivered, failed) attempted: equals `outbound` once all settled. */
  finalCallbacks: number;
}

export interface ExactlyOnceCheck {
  /** Texts that should have a reply: the ids sent, less those not answered 200. */
  expected: number;
  lost: number;
  /** Replies beyond the first, over all texts. */
  duplicated: number;
  /** Texts answered that were not expected to be (e.g. not acknowledged, yet admitted). */
  unexpected: number;
  /** A few lost ids, to look up. */
  lostSample: number[];
}

export type SandboxChildRequest =
  | { type: 'stats' }
  | { type: 'check'; ranges: [number, number][]; refused: number[] };

export type SandboxChildReply =
  | { type: 'ready'; url: string }
  | ({ type: 'stats' } & SandboxStats)
  | ({ type: 'check' } & ExactlyOnceCheck);

export interface TwilioSandboxProcess {
  url: string;
  pid: number;
  stats(): Promise<SandboxStats>;
  check(ranges: [number, number][], refused: number[]): Promise<ExactlyOnceCheck>;
  stop(): Promise<void>;
}

export async function startTwilioSandboxProcess(options: {
  deliveryDelayMs?: number;
  /** Heap limit of the child, MiB: it keeps every message. @default 8192 */
  maxOldSpaceMiB?: number;
}): Promise<TwilioSandboxProcess> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./twilio-sandbox-child.ts', import.meta.url)),
    [JSON.stringify({ deliveryDelayMs: options.deliveryDelayMs })],
    {
      execArgv: ['--import', 'tsx', `--max-old-space-size=${options.maxOldSpaceMiB ?? 8192}`],
      stdio: 'inherit',
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // One request at a time per type: answers come back in order.
  const ask = <T extends SandboxChildReply['type']>(type: T, request?: SandboxChildRequest) =>
    new Promise<Extract<SandboxChildReply, { type: T }>>((resolve, reject) => {
      const onExit = () => reject(new Error(`the sandbox process exited (waiting for "${type}")`));
      const onMessage = (reply: SandboxChildReply) => {
        if (reply.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(reply as Extract<SandboxChildReply, { type: T }>);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      if (request !== undefined) child.send(request);
    });
  const ready = await ask('ready');
  return {
    url: ready.url,
    pid: child.pid ?? 0,
    stats: async () => {
      const { type: _, ...stats } = await ask('stats', { type: 'stats' });
      return stats;
    },
    check: async (ranges, refused) => {
      const { type: _, ...result } = await ask('check', { type: 'check', ranges, refused });
      return result;
    },
    async stop() {
      if (child.connected) child.disconnect();
      await exited;
    },
  };
}
