import { CommanderError } from 'commander';
import type { CliContext } from './cli-context.js';
import { EXIT_OK, EXIT_USAGE, type ExitCode } from './cli-error.js';
import { createProgram } from './create-program.js';

/** Stack traces only when asked for, e.g. `DEBUG=1 sms-channel ...`. */
function wantsStack(env: CliContext['env']): boolean {
  const value = env.DEBUG?.trim();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Runs `sms-channel` with `argv` (the arguments after the program name) and resolves with the exit code:
 * 0 success, 1 the operation failed, 2 bad usage or bad input, each failure with a one-line reason on
 * stderr. Never exits the process itself: the bin entry does that, and tests call this in-process.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  try {
    return await runProgram(argv, context);
  } finally {
    // Whatever the command left open (a Twilio request the probe gave up on) must not keep the process alive.
    await context.deps.close();
  }
}

async function runProgram(argv: readonly string[], context: CliContext): Promise<ExitCode> {
  const outcome: { exitCode: ExitCode } = { exitCode: EXIT_OK };
  const program = createProgram(context, outcome);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return outcome.exitCode;
  } catch (error) {
    // Commander has already printed its reason (or the help) through the program's output settings.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    // Loaded on failure only: they know the libraries' errors, which a successful run may never load.
    const [{ describeError }, { exitCodeOf }] = await Promise.all([
      import('@sms-channel/channel-runtime'),
      import('./exit-code-of.js'),
    ]);
    context.err(`sms-channel: ${describeError(error)}`);
    if (wantsStack(context.env) && error instanceof Error && error.stack !== undefined) {
      for (const line of error.stack.split('\n')) context.err(line);
    }
    return exitCodeOf(error);
  }
}
