#!/usr/bin/env bash
# Installs Debian's HAProxy for the multi-gateway end-to-end test and the scale benchmark (the load balancer in
# front of several gateways). Only the binary is used: the test writes its own config and runs its own process
# on loopback, never the system service, which is left alone (stopped when the package started it).
# Idempotent and non-interactive; works as root, or through sudo when it is available.
set -euo pipefail

if command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "install-haproxy: haproxy is missing and installing it needs root (no sudo here)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends haproxy >/dev/null
test -x /usr/sbin/haproxy
# The package may start its own service on *:80 / its default config: ours runs on loopback ports of its own.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet haproxy 2>/dev/null; then
  "${as_root[@]}" systemctl stop haproxy || true
fi
echo "install-haproxy: installed $(/usr/sbin/haproxy -v | head -n 1)"
