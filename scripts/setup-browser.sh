#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests (the dev phone page), driven by playwright-core with
# executablePath /usr/bin/chromium. Never runs `playwright install`: this machine only reaches the npm
# registry and Debian's apt mirrors, so a test tool's own browser download would fail.
# Idempotent and non-interactive; works as root, or through sudo when it is available.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "setup-browser: /usr/bin/chromium is missing and installing it needs root (no sudo here)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends chromium >/dev/null
test -x /usr/bin/chromium
echo "setup-browser: installed $(/usr/bin/chromium --version)"
