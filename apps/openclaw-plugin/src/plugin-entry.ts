/**
 * @module @sms-channel/openclaw-plugin
 * The OpenClaw `sms` channel plugin: the entry the host loads (`openclaw.extensions` of the plugin package).
 * The only module that imports `openclaw/plugin-sdk/*` (the host provides them; the bundle keeps them
 * external); everything else gets the host functions injected. Evaluated in every `openclaw` CLI process and
 * twice in the gateway, so it only builds the plugin object: stores and workers start with an account.
 */
import { defineChannelPluginEntry } from 'openclaw/plugin-sdk/channel-core';
import { PlatformMessageNotDispatchedError } from 'openclaw/plugin-sdk/error-runtime';
import { registerPluginHttpRoute } from 'openclaw/plugin-sdk/webhook-ingress';
import { createSmsChannelPlugin } from './create-sms-channel-plugin.js';
import type { HostPluginRuntime } from './host-types.js';
import { SMS_CHANNEL_ID } from './sms-channel-meta.js';

// `ctx.runtime` of an account is only a console; the state directory lives on the runtime `setRuntime` gets.
let runtime: HostPluginRuntime | undefined;

const plugin = createSmsChannelPlugin({
  sdk: {
    registerPluginHttpRoute,
    notDispatchedError: (message, cause, retryable) =>
      new PlatformMessageNotDispatchedError(message, { cause, retryable }),
  },
  runtime: () => runtime,
});

// biome-ignore lint/style/noDefaultExport: the host loads a plugin entry through its default export.
export default defineChannelPluginEntry({
  id: SMS_CHANNEL_ID,
  name: 'SMS (Twilio)',
  description: 'Talk to your assistant by plain SMS through Twilio.',
  plugin,
  setRuntime: (next) => {
    runtime = next;
  },
});
