import { isE164 } from '@sms-channel/phone-policy';
import { SandboxOptionsError } from './errors.js';
import { httpUrlProblem } from './http-url.js';
import { createSid, isSid } from './sid.js';

/** A Twilio phone number the sandbox owns (an IncomingPhoneNumber). */
export interface SandboxNumberOptions {
  /** E.164, e.g. `+12025550100`. */
  phoneNumber: string;
  /** Where inbound SMS to this number are POSTed (Twilio's `sms_url`). @default the sandbox's `webhookUrl` */
  smsUrl?: string;
  /** @default the number written the national way, e.g. `(202) 555-0100` */
  friendlyName?: string;
  /** @default a random `PN` SID */
  sid?: string;
}

/** A Messaging Service: a sender pool known by its `MG` SID. */
export interface MessagingServiceOptions {
  /** @default a random `MG` SID */
  sid?: string;
  /** @default `Sandbox Messaging Service` */
  friendlyName?: string;
  /** Numbers of the sandbox in this service's pool (each in at most one service). */
  phoneNumbers: string[];
  /**
   * Where inbound SMS to the pool's numbers go instead of each number's `sms_url` (Twilio's "send a webhook"
   * integration). @default undefined: defer to the number's own `sms_url`
   */
  inboundRequestUrl?: string;
}

/** A simulated handset, with the geography Twilio reports for its number (`FromCity`, `FromState`, ...). */
export interface HandsetOptions {
  phoneNumber: string;
  /** @default '' */
  city?: string;
  /** @default '' */
  state?: string;
  /** @default '' */
  zip?: string;
  /** ISO 3166 alpha-2. @default `US` for +1 numbers, else '' */
  country?: string;
}

/** Options of {@link createSandbox}. Every one has a default, so `createSandbox()` runs as is. */
export interface SandboxOptions {
  /** Interface to listen on; loopback unless told otherwise. @default '127.0.0.1' */
  host?: string;
  /** TCP port; 0 picks a free one (read it from `sandbox.url`). @default 0 */
  port?: number;
  /** The one account the sandbox serves (`AC` + 32 hex). @default DEFAULT_ACCOUNT_SID */
  accountSid?: string;
  /** The account's auth token: checks REST Basic auth and signs webhooks. @default DEFAULT_AUTH_TOKEN */
  authToken?: string;
  /** The account's phone numbers (E.164 strings or full options). @default [DEFAULT_NUMBER] */
  numbers?: Array<string | SandboxNumberOptions>;
  /** `sms_url` of every number that has none of its own. @default undefined (inbound SMS are only stored) */
  webhookUrl?: string;
  /** Messaging Services known by SID. @default [] */
  messagingServices?: MessagingServiceOptions[];
  /** Handsets shown in the dev phone from the start (others appear as they are used). @default [DEFAULT_HANDSET] */
  handsets?: Array<string | HandsetOptions>;
  /** Twilio waits 15 s for a webhook answer, then records error 11200. @default 15000 */
  webhookTimeoutMs?: number;
  /** Extra attempts after a failed inbound webhook, each with the same `MessageSid`. @default 0 */
  webhookRetries?: number;
  /** Pause before each retry. @default 1000 */
  webhookRetryDelayMs?: number;
  /** Pause between an outbound message's status steps (queued, sent, delivered). @default 300 */
  deliveryDelayMs?: number;
  /** Answer STOP / START / HELP with an automatic reply, as Twilio's default opt-out handling does. @default true */
  optOutReplies?: boolean;
  /**
   * Twilio's "Enforce HTTP Auth on Media URLs": the media URLs of messages (`MediaUrl0`...) answer only requests
   * with the account's Basic auth, then redirect to a short-lived "CDN" URL; off, they redirect anyone. Twilio's
   * current documentation: it "enforces HTTP Basic Authentication for all media URLs". @default true
   */
  enforceMediaAuth?: boolean;
  /**
   * Interface of the media "CDN", the second server the media URLs redirect to. A different host name than the
   * API's, as Twilio's CDN is (so a client that drops credentials only on a host change is caught).
   * @default '127.0.0.2' when `host` is '127.0.0.1' on Linux (all of 127/8 is loopback there), else `host`
   */
  cdnHost?: string;
  /** How long a CDN URL handed out under enforced media auth works (Twilio: 4 hours). @default 14400000 */
  cdnUrlTtlMs?: number;
  /** How long the sandbox waits for each `MediaUrl` it fetches (outbound MMS, handset media). @default 15000 */
  mediaFetchTimeoutMs?: number;
  /**
   * Twilio's MMS Converter: media to a number outside the US and Canada goes as an SMS with links to the media.
   * Off, such a send is refused (400, code 21612). @default true
   */
  mmsConverter?: boolean;
  /** Clock for every date the sandbox writes. @default () => new Date() */
  now?: () => Date;
}

