import { Command } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registerChannelsCapabilities } from './channels-capabilities-command.js';
import { registerChannelsStatus } from './channels-status-command.js';
import type { CliContext } from './cli-context.js';
import type { ExitCode } from './cli-error.js';
import type { ActionFactory, GlobalOptions } from './command-scope.js';
import { registerConfigPatch } from './config-patch-command.js';
import { registerConfigValidate } from './config-validate-command.js';
import { registerGateway } from './gateway-command.js';
import { registerMessageSend } from './message-send-command.js';
import { registerPairingAllowed } from './pairing-allowed-command.js';
import { registerPairingApprove } from './pairing-approve-command.js';
import { registerPairingList } from './pairing-list-command.js';
import { registerPairingRevoke } from './pairing-revoke-command.js';
import { registerQueueList } from './queue-list-command.js';
import { registerQueueRetry } from './queue-retry-command.js';

/** Writes commander's text (help, version) line by line. */
function lines(write: (line: string) => void): (text: string) => void {
  return (text) => {
    for (const line of text.replace(/\n$/, '').split('\n')) write(line);
  };
}

/**
 * Commander's own usage errors ("error: unknown option '--jsn'\n(Did you mean --json?)") as one line with
 * the program's prefix, like the CLI's other failures.
 */
function usageLine(text: string): string {
  const joined = text
    .trim()
    .replace(/^error: /, '')
    .split('\n')
    .join(' ');
  return `sms-channel: ${joined}`;
}

/**
 * The `sms-channel` program: the verbs of DESIGN.md "Command line", with OpenClaw's spelling. Built fresh for
 * each run; `outcome.exitCode` receives the exit code of the command that ran.
 */
export function createProgram(context: CliContext, outcome: { exitCode: ExitCode }): Command {
  const program = new Command('sms-channel');
  // Set before any subcommand exists: subcommands copy these settings when they are created.
  program
    .description('SMS channel on Twilio for an AI assistant: gateway, pairing, sends, status and config.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option(
      '-c, --config <file>',
      'config file (JSON5); default $SMS_CHANNEL_CONFIG, else ~/.sms-channel/config.json5',
    )
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .configureOutput({
      writeOut: lines(context.out),
      writeErr: lines(context.err),
      outputError: (text) => context.err(usageLine(text)),
    })
    .exitOverride()
    .showSuggestionAfterError(true);

  const action: ActionFactory =
    (handler) =>
    async (...args) => {
      // Commander passes the matched command last.
      const command = args.at(-1) as Command;
      const globals = command.optsWithGlobals<GlobalOptions>();
      outcome.exitCode = await handler({ context, command, globals });
    };

  registerGateway(program, action);

  const pairing = program
    .command('pairing')
    .description('approve, list and revoke the senders who may talk to the assistant (dmPolicy "pairing")');
  registerPairingList(pairing, action);
  registerPairingApprove(pairing, action);
  registerPairingAllowed(pairing, action);
  registerPairingRevoke(pairing, action);

  const queue = program
    .command('queue')
    .description("the gateway's inbound queue: what is waiting, what was given up on, and retrying it");
  registerQueueList(queue, action);
  registerQueueRetry(queue, action);

  const message = program.command('message').description('send messages');
  registerMessageSend(message, action);

  const channels = program
    .command('channels')
    .description('what the channel can do and how its accounts are');
  registerChannelsCapabilities(channels, action);
  registerChannelsStatus(channels, action);

  const config = program.command('config').description('check and change the config file');
  registerConfigValidate(config, action);
  registerConfigPatch(config, action);

  return program;
}
