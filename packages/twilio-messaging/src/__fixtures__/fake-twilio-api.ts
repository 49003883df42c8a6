import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TWILIO_ERROR_CODES, twilioErrorUrl } from '../twilio-error-codes.js';

/**
 * A minimal stand-in for Twilio's REST API, on loopback, for this package's own tests: it answers the calls of
 * `createTwilioRestClient` in Twilio's JSON shapes, checks Basic auth, records each request, and plays the
 * answers a test queues (an error status with a code and Retry-After, or a dropped connection). The full
 * Twilio look-alike is `apps/sandbox`, which depends on this package and so cannot serve its tests.
 */
export interface FakeTwilioApi {
  url: string;
  accountSid: string;
  authToken: string;
  /** Every request, in order: method, path with query, and the form body. */
  requests: { method: string; path: string; form: URLSearchParams }[];
  /** Messages created so far (and any added by a test), as Twilio lists them. */
  messages: Record<string, unknown>[];
  /** The next requests to Messages.json get these answers instead, one each. */
  queue(...answers: FakeAnswer[]): void;
  /** Resolves once `count` requests in all have arrived. */
  waitForRequests(count: number): Promise<void>;
  /** Resolves once no client connection is open (every socket closed, kept-alive ones included). */
  waitForNoConnections(): Promise<void>;
  close(): Promise<void>;
}

export type FakeAnswer =
  | { kind: 'error'; status: number; code: number; retryAfterSeconds?: number }
  | { kind: 'drop' }
  /** Creates the message, then drops the connection before answering: accepted, but the client never knows. */
  | { kind: 'accept-then-drop' }
  /** Never answers: the request stays open until the client ends it. */
  | { kind: 'hang' };

const ACCOUNT_SID = `AC${'1'.repeat(32)}`;
const AUTH_TOKEN = '2'.repeat(32);
export const FAKE_NUMBER = '+12025550100';
export const FAKE_SERVICE_SID = `MG${'b'.repeat(32)}`;
export const FAKE_WEBHOOK = 'https://assistant.example.com/webhooks/sms';
export const FAKE_APP_SID = `AP${'d'.repeat(32)}`;
const NUMBER_SID = `PN${'c'.repeat(32)}`;

function sid(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

function error(res: ServerResponse, status: number, code: number, headers: Record<string, string> = {}) {
  const known = (TWILIO_ERROR_CODES as Record<number, { message: string }>)[code];
  json(
    res,
    status,
    { code, message: known?.message ?? 'error', more_info: twilioErrorUrl(code), status },
    headers,
  );
}

function page(key: string, items: unknown[]) {
  return { [key]: items, page: 0, page_size: 50, start: 0, end: items.length, next_page_uri: null, uri: '/' };
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** Twilio's v1 (messaging.twilio.com) list shape: the records under `key`, paging under `meta`. */
function v1Page(key: string, items: unknown[]) {
  return {
    [key]: items,
    meta: { key, page: 0, page_size: 50, next_page_url: null, previous_page_url: null },
  };
}

export async function startFakeTwilioApi(): Promise<FakeTwilioApi> {
  const answers: FakeAnswer[] = [];
  const sockets = new Set<Socket>();
  const changed = new Set<() => void>();
  const notify = () => {
    for (const listener of changed) listener();
  };
  const waitUntil = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done()) return;
        changed.delete(check);
        resolve();
      };
      changed.add(check);
      check();
    });
  const fake: Omit<FakeTwilioApi, 'url' | 'close'> = {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    requests: [],
    messages: [],
    queue: (...next) => answers.push(...next),
    waitForRequests: (count) => waitUntil(() => fake.requests.length >= count),
    waitForNoConnections: () => waitUntil(() => sockets.size === 0),
  };
  const expected = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    fake.requests.push({ method: req.method ?? 'GET', path: `${url.pathname}${url.search}`, form });
    notify();
    if (req.headers.authorization !== expected) return error(res, 401, 20003);
    const base = `/2010-04-01/Accounts/${ACCOUNT_SID}`;
    if (url.pathname === `${base}.json`) {
      return json(res, 200, { sid: ACCOUNT_SID, friendly_name: 'Fake account', status: 'active' });
    }
    if (url.pathname === `${base}/IncomingPhoneNumbers.json`) {
      const wanted = url.searchParams.get('PhoneNumber');
      const number = {
        sid: NUMBER_SID,
        phone_number: FAKE_NUMBER,
        sms_url: FAKE_WEBHOOK,
        sms_method: 'POST',
        sms_application_sid: '',
      };
      return json(res, 200, page('incoming_phone_numbers', wanted === FAKE_NUMBER ? [number] : []));
    }
    const theService = {
      sid: FAKE_SERVICE_SID,
      friendly_name: 'Assistant',
      inbound_request_url: FAKE_WEBHOOK,
      inbound_method: 'POST',
      use_inbound_webhook_on_number: false,
    };
    if (url.pathname === `/v1/Services/${FAKE_SERVICE_SID}`) return json(res, 200, theService);
    if (url.pathname === '/v1/Services') return json(res, 200, v1Page('services', [theService]));
    if (url.pathname === `/v1/Services/${FAKE_SERVICE_SID}/PhoneNumbers`) {
      const pooled = { sid: NUMBER_SID, phone_number: FAKE_NUMBER, service_sid: FAKE_SERVICE_SID };
      return json(res, 200, v1Page('phone_numbers', [pooled]));
    }
    if (url.pathname === `${base}/Applications/${FAKE_APP_SID}.json`) {
      return json(res, 200, {
        sid: FAKE_APP_SID,
        friendly_name: 'Assistant app',
        sms_url: FAKE_WEBHOOK,
        sms_method: 'GET',
      });
    }
    if (url.pathname === `${base}/Messages.json` && req.method === 'GET') {
      const to = url.searchParams.get('To');
      const found = fake.messages.filter((message) => to === null || message.to === to);
      return json(res, 200, page('messages', found));
    }
    if (url.pathname !== `${base}/Messages.json` || req.method !== 'POST') return error(res, 404, 20404);
    const answer = answers.shift();
    if (answer?.kind === 'hang') return;
    if (answer?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (answer?.kind === 'error') {
      const headers: Record<string, string> =
        answer.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(answer.retryAfterSeconds) };
      return error(res, answer.status, answer.code, headers);
    }
    const to = form.get('To') ?? '';
    if (!/^\+[1-9]\d{6,14}$/.test(to)) return error(res, 400, 21211);
    const dropAfter = answer?.kind === 'accept-then-drop';
    const service = form.get('MessagingServiceSid');
    const message = {
      sid: sid('SM'),
      account_sid: ACCOUNT_SID,
      to,
      from: form.get('From'),
      body: form.get('Body') ?? '',
      messaging_service_sid: service,
      status: service === null || form.get('From') !== null ? 'queued' : 'accepted',
      direction: 'outbound-api',
      num_media: String(form.getAll('MediaUrl').length),
      date_created: new Date().toUTCString(),
      date_sent: null,
      error_code: null,
    };
    fake.messages.push(message);
    if (dropAfter) {
      req.socket.destroy();
      return;
    }
    return json(res, 201, message);
  }

  const server: Server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      notify();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
