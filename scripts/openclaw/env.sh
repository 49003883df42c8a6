# shellcheck shell=bash
# Source me (bash): puts the cached OpenClaw host on hand for a test run, isolated from any real ~/.openclaw.
#
#   source scripts/openclaw/env.sh     # installs the host on first use (setup-host.sh), then:
#   openclaw plugins install ./dist/plugin --force --accept-capabilities
#   openclaw config patch --file sms.patch.json5 --dry-run
#   openclaw_cleanup                   # remove this run's state root
#
# Exports OPENCLAW_HOST_DIR, OPENCLAW_NODE, OPENCLAW_PKG, OPENCLAW_MJS, OPENCLAW_VERSION (from setup-host.sh),
# OPENCLAW_BIN (the isolating wrapper, for spawning from Node) and OPENCLAW_TEST_ROOT (a fresh
# /tmp/openclaw-e2e.XXXXXX unless already set). Node 24 goes first on PATH; the system Node stays installed.
# `openclaw` runs the host with HOME, OPENCLAW_HOME, OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH inside
# OPENCLAW_TEST_ROOT (see scripts/openclaw/openclaw).
# To run the gateway in the background use the wrapper itself, `"$OPENCLAW_BIN" gateway run & gw=$!`: it execs
# node, so $! is the gateway. `openclaw gateway run &` would background a subshell whose pid is not the gateway's.

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  echo "scripts/openclaw/env.sh must be sourced: source scripts/openclaw/env.sh" >&2
  exit 2
fi

_openclaw_scripts="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if _openclaw_paths="$("$_openclaw_scripts/setup-host.sh")"; then
  while IFS='=' read -r _openclaw_key _openclaw_value; do
    [[ "$_openclaw_key" == OPENCLAW_* ]] && export "$_openclaw_key=$_openclaw_value"
  done <<<"$_openclaw_paths"
  export OPENCLAW_BIN="$_openclaw_scripts/openclaw"
  export OPENCLAW_TEST_ROOT="${OPENCLAW_TEST_ROOT:-$(mktemp -d /tmp/openclaw-e2e.XXXXXX)}"
  mkdir -p "$OPENCLAW_TEST_ROOT"
  case ":$PATH:" in
    *":$(dirname "$OPENCLAW_NODE"):"*) ;;
    *) export PATH="$(dirname "$OPENCLAW_NODE"):$PATH" ;;
  esac

  openclaw() { "$OPENCLAW_BIN" "$@"; }

  # Remove this run's state root. Refuses anything outside /tmp/openclaw-* so a stray value cannot delete more.
  openclaw_cleanup() {
    case "${OPENCLAW_TEST_ROOT:-}" in
      /tmp/openclaw-?*) rm -rf -- "$OPENCLAW_TEST_ROOT" ;;
      *) echo "openclaw_cleanup: not removing '${OPENCLAW_TEST_ROOT:-}' (not under /tmp/openclaw-*)" >&2; return 1 ;;
    esac
  }
else
  echo "scripts/openclaw/env.sh: setup-host.sh failed; the OpenClaw host is not available" >&2
fi
unset _openclaw_scripts _openclaw_paths _openclaw_key _openclaw_value
