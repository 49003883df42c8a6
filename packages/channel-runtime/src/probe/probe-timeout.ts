/** A Twilio call of the probe that did not answer in time. */
export class ProbeTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`no answer from Twilio to ${what} within ${ms} ms`);
    this.name = 'ProbeTimeoutError';
  }
}

/**
 * `work`, or a `ProbeTimeoutError` after `ms`. The call itself is not cancelled: its client's own timeout (or
 * `close()`) ends the request, which is why a host gives the probe's client the same timeout.
 */
export function withTimeout<T>(work: Promise<T>, what: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeoutError(what, ms)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
