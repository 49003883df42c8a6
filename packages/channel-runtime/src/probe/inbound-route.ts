import type {
  TwilioMessagingService,
  TwilioPhoneNumber,
  TwilioRestClient,
} from '@sms-channel/twilio-messaging';
import { withTimeout } from './probe-timeout.js';

/** The REST calls that find where Twilio sends the texts to a number (read-only). */
export type InboundRouteApi = Pick<
  TwilioRestClient,
  'listMessagingServices' | 'listMessagingServiceNumbers' | 'fetchApplication'
>;

/** Where Twilio sends the texts to a number, and what to change there. */
export interface InboundRoute {
  /** Who posts the texts, as the subject of a sentence: `number +1...`, `Messaging Service MG... ("name")`. */
  subject: string;
  /** The URL the texts go to; `''` or `null` when none is set. */
  url: string | null;
  /** `POST` or `GET`. */
  method: string;
  /** The setting that holds the URL, for "set ... to <url>". */
  urlSetting: string;
  /** The setting that holds the method, for "set ... to HTTP POST". */
  methodSetting: string;
  /** Another fix, when there is one ("or ..."). */
  alternative?: string;
}

/** The route of a Messaging Service that receives its numbers' texts itself. */
export function serviceRoute(service: TwilioMessagingService, clause = ''): InboundRoute {
  return {
    subject: `Messaging Service ${service.sid} ("${service.friendlyName}")${clause}`,
    url: service.inboundRequestUrl,
    method: service.inboundMethod,
    urlSetting: `the service's inbound request URL (Integration: "Send a webhook")`,
    methodSetting: `the method of the service's inbound request URL`,
    alternative: "have the service defer to each number's own webhook",
  };
}

/**
 * The Messaging Service whose sender pool holds the number, if any (a number belongs to one service at most,
 * Twilio error 21712). The REST API has no lookup by number: each service's PhoneNumbers are listed in turn.
 */
async function serviceOf(
  api: InboundRouteApi,
  number: TwilioPhoneNumber,
  timeoutMs: number,
): Promise<TwilioMessagingService | undefined> {
  const services = await withTimeout(api.listMessagingServices(), 'the Messaging Services list', timeoutMs);
  for (const service of services) {
    const pool = await withTimeout(
      api.listMessagingServiceNumbers(service.sid),
      `the phone numbers of Messaging Service ${service.sid}`,
      timeoutMs,
    );
    if (pool.some((entry) => entry.sid === number.sid || entry.phoneNumber === number.phoneNumber)) {
      return service;
    }
  }
  return undefined;
}

/**
 * Where Twilio sends the texts to `number`, in Twilio's order of precedence: the Messaging Service the number is
 * in, unless that service defers to its numbers' own webhooks ("Inbound messages received on any phone number
 * associated to a Messaging Service are passed to the inbound request URL of the Service"); then a TwiML App
 * named in `sms_application_sid` ("we ignore all of the sms_*_url urls and use those set on the application");
 * then the number's own `sms_url` and `sms_method`.
 */
export async function findInboundRoute(
  api: InboundRouteApi,
  number: TwilioPhoneNumber,
  timeoutMs: number,
): Promise<InboundRoute> {
  const service = await serviceOf(api, number, timeoutMs);
  if (service !== undefined && !service.useInboundWebhookOnNumber) {
    return serviceRoute(
      service,
      `, which receives the texts to ${number.phoneNumber} in place of the number's own webhook,`,
    );
  }
  const appSid = number.smsApplicationSid;
  if (appSid !== null) {
    const app = await withTimeout(api.fetchApplication(appSid), `the TwiML App ${appSid}`, timeoutMs);
    return {
      subject: `TwiML App ${app.sid} ("${app.friendlyName}"), which number ${number.phoneNumber} hands its texts to in place of its own webhook,`,
      url: app.smsUrl,
      method: app.smsMethod,
      urlSetting: "the app's Messaging Request URL",
      methodSetting: "the method of the app's Messaging Request URL",
      alternative: `take the app off the number and set the number's "A message comes in" webhook`,
    };
  }
  return {
    subject: `number ${number.phoneNumber}`,
    url: number.smsUrl,
    method: number.smsMethod,
    urlSetting: 'its "A message comes in" webhook',
    methodSetting: 'the method of its "A message comes in" webhook',
  };
}
