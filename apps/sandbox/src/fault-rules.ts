import { randomUUID } from 'node:crypto';
import { SandboxInputError } from './errors.js';

/** The sandbox's REST routes, named for fault rules (`rest` names them all). */
export const REST_ROUTES = [
  'accounts.fetch',
  'messages.create',
  'messages.list',
  'messages.fetch',
  'media.list',
  'media.fetch',
  'media.delete',
  'media.content',
  'incomingPhoneNumbers.list',
  'incomingPhoneNumbers.fetch',
  'incomingPhoneNumbers.update',
  'messagingServices.list',
  'messagingServices.fetch',
  'messagingServices.phoneNumbers',
] as const;

/** A REST route name. */
export type RestRoute = (typeof REST_ROUTES)[number];

/**
 * Where a fault can be injected: a REST route (or all of them), a webhook the sandbox sends, delivery, or the
 * media "CDN" that serves media bytes after the API's redirect.
 */
export type FaultRoute = RestRoute | 'rest' | 'webhook.inbound' | 'webhook.status' | 'delivery' | 'media.cdn';

/** What a fault does. */
export type FaultSpec =
  /**
   * Answer this HTTP status (REST: with a Twilio error body: `code`, else 429 -> 20429 with `Retry-After`, 503 ->
   * 20503, 404 -> 20404, another 4xx -> 20001, a 5xx -> 20500). REST, CDN.
   */
  | { kind: 'status'; status: number; code?: number; retryAfterSeconds?: number }
  /** Wait `ms` (plus up to `jitterMs` more, at random) before answering (REST, CDN) or sending (webhooks). */
  | { kind: 'latency'; ms: number; jitterMs?: number }
  /** Destroy the connection without an answer. REST routes, CDN. */
  | { kind: 'drop' }
  /**
   * Twilio's rate limit: a token bucket of `burst` requests (default `perSecond`) refilled at `perSecond`;
   * a request that finds it empty is answered 429 (20429) with `Retry-After`. REST routes.
   */
  | { kind: 'rate-limit'; perSecond: number; burst?: number; retryAfterSeconds?: number }
  /** Send the webhook twice, identical (same `MessageSid`, same signature). Webhook routes. */
  | { kind: 'duplicate' }
  /** Send a message's status callbacks newest first (`delivered` before `sent`). `webhook.status`. */
  | { kind: 'out-of-order' }
  /** The handset cannot be reached: the message ends `undelivered` with this error. `delivery`. */
  | { kind: 'undelivered'; errorCode?: number }
  /**
   * Serve `bytes` bytes (the media, then zeros; default 6 MiB, over Twilio's 5 MB) instead of the media; with
   * `chunked`, without a `Content-Length`, so only counting the bytes finds out. `media.cdn`.
   */
  | { kind: 'oversized'; bytes?: number; chunked?: boolean }
  /** Serve the media under this `Content-Type` (default `text/html; charset=utf-8`). `media.cdn`. */
  | { kind: 'content-type'; contentType?: string };

/** The kinds of fault. */
export type FaultKind = FaultSpec['kind'];

/** A fault to add: what, where, how often and how many times (each request, webhook or message counts once). */
export type FaultInput = FaultSpec & {
  route: FaultRoute;
  /** How many times it fires before it is removed. @default unlimited (until removed) */
  times?: number;
  /** Fire on every `every`-th matching request only (the others pass untouched). @default 1 (every one) */
  every?: number;
};

/** An active fault. */
export type FaultRule = FaultSpec & {
  id: string;
  route: FaultRoute;
  /** Firings left; null: until removed. */
  remaining: number | null;
  every: number;
};

/** Default size of an `oversized` answer: 6 MiB, more than Twilio's 5 MB limit for a whole message's media. */
export const DEFAULT_OVERSIZED_BYTES = 6 * 1024 * 1024;

const REST_KINDS: readonly FaultKind[] = ['status', 'latency', 'drop', 'rate-limit'];

const KINDS_BY_ROUTE: Record<
  'rest' | 'webhook.inbound' | 'webhook.status' | 'delivery' | 'media.cdn',
  readonly FaultKind[]
> = {
  rest: REST_KINDS,
  'webhook.inbound': ['latency', 'duplicate'],
  'webhook.status': ['latency', 'duplicate', 'out-of-order'],
  delivery: ['undelivered'],
  'media.cdn': ['status', 'latency', 'drop', 'oversized', 'content-type'],
};

/** The active faults, consumed as requests pass. */
export interface FaultRules {
  add(input: FaultInput): FaultRule;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultRule[];
  /**
   * The faults that fire for one request on `route`: at most one per kind (the oldest that fires), only of
   * `kinds` when given; each fired rule counts down once.
   */
  take(route: Exclude<FaultRoute, 'rest'>, kinds?: readonly FaultKind[]): FaultRule[];
}

/** What a rule remembers between requests: how many it saw (for `every`) and its token bucket (`rate-limit`). */
interface RuleState {
  seen: number;
  tokens: number;
  refilledAt: number;
}

