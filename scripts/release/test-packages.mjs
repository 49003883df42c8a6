#!/usr/bin/env node
/**
 * @module test-packages
 * The packaging test (`npm run test:packages`, part of `npm test`): a release rehearsed against a private npm
 * registry on loopback, then the packages used the way another project uses them.
 *
 *   build -> Verdaccio on 127.0.0.1 (scripts/release/local-registry.mjs; storage in a temp folder) -> `pnpm pack`
 *   of every package (the plugin's bundle folder through publishConfig.directory) -> the packaging lint over
 *   those tarballs (lint-packages.mjs: manifest rules, publint, are-the-types-wrong) -> `npm publish` of each
 *   tarball to the registry (what `changeset publish` does through `pnpm publish`) -> a scratch project outside the
 *   workspace: `npm install @sms-channel/<library>` of every library by name, each imported with `import` and
 *   `require` (same exports; errors recognised across the two formats by the `isXxxError` guards), each
 *   README's example type-checked (strict) and run as written -> each `examples/*` channel installed from the
 *   registry, built and tested.
 *
 * Nothing but the registry listens, on loopback; packages other than @sms-channel/* come through it from the
 * npm registry. Prints PASS/FAIL lines; exit 0 only when every check passed.
 *   SMS_PACKAGES_KEEP=1        keep the scratch folder (/tmp/sms-channel-packages.*) for inspection
 *   SMS_PACKAGES_SKIP_BUILD=1  use the packages already built
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintPackages, packAll } from './lint-packages.mjs';
import { firstTsBlock, listenPort, runExample } from './readme-example.mjs';
import { publishablePackages, REPO, readJson } from './workspace-packages.mjs';

const started = Date.now();
const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
const out = (line) => process.stdout.write(`${line}\n`);
let failed = 0;
const pass = (what) => out(`PASS ${what} (${elapsed()})`);
const fail = (what) => {
  out(`FAIL ${what} (${elapsed()})`);
  failed += 1;
};
const step = (what) => out(`-- ${what} (${elapsed()})`);
class Abort extends Error {}
const abort = (what) => {
  fail(what);
  throw new Abort(what);
};

const root = mkdtempSync(join(tmpdir(), 'sms-channel-packages.'));
const children = new Set();

/** A command with a time limit; its output goes to `<root>/<log>` and, on failure, its tail to the console. */
function run(command, args, { cwd = REPO, env = process.env, timeoutMs = 300_000, log }) {
  const result = spawnSync(command, args, {
    cwd,
    env,
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 << 20,
  });
  const text = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? `\n${result.error.message}` : ''}`;
  writeFileSync(join(root, log), text);
  if (result.status !== 0) out(text.trim().split('\n').slice(-20).join('\n'));
  return { ok: result.status === 0, text };
}

/** `run`, without blocking: for commands that may go side by side. */
function runAsync(command, args, { cwd = REPO, env = process.env, timeoutMs = 300_000, log }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
    });
    child.once('error', (error) => {
      text += `\n${error.message}`;
    });
    child.once('close', (code) => {
      writeFileSync(join(root, log), text);
      if (code !== 0) out(text.trim().split('\n').slice(-10).join('\n'));
      resolve({ ok: code === 0, text });
    });
  });
}

/** The pinned version of a third-party tool, from the workspace catalog (pnpm-workspace.yaml). */
function catalogVersion(name) {
  const yaml = readFileSync(join(REPO, 'pnpm-workspace.yaml'), 'utf8');
  const quoted = name.startsWith('@') ? `"${name}"` : name;
  const version = new RegExp(`^  ${quoted.replace(/[/@]/g, '\\$&')}: (\\S+)$`, 'm').exec(yaml)?.[1];
  if (version === undefined) throw new Error(`${name} is not in the catalog of pnpm-workspace.yaml`);
  return version;
}

function startRegistry() {
  const dir = join(root, 'registry');
  const child = spawn(process.execPath, [join(REPO, 'scripts/release/local-registry.mjs'), '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const limit = setTimeout(() => reject(new Error(`no answer in 60 s: ${stderr}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((text) => text.startsWith('{'));
      if (line !== undefined && stdout.includes('\n')) {
        clearTimeout(limit);
        resolve(JSON.parse(line));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(limit);
      reject(new Error(`exited with ${code}: ${stderr}`));
    });
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

/**
 * better-sqlite3's install script downloads a prebuilt addon from GitHub (or compiles SQLite for minutes); the
 * scratch install runs no scripts, as OpenClaw's installer does, and gets the addon the workspace built for the
 * same version and Node instead.
 */
