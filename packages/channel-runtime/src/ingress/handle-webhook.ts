import {
  type GatewayStore,
  isDeliveryStatus,
  isStoreBusyError,
  isStoreUnavailableError,
} from '@sms-channel/store';
import {
  formToJson,
  readWebhookFields,
  twimlResponse,
  type WebhookFields,
  type WebhookResponse,
} from '@sms-channel/twilio-messaging';
import { parseFormBody } from '@sms-channel/twilio-signature';
import type { Logger } from '../logger.js';
import { clientIp } from './client-ip.js';
import { publicUrlFor } from './public-url.js';
import type { WebhookActivity } from './webhook-activity.js';
import type { WebhookGuards } from './webhook-guards.js';
import type { BodyReadFailure, BodyReadResult, WebhookRequest } from './webhook-request.js';
import { normalizeRoutePath, type WebhookRoute } from './webhook-route.js';

/** What `handleWebhook` needs. */
export interface WebhookDeps {
  /** By normalised path. */
  routes: ReadonlyMap<string, WebhookRoute>;
  store: Pick<GatewayStore, 'admitInbound' | 'applyDeliveryStatus'>;
  guards: WebhookGuards;
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  trustProxy: boolean;
  /** `http://host:port` the server listens on, once it does (the signature URL of last resort). */
  listenOrigin: () => string | undefined;
  logger: Logger;
  /** Counts and logs each answered request (`debug` per request, a periodic `info` summary). */
  activity: WebhookActivity;
  /** Called after a new inbound message is on disk (wakes the workers). */
  onAdmitted?: () => void;
}

/** What happened to a request: its answer and what the log line says about it. */
interface Outcome {
  response: WebhookResponse;
  invalid?: boolean;
  log?: Record<string, unknown>;
}

const FORM_TYPE = 'application/x-www-form-urlencoded';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function refuse(status: number, reason: string, headers?: Record<string, string>): Outcome {
  return { response: twimlResponse(status, reason, headers), invalid: status !== 429 && status !== 503 };
}

function pathOf(target: string): string {
  const query = target.indexOf('?');
  return query === -1 ? target : target.slice(0, query);
}

function retryAfterSeconds(ms: number): string {
  return String(Math.max(1, Math.ceil(ms / 1000)));
}

function mediaTypeOf(request: WebhookRequest): string | undefined {
  return String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
}

const BODY_REFUSALS: Record<BodyReadFailure, [status: number, reason: string]> = {
  'too-large': [413, 'body-too-large'],
  timeout: [408, 'body-timeout'],
  aborted: [408, 'body-aborted'],
  evicted: [408, 'body-evicted'],
};

/**
 * Answers one webhook request, cheapest checks first and no refusal of a request whose signature was not checked
 * (issue 13): route (404), POST only (405 with `Allow`), form content type (415), then the body, read within the
 * unverified-request budgets (413 over `maxBodyBytes`, 408 past `bodyTimeoutMs` or when cut off for a newer
 * request), well-formed (400), signature against the account's public URL (403; 429 once the client address is
 * past its invalid budget), the account's AccountSid and number (403); then, for signed
 * requests only, the route's rate (429) and the commits in flight (503), and a status callback is recorded or an
 * inbound message admitted to the durable queue (a duplicate MessageSid is acknowledged, not queued twice), and
 * only then `200 <Response></Response>`. Never throws; one log line per request, without secrets.
 */
export async function handleWebhook(request: WebhookRequest, deps: WebhookDeps): Promise<WebhookResponse> {
  const started = performance.now();
  const ip = clientIp(request.remoteAddress, request.headers, deps.trustProxy);
  const route = deps.routes.get(normalizeRoutePath(pathOf(request.target)));
  if (route === undefined) return twimlResponse(404, 'unknown-path');
  let outcome: Outcome;
  try {
    outcome = await guardedHandle(request, route, ip, deps);
  } catch (error) {
    outcome = failed(error, route, deps);
  }
  if (outcome.invalid === true) deps.guards.invalid.take(ip);
  const { status, headers } = outcome.response;
  const line = {
    method: request.method,
    path: route.path,
    accountId: route.accountId,
    status,
    reason: headers['X-SMS-Channel-Reason'],
    ip,
    ms: Math.round((performance.now() - started) * 10) / 10,
    ...outcome.log,
  };
  deps.activity.record(status, headers['X-SMS-Channel-Reason'], line);
  return outcome.response;
}