/** A fixed, obviously fake account ("5a4db0c0" reads "sandbox"), so a demo's config survives restarts. */
export const DEFAULT_ACCOUNT_SID = 'AC5a4db0c05a4db0c05a4db0c05a4db0c0';
/** Sandbox only ("f4cec0de", fake code): never a real token. */
export const DEFAULT_AUTH_TOKEN = 'f4cec0def4cec0def4cec0def4cec0de';
/** 555-01xx is reserved for fiction in North America. */
export const DEFAULT_NUMBER = '+12025550100';
export const DEFAULT_HANDSET = '+12025550142';

/** One of the sandbox's numbers, resolved. */
export interface SandboxNumber {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  smsUrl: string | null;
  messagingServiceSid: string | null;
}

/** A Messaging Service, resolved. */
export interface SandboxMessagingService {
  sid: string;
  friendlyName: string;
  phoneNumbers: string[];
  inboundRequestUrl: string | null;
}

/** Options with every default applied and every value checked. */
export interface ResolvedSandboxOptions {
  host: string;
  port: number;
  accountSid: string;
  authToken: string;
  numbers: SandboxNumber[];
  messagingServices: SandboxMessagingService[];
  handsets: Required<HandsetOptions>[];
  webhookTimeoutMs: number;
  webhookRetries: number;
  webhookRetryDelayMs: number;
  deliveryDelayMs: number;
  optOutReplies: boolean;
  enforceMediaAuth: boolean;
  cdnHost: string;
  cdnUrlTtlMs: number;
  mediaFetchTimeoutMs: number;
  mmsConverter: boolean;
  now: () => Date;
}

/** Applies defaults and checks every option; throws {@link SandboxOptionsError} naming the bad one. */
export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const accountSid = options.accountSid ?? DEFAULT_ACCOUNT_SID;
  if (!isSid(accountSid, 'AC'))
    throw new SandboxOptionsError('accountSid', `must be AC + 32 hex, got "${accountSid}"`);
  const authToken = options.authToken ?? DEFAULT_AUTH_TOKEN;
  if (authToken.length === 0) throw new SandboxOptionsError('authToken', 'must not be empty');
  const webhookUrl = optionalUrl('webhookUrl', options.webhookUrl);
  const services = (options.messagingServices ?? []).map((service, index) => resolveService(service, index));
  const numbers = (options.numbers ?? [DEFAULT_NUMBER]).map((entry, index) =>
    resolveNumber(entry, index, webhookUrl, services),
  );
  if (numbers.length === 0) throw new SandboxOptionsError('numbers', 'needs at least one phone number');
  checkUnique(
    'numbers',
    numbers.map((number) => number.phoneNumber),
  );
  for (const [index, service] of services.entries()) {
    for (const phoneNumber of service.phoneNumbers) {
      if (!numbers.some((number) => number.phoneNumber === phoneNumber)) {
        throw new SandboxOptionsError(
          `messagingServices[${index}].phoneNumbers`,
          `${phoneNumber} is not a sandbox number`,
        );
      }
    }
  }
  const host = options.host ?? '127.0.0.1';
  if (options.cdnHost === '') throw new SandboxOptionsError('cdnHost', 'must not be empty');
  return {
    host,
    port: integer('port', options.port ?? 0, 0, 65_535),
    accountSid,
    authToken,
    numbers,
    messagingServices: services,
    handsets: (options.handsets ?? [DEFAULT_HANDSET]).map((entry, index) =>
      resolveHandset(entry, `handsets[${index}]`),
    ),
    webhookTimeoutMs: integer('webhookTimeoutMs', options.webhookTimeoutMs ?? 15_000, 1, 600_000),
    webhookRetries: integer('webhookRetries', options.webhookRetries ?? 0, 0, 10),
    webhookRetryDelayMs: integer('webhookRetryDelayMs', options.webhookRetryDelayMs ?? 1_000, 0, 600_000),
    deliveryDelayMs: integer('deliveryDelayMs', options.deliveryDelayMs ?? 300, 0, 600_000),
    optOutReplies: options.optOutReplies ?? true,
    enforceMediaAuth: options.enforceMediaAuth ?? true,
    cdnHost: options.cdnHost ?? defaultCdnHost(host),
    cdnUrlTtlMs: integer('cdnUrlTtlMs', options.cdnUrlTtlMs ?? 14_400_000, 1, 7 * 86_400_000),
    mediaFetchTimeoutMs: integer('mediaFetchTimeoutMs', options.mediaFetchTimeoutMs ?? 15_000, 1, 600_000),
    mmsConverter: options.mmsConverter ?? true,
    now: options.now ?? (() => new Date()),
  };
}

