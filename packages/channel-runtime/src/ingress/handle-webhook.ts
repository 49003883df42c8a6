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
import type { WebhookRequest } from './webhook-request.js';
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

/**
 * Answers one webhook request, in the order the gateway promises (DESIGN.md, issue 8): route (404), flood
 * guards (429 / 503 with Retry-After, before any work), POST only (405 with `Allow`), body limit (413) and
 * read timeout (408), form content type (415), well-formed body (400), signature against the account's public
 * URL (403), the account's AccountSid and number (403), then a status callback is recorded or an inbound
 * message is admitted to the durable queue (a duplicate MessageSid is acknowledged, not queued twice), and
 * only then `200 <Response></Response>`. Never throws; one log line per request, without secrets.
 */
export async function handleWebhook(request: WebhookRequest, deps: WebhookDeps): Promise<WebhookResponse> {
  const started = performance.now();
  const ip = clientIp(request.remoteAddress, request.headers, deps.trustProxy);
  const route = deps.routes.get(normalizeRoutePath(pathOf(request.target)));
  if (route === undefined) return twimlResponse(404, 'unknown-path');
  deps.guards.inFlight += 1;
  let outcome: Outcome;
  try {
    outcome = await guardedHandle(request, route, ip, deps);
  } catch (error) {
    outcome = failed(error, route, deps);
  } finally {
    deps.guards.inFlight -= 1;
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
  const { guards } = deps;
  if (guards.inFlight > guards.maxInFlight) return refuse(503, 'too-many-in-flight', { 'Retry-After': '1' });
  if (!guards.invalid.peek(ip)) {
    return refuse(429, 'too-many-invalid-requests', {
      'Retry-After': retryAfterSeconds(guards.invalid.waitMs(ip)),
    });
  }
  if (!guards.route.take(route.path)) {
    return refuse(429, 'route-rate-limited', {
      'Retry-After': retryAfterSeconds(guards.route.waitMs(route.path)),
    });
  }
  if (request.method !== 'POST') return refuse(405, 'method-not-allowed', { Allow: 'POST' });
  const read = await request.readBody(deps.maxBodyBytes, deps.bodyTimeoutMs);
  if (!read.ok) {
    if (read.reason === 'too-large') return refuse(413, 'body-too-large');
    return refuse(408, read.reason === 'timeout' ? 'body-timeout' : 'body-aborted');
  }
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    ?.trim()
    .toLowerCase();
  if (type !== FORM_TYPE) return refuse(415, 'unsupported-content-type');
  let text: string;
  try {
    text = strictUtf8.decode(read.body);
  } catch {
    return refuse(400, 'malformed-body');
  }
  const params = parseFormBody(text);
  const signature = checkRouteSignature(request, route, deps, params);
  if (signature !== undefined) return signature;
  const fields = readWebhookFields(params);
  const log = { messageSid: fields.messageSid, from: fields.from, to: fields.to };
  if (fields.accountSid === undefined || fields.messageSid === undefined) {
    return { ...refuse(400, 'missing-fields'), log };
  }
  if (fields.accountSid !== route.accountSid) return { ...refuse(403, 'wrong-account'), log };
  if (fields.messageStatus !== undefined) return withLog(await recordStatus(route, fields, deps), log);
  if (!isForAccount(fields.to, fields.messagingServiceSid, route))
    return { ...refuse(403, 'wrong-number'), log };
  return withLog(await admit(route, fields, params, deps), log);
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

/** Inbound texts come `To` the account's number, or through its Messaging Service. */
function isForAccount(to: string | undefined, service: string | undefined, route: WebhookRoute): boolean {
  if (route.fromNumber !== undefined && to === route.fromNumber) return true;
  return route.messagingServiceSid !== undefined && service === route.messagingServiceSid;
}

/** Status callbacks are about messages the account sent: `From` its number, or through its service. */
async function recordStatus(route: WebhookRoute, fields: WebhookFields, deps: WebhookDeps): Promise<Outcome> {
  if (!isForAccount(fields.from, fields.messagingServiceSid, route)) return refuse(403, 'wrong-number');
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
