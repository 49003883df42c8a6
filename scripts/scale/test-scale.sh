#!/usr/bin/env bash
# Several gateways on one PostgreSQL behind HAProxy, end to end (issue 16): see scale-e2e.ts for what it checks.
# Installs Debian's PostgreSQL and HAProxy when missing (like scripts/setup-browser.sh), builds what it runs,
# typechecks the harness, then runs the test with a time limit. Everything listens on 127.0.0.1; every process
# it starts is stopped at the end. A service that cannot start fails the run with its reason.
#
# Usage: scripts/scale/test-scale.sh   (run by npm test: scripts/test.sh)
#   SCALE_KEEP=1 keeps the run's folder (gateway and HAProxy logs, configs); see scale-e2e.ts for the other knobs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
scripts/postgres/install-postgres.sh
scripts/haproxy/install-haproxy.sh
scripts/pnpm exec turbo run build --filter=@sms-channel/gateway... --filter=@sms-channel/sandbox... --output-logs=errors-only
scripts/pnpm exec tsc -p scripts/scale/tsconfig.json
exec timeout --kill-after=20 600 node --import tsx scripts/scale/scale-e2e.ts
