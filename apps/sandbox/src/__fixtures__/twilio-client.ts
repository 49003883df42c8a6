import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';

type RequestOptions<TData> = RequestClient.RequestOptions<TData>;
type RequestClientOptions = ConstructorParameters<typeof twilio.RequestClient>[0];

/**
 * The supported way to point the `twilio` SDK somewhere else: its `httpClient` option. This request client
 * rewrites every Twilio host (api.twilio.com, messaging.twilio.com, ...) to the sandbox's origin and leaves
 * everything else - paths, Basic auth, form bodies, paging - as the SDK made it. The README shows the same.
 * With your own request client, the SDK's transport options (`autoRetry`, `timeout`, ...) go to its constructor.
 */
export class SandboxRequestClient extends twilio.RequestClient {
  readonly #origin: URL;

  constructor(sandboxUrl: string, options?: RequestClientOptions) {
    super(options);
    this.#origin = new URL(sandboxUrl);
  }

  override request<TData>(options: RequestOptions<TData>) {
    const target = new URL(options.uri);
    target.protocol = this.#origin.protocol;
    target.host = this.#origin.host;
    return super.request<TData>({ ...options, uri: target.toString() });
  }
}

/** A real `twilio` client that talks to the sandbox. */
export function sandboxTwilioClient(
  sandbox: { url: string; accountSid: string; authToken: string },
  options: { authToken?: string; autoRetry?: boolean } = {},
) {
  const transport = options.autoRetry ? { autoRetry: true, maxRetryDelay: 200 } : {};
  return twilio(sandbox.accountSid, options.authToken ?? sandbox.authToken, {
    httpClient: new SandboxRequestClient(sandbox.url, transport),
  });
}

/** The `Authorization` header the SDK sends (Basic account SID and auth token), for tests that use fetch. */
export function basicAuthHeaders(sandbox: { accountSid: string; authToken: string }): {
  authorization: string;
} {
  return {
    authorization: `Basic ${Buffer.from(`${sandbox.accountSid}:${sandbox.authToken}`).toString('base64')}`,
  };
}
