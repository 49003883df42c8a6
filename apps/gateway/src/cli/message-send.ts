import { resolve } from 'node:path';
import {
  createChannelMedia,
  describeError,
  formatReplyParts,
  prepareReplyMedia,
  type ReplyMedia,
  silentLogger,
} from '@sms-channel/channel-runtime';
import { parseSmsTarget } from '@sms-channel/phone-policy';
import { countSegments } from '@sms-channel/sms-text';
import { MMS_MAX_MEDIA } from '@sms-channel/twilio-messaging';
import { mediaDirPath } from '../app-config/state-dir.js';
import type { CliSmsResult } from './cli-context.js';
import { EXIT_OK, type ExitCode, OperationFailedError, UsageError } from './cli-error.js';
import type { CommandScope } from './command-scope.js';
import { loadCliConfig } from './load-cli-config.js';
import { requireSendingAccount } from './require-sending-account.js';
import { selectAccount } from './select-account.js';
import { requireSmsChannel } from './sms-channel-name.js';

interface MessageSendOptions {
  channel: string;
  target: string;
  message: string;
  media: string[];
  mediaAsLinks?: boolean;
  account?: string;
  json?: boolean;
}

/** `--media` values: an http(s) URL is sent as it is, anything else is a local file (relative to the cwd). */
function mediaOf(values: readonly string[]): ReplyMedia[] {
  if (values.length > MMS_MAX_MEDIA) {
    throw new UsageError(
      `--media was given ${values.length} times: Twilio sends at most ${MMS_MAX_MEDIA} media per message`,
    );
  }
  return values.map((value) => (/^https?:\/\//i.test(value) ? { url: value } : { path: resolve(value) }));
}

/** One part as `message send --json` prints it. */
export interface SentPart {
  sid: string;
  status: string | undefined;
  body: string;
  segments: number;
}

/**
 * Sends the parts one after the other, in order (separate SMS may still arrive out of order, hence the
 * ` (i/n)` numbering). A refused part stops the send; the error names the parts Twilio already accepted, since
 * those reached the recipient and sending again would repeat them.
 */
async function sendParts(
  parts: readonly string[],
  send: (body: string, index: number) => Promise<CliSmsResult>,
): Promise<SentPart[]> {
  const sent: SentPart[] = [];
  for (const [index, body] of parts.entries()) {
    try {
      const result = await send(body, index);
      sent.push({ sid: result.sid, status: result.status, body, segments: countSegments(body).segments });
    } catch (error) {
      const accepted =
        sent.length === 0 ? 'none sent' : `already sent: ${sent.map((part) => part.sid).join(', ')}`;
      throw new OperationFailedError(
        `part ${index + 1}/${parts.length} was refused (${accepted}): ${describeError(error)}`,
        { cause: error },
      );
    }
  }
  return sent;
}

export async function messageSend(scope: CommandScope): Promise<ExitCode> {
  const { context, command } = scope;
  const options = command.opts<MessageSendOptions>();
  requireSmsChannel(options.channel);
  const target = parseSmsTarget(options.target);
  // Only the sending account's secret is needed: it is checked by requireSendingAccount, and another
  // account's secret that this shell cannot read does not stop the send.
  const config = await loadCliConfig(scope, { secrets: 'optional' });
  const account = requireSendingAccount(selectAccount(config, options.account));
  // Formatted and cut exactly like an assistant reply, within the account's textChunkLimit.
  let parts = await formatReplyParts(options.message, account);
  const media = mediaOf(options.media);
  const channelMedia = createChannelMedia({
    directory: mediaDirPath(config.stateDir),
    baseUrl: config.app.gateway.mediaBaseUrl,
    linkTtlMs: config.app.gateway.mediaTtlMs,
  });
  // Media go with the first part; Twilio's limits (and MMS reaching the US and Canada only) are checked first.
  const plan = await prepareReplyMedia({
    account,
    to: target.to,
    media,
    host: channelMedia.host,
    baseUrl: channelMedia.baseUrl,
    textBytes: Buffer.byteLength(parts[0] ?? '', 'utf8'),
    onRefused: 'throw',
    nonMms: options.mediaAsLinks === true ? 'links' : 'error',
    logger: silentLogger,
  });
  if (plan.appendix !== undefined) {
    const markdown = options.message.trim() === '' ? plan.appendix : `${options.message}\n\n${plan.appendix}`;
    parts = await formatReplyParts(markdown, account);
  }
  if (parts.length === 0 && plan.urls.length === 0) {
    throw new UsageError('--message is empty once formatted as SMS text, and no --media was given');
  }
  const sent = await sendParts(parts.length === 0 ? [''] : parts, (body, index) =>
    context.deps.sendSms({
      account,
      to: target.to,
      body,
      ...(index === 0 && plan.urls.length > 0 ? { mediaUrls: plan.urls } : {}),
    }),
  );
  if (plan.tokens.length > 0 && sent[0] !== undefined) {
    await channelMedia.host.markSent(plan.tokens, { accountId: account.accountId, messageSid: sent[0].sid });
  }
  const from = account.sender?.kind === 'number' ? account.sender.from : account.sender?.sid;

  if (options.json === true) {
    const report = {
      channel: 'sms',
      accountId: account.accountId,
      to: target.to,
      from,
      media: plan.urls,
      parts: sent,
    };
    context.out(JSON.stringify(report, null, 2));
    return EXIT_OK;
  }
  const noun = sent.length === 1 ? 'part' : 'parts';
  const withMedia = plan.urls.length === 0 ? '' : ` with ${plan.urls.length} media (MMS)`;
  context.out(
    `Sent ${sent.length} ${noun}${withMedia} to ${target.to} from ${from} (account "${account.accountId}"):`,
  );
  for (const [index, part] of sent.entries()) {
    const segments = part.segments === 1 ? '1 segment' : `${part.segments} segments`;
    const status = part.status === undefined ? '' : ` ${part.status}`;
    context.out(
      `  ${index + 1}/${sent.length} ${part.sid}${status} (${part.body.length} chars, ${segments})`,
    );
  }
  return EXIT_OK;
}
