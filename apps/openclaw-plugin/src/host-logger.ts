import type { LogFields, Logger } from '@sms-channel/channel-runtime';
import type { HostLogSink } from './host-types.js';

/** Keys whose values never reach a log, at any depth (the standalone gateway's pino redaction masks the same). */
const SECRET_KEY = /^(authToken|apiKey|password|authorization|signature|x-twilio-signature)$/i;

const mask = (key: string, value: unknown): unknown => (SECRET_KEY.test(key) ? '[redacted]' : value);

function formatValue(key: string, value: unknown): string {
  if (SECRET_KEY.test(key)) return '[redacted]';
  // An error as one line (`TypeError: message`): the host's log is line-oriented, a stack would spill.
  if (key === 'err' && value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  if (typeof value === 'string') return /[\s"=]/.test(value) || value === '' ? JSON.stringify(value) : value;
  return JSON.stringify(value, mask);
}

/** One line as `message key=value ...`: the host prefixes it with `[sms]` and adds its own time and level. */
export function formatHostLine(fields: LogFields, message: string): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(key, value)}`);
  return [message, ...pairs].filter((part) => part !== '').join(' ');
}

/**
 * The runtime's `Logger` writing into the host's log sink (`ctx.log`), so the webhook, worker and Twilio lines
 * of the plugin land in the gateway's console and log file as `[sms] ...`. The runtime logs fixed, secret-free
 * fields; keys that name a secret are masked anyway, by name (no regex pass over the line). Debug lines go to
 * the sink's `debug` when it has one.
 */
export function createHostLogger(sink: HostLogSink): Logger {
  return {
    debug: (fields, message) => sink.debug?.(formatHostLine(fields, message)),
    info: (fields, message) => sink.info(formatHostLine(fields, message)),
    warn: (fields, message) => sink.warn(formatHostLine(fields, message)),
    error: (fields, message) => sink.error(formatHostLine(fields, message)),
  };
}
