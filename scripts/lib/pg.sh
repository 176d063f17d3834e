# Starts a throwaway PostgreSQL server on a loopback port in a temporary directory.
# Source it, then: pg_start → exports DUIBIAO_TEST_PG (and PG_DIR, PG_PORT); pg_stop.
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"

pg_start() {
  PG_PORT="${PG_PORT:-$(( 20000 + RANDOM % 20000 ))}"
  PG_DIR="$(mktemp -d /tmp/duibiao-pg.XXXXXX)"
  local run=()
  if [ "$(id -u)" = "0" ]; then
    # PostgreSQL refuses to run as root: run it as the postgres system user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U duibiao --auth=trust --locale=C.UTF-8 \
    --encoding=UTF8 >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c max_connections=200" \
    start >/dev/null || { cat "$PG_DIR/server.log"; return 1; }
  for db in duibiao_store duibiao_api duibiao_e2e; do
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U duibiao "$db"
  done
  export PG_DIR PG_PORT
  export DUIBIAO_TEST_PG="postgresql://duibiao@127.0.0.1:$PG_PORT/duibiao_store"
  export DUIBIAO_TEST_PG_API="postgresql://duibiao@127.0.0.1:$PG_PORT/duibiao_api"
}

pg_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] || return 0
  local run=()
  [ "$(id -u)" = "0" ] && run=(runuser -u postgres --)
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
