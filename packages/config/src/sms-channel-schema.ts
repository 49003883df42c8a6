import { DEFAULT_DM_POLICY, DM_POLICIES, type DmPolicy } from '@sms-channel/phone-policy';
import { z } from 'zod';
import { checkAllowFromEntry, checkPhoneNumber, checkSmsTarget } from './phone-numbers.js';
import { secretRefSchema } from './secret-ref.js';

/**
 * The zod schema of `channels.sms`. It only checks what each key may hold: it applies no defaults and no
 * transforms, so a parsed config equals what the person wrote (patches and rewrites keep their values).
 * Defaults, inheritance, env vars and rules across keys belong to `resolveSmsAccounts` / `validateConfig`.
 */

/** `webhookPath` when neither the account, the top level nor `SMS_WEBHOOK_PATH` sets one. */
export const DEFAULT_WEBHOOK_PATH = '/webhooks/sms';
/** Twilio refuses a `Body` above 1,600 characters. */
export const MAX_TEXT_CHUNK_LIMIT = 1600;
export const DEFAULT_TEXT_CHUNK_LIMIT = 1500;
/** Twilio accepts up to 5 MB of media per MMS message. */
export const DEFAULT_MEDIA_MAX_MB = 5;
export const DEFAULT_TWILIO_API_BASE_URL = 'https://api.twilio.com';
/**
 * The apology texted once when the assistant failed for good on a message (`failureReply: true`, the default).
 * GSM-7 only and under 160 characters: one plain segment, whatever the phone.
 */
export const DEFAULT_FAILURE_REPLY =
  'Sorry, something went wrong and I could not answer your message. Please try again later.';
// The access policies are phone-policy's (it decides access); re-exported so config users need one import.
export { DEFAULT_DM_POLICY, DM_POLICIES, type DmPolicy };

/** JSON5 reads an unquoted `+15551234567` as a number and drops the `+`: say so instead of "expected string". */
function quotedString(what: string) {
  return z.string({
    error: (issue) =>
      typeof issue.input === 'number'
        ? `${what} must be a quoted string ("+15551234567"); unquoted, JSON5 reads it as a number and drops the "+"`
        : `${what} must be a string`,
  });
}

function phoneNumber(what: string) {
  return quotedString(what).superRefine((value, ctx) => {
    const checked = checkPhoneNumber(value);
    if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
  });
}

function twilioSid(prefix: 'AC' | 'MG', what: string) {
  const shape = new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
  return z.string().regex(shape, { error: `${what} is "${prefix}" followed by 32 hexadecimal characters` });
}

/**
 * An absolute http(s) URL without credentials or fragment. `allowQuery` because Twilio signs the query string
 * of a webhook URL as part of it, while an API base URL with a query would be a mistake.
 */
function httpUrl(what: string, allowQuery: boolean) {
  return z.string().superRefine((value, ctx) => {
    const problem = httpUrlProblem(value, allowQuery);
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `${what} ${problem}` });
  });
}

function httpUrlProblem(value: string, allowQuery: boolean): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL such as "https://example.com/webhooks/sms"';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `must use https: or http:, not ${url.protocol}`;
  if (url.username !== '' || url.password !== '') return 'must not contain credentials (user:password@)';
  if (url.hash !== '' || value.includes('#')) return 'must not have a #fragment';
  if (!allowQuery && url.search !== '') return 'must not have a ?query';
  return undefined;
}

const webhookPath = z.string().regex(/^\/[^\s?#]*$/, {
  error: 'webhookPath must start with "/" and hold no spaces, "?" or "#", e.g. "/webhooks/sms"',
});

const authToken = z.union([z.string().min(1, { error: 'authToken must not be empty' }), secretRefSchema], {
  error: 'authToken must be a string or a secret ref { source: "env" | "file", provider: "default", id }',
});

const allowFromEntry = quotedString('an allowFrom entry').superRefine((value, ctx) => {
  const checked = checkAllowFromEntry(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});

const smsTarget = quotedString('defaultTo').superRefine((value, ctx) => {
  const checked = checkSmsTarget(value);
  if (!checked.ok) ctx.addIssue({ code: 'custom', message: checked.message });
});

/** `true`: the default apology; `false`: none; a string: that text, sent as one message. */
const failureReply = z
  .union([z.boolean(), z.string()], {
    error: 'failureReply must be true (the default apology), false (none) or the text to send',
  })
  .superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    if (value.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        message: 'failureReply text must not be empty; use false for no reply',
      });
    } else if (value.length > MAX_TEXT_CHUNK_LIMIT) {
      ctx.addIssue({
        code: 'custom',
        message: 'failureReply text must be at most 1600 characters (Twilio refuses a longer Body)',
      });
    }
  });

