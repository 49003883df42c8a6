#!/usr/bin/env bash
# End-to-end test of the OpenClaw `sms` channel plugin in the real host (openclaw 2026.9.6), issues 9 and 19:
#
#   host (setup-host.sh, cached) -> store suite on node:sqlite under the host's Node 24 -> build:plugin ->
#   a private npm registry on loopback (Verdaccio, scripts/release/local-registry.mjs) -> `pnpm publish` of the
#   plugin to it -> `openclaw plugins install @sms-channel/openclaw-plugin` (by name, from that registry, as
#   users install plugins) -> `config patch --dry-run`, then for real -> `openclaw gateway` on loopback with
#   the Twilio sandbox and a stub model -> the checks below, each printed as PASS/FAIL:
#   signed SMS -> pairing request in `pairing list sms --json`; `pairing approve sms <CODE>` -> the sender is
#   texted that they are approved; next SMS -> assistant reply chunked as plain text (exactly
#   formatSmsReply of the model's markdown); bad signature -> 403; replayed MessageSid -> no second reply;
#   `message send` to sms: and twilio-sms: targets; MMS: a photo reaches the model as an image, the model's
#   MEDIA: picture goes out as a delivered MMS, the CDN never sees credentials, `message send --media <file>`;
#   `channels capabilities` and `channels status --probe --json`
#   report the account.
#
# Usage: apps/openclaw-plugin/e2e/test-openclaw.sh        (or: npm run test:openclaw)
#   OPENCLAW_E2E_KEEP=1   keep the run's root (/tmp/openclaw-e2e.*) for inspection
#   OPENCLAW_E2E_SKIP_BUILD=1   use the plugin and sandbox already built
#   OPENCLAW_E2E_LIMIT_S=900   the whole run's time limit in seconds (default 540; a machine under heavy load)
# Everything listens on 127.0.0.1; every process started here is stopped at exit (trap). The registry proxies
# packages other than @sms-channel/* from the npm registry (none is needed for the plugin: it has no
# dependencies). Exit 0 only when every check passed. Each step has its own time limit and the whole run stops
# after 15 minutes (OPENCLAW_E2E_LIMIT_S).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../../.."
# Started by `npm test` or `pnpm run`, this shell inherits the caller's npm settings as npm_config_* variables
# (registry, userconfig...): they outrank the .npmrc files this test writes and sent `npm view` and the host's
# install to the public registry. The test names its own registry everywhere.
for name in $(compgen -e); do
  case "${name,,}" in npm_config_*) unset "$name" ;; esac
done
REPO="$PWD"
STARTED=$(date +%s)
HANDSET=+12025550142
NUMBER=+12025550100
# The fake Twilio account this test gives the sandbox (and the plugin's config): not a secret.
ACCOUNT_SID=AC5a4db0c05a4db0c05a4db0c05a4db0c0
export SMS_E2E_TWILIO_AUTH_TOKEN=f4cec0def4cec0def4cec0def4cec0de
LONG_REPLY="$REPO/apps/openclaw-plugin/e2e/__fixtures__/long-reply.md"
HELPER="$REPO/apps/openclaw-plugin/e2e/sms-e2e.mjs"
SYSTEM_NODE="$(command -v node)"

