import type { LogFields, Logger } from '../logger.js';

/** One line a `RecordingLogger` got. */
export interface RecordedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: LogFields;
  message: string;
}

/** A `Logger` that keeps every line, for tests that assert what was logged (and that no secret was). */
export interface RecordingLogger extends Logger {
  readonly lines: RecordedLine[];
  /** Every line as one JSON text, to search for what must never be logged. */
  text(): string;
}

export function createRecordingLogger(): RecordingLogger {
  const lines: RecordedLine[] = [];
  const at =
    (level: RecordedLine['level']) =>
    (fields: LogFields, message: string): void => {
      lines.push({ level, fields, message });
    };
  return {
    lines,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    text: () => lines.map((line) => JSON.stringify(line, (_key, value: unknown) => value)).join('\n'),
  };
}