function provideSqliteAddon(project) {
  const installed = join(project, 'node_modules', 'better-sqlite3');
  if (!existsSync(installed)) return 'no better-sqlite3 installed';
  const requireFromStore = createRequire(join(REPO, 'packages', 'store', 'package.json'));
  const workspace = join(requireFromStore.resolve('better-sqlite3/package.json'), '..');
  const want = readJson(join(installed, 'package.json')).version;
  const have = readJson(join(workspace, 'package.json')).version;
  if (want !== have) return `better-sqlite3 ${want} installed, the workspace built ${have}: no addon`;
  mkdirSync(join(installed, 'build', 'Release'), { recursive: true });
  cpSync(
    join(workspace, 'build', 'Release', 'better_sqlite3.node'),
    join(installed, 'build', 'Release', 'better_sqlite3.node'),
  );
  return `better-sqlite3 ${want}'s addon from the workspace build`;
}

const libraries = [];
let registry;

async function main() {
  const packages = publishablePackages();
  libraries.push(...packages.filter((pkg) => pkg.kind === 'library'));
  out(
    `   ${packages.length} packages: ${packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(' ')}; scratch ${root}`,
  );

  if (process.env.SMS_PACKAGES_SKIP_BUILD !== '1') {
    step('build: every publishable package (turbo, cached)');
    const filters = packages.map((pkg) => `--filter=${pkg.name}...`);
    const built = run(
      join(REPO, 'scripts/pnpm'),
      ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'],
      {
        log: 'build.log',
        timeoutMs: 600_000,
      },
    );
    if (!built.ok) abort('build of the publishable packages');
  }

  step('npm registry on loopback (Verdaccio), storage in the scratch folder');
  try {
    registry = await startRegistry();
  } catch (error) {
    abort(`the local registry did not start: ${error.message}`);
  }
  pass(`registry ${registry.url} (third-party packages from ${registry.uplink})`);
  const npmEnv = { ...process.env, NPM_CONFIG_USERCONFIG: registry.npmrc, npm_config_registry: registry.url };

  step('pnpm pack of every package, then the packaging lint over the tarballs');
  const tarballDir = join(root, 'tarballs');
  mkdirSync(tarballDir);
  let tarballs;
  try {
    tarballs = packAll(packages, tarballDir);
  } catch (error) {
    abort(`pnpm pack: ${error instanceof Error ? error.message : String(error)}`);
  }
  failed += await lintPackages(packages, tarballs, (line) =>
    out(line.startsWith('PASS') || line.startsWith('FAIL') ? `${line} (${elapsed()})` : line),
  );

  step('npm publish of each tarball to the local registry');
  const specs = packages.map((pkg) => `${pkg.name}@${pkg.version}`);
  const publishes = await Promise.all(
    packages.map((pkg) =>
      runAsync('npm', ['publish', tarballs.get(pkg.name), '--access', 'public'], {
        env: npmEnv,
        log: `publish-${pkg.name.split('/')[1]}.log`,
      }),
    ),
  );
  const refused = packages.filter((_, i) => !publishes[i].ok).map((pkg) => pkg.name);
  if (refused.length === 0) pass(`npm publish: ${specs.join(' ')}`);
  else abort(`npm publish refused ${refused.join(', ')} (publish-*.log)`);

  step('scratch project outside the workspace: npm install of every library by name');
  const project = join(root, 'consumer');
  mkdirSync(join(project, 'readme'), { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  const tools = ['typescript', '@types/node', 'tsx'].map((name) => `${name}@${catalogVersion(name)}`);
  const librarySpecs = libraries.map((pkg) => `${pkg.name}@${pkg.version}`);
  const installArgs = [
    'install',
    '--ignore-scripts',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...librarySpecs,
    ...tools,
  ];
  if (
    !run('npm', installArgs, { cwd: project, env: npmEnv, log: 'consumer-install.log', timeoutMs: 600_000 })
      .ok
  ) {
    abort('npm install of the libraries from the local registry');
  }
  pass(`npm install ${librarySpecs.join(' ')} (${provideSqliteAddon(project)})`);

  step('each library through import (ESM) and require (CommonJS); errors across the two');
  cpSync(join(REPO, 'scripts/release/consumer/check-modules.mjs'), join(project, 'check-modules.mjs'));
  const checked = run(process.execPath, ['check-modules.mjs', ...libraries.map((pkg) => pkg.name)], {
    cwd: project,
    log: 'check-modules.log',
  });
  for (const line of checked.text.split('\n').filter((text) => text.startsWith('{'))) {
    const result = JSON.parse(line);
    const guard =
      result.guard === undefined
        ? `(skipped: ${result.skipped ?? 'no error case'})`
        : `${result.guard} recognises ${result.error} from either format`;
    if (result.ok)
      pass(`${result.name}: import and require give the same ${result.exports} exports; ${guard}`);
    else fail(`${result.name}: ${result.problems.join('; ')}`);
  }
  if (!checked.text.includes('{')) fail('check-modules.mjs printed no result');

  step("each library's README example, as published: type-checked (tsc --strict), then run");
  const examples = [];
  for (const pkg of libraries) {
    const readme = readFileSync(join(project, 'node_modules', pkg.name, 'README.md'), 'utf8');
    const code = firstTsBlock(readme);
    const short = pkg.name.split('/')[1];
    if (code === undefined) {
      fail(`${pkg.name}: its README has no \`\`\`ts example`);
      continue;
    }
    writeFileSync(join(project, 'readme', `${short}.mts`), code);
    examples.push({ pkg, short, code });
  }
  const tsconfig = {
    compilerOptions: {
      strict: true,
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      lib: ['es2023'],
      types: ['node'],
      noEmit: true,
      skipLibCheck: true,
    },
    include: ['readme/*.mts'],
  };
  writeFileSync(join(project, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const typed = run(join(project, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], {
    cwd: project,
    log: 'readme-tsc.log',
  });
  if (typed.ok)
    pass(
      `README examples type-check against the published types (${examples.map((e) => e.short).join(', ')})`,
    );
  else fail('README examples do not type-check (above)');
  const home = join(root, 'home');
  mkdirSync(home);
  for (const { pkg, short, code } of examples) {
    const port = listenPort(code);
    if (port !== undefined && !(await portFree(port))) {
      fail(`${pkg.name}: its README example listens on ${port}, which another process holds`);
      continue;
    }
    const result = await runExample({
      command: join(project, 'node_modules/.bin/tsx'),
      args: [`readme/${short}.mts`],
      cwd: project,
      // A HOME of its own: an example that reads ~/.sms-channel must not see the machine's.
      env: { ...process.env, HOME: home, SMS_CHANNEL_CONFIG: '', NODE_NO_WARNINGS: '1' },
      port,
    });
    writeFileSync(join(root, `readme-${short}.log`), result.output);
    if (result.ok)
      pass(
        `${pkg.name} README example runs (${result.detail})${result.output.trim() ? `: ${result.output.trim().split('\n').slice(0, 2).join(' | ').slice(0, 160)}` : ''}`,
      );
    else
      fail(
        `${pkg.name} README example (${result.detail}): ${result.output.trim().split('\n').slice(-6).join(' | ')}`,
      );
  }

  const exampleRoot = join(REPO, 'examples');
  const exampleNames = existsSync(exampleRoot)
    ? readdirSync(exampleRoot).filter((name) => existsSync(join(exampleRoot, name, 'package.json')))
    : [];
  for (const name of exampleNames) {
    step(`examples/${name}: npm install from the registry, build, test`);
    const dir = join(root, 'examples', name);
    cpSync(join(exampleRoot, name), dir, {
      recursive: true,
      filter: (source) => !/node_modules|dist$/.test(source),
    });
    const installed = run(
      'npm',
      ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      {
        cwd: dir,
        env: npmEnv,
        log: `example-${name}-install.log`,
        timeoutMs: 600_000,
      },
    );
    if (!installed.ok) {
      fail(`examples/${name}: npm install`);
      continue;
    }
    const deps = Object.keys(readJson(join(dir, 'package.json')).dependencies ?? {});
    const tested = run('npm', ['test'], { cwd: dir, env: npmEnv, log: `example-${name}-test.log` });
    const summary = /# pass (\d+)[\s\S]*# fail (\d+)/.exec(tested.text);
    if (tested.ok)
      pass(
        `examples/${name} on ${deps.join(', ')}: ${summary ? `${summary[1]} tests passed` : 'npm test passed'}`,
      );
    else fail(`examples/${name}: npm test`);
  }
}

function stopChildren() {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
}

process.once('SIGINT', () => {
  stopChildren();
  process.exit(130);
});
try {
  await main();
} catch (error) {
  if (!(error instanceof Abort)) fail(`unexpected: ${error instanceof Error ? error.stack : String(error)}`);
} finally {
  stopChildren();
  if (process.env.SMS_PACKAGES_KEEP === '1' || failed > 0) out(`   scratch kept in ${root}`);
  else rmSync(root, { recursive: true, force: true });
  out(
    failed === 0
      ? `test:packages passed in ${elapsed()}`
      : `test:packages FAILED: ${failed} check(s) failed in ${elapsed()}`,
  );
  process.exitCode = failed === 0 ? 0 : 1;
}