FAILED=0
GW_PID="" GW_PGID="" SANDBOX_PID="" STUB_PID="" REGISTRY_PID="" WATCHDOG_PID=""
elapsed() { echo "$(($(date +%s) - STARTED))s"; }
pass() { echo "PASS $* ($(elapsed))"; }
fail() {
  echo "FAIL $* ($(elapsed))"
  FAILED=$((FAILED + 1))
}
step() { echo "-- $* ($(elapsed))"; }
helper() { "$SYSTEM_NODE" "$HELPER" "$@"; }
# A host CLI call with a time limit; stdout to $1, stderr to $1.err.
oc() {
  local out="$1" limit="$2"
  shift 2
  timeout --kill-after=5 "$limit" "$OPENCLAW_BIN" "$@" >"$out" 2>"$out.err"
}
stop_pid() {
  local pid="$1" name="$2"
  [[ -z "$pid" ]] && return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 1 80); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.25
  done
  echo "   $name (pid $pid) did not stop on SIGTERM within 20 s: SIGKILL"
  kill -KILL "$pid" 2>/dev/null
  return 1
}
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  [[ -n "$WATCHDOG_PID" ]] && kill -TERM -- "-$WATCHDOG_PID" 2>/dev/null
  stop_pid "$GW_PID" gateway
  # The gateway runs in its own session (setsid): children it left (spawn broker, SQLite reader) go with it.
  [[ -n "$GW_PGID" ]] && kill -TERM -- "-$GW_PGID" 2>/dev/null
  stop_pid "$SANDBOX_PID" sandbox
  stop_pid "$STUB_PID" stub-model
  stop_pid "$REGISTRY_PID" registry
  if [[ -n "${OPENCLAW_TEST_ROOT:-}" ]]; then
    if [[ "${OPENCLAW_E2E_KEEP:-}" == 1 || $FAILED -gt 0 || $code -ne 0 ]]; then
      echo "   state kept in $OPENCLAW_TEST_ROOT (gateway log: $OPENCLAW_TEST_ROOT/gateway.log)"
    else
      openclaw_cleanup
    fi
  fi
  if [[ $FAILED -gt 0 || $code -ne 0 ]]; then
    echo "test:openclaw FAILED: $FAILED check(s) failed (exit $code) in $(elapsed)"
    exit 1
  fi
  echo "test:openclaw passed in $(elapsed)"
  exit 0
}
trap cleanup EXIT
trap 'fail "interrupted"; exit 1' INT TERM
# The whole run is bounded: the watchdog (its own process group, so the cleanup stops its sleep too) stops it
# after 15 minutes (OPENCLAW_E2E_LIMIT_S); the trap still cleans up.
LIMIT_S="${OPENCLAW_E2E_LIMIT_S:-900}"
setsid bash -c "sleep $LIMIT_S && echo 'FAIL the run took over $LIMIT_S s' && kill -TERM $$" &
WATCHDOG_PID=$!

abort() {
  fail "$*"
  exit 1
}
wait_until() { # wait_until SECONDS DESCRIPTION COMMAND...
  local limit="$1" what="$2"
  shift 2
  local end=$(($(date +%s) + limit))
  local status
  while (($(date +%s) < end)); do
    "$@"
    status=$?
    ((status == 0)) && return 0
    # 2: what we wait for can no longer happen (the process died).
    ((status == 2)) && echo "   gave up waiting for $what" && return 1
    sleep 0.5
  done
  echo "   timed out after ${limit}s waiting for $what"
  return 1
}

step "host: setup-host.sh (cached) and env.sh"
unset OPENCLAW_TEST_ROOT
# env.sh puts Node 24 first on PATH; builds and helpers stay on the workspace's Node.
SAVED_PATH="$PATH"
# shellcheck source=scripts/openclaw/env.sh
source scripts/openclaw/env.sh || abort "OpenClaw host setup"
export PATH="$SAVED_PATH"
[[ -n "${OPENCLAW_BIN:-}" && -x "${OPENCLAW_NODE:-}" ]] || abort "OpenClaw host setup (no OPENCLAW_BIN/NODE)"
ROOT="$OPENCLAW_TEST_ROOT"
mkdir -p "$ROOT/logs"
echo "   openclaw $OPENCLAW_VERSION on Node $("$OPENCLAW_NODE" -v); root $ROOT"

step "store suite on node:sqlite under the host's Node 24"
if timeout --kill-after=5 300 scripts/pnpm --filter @sms-channel/store test:node-sqlite "$OPENCLAW_NODE" \
  >"$ROOT/store-node-sqlite.log" 2>&1; then
  counts="$(sed 's/\x1b\[[0-9;]*m//g' "$ROOT/store-node-sqlite.log" | grep -E '^ *Tests ' | tr -s ' ' | head -1)"
  pass "store: SQLite suites on node:sqlite under Node $("$OPENCLAW_NODE" -v):${counts# }"
else
  tail -30 "$ROOT/store-node-sqlite.log"
  fail "store: test:node-sqlite under $OPENCLAW_NODE"
fi

