#!/usr/bin/env node
/**
 * @module local-registry
 * A private npm registry on loopback for the packaging and OpenClaw tests: Verdaccio (from the workspace's
 * devDependencies), its storage in a folder of the caller's, `@sms-channel/*` served only from what is published
 * to it (never looked up upstream), every other package proxied from the npm registry npm itself is set to use.
 *
 *   node scripts/release/local-registry.mjs --dir DIR [--uplink URL]
 *
 * When it listens it prints one JSON line, `{"url":"http://127.0.0.1:PORT/","npmrc":"DIR/npmrc","pid":N}`, and
 * runs until SIGTERM/SIGINT. DIR/npmrc is an npm user config (`npm --userconfig DIR/npmrc ...` or
 * `NPM_CONFIG_USERCONFIG`) that points npm at the registry with a publish token (the registry's user
 * `sms-channel-release`, created here, as `npm adduser` would).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runServer } from 'verdaccio';

const { values } = parseArgs({
  options: { dir: { type: 'string' }, uplink: { type: 'string' } },
});
if (values.dir === undefined) {
  process.stderr.write('local-registry: --dir DIR is required (storage, logs and the npmrc go there)\n');
  process.exit(2);
}
const dir = resolve(values.dir);
mkdirSync(join(dir, 'storage'), { recursive: true });

/** Third-party packages come from wherever npm fetches them on this machine (a mirror, or the npm registry). */
function npmRegistry() {
  try {
    const configured = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
    return configured.startsWith('http') ? configured : 'https://registry.npmjs.org/';
  } catch {
    return 'https://registry.npmjs.org/';
  }
}
const uplink = values.uplink ?? npmRegistry();
if (/^https?:\/\/(127\.0\.0\.1|localhost)\b/.test(uplink)) {
  process.stderr.write(`local-registry: the uplink ${uplink} is a loopback registry itself; pass --uplink\n`);
  process.exit(2);
}

const config = {
  self_path: dir,
  storage: join(dir, 'storage'),
  auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 10 } },
  uplinks: { npmjs: { url: uplink, timeout: '60s', maxage: '30m' } },
  packages: {
    // Ours: only what the test published (no proxy), so a same-named package upstream can never stand in.
    '@sms-channel/*': { access: '$all', publish: '$authenticated', unpublish: '$authenticated' },
    '**': { access: '$all', publish: '$authenticated', proxy: 'npmjs' },
  },
  web: { enable: false },
  log: { type: 'file', path: join(dir, 'verdaccio.log'), level: 'warn' },
  max_body_size: '100mb',
  server: { keepAliveTimeout: 60 },
};

const app = await runServer(config);
const server = await new Promise((done, fail) => {
  const listening = app.listen(0, '127.0.0.1', () => done(listening));
  listening.once('error', fail);
});
const url = `http://127.0.0.1:${server.address().port}/`;

/** `npm adduser` against the registry: a new user, answered with its token. */
async function createUser() {
  const name = 'sms-channel-release';
  const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      _id: `org.couchdb.user:${name}`,
      name,
      password: 'local-registry-only',
      type: 'user',
    }),
  });
  const body = await response.json();
  if (!response.ok || typeof body.token !== 'string') {
    throw new Error(`creating the registry user: HTTP ${response.status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

const token = await createUser();
const npmrc = join(dir, 'npmrc');
const host = url.replace(/^http:/, '');
writeFileSync(npmrc, `registry=${url}\n${host}:_authToken=${token}\n`, { mode: 0o600 });

const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.stdout.write(`${JSON.stringify({ url, npmrc, pid: process.pid, uplink })}\n`);
