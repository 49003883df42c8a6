import { smsChannelJsonSchema } from '@sms-channel/config';
import { SMS_CHANNEL_ID, SMS_CHANNEL_META } from './sms-channel-meta.js';

/** The npm name of the installable plugin package (the host keys it by the manifest id, `sms`). */
export const PLUGIN_PACKAGE_NAME = '@sms-channel/openclaw-plugin';

/**
 * The plugin API the plugin was built and tested against: the host refuses to install it on an older one
 * (`openclaw.compat.pluginApi`). openclaw 2026.9.6 exposes plugin API 2026.9.6.
 */
export const PLUGIN_API_RANGE = '>=2026.9.6';

/** The compiled entry inside the package (`openclaw.extensions`). */
export const PLUGIN_ENTRY_FILE = './dist/index.js';

/**
 * `openclaw.plugin.json`, read by the host before any plugin code runs: the id, the channel it owns, the
 * (empty) schema of `plugins.entries.sms.config`, and the JSON Schema of `channels.sms` from
 * `@sms-channel/config`, against which `openclaw config patch` validates a patch.
 */
export function buildPluginManifest(): Record<string, unknown> {
  return {
    id: SMS_CHANNEL_ID,
    name: 'SMS (Twilio)',
    description: SMS_CHANNEL_META.blurb,
    channels: [SMS_CHANNEL_ID],
    configSchema: { type: 'object', additionalProperties: false, properties: {} },
    channelConfigs: {
      [SMS_CHANNEL_ID]: { schema: smsChannelJsonSchema(), uiHints: {} },
    },
  };
}

/**
 * The plugin package's `package.json`: ESM, self-contained (a local install never runs `npm install`, so it
 * has no dependencies: everything but the host is bundled), `openclaw` an optional peer, and the `openclaw`
 * block naming the entry, the channel and the plugin API it needs.
 */
export function buildPluginPackageJson(version: string): Record<string, unknown> {
  return {
    name: PLUGIN_PACKAGE_NAME,
    version,
    description: 'OpenClaw channel plugin: talk to your assistant by SMS through Twilio.',
    license: 'MIT',
    type: 'module',
    main: PLUGIN_ENTRY_FILE,
    files: ['dist', 'openclaw.plugin.json', 'README.md'],
    engines: { node: '>=24.16' },
    peerDependencies: { openclaw: PLUGIN_API_RANGE },
    peerDependenciesMeta: { openclaw: { optional: true } },
    openclaw: {
      extensions: [PLUGIN_ENTRY_FILE],
      channel: { ...SMS_CHANNEL_META },
      compat: { pluginApi: PLUGIN_API_RANGE },
    },
  };
}