async function guardedHandle(
  request: WebhookRequest,
  route: WebhookRoute,
  ip: string,
  deps: WebhookDeps,
): Promise<Outcome> {
  if (request.method !== 'POST') return refuse(405, 'method-not-allowed', { Allow: 'POST' });
  if (mediaTypeOf(request) !== FORM_TYPE) return refuse(415, 'unsupported-content-type');
  const read = await readUnverified(request, ip, deps);
  if (!read.ok) return refuse(...BODY_REFUSALS[read.reason]);
  let text: string;
  try {
    text = strictUtf8.decode(read.body);
  } catch {
    return refuse(400, 'malformed-body');
  }
  const params = parseFormBody(text);
  const unsigned = checkRouteSignature(request, route, deps, params);
  if (unsigned !== undefined) return penalize(unsigned, ip, deps);
  return handleSigned(route, params, deps);
}

/**
 * Reads the body while it counts against the unverified budgets of its client address and of the server. Cut
 * off for a newer request, the read ends at once even if the request's reader ignores the signal.
 */
async function readUnverified(
  request: WebhookRequest,
  ip: string,
  deps: WebhookDeps,
): Promise<BodyReadResult> {
  const entry = deps.guards.unverified.enter(ip);
  const evicted = new Promise<BodyReadResult>((resolve) => {
    entry.signal.addEventListener('abort', () => resolve({ ok: false, reason: 'evicted' }), { once: true });
  });
  try {
    return await Promise.race([
      request.readBody(deps.maxBodyBytes, deps.bodyTimeoutMs, entry.signal),
      evicted,
    ]);
  } finally {
    entry.leave();
  }
}

/**
 * A request whose signature failed is proven not to be Twilio's, so only now may its address's invalid budget
 * change the answer: past it, 429 with Retry-After. The connection is kept: closing it would only make the flooder
 * (or the proxy in front of it and Twilio) reconnect, which costs this server more than the request did.
 */
function penalize(outcome: Outcome, ip: string, deps: WebhookDeps): Outcome {
  if (outcome.response.status !== 403 || deps.guards.invalid.peek(ip)) return outcome;
  const wait = retryAfterSeconds(deps.guards.invalid.waitMs(ip));
  return {
    ...refuse(429, 'too-many-invalid-requests', { 'Retry-After': wait }),
    invalid: true,
    ...(outcome.log === undefined ? {} : { log: outcome.log }),
  };
}

/** A request signed with the account's token: from Twilio (the genuine allowance: route rate, commits in flight). */
async function handleSigned(
  route: WebhookRoute,
  params: ReturnType<typeof parseFormBody>,
  deps: WebhookDeps,
): Promise<Outcome> {
  const fields = readWebhookFields(params);
  const log = { messageSid: fields.messageSid, from: fields.from, to: fields.to };
  if (fields.accountSid === undefined || fields.messageSid === undefined) {
    return { ...refuse(400, 'missing-fields'), log };
  }
  if (fields.accountSid !== route.accountSid) return { ...refuse(403, 'wrong-account'), log };
  const isStatus = fields.messageStatus !== undefined;
  if (!isForAccount(isStatus ? fields.from : fields.to, fields.messagingServiceSid, route)) {
    return { ...refuse(403, 'wrong-number'), log };
  }
  const { guards } = deps;
  if (!guards.route.take(route.path)) {
    const wait = retryAfterSeconds(guards.route.waitMs(route.path));
    return { ...refuse(429, 'route-rate-limited', { 'Retry-After': wait }), log };
  }
  if (guards.inFlight >= guards.maxInFlight) {
    return { ...refuse(503, 'too-many-in-flight', { 'Retry-After': '1' }), log };
  }
  guards.inFlight += 1;
  try {
    const outcome = isStatus
      ? await recordStatus(route, fields, deps)
      : await admit(route, fields, params, deps);
    return withLog(outcome, log);
  } finally {
    guards.inFlight -= 1;
  }
}

