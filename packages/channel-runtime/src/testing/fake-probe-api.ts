import type {
  TwilioAccount,
  TwilioApplication,
  TwilioMessagingService,
  TwilioPhoneNumber,
} from '@sms-channel/twilio-messaging';
import type { ProbeApi } from '../probe/probe-account.js';

/** What the fake Twilio answers; an `Error` value is thrown by that call. */
export interface FakeTwilio {
  account?: TwilioAccount | Error;
  numbers?: TwilioPhoneNumber[] | Error;
  /** The account's Messaging Services by SID (also what the services list answers, in this order). */
  services?: Record<string, TwilioMessagingService> | Error;
  /** The E.164 numbers in each service's sender pool (matched against `numbers` for their SIDs). */
  serviceNumbers?: Record<string, string[]>;
  /** TwiML Apps by SID. */
  applications?: Record<string, TwilioApplication>;
  /** Never answer the Account fetch. */
  hang?: boolean;
}

/** A `ProbeApi` answering from data, for tests of code that probes accounts. */
export function createFakeProbeApi(fake: FakeTwilio): ProbeApi {
  const answer = async <T>(value: T | Error): Promise<T> => {
    if (value instanceof Error) throw value;
    return value;
  };
  const services = () => answer(fake.services ?? {});
  const numberSid = async (phoneNumber: string) => {
    const numbers = fake.numbers instanceof Error ? [] : (fake.numbers ?? []);
    const found = numbers.find((number) => number.phoneNumber === phoneNumber);
    return found?.sid ?? `PN${phoneNumber.replace(/\D/g, '').padStart(32, '0')}`;
  };
  return {
    fetchAccount: () =>
      fake.hang === true
        ? new Promise<never>(() => {})
        : answer(fake.account ?? { friendlyName: 'Sandbox', status: 'active' }),
    findIncomingNumbers: async (phoneNumber) => {
      const numbers = await answer(fake.numbers ?? []);
      return numbers.filter((number) => number.phoneNumber === phoneNumber);
    },
    fetchMessagingService: async (sid) => {
      const service = (await services())[sid];
      if (service === undefined) throw new Error(`no service ${sid}`);
      return service;
    },
    listMessagingServices: async () => Object.values(await services()),
    listMessagingServiceNumbers: async (serviceSid) =>
      Promise.all(
        (fake.serviceNumbers?.[serviceSid] ?? []).map(async (phoneNumber) => ({
          sid: await numberSid(phoneNumber),
          phoneNumber,
        })),
      ),
    fetchApplication: async (sid) => {
      const app = fake.applications?.[sid];
      if (app === undefined) throw new Error(`no TwiML App ${sid}`);
      return app;
    },
  };
}