if [[ "${OPENCLAW_E2E_SKIP_BUILD:-}" != 1 ]]; then
  step "build: libraries, sandbox, then the plugin bundle"
  timeout 400 scripts/pnpm exec turbo run build --filter=@sms-channel/openclaw-plugin... --filter=@sms-channel/sandbox \
    --output-logs=errors-only >"$ROOT/build.log" 2>&1 || {
    tail -30 "$ROOT/build.log"
    abort "build of the plugin and the workspace packages"
  }
fi
PLUGIN_DIR="$REPO/apps/openclaw-plugin/dist-plugin/openclaw-sms"
[[ -f "$PLUGIN_DIR/openclaw.plugin.json" && -f "$PLUGIN_DIR/dist/index.js" ]] || abort "no built plugin in $PLUGIN_DIR"
PLUGIN_VERSION="$(helper json "$PLUGIN_DIR/package.json" 'j.version')"
if [[ -d "$PLUGIN_DIR/node_modules" ]]; then
  fail "plugin bundle: the folder has a node_modules (a path install would not use it; all must be bundled)"
elif helper json "$PLUGIN_DIR/package.json" '!j.dependencies && !j.optionalDependencies' >/dev/null; then
  pass "plugin bundle: $PLUGIN_VERSION, $(du -sk "$PLUGIN_DIR" | cut -f1) KB, no dependencies to install"
else
  fail "plugin bundle: its package.json declares dependencies (the plugin must be self-contained)"
fi

step "npm registry on loopback (Verdaccio); pnpm publish of the plugin"
"$SYSTEM_NODE" scripts/release/local-registry.mjs --dir "$ROOT/registry" >"$ROOT/registry.out" 2>"$ROOT/registry.err" &
REGISTRY_PID=$!
registry_up() {
  kill -0 "$REGISTRY_PID" 2>/dev/null || return 2
  grep -q '"url"' "$ROOT/registry.out"
}
wait_until 60 "the registry" registry_up || {
  cat "$ROOT/registry.err"
  abort "the local registry did not start"
}
REGISTRY_URL="$(helper json "$ROOT/registry.out" 'j.url')"
REGISTRY_NPMRC="$(helper json "$ROOT/registry.out" 'j.npmrc')"
# The release path: pnpm publishes publishConfig.directory (dist-plugin/openclaw-sms), as `changeset publish` does.
if NPM_CONFIG_USERCONFIG="$REGISTRY_NPMRC" timeout 120 scripts/pnpm --filter @sms-channel/openclaw-plugin publish \
  --no-git-checks --registry "$REGISTRY_URL" >"$ROOT/publish.log" 2>&1 &&
  [[ "$(NPM_CONFIG_USERCONFIG="$REGISTRY_NPMRC" npm view "@sms-channel/openclaw-plugin@$PLUGIN_VERSION" version --registry "$REGISTRY_URL" 2>/dev/null)" == "$PLUGIN_VERSION" ]]; then
  pass "pnpm publish: @sms-channel/openclaw-plugin@$PLUGIN_VERSION on $REGISTRY_URL ($(grep -o 'package size: .*' "$ROOT/publish.log" | head -1))"
else
  tail -20 "$ROOT/publish.log"
  abort "pnpm publish of the plugin to the local registry"
fi

step "sandbox (Twilio) and stub model on loopback"
GW_PORT="$(helper free-port)"
WEBHOOK="http://127.0.0.1:$GW_PORT/webhooks/sms"
"$SYSTEM_NODE" apps/sandbox/dist/cli.js --port 0 --quiet --webhook-url "$WEBHOOK" --number "$NUMBER" \
  --account-sid "$ACCOUNT_SID" --auth-token "$SMS_E2E_TWILIO_AUTH_TOKEN" \
  --handset "$HANDSET" --handset +12025550143 --handset +12025550144 --handset +12025550145 --delivery-delay-ms 50 \
  --webhook-retries 3 >"$ROOT/sandbox.out" 2>&1 &
