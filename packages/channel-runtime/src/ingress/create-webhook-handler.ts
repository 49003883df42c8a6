import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedSmsAccount } from '@sms-channel/config';
import type { GatewayStore } from '@sms-channel/store';
import type { WebhookResponse } from '@sms-channel/twilio-messaging';
import type { Logger } from '../logger.js';
import { handleWebhook, type WebhookDeps } from './handle-webhook.js';
import { DEFAULT_INGRESS_LIMITS, type IngressLimits } from './ingress-limits.js';
import { toWebhookRequest, writeWebhookResponse } from './node-webhook-adapter.js';
import { WebhookActivity } from './webhook-activity.js';
import { createWebhookGuards } from './webhook-guards.js';
import type { WebhookRequest } from './webhook-request.js';
import { createWebhookRoutes, type WebhookRoute } from './webhook-route.js';

export interface WebhookHandlerOptions {
  /** Resolved accounts; each enabled one gets a route on its `webhookPath`. */
  accounts: readonly ResolvedSmsAccount[];
  store: Pick<GatewayStore, 'admitInbound' | 'applyDeliveryStatus'>;
  logger: Logger;
  /** @default `DEFAULT_INGRESS_LIMITS` */
  limits?: Partial<IngressLimits>;
  /**
   * Behind a proxy you control: rebuild the public URL from `X-Forwarded-Proto/Host` for accounts without a
   * `publicWebhookUrl`, and take the client address from `X-Forwarded-For`. @default false
   */
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
  /** Counts of the answered requests, summarised periodically by the runtime. */
  readonly activity: WebhookActivity;
  /** Framework-agnostic: answers one request. */
  handle(request: WebhookRequest): Promise<WebhookResponse>;
  /** node:http: answers one request (every path; unknown ones get 404). */
  handleNode(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** The webhook of every enabled account, with shared flood guards. */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const limits: IngressLimits = { ...DEFAULT_INGRESS_LIMITS, ...options.limits };
  const routes = createWebhookRoutes(options.accounts);
  const guards = createWebhookGuards(limits, options.now);
  const activity = new WebhookActivity(options.logger, () => ({ unverified: guards.unverified.takeStats() }));
  const deps: WebhookDeps = {
    routes,
    store: options.store,
    guards,
    maxBodyBytes: limits.maxBodyBytes,
    bodyTimeoutMs: limits.bodyTimeoutMs,
    trustProxy: options.trustProxy ?? false,
    listenOrigin: options.listenOrigin ?? (() => undefined),
    logger: options.logger,
    activity,
    ...(options.onAdmitted === undefined ? {} : { onAdmitted: options.onAdmitted }),
  };
  return {
    routes,
    activity,
    handle: (request) => handleWebhook(request, deps),
    handleNode: async (req, res) => {
      const request = toWebhookRequest(req);
      const response = await handleWebhook(request, deps);
      writeWebhookResponse(res, response, request.bodyComplete());
    },
  };
}
