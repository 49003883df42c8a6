import { Agent } from 'node:http';
import type TwilioSdk from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { twilioErrorFromNetwork, twilioErrorFromResponse } from './twilio-error-from.js';

/** The `twilio` SDK's REST client. */
export type TwilioClient = TwilioSdk.Twilio;

/** The Twilio API origin the SDK talks to unless told otherwise. */
export const TWILIO_API_ORIGIN = 'https://api.twilio.com';

export interface TwilioClientAccount {
  accountSid: string;
  authToken: string;
  /** Where the Twilio REST API lives (the sandbox, in tests). @default "https://api.twilio.com" */
  twilioApiBaseUrl?: string | undefined;
}

export interface CreateTwilioClientOptions {
  /** Time allowed for one HTTP request to the Twilio API, in ms. @default 15000 */
  timeoutMs?: number;
}

type Sdk = typeof TwilioSdk;
/** The SDK's request client, plus a way to end its connections. */
interface ClosableRequestClient extends RequestClient {
  closeConnections(): void;
}
type RequestClientCtor = new (origin: URL | undefined, timeoutMs: number) => ClosableRequestClient;

let loading: Promise<{ sdk: Sdk; RequestClient: RequestClientCtor }> | undefined;

/**
 * The SDK is loaded on first use, not at start-up: it is large (hundreds of modules), and a gateway that only
 * acknowledges webhooks must be listening in well under a second.
 */
function loadSdk(): Promise<{ sdk: Sdk; RequestClient: RequestClientCtor }> {
  loading ??= import('twilio').then((module) => {
    const sdk: Sdk = module.default;
    return { sdk, RequestClient: defineRequestClient(sdk) };
  });
  return loading;
}

/**
 * Loads the SDK now, so the first reply does not: evaluating it takes 200 ms or more of the event loop, and on the
 * first send under load every webhook waiting meanwhile was acknowledged that much later (measured: p99 of 600-700
 * ms for the first 2 s of a 2,000/s run). A host calls this once it listens, before traffic comes. Never rejects:
 * a failure shows again, with its reason, on the first send.
 */
export async function preloadTwilioSdk(): Promise<void> {
  // A failed load stays the answer of `loadSdk`: the first client reports it, with its reason.
  await loadSdk().catch(() => undefined);
}

function describeRequest(method: string, uri: string): string {
  try {
    return `${method.toUpperCase()} ${new URL(uri).pathname}`;
  } catch {
    return method.toUpperCase();
  }
}

/**
 * The SDK has no base-URL option (`region` and `edge` only rewrite `*.twilio.com` names); its supported seam is
 * `httpClient`. This subclass of its own `RequestClient` swaps the origin of every request (api.twilio.com,
 * messaging.twilio.com... all go to `twilioApiBaseUrl`) and leaves the path, Basic auth and form body as the
 * SDK made them. It also turns every non-2xx answer into a `TwilioApiError` that keeps what the SDK's
 * `RestException` drops: the `Retry-After` header.
 */
function defineRequestClient(sdk: Sdk): RequestClientCtor {
  return class GatewayRequestClient extends sdk.RequestClient implements ClosableRequestClient {
    readonly #origin: URL | undefined;
    readonly #agents: Agent[];
    #closed = false;

    constructor(origin: URL | undefined, timeoutMs: number) {
      super({ timeout: timeoutMs, keepAlive: true });
      this.#origin = origin;
      // The SDK makes its own agent for https only; an http:// origin (the sandbox, a local proxy) would use
      // Node's global agent, whose connections this client could not end.
      const httpAgent = new Agent({ keepAlive: true, timeout: timeoutMs });
      this.axios.defaults.httpAgent = httpAgent;
      const httpsAgent: unknown = this.axios.defaults.httpsAgent;
      this.#agents = httpsAgent instanceof Agent ? [httpAgent, httpsAgent] : [httpAgent];
      for (const agent of this.#agents) refuseConnectionsOnceClosed(agent, () => this.#closed);
    }

    /**
     * Destroys every connection of this client, in use or kept alive, and refuses new ones. A request in flight
     * keeps its socket (and the process) alive until the SDK's own timeout, even when its caller gave up on it
     * sooner; one still on its way to a socket when this runs gets a destroyed one.
     */
    closeConnections(): void {
      this.#closed = true;
      for (const agent of this.#agents) agent.destroy();
    }

    override async request<TData>(options: RequestClient.RequestOptions<TData>) {
      if (this.#closed) {
        throw twilioErrorFromNetwork(
          new Error('the Twilio client was closed'),
          describeRequest(options.method, options.uri),
        );
      }
      return this.#send(options);
    }

    async #send<TData>(options: RequestClient.RequestOptions<TData>) {
      const uri = this.#origin === undefined ? options.uri : swapOrigin(options.uri, this.#origin);
      const request = describeRequest(options.method, uri);
      const response = await super.request<TData>({ ...options, uri }).catch((error: unknown) => {
        throw twilioErrorFromNetwork(error, request);
      });
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw twilioErrorFromResponse(response.statusCode, response.body, response.headers, request);
      }
      return response;
    }
  };
}

/**
 * Makes `agent` destroy each connection it opens once `closed()` is true. (An `HTTP_PROXY` agent opens its
 * connections another way and is not covered; its requests end at the client's timeout.)
 */
function refuseConnectionsOnceClosed(agent: Agent, closed: () => boolean): void {
  const open = agent.createConnection.bind(agent);
  agent.createConnection = (options, callback) => {
    const socket = open(options, callback);
    if (closed()) socket?.destroy(new Error('the Twilio client was closed'));
    return socket;
  };
}

function swapOrigin(uri: string, origin: URL): string {
  const target = new URL(uri);
  target.protocol = origin.protocol;
  target.host = origin.host;
  // A base URL with a path prefix (a proxy at https://proxy.example/twilio) keeps it in front of the SDK's path.
  const prefix = origin.pathname.replace(/\/+$/, '');
  if (prefix !== '') target.pathname = `${prefix}${target.pathname}`;
  return target.toString();
}

function originOf(baseUrl: string | undefined): URL | undefined {
  if (baseUrl === undefined) return undefined;
  const url = new URL(baseUrl);
  return url.origin === TWILIO_API_ORIGIN && url.pathname.replace(/\/+$/, '') === '' ? undefined : url;
}

/**
 * A `twilio` SDK client for one account, talking to `twilioApiBaseUrl`. Errors are `TwilioApiError`s (with
 * `Retry-After`); the SDK's own retries stay off, `sendMessage` does them. Loads the SDK on first call.
 */
export async function createTwilioClient(
  account: TwilioClientAccount,
  options: CreateTwilioClientOptions = {},
): Promise<TwilioClient> {
  const { sdk, RequestClient: Client } = await loadSdk();
  const httpClient = new Client(originOf(account.twilioApiBaseUrl), options.timeoutMs ?? 15_000);
  return sdk(account.accountSid, account.authToken, { httpClient });
}

/**
 * Ends a client's requests in flight (they fail as unanswered) and closes its kept-alive connections, so that
 * nothing of it holds the process open; later calls fail the same way. For short-lived processes (a CLI) that
 * may have given up on a slow request.
 */
export function closeTwilioClient(client: TwilioClient): void {
  const httpClient: unknown = client.httpClient;
  if (isClosable(httpClient)) httpClient.closeConnections();
}

function isClosable(value: unknown): value is ClosableRequestClient {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ClosableRequestClient>).closeConnections === 'function'
  );
}
