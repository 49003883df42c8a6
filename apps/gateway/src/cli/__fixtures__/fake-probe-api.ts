import type {
  ProbedMessagingService,
  ProbedPhoneNumber,
  ProbedTwilioAccount,
  TwilioProbeApi,
} from '../twilio-probe-api.js';

export interface FakeTwilio {
  account?: ProbedTwilioAccount | Error;
  numbers?: ProbedPhoneNumber[] | Error;
  services?: Record<string, ProbedMessagingService>;
  /** Never answer the Account fetch. */
  hang?: boolean;
}

/** A `TwilioProbeApi` answering from data; an `Error` value is thrown by that call. */
export function createFakeProbeApi(fake: FakeTwilio): TwilioProbeApi {
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
