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
  const repository = {
    type: 'git',
    url: 'git+https://github.com/o/r.git',
    directory: 'apps/openclaw-plugin',
  };
  const pkg = buildPluginPackageJson({
    version: '1.2.3',
    license: 'MIT',
    repository,
    keywords: ['openclaw'],
  });

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

  it('installs by its npm name from a registry and says which host it needs', () => {
    expect(pkg).toMatchObject({
      name: '@sms-channel/openclaw-plugin',
      publishConfig: { access: 'public' },
      openclaw: { install: { npmSpec: '@sms-channel/openclaw-plugin', minHostVersion: '>=2026.9.6' } },
    });
  });

  it("repeats the workspace package's version and packaging fields", () => {
    expect(pkg).toMatchObject({ version: '1.2.3', license: 'MIT', repository, keywords: ['openclaw'] });
  });

  it('has no dependencies to install and openclaw as an optional peer', () => {
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.peerDependencies).toEqual({ openclaw: '>=2026.9.6' });
    expect(pkg.peerDependenciesMeta).toEqual({ openclaw: { optional: true } });
  });
});
