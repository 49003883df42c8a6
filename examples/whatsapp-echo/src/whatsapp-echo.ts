/**
 * @module whatsapp-echo
 * A second channel built only from the published libraries: WhatsApp over Twilio, answering each allowed
 * sender with what they wrote. Twilio's WhatsApp webhooks and Messages API are the SMS ones with
 * `whatsapp:+1...` addresses, so the SMS channel's parts fit: twilio-signature proves the webhook came from
 * Twilio, twilio-messaging reads it, answers TwiML and sends with retries, phone-policy decides who may talk,
 * sms-text cuts a long answer into numbered parts within Twilio's 1,600-character body.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decideAccess, normalizeAllowFrom, normalizeE164 } from '@sms-channel/phone-policy';
import { chunkSms } from '@sms-channel/sms-text';
import {
  createTwilioRestClient,
  readInboundMessage,
  sendMessage,
  twimlResponse,
  type WebhookResponse,
} from '@sms-channel/twilio-messaging';
import { createSignatureVerifier, parseFormBody } from '@sms-channel/twilio-signature';

export interface WhatsAppEchoOptions {
  accountSid: string;
  authToken: string;
  /** The WhatsApp sender, E.164 (`whatsapp:` is added). */
  number: string;
  /** Who may talk to it, E.164. */
  allowFrom: readonly string[];
  /** The URL Twilio posts to (signatures cover it); `{port}` is replaced once the server listens. */
  publicUrl: string;
  /** The Twilio REST API's origin (a fake one in tests). @default "https://api.twilio.com" */
  twilioApiBaseUrl?: string;
  /** A send that failed for good (after twilio-messaging's retries). @default writes it to stderr */
  onError?: (error: unknown) => void;
}

export interface WhatsAppEcho {
  url: string;
  server: Server;
  close(): Promise<void>;
}

const WHATSAPP = 'whatsapp:';
const MAX_BODY = 64 * 1024;

/** `whatsapp:+12025550142` -> `+12025550142`; `undefined` for anything else. */
export function whatsAppNumber(address: string | undefined): string | undefined {
  if (address === undefined || !address.startsWith(WHATSAPP)) return undefined;
  try {
    return normalizeE164(address.slice(WHATSAPP.length));
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > MAX_BODY) return undefined;
  }
  return body;
}

function answer(res: ServerResponse, response: WebhookResponse): void {
  res.writeHead(response.status, response.headers).end(response.body);
}

export async function startWhatsAppEcho(options: WhatsAppEchoOptions, port = 0): Promise<WhatsAppEcho> {
  const allowFrom = normalizeAllowFrom(options.allowFrom);
  const twilio = createTwilioRestClient(options);
  // One verifier for the Auth Token, made now: a bad token fails at start, not on the first webhook.
  const verifier = createSignatureVerifier({ authToken: options.authToken });
  const seen = new Set<string>(); // a real channel keeps this on disk: @sms-channel/store
  const onError =
    options.onError ?? ((error: unknown) => process.stderr.write(`whatsapp-echo: ${String(error)}\n`));
  let url = options.publicUrl;

  const reply = async (to: string, text: string) => {
    for (const body of chunkSms(text, { maxChars: 1600 })) {
      await sendMessage(twilio, { to, from: `${WHATSAPP}${options.number}`, body });
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST')
      return answer(res, twimlResponse(405, 'method-not-allowed', { Allow: 'POST' }));
    const raw = await readBody(req);
    if (raw === undefined) return answer(res, twimlResponse(413, 'body-too-large'));
    const params = parseFormBody(raw);
    const signature = req.headers['x-twilio-signature'];
    const check = verifier.check({
      url,
      signature: typeof signature === 'string' ? signature : undefined,
      params,
    });
    if (!check.ok) return answer(res, twimlResponse(403, check.reason));
    const message = readInboundMessage(params);
    const sender = whatsAppNumber(message.from);
    const sid = message.messageSid;
    if (sender === undefined || sid === undefined) return answer(res, twimlResponse(400, 'not-whatsapp'));
    const access = decideAccess({ dmPolicy: 'allowlist', allowFrom, approvedSenders: [], sender });
    const fresh = !seen.has(sid);
    seen.add(sid);
    // Acknowledge first: Twilio waits at most 15 s for the answer, and retries with the same MessageSid.
    answer(res, twimlResponse(200));
    if (access.action === 'allow' && fresh && message.body !== '') {
      await reply(`${WHATSAPP}${sender}`, `You said: ${message.body}`).catch(onError);
    }
  };

  const server = createServer((req, res) => void handle(req, res).catch(onError));
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  url = url.replace('{port}', String((server.address() as AddressInfo).port));
  return {
    url,
    server,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