/**
 * A request the store could not take (database down or gone, lock held too long) is answered 503, not
 * acknowledged: Twilio then applies its retry policy or calls the fallback URL, and nothing acknowledged is
 * lost. The first such answer per summary interval is logged at `warn` with the store's message.
 */
function failed(error: unknown, route: WebhookRoute, deps: WebhookDeps): Outcome {
  if (isStoreUnavailableError(error) || isStoreBusyError(error)) {
    return {
      response: twimlResponse(503, 'store-unavailable', { 'Retry-After': '1' }),
      log: { error: error.message },
    };
  }
  deps.logger.error({ err: error, accountId: route.accountId }, 'webhook failed');
  return { response: twimlResponse(500, 'internal-error') };
}

function withLog(outcome: Outcome, log: Record<string, unknown>): Outcome {
  return { ...outcome, log: { ...log, ...outcome.log } };
}

function checkRouteSignature(
  request: WebhookRequest,
  route: WebhookRoute,
  deps: WebhookDeps,
  params: ReturnType<typeof parseFormBody>,
): Outcome | undefined {
  if (route.signatureCheck === 'disabled') return undefined;
  if (route.verifier === undefined) return { response: twimlResponse(500, 'account-has-no-auth-token') };
  const target = publicUrlFor({
    publicWebhookUrl: route.publicWebhookUrl,
    encrypted: request.encrypted,
    trustProxy: deps.trustProxy,
    headers: request.headers,
    target: request.target,
    listenOrigin: deps.listenOrigin(),
  });
  if (target === undefined) return refuse(403, 'no-public-url');
  const header = request.headers['x-twilio-signature'];
  const check = route.verifier.check({
    url: target.url,
    signature: Array.isArray(header) ? header[0] : header,
    params,
  });
  if (check.ok) return undefined;
  return {
    ...refuse(403, 'bad-signature'),
    log: { signatureReason: check.reason, urlSource: target.source },
  };
}

/**
 * Inbound texts come `To` the account's number, or through its Messaging Service; status callbacks are about
 * messages the account sent: `From` its number, or through its service.
 */
function isForAccount(to: string | undefined, service: string | undefined, route: WebhookRoute): boolean {
  if (route.fromNumber !== undefined && to === route.fromNumber) return true;
  return route.messagingServiceSid !== undefined && service === route.messagingServiceSid;
}

async function recordStatus(route: WebhookRoute, fields: WebhookFields, deps: WebhookDeps): Promise<Outcome> {
  const status = fields.messageStatus;
  if (!isDeliveryStatus(status) || fields.messageSid === undefined) {
    return { response: twimlResponse(200, 'unknown-status'), log: { messageStatus: status } };
  }
  const options = fields.errorCode === undefined ? {} : { errorCode: fields.errorCode };
  const result = await deps.store.applyDeliveryStatus(route.accountId, fields.messageSid, status, options);
  const reason = result.applied ? undefined : `status-${result.reason}`;
  return {
    response: twimlResponse(200, reason),
    log: { kind: 'status', messageStatus: status, errorCode: fields.errorCode },
  };
}

async function admit(
  route: WebhookRoute,
  fields: WebhookFields,
  params: ReturnType<typeof parseFormBody>,
  deps: WebhookDeps,
): Promise<Outcome> {
  const messageSid = fields.messageSid ?? '';
  const options = fields.from === undefined ? {} : { sender: fields.from };
  const { duplicate } = await deps.store.admitInbound(
    route.accountId,
    messageSid,
    formToJson(params),
    options,
  );
  if (!duplicate) deps.onAdmitted?.();
  return {
    response: twimlResponse(200, duplicate ? 'duplicate' : undefined),
    log: { kind: 'inbound', duplicate },
  };
}
