import { computeSignature } from '@sms-channel/twilio-signature';

/** One signed form POST, the way Twilio calls a webhook. */
export interface SignedFormPost {
  url: string;
  params: Record<string, string>;
  authToken: string;
  timeoutMs: number;
  /** Twilio's `I-Twilio-Idempotency-Token`: the same on every retry of one event. */
  idempotencyToken: string;
  /** Aborts the request when the sandbox stops. */
  signal: AbortSignal;
}

/** What came back (or did not). */
export interface SignedFormOutcome {
  ok: boolean;
  status: number | null;
  error: string | null;
  /** The answer's body (at most 64 KiB) and content type, for TwiML replies. */
  body: string;
  contentType: string | null;
  signature: string;
  durationMs: number;
}

const MAX_ANSWER_CHARS = 65_536;

/**
 * POSTs `params` form-encoded to `url` with `X-Twilio-Signature` computed over the URL (without a `#fragment`,
 * which Twilio uses for connection overrides and never sends) and every parameter. A non-2xx answer, a network
 * failure or no complete answer within `timeoutMs` is a failure - what Twilio records as error 11200.
 */
export async function postSignedForm(post: SignedFormPost): Promise<SignedFormOutcome> {
  const url = post.url.replace(/#.*$/s, '');
  const signature = computeSignature(post.authToken, url, post.params);
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = AbortSignal.timeout(post.timeoutMs);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
        'i-twilio-idempotency-token': post.idempotencyToken,
        'user-agent': 'TwilioProxy/1.1',
        accept: '*/*',
      },
      body: new URLSearchParams(post.params).toString(),
      redirect: 'manual',
      signal: AbortSignal.any([timeout, post.signal]),
    });
    const body = (await response.text()).slice(0, MAX_ANSWER_CHARS);
    const ok = response.status >= 200 && response.status < 300;
    return {
      ok,
      status: response.status,
      error: ok ? null : `HTTP ${response.status}`,
      body,
      contentType: response.headers.get('content-type'),
      signature,
      durationMs: elapsed(),
    };
  } catch (error) {
    if (post.signal.aborted) throw error;
    const reason = timeout.aborted ? `timeout after ${post.timeoutMs} ms` : describeNetworkError(error);
    return {
      ok: false,
      status: null,
      error: reason,
      body: '',
      contentType: null,
      signature,
      durationMs: elapsed(),
    };
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}
