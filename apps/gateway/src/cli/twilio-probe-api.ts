import type { Twilio } from 'twilio';

/** The Account as the probe reads it. */
export interface ProbedTwilioAccount {
  friendlyName: string;
  /** `active`, `suspended` or `closed`. */
  status: string;
}

/** An IncomingPhoneNumber as the probe reads it. */
export interface ProbedPhoneNumber {
  sid: string;
  phoneNumber: string;
  /** Where Twilio POSTs texts to the number; `''` when none is set. */
  smsUrl: string;
}

/** A Messaging Service as the probe reads it. */
export interface ProbedMessagingService {
  sid: string;
  friendlyName: string;
  /** Where Twilio POSTs texts to the service's numbers, unless each number's own URL is used. */
  inboundRequestUrl: string | null;
  useInboundWebhookOnNumber: boolean;
}

/**
 * The three read-only Twilio REST calls behind `channels status --probe`, one account's credentials each.
 * An interface so the probe's rules can be tested without the SDK; `createTwilioProbeApi` is the real one.
 */
export interface TwilioProbeApi {
  /** `GET /2010-04-01/Accounts/{AccountSid}.json`: the cheapest call that proves the credentials. */
  fetchAccount(accountSid: string): Promise<ProbedTwilioAccount>;
  /** `GET .../IncomingPhoneNumbers.json?PhoneNumber=...`: the account's numbers matching an E.164 number. */
  findIncomingNumbers(phoneNumber: string): Promise<ProbedPhoneNumber[]>;
  /** `GET https://messaging.twilio.com/v1/Services/{MG...}`. */
  fetchMessagingService(sid: string): Promise<ProbedMessagingService>;
}

/** The probe calls through a `twilio` SDK client (made by the gateway's `createTwilioClient`). */
export function createTwilioProbeApi(client: Twilio): TwilioProbeApi {
  return {
    async fetchAccount(accountSid) {
      const account = await client.api.v2010.accounts(accountSid).fetch();
      return { friendlyName: account.friendlyName, status: account.status };
    },
    async findIncomingNumbers(phoneNumber) {
      const numbers = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 20 });
      return numbers.map((number) => ({
        sid: number.sid,
        phoneNumber: number.phoneNumber,
        smsUrl: number.smsUrl ?? '',
      }));
    },
    async fetchMessagingService(sid) {
      const service = await client.messaging.v1.services(sid).fetch();
      return {
        sid: service.sid,
        friendlyName: service.friendlyName,
        inboundRequestUrl: service.inboundRequestUrl ?? null,
        useInboundWebhookOnNumber: service.useInboundWebhookOnNumber === true,
      };
    },
  };
}
