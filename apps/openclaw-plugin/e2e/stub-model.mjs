#!/usr/bin/env node
/**
 * @module stub-model
 * A tiny OpenAI-compatible model server for end-to-end tests of the OpenClaw plugin: no dependencies,
 * loopback only, deterministic replies. OpenClaw 2026.9.6 configured with a `models.providers.<id>` entry of
 * `api: "openai-completions"` calls `POST <baseUrl>/chat/completions` with `stream: true` and
 * `stream_options.include_usage`, so both the SSE stream and the plain JSON answer are served.
 *
 * Usage: node apps/openclaw-plugin/e2e/stub-model.mjs [--port 0] [--host 127.0.0.1] [--reply TEMPLATE]
 *          [--reply-file FILE] [--log FILE]
 *
 * Prints one JSON line on stdout when listening: {"port":N,"baseUrl":"http://127.0.0.1:N/v1"}.
 * The reply template may contain `{{input}}` (the last user message's text) and `{{n}}` (1-based count of
 * chat requests so far); the default is `stub reply: {{input}}`.
 *
 * Test control endpoints (not part of the OpenAI API):
 *   GET  /__stub/requests  every chat request received so far, as JSON (method, path, headers, body)
 *   POST /__stub/reply     body = new reply template (text/plain), applies to later requests
 *   POST /__stub/reset     forget recorded requests and restore the start-up template
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.STUB_MODEL_PORT ?? '0' },
    host: { type: 'string', default: '127.0.0.1' },
    reply: { type: 'string' },
    'reply-file': { type: 'string' },
    log: { type: 'string', default: process.env.STUB_MODEL_LOG },
  },
});

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
if (!LOOPBACK.has(args.host)) {
  process.stderr.write(`stub-model: refusing to listen on ${args.host}; loopback only\n`);
  process.exit(2);
}

const initialTemplate = args['reply-file']
  ? readFileSync(args['reply-file'], 'utf8')
  : (args.reply ?? process.env.STUB_MODEL_REPLY ?? 'stub reply: {{input}}');
let template = initialTemplate;
/** @type {Array<{ method: string, path: string, headers: Record<string, unknown>, body: unknown }>} */
let requests = [];
const MODEL_IDS = ['stub-model'];
const MAX_BODY = 8 * 1024 * 1024;

/** Text of one chat message's content: a string, or an array of `{type:"text", text}` parts. */
function contentText(content) {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === 'object' && typeof part.text === 'string' ? part.text : ''))
      .join('');
  }
  return '';
}

const INTERNAL_CONTEXT = '<<<BEGIN_OPENCLAW_INTERNAL_CONTEXT>>>';

/**
 * The person's words inside OpenClaw's user-turn envelope. The host (2026.9.6) sends the inbound text as
 * `[<time>] Conversation info: ⟦openclaw:ctx⟧\n```json\n{...}\n```\n\n<text>\n\nRuntime: agent=... | ...`;
 * anything that does not look like that is returned as is.
 */
function unwrapEnvelope(text) {
  let out = text;
  const fence = out.match(/^\[[^\]\n]*\] Conversation info:[^\n]*\n```json\n[\s\S]*?\n```\n\n/);
  if (fence) out = out.slice(fence[0].length);
  const runtime = out.lastIndexOf('\n\nRuntime: ');
  if (fence && runtime >= 0) out = out.slice(0, runtime);
  return out;
}

/**
 * The last message the person wrote: the last `user` message of a chat-completions body (or responses-API
 * `input`), skipping the host's trailing internal-context user message, with the envelope removed.
 */
function lastUserText(body) {
  const list = Array.isArray(body?.messages) ? body.messages : Array.isArray(body?.input) ? body.input : [];
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const message = list[i];
    if (message?.role !== 'user') continue;
    const text = contentText(message.content);
    if (text.trimStart().startsWith(INTERNAL_CONTEXT)) continue;
    return unwrapEnvelope(text);
  }
  return typeof body?.input === 'string' ? body.input : '';
}

