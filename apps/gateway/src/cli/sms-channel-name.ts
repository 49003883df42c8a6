import { UsageError } from './cli-error.js';

/** The one channel this CLI speaks; the verbs take a channel name so they read like OpenClaw's. */
export const SMS_CHANNEL = 'sms';

/** Checks a `--channel` value or `<channel>` argument; anything but `sms` is bad usage. */
export function requireSmsChannel(value: string | undefined): typeof SMS_CHANNEL {
  const name = (value ?? SMS_CHANNEL).trim().toLowerCase();
  if (name === SMS_CHANNEL) return SMS_CHANNEL;
  throw new UsageError(`unknown channel ${JSON.stringify(value)}: the only channel supported here is "sms"`);
}
