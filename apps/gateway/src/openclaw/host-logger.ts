import pino from 'pino';
import { type GatewayLogger, type LogLevel, REDACTED_LOG_PATHS } from '../logging/create-logger.js';
import type { HostLogSink } from './host-types.js';

const LEVEL_NAMES: Record<number, string> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};

function formatValue(key: string, value: unknown): string {
  // pino serialises errors with their stack; one line in the host's log is enough.
  if (key === 'err' && typeof value === 'object' && value !== null && 'message' in value) {
    const { type, message } = value as { type?: unknown; message?: unknown };
    return JSON.stringify(typeof type === 'string' ? `${type}: ${String(message)}` : String(message));
  }
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One pino line as `message key=value ...`: the host prefixes it with `[sms]` and adds its own time and
 * level, so those are left out.
 */
export function formatHostLine(line: string): { level: string; text: string } {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { level: 'info', text: line.trim() };
  }
  const { level, msg, time: _time, name: _name, ...fields } = record;
  const levelName = typeof level === 'number' ? (LEVEL_NAMES[level] ?? 'info') : String(level ?? 'info');
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(key, value)}`);
  const text = [typeof msg === 'string' ? msg : '', ...pairs].filter((part) => part !== '').join(' ');
  return { level: levelName, text };
}

function write(sink: HostLogSink, level: string, text: string): void {
  if (level === 'error' || level === 'fatal') sink.error(text);
  else if (level === 'warn') sink.warn(text);
  else if (level === 'info') sink.info(text);
  else sink.debug?.(text);
}

/**
 * The gateway's pino logger (same secret redaction) writing into the host's log sink (`ctx.log`), so the
 * webhook, worker and Twilio lines of the plugin land in the gateway's console and log file as `[sms] ...`.
 */
export function createHostLogger(sink: HostLogSink, level: LogLevel = 'info'): GatewayLogger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: false,
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
    },
    {
      write(line: string) {
        const formatted = formatHostLine(line);
        write(sink, formatted.level, formatted.text);
      },
    },
  );
}
