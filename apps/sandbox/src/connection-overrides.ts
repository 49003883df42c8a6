/**
 * Twilio's webhook connection overrides: parameters in the URL's fragment (never sent, never signed) such as
 * `https://example.com/sms#rc=2&rt=3000`, where `rc` is the retry count, `rt` the read timeout and `tt` the
 * total time in milliseconds. The sandbox honours these three; others (`ct`, `rp`, `e`, `sni`) are ignored.
 */
export interface ConnectionOverrides {
  retries?: number;
  timeoutMs?: number;
}

/** Reads the overrides of `url`'s fragment; absent or malformed values are left out. */
export function readConnectionOverrides(url: string): ConnectionOverrides {
  const hash = url.indexOf('#');
  if (hash < 0) return {};
  const fragment = new URLSearchParams(url.slice(hash + 1));
  const number = (name: string, max: number) => {
    const raw = fragment.get(name);
    return raw !== null && /^\d+$/.test(raw) ? Math.min(Number(raw), max) : undefined;
  };
  const retries = number('rc', 5);
  const timeouts = [number('rt', 15_000), number('tt', 15_000)].filter((value) => value !== undefined);
  return {
    ...(retries === undefined ? {} : { retries }),
    ...(timeouts.length === 0 ? {} : { timeoutMs: Math.min(...timeouts) }),
  };
}
