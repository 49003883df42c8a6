#!/usr/bin/env node
/**
 * @module lint-packages
 * The packaging lint: each publishable package, packed as it would be published, must be a package users can
 * install and import. Per tarball:
 *   - our manifest rules: name, version, license, description, `repository` (the root's URL, the package's
 *     folder), `publishConfig.access: public`, `engines.node`, no `workspace:`/`catalog:`/`file:` specifier left,
 *     our own dependencies at the versions being released, README.md and CHANGELOG.md packed, no tests, fixtures
 *     or sources; a library is ESM with `exports` (`.` with import and require, `./package.json`), the plugin has
 *     its manifest and entry, no dependencies, and `openclaw` as an optional peer;
 *   - publint (strict: warnings fail) over the tarball;
 *   - are-the-types-wrong (`attw --profile node16`) over a library's tarball: types resolve for `import` and
 *     `require` under node16 and for bundlers, for every entry point.
 *
 *   node scripts/release/lint-packages.mjs             packs every publishable package (`pnpm pack`), lints them
 *   node scripts/release/lint-packages.mjs DIR         lints the tarballs already in DIR (one per package)
 *
 * Prints one PASS/FAIL line per package (the reasons under a FAIL); exit 1 when any package fails. Needs the
 * packages built (`scripts/pnpm run build`).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { publishablePackages, REPO, readJson, tarballName } from './workspace-packages.mjs';

const ROOT_REPOSITORY = readJson(join(REPO, 'package.json')).repository?.url;
const ATTW = join(REPO, 'node_modules', '.bin', 'attw');
const FORBIDDEN_SPEC = /^(workspace|catalog|file|link|portal):/;
const FORBIDDEN_FILE = /(^|\/)(src|__fixtures__|__tests__)\/|\.test\.[cm]?[jt]sx?$|\.tsbuildinfo$/;

/** `pnpm pack` of each package into `dir` (one pnpm run); returns the tarball paths by package name. */
export function packAll(packages, dir) {
  const filters = packages.flatMap((pkg) => ['--filter', pkg.name]);
  execFileSync(join(REPO, 'scripts', 'pnpm'), ['-r', ...filters, 'pack', '--pack-destination', dir], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Map(packages.map((pkg) => [pkg.name, join(dir, tarballName(pkg.name, pkg.version))]));
}

function tarFiles(tarball) {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''));
}

function tarJson(tarball, file) {
  return JSON.parse(execFileSync('tar', ['-xOzf', tarball, `package/${file}`], { encoding: 'utf8' }));
}

/** Every file an `exports` map points at. */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(exportTargets);
}

function checkCommon(pkg, manifest, files, versions) {
  const problems = [];
  const expect = (ok, message) => {
    if (!ok) problems.push(message);
  };
  expect(manifest.name === pkg.name, `name is ${manifest.name}, the workspace package is ${pkg.name}`);
  expect(
    manifest.version === pkg.version,
    `version ${manifest.version} is not the workspace's ${pkg.version}`,
  );
  expect(typeof manifest.license === 'string', 'no license');
  expect(typeof manifest.description === 'string' && manifest.description !== '', 'no description');
  expect(
    manifest.repository?.url === ROOT_REPOSITORY && manifest.repository?.directory === pkg.dir,
    `repository must be { url: ${ROOT_REPOSITORY} (the root package.json's), directory: ${pkg.dir} }, is ${JSON.stringify(manifest.repository)}`,
  );
  expect(
    manifest.publishConfig?.access === 'public',
    'publishConfig.access is not "public" (a scoped package)',
  );
  expect(typeof manifest.engines?.node === 'string', 'no engines.node');
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [dep, spec] of Object.entries(manifest[field] ?? {})) {
      expect(!FORBIDDEN_SPEC.test(spec), `${field}.${dep} is "${spec}" in the packed manifest`);
      const released = versions.get(dep);
      expect(
        released === undefined || spec === released || spec === `^${released}`,
        `${field}.${dep} is "${spec}", but ${dep} is released at ${released}`,
      );
    }
  }
  expect(files.includes('README.md'), 'README.md is not packed');
  expect(
    files.includes('CHANGELOG.md'),
    'CHANGELOG.md is not packed (list it in "files"; `changeset version` writes it)',
  );
  const stray = files.filter((file) => FORBIDDEN_FILE.test(file));
  expect(stray.length === 0, `tests, fixtures or sources packed: ${stray.slice(0, 5).join(', ')}`);
  return problems;
}

