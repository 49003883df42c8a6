import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  approvalTurnKey,
  createTwilioOutbound,
  isChannelRuntimeError,
  type Logger,
  APPROVED_TEXT as SMS_APPROVED_TEXT,
  sendText,
} from '@sms-channel/channel-runtime';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { SqliteGatewayStore } from '@sms-channel/store';
import type { HostPairing } from './host-types.js';
import { normalizeSmsTarget } from './sms-targets.js';

export interface ApprovalNoticesOptions {
  account: ResolvedSmsAccount;
  /** The account's store: opt-outs, and the outbound log that keeps each confirmation sent once. */
  store: SqliteGatewayStore;
  /** `channelRuntime.pairing`: the host's approved senders (`readAllowFromStore`). */
  pairing: () => Pick<HostPairing, 'readAllowFromStore'>;
  /**
   * The JSON file of the senders already known approved (next to the account's store), so that a restart, or
   * the first start after an upgrade, texts nobody twice and nobody approved before the plugin could tell.
   */
  knownFile: string;
  logger: Logger;
  /** How often the host's approvals are read while the account runs. @default 2000 */
  pollIntervalMs?: number;
  /** @default "sms" */
  channel?: string;
}

/** What one check did. */
export interface ApprovalCheck {
  /** Senders texted that they are approved. */
  texted: string[];
  /** Newly approved senders not texted: they texted STOP. */
  optedOut: string[];
  /** `true` on the first check ever: the approved senders were recorded, nobody was texted. */
  baseline: boolean;
}

export interface ApprovalNotices {
  /** Reads the host's approvals once and texts each newly approved sender. */
  check(): Promise<ApprovalCheck>;
  /** Checks every `pollIntervalMs` until `signal` aborts; a failed check is logged and tried again. */
  run(signal: AbortSignal): Promise<void>;
}

async function readKnown(file: string): Promise<string[] | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const senders = (parsed as { senders?: unknown }).senders;
    return Array.isArray(senders)
      ? senders.filter((entry): entry is string => typeof entry === 'string')
      : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeKnown(file: string, senders: readonly string[]): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ senders: [...senders].sort() }, null, 2)}\n`);
  await rename(temporary, file);
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The confirmation text of an approval, sent by the plugin itself: the host has no approval event, and
 * `openclaw pairing approve sms <CODE> --notify` never reaches a channel that is not bundled with OpenClaw (the
 * CLI answers "Channel sms does not support pairing", installed from a registry or a path alike). So while an
 * account runs, the host's approved senders are read every `pollIntervalMs`; a sender newly among them is
 * texted `SMS_APPROVED_TEXT` once (keyed in the outbound log, so `pairing.notifyApproval` and this never both
 * send), unless they texted STOP. Approvals made while the gateway was down are texted when it starts.
 */
export function createApprovalNotices(options: ApprovalNoticesOptions): ApprovalNotices {
  const { account, store, logger } = options;
  const channel = options.channel ?? 'sms';
  const outbound = createTwilioOutbound({ outboundLog: store, logger });

  /** What became of one newly approved sender; `retry`: try again at the next check. */
  const notify = async (sender: string): Promise<'texted' | 'sent-before' | 'opted-out' | 'retry'> => {
    try {
      const sent = await sendText({
        account,
        to: sender,
        markdown: SMS_APPROVED_TEXT,
        turnKey: approvalTurnKey(sender),
        optOuts: store,
        outbound,
      });
      if (!sent.parts.some((part) => part.sentNow)) return 'sent-before';
      logger.info(
        { accountId: account.accountId, to: sender },
        'texted an approved sender that they may talk now',
      );
      return 'texted';
    } catch (error) {
      if (isChannelRuntimeError(error) && error.code === 'SMS_RECIPIENT_OPTED_OUT') return 'opted-out';
      logger.warn(
        { accountId: account.accountId, to: sender, err: error },
        'could not text an approved sender; will try again',
      );
      return 'retry';
    }
  };

  const check = async (): Promise<ApprovalCheck> => {
    const entries = await options.pairing().readAllowFromStore({ channel, accountId: account.accountId });
    const approved = [...new Set(entries.map(normalizeSmsTarget).filter((entry) => entry !== undefined))];
    const known = await readKnown(options.knownFile);
    if (known === undefined) {
      await writeKnown(options.knownFile, approved);
      return { texted: [], optedOut: [], baseline: true };
    }
    const result: ApprovalCheck = { texted: [], optedOut: [], baseline: false };
    const settled = known.filter((sender) => approved.includes(sender));
    for (const sender of approved.filter((entry) => !known.includes(entry))) {
      const outcome = await notify(sender);
      if (outcome === 'retry') continue;
      if (outcome === 'texted') result.texted.push(sender);
      if (outcome === 'opted-out') result.optedOut.push(sender);
      settled.push(sender);
    }
    if (settled.length !== known.length || settled.some((sender) => !known.includes(sender))) {
      await writeKnown(options.knownFile, settled);
    }
    return result;
  };

  return {
    check,
    run: async (signal) => {
      while (!signal.aborted) {
        await check().catch((error: unknown) =>
          logger.warn({ accountId: account.accountId, err: error }, 'reading the approved senders failed'),
        );
        await abortableDelay(options.pollIntervalMs ?? 2000, signal);
      }
    },
  };
}
