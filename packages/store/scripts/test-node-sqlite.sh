#!/usr/bin/env bash
# Runs the store's SQLite test files (GatewayStore contract on the store and on its thread, SIGKILL crash test, two processes and busy
# locks, corrupt/foreign/newer files, the driver seam) on Node's built-in node:sqlite driver, under a Node
# that has it (>= 22.13), e.g. the OpenClaw host's Node 24. The workspace's own Node 20 has no node:sqlite,
# so the regular `test` covers better-sqlite3 and this covers the other driver.
#
#   scripts/pnpm --filter @sms-channel/store test:node-sqlite /path/to/node24/bin/node [vitest options...]
#   SMS_STORE_TEST_NODE=/path/to/node scripts/pnpm --filter @sms-channel/store test:node-sqlite
#
# With no binary given it prints why it is skipped and exits 0. A binary that is given but cannot run, or
# is older than 22.13, is an error (exit 2): the caller meant to test something.
set -euo pipefail

node_bin="${1:-${SMS_STORE_TEST_NODE:-}}"
[[ $# -gt 0 ]] && shift
# A path relative to the caller's folder still works after the cd below.
[[ "$node_bin" == */* && "$node_bin" != /* ]] && node_bin="$PWD/$node_bin"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -z "$node_bin" ]]; then
  echo "test:node-sqlite skipped: no Node >= 22.13 binary given (pass its path as the first argument or in SMS_STORE_TEST_NODE)"
  exit 0
fi
if ! version="$("$node_bin" -p 'process.versions.node' 2>/dev/null)"; then
  echo "test:node-sqlite: cannot run the Node binary '$node_bin'" >&2
  exit 2
fi
if ! "$node_bin" -e 'const [major, minor] = process.versions.node.split(".").map(Number);
  process.exit((major > 22 || (major === 22 && minor >= 13)) && process.getBuiltinModule?.("node:sqlite") ? 0 : 1)'; then
  echo "test:node-sqlite: '$node_bin' is Node $version; node:sqlite needs Node >= 22.13" >&2
  exit 2
fi

echo "test:node-sqlite: node:sqlite driver on Node $version ($node_bin)"
# Child processes of the tests (crash, two-process) run under the same binary (process.execPath) and read
# the same SMS_STORE_DRIVER, so every connection in the run uses node:sqlite.
SMS_STORE_DRIVER=node:sqlite exec "$node_bin" node_modules/vitest/vitest.mjs run --project store src/sqlite src/thread "$@"
