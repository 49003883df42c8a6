import pino from 'pino';

/** The gateway's logger: pino, JSON lines. */
export type GatewayLogger = pino.Logger;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface CreateLoggerOptions {
  /** @default "info" */
  level?: LogLevel;
  /** Where lines go. @default stdout */
  destination?: pino.DestinationStream;
  /** Added to every line as `name`. @default "sms-channel" */
  name?: string;
}

const SECRET_KEYS = ['authToken', 'apiKey', 'password', 'authorization', 'Authorization', 'signature'];
const SECRET_HEADERS = ['authorization', 'Authorization', '"x-twilio-signature"', '"X-Twilio-Signature"'];

/**
 * Paths pino masks, at the depths the gateway logs objects (a config, an account, a request). Phone numbers
 * are not secrets and stay readable: they are what an operator searches logs for.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
  ...SECRET_HEADERS.flatMap((header) => [`headers[${header}]`, `*.headers[${header}]`]),
];

/**
 * A pino logger with secrets masked (`authToken`, `apiKey`, `Authorization`, `X-Twilio-Signature`): plain
 * JSON lines with an ISO time, readable in a terminal and parseable by any log tool.
 */
export function createLogger(options: CreateLoggerOptions = {}): GatewayLogger {
  return pino(
    {
      name: options.name ?? 'sms-channel',
      level: options.level ?? 'info',
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
    },
    options.destination,
  );
}

/** A logger that writes nothing (tests, library use without logs). */
export function createSilentLogger(): GatewayLogger {
  return pino({ level: 'silent' });
}
