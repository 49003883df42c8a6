import { createFaultRules, type FaultRules } from './fault-rules.js';
import { createMediaStore, type MediaStore } from './media-store.js';
import { createMessageStore, type MessageStore } from './message-store.js';
import { createOptOutRegistry, type OptOutRegistry } from './opt-outs.js';
import {
  type CdnRequest,
  createEventBus,
  type EventBus,
  type SandboxAlert,
  type WebhookAttempt,
} from './sandbox-event.js';
import type {
  HandsetOptions,
  ResolvedSandboxOptions,
  SandboxMessagingService,
  SandboxNumber,
} from './sandbox-options.js';
import { createSid } from './sid.js';
import { createTaskTracker, type TaskTracker } from './task-tracker.js';

/** How many webhook attempts, alerts and CDN requests the sandbox remembers (oldest dropped first). */
export const LOG_LIMIT = 1_000;

/** The state of one sandbox, shared by its REST API, phones, deliveries and admin API. */
export interface SandboxContext {
  options: ResolvedSandboxOptions;
  /** When the account's numbers and services were "bought" (their `date_created`). */
  createdAt: Date;
  /** By E.164 number. */
  numbers: Map<string, SandboxNumber>;
  /** By `MG` SID. */
  services: Map<string, SandboxMessagingService>;
  /** By E.164 number. */
  handsets: Map<string, Required<HandsetOptions>>;
  messages: MessageStore;
  /** Media of every message, with the CDN paths that serve them. */
  media: MediaStore;
  events: EventBus;
  faults: FaultRules;
  optOuts: OptOutRegistry;
  alerts: SandboxAlert[];
  webhookAttempts: WebhookAttempt[];
  cdnRequests: CdnRequest[];
  /** Where the API and the media CDN listen while started (no trailing slash); null while stopped. */
  urls: { api: string | null; cdn: string | null };
  /** Replaced on every start (see {@link createSandboxTasks}), so a stopped sandbox can start again. */
  tasks: TaskTracker;
}

/** Builds the context for resolved options. */
export function createSandboxContext(options: ResolvedSandboxOptions): SandboxContext {
  const events = createEventBus();
  const state: Omit<SandboxContext, 'tasks'> = {
    options,
    createdAt: options.now(),
    numbers: new Map(options.numbers.map((number) => [number.phoneNumber, { ...number }])),
    services: new Map(options.messagingServices.map((service) => [service.sid, { ...service }])),
    handsets: new Map(options.handsets.map((handset) => [handset.phoneNumber, handset])),
    messages: createMessageStore(),
    media: createMediaStore(),
    events,
    faults: createFaultRules((faults) => events.emit({ type: 'faults.changed', faults })),
    optOuts: createOptOutRegistry(),
    alerts: [],
    webhookAttempts: [],
    cdnRequests: [],
    urls: { api: null, cdn: null },
  };
  // Object.assign keeps one object: the tracker records into this very context.
  return Object.assign(state, { tasks: createSandboxTasks(state) });
}

/**
 * A tracker for the sandbox's background work (deliveries, status callbacks, inbound webhooks). Twilio never
 * tells an account about its own internal failures, but a test double that swallowed them would leave a
 * message stuck in `queued` with no clue why: a task that fails other than by `stop()` is a sandbox bug, and is
 * recorded as alert 20500 where the CLI log, the event stream and `admin.alerts()` show it.
 */
export function createSandboxTasks(log: AlertLog): TaskTracker {
  return createTaskTracker((error, messageSid) => {
    recordAlert(log, {
      errorCode: 20500,
      messageSid,
      url: '',
      detail: `sandbox background task failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  });
}

/** The opt-out scope of a sandbox number: its Messaging Service when it has one, else the number itself. */
export function optOutScopeOf(context: SandboxContext, phoneNumber: string): string {
  return context.numbers.get(phoneNumber)?.messagingServiceSid ?? phoneNumber;
}

/** Appends to a bounded log. */
export function remember<T>(log: T[], entry: T): void {
  log.push(entry);
  if (log.length > LOG_LIMIT) log.splice(0, log.length - LOG_LIMIT);
}

/** What recording an alert needs: the clock, the alert log and the event bus. */
export type AlertLog = Pick<SandboxContext, 'options' | 'alerts' | 'events'>;

/** Records a Twilio-style alert (`NO` SID; dated now unless given) in the bounded log and tells subscribers. */
export function recordAlert(
  log: AlertLog,
  alert: Omit<SandboxAlert, 'sid' | 'dateCreated'> & { dateCreated?: Date },
): SandboxAlert {
  const { errorCode, messageSid, url, detail } = alert;
  const dateCreated = alert.dateCreated ?? log.options.now();
  const recorded: SandboxAlert = { sid: createSid('NO'), errorCode, messageSid, url, detail, dateCreated };
  remember(log.alerts, recorded);
  log.events.emit({ type: 'alert', alert: recorded });
  return recorded;
}
