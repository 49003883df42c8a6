import { createFaultRules, type FaultRules } from './fault-rules.js';
import { createMessageStore, type MessageStore } from './message-store.js';
import { createOptOutRegistry, type OptOutRegistry } from './opt-outs.js';
import { createEventBus, type EventBus, type SandboxAlert, type WebhookAttempt } from './sandbox-event.js';
import type {
  HandsetOptions,
  ResolvedSandboxOptions,
  SandboxMessagingService,
  SandboxNumber,
} from './sandbox-options.js';
import { createTaskTracker, type TaskTracker } from './task-tracker.js';

/** How many webhook attempts and alerts the sandbox remembers (oldest dropped first). */
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
  events: EventBus;
  faults: FaultRules;
  optOuts: OptOutRegistry;
  alerts: SandboxAlert[];
  webhookAttempts: WebhookAttempt[];
  /** Replaced on every start, so a stopped sandbox can start again. */
  tasks: TaskTracker;
}

/** Builds the context for resolved options. */
export function createSandboxContext(options: ResolvedSandboxOptions): SandboxContext {
  const events = createEventBus();
  return {
    options,
    createdAt: options.now(),
    numbers: new Map(options.numbers.map((number) => [number.phoneNumber, { ...number }])),
    services: new Map(options.messagingServices.map((service) => [service.sid, { ...service }])),
    handsets: new Map(options.handsets.map((handset) => [handset.phoneNumber, handset])),
    messages: createMessageStore(),
    events,
    faults: createFaultRules((faults) => events.emit({ type: 'faults.changed', faults })),
    optOuts: createOptOutRegistry(),
    alerts: [],
    webhookAttempts: [],
    tasks: createTaskTracker(() => {}),
  };
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
