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

/** The packaging fields of `apps/openclaw-plugin/package.json` the published package repeats (one source). */
export interface PluginWorkspaceManifest {
  version: string;
  license?: string;
  keywords?: readonly string[];
  repository?: unknown;
  homepage?: string;
  bugs?: unknown;
}

/**
 * The plugin package's `package.json`: ESM, self-contained (everything but the host is bundled, so it has no
 * dependencies: a path install never runs `npm install`, and a registry install has nothing to resolve), `openclaw`
 * an optional peer, the `openclaw` block naming the entry, the channel, the plugin API and host it needs and
 * the npm name it installs from, and the workspace package's version and packaging fields.
 */
export function buildPluginPackageJson(workspace: PluginWorkspaceManifest): Record<string, unknown> {
  return {
    name: PLUGIN_PACKAGE_NAME,
    version: workspace.version,
    description: 'OpenClaw channel plugin: talk to your assistant by SMS through Twilio.',
    license: workspace.license ?? 'MIT',
    ...(workspace.keywords === undefined ? {} : { keywords: [...workspace.keywords] }),
    ...(workspace.repository === undefined ? {} : { repository: workspace.repository }),
    ...(workspace.homepage === undefined ? {} : { homepage: workspace.homepage }),
    ...(workspace.bugs === undefined ? {} : { bugs: workspace.bugs }),
    type: 'module',
    exports: { '.': PLUGIN_ENTRY_FILE, './package.json': './package.json' },
    files: ['dist', 'openclaw.plugin.json', 'README.md', 'CHANGELOG.md'],
    engines: { node: '>=24.16' },
    publishConfig: { access: 'public' },
    peerDependencies: { openclaw: PLUGIN_API_RANGE },
    peerDependenciesMeta: { openclaw: { optional: true } },
    openclaw: {
      extensions: [PLUGIN_ENTRY_FILE],
      channel: { ...SMS_CHANNEL_META },
      compat: { pluginApi: PLUGIN_API_RANGE },
      // The host checks minHostVersion before installing from a registry, and picks an older release that fits.
      install: { npmSpec: PLUGIN_PACKAGE_NAME, minHostVersion: PLUGIN_API_RANGE },
    },
  };
}
