#!/usr/bin/env bash
# README command 2: on a fresh machine with only Node 20 and npm, set up and run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/pnpm install --frozen-lockfile
scripts/setup-browser.sh
scripts/postgres/install-postgres.sh
scripts/haproxy/install-haproxy.sh
scripts/pnpm run validate
scripts/scale/test-scale.sh
scripts/pnpm run test:openclaw