/** Creates an empty rule set; `onChange` hears every change (for the event stream). */
export function createFaultRules(onChange: (rules: FaultRule[]) => void = () => {}): FaultRules {
  let rules: FaultRule[] = [];
  const states = new Map<string, RuleState>();
  const changed = () => onChange(rules.map((rule) => ({ ...rule })));
  const fires = (rule: FaultRule): boolean => {
    const state = states.get(rule.id);
    if (!state) return false;
    state.seen += 1;
    if (state.seen % rule.every !== 0) return false;
    if (rule.kind !== 'rate-limit') return true;
    return !takeToken(rule, state, performance.now());
  };
  return {
    add(input) {
      const { times, every, ...spec } = parseFaultInput(input);
      const rule = { ...spec, id: randomUUID(), remaining: times ?? null, every: every ?? 1 } as FaultRule;
      rules.push(rule);
      const burst = rule.kind === 'rate-limit' ? (rule.burst ?? rule.perSecond) : 0;
      states.set(rule.id, { seen: 0, tokens: burst, refilledAt: performance.now() });
      changed();
      return { ...rule };
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((rule) => rule.id !== id);
      states.delete(id);
      if (rules.length !== before) changed();
      return rules.length !== before;
    },
    clear() {
      states.clear();
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
        if (!applies || fired.some((other) => other.kind === rule.kind) || !fires(rule)) continue;
        fired.push({ ...rule });
        if (rule.remaining !== null) rule.remaining -= 1;
      }
      if (fired.length === 0) return fired;
      rules = rules.filter((rule) => rule.remaining === null || rule.remaining > 0);
      for (const id of states.keys()) if (!rules.some((rule) => rule.id === id)) states.delete(id);
      changed();
      return fired;
    },
  };
}

/** Refills a rate-limit rule's bucket for the time passed and takes one token; false when the bucket is empty. */
function takeToken(rule: FaultRule & { kind: 'rate-limit' }, state: RuleState, now: number): boolean {
  const burst = rule.burst ?? rule.perSecond;
  state.tokens = Math.min(burst, state.tokens + ((now - state.refilledAt) / 1000) * rule.perSecond);
  state.refilledAt = now;
  if (state.tokens < 1) return false;
  state.tokens -= 1;
  return true;
}

/** How long a latency fault waits this time: its `ms`, plus a random part of its `jitterMs`. */
export function latencyOf(fault: FaultRule | undefined): number {
  if (fault?.kind !== 'latency') return 0;
  return fault.ms + Math.floor(Math.random() * ((fault.jitterMs ?? 0) + 1));
}

/** Checks a fault that came from outside (the admin API's JSON); throws {@link SandboxInputError}. */
export function parseFaultInput(raw: unknown): FaultInput {
  if (typeof raw !== 'object' || raw === null) throw new SandboxInputError('fault', 'must be an object');
  const input = raw as Record<string, unknown>;
  const route = input.route;
  if (typeof route !== 'string' || !isFaultRoute(route)) {
    throw new SandboxInputError(
      'route',
      `must be one of rest, ${REST_ROUTES.join(', ')}, webhook.inbound, webhook.status, delivery, media.cdn`,
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
  const every = optionalInteger(input, 'every', 1);
  const common = {
    route,
    ...(times === undefined ? {} : { times }),
    ...(every === undefined ? {} : { every }),
  };
  return { ...common, ...parseSpec(kind as FaultKind, input) };
}

function parseSpec(kind: FaultKind, input: Record<string, unknown>): FaultSpec {
  const present = <K extends string, V>(key: K, value: V | undefined) =>
    (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
  switch (kind) {
    case 'status': {
      const status = optionalInteger(input, 'status', 400, 599);
      if (status === undefined) throw new SandboxInputError('status', 'is required (400-599)');
      return {
        kind,
        status,
        ...present('code', optionalInteger(input, 'code', 10_000, 99_999)),
        ...present('retryAfterSeconds', optionalInteger(input, 'retryAfterSeconds', 0)),
      };
    }
    case 'latency': {
      const ms = optionalInteger(input, 'ms', 0, 600_000);
      if (ms === undefined) throw new SandboxInputError('ms', 'is required');
      return { kind, ms, ...present('jitterMs', optionalInteger(input, 'jitterMs', 0, 600_000)) };
    }
    case 'rate-limit': {
      const perSecond = optionalInteger(input, 'perSecond', 1, 100_000);
      if (perSecond === undefined) throw new SandboxInputError('perSecond', 'is required');
      return {
        kind,
        perSecond,
        ...present('burst', optionalInteger(input, 'burst', 1, 100_000)),
        ...present('retryAfterSeconds', optionalInteger(input, 'retryAfterSeconds', 0)),
      };
    }
    case 'undelivered':
      return { kind, ...present('errorCode', optionalInteger(input, 'errorCode', 1)) };
    case 'oversized': {
      const chunked = input.chunked;
      if (chunked !== undefined && typeof chunked !== 'boolean')
        throw new SandboxInputError('chunked', 'must be true or false');
      return {
        kind,
        ...present('bytes', optionalInteger(input, 'bytes', 1, 64 * 1024 * 1024)),
        ...present('chunked', chunked),
      };
    }
    case 'content-type': {
      const contentType = input.contentType;
      if (contentType !== undefined && (typeof contentType !== 'string' || contentType.length === 0))
        throw new SandboxInputError('contentType', 'must be a non-empty string');
      return { kind, ...present('contentType', contentType) };
    }
    default:
      return { kind } as FaultSpec;
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
