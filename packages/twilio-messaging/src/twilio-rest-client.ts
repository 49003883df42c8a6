import { closeTwilioClient, createTwilioClient, type TwilioClientAccount } from './create-twilio-client.js';

/** A message as the Messages API describes it (the fields a channel acts on). */
export interface TwilioMessage {
  sid: string;
  /** `queued`, `accepted`, `sending`, `sent`, `delivered`, `undelivered`, `failed`, `received`... */
  status: string;
  to: string;
  /** The sender number (`null` while a Messaging Service has not picked one yet). */
  from: string | null;
  body: string;
  messagingServiceSid: string | null;
  /** `outbound-api`, `outbound-reply`, `inbound`... */
  direction: string;
  dateCreated: Date | null;
  dateSent: Date | null;
  errorCode: number | null;
  numMedia: number;
}

/** `POST .../Messages.json`: who it goes to, from whom, and what it carries. */
export interface CreateMessageParams {
  /** E.164 recipient. */
  to: string;
  /** At most 1,600 characters; may be empty when `mediaUrls` is given. */
  body: string;
  /** E.164 sender; wins over `messagingServiceSid` when both are given. */
  from?: string | undefined;
  messagingServiceSid?: string | undefined;
  /** Where Twilio POSTs delivery statuses. */
  statusCallback?: string | undefined;
  /** Public URLs of media to send (MMS), at most 10. */
  mediaUrls?: readonly string[] | undefined;
}

/** `GET .../Messages.json` filters, as Twilio applies them (`DateSent>=` is `dateSentAfter`). */
export interface ListMessagesFilter {
  to?: string | undefined;
  from?: string | undefined;
  /** Messages sent on or after this day (Twilio compares whole UTC days). */
  dateSentAfter?: Date | undefined;
  dateSentBefore?: Date | undefined;
  /** Most messages returned. @default 50 */
  limit?: number | undefined;
}

/** The Account as `GET /Accounts/{Sid}.json` reads. */
export interface TwilioAccount {
  friendlyName: string;
  /** `active`, `suspended` or `closed`. */
  status: string;
}

/** An IncomingPhoneNumber: where Twilio sends what is texted to it. */
export interface TwilioPhoneNumber {
  sid: string;
  phoneNumber: string;
  /** Where Twilio sends texts to the number; `''` when none is set. */
  smsUrl: string;
  /** `POST` or `GET`. */
  smsMethod: string;
  /** A TwiML App that handles texts instead of `smsUrl`, when set. */
  smsApplicationSid: string | null;
}

/** A Messaging Service: where Twilio sends texts to the numbers in it. */
export interface TwilioMessagingService {
  sid: string;
  friendlyName: string;
  /** Where Twilio sends texts to the service's numbers, unless each number's own URL is used. */
  inboundRequestUrl: string | null;
  /** `POST` or `GET`. */
  inboundMethod: string;
  useInboundWebhookOnNumber: boolean;
}

/** A number in a Messaging Service's sender pool. */
export interface TwilioServiceNumber {
  /** The IncomingPhoneNumber's SID (`PN...`). */
  sid: string;
  phoneNumber: string;
}

/** A TwiML App: a number that names it in `smsApplicationSid` has its texts sent to the app's URL, not its own. */
export interface TwilioApplication {
  sid: string;
  friendlyName: string;
  /** Where Twilio sends texts to the numbers using the app; `''` when none is set. */
  smsUrl: string;
  /** `POST` or `GET`. */
  smsMethod: string;
}

/**
 * The Twilio REST calls a messaging channel makes, for one account: Messages create / fetch / list, the
 * Account, its IncomingPhoneNumbers and Messaging Services. Errors are `TwilioApiError`s. An interface so
 * channel rules can be tested without Twilio; `createTwilioRestClient` is the real one.
 */
export interface TwilioRestClient {
  readonly accountSid: string;
  createMessage(params: CreateMessageParams): Promise<TwilioMessage>;
  fetchMessage(sid: string): Promise<TwilioMessage>;
  listMessages(filter: ListMessagesFilter): Promise<TwilioMessage[]>;
  /** `GET /2010-04-01/Accounts/{AccountSid}.json`: the cheapest call that proves the credentials. */
  fetchAccount(): Promise<TwilioAccount>;
  /** `GET .../IncomingPhoneNumbers.json?PhoneNumber=...`: the account's numbers matching an E.164 number. */
  findIncomingNumbers(phoneNumber: string): Promise<TwilioPhoneNumber[]>;
  /** `GET https://messaging.twilio.com/v1/Services/{MG...}`. */
  fetchMessagingService(sid: string): Promise<TwilioMessagingService>;
  /** `GET https://messaging.twilio.com/v1/Services`: the account's Messaging Services (the first 100). */
  listMessagingServices(): Promise<TwilioMessagingService[]>;
  /** `GET https://messaging.twilio.com/v1/Services/{MG...}/PhoneNumbers`: the service's sender pool. */
  listMessagingServiceNumbers(serviceSid: string): Promise<TwilioServiceNumber[]>;
  /** `GET .../Applications/{AP...}.json`: a TwiML App. */
  fetchApplication(sid: string): Promise<TwilioApplication>;
  /**
   * Ends this client's requests in flight (they fail as unanswered, `status: 0`) and closes its kept-alive
   * connections, so nothing of it holds the process open; later calls fail the same way.
   */
  close(): Promise<void>;
}