SANDBOX_PID=$!
"$SYSTEM_NODE" apps/openclaw-plugin/e2e/stub-model.mjs --port 0 >"$ROOT/stub.out" 2>&1 &
STUB_PID=$!
wait_until 30 "the sandbox" grep -q 'listening on' "$ROOT/sandbox.out" || abort "sandbox did not start"
wait_until 30 "the stub model" grep -q baseUrl "$ROOT/stub.out" || abort "stub model did not start"
SANDBOX="$(sed -n 's/^sms-sandbox listening on \(http[^ ]*\).*/\1/p' "$ROOT/sandbox.out" | head -1)"
STUB_BASE="$(sed -n 's/.*"baseUrl":"\([^"]*\)".*/\1/p' "$ROOT/stub.out" | head -1)"
STUB="${STUB_BASE%/v1}"
echo "   sandbox $SANDBOX, stub model $STUB_BASE, gateway port $GW_PORT"

step "openclaw plugins install @sms-channel/openclaw-plugin (by name, from the registry)"
# A user's npm config names the registry; the host's npm reads it (the wrapper's HOME is inside the run's root).
mkdir -p "$ROOT/home"
printf 'registry=%s\n' "$REGISTRY_URL" >"$ROOT/home/.npmrc"
# An npm source outside OpenClaw's own catalog needs both flags non-interactively (verified: without --force
# "Install cancelled; rerun with --force after reviewing the source.", then the capability consent).
INSTALL_OK="j.install.source === 'npm' && j.install.resolvedVersion === '$PLUGIN_VERSION' && j.plugin.status === 'loaded'"
# What the host recorded: `plugins inspect sms --json` (source, resolved version, trust, where it lives).
if oc "$ROOT/install.out" 240 plugins install @sms-channel/openclaw-plugin --force --accept-capabilities &&
  oc "$ROOT/inspect.json" 150 plugins inspect sms --json && helper json "$ROOT/inspect.json" "$INSTALL_OK" >/dev/null; then
  PLUGIN_ROOT="$(helper json "$ROOT/inspect.json" 'j.plugin.rootDir')"
  PROJECT_DIR="$(dirname "$(dirname "$(dirname "$PLUGIN_ROOT")")")"
  pass "plugins install @sms-channel/openclaw-plugin: $(helper json "$ROOT/inspect.json" 'j.install.resolvedSpec') from $REGISTRY_URL, trust $(helper json "$ROOT/inspect.json" 'j.plugin.trust.reason'), installed size $(du -sk "$PLUGIN_ROOT" | cut -f1) KB (npm project $(du -sk "$PROJECT_DIR" | cut -f1) KB)"
else
  cat "$ROOT/install.out" "$ROOT/install.out.err" "$ROOT/inspect.json" "$ROOT/inspect.json.err" 2>/dev/null | tail -20
  abort "plugins install @sms-channel/openclaw-plugin from the local registry"
fi
if find "$PROJECT_DIR" -name '*.node' | grep -q . || [[ -e "$PROJECT_DIR/node_modules/better-sqlite3" ]]; then
  fail "installed plugin carries a native addon (better-sqlite3)"
else
  pass "installed plugin has no native addon; the npm project holds only the plugin ($(cd "$PROJECT_DIR/node_modules" && find . -mindepth 2 -maxdepth 2 | sed 's#^./##' | tr '\n' ' '))"
fi

step "config patch --dry-run, then for real"
cat >"$ROOT/sms.patch.json5" <<PATCH
{
  gateway: { mode: "local", port: $GW_PORT, bind: "loopback", auth: { mode: "token", token: "sms-e2e-token" } },
  update: { checkOnStart: false },
  logging: { file: "$ROOT/logs/openclaw.log" },
  plugins: { allow: ["sms"] },
  models: {
    mode: "replace",
    catalogRefresh: { enabled: false },
    providers: {
      stub: {
        baseUrl: "$STUB_BASE", apiKey: "stub-key", api: "openai-completions",
        models: [{ id: "stub-model", name: "Stub", reasoning: false, input: ["text", "image"], contextWindow: 32000, maxTokens: 1024 }],
      },
    },
  },
  agents: { defaults: { model: { primary: "stub/stub-model" } } },
  channels: {
    sms: {
      enabled: true,
      accountSid: "$ACCOUNT_SID",
      authToken: { source: "env", provider: "default", id: "SMS_E2E_TWILIO_AUTH_TOKEN" },
      fromNumber: "$NUMBER",
      publicWebhookUrl: "$WEBHOOK",
      twilioApiBaseUrl: "$SANDBOX",
      dmPolicy: "pairing",
    },
  },
}
PATCH
cp "$ROOT/state/openclaw.json" "$ROOT/config-before.json"
if oc "$ROOT/dry-run.json" 90 config patch --file "$ROOT/sms.patch.json5" --dry-run --json &&
  helper json "$ROOT/dry-run.json" 'j.ok === true' >/dev/null &&
  cmp -s "$ROOT/state/openclaw.json" "$ROOT/config-before.json"; then
  pass "config patch --dry-run: ok, nothing written"
else
  cat "$ROOT/dry-run.json" "$ROOT/dry-run.json.err" | tail -20
  fail "config patch --dry-run"
fi
printf '{ channels: { sms: { fromNumer: "%s" } } }\n' "$NUMBER" >"$ROOT/typo.patch.json5"
oc "$ROOT/typo.json" 90 config patch --file "$ROOT/typo.patch.json5" --dry-run --json
typo_exit=$?
if [[ $typo_exit -ne 0 ]] && grep -q 'fromNumer' "$ROOT/typo.json" "$ROOT/typo.json.err"; then
  pass "config patch --dry-run refuses channels.sms.fromNumer (exit $typo_exit) with our JSON Schema"
else
  cat "$ROOT/typo.json" "$ROOT/typo.json.err" | tail -10
  fail "config patch --dry-run accepted a typo in channels.sms (exit $typo_exit)"
fi
if oc "$ROOT/patch.out" 90 config patch --file "$ROOT/sms.patch.json5" &&
  helper json "$ROOT/state/openclaw.json" "j.channels.sms.fromNumber === '$NUMBER'" >/dev/null; then
  pass "config patch: channels.sms written"
else
  cat "$ROOT/patch.out" "$ROOT/patch.out.err" | tail -20
  abort "config patch"
fi

step "openclaw gateway on 127.0.0.1:$GW_PORT"
# The wrapper execs node, so $! is the gateway; setsid gives it a process group of its own for the cleanup.
setsid "$OPENCLAW_BIN" gateway run >"$ROOT/gateway.log" 2>&1 </dev/null &
GW_PID=$!
GW_PGID=$GW_PID
route_is_ours() {
  kill -0 "$GW_PID" 2>/dev/null || return 2
  # Only our webhook answers 405 (the host answers 404/503 until the channel has started).
  [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$WEBHOOK")" == 405 ]]
}
if wait_until 150 "the SMS webhook route" route_is_ours; then
  pass "gateway up, webhook route served ($(grep -m1 -o 'webhook route: POST [^ ]* -> account [a-z]*' "$ROOT/gateway.log"))"
else
  tail -40 "$ROOT/gateway.log"
  abort "gateway did not serve the SMS webhook"
fi
if grep -q 'driver=node:sqlite' "$ROOT/gateway.log"; then
  pass "store runs on node:sqlite in the gateway"
else
  fail "the gateway log does not show the store on node:sqlite"
fi

step "a signed SMS from an unknown sender -> pairing"
helper text "$SANDBOX" "$HANDSET" "hello there" >"$ROOT/text1.json" || abort "texting the gateway"
if helper json "$ROOT/text1.json" 'j.status === 200' >/dev/null; then
  pass "signed inbound SMS answered 200"
else
  fail "signed inbound SMS: $(cat "$ROOT/text1.json")"
fi
if helper wait-replies "$SANDBOX" "$HANDSET" 1 90 >"$ROOT/pairing-sms.json"; then
  SMS_CODE="$(grep -o 'openclaw pairing approve sms [A-Z0-9]*' "$ROOT/pairing-sms.json" | awk '{print $5}')"
  if [[ -n "$SMS_CODE" ]]; then
    pass "pairing SMS received: $(helper json "$ROOT/pairing-sms.json" 'j[0]')"
  else
    fail "the pairing SMS does not name 'openclaw pairing approve sms <CODE>': $(cat "$ROOT/pairing-sms.json")"
  fi
else
  tail -20 "$ROOT/gateway.log"
  fail "no pairing SMS reached the handset"
fi
CODE=""
if oc "$ROOT/pairing-list.json" 90 pairing list sms --json &&
  CODE="$(helper json "$ROOT/pairing-list.json" "j.requests.find((r) => r.id === '$HANDSET')?.code")"; then
  pass "pairing list sms --json shows $HANDSET with code $CODE"
else
  cat "$ROOT/pairing-list.json" "$ROOT/pairing-list.json.err" | tail -10
  fail "pairing list sms --json does not show $HANDSET"
fi
[[ -n "$CODE" && -n "${SMS_CODE:-}" && "$CODE" != "$SMS_CODE" ]] && fail "code in the SMS ($SMS_CODE) is not the host's ($CODE)"
[[ -z "$CODE" ]] && CODE="${SMS_CODE:-}"
[[ -n "$CODE" ]] || abort "no pairing code to approve"

# The host drops our "SMS " prefix from log lines (it prints "[sms] webhook route: ...").
routes_before="$(grep -c 'webhook route: POST' "$ROOT/gateway.log")"
if oc "$ROOT/approve.out" 90 pairing approve sms "$CODE" && grep -q "$HANDSET" "$ROOT/approve.out"; then
  pass "pairing approve sms $CODE: $(head -1 "$ROOT/approve.out")"
else
  cat "$ROOT/approve.out" "$ROOT/approve.out.err" | tail -10
  abort "pairing approve sms $CODE"
fi
# The plugin sees the approval in the host's allow store and texts the sender (the host's `--notify` never
# reaches a channel outside OpenClaw's bundle: "Channel sms does not support pairing").
APPROVED_TEXT='You are approved: text this number any time to talk to the assistant.'
if helper wait-replies "$SANDBOX" "$HANDSET" 2 60 >"$ROOT/approved-sms.json" &&
  helper json "$ROOT/approved-sms.json" "j[1] === '$APPROVED_TEXT'" >/dev/null; then
  pass "the approved sender got the confirmation text: $(helper json "$ROOT/approved-sms.json" 'j[1]')"
else
  cat "$ROOT/approved-sms.json" 2>/dev/null | tail -5
  fail "no confirmation text reached the approved sender"
fi
# The first approval writes commands.ownerAllowFrom: the host restarts the channel (our route comes back).
restarted() { (($(grep -c 'webhook route: POST' "$ROOT/gateway.log") > routes_before)) && route_is_ours; }
if wait_until 45 "the channel restart after the first approval" restarted; then
  pass "the host restarted the sms channel after the first approval; the route is back"
else
  echo "   (no channel restart seen; going on)"
fi
wait_until 60 "the webhook route" route_is_ours || abort "webhook route gone after the approval"

step "the approved sender texts -> assistant reply, chunked plain text"
curl -s --max-time 10 -X POST --data-binary "@$LONG_REPLY" -H 'content-type: text/plain' "$STUB/__stub/reply" >/dev/null ||
  abort "setting the stub model's reply"
EXPECTED="$(helper format-parts "$LONG_REPLY" 1500)"
PARTS="$(printf '%s' "$EXPECTED" | "$SYSTEM_NODE" -e 'console.log(JSON.parse(require("fs").readFileSync(0,"utf8")).length)')"
helper text "$SANDBOX" "$HANDSET" "what is 2+2" >"$ROOT/text2.json" || abort "texting the gateway"
TURN_SID="$(helper json "$ROOT/text2.json" 'j.messageSid')"
if helper wait-replies "$SANDBOX" "$HANDSET" "$PARTS" 150 >"$ROOT/reply.json"; then
  if result="$(helper expect-parts "$LONG_REPLY" 1500 "$(cat "$ROOT/reply.json")")"; then
    pass "assistant reply reached the handset as $PARTS numbered plain-text parts, exactly formatSmsReply of the model's markdown ($result)"
  else
    fail "assistant reply parts differ"
  fi
else
  tail -30 "$ROOT/gateway.log"
  fail "no assistant reply reached the handset"
fi
# Model calls carrying this SMS's text (the host may make calls of its own; those are not counted).
TURN_CALLS='j.filter((r) => JSON.stringify(r.body).includes("what is 2+2")).length'
curl -s --max-time 10 "$STUB/__stub/requests" >"$ROOT/stub-requests.json"
MODEL_CALLS="$(helper json "$ROOT/stub-requests.json" "$TURN_CALLS")"
if helper json "$ROOT/stub-requests.json" 'JSON.stringify(j).includes("what is 2+2")' >/dev/null; then
  pass "the stub model got the SMS text through the host's turn ($MODEL_CALLS call(s))"
else
  fail "the stub model never saw the SMS text"
fi

step "replayed MessageSid and a bad signature"
OUTBOUND_BEFORE="$(helper outbound-count "$SANDBOX" "$HANDSET")"
helper replay "$SANDBOX" "$TURN_SID" >"$ROOT/replay.json"
if helper json "$ROOT/replay.json" 'j.status === 200' >/dev/null; then
  pass "replayed webhook of $TURN_SID answered 200 ($(helper json "$ROOT/replay.json" 'j.reason'))"
else
  fail "replayed webhook: $(cat "$ROOT/replay.json")"
fi
sleep 8
OUTBOUND_AFTER="$(helper outbound-count "$SANDBOX" "$HANDSET")"
curl -s --max-time 10 "$STUB/__stub/requests" >"$ROOT/stub-requests-2.json"
MODEL_CALLS_AFTER="$(helper json "$ROOT/stub-requests-2.json" "$TURN_CALLS")"
if [[ "$OUTBOUND_AFTER" == "$OUTBOUND_BEFORE" && "$MODEL_CALLS_AFTER" == "$MODEL_CALLS" ]]; then
  pass "replay: no second turn, no second reply (texts to the handset: $OUTBOUND_AFTER, model calls: $MODEL_CALLS_AFTER)"
else
  fail "replay produced more: texts $OUTBOUND_BEFORE -> $OUTBOUND_AFTER, model calls $MODEL_CALLS -> $MODEL_CALLS_AFTER"
fi
helper replay "$SANDBOX" "$TURN_SID" bad-signature >"$ROOT/forged.json"
if helper json "$ROOT/forged.json" "j.status === 403 && j.reason === 'bad-signature'" >/dev/null; then
  pass "bad signature answered 403 (bad-signature)"
else
  fail "bad signature: $(cat "$ROOT/forged.json")"
fi

step "MMS: a photo in reaches the host's model as an image; a picture in the reply goes out as an MMS"
PICTURE="$ROOT/state/media/sms-e2e-picture.png"
mkdir -p "$ROOT/state/media"
helper write-png "$PICTURE"
# The host turns a MEDIA: line of the model's answer into the reply's media: a local file under its media root.
printf 'stub saw: {{input}}\nMEDIA:%s\n' "$PICTURE" |
  curl -s --max-time 10 -X POST --data-binary @- -H 'content-type: text/plain' "$STUB/__stub/reply" >/dev/null ||
  abort "setting the stub model's reply"
helper text-media "$SANDBOX" "$HANDSET" "what is in this photo" "$PICTURE" >"$ROOT/text-mms.json" || abort "texting a picture"
if helper json "$ROOT/text-mms.json" 'j.status === 200 && j.media === 1' >/dev/null; then
  pass "signed inbound MMS (1 picture) answered 200"
else
  fail "inbound MMS: $(cat "$ROOT/text-mms.json")"
fi
if helper wait-mms "$SANDBOX" "$HANDSET" 150 >"$ROOT/reply-mms.json" &&
  helper json "$ROOT/reply-mms.json" "j.status === 'delivered' && j.media.length === 1 && j.media[0].contentType === 'image/png'" >/dev/null; then
  pass "the reply with a picture reached the handset as a delivered MMS: $(cat "$ROOT/reply-mms.json")"
else
  cat "$ROOT/reply-mms.json" 2>/dev/null
  tail -30 "$ROOT/gateway.log"
  fail "no MMS reply with the picture reached the handset"
fi
curl -s --max-time 10 "$STUB/__stub/requests" >"$ROOT/stub-requests-mms.json"
SAW_IMAGE='j.some((r) => { const s = JSON.stringify(r.body); return s.includes("what is in this photo") && s.includes("data:image/png;base64,"); })'
if helper json "$ROOT/stub-requests-mms.json" "$SAW_IMAGE" >/dev/null; then
  pass "the stub model got the photo as an image with the caption, through the host's turn"
else
  fail "the stub model never got the photo as an image"
fi
curl -s --max-time 10 "$SANDBOX/_sandbox/cdn/requests" >"$ROOT/cdn-requests.json"
if helper json "$ROOT/cdn-requests.json" 'j.requests.length > 0 && j.requests.every((r) => r.headers.authorization === undefined)' >/dev/null; then
  pass "the media CDN got $(helper json "$ROOT/cdn-requests.json" 'j.requests.length') request(s), none with credentials"
else
  fail "the media CDN saw no request, or one with credentials: $(cat "$ROOT/cdn-requests.json")"
fi
if oc "$ROOT/send-mms.json" 120 message send --channel sms --target sms:+12025550145 --message "a picture" --media "$PICTURE" --json &&
  helper wait-mms "$SANDBOX" +12025550145 60 >"$ROOT/send-mms.sandbox" &&
  helper json "$ROOT/send-mms.sandbox" "j.status === 'delivered' && j.media.length === 1" >/dev/null; then
  pass "message send --media <local file> reached the sandbox as a delivered MMS (served by the running gateway)"
else
  cat "$ROOT/send-mms.json" "$ROOT/send-mms.json.err" "$ROOT/send-mms.sandbox" 2>/dev/null | tail -10
  fail "message send --media"
fi

step "openclaw message send (sms: and twilio-sms: targets)"
send_check() { # send_check HANDSET FILE ARGS...
  local to="$1" file="$2"
  shift 2
  if oc "$file" 120 message send "$@" --json && helper json "$file" "JSON.stringify(j).includes('\"sent\"')" >/dev/null &&
    helper wait-replies "$SANDBOX" "$to" 1 30 >"$file.sandbox"; then
    pass "message send $* reached the sandbox: $(helper json "$file.sandbox" 'j[0]')"
  else
    cat "$file" "$file.err" | tail -10
    fail "message send $*"
  fi
}
send_check +12025550143 "$ROOT/send-sms.json" --channel sms --target sms:+12025550143 --message "Hello **from** an sms: target"
send_check +12025550144 "$ROOT/send-twilio-sms.json" --target twilio-sms:+12025550144 --message "Hello from a _twilio-sms:_ target"

step "channels capabilities and channels status --probe"
CAPS_OK="j.channels.some((c) => c.channel === 'sms' && c.accountId === 'default' && c.support.chatTypes.join() === 'direct' && c.probe.ok === true)"
if oc "$ROOT/capabilities.json" 120 channels capabilities --channel sms --json &&
  helper json "$ROOT/capabilities.json" "$CAPS_OK" >/dev/null; then
  pass "channels capabilities --channel sms: account default, direct chats, probe ok ($(helper json "$ROOT/capabilities.json" "j.channels[0].probe.checks.map((c) => c.name + ' ' + c.status).join(', ')"))"
else
  cat "$ROOT/capabilities.json" "$ROOT/capabilities.json.err" | tail -10
  fail "channels capabilities --channel sms"
fi
STATUS_OK="j.channelAccounts.sms.some((a) => a.accountId === 'default' && a.running === true && a.probe?.ok === true && a.webhookPath === '/webhooks/sms')"
if oc "$ROOT/status.json" 120 channels status --channel sms --probe --json &&
  helper json "$ROOT/status.json" "$STATUS_OK" >/dev/null; then
  pass "channels status --channel sms --probe --json: account default running, probe ok ($(helper json "$ROOT/status.json" "JSON.stringify((({ accountId, lifecycle, dmPolicy, webhookPath, identity }) => ({ accountId, lifecycle, dmPolicy, webhookPath, identity }))(j.channelAccounts.sms[0]))"))"
else
  cat "$ROOT/status.json" "$ROOT/status.json.err" | tail -10
  fail "channels status --channel sms --probe --json"
fi

if grep -E '\[sms\].*(dead-lettered|could not settle|webhook failed|reply not delivered|will be retried)' "$ROOT/gateway.log"; then
  fail "the gateway log shows SMS messages that failed (above)"
else
  pass "no failed, retried or dead-lettered SMS message in the gateway log"
fi

step "stopping"
stops_before="$(grep -c '\[sms\] .*account stopped' "$ROOT/gateway.log")"
if stop_pid "$GW_PID" gateway && (($(grep -c '\[sms\] .*account stopped' "$ROOT/gateway.log") > stops_before)); then
  pass "gateway stopped on SIGTERM; the SMS account stopped cleanly"
else
  fail "no clean stop of the gateway and the SMS account"
fi
