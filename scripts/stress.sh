#!/usr/bin/env bash
# Runs the stress scripts under bench/ (files named *.stress.ts: attacks, worker sizing, the kill -9 soak), one
# after another. Long (tens of minutes) and not part of `npm test`; each prints its figures and its machine.
# Build first (scripts/pnpm run build). Run one with: node --import tsx bench/<name>.stress.ts
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
status=0
for file in bench/*.stress.ts; do
  echo "== ${file}"
  node --import tsx "${file}" || status=1
done
exit "${status}"
