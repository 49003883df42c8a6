import { countryOf, type SandboxMessagingService, type SandboxNumber } from './sandbox-options.js';
import { formatIsoDate } from './twilio-date.js';

/** Messaging Services live on their own host (`messaging.twilio.com`, API `v1`) with ISO 8601 dates. */
export const MESSAGING_BASE_URL = 'https://messaging.twilio.com';

/** A Messaging Service as Twilio's v1 Service resource. */
export function toServiceResource(
  service: SandboxMessagingService,
  accountSid: string,
  created: Date,
): Record<string, unknown> {
  const url = `${MESSAGING_BASE_URL}/v1/Services/${service.sid}`;
  const date = formatIsoDate(created);
  return {
    account_sid: accountSid,
    area_code_geomatch: true,
    date_created: date,
    date_updated: date,
    fallback_method: 'POST',
    fallback_to_long_code: true,
    fallback_url: null,
    friendly_name: service.friendlyName,
    inbound_method: 'POST',
    inbound_request_url: service.inboundRequestUrl,
    links: {
      phone_numbers: `${url}/PhoneNumbers`,
      short_codes: `${url}/ShortCodes`,
      alpha_senders: `${url}/AlphaSenders`,
    },
    mms_converter: true,
    scan_message_content: 'inherit',
    sid: service.sid,
    smart_encoding: false,
    status_callback: null,
    sticky_sender: true,
    url,
    use_inbound_webhook_on_number: service.inboundRequestUrl === null,
    validity_period: 14_400,
  };
}

/** A number of a service's sender pool, as Twilio's v1 PhoneNumber (of a Service) resource. */
export function toServicePhoneNumberResource(
  number: SandboxNumber,
  service: SandboxMessagingService,
  accountSid: string,
  created: Date,
): Record<string, unknown> {
  const date = formatIsoDate(created);
  return {
    account_sid: accountSid,
    capabilities: ['MMS', 'SMS', 'Voice'],
    country_code: countryOf(number.phoneNumber) ?? null,
    date_created: date,
    date_updated: date,
    phone_number: number.phoneNumber,
    service_sid: service.sid,
    sid: number.sid,
    url: `${MESSAGING_BASE_URL}/v1/Services/${service.sid}/PhoneNumbers/${number.sid}`,
  };
}

/** Twilio's v1 list shape: records under `key`, paging under `meta` (one page: the sandbox's lists are short). */
export function v1List(key: string, url: string, records: unknown[]): Record<string, unknown> {
  return {
    [key]: records,
    meta: {
      first_page_url: `${url}?PageSize=50&Page=0`,
      key,
      next_page_url: null,
      page: 0,
      page_size: 50,
      previous_page_url: null,
      url: `${url}?PageSize=50&Page=0`,
    },
  };
}
