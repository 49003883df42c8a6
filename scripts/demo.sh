#!/usr/bin/env bash
# README command 1: on a fresh machine with only Node 20 and npm, install, build, and run the gateway on its
# embedded defaults (echo assistant, dmPolicy "pairing") against the local Twilio sandbox.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/pnpm install --frozen-lockfile
scripts/pnpm exec turbo run build --filter=@sms-channel/gateway --filter=@sms-channel/sandbox
exec node scripts/demo.mjs
