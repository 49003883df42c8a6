#!/usr/bin/env bash
# Installs Debian's PostgreSQL server binaries for the store's PostgreSQL tests (initdb, postgres, pg_ctl under
# /usr/lib/postgresql/<major>/bin). Only the binaries are used: the tests run their own throwaway cluster
# (postgres-cluster.sh), never the system one, so the package's own cluster is left alone.
# Idempotent and non-interactive; works as root, or through sudo when it is available.
set -euo pipefail

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

if [ -n "$(bin_dir)" ] && [ -x "$(bin_dir)/initdb" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  echo "install-postgres: PostgreSQL's server binaries are missing and installing them needs root (no sudo here)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends postgresql >/dev/null
test -x "$(bin_dir)/initdb"
echo "install-postgres: installed $("$(bin_dir)/postgres" --version)"