/** The keys an account may set; at the top level they are the defaults every account inherits. */
export const smsAccountShape = {
  enabled: z
    .boolean()
    .optional()
    .meta({ description: 'Whether this account receives and sends.', default: true }),
  name: z.string().min(1).optional().meta({ description: 'A label for people (status output, logs).' }),
  accountSid: twilioSid('AC', 'accountSid')
    .optional()
    .meta({ description: 'Twilio Account SID (env TWILIO_ACCOUNT_SID for the default account).' }),
  authToken: authToken.optional().meta({
    description: 'Twilio Auth Token, or a secret ref to it (env TWILIO_AUTH_TOKEN for the default account).',
  }),
  fromNumber: phoneNumber('fromNumber').optional().meta({
    description:
      'E.164 sender number; wins over messagingServiceSid (env TWILIO_PHONE_NUMBER or TWILIO_SMS_FROM).',
  }),
  messagingServiceSid: twilioSid('MG', 'messagingServiceSid')
    .optional()
    .meta({ description: 'Twilio Messaging Service SID used as sender (env TWILIO_MESSAGING_SERVICE_SID).' }),
  defaultTo: smsTarget.optional().meta({ description: 'Default recipient for sends that give no target.' }),
  webhookPath: webhookPath.optional().meta({
    description: 'Path the inbound webhook listens on; distinct per enabled account.',
    default: DEFAULT_WEBHOOK_PATH,
  }),
  publicWebhookUrl: httpUrl('publicWebhookUrl', true).optional().meta({
    description: 'The exact URL configured in Twilio (used to check X-Twilio-Signature).',
    format: 'uri',
  }),
  dmPolicy: z
    .enum(DM_POLICIES)
    .optional()
    .meta({ description: 'Who may talk to the assistant.', default: DEFAULT_DM_POLICY }),
  allowFrom: z.array(allowFromEntry).optional().meta({
    description: 'Senders always allowed: E.164 numbers ("sms:" prefix accepted) or "*" for everyone.',
  }),
  textChunkLimit: z
    .int({ error: 'textChunkLimit must be a whole number from 1 to 1600' })
    .min(1, { error: 'textChunkLimit must be at least 1' })
    .max(MAX_TEXT_CHUNK_LIMIT, {
      error: 'textChunkLimit must be at most 1600 (Twilio refuses a longer Body)',
    })
    .optional()
    .meta({ description: 'Maximum characters per outbound SMS part.', default: DEFAULT_TEXT_CHUNK_LIMIT }),
  dangerouslyDisableSignatureValidation: z.boolean().optional().meta({
    description: 'Accept webhooks without a valid X-Twilio-Signature (local testing only).',
    default: false,
  }),
  mediaMaxMb: z
    .number({ error: 'mediaMaxMb must be a number of megabytes' })
    .positive({ error: 'mediaMaxMb must be a number of megabytes above 0' })
    .optional()
    .meta({
      description:
        'Largest inbound media file (MMS) to download, in MiB (1 MiB = 1,048,576 bytes) per file; a larger one is not kept and the turn says so.',
      default: DEFAULT_MEDIA_MAX_MB,
    }),
  smartEncoding: z.boolean({ error: 'smartEncoding must be true or false' }).optional().meta({
    description:
      "Replace the characters Twilio's Smart Encoding replaces (curly quotes, long dashes, odd spaces...) before counting segments and chunking, so a reply stays GSM-7 where it can.",
    default: true,
  }),
  failureReply: failureReply.optional().meta({
    description:
      'The one short SMS sent when the assistant failed for good on a message: true for the default apology, false for none, or your own text.',
    default: true,
  }),
  twilioApiBaseUrl: httpUrl('twilioApiBaseUrl', false).optional().meta({
    description: 'Base URL of the Twilio REST API (tests point it at a local look-alike).',
    format: 'uri',
    default: DEFAULT_TWILIO_API_BASE_URL,
  }),
};

/** One entry of `channels.sms.accounts`. */
export const smsAccountConfigSchema = z.strictObject(smsAccountShape);

const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** `channels.sms`: account keys (defaults and the implicit `default` account), plus `accounts` and `defaultAccount`. */
export const smsChannelConfigSchema = z.strictObject({
  ...smsAccountShape,
  accounts: z
    .record(
      z.string().regex(ACCOUNT_ID, {
        error: 'an account id is 1-64 letters, digits, "-" or "_", starting with a letter or digit',
      }),
      smsAccountConfigSchema,
    )
    .optional()
    .meta({ description: 'Named accounts; each inherits the top-level keys it does not set.' }),
  defaultAccount: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Id of the account used when none is named (and the one env vars fill).' }),
});

export type SmsAccountConfig = z.infer<typeof smsAccountConfigSchema>;
export type SmsChannelConfig = z.infer<typeof smsChannelConfigSchema>;

/** The keys an account inherits from the top level (all account keys but `name`). */
export type InheritedSmsKey = Exclude<keyof SmsAccountConfig, 'name' | 'enabled'>;

/**
 * The whole configuration as far as this package is concerned: any other top-level section (`agent`,
 * `gateway`, ...) and any other channel pass through untouched, for the app to validate with its own schemas.
 */
export const smsConfigSectionSchema = z.looseObject(
  {
    channels: z
      .looseObject({ sms: smsChannelConfigSchema.optional() }, { error: 'channels must be an object' })
      .optional(),
  },
  { error: 'the configuration must be an object' },
);

export type SmsConfigSection = z.infer<typeof smsConfigSectionSchema>;
