import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCdnServer } from './cdn-server.js';
import { SandboxNotStartedError } from './errors.js';
import { sendJson } from './http-io.js';
import type { SandboxMedia } from './media-store.js';
import type { MessageFilter } from './message-store.js';
import { handleRestRequest, isRestPath } from './rest-api.js';
import { createSandboxAdmin, type SandboxAdmin } from './sandbox-admin.js';
import { handleSandboxRequest } from './sandbox-api.js';
import { createSandboxContext, createSandboxTasks } from './sandbox-context.js';
import type { SandboxEventListener } from './sandbox-event.js';
import type { SandboxMessage } from './sandbox-message.js';
import {
  resolveSandboxOptions,
  type SandboxMessagingService,
  type SandboxNumber,
  type SandboxOptions,
} from './sandbox-options.js';
import { createSandboxPhones, type SandboxPhones } from './sandbox-phones.js';

/** A running (or ready to run) Twilio look-alike. */
export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:40123` (no trailing slash). Throws before `start()`. */
  readonly url: string;
  /**
   * Base URL of the media CDN the media URLs redirect to, e.g. `http://127.0.0.2:40124` (its own origin).
   * Throws before `start()`.
   */
  readonly cdnUrl: string;
  readonly accountSid: string;
  readonly authToken: string;
  /** The account's numbers with their current `sms_url`. */
  readonly numbers: SandboxNumber[];
  readonly messagingServices: SandboxMessagingService[];
  /** Starts listening; resolves with {@link Sandbox.url}. */
  start(): Promise<string>;
  /** Stops listening, cancels pending deliveries and webhooks, and closes every connection. */
  stop(): Promise<void>;
  /** Simulated handsets: send texts, read conversations, wait for replies. */
  readonly phones: SandboxPhones;
  /** Faults, webhook URLs, logs, reset. */
  readonly admin: SandboxAdmin;
  /** The account's messages, both directions, as the REST API lists them (newest first). */
  readonly messages: {
    list(filter?: MessageFilter): SandboxMessage[];
    get(sid: string): SandboxMessage | undefined;
    /** The media Twilio stored for a message, with their bytes, in order (empty for an unknown SID). */
    media(sid: string): SandboxMedia[];
  };
  /** Hears every event (messages created and updated, webhook attempts, alerts...); returns the unsubscribe. */
  subscribe(listener: SandboxEventListener): () => void;
}

/**
 * Creates a sandbox: Twilio's Messages and IncomingPhoneNumbers REST API (and Messaging Services by SID),
 * signed inbound webhooks and status callbacks, STOP/START/HELP, fault injection, and the dev phone page, on one
 * HTTP server. Nothing listens until `start()`.
 *
 * @throws {SandboxOptionsError} when an option is invalid.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const resolved = resolveSandboxOptions(options);
  const context = createSandboxContext(resolved);
  const phones = createSandboxPhones(context);
  const admin = createSandboxAdmin(context);
  const cdn = createCdnServer(context);
  let server: Server | null = null;

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const requestUrl = new URL(request.url ?? '/', 'http://sandbox.invalid');
    const work = isRestPath(requestUrl.pathname)
      ? handleRestRequest(context, request, response, requestUrl)
      : handleSandboxRequest(context, phones, admin, request, response, requestUrl);
    work.catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      sendJson(response, 500, { error: { message: error instanceof Error ? error.message : String(error) } });
    });
  };

  return {
    get url() {
      if (context.urls.api === null) throw new SandboxNotStartedError('sandbox.url');
      return context.urls.api;
    },
    get cdnUrl() {
      if (context.urls.cdn === null) throw new SandboxNotStartedError('sandbox.cdnUrl');
      return context.urls.cdn;
    },
    accountSid: resolved.accountSid,
    authToken: resolved.authToken,
    get numbers() {
      return [...context.numbers.values()].map((number) => ({ ...number }));
    },
    get messagingServices() {
      return [...context.services.values()].map((service) => ({
        ...service,
        phoneNumbers: [...service.phoneNumbers],
      }));
    },
    async start() {
      if (context.urls.api !== null) return context.urls.api;
      context.tasks = createSandboxTasks(context);
      const listening = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        listening.once('error', reject);
        listening.listen(resolved.port, resolved.host, () => {
          listening.off('error', reject);
          resolve();
        });
      });
      let cdnUrl: string;
      try {
        cdnUrl = await cdn.start();
      } catch (error) {
        await new Promise<void>((resolve) => listening.close(() => resolve()));
        throw error;
      }
      const address = listening.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      server = listening;
      context.urls.api = `http://${host}:${address.port}`;
      context.urls.cdn = cdnUrl;
      return context.urls.api;
    },
    async stop() {
      const running = server;
      if (!running) return;
      server = null;
      context.urls.api = null;
      context.urls.cdn = null;
      const closed = new Promise<void>((resolve) => running.close(() => resolve()));
      running.closeAllConnections();
      await context.tasks.stop();
      await Promise.all([closed, cdn.stop()]);
    },
    phones,
    admin,
    messages: {
      list: (filter) => context.messages.list(filter),
      get: (sid) => context.messages.get(sid),
      media: (sid) => context.media.listFor(sid).map((media) => ({ ...media, data: media.data.slice() })),
    },
    subscribe: (listener) => context.events.subscribe(listener),
  };
}