function render(input, n) {
  return template.replaceAll('{{input}}', input.trim()).replaceAll('{{n}}', String(n));
}

function sendJson(res, status, value) {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function record(entry) {
  requests.push(entry);
  if (args.log) appendFileSync(args.log, `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`);
}

/** Cut the reply into a few stream deltas so clients exercise their SSE assembly, not one blob. */
function deltas(text) {
  const size = Math.max(1, Math.ceil(text.length / 4));
  const parts = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts.length > 0 ? parts : [''];
}

function usageFor(input, output) {
  const prompt = Math.max(1, Math.ceil(input.length / 4));
  const completion = Math.max(1, Math.ceil(output.length / 4));
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function chatCompletion(res, body, n) {
  const input = lastUserText(body);
  const text = render(input, n);
  const id = `chatcmpl-stub-${n}`;
  const created = Math.floor(Date.now() / 1000);
  const model = typeof body?.model === 'string' ? body.model : MODEL_IDS[0];
  const usage = usageFor(input, text);
  if (body?.stream !== true) {
    sendJson(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
      usage,
    });
    return;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const chunk = (choices, extra = {}) =>
    res.write(
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices, ...extra })}\n\n`,
    );
  chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]);
  for (const piece of deltas(text)) chunk([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]);
  if (body?.stream_options?.include_usage === true) chunk([], { usage });
  res.end('data: [DONE]\n\n');
}

/** Minimal non-streaming Responses API answer, for a provider configured with `api: "openai-responses"`. */
function responsesAnswer(res, body, n) {
  const input = lastUserText(body);
  const text = render(input, n);
  const usage = usageFor(input, text);
  sendJson(res, 200, {
    id: `resp-stub-${n}`,
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model: typeof body?.model === 'string' ? body.model : MODEL_IDS[0],
    output: [
      {
        type: 'message',
        id: `msg-stub-${n}`,
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text, annotations: [] }],
      },
    ],
    usage: {
      input_tokens: usage.prompt_tokens,
      output_tokens: usage.completion_tokens,
      total_tokens: usage.total_tokens,
    },
  });
}

const server = createServer(async (req, res) => {
  try {
    const path = new URL(req.url ?? '/', 'http://stub').pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'GET' && path === '/__stub/requests') return sendJson(res, 200, requests);
    if (req.method === 'POST' && path === '/__stub/reply') {
      template = await readBody(req);
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'POST' && path === '/__stub/reset') {
      requests = [];
      template = initialTemplate;
      return sendJson(res, 200, { ok: true });
    }
    if (req.method === 'GET' && (path === '/v1/models' || path === '/models')) {
      return sendJson(res, 200, {
        object: 'list',
        data: MODEL_IDS.map((id) => ({ id, object: 'model', created: 0, owned_by: 'stub' })),
      });
    }
    const isChat = path.endsWith('/chat/completions');
    const isResponses = path.endsWith('/responses');
    if (req.method !== 'POST' || (!isChat && !isResponses)) {
      return sendJson(res, 404, {
        error: { message: `stub-model: no route ${req.method} ${path}`, type: 'not_found' },
      });
    }
    const raw = await readBody(req);
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendJson(res, 400, {
        error: { message: 'stub-model: body is not JSON', type: 'invalid_request_error' },
      });
    }
    const headers = { ...req.headers };
    if (headers.authorization) headers.authorization = '<redacted>';
    record({ method: req.method, path, headers, body });
    const n = requests.length;
    if (isChat) chatCompletion(res, body, n);
    else responsesAnswer(res, body, n);
  } catch (error) {
    if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
    else res.destroy();
  }
});

server.listen(Number(args.port), args.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : Number(args.port);
  const host = args.host.includes(':') ? `[${args.host}]` : args.host;
  process.stdout.write(`${JSON.stringify({ port, baseUrl: `http://${host}:${port}/v1` })}\n`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
