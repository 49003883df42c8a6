import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'tsup';
import {
  buildPluginManifest,
  buildPluginPackageJson,
  type PluginWorkspaceManifest,
} from './src/plugin-manifest.js';
import { publishedReadme, repositoryWebUrl } from './src/plugin-readme.js';
import { twilioDomainsPlugin } from './src/twilio-sdk-domains.js';

/**
 * The OpenClaw plugin build (`scripts/pnpm --filter @sms-channel/openclaw-plugin build`):
 *   dist-plugin/openclaw-sms/                  the package: what `pnpm publish` publishes (publishConfig.directory)
 *     dist/index.js                            src/plugin-entry.ts and everything it uses, bundled
 *     package.json, openclaw.plugin.json, README.md, CHANGELOG.md
 *   dist-plugin/sms-channel-openclaw-plugin-<version>.tgz   the same, `npm pack`ed (for a local install)
 *
 * The package depends on nothing: our libraries and their dependencies (twilio, zod, json5, libphonenumber-js,
 * remark...) are bundled, so a path install (which never runs `npm install`) works, and a registry install
 * (`openclaw plugins install @sms-channel/openclaw-plugin`) fetches one 0.4 MB tarball instead of resolving
 * 160 packages (70 MB: better-sqlite3's sources, twilio whole, zod whole). `openclaw/*` stays external (the host
 * provides it). The store runs on Node's built-in node:sqlite there: better-sqlite3 (a native addon built for
 * the workspace's Node 20) is external and never loaded, and the build fails if it slipped into the bundle.
 * Of the twilio SDK only the domains the plugin calls are bundled (src/twilio-sdk-domains.ts).
 */
const root = 'dist-plugin';
const folder = join(root, 'openclaw-sms');
const workspace = JSON.parse(readFileSync('package.json', 'utf8')) as PluginWorkspaceManifest & {
  repository?: { url?: string; directory?: string };
};

// The bundle is ESM; the CommonJS dependencies it carries (twilio, pino...) call `require` for Node built-ins.
const banner =
  "import { createRequire as __smsCreateRequire } from 'node:module';\nconst require = __smsCreateRequire(import.meta.url);";

/** better-sqlite3 may only appear as the store's lazy `import("better-sqlite3")`, which node:sqlite never runs. */
function checkNoStaticBetterSqlite(): void {
  const dist = join(folder, 'dist');
  for (const file of readdirSync(dist).filter((name) => name.endsWith('.js'))) {
    const code = readFileSync(join(dist, file), 'utf8');
    if (/from\s*["']better-sqlite3["']|require\(["']better-sqlite3["']\)/.test(code)) {
      throw new Error(`${file} imports better-sqlite3 statically; the plugin must not load it`);
    }
  }
}

function packagePlugin(): void {
  checkNoStaticBetterSqlite();
  writeFileSync(join(folder, 'openclaw.plugin.json'), `${JSON.stringify(buildPluginManifest(), null, 2)}\n`);
  writeFileSync(
    join(folder, 'package.json'),
    `${JSON.stringify(buildPluginPackageJson(workspace), null, 2)}\n`,
  );
  const repository = workspace.repository;
  const base =
    repository?.url === undefined
      ? undefined
      : `${repositoryWebUrl(repository.url)}/blob/main/${repository.directory ?? 'apps/openclaw-plugin'}`;
  const readme = readFileSync('README.md', 'utf8');
  writeFileSync(join(folder, 'README.md'), base === undefined ? readme : publishedReadme(readme, base));
  if (existsSync('CHANGELOG.md')) copyFileSync('CHANGELOG.md', join(folder, 'CHANGELOG.md'));
  for (const old of readdirSync(root).filter((name) => name.endsWith('.tgz'))) rmSync(join(root, old));
  execFileSync('npm', ['pack', '--silent', '--pack-destination', '..'], { cwd: folder, stdio: 'ignore' });
}

export default defineConfig({
  entry: { index: 'src/plugin-entry.ts' },
  outDir: join(folder, 'dist'),
  format: ['esm'],
  platform: 'node',
  target: 'node22',
  // The host evaluates the entry in every `openclaw` CLI process: the twilio SDK (8 MB) and the markdown
  // parser are chunks loaded on first use, so the entry costs ~60 ms instead of ~500 ms.
  splitting: true,
  sourcemap: false,
  clean: true,
  dts: false,
  // Bundle every package but the host's and better-sqlite3 (see above).
  noExternal: [/^(?!openclaw(\/|$)|better-sqlite3$)/],
  external: ['openclaw', /^openclaw\//, 'better-sqlite3'],
  banner: { js: banner },
  esbuildPlugins: [twilioDomainsPlugin()],
  onSuccess: async () => packagePlugin(),
});
