/** The fields of one log line: fixed, secret-free keys (ids, numbers, reasons, timings), never a form or headers. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * What the runtime logs through: four levels, each `(fields, message)`. Narrow on purpose, so a host plugs in
 * what it has (a pino logger fits as it is; the OpenClaw host's log sink through a small adapter) and the
 * runtime never depends on one logging library.
 */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

const nothing = () => {};

/** A logger that writes nothing (tests, library use without logs). */
export const silentLogger: Logger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
