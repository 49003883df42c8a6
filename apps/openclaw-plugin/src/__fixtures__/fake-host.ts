import type {
  HostAgentRoute,
  HostChannelRuntime,
  HostConfig,
  HostInboundContextInput,
  HostPairing,
  HostPluginRouteParams,
  HostReplyPayload,
  HostSdk,
} from '../host-types.js';

/**
 * In-memory stand-ins for the OpenClaw host, behaving as docs/openclaw-host.md records the real one: pairing
 * codes made by the host (same sender, same code; at most 3 pending per account, then `code: ""`), approvals
 * visible through `readAllowFromStore`, `inbound.run` calling the adapter then `deliver` once with the whole
 * reply.
 */
export interface FakeHostPairing extends HostPairing {
  approve(code: string): string;
  pending(accountId: string): { id: string; code: string }[];
}

export function createFakeHostPairing(): FakeHostPairing {
  const requests = new Map<string, { id: string; code: string; accountId: string }>();
  const allowed = new Map<string, string[]>();
  let next = 0;
  return {
    upsertPairingRequest: async ({ id, accountId }) => {
      const key = `${accountId}:${id}`;
      const existing = requests.get(key);
      if (existing !== undefined) return { code: existing.code, created: false };
      if ([...requests.values()].filter((r) => r.accountId === accountId).length >= 3) {
        return { code: '', created: false };
      }
      next += 1;
      const code = `PAIRCOD${next}`;
      requests.set(key, { id, code, accountId });
      return { code, created: true };
    },
    readAllowFromStore: async ({ accountId }) => [...(allowed.get(accountId) ?? [])],
    approve: (code) => {
      for (const [key, request] of requests) {
        if (request.code !== code) continue;
        requests.delete(key);
        allowed.set(request.accountId, [...(allowed.get(request.accountId) ?? []), request.id]);
        return request.id;
      }
      throw new Error(`no pending request with code ${code}`);
    },
    pending: (accountId) => [...requests.values()].filter((r) => r.accountId === accountId),
  };
}

export interface FakeChannelRuntime extends HostChannelRuntime {
  routes: Parameters<HostChannelRuntime['routing']['resolveAgentRoute']>[0][];
  contexts: HostInboundContextInput[];
  deliveryErrors: unknown[];
}

/**
 * `reply` answers the agent's markdown for an SMS text (or a whole reply payload, media included); `undefined`:
 * the host starts no turn.
 */
export function createFakeChannelRuntime(
  pairing: HostPairing,
  reply: (text: string) => string | HostReplyPayload | undefined,
): FakeChannelRuntime {
  const routes: FakeChannelRuntime['routes'] = [];
  const contexts: HostInboundContextInput[] = [];
  const deliveryErrors: unknown[] = [];
  return {
    routes,
    contexts,
    deliveryErrors,
    pairing,
    routing: {
      resolveAgentRoute: (input): HostAgentRoute => {
        routes.push(input);
        const peer = input.peer?.id ?? 'unknown';
        return {
          agentId: 'main',
          accountId: input.accountId ?? 'default',
          dmScope: input.dmScope,
          sessionKey: `agent:main:sms:${input.accountId}:direct:${peer}`,
        };
      },
    },
    inbound: {
      buildContext: (input) => {
        contexts.push(input);
        return { ...input };
      },
      run: async (params) => {
        const ingested = params.adapter.ingest(params.raw);
        const answer = reply(ingested.rawText);
        if (answer === undefined) return { dispatched: false, admission: { kind: 'drop' } };
        const plan = await params.adapter.resolveTurn(ingested, { kind: 'message' }, undefined);
        try {
          const payload = typeof answer === 'string' ? { text: answer } : answer;
          await plan.delivery.deliver(payload, { kind: 'final', assistantMessageIndex: 0 });
        } catch (error) {
          deliveryErrors.push(error);
          plan.delivery.onError?.(error, { kind: 'final' });
        }
        return { dispatched: true, admission: { kind: 'dispatch' } };
      },
    },
  };
}

export interface FakeSdk extends HostSdk {
  routes: (HostPluginRouteParams & { unregistered: boolean })[];
}

export function createFakeSdk(): FakeSdk {
  const sdk: FakeSdk = {
    routes: [],
    registerPluginHttpRoute: (params) => {
      const route = { ...params, unregistered: false };
      sdk.routes.push(route);
      return () => {
        route.unregistered = true;
      };
    },
    notDispatchedError: (message, cause, retryable) =>
      Object.assign(new Error(message, { cause }), { name: 'PlatformMessageNotDispatchedError', retryable }),
  };
  return sdk;
}

/** A host config with `channels.sms` (and whatever else the test adds). */
export function hostConfig(sms: Record<string, unknown>, rest: Record<string, unknown> = {}): HostConfig {
  return { ...rest, channels: { sms } };
}
