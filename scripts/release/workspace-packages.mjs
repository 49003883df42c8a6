/**
 * @module workspace-packages
 * The packages a release publishes: every workspace package under `packages/` and `apps/` that is not
 * `private` (the seven libraries and the OpenClaw plugin; the gateway, the sandbox and the benchmarks are
 * private). Shared by the packaging lint and the packaging test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** @param {string} file */
export function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * @typedef {object} PublishablePackage
 * @property {string} name         npm name, `@sms-channel/...`
 * @property {string} version
 * @property {string} dir          the workspace folder, relative to the repository (`packages/config`)
 * @property {'library' | 'openclaw-plugin'} kind  a library (ESM + CJS + types) or the OpenClaw plugin bundle
 * @property {Record<string, any>} manifest  the workspace package.json
 */

/** @returns {PublishablePackage[]} in dependency order (a package after the ones it depends on) */
export function publishablePackages() {
  const found = [];
  for (const parent of ['packages', 'apps']) {
    for (const folder of readdirSync(join(REPO, parent)).sort()) {
      let manifest;
      try {
        manifest = readJson(join(REPO, parent, folder, 'package.json'));
      } catch {
        continue;
      }
      if (manifest.private === true) continue;
      found.push({
        name: manifest.name,
        version: manifest.version,
        dir: relative(REPO, join(REPO, parent, folder)),
        kind: manifest.publishConfig?.directory === undefined ? 'library' : 'openclaw-plugin',
        manifest,
      });
    }
  }
  return dependencyOrder(found);
}

/** @param {PublishablePackage[]} packages */
function dependencyOrder(packages) {
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const ordered = [];
  const seen = new Set();
  const visit = (pkg) => {
    if (seen.has(pkg.name)) return;
    seen.add(pkg.name);
    for (const dep of Object.keys(pkg.manifest.dependencies ?? {})) {
      const inner = byName.get(dep);
      if (inner !== undefined) visit(inner);
    }
    ordered.push(pkg);
  };
  for (const pkg of packages) visit(pkg);
  return ordered;
}

/** The npm pack file name of a package: `@sms-channel/config@0.1.0` -> `sms-channel-config-0.1.0.tgz`. */
export function tarballName(name, version) {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}
