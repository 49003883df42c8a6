#!/usr/bin/env bash
# README command 2: on a fresh machine with only Node 20 and npm, set up and run every test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/pnpm install --frozen-lockfile
scripts/setup-browser.sh
scripts/postgres/install-postgres.sh
scripts/haproxy/install-haproxy.sh
scripts/pnpm run validate
# Stress-sized cases (deep nesting...): their own scripts, generous limits, still part of every run.
scripts/pnpm --filter @sms-channel/sms-text stress
# The packages as users get them: published to a registry on loopback, linted, installed and used by name.
scripts/pnpm run test:packages
# Three gateways behind HAProxy on one PostgreSQL: kills and a rolling restart lose, repeat and reorder nothing.
scripts/scale/test-scale.sh
scripts/pnpm run test:openclaw
