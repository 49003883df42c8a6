import { API_VERSION } from './message-resource.js';
import type { SandboxNumber } from './sandbox-options.js';
import { formatTwilioDate } from './twilio-date.js';

/** The path of an IncomingPhoneNumber resource. */
export function phoneNumberUri(accountSid: string, sid: string): string {
  return `/${API_VERSION}/Accounts/${accountSid}/IncomingPhoneNumbers/${sid}.json`;
}

/**
 * A sandbox number as Twilio's IncomingPhoneNumber resource: what a `--probe` reads (`phone_number`, `sms_url`,
 * `sms_method`, capabilities). Voice fields are present and empty: the sandbox does SMS only.
 */
export function toPhoneNumberResource(
  number: SandboxNumber,
  accountSid: string,
  created: Date,
): Record<string, unknown> {
  const date = formatTwilioDate(created);
  const uri = phoneNumberUri(accountSid, number.sid);
  return {
    account_sid: accountSid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: date,
    date_updated: date,
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: '',
    sms_fallback_method: 'POST',
    sms_fallback_url: '',
    sms_method: 'POST',
    sms_url: number.smsUrl ?? '',
    status: 'in-use',
    status_callback: '',
    status_callback_method: 'POST',
    subresource_uris: { assigned_add_ons: uri.replace(/\.json$/, '/AssignedAddOns.json') },
    trunk_sid: null,
    uri,
    voice_application_sid: '',
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: 'POST',
    voice_receive_mode: 'voice',
    voice_url: null,
  };
}
