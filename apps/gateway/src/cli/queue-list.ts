import type { InboundCounts } from '@sms-channel/store';
import { EXIT_OK, type ExitCode } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { formatRelative } from './format-duration.js';
import { formatTable } from './format-table.js';
import { loadCliConfig } from './load-cli-config.js';
import { withExistingStore } from './open-existing-store.js';
import {
  type DeadSummary,
  excerpt,
  type QueuedSummary,
  summarizeDead,
  summarizeQueued,
} from './queued-message.js';
import { selectAccount } from './select-account.js';

interface QueueListOptions {
  dead?: boolean;
  account?: string;
  limit: number;
  json?: boolean;
}

interface Listing {
  /** `null` when the gateway's store does not exist yet. */
  counts: InboundCounts | null;
  queued: QueuedSummary[];
  dead: DeadSummary[];
}

function stateOf(message: QueuedSummary, now: number): string {
  if (message.state === 'in-progress') return 'in progress';
  const at = message.availableAt === null ? now : Date.parse(message.availableAt);
  return at > now ? `retry ${formatRelative(at, now)}` : 'waiting';
}

function printQueued(out: (line: string) => void, messages: readonly QueuedSummary[], now: number): void {
  if (messages.length === 0) {
    out('No messages waiting or in progress.');
    return;
  }
  const rows = messages.map((message) => [
    message.accountId,
    message.messageSid,
    message.from ?? '',
    stateOf(message, now),
    String(message.attempts),
    formatRelative(Date.parse(message.admittedAt), now),
    excerpt(message),
    message.lastError ?? '',
  ]);
  const header = ['ACCOUNT', 'MESSAGE SID', 'FROM', 'STATE', 'ATTEMPTS', 'RECEIVED', 'TEXT', 'LAST ERROR'];
  for (const line of formatTable(header, rows)) out(line);
}

function printDead(out: (line: string) => void, messages: readonly DeadSummary[], now: number): void {
  if (messages.length === 0) {
    out('No dead-lettered messages.');
    return;
  }
  const rows = messages.map((message) => [
    message.accountId,
    message.messageSid,
    message.from ?? '',
    String(message.attempts),
    formatRelative(Date.parse(message.deadLetteredAt), now),
    excerpt(message),
    message.reason,
  ]);
  const header = ['ACCOUNT', 'MESSAGE SID', 'FROM', 'ATTEMPTS', 'GAVE UP', 'TEXT', 'REASON'];
  for (const line of formatTable(header, rows)) out(line);
  out('Hand one to the assistant again with: sms-channel queue retry <MESSAGE SID>');
}

function describeCounts(counts: InboundCounts | null): string {
  if (counts === null) return 'Queue: empty (the gateway has not run with this state directory yet).';
  return `Queue: ${counts.pending} waiting, ${counts.claimed} in progress, ${counts.deadLettered} dead-lettered (all accounts).`;
}

/**
 * What the gateway's queue still has to do (oldest first, the order workers take them), or with `--dead` the
 * messages it gave up on (newest first). Reads the store while the gateway runs.
 */
export async function queueList(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const options = command.opts<QueueListOptions>();
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const accountId =
    options.account === undefined ? undefined : selectAccount(config, options.account).accountId;
  const filter = { limit: options.limit, ...(accountId === undefined ? {} : { accountId }) };
  const listing = await withExistingStore(config, context.deps, async (store): Promise<Listing> => {
    if (store === undefined) return { counts: null, queued: [], dead: [] };
    const counts = await store.countInbound();
    if (options.dead === true) {
      return { counts, queued: [], dead: (await store.listDeadLetters(filter)).map(summarizeDead) };
    }
    return { counts, queued: (await store.listQueuedInbound(filter)).map(summarizeQueued), dead: [] };
  });

  const dead = options.dead === true;
  if (options.json === true) {
    const messages = dead ? listing.dead : listing.queued;
    context.out(JSON.stringify({ dead, counts: listing.counts, messages }, null, 2));
    return EXIT_OK;
  }
  const now = context.deps.now();
  context.out(describeCounts(listing.counts));
  if (dead) printDead(context.out, listing.dead, now);
  else printQueued(context.out, listing.queued, now);
  return EXIT_OK;
}
