#!/usr/bin/env bash
# Runs every benchmark under bench/ (files named *.bench.ts), one after another so they do not compete for cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for file in bench/*.bench.ts; do
  echo "== ${file}"
  node --expose-gc --import tsx "${file}"
done
