import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FormParams, parseFormBody } from '@sms-channel/twilio-signature';
import { ACCOUNT_ROUTES } from './account-api.js';
import { checkBasicAuth } from './basic-auth.js';
import { createMessage } from './create-message.js';
import { latencyOf } from './fault-rules.js';
import { readBody, sendJson } from './http-io.js';
import { buildListPage } from './list-page.js';
import { MEDIA_ROUTES } from './media-api.js';
import { isMessageListQueryProblem, parseMessageListQuery } from './message-list-query.js';
import { API_VERSION, toMessageResource } from './message-resource.js';
import {
  ACCOUNT_PATH,
  isAnswer,
  notFound,
  pageOf,
  type RestAnswer,
  type RestRequest,
  type RestRouteDefinition,
} from './rest-route.js';
import type { SandboxContext } from './sandbox-context.js';
import { type TwilioErrorAnswer, twilioError } from './twilio-error.js';

/** Twilio's REST API lives under these two prefixes (api.twilio.com and the v1 product hosts). */
export function isRestPath(path: string): boolean {
  return path.startsWith(`/${API_VERSION}/`) || path.startsWith('/v1/');
}

const MAX_FORM_BYTES = 1_048_576;

const ROUTES: readonly RestRouteDefinition[] = [
  {
    name: 'messages.create',
    method: 'POST',
    pattern: new RegExp(`${ACCOUNT_PATH}/Messages\\.json$`),
    handle: create,
  },
  {
    name: 'messages.list',
    method: 'GET',
    pattern: new RegExp(`${ACCOUNT_PATH}/Messages\\.json$`),
    handle: listMessages,
  },
  {
    name: 'messages.fetch',
    method: 'GET',
    pattern: new RegExp(`${ACCOUNT_PATH}/Messages/([^/]+)\\.json$`),
    handle: fetchMessage,
  },
  ...MEDIA_ROUTES,
  ...ACCOUNT_ROUTES,
];

/**
 * Answers one request to the Twilio REST API look-alike: route (404 20404, 405 20004), faults for the route,
 * Basic auth (401 20003, also when the path names another account), then the route itself. `HEAD` is answered
 * as `GET`, without the body.
 */
export async function handleRestRequest(
  context: SandboxContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname;
  const method = request.method === 'HEAD' ? 'GET' : (request.method ?? 'GET');
  const candidates = ROUTES.filter((route) => route.pattern.test(path));
  const route = candidates.find((candidate) => candidate.method === method);
  if (!route) {
    const allowed = candidates.map((candidate) => candidate.method);
    if (allowed.length > 0)
      return sendAnswer(response, twilioError(20004, undefined, { headers: { allow: allowed.join(', ') } }));
    return sendAnswer(response, notFound(path));
  }
  const faulted = await applyFaults(context, route, request);
  if (faulted === 'dropped') return;
  if (faulted) return sendAnswer(response, faulted);
  const params = (route.pattern.exec(path)?.slice(1) ?? []).map(safeDecode);
  const refused = checkAccess(context, route, request, params);
  if (refused) return sendAnswer(response, refused);
  let form: FormParams = Object.create(null);
  if (request.method === 'POST') {
    const body = await readBody(request, MAX_FORM_BYTES);
    if (body === null)
      return sendAnswer(response, twilioError(20500, 'Request body too large', { status: 413 }));
    form = parseFormBody(body);
  }
  sendAnswer(response, route.handle(context, { method, params, query: url.searchParams, form, path }));
}

/** The route's faults: waits out latency, then a drop (no answer at all) or an error answer, if one fired. */
async function applyFaults(
  context: SandboxContext,
  route: RestRouteDefinition,
  request: IncomingMessage,
): Promise<RestAnswer | 'dropped' | undefined> {
  const faults = context.faults.take(route.name);
  const latency = latencyOf(faults.find((fault) => fault.kind === 'latency'));
  if (latency > 0) await context.tasks.sleep(latency);
  for (const fault of faults) {
    if (fault.kind === 'drop') {
      // No answer at all: the client sees the connection reset, as when a proxy in between gives up.
      request.socket.destroy();
      return 'dropped';
    }
    if (fault.kind === 'status') return faultAnswer(fault.status, fault.retryAfterSeconds, fault.code);
    if (fault.kind === 'rate-limit') return faultAnswer(429, fault.retryAfterSeconds);
  }
  return undefined;
}

