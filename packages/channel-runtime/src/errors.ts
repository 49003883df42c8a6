/**
 * Errors of `@sms-channel/channel-runtime`. Each class carries a `Symbol.for` marker, so the `isXxx` guards
 * recognise an error made by another copy of the package (its ESM and CJS builds, a bundled plugin), where
 * `instanceof` would not.
 */

const RUNTIME_ERROR = Symbol.for('sms-channel.channel-runtime.error');
const AGENT_ERROR = Symbol.for('sms-channel.channel-runtime.agent-error');

function hasMarker(value: unknown, marker: symbol): boolean {
  return typeof value === 'object' && value !== null && Reflect.get(value, marker) === true;
}

/** Base of every failure the runtime throws: `name`, a stable `code`, and the `cause`. */
export class ChannelRuntimeError extends Error {
  readonly [RUNTIME_ERROR] = true;
  /** Stable identifier of the failure, e.g. `AGENT_TIMEOUT`. */
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChannelRuntimeError';
    this.code = code;
  }
}

/** Whether `value` is an error of this package (from any copy of it). */
export function isChannelRuntimeError(value: unknown): value is ChannelRuntimeError {
  return hasMarker(value, RUNTIME_ERROR);
}

/**
 * An assistant turn failed. `transient` failures (a timeout, a crash, a rate-limited model) are retried later
 * through the queue; the others (a missing program, a refused API key) cannot succeed by retrying and are
 * dead-lettered at once. Agents throw it, or a subclass of their own.
 */
export class AgentError extends ChannelRuntimeError {
  readonly [AGENT_ERROR] = true;
  readonly transient: boolean;

  constructor(code: string, message: string, options: { transient: boolean; cause?: unknown }) {
    super(code, message, { cause: options.cause });
    this.name = 'AgentError';
    this.transient = options.transient;
  }
}

/** Whether `value` is an `AgentError` (a subclass included), from any copy of this package. */
export function isAgentError(value: unknown): value is AgentError {
  return hasMarker(value, AGENT_ERROR);
}

/** An account the runtime was asked to serve or send through cannot be used (bad config, missing settings). */
export class AccountUnusableError extends ChannelRuntimeError {
  readonly accountId: string;

  constructor(accountId: string, reason: string) {
    super('SMS_ACCOUNT_UNUSABLE', `SMS account "${accountId}" cannot be used: ${reason}`);
    this.name = 'AccountUnusableError';
    this.accountId = accountId;
  }
}

/** The recipient texted STOP: nothing is sent to them until they text START. */
export class RecipientOptedOutError extends ChannelRuntimeError {
  readonly to: string;

  constructor(accountId: string, to: string) {
    super('SMS_RECIPIENT_OPTED_OUT', `${to} opted out of texts from account "${accountId}" (texted STOP)`);
    this.name = 'RecipientOptedOutError';
    this.to = to;
  }
}

/** A message with nothing left to send once its markdown is turned into SMS text. */
export class EmptyMessageError extends ChannelRuntimeError {
  constructor() {
    super('SMS_TEXT_EMPTY', 'the message is empty once formatted as SMS text: nothing was sent');
    this.name = 'EmptyMessageError';
  }
}

/** A local file given as media cannot be sent: missing, unreadable, not a file, or of a type nothing can tell. */
export class MediaFileError extends ChannelRuntimeError {
  readonly file: string;

  constructor(file: string, reason: string, cause?: unknown) {
    super('SMS_MEDIA_FILE_UNUSABLE', `media file ${file} ${reason}`, { cause });
    this.name = 'MediaFileError';
    this.file = file;
  }
}

/**
 * A local file cannot be offered to Twilio: Twilio fetches media itself, so the file must be served at a public
 * HTTPS URL of this host, and the account has none (`publicWebhookUrl` is missing or not https, and no media
 * base URL is configured).
 */
export class MediaLinkUnavailableError extends ChannelRuntimeError {
  readonly accountId: string;

  constructor(accountId: string, reason: string) {
    super(
      'SMS_MEDIA_LINK_UNAVAILABLE',
      `cannot send a local file through SMS account "${accountId}": ${reason}; Twilio fetches media itself, so the gateway serves the file on its public HTTPS origin (set publicWebhookUrl to an https URL, or the host's media base URL)`,
    );
    this.name = 'MediaLinkUnavailableError';
    this.accountId = accountId;
  }
}

/** `createChannelRuntime` (or another runtime call) was given options it cannot work with, named by `option`. */
export class RuntimeOptionsError extends ChannelRuntimeError {
  readonly option: string;

  constructor(option: string, problem: string) {
    super('CHANNEL_RUNTIME_BAD_OPTIONS', `createChannelRuntime: ${option} ${problem}`);
    this.name = 'RuntimeOptionsError';
    this.option = option;
  }
}
