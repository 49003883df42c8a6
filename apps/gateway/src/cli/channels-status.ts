import { type AccountProbe, probeAccount } from '@sms-channel/channel-runtime';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import type { GatewayConfig } from '../app-config/load-gateway-config.js';
import type { CliContext } from './cli-context.js';
import { EXIT_FAILURE, EXIT_OK, type ExitCode } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { withExistingStore } from './open-existing-store.js';
import { requireSmsChannel } from './sms-channel-name.js';

interface StatusOptions {
  channel: string;
  probe?: boolean;
  timeout: number;
  json?: boolean;
}

/** One account as `channels status --json` prints it. */
export interface AccountStatus {
  accountId: string;
  name: string | null;
  isDefault: boolean;
  enabled: boolean;
  /** `accountSid`, `authToken` and a sender are all known. */
  complete: boolean;
  missing: string[];
  sender: { kind: 'phone-number' | 'messaging-service'; value: string } | null;
  webhookPath: string;
  publicWebhookUrl: string | null;
  signatureValidation: boolean;
  dmPolicy: string;
  allowFrom: string[];
  textChunkLimit: number;
  /** `null` when the gateway's store does not exist yet. */
  pendingPairings: number | null;
  approvedSenders: number | null;
  /** Only with `--probe`, for enabled accounts. */
  probe?: AccountProbe;
  /** Why the auth token was not read, when its secret ref cannot be read in this shell (without `--probe`). */
  unreadSecret?: string;
}

function senderOf(account: ResolvedSmsAccount): AccountStatus['sender'] {
  if (account.sender?.kind === 'number') return { kind: 'phone-number', value: account.sender.from };
  if (account.sender?.kind === 'messaging-service') {
    return { kind: 'messaging-service', value: account.sender.sid };
  }
  return null;
}

async function statusOf(
  account: ResolvedSmsAccount,
  store: GatewayStore | undefined,
  now: number,
): Promise<AccountStatus> {
  const pending =
    store && (await store.pairing.listPending(account.accountId)).filter((p) => p.expiresAt > now);
  const approved = store && (await store.pairing.listApproved(account.accountId));
  return {
    accountId: account.accountId,
    name: account.name ?? null,
    isDefault: account.isDefault,
    enabled: account.enabled,
    complete: account.complete,
    missing: [...account.missing],
    sender: senderOf(account),
    webhookPath: account.webhookPath,
    publicWebhookUrl: account.publicWebhookUrl ?? null,
    signatureValidation: !account.dangerouslyDisableSignatureValidation,
    dmPolicy: account.dmPolicy,
    allowFrom: [...account.allowFrom],
    textChunkLimit: account.textChunkLimit,
    pendingPairings: pending === undefined ? null : pending.length,
    approvedSenders: approved === undefined ? null : approved.length,
    ...(account.unreadSecret === undefined ? {} : { unreadSecret: account.unreadSecret.message }),
  };
}

function describeStatus(status: AccountStatus): string[] {
  const state = !status.enabled
    ? 'disabled'
    : status.complete
      ? 'ready'
      : `incomplete (missing ${status.missing.join(', ')})`;
  const sender =
    status.sender === null
      ? 'none'
      : `${status.sender.value} (${status.sender.kind === 'phone-number' ? 'phone number' : 'Messaging Service'})`;
  const publicUrl = status.publicWebhookUrl ?? 'not set (signatures are checked against the local URL)';
  const pairings =
    status.pendingPairings === null
      ? 'no store yet'
      : `${status.pendingPairings} pending pairing(s), ${status.approvedSenders ?? 0} approved sender(s)`;
  const lines = [
    `${status.accountId}${status.isDefault ? ' (default)' : ''}${status.name === null ? '' : ` "${status.name}"`}: ${state}`,
    `  sender     ${sender}`,
    `  webhook    POST ${status.webhookPath}; public URL ${publicUrl}`,
    `  access     dmPolicy ${status.dmPolicy}; ${pairings}`,
  ];
  if (!status.signatureValidation) lines.push('  WARNING    signature validation is disabled');
  if (status.unreadSecret !== undefined) lines.push(`  authToken  not read here: ${status.unreadSecret}`);
  if (status.probe !== undefined) {
    lines.push(`  probe      ${status.probe.ok ? 'ok' : 'FAILED'}`);
    for (const item of status.probe.checks) {
      lines.push(`    ${item.name.padEnd(14)} ${item.status.padEnd(8)}${item.detail}`);
    }
  }
  return lines;
}

async function collectStatuses(config: GatewayConfig, context: CliContext): Promise<AccountStatus[]> {
  const now = context.deps.now();
  return withExistingStore(config, context.deps, async (store) => {
    const statuses: AccountStatus[] = [];
    for (const account of config.accounts) statuses.push(await statusOf(account, store, now));
    return statuses;
  });
}

export async function channelsStatus(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const options = command.opts<StatusOptions>();
  requireSmsChannel(options.channel);
  // Only the probe talks to Twilio and needs the secrets.
  const config = await loadCliConfig(scope, { secrets: options.probe === true ? 'required' : 'optional' });
  const statuses = await collectStatuses(config, context);
  if (options.probe === true) {
    // One account after the other: a status command, not a load test of Twilio.
    for (const [index, account] of config.accounts.entries()) {
      const status = statuses[index];
      if (status === undefined || !account.enabled) continue;
      const timeoutMs = options.timeout;
      status.probe = await probeAccount(account, (a) => context.deps.createProbeApi(a, { timeoutMs }), {
        timeoutMs,
      });
    }
  }
  const ok = statuses.every((status) => status.probe?.ok !== false);
  if (options.json === true) {
    const report = {
      channel: 'sms',
      configFile: config.file,
      stateDir: config.stateDir,
      defaultAccountId: config.defaultAccountId,
      ok,
      accounts: statuses,
    };
    context.out(JSON.stringify(report, null, 2));
  } else {
    context.out(
      `SMS channel: config ${config.file}${config.exists ? '' : ' (no file)'}, state ${config.stateDir}`,
    );
    for (const status of statuses) for (const line of describeStatus(status)) context.out(line);
  }
  if (!ok) {
    const failed = statuses.filter((status) => status.probe?.ok === false).map((status) => status.accountId);
    context.err(`sms-channel: probe failed for account(s) ${failed.join(', ')}`);
    return EXIT_FAILURE;
  }
  return EXIT_OK;
}
