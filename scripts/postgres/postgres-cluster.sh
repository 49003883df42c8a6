#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, in a folder of its own:
#
#   postgres-cluster.sh start DIR [--password-file FILE] [--durable]   # prints the connection URL
#   postgres-cluster.sh stop DIR                                         # stops the server, keeps DIR
#   postgres-cluster.sh destroy DIR                                      # stops it and deletes DIR
#
# `start` creates the cluster on first use (initdb into DIR/data) and starts the server listening on 127.0.0.1
# on a free port and on a unix socket in DIR; a later `start` restarts it on the same port. The URL it prints
# has no password: with --password-file, TCP logins need that password (scram-sha-256), else every login is
# trusted. Without --durable the server runs with fsync=off (tests: commits cost no disk flush; data survives
# a server restart, not a machine crash); with it, every commit is flushed as in production (benchmarks).
#
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user the Debian package
# creates, or as a system user `sms-channel-pg` created here when that is missing. The binaries come from
# Debian's package, installed by install-postgres.sh when missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
command="${1:-}"
dir="${2:-}"
if [[ -z "$command" || -z "$dir" ]]; then
  echo "usage: postgres-cluster.sh start|stop|destroy DIR [--password-file FILE] [--durable]" >&2
  exit 2
fi
shift 2
password_file=""
durable=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --password-file) password_file="$2"; shift 2 ;;
    --durable) durable=true; shift ;;
    *) echo "postgres-cluster: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

bin_dir() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

server_user() {
  if getent passwd postgres >/dev/null; then
    echo postgres
    return
  fi
  if ! getent passwd sms-channel-pg >/dev/null; then
    useradd --system --no-create-home --shell /usr/sbin/nologin sms-channel-pg
  fi
  echo sms-channel-pg
}

# Runs a PostgreSQL binary as the server's user (as root), or as ourselves otherwise.
as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$(server_user)" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start() {
  if [ -z "$(bin_dir)" ]; then
    "$here/install-postgres.sh" >&2
  fi
  local bin
  bin="$(bin_dir)"
  if [ "$(id -u)" -eq 0 ]; then
    chown "$(server_user)" "$dir"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    local auth=(--auth=trust)
    if [ -n "$password_file" ]; then
      install -m 0600 "$password_file" "$dir/pwfile"
      [ "$(id -u)" -eq 0 ] && chown "$(server_user)" "$dir/pwfile"
      auth=(--auth-local=trust --auth-host=scram-sha-256 --pwfile="$dir/pwfile")
    fi
    as_server "$bin/initdb" -D "$dir/data" -U postgres --encoding=UTF8 --locale=C.UTF-8 --no-sync "${auth[@]}" \
      >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    free_port >"$dir/port"
  fi
  local port
  port="$(cat "$dir/port")"
  local fsync=off
  $durable && fsync=on
  as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=$fsync -c max_connections=200 -c shared_buffers=32MB" \
    >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
  echo "postgres://postgres@127.0.0.1:$port/postgres"
}

stop() {
  local bin
  bin="$(bin_dir)"
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null
  fi
}

case "$command" in
  start) start ;;
  stop) stop ;;
  destroy) stop; rm -rf "$dir" ;;
  *) echo "postgres-cluster: unknown command $command (start, stop or destroy)" >&2; exit 2 ;;
esac
