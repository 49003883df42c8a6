import { smsChannelJsonSchema } from '@sms-channel/config';
import { describe, expect, it } from 'vitest';
import { buildPluginManifest, buildPluginPackageJson, PLUGIN_ENTRY_FILE } from './plugin-manifest.js';

describe('the plugin manifest', () => {
  it("owns the sms channel and validates channels.sms with the config package's JSON Schema", () => {
    const manifest = buildPluginManifest();
    expect(manifest).toMatchObject({ id: 'sms', channels: ['sms'] });
    expect(manifest.channelConfigs).toEqual({ sms: { schema: smsChannelJsonSchema(), uiHints: {} } });
    expect(manifest.configSchema).toEqual({ type: 'object', additionalProperties: false, properties: {} });
  });
});

describe('the plugin package.json', () => {
  const pkg = buildPluginPackageJson('1.2.3');

  it('names its compiled entry, its channel and the plugin API it needs in the openclaw block', () => {
    expect(pkg).toMatchObject({
      version: '1.2.3',
      type: 'module',
      openclaw: {
        extensions: [PLUGIN_ENTRY_FILE],
        channel: { id: 'sms', label: 'SMS', docsPath: '/channels/sms' },
        compat: { pluginApi: '>=2026.9.6' },
      },
    });
  });

  it('has no dependencies to install and openclaw as an optional peer', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toEqual({ openclaw: '>=2026.9.6' });
    expect(pkg.peerDependenciesMeta).toEqual({ openclaw: { optional: true } });
  });
});