export interface TwilioRestClientOptions {
  /** Time allowed for one HTTP request to the Twilio API, in ms. @default 15000 */
  timeoutMs?: number;
}

type SdkMessage = {
  sid: string;
  status: string;
  to: string;
  from: string | null;
  body: string;
  messagingServiceSid: string | null;
  direction: string;
  dateCreated: Date | null;
  dateSent: Date | null;
  errorCode: number | null;
  numMedia: string | null;
};

function toMessage(message: SdkMessage): TwilioMessage {
  const numMedia = Number.parseInt(message.numMedia ?? '0', 10);
  return {
    sid: message.sid,
    status: message.status,
    to: message.to,
    from: message.from ?? null,
    body: message.body ?? '',
    messagingServiceSid: message.messagingServiceSid ?? null,
    direction: message.direction,
    dateCreated: message.dateCreated ?? null,
    dateSent: message.dateSent ?? null,
    errorCode: message.errorCode ?? null,
    numMedia: Number.isFinite(numMedia) ? numMedia : 0,
  };
}

type SdkService = {
  sid: string;
  friendlyName: string;
  inboundRequestUrl: string | null;
  inboundMethod: string | null;
  useInboundWebhookOnNumber: boolean | null;
};

function toMessagingService(service: SdkService): TwilioMessagingService {
  return {
    sid: service.sid,
    friendlyName: service.friendlyName,
    inboundRequestUrl: service.inboundRequestUrl ?? null,
    inboundMethod: (service.inboundMethod ?? 'POST').toUpperCase(),
    useInboundWebhookOnNumber: service.useInboundWebhookOnNumber === true,
  };
}

function createParams(params: CreateMessageParams) {
  const sender =
    params.from !== undefined ? { from: params.from } : { messagingServiceSid: params.messagingServiceSid };
  return {
    to: params.to,
    body: params.body,
    ...sender,
    ...(params.statusCallback === undefined ? {} : { statusCallback: params.statusCallback }),
    ...(params.mediaUrls === undefined || params.mediaUrls.length === 0
      ? {}
      : { mediaUrl: [...params.mediaUrls] }),
  };
}

/**
 * A `TwilioRestClient` on the `twilio` SDK, talking to the account's `twilioApiBaseUrl` (the sandbox, in tests).
 * Creating it costs nothing: the SDK (hundreds of modules) is loaded by the first call, so a process that only
 * acknowledges webhooks never loads it.
 */
export function createTwilioRestClient(
  account: TwilioClientAccount,
  options: TwilioRestClientOptions = {},
): TwilioRestClient {
  let sdkClient: ReturnType<typeof createTwilioClient> | undefined;
  const client = () => {
    sdkClient ??= createTwilioClient(account, options);
    return sdkClient;
  };
  return {
    accountSid: account.accountSid,
    async createMessage(params) {
      return toMessage(await (await client()).messages.create(createParams(params)));
    },
    async fetchMessage(sid) {
      return toMessage(await (await client()).messages(sid).fetch());
    },
    async listMessages(filter) {
      const found = await (await client()).messages.list({
        ...(filter.to === undefined ? {} : { to: filter.to }),
        ...(filter.from === undefined ? {} : { from: filter.from }),
        ...(filter.dateSentAfter === undefined ? {} : { dateSentAfter: filter.dateSentAfter }),
        ...(filter.dateSentBefore === undefined ? {} : { dateSentBefore: filter.dateSentBefore }),
        limit: filter.limit ?? 50,
      });
      return found.map(toMessage);
    },
    async fetchAccount() {
      const found = await (await client()).api.v2010.accounts(account.accountSid).fetch();
      return { friendlyName: found.friendlyName, status: found.status };
    },
    async findIncomingNumbers(phoneNumber) {
      const numbers = await (await client()).incomingPhoneNumbers.list({ phoneNumber, limit: 20 });
      return numbers.map((number) => ({
        sid: number.sid,
        phoneNumber: number.phoneNumber,
        smsUrl: number.smsUrl ?? '',
        smsMethod: (number.smsMethod ?? 'POST').toUpperCase(),
        smsApplicationSid: number.smsApplicationSid || null,
      }));
    },
    async fetchMessagingService(sid) {
      return toMessagingService(await (await client()).messaging.v1.services(sid).fetch());
    },
    async listMessagingServices() {
      const services = await (await client()).messaging.v1.services.list({ limit: 100 });
      return services.map(toMessagingService);
    },
    async listMessagingServiceNumbers(serviceSid) {
      const numbers = await (await client()).messaging.v1.services(serviceSid).phoneNumbers.list();
      return numbers.map((number) => ({ sid: number.sid, phoneNumber: number.phoneNumber }));
    },
    async fetchApplication(sid) {
      const app = await (await client()).applications(sid).fetch();
      return {
        sid: app.sid,
        friendlyName: app.friendlyName,
        smsUrl: app.smsUrl ?? '',
        smsMethod: (app.smsMethod ?? 'POST').toUpperCase(),
      };
    },
    async close() {
      // A client whose SDK failed to load has no connection to close.
      const loaded = await sdkClient?.catch(() => undefined);
      if (loaded !== undefined) closeTwilioClient(loaded);
    },
  };
}