function checkLibrary(manifest, files) {
  const problems = [];
  const expect = (ok, message) => {
    if (!ok) problems.push(message);
  };
  expect(manifest.type === 'module', 'type is not "module"');
  expect(manifest.sideEffects === false, 'sideEffects is not false');
  const root = manifest.exports?.['.'];
  expect(root?.import !== undefined && root?.require !== undefined, 'exports["."] lacks import or require');
  expect(manifest.exports?.['./package.json'] === './package.json', 'exports lacks "./package.json"');
  for (const target of exportTargets(manifest.exports)) {
    expect(files.includes(target.replace(/^\.\//, '')), `exports names ${target}, which is not packed`);
  }
  return problems;
}

function checkPlugin(pkg, manifest, files, tarball) {
  const problems = [];
  const expect = (ok, message) => {
    if (!ok) problems.push(message);
  };
  expect(files.includes('openclaw.plugin.json'), 'openclaw.plugin.json is not packed');
  if (files.includes('openclaw.plugin.json')) {
    const pluginManifest = tarJson(tarball, 'openclaw.plugin.json');
    expect(
      typeof pluginManifest.id === 'string' && pluginManifest.configSchema !== undefined,
      'openclaw.plugin.json lacks id or configSchema',
    );
  }
  const entries = manifest.openclaw?.extensions ?? [];
  expect(entries.length > 0, 'openclaw.extensions names no entry');
  for (const entry of entries)
    expect(files.includes(entry.replace(/^\.\//, '')), `entry ${entry} is not packed`);
  expect(
    manifest.dependencies === undefined && manifest.optionalDependencies === undefined,
    'the plugin declares dependencies (it is a self-contained bundle)',
  );
  expect(manifest.peerDependenciesMeta?.openclaw?.optional === true, 'openclaw is not an optional peer');
  expect(manifest.openclaw?.install?.npmSpec === pkg.name, `openclaw.install.npmSpec is not ${pkg.name}`);
  return problems;
}

async function runPublint(tarball) {
  const bytes = readFileSync(tarball);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball: buffer }, level: 'suggestion', strict: true });
  return messages.map((message) => `publint ${message.type}: ${formatMessage(message, pkg) ?? message.code}`);
}

function runAttw(tarball) {
  const run = spawnSync(ATTW, [tarball, '--profile', 'node16', '--format', 'json'], { encoding: 'utf8' });
  if (run.status === 0) return [];
  try {
    const { problems } = JSON.parse(run.stdout);
    return Object.values(problems)
      .flat()
      .filter((problem) => problem.resolutionKind !== 'node10')
      .map(
        (problem) => `attw ${problem.kind}: ${problem.entrypoint ?? ''} (${problem.resolutionKind ?? 'all'})`,
      );
  } catch {
    return [`attw failed: ${(run.stderr || run.stdout).trim().split('\n').slice(0, 3).join(' ')}`];
  }
}

/** Lints each package's tarball; returns the number of packages that failed. */
export async function lintPackages(packages, tarballs, log = (line) => process.stdout.write(`${line}\n`)) {
  const versions = new Map(packages.map((pkg) => [pkg.name, pkg.version]));
  let failed = 0;
  for (const pkg of packages) {
    const tarball = tarballs.get(pkg.name);
    if (tarball === undefined || !existsSync(tarball)) {
      log(`FAIL ${pkg.name}@${pkg.version}: no tarball ${tarball ?? ''}`);
      failed += 1;
      continue;
    }
    const files = tarFiles(tarball);
    const manifest = tarJson(tarball, 'package.json');
    const problems = [
      ...checkCommon(pkg, manifest, files, versions),
      ...(pkg.kind === 'library'
        ? checkLibrary(manifest, files)
        : checkPlugin(pkg, manifest, files, tarball)),
      ...(await runPublint(tarball)),
      ...(pkg.kind === 'library' ? runAttw(tarball) : []),
    ];
    const size = `${Math.round(readFileSync(tarball).byteLength / 1024)} KB packed, ${files.length} files`;
    const tools = pkg.kind === 'library' ? 'publint, attw node16' : 'publint';
    if (problems.length === 0) {
      log(`PASS ${pkg.name}@${pkg.version}: manifest, ${tools} (${size})`);
    } else {
      failed += 1;
      log(`FAIL ${pkg.name}@${pkg.version} (${size}):`);
      for (const problem of problems) log(`     - ${problem}`);
    }
  }
  return failed;
}

if (process.argv[1] === import.meta.filename) {
  const packages = publishablePackages();
  const given = process.argv[2];
  const dir = given ?? mkdtempSync(join(tmpdir(), 'sms-channel-pack-'));
  try {
    const tarballs =
      given === undefined
        ? packAll(packages, dir)
        : new Map(packages.map((pkg) => [pkg.name, join(dir, tarballName(pkg.name, pkg.version))]));
    const failed = await lintPackages(packages, tarballs);
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    if (given === undefined) rmSync(dir, { recursive: true, force: true });
  }
}
