import { randomUUID } from 'node:crypto';
import { SandboxInputError } from './errors.js';

/** The sandbox's REST routes, named for fault rules (`rest` names them all). */
export const REST_ROUTES = [
  'accounts.fetch',
  'messages.create',
  'messages.list',
  'messages.fetch',
  'incomingPhoneNumbers.list',
  'incomingPhoneNumbers.fetch',
  'incomingPhoneNumbers.update',
  'messagingServices.list',
  'messagingServices.fetch',
  'messagingServices.phoneNumbers',
] as const;

/** A REST route name. */
export type RestRoute = (typeof REST_ROUTES)[number];

/** Where a fault can be injected: a REST route (or all of them), a webhook the sandbox sends, or delivery. */
export type FaultRoute = RestRoute | 'rest' | 'webhook.inbound' | 'webhook.status' | 'delivery';

/** What a fault does. */
export type FaultSpec =
  /** Answer this HTTP status with a Twilio error body (429 -> 20429 with `Retry-After`). REST routes. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** Wait before answering (REST) or before sending (webhooks). */
  | { kind: 'latency'; ms: number }
  /** Destroy the connection without an answer. REST routes. */
  | { kind: 'drop' }
  /** Send the webhook twice, identical (same `MessageSid`, same signature). Webhook routes. */
  | { kind: 'duplicate' }
  /** Send a message's status callbacks newest first (`delivered` before `sent`). `webhook.status`. */
  | { kind: 'out-of-order' }
  /** The handset cannot be reached: the message ends `undelivered` with this error. `delivery`. */
  | { kind: 'undelivered'; errorCode?: number };

/** The kinds of fault. */
export type FaultKind = FaultSpec['kind'];

/** A fault to add: what, where, and how many times (each request, webhook or message counts once). */
export type FaultInput = FaultSpec & {
  route: FaultRoute;
  /** How many times it fires before it is removed. @default unlimited (until removed) */
  times?: number;
};

/** An active fault. */
export type FaultRule = FaultSpec & { id: string; route: FaultRoute; remaining: number | null };

const KINDS_BY_ROUTE: Record<
  'rest' | 'webhook.inbound' | 'webhook.status' | 'delivery',
  readonly FaultKind[]
> = {
  rest: ['status', 'latency', 'drop'],
  'webhook.inbound': ['latency', 'duplicate'],
  'webhook.status': ['latency', 'duplicate', 'out-of-order'],
  delivery: ['undelivered'],
};

/** The active faults, consumed as requests pass. */
export interface FaultRules {
  add(input: FaultInput): FaultRule;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultRule[];
  /**
   * The faults that fire for one request on `route`: at most one per kind (the oldest), only of `kinds` when
   * given; each fired rule counts down once.
   */
  take(route: Exclude<FaultRoute, 'rest'>, kinds?: readonly FaultKind[]): FaultRule[];
}

/** Creates an empty rule set; `onChange` hears every change (for the event stream). */
export function createFaultRules(onChange: (rules: FaultRule[]) => void = () => {}): FaultRules {
  let rules: FaultRule[] = [];
  const changed = () => onChange(rules.map((rule) => ({ ...rule })));
  return {
    add(input) {
      const { times, ...spec } = parseFaultInput(input);
      const rule = { ...spec, id: randomUUID(), remaining: times ?? null } as FaultRule;
      rules.push(rule);
      changed();
      return { ...rule };
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((rule) => rule.id !== id);
      if (rules.length !== before) changed();
      return rules.length !== before;
    },
    clear() {
      if (rules.length === 0) return;
      rules = [];
      changed();
    },
    list() {
      return rules.map((rule) => ({ ...rule }));
    },
    take(route, kinds) {
      const isRest = (REST_ROUTES as readonly string[]).includes(route);
      const fired: FaultRule[] = [];
      for (const rule of rules) {
        const applies =
          (rule.route === route || (isRest && rule.route === 'rest')) &&
          (!kinds || kinds.includes(rule.kind));
        if (!applies || fired.some((other) => other.kind === rule.kind)) continue;
        fired.push({ ...rule });
        if (rule.remaining !== null) rule.remaining -= 1;
      }
      if (fired.length === 0) return fired;
      rules = rules.filter((rule) => rule.remaining === null || rule.remaining > 0);
      changed();
      return fired;
    },
  };
}

/** Checks a fault that came from outside (the admin API's JSON); throws {@link SandboxInputError}. */
export function parseFaultInput(raw: unknown): FaultInput {
  if (typeof raw !== 'object' || raw === null) throw new SandboxInputError('fault', 'must be an object');
  const input = raw as Record<string, unknown>;
  const route = input.route;
  if (typeof route !== 'string' || !isFaultRoute(route)) {
    throw new SandboxInputError(
      'route',
      `must be one of rest, ${REST_ROUTES.join(', ')}, webhook.inbound, webhook.status, delivery`,
    );
  }
  const family = (REST_ROUTES as readonly string[]).includes(route)
    ? 'rest'
    : (route as keyof typeof KINDS_BY_ROUTE);
  const allowed = KINDS_BY_ROUTE[family];
  const kind = input.kind;
  if (typeof kind !== 'string' || !allowed.includes(kind as FaultKind)) {
    throw new SandboxInputError('kind', `on ${route} must be one of ${allowed.join(', ')}`);
  }
  const times = optionalInteger(input, 'times', 1);
  const common = { route, ...(times === undefined ? {} : { times }) };
  switch (kind as FaultKind) {
    case 'status': {
      const status = optionalInteger(input, 'status', 400, 599);
      if (status === undefined) throw new SandboxInputError('status', 'is required (400-599)');
      const retryAfterSeconds = optionalInteger(input, 'retryAfterSeconds', 0);
      return {
        ...common,
        kind: 'status',
        status,
        ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      };
    }
    case 'latency': {
      const ms = optionalInteger(input, 'ms', 0, 600_000);
      if (ms === undefined) throw new SandboxInputError('ms', 'is required');
      return { ...common, kind: 'latency', ms };
    }
    case 'undelivered': {
      const errorCode = optionalInteger(input, 'errorCode', 1);
      return { ...common, kind: 'undelivered', ...(errorCode === undefined ? {} : { errorCode }) };
    }
    default:
      return { ...common, kind: kind as 'drop' | 'duplicate' | 'out-of-order' };
  }
}

function isFaultRoute(value: string): value is FaultRoute {
  return value === 'rest' || value in KINDS_BY_ROUTE || (REST_ROUTES as readonly string[]).includes(value);
}

function optionalInteger(
  input: Record<string, unknown>,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const value = input[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new SandboxInputError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}
