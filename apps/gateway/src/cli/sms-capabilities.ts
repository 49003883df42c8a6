import { DEFAULT_TEXT_CHUNK_LIMIT, DM_POLICIES, MAX_TEXT_CHUNK_LIMIT } from '@sms-channel/config';
import { TWILIO_DEFAULT_KEYWORDS } from '@sms-channel/phone-policy';

/** What the SMS channel can do, as `channels capabilities --channel sms --json` prints it. */
export interface SmsCapabilities {
  channel: 'sms';
  label: string;
  /** SMS is one-to-one: no groups, no threads. */
  chatTypes: readonly ['direct'];
  targetPrefixes: readonly string[];
  text: {
    /** Assistant markdown becomes readable plain text. */
    markdown: 'converted-to-plain-text';
    encodings: readonly ['GSM-7', 'UCS-2'];
    /** Twilio's limit on one message's Body. */
    maxBodyChars: number;
    /** The account's longest part (`textChunkLimit`). */
    textChunkLimit: number;
    /** Longer replies are cut into parts numbered ` (i/n)`. */
    partNumbering: boolean;
  };
  media: { inbound: boolean; outbound: boolean };
  deliveryStatus: boolean;
  access: { dmPolicies: readonly string[]; defaultDmPolicy: string; pairing: boolean };
  /** Keywords Twilio answers itself; the gateway never replies to them nor texts opted-out senders. */
  optOutKeywords: { stop: readonly string[]; start: readonly string[]; help: readonly string[] };
  probe: readonly string[];
  unsupported: readonly string[];
}

/** The channel's capabilities; `textChunkLimit` of the account asked about, else the default. */
export function smsCapabilities(textChunkLimit: number = DEFAULT_TEXT_CHUNK_LIMIT): SmsCapabilities {
  return {
    channel: 'sms',
    label: 'SMS (Twilio)',
    chatTypes: ['direct'],
    targetPrefixes: ['sms', 'twilio-sms'],
    text: {
      markdown: 'converted-to-plain-text',
      encodings: ['GSM-7', 'UCS-2'],
      maxBodyChars: MAX_TEXT_CHUNK_LIMIT,
      textChunkLimit,
      partNumbering: true,
    },
    media: { inbound: true, outbound: true },
    deliveryStatus: true,
    access: { dmPolicies: [...DM_POLICIES], defaultDmPolicy: 'pairing', pairing: true },
    optOutKeywords: {
      stop: TWILIO_DEFAULT_KEYWORDS.stop,
      start: TWILIO_DEFAULT_KEYWORDS.start,
      help: TWILIO_DEFAULT_KEYWORDS.help,
    },
    probe: ['credentials', 'sender', 'webhook-url'],
    unsupported: ['groups', 'threads', 'reactions', 'edits', 'deletes', 'typing', 'polls'],
  };
}

/** The same, for a person. */
export function describeSmsCapabilities(capabilities: SmsCapabilities): string[] {
  const { text, optOutKeywords: keywords } = capabilities;
  return [
    `${capabilities.channel}: ${capabilities.label}`,
    '  chats            direct messages only (one phone number to one phone number)',
    `  targets          ${capabilities.targetPrefixes.map((prefix) => `${prefix}:+15551234567`).join(', ')} or +15551234567`,
    `  text             markdown converted to plain text (${text.encodings.join(' or ')}); parts of at most ${text.textChunkLimit} characters, numbered (i/n)`,
    '  media            MMS both ways (US and Canada): photos in reach the assistant, replies and message send --media carry up to 10',
    '  delivery status  yes (Twilio status callbacks)',
    `  access           dmPolicy ${capabilities.access.dmPolicies.join(' | ')} (default ${capabilities.access.defaultDmPolicy})`,
    `  opt-out          ${keywords.stop.join(', ')} / ${keywords.start.join(', ')} / ${keywords.help.join(', ')}: answered by Twilio; opted-out senders are never texted`,
    `  probe            ${capabilities.probe.join(', ')} (channels status --probe)`,
    `  not supported    ${capabilities.unsupported.join(', ')}`,
  ];
}
