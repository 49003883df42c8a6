import type { IncomingMessage, ServerResponse } from 'node:http';
import { countSegments } from '@sms-channel/sms-text';
import { readDevPhoneAsset } from './dev-phone-assets.js';
import { isSandboxError, isSandboxInputError, SandboxInputError } from './errors.js';
import { openEventStream } from './event-stream.js';
import { parseFaultInput } from './fault-rules.js';
import { readHandsetText } from './handset-text-request.js';
import { readBody, sendJson, sendText } from './http-io.js';
import { forwardInbound, type InboundResult, receiveHandsetSms } from './inbound-sms.js';
import type { SandboxAdmin } from './sandbox-admin.js';
import type { SandboxContext } from './sandbox-context.js';
import type { SandboxPhones } from './sandbox-phones.js';

/** The sandbox's own API (not Twilio's) lives under this prefix; the dev phone page is at `/`. */
export const SANDBOX_API_PREFIX = '/_sandbox';

const MAX_JSON_BYTES = 65_536;

interface ApiRequest {
  method: string;
  /** Path below the prefix, split on `/` and decoded. */
  segments: string[];
  query: URLSearchParams;
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * Answers the dev phone page and the sandbox's JSON API: state, handset texts, faults, number URLs, logs,
 * segment counts and the event stream. Input errors are 400 with `{ error: { field, message } }`.
 */
export async function handleSandboxRequest(
  context: SandboxContext,
  phones: SandboxPhones,
  admin: SandboxAdmin,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname;
  if (request.method === 'GET' && (path === '/' || path === '/phone'))
    return sendAsset(response, 'dev-phone.html');
  if (!path.startsWith(`${SANDBOX_API_PREFIX}/`)) {
    return sendJson(response, 404, { error: { message: `nothing at ${path}: the dev phone is at /` } });
  }
  let segments: string[];
  try {
    segments = path
      .slice(SANDBOX_API_PREFIX.length)
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return sendJson(response, 400, { error: { message: 'the path is not valid percent-encoding' } });
  }
  const api: ApiRequest = {
    method: request.method ?? 'GET',
    segments,
    query: url.searchParams,
    request,
    response,
  };
  try {
    await route(context, phones, admin, api);
  } catch (error) {
    if (isSandboxInputError(error)) {
      sendJson(response, 400, { error: { field: error.field, message: error.message } });
    } else if (isSandboxError(error)) {
      sendJson(response, 400, { error: { message: error.message } });
    } else {
      throw error;
    }
  }
}

async function route(context: SandboxContext, phones: SandboxPhones, admin: SandboxAdmin, api: ApiRequest) {
  const { method, segments, response } = api;
  const second = segments[1];
  const is = (verb: string, ...parts: Array<string | null>) =>
    method === verb &&
    parts.length === segments.length &&
    parts.every((part, i) => part === null || part === segments[i]);

  if (is('GET', 'assets', null)) return sendAsset(response, second ?? '');
  if (is('GET', 'health')) return sendJson(response, 200, { ok: true });
  if (is('GET', 'state')) return sendJson(response, 200, snapshot(context, phones, admin));
  if (is('GET', 'events')) return openEventStream(response, context.events);
  if (is('GET', 'segments')) return sendJson(response, 200, segmentInfo(api.query.get('text') ?? ''));
  if (is('GET', 'phones', null, 'messages'))
    return sendJson(response, 200, { messages: phones.conversation(second ?? '') });
  if (is('POST', 'phones', null, 'messages')) return handsetText(context, api, second ?? '');
  if (is('POST', 'handsets'))
    return sendJson(response, 201, { handset: phones.add(handsetInput(await readJson(api))) });
  if (is('GET', 'faults')) return sendJson(response, 200, { faults: admin.faults() });
  if (is('POST', 'faults'))
    return sendJson(response, 201, { fault: admin.addFault(parseFaultInput(await readJson(api))) });
  if (is('DELETE', 'faults')) {
    admin.clearFaults();
    return sendJson(response, 200, { faults: [] });
  }
  if (is('DELETE', 'faults', null)) {
    const removed = admin.removeFault(second ?? '');
    return sendJson(response, removed ? 200 : 404, { removed });
  }
  if (is('PUT', 'numbers', null)) {
    const body = await readJson(api);
    const smsUrl = body.smsUrl;
    if (smsUrl !== null && typeof smsUrl !== 'string')
      throw new SandboxInputError('smsUrl', 'must be a URL or null');
    return sendJson(response, 200, { number: admin.setSmsUrl(second ?? '', smsUrl) });
  }
  if (is('GET', 'media', null)) return sendMedia(context, response, second ?? '');
  if (is('GET', 'cdn', 'requests')) return sendJson(response, 200, { requests: admin.cdnRequests() });
  if (is('GET', 'webhooks')) return sendJson(response, 200, { attempts: admin.webhookAttempts() });
  if (is('GET', 'alerts')) return sendJson(response, 200, { alerts: admin.alerts() });
  if (is('POST', 'reset')) {
    admin.reset();
    return sendJson(response, 200, { reset: true });
  }
  sendJson(response, 404, {
    error: { message: `no sandbox route ${method} ${SANDBOX_API_PREFIX}/${segments.join('/')}` },
  });
}

/**
 * A handset texts a number. Answers 202 with the stored message at once (the dev phone shows the webhook's
 * outcome from the event stream); with `?wait=1`, answers 200 after the webhook was answered or gave up.
 */
async function handsetText(context: SandboxContext, api: ApiRequest, handset: string): Promise<void> {
  const sms = await readHandsetText(api.request, handset);
  const received = await receiveHandsetSms(context, sms);
  const forward = () => forwardInbound(context, received.message, received.number, received.keyword);
  if (api.query.get('wait') === '1' || api.query.get('wait') === 'true') {
    return sendJson(api.response, 200, inboundView(await forward()));
  }
  context.tasks.run(async () => {
    await forward();
  }, received.message.sid);
  sendJson(api.response, 202, { message: received.message });
}

function inboundView(result: InboundResult) {
  const webhook = result.webhook && {
    url: result.webhook.url,
    ok: result.webhook.ok,
    attempts: result.webhook.attempts,
  };
  return { message: result.message, optOutType: result.optOutType, webhook, replies: result.replies };
}

function snapshot(context: SandboxContext, phones: SandboxPhones, admin: SandboxAdmin) {
  return {
    accountSid: context.options.accountSid,
    numbers: [...context.numbers.values()],
    messagingServices: [...context.services.values()],
    handsets: phones.list(),
    messages: context.messages.list().reverse(),
    optOuts: context.optOuts.list(),
    faults: admin.faults(),
    alerts: admin.alerts(),
  };
}

/** What the composer shows: characters, segments and encoding by Twilio's rules. */
function segmentInfo(text: string) {
  const counted = countSegments(text);
  return {
    characters: [...text].length,
    segments: counted.segments,
    encoding: counted.encoding,
    units: counted.units,
  };
}

function handsetInput(body: Record<string, unknown>) {
  const text = (field: string) => {
    const value = body[field];
    if (value !== undefined && typeof value !== 'string')
      throw new SandboxInputError(field, 'must be a string');
    return value;
  };
  const phoneNumber = text('phoneNumber');
  if (phoneNumber === undefined) throw new SandboxInputError('phoneNumber', 'is required');
  const geography = Object.fromEntries(
    ['city', 'state', 'zip', 'country'].flatMap((field) => {
      const value = text(field);
      return value === undefined ? [] : [[field, value]];
    }),
  );
  return { phoneNumber, ...geography };
}

async function readJson(api: ApiRequest): Promise<Record<string, unknown>> {
  const raw = await readBody(api.request, MAX_JSON_BYTES);
  if (raw === null) throw new SandboxInputError('body', `is over ${MAX_JSON_BYTES} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8') || '{}');
  } catch {
    throw new SandboxInputError('body', 'is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SandboxInputError('body', 'must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

/**
 * A piece of media's bytes, for the dev phone's thumbnails and links: the sandbox's own view, with no auth and
 * no redirect (the page must not need the account's credentials, nor show up in the CDN's request log).
 */
function sendMedia(context: SandboxContext, response: ServerResponse, sid: string): void {
  const media = context.media.get(sid);
  if (!media) {
    sendJson(response, 404, { error: { message: `no media ${sid}` } });
    return;
  }
  response.writeHead(200, {
    'content-type': media.contentType,
    'content-length': String(media.size),
    'cache-control': 'private, max-age=3600',
    'x-content-type-options': 'nosniff',
    // Shown inline, but a handset's HTML or SVG file must not run as the dev phone's own page.
    'content-security-policy':
      "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox",
  });
  response.end(media.data);
}

async function sendAsset(response: ServerResponse, name: string): Promise<void> {
  const asset = await readDevPhoneAsset(name);
  if (!asset) return sendJson(response, 404, { error: { message: `no asset ${name}` } });
  sendText(response, 200, asset.contentType, asset.text);
}