/**
 * Where the media CDN listens by default: another loopback address than the API's when Linux makes that free
 * (every 127.x.y.z is loopback there), so that the redirect crosses host names as Twilio's does.
 */
function defaultCdnHost(host: string): string {
  return host === '127.0.0.1' && process.platform === 'linux' ? '127.0.0.2' : host;
}

/** Completes a handset's geography; +1 numbers are reported in the US, like Twilio's `FromCountry`. */
export function resolveHandset(entry: string | HandsetOptions, field: string): Required<HandsetOptions> {
  const handset = typeof entry === 'string' ? { phoneNumber: entry } : entry;
  if (!isE164(handset.phoneNumber)) {
    throw new SandboxOptionsError(field, `"${handset.phoneNumber}" is not an E.164 number`);
  }
  return {
    phoneNumber: handset.phoneNumber,
    city: handset.city ?? '',
    state: handset.state ?? '',
    zip: handset.zip ?? '',
    country: handset.country ?? countryOf(handset.phoneNumber) ?? '',
  };
}

/**
 * The country the sandbox reports for a number (`FromCountry`, `ToCountry`, `country_code`): `US` for every +1
 * number, undefined for the rest. A simplification kept in this one place: Twilio tells NANP countries apart.
 */
export function countryOf(phoneNumber: string): string | undefined {
  return phoneNumber.startsWith('+1') ? 'US' : undefined;
}

/** Twilio's friendly name for a number: the national format for North American numbers, else E.164. */
export function friendlyNameOf(phoneNumber: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phoneNumber);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : phoneNumber;
}

function resolveNumber(
  entry: string | SandboxNumberOptions,
  index: number,
  webhookUrl: string | undefined,
  services: SandboxMessagingService[],
): SandboxNumber {
  const field = `numbers[${index}]`;
  const number = typeof entry === 'string' ? { phoneNumber: entry } : entry;
  if (!isE164(number.phoneNumber)) {
    throw new SandboxOptionsError(field, `"${number.phoneNumber}" is not an E.164 number`);
  }
  const sid = number.sid ?? createSid('PN');
  if (!isSid(sid, 'PN')) throw new SandboxOptionsError(`${field}.sid`, `must be PN + 32 hex, got "${sid}"`);
  const owners = services.filter((service) => service.phoneNumbers.includes(number.phoneNumber));
  if (owners.length > 1)
    throw new SandboxOptionsError(field, `${number.phoneNumber} is in more than one service`);
  return {
    sid,
    phoneNumber: number.phoneNumber,
    friendlyName: number.friendlyName ?? friendlyNameOf(number.phoneNumber),
    smsUrl: optionalUrl(`${field}.smsUrl`, number.smsUrl) ?? webhookUrl ?? null,
    messagingServiceSid: owners[0]?.sid ?? null,
  };
}

function resolveService(service: MessagingServiceOptions, index: number): SandboxMessagingService {
  const field = `messagingServices[${index}]`;
  const sid = service.sid ?? createSid('MG');
  if (!isSid(sid, 'MG')) throw new SandboxOptionsError(`${field}.sid`, `must be MG + 32 hex, got "${sid}"`);
  if (service.phoneNumbers.length === 0) {
    throw new SandboxOptionsError(
      `${field}.phoneNumbers`,
      'a service needs at least one number to send from',
    );
  }
  return {
    sid,
    friendlyName: service.friendlyName ?? 'Sandbox Messaging Service',
    phoneNumbers: [...service.phoneNumbers],
    inboundRequestUrl: optionalUrl(`${field}.inboundRequestUrl`, service.inboundRequestUrl) ?? null,
  };
}

/** Checks an http(s) URL option; undefined stays undefined. */
function optionalUrl(field: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const problem = httpUrlProblem(value);
  if (problem !== undefined) throw new SandboxOptionsError(field, problem);
  return value;
}

function integer(field: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SandboxOptionsError(field, `must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}

function checkUnique(field: string, values: string[]): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw new SandboxOptionsError(field, `${value} is listed twice`);
    seen.add(value);
  }
}
