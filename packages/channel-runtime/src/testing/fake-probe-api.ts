import type { TwilioAccount, TwilioMessagingService, TwilioPhoneNumber } from '@sms-channel/twilio-messaging';
import type { ProbeApi } from '../probe/probe-account.js';

/** What the fake Twilio answers; an `Error` value is thrown by that call. */
export interface FakeTwilio {
  account?: TwilioAccount | Error;
  numbers?: TwilioPhoneNumber[] | Error;
  services?: Record<string, TwilioMessagingService>;
  /** Never answer the Account fetch. */
  hang?: boolean;
}

/** A `ProbeApi` answering from data, for tests of code that probes accounts. */
export function createFakeProbeApi(fake: FakeTwilio): ProbeApi {
  const answer = async <T>(value: T | Error): Promise<T> => {
    if (value instanceof Error) throw value;
    return value;
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
      const service = fake.services?.[sid];
      if (service === undefined) throw new Error(`no service ${sid}`);
      return service;
    },
  };
}
