/**
 * The three `openclaw/plugin-sdk/*` entry points the plugin entry imports, declared as narrowly as the entry
 * uses them. The host (openclaw 2026.9.6) is not a dependency of the workspace: it provides these modules at
 * run time (`openclaw` is an optional peer dependency of the plugin package, kept external by the bundle).
 */

declare module 'openclaw/plugin-sdk/channel-core' {
  export function defineChannelPluginEntry<TPlugin>(options: {
    id: string;
    name: string;
    description: string;
    plugin: TPlugin;
    setRuntime?: (runtime: import('./host-types.js').HostPluginRuntime) => void;
  }): unknown;
}

declare module 'openclaw/plugin-sdk/webhook-ingress' {
  export function registerPluginHttpRoute(
    params: import('./host-types.js').HostPluginRouteParams,
  ): () => void;
}

declare module 'openclaw/plugin-sdk/error-runtime' {
  export class PlatformMessageNotDispatchedError extends Error {
    readonly code: 'OPENCLAW_PLATFORM_MESSAGE_NOT_DISPATCHED';
    readonly retryable: boolean;
    constructor(message: string, options: { cause: unknown; retryable?: boolean });
  }
}
