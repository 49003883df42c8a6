import { join } from 'node:path';
import { DEFAULT_TEXT_CHUNK_LIMIT } from '@sms-channel/config';
import { type AccountStores, createAccountStores, PLUGIN_STATE_SUBDIR } from './account-stores.js';
import type {
  HostAccountSnapshot,
  HostConfig,
  HostGatewayContext,
  HostOutboundContext,
  HostPluginRuntime,
  HostSdk,
} from './host-types.js';
import { type HostApprovalNotice, notifySmsApproval } from './notify-approval.js';
import { HostRuntimeMissingError } from './plugin-errors.js';
import { runSmsAccount } from './run-sms-account.js';
import { sendSmsText } from './send-sms-text.js';
import { SMS_CHANNEL_ID, SMS_CHANNEL_META } from './sms-channel-meta.js';
import {
  defaultSmsAccountId,
  listSmsAccountIds,
  resolveSmsPluginAccount,
  type SmsPluginAccount,
  unusableReason,
} from './sms-plugin-account.js';
import { collectSmsWarnings, normalizeSmsAllowEntry, resolveSmsDmPolicy } from './sms-security.js';
import { describeSmsAccount, formatSmsProbe, probeSmsAccount } from './sms-status.js';
import {
  looksLikeSmsTarget,
  normalizeSmsTarget,
  resolveSmsTarget,
  SMS_TARGET_HINT,
  SMS_TARGET_PREFIXES,
} from './sms-targets.js';

export interface SmsChannelPluginOptions {
  sdk: HostSdk;
  /** The `PluginRuntime` the host gave `setRuntime` (`undefined` until it did). */
  runtime: () => HostPluginRuntime | undefined;
  /** @default stores under `runtime.state.resolveStateDir()`, on node:sqlite */
  stores?: AccountStores;
  /** @default `<host state dir>/media/sms-channel` (under the host's media root, which its agent may read) */
  mediaDir?: () => string;
  /** Worker and timing options of each running account. */
  account?: { workers?: number; pollIntervalMs?: number; graceMs?: number };
}

type ConfigParams = { cfg: HostConfig; accountId?: string | null };

/**
 * The `sms` channel plugin object for `defineChannelPluginEntry`. Creating it does no work (the host evaluates
 * the module in every CLI process): stores open on first use, under the host's state directory.
 */
export function createSmsChannelPlugin(options: SmsChannelPluginOptions) {
  const stores =
    options.stores ??
    createAccountStores({
      stateDir: () => {
        const runtime = options.runtime();
        if (runtime === undefined) throw new HostRuntimeMissingError('no state directory before setRuntime');
        return runtime.state.resolveStateDir();
      },
    });
  const resolve = (cfg: HostConfig, accountId?: string | null) => resolveSmsPluginAccount(cfg, accountId);
  const mediaDir =
    options.mediaDir ??
    (() => {
      const runtime = options.runtime();
      if (runtime === undefined) throw new HostRuntimeMissingError('no state directory before setRuntime');
      return join(runtime.state.resolveStateDir(), 'media', PLUGIN_STATE_SUBDIR);
    });

  return {
    id: SMS_CHANNEL_ID,
    meta: SMS_CHANNEL_META,
    capabilities: { chatTypes: ['direct' as const], media: true },
    reload: { configPrefixes: ['channels.sms'] },
    config: {
      listAccountIds: (cfg: HostConfig) => listSmsAccountIds(cfg),
      resolveAccount: resolve,
      defaultAccountId: (cfg: HostConfig) => defaultSmsAccountId(cfg),
      isEnabled: (account: SmsPluginAccount) => account.enabled,
      disabledReason: (account: SmsPluginAccount) =>
        account.problem ?? 'channels.sms.enabled (or the account) is false',
      isConfigured: (account: SmsPluginAccount) => account.configured,
      unconfiguredReason: (account: SmsPluginAccount) => unusableReason(account) ?? '',
      describeAccount: (account: SmsPluginAccount) => describeSmsAccount(account),
      resolveAllowFrom: ({ cfg, accountId }: ConfigParams) => resolve(cfg, accountId).resolved?.allowFrom,
      resolveDefaultTo: ({ cfg, accountId }: ConfigParams) => resolve(cfg, accountId).resolved?.defaultTo,
    },
    gateway: {
      startAccount: (ctx: HostGatewayContext<SmsPluginAccount>) =>
        runSmsAccount(ctx, {
          sdk: options.sdk,
          stores,
          runtime: options.runtime,
          mediaDir,
          ...options.account,
        }),
    },
    outbound: {
      deliveryMode: 'direct' as const,
      textChunkLimit: DEFAULT_TEXT_CHUNK_LIMIT,
      // No host chunker: the whole text reaches sendText, which formats it and numbers its parts (i/n).
      chunker: null,
      resolveTarget: (params: { cfg?: HostConfig; to?: string; accountId?: string | null }) =>
        resolveSmsTarget(
          params.to,
          params.cfg === undefined ? undefined : resolve(params.cfg, params.accountId).resolved?.defaultTo,
        ),
      sendText: (ctx: HostOutboundContext) => sendSmsText(ctx, { stores, mediaDir }),
      sendMedia: (ctx: HostOutboundContext) => sendSmsText(ctx, { stores, mediaDir }),
    },
    messaging: {
      targetPrefixes: SMS_TARGET_PREFIXES,
      normalizeTarget: normalizeSmsTarget,
      inferTargetChatType: ({ to }: { to: string }) =>
        normalizeSmsTarget(to) === undefined ? undefined : ('direct' as const),
      targetResolver: { looksLikeId: looksLikeSmsTarget, hint: SMS_TARGET_HINT },
    },
    pairing: {
      idLabel: 'phone number',
      normalizeAllowEntry: normalizeSmsAllowEntry,
      // `openclaw pairing approve sms <CODE> --notify`: the approved sender is texted that they may talk now.
      notifyApproval: (notice: HostApprovalNotice) => notifySmsApproval(notice, { stores }),
    },
    security: {
      resolveDmPolicy: ({ account }: { account: SmsPluginAccount }) => resolveSmsDmPolicy(account),
      collectWarnings: ({ account }: { account: SmsPluginAccount }) => collectSmsWarnings(account),
    },
    status: {
      probeAccount: ({ account, timeoutMs }: { account: SmsPluginAccount; timeoutMs: number }) =>
        probeSmsAccount(account, timeoutMs),
      // The host shows these fields in `channels status` (without it, only a few generic ones).
      buildAccountSnapshot: (params: {
        account: SmsPluginAccount;
        runtime?: HostAccountSnapshot;
        probe?: Awaited<ReturnType<typeof probeSmsAccount>>;
      }) => ({
        ...describeSmsAccount(params.account),
        ...params.runtime,
        ...(params.probe === undefined ? {} : { probe: params.probe }),
      }),
      formatCapabilitiesProbe: ({ probe }: { probe: Awaited<ReturnType<typeof probeSmsAccount>> }) =>
        formatSmsProbe(probe),
    },
  };
}

/** The plugin object's type. */
export type SmsChannelPlugin = ReturnType<typeof createSmsChannelPlugin>;
