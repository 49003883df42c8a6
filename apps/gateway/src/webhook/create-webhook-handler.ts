import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import { type GatewayLimits, gatewayLimitsSchema } from '../app-config/gateway-config-schema.js';
import type { GatewayLogger } from '../logging/create-logger.js';
import { handleWebhook, type WebhookDeps, type WebhookRequest } from './handle-webhook.js';
import { toWebhookRequest, writeWebhookResponse } from './node-webhook-adapter.js';
import type { WebhookResponse } from './twiml-response.js';
import { createWebhookGuards } from './webhook-guards.js';
import { createWebhookRoutes, type WebhookRoute } from './webhook-route.js';

export interface WebhookHandlerOptions {
  /** Resolved accounts; each enabled one gets a route on its `webhookPath`. */
  accounts: readonly ResolvedSmsAccount[];
  store: Pick<GatewayStore, 'admitInbound' | 'applyDeliveryStatus'>;
  logger: GatewayLogger;
  /** @default the `gateway.limits` defaults */
  limits?: Partial<GatewayLimits>;
  /** See `gateway.trustProxy`. @default false */
  trustProxy?: boolean;
  /** `http://host:port` the server listens on (the signature URL of last resort). */
  listenOrigin?: () => string | undefined;
  /** Called after a new inbound message is on disk. */
  onAdmitted?: () => void;
  /** @default Date.now */
  now?: () => number;
}

export interface WebhookHandler {
  /** By normalised path. */
  readonly routes: ReadonlyMap<string, WebhookRoute>;
  /** Framework-agnostic: answers one request. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** node:http: answers one request (every path; unknown ones get 404). */
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** The webhook of every enabled account, with shared flood guards. */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const limits = gatewayLimitsSchema.parse(options.limits ?? {});
  const routes = createWebhookRoutes(options.accounts);
  const deps: WebhookDeps = {
    routes,
    store: options.store,
    guards: createWebhookGuards(limits, options.now),
    maxBodyBytes: limits.maxBodyBytes,
    bodyTimeoutMs: limits.bodyTimeoutMs,
    trustProxy: options.trustProxy ?? false,
    listenOrigin: options.listenOrigin ?? (() => undefined),
    // The per-request line is built from fixed, secret-free fields (never headers or the form), so it skips
    // pino's path redaction, which costs ~60 us per line with wildcard paths: a quarter of a webhook's CPU time.
    logger: options.logger.child({}, { redact: [] }),
    ...(options.onAdmitted === undefined ? {} : { onAdmitted: options.onAdmitted }),
  };
  return {
    routes,
    handle: (request) => handleWebhook(request, deps),
    handleNode: async (req, res) => {
      const request = toWebhookRequest(req);
      const response = await handleWebhook(request, deps);
      writeWebhookResponse(res, response, request.bodyComplete());
    },
  };
}
