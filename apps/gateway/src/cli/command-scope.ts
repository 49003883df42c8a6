import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import type { ExitCode } from './cli-error.js';

/** Options every command accepts (declared on the program). */
export interface GlobalOptions {
  /** `--config <file>`. */
  config?: string;
}

/** What a command's handler runs with. */
export interface CommandScope {
  context: CliContext;
  /** The commander command that matched (its `opts()` and `processedArgs`). */
  command: Command;
  globals: GlobalOptions;
}

export type CommandHandler = (scope: CommandScope) => Promise<ExitCode>;

/** Turns a handler into a commander action that records the handler's exit code. */
export type ActionFactory = (handler: CommandHandler) => (...args: unknown[]) => Promise<void>;
