import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { createSandbox, type Sandbox } from './create-sandbox.js';
import { describeEvent } from './describe-event.js';
import { isSandboxOptionsError } from './errors.js';
import {
  DEFAULT_ACCOUNT_SID,
  DEFAULT_AUTH_TOKEN,
  DEFAULT_HANDSET,
  DEFAULT_NUMBER,
  type SandboxOptions,
} from './sandbox-options.js';

/** Where the command writes: the real process streams, or a test's buffers. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** The CLI's default port: rarely taken, and "SMSS" on a phone keypad. */
export const DEFAULT_CLI_PORT = 7677;

/** The command's outcome: a running sandbox, or an exit code (0 help, 1 failure, 2 bad usage). */
export type CliResult = { sandbox: Sandbox } | { exitCode: number };

/**
 * `sms-sandbox [options]`: starts a sandbox with the given flags (each has a default), prints where it listens,
 * its credentials and numbers, and how to point a gateway at it, then logs one line per event unless `--quiet`.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  const program = buildProgram(io);
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return { exitCode: error.exitCode === 0 ? 0 : 2 };
    throw error;
  }
  const flags = program.opts<CliFlags>();
  let sandbox: Sandbox;
  try {
    sandbox = createSandbox(toOptions(flags));
  } catch (error) {
    if (isSandboxOptionsError(error)) {
      io.err(`sms-sandbox: ${error.message}`);
      return { exitCode: 2 };
    }
    throw error;
  }
  try {
    await sandbox.start();
  } catch (error) {
    io.err(`sms-sandbox: cannot listen on ${flags.host}:${flags.port}: ${(error as Error).message}`);
    return { exitCode: 1 };
  }
  for (const line of banner(sandbox)) io.out(line);
  if (!flags.quiet) {
    sandbox.subscribe((event) => {
      const line = describeEvent(event);
      if (line) io.out(line);
    });
  }
  return { sandbox };
}

interface CliFlags {
  host: string;
  port: number;
  accountSid: string;
  authToken: string;
  number: string[];
  webhookUrl?: string;
  messagingService?: string;
  handset: string[];
  webhookTimeoutMs: number;
  webhookRetries: number;
  deliveryDelayMs: number;
  optOutReplies: boolean;
  enforceMediaAuth: boolean;
  cdnHost?: string;
  mediaFetchTimeoutMs: number;
  mmsConverter: boolean;
  quiet: boolean;
}

function buildProgram(io: CliIo): Command {
  const integer = (value: string) => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
    return Number(value);
  };
  const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
  return new Command('sms-sandbox')
    .description(
      'A local Twilio look-alike: Messages REST API, signed webhooks, fault injection and a web dev phone.',
    )
    .option('--host <host>', 'interface to listen on (loopback unless told otherwise)', '127.0.0.1')
    .option('-p, --port <port>', 'TCP port (0: any free port)', integer, DEFAULT_CLI_PORT)
    .option(
      '--account-sid <sid>',
      'the account SID clients authenticate with (AC + 32 hex)',
      DEFAULT_ACCOUNT_SID,
    )
    .option('--auth-token <token>', 'the auth token: checks Basic auth, signs webhooks', DEFAULT_AUTH_TOKEN)
    .addOption(
      new Option('--number <e164>', `a phone number of the account, repeatable (default: ${DEFAULT_NUMBER})`)
        .argParser(collect)
        .default([]),
    )
    .option('--webhook-url <url>', "every number's sms_url: where inbound SMS are POSTed")
    .option('--messaging-service <sid>', 'put every number in a Messaging Service with this MG SID')
    .addOption(
      new Option(
        '--handset <e164>',
        `a handset shown in the dev phone, repeatable (default: ${DEFAULT_HANDSET})`,
      )
        .argParser(collect)
        .default([]),
    )
    .option('--webhook-timeout-ms <ms>', 'how long a webhook may take before error 11200', integer, 15_000)
    .option(
      '--webhook-retries <n>',
      'extra attempts after a failed inbound webhook (same MessageSid)',
      integer,
      0,
    )
    .option('--delivery-delay-ms <ms>', 'pause between status steps queued, sent, delivered', integer, 300)
    .option('--no-opt-out-replies', 'do not answer STOP/START/HELP automatically')
    .option('--no-enforce-media-auth', 'let anyone fetch media URLs without the account credentials')
    .option('--cdn-host <host>', 'interface of the media CDN (default: 127.0.0.2 on Linux, else --host)')
    .option('--media-fetch-timeout-ms <ms>', 'how long to wait for each MediaUrl fetched', integer, 15_000)
    .option('--no-mms-converter', 'refuse media to handsets outside the US and Canada (21612)')
    .option('-q, --quiet', 'print only the start banner, not one line per event', false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.out(text.trimEnd()),
      writeErr: (text) => io.err(text.trimEnd()),
    });
}

function toOptions(flags: CliFlags): SandboxOptions {
  const numbers = flags.number.length > 0 ? flags.number : [DEFAULT_NUMBER];
  return {
    host: flags.host,
    port: flags.port,
    accountSid: flags.accountSid,
    authToken: flags.authToken,
    numbers,
    ...(flags.webhookUrl === undefined ? {} : { webhookUrl: flags.webhookUrl }),
    ...(flags.messagingService === undefined
      ? {}
      : { messagingServices: [{ sid: flags.messagingService, phoneNumbers: numbers }] }),
    handsets: flags.handset.length > 0 ? flags.handset : [DEFAULT_HANDSET],
    webhookTimeoutMs: flags.webhookTimeoutMs,
    webhookRetries: flags.webhookRetries,
    deliveryDelayMs: flags.deliveryDelayMs,
    optOutReplies: flags.optOutReplies,
    enforceMediaAuth: flags.enforceMediaAuth,
    ...(flags.cdnHost === undefined ? {} : { cdnHost: flags.cdnHost }),
    mediaFetchTimeoutMs: flags.mediaFetchTimeoutMs,
    mmsConverter: flags.mmsConverter,
  };
}

function banner(sandbox: Sandbox): string[] {
  const first = sandbox.numbers[0];
  const lines = [
    `sms-sandbox listening on ${sandbox.url}`,
    `  dev phone         ${sandbox.url}/`,
    `  account SID       ${sandbox.accountSid}`,
    `  auth token        ${sandbox.authToken}   (sandbox only)`,
    `  media CDN         ${sandbox.cdnUrl}`,
  ];
  for (const number of sandbox.numbers) {
    lines.push(
      `  number            ${number.phoneNumber}  sms_url ${number.smsUrl ?? '(none: set --webhook-url)'}`,
    );
  }
  for (const service of sandbox.messagingServices) {
    lines.push(`  messaging service ${service.sid}  (${service.phoneNumbers.join(', ')})`);
  }
  lines.push(
    '  point a gateway at it:',
    `    TWILIO_ACCOUNT_SID=${sandbox.accountSid} TWILIO_AUTH_TOKEN=${sandbox.authToken} \\`,
    `    TWILIO_PHONE_NUMBER=${first?.phoneNumber ?? ''} TWILIO_API_BASE_URL=${sandbox.url}`,
    '  Ctrl-C stops it.',
  );
  return lines;
}
