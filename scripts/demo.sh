#!/usr/bin/env bash
# README command 1: on a fresh machine with only Node 20 and npm, set up and run the main job.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/pnpm install --frozen-lockfile
scripts/pnpm exec turbo run build --filter=@sms-channel/twilio-signature
scripts/pnpm exec tsx scripts/demo-signature.ts