/**
 * Basic auth with the account's credentials (401 20003 with `WWW-Authenticate`), and a path that names this
 * account (20003 too: Twilio refuses another account's paths). The media content URL checks credentials only
 * while the sandbox enforces HTTP auth on media; without credentials, a path naming another account names
 * nothing (404).
 */
function checkAccess(
  context: SandboxContext,
  route: RestRouteDefinition,
  request: IncomingMessage,
  params: string[],
): RestAnswer | undefined {
  const { accountSid, authToken, enforceMediaAuth } = context.options;
  const needsAuth = (route.auth ?? 'always') === 'always' || enforceMediaAuth;
  const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
  const isAccountPath = path.startsWith(`/${API_VERSION}/`);
  if (needsAuth && !checkBasicAuth(request.headers.authorization, accountSid, authToken)) {
    return twilioError(20003, undefined, { headers: { 'www-authenticate': 'Basic realm="Twilio API"' } });
  }
  if (isAccountPath && params[0] !== accountSid) {
    return needsAuth ? twilioError(20003) : notFound(path);
  }
  return undefined;
}

function sendAnswer(response: ServerResponse, answer: RestAnswer): void {
  if (answer.body === undefined || response.req.method === 'HEAD') {
    const length = answer.body === undefined ? 0 : Buffer.byteLength(JSON.stringify(answer.body));
    const type = answer.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' };
    response.writeHead(answer.status, { 'content-length': String(length), ...type, ...answer.headers });
    response.end();
    return;
  }
  sendJson(response, answer.status, answer.body, answer.headers);
}

/**
 * A fault's status as Twilio would answer it: the fault's `code` when it names one; else 429 is 20429 with
 * `Retry-After` (default 1 s), 503 is 20503, 404 is 20404, another 4xx 20001 (a final refusal, as Twilio's 4xx
 * are) and a 5xx 20500, under the fault's status.
 */
function faultAnswer(
  status: number,
  retryAfterSeconds: number | undefined,
  code?: number,
): TwilioErrorAnswer {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  if (code !== undefined) return twilioError(code, undefined, { status, headers });
  if (status === 429) return twilioError(20429, undefined, { headers: { 'retry-after': '1', ...headers } });
  if (status === 503) return twilioError(20503, undefined, { headers });
  if (status === 404) return twilioError(20404, undefined, { headers });
  if (status >= 400 && status < 500) return twilioError(20001, undefined, { status, headers });
  return twilioError(20500, undefined, { status, headers });
}

function create(context: SandboxContext, request: RestRequest): RestAnswer {
  const result = createMessage(context, request.form);
  return result.ok ? { status: 201, body: toMessageResource(result.message) } : result.error;
}

function listMessages(context: SandboxContext, request: RestRequest): RestAnswer {
  const query = parseMessageListQuery(request.query);
  if (isMessageListQueryProblem(query)) return twilioError(20001, query.message);
  const page = pageOf(request.query);
  if (isAnswer(page)) return page;
  const body = buildListPage({
    records: context.messages.list(query.filter),
    render: toMessageResource,
    key: 'messages',
    path: request.path,
    filters: query.filters,
    request: page,
  });
  return { status: 200, body };
}

function fetchMessage(context: SandboxContext, request: RestRequest): RestAnswer {
  const message = context.messages.get(request.params[1] ?? '');
  return message ? { status: 200, body: toMessageResource(message) } : notFound(request.path);
}

/** A path segment, decoded; malformed percent-encoding stays as written (and then names nothing). */
function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
