# Shared by bench/results_load and bench/campaign_load (sourced, not run): the national-scale
# data set cache, the PostgreSQL cluster, the duibiao server, logins and CPU accounting.
#
# The sourcing script sets, before `source`: bench_name (for messages), scale, regen (0/1) and
# bin (the duibiao binary); it calls load_common_init once its arguments are parsed.
# Afterwards: root, cache, work, gen, PG_BIN, db_url / dataset_json / db_bytes (prepare_*),
# base / server_pid (start_server), pg_port / pg_data (prepare_postgresql).

server_log=""
die() {
  echo "$bench_name: $*" >&2
  if [ -n "$server_log" ] && [ -s "$server_log" ]; then
    echo "last lines of the server log:" >&2
    tail -5 "$server_log" >&2
  fi
  exit 1
}

# load_common_init: checks the tools, picks dataset_gen, sets up the cache, the work directory
# and the exit trap.
load_common_init() {
  [[ "$scale" =~ ^[0-9]*\.?[0-9]+$ ]] || die "--scale must be a positive number (got '$scale')"
  scale=$(awk -v s="$scale" 'BEGIN { printf "%g", s }')  # 1, 1.0 and 1.00 share one cache
  [ -x "$bin" ] || die "$bin not found: build it first (scripts/run or cmake --build build-bench --target duibiao)"
  # The generator of the server's own build (its migrations are the server's schema), else the
  # newer of the two builds.
  gen=${DATASET_GEN:-}
  if [ -z "$gen" ] && [ -x "$(dirname "$bin")/dataset_gen" ]; then gen=$(dirname "$bin")/dataset_gen; fi
  if [ -z "$gen" ]; then
    local c
    for c in "$root/build/dataset_gen" "$root/build-bench/dataset_gen"; do
      [ -x "$c" ] && { [ -z "$gen" ] || [ "$c" -nt "$gen" ]; } && gen=$c
    done
  fi
  local f
  for f in "$bin" "$gen"; do
    [ -n "$f" ] && [ -x "$f" ] && [ "$f" -ot "$root/src/store/migrations.cpp" ] &&
      echo "warning: $f is older than src/store/migrations.cpp: rebuild it, or the cached data set (keyed by the sources) may not have its schema" >&2
  done
  local tool
  for tool in wrk node curl; do command -v "$tool" >/dev/null || die "'$tool' is missing (apt-get install -y wrk nodejs curl)"; done
  export PGOPTIONS="-c client_min_messages=warning"  # no NOTICE lines from DROP … IF EXISTS
  PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}"

  # One bench run at a time on this machine: runs share the cache (a run removes the data sets it
  # considers outdated, maybe while another copies them) and would measure each other.
  mkdir -p "$root/build/bench-data"
  exec {bench_lock_fd}>"$root/build/bench-data/.lock"
  if ! flock -n "$bench_lock_fd"; then
    echo "==> another bench run holds build/bench-data/.lock: waiting for it (at most 2 h)"
    flock -w 7200 "$bench_lock_fd" || die "another bench run still holds build/bench-data/.lock"
  fi
  # The cache is keyed by scale and by the schema and generator sources: a change to either makes
  # a new data set (and the older one of that scale is removed: they are gigabytes).
  local key old
  key=$(cat "$root/src/store/migrations.cpp" "$root/bench/dataset_gen.cpp" | sha1sum | cut -c1-8)
  cache=$root/build/bench-data/scale-$scale-$key
  if [ -n "${BENCH_DATASET_DIR:-}" ]; then
    # A data set made elsewhere (an older schema is fine: the server migrates its copy on start);
    # used as it is, nothing removed.
    cache=$BENCH_DATASET_DIR
    echo "==> using the data set in $cache (BENCH_DATASET_DIR)"
  else
    for old in "$root/build/bench-data/scale-$scale" "$root/build/bench-data/scale-$scale"-*; do
      [ -d "$old" ] && [ "$old" != "$cache" ] && { echo "removing the outdated data set $old"; rm -rf "$old"; }
    done
  fi
  mkdir -p "$cache"
  work=$(mktemp -d "${TMPDIR:-/tmp}/duibiao-$bench_name.XXXXXX")
  chmod 755 "$work"
  server_pid=""
  pg_data=""
  pg_port=""
  asuser=()
  [ "$(id -u)" = 0 ] && asuser=(runuser -u postgres --)
  clk_tck=$(getconf CLK_TCK)
  perf_dir=$root/build/bench-data/profiles
  trap cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  [ -n "$server_pid" ] && wait "$server_pid" 2>/dev/null || true
  server_pid=""
}
pg_stop() {
  [ -n "$pg_data" ] || return 0
  "${asuser[@]}" "$PG_BIN/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null 2>&1 || true
  pg_data=""
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop_server
  pg_stop
  # BENCH_KEEP_LOGS=DIR: the servers' logs (with BENCH_SERVER_ARGS=--slow-query-ms N) kept there
  if [ -n "${BENCH_KEEP_LOGS:-}" ]; then mkdir -p "$BENCH_KEEP_LOGS" && cp "$work"/*.log "$BENCH_KEEP_LOGS"/ 2>/dev/null; fi
  rm -rf "$work"
  exit $rc
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# ------------------------------------------------------------------ data sets
need_gen() { [ -n "$gen" ] && [ -x "$gen" ] || die "dataset_gen not found: cmake --build build-bench --target dataset_gen (or set DATASET_GEN)"; }

# prepare_sqlite → sets db_url, dataset_json
prepare_sqlite() {
  local dir=$cache/sqlite
  if [ "$regen" = 1 ] || [ ! -s "$dir/dataset.json" ] || [ ! -s "$dir/duibiao.db" ]; then
    need_gen
    rm -rf "$dir" && mkdir -p "$dir"
    echo "==> generating the SQLite data set (scale $scale) into $dir"
    "$gen" --db "sqlite:$dir/duibiao.db" --scale "$scale" --out "$dir/dataset.json.tmp" | tee "$dir/generate.log"
    mv "$dir/dataset.json.tmp" "$dir/dataset.json"
  fi
  mkdir -p "$work/sqlite"
  echo "==> copying the cached SQLite data set ($(du -h "$dir/duibiao.db" | cut -f1)) for this run"
  cp "$dir/duibiao.db" "$work/sqlite/duibiao.db"
  db_url="sqlite:$work/sqlite/duibiao.db"
  dataset_json=$dir/dataset.json
  db_bytes=$(stat -c %s "$dir/duibiao.db")
}

# prepare_postgresql → starts the cached cluster, clones the template; sets db_url, dataset_json
prepare_postgresql() {
  [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL not found (apt-get install -y postgresql)"
  local dir=$cache/pg
  if [ "$regen" = 1 ] && [ -d "$dir" ]; then rm -rf "$dir"; fi
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  pg_port=$(free_port)
  if [ ! -s "$dir/data/PG_VERSION" ]; then
    "${asuser[@]}" "$PG_BIN/initdb" -D "$dir/data" -U duibiao --auth=trust --locale=C.UTF-8 \
      --encoding=UTF8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; rm -rf "$dir/data"; die "initdb failed"; }
  fi
  pg_data=$dir/data
  local pg_extra=""
  [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] && pg_extra="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
  mkdir -p "$work/pg"  # socket and log, writable by the server's user
  [ "$(id -u)" = 0 ] && chown postgres "$work/pg"
  "${asuser[@]}" "$PG_BIN/pg_ctl" -D "$pg_data" -l "$work/pg/server.log" -w -t 120 \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg -c max_connections=100 -c shared_buffers=512MB $pg_extra" \
    start >/dev/null {bench_lock_fd}>&- || { cat "$work/pg/server.log"; pg_data=""; die "PostgreSQL did not start"; }
  local base="postgresql://duibiao@127.0.0.1:$pg_port"
  if [ "$regen" = 1 ] || [ ! -s "$cache/dataset-postgresql.json" ] ||
    ! "$PG_BIN/psql" -Atq "$base/postgres" -c "SELECT 1 FROM pg_database WHERE datname = 'bench_template'" | grep -q 1; then
    need_gen
    "$PG_BIN/psql" -q "$base/postgres" -c "DROP DATABASE IF EXISTS bench_template" >/dev/null
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U duibiao bench_template
    echo "==> generating the PostgreSQL data set (scale $scale) into database bench_template"
    "$gen" --db "$base/bench_template" --scale "$scale" --out "$cache/dataset-postgresql.json.tmp" | tee "$cache/generate-postgresql.log"
    mv "$cache/dataset-postgresql.json.tmp" "$cache/dataset-postgresql.json"
  fi
  "$PG_BIN/psql" -q "$base/postgres" -c "DROP DATABASE IF EXISTS bench_run" >/dev/null
  echo "==> cloning the cached PostgreSQL data set"
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$pg_port" -U duibiao -T bench_template bench_run
  if [ "${BENCH_PG_STATEMENTS:-0}" = 1 ]; then
    "$PG_BIN/psql" -q "$base/bench_run" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null
  fi
  db_url="$base/bench_run"
  dataset_json=$cache/dataset-postgresql.json
  db_bytes=$("$PG_BIN/psql" -Atq "$base/postgres" -c "SELECT pg_database_size('bench_template')")
}

# finish_postgresql: drops the run's database and stops the cluster
finish_postgresql() {
  "$PG_BIN/psql" -q "postgresql://duibiao@127.0.0.1:$pg_port/postgres" -c "DROP DATABASE IF EXISTS bench_run" >/dev/null || true
  pg_stop
}

# ------------------------------------------------------------------ the server
# start_server LOG → starts duibiao on $db_url on a free port; sets server_pid, base, server_log.
# Its data directory (uploads) is under the work directory.
start_server() {
  local log=$1 i port
  server_log=$log
  mkdir -p "$work/data"
  # BENCH_SERVER_ARGS: extra serve options for a diagnosis (e.g. --slow-query-ms 2), split on spaces
  # shellcheck disable=SC2086
  "$bin" serve --host 127.0.0.1 --port 0 --db "$db_url" --data "$work/data" ${BENCH_SERVER_ARGS:-} </dev/null >"$log" 2>&1 {bench_lock_fd}>&- &
  server_pid=$!
  # Up to 10 minutes: a copy of a data set at an older schema is migrated before it listens.
  for ((i = 0; i < 60000; i++)); do
    grep -q 'listening on http://' "$log" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$log" >&2; die "duibiao exited"; }
    sleep 0.01
  done
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | head -1 | sed 's/.*://')
  [ -n "$port" ] || { cat "$log" >&2; die "duibiao did not say where it listens"; }
  base="http://127.0.0.1:$port"
}

# The JavaScript of a login (double-submit CSRF token first), for node --input-type=module
# scripts that have BASE and a parsed data set `d` (its password).
login_js='
async function login(username) {
  let r = await fetch(BASE + "/api/v1/auth/csrf");
  const pre = (r.headers.getSetCookie() || []).map((c) => c.split(";")[0]).find((c) => c.startsWith("duibiao_csrf="));
  const token = (await r.json()).csrf_token;
  r = await fetch(BASE + "/api/v1/auth/login", {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": token, cookie: pre },
    body: JSON.stringify({ username, password: d.password }),
  });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status} ${text}`);
  const session = (r.headers.getSetCookie() || []).map((c) => c.split(";")[0]).find((c) => c.startsWith("duibiao_session="));
  return { cookie: session, csrf: JSON.parse(text).csrf_token };
}
async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i]); }
  }));
  return out;
}
'

# ------------------------------------------------------------------ CPU accounting
# CPU ticks (user + system) used so far by the processes given
ticks_of() {
  local total=0 pid t
  for pid in "$@"; do
    t=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || t=0
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
# the PostgreSQL server's processes (postmaster and its children: backends, WAL writer …)
pg_pids() {
  [ -n "$pg_data" ] && [ -s "$pg_data/postmaster.pid" ] || return 0
  local pm
  pm=$(head -1 "$pg_data/postmaster.pid")
  echo "$pm" $(pgrep -P "$pm" || true)
}
psql_run() { "$PG_BIN/psql" -Atq "postgresql://duibiao@127.0.0.1:$pg_port/bench_run" "$@"; }

# ------------------------------------------------------------------ wrk
# run_wrk BACKEND NAME MODE FILE SECONDS SKIP → appends to $results, prints wrk's summary line.
# Uses $lua (the wrk script: bench/lua/results.lua), $threads, $conns, $base, $server_pid and
# $wrk_timeout (wrk's --timeout, 5s by default).
# BENCH_PERF=1: perf profile of the server; BENCH_PG_STATEMENTS=1: top statements (PostgreSQL);
# BENCH_SYSCALLS=1: the server's system calls by kind (perf stat on the syscall tracepoints).
syscall_names="pread64 pwrite64 read write writev sendto recvfrom fsync fdatasync fcntl futex epoll_wait openat close mmap munmap ftruncate"

run_wrk() {
  local backend=$1 name=$2 mode=$3 file=$4 secs=$5 skip=$6 out=$work/wrk-$1-$2.txt
  local cpu0 cpu1 db0 db1 line perf_pid="" measured=1 pids
  [[ $name == *-warmup ]] && measured=0
  pids=$(pg_pids)
  cpu0=$(ticks_of "$server_pid")
  db0=$(ticks_of $pids)
  if [ "$measured" = 1 ] && [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] && [ "$backend" = postgresql ]; then
    psql_run -c "SELECT pg_stat_statements_reset()" >/dev/null
  fi
  if [ "$measured" = 1 ] && [ "${BENCH_PERF:-0}" = 1 ]; then
    mkdir -p "$perf_dir"
    # BENCH_PERF_CALLS=1: with call graphs (DWARF unwinding: the build has no frame pointers)
    local graph=()
    [ "${BENCH_PERF_CALLS:-0}" = 1 ] && graph=(--call-graph dwarf,16384 -F 149)
    perf record -q -F 499 "${graph[@]}" -p "$server_pid" -o "$work/perf-$backend-$name.data" -- sleep "$secs" >/dev/null 2>&1 &
    perf_pid=$!
  fi
  if [ "$measured" = 1 ] && [ "${BENCH_SYSCALLS:-0}" = 1 ]; then
    mkdir -p "$perf_dir"
    perf stat -x, -o "$perf_dir/syscalls-$backend-$name.csv" -p "$server_pid" \
      -e "$(printf 'syscalls:sys_enter_%s,' $syscall_names | sed 's/,$//')" -- sleep "$secs" >/dev/null 2>&1 &
    perf_pid="$perf_pid $!"
  fi
  BENCH_MODE=$mode BENCH_FILE=$file BENCH_THREADS=$threads BENCH_CONNS=$conns BENCH_SKIP=$skip \
    timeout $((secs + 60)) wrk -t"$threads" -c"$conns" -d"${secs}s" --latency --timeout "${wrk_timeout:-5s}" -s "$lua" "$base" \
    >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed ($backend $name)"; }
  cpu1=$(ticks_of "$server_pid")
  db1=$(ticks_of $pids)
  if [ -n "$perf_pid" ]; then
    wait $perf_pid || true
  fi
  if [ "$measured" = 1 ] && [ "${BENCH_PERF:-0}" = 1 ]; then
    # self time by function (the Release build has no frame pointers: no reliable call graphs)
    perf report -i "$work/perf-$backend-$name.data" --no-children --sort dso,symbol -g none \
      --percent-limit 0.5 --stdio 2>/dev/null | grep -v '^#\|^$' | tr -s ' ' | cut -c1-160 \
      >"$perf_dir/perf-$backend-$name.txt" || true
    if [ "${BENCH_PERF_CALLS:-0}" = 1 ]; then
      # inclusive time of the server's own functions (what each costs with everything it calls)
      perf report -i "$work/perf-$backend-$name.data" --children --sort symbol -g none \
        --percent-limit 1 --stdio 2>/dev/null | grep -v '^#\|^$' | tr -s ' ' | cut -c1-200 \
        >"$perf_dir/perf-calls-$backend-$name.txt" || true
    fi
    # and by library: how the time splits between the kernel, SQLite, the server and the rest
    perf report -i "$work/perf-$backend-$name.data" --no-children --sort dso -g none \
      --stdio 2>/dev/null | grep -v '^#\|^$' | tr -s ' ' >"$perf_dir/perf-dso-$backend-$name.txt" || true
  fi
  if [ "$measured" = 1 ] && [ "${BENCH_PG_STATEMENTS:-0}" = 1 ] && [ "$backend" = postgresql ]; then
    mkdir -p "$perf_dir"
    psql_run -F $'\t' -c "SELECT calls, round(total_exec_time::numeric, 1) AS total_ms,
        round(mean_exec_time::numeric, 3) AS mean_ms, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 400)
        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 15" >"$perf_dir/pg-statements-$name.tsv" || true
  fi
  line=$(sed -n 's/^BENCH_JSON //p' "$out")
  [ -n "$line" ] || { cat "$out" >&2; die "no summary from wrk ($backend $name)"; }
  printf '{"backend":"%s","name":"%s","seconds":%s,"server_cpu_seconds":%s,"db_cpu_seconds":%s,"wrk":%s}\n' "$backend" "$name" "$secs" \
    "$(awk -v t=$((cpu1 - cpu0)) -v h="$clk_tck" 'BEGIN { printf "%.2f", t / h }')" \
    "$(awk -v t=$((db1 - db0)) -v h="$clk_tck" 'BEGIN { printf "%.2f", t / h }')" "$line" >>"$results"
  echo "$line"
}

# wait_idle [SECONDS] → waits (at most SECONDS, 120 by default) until duibiao has used less than 5 %
# of a core for half a second: requests that wrk gave up on are still being answered, and the next
# run must not pay for them. Prints how long it waited when that was more than a second.
wait_idle() {
  local limit=${1:-120} t0 t1 i
  for ((i = 0; i < limit * 2; i++)); do
    t0=$(ticks_of "$server_pid")
    sleep 0.5
    t1=$(ticks_of "$server_pid")
    [ $(((t1 - t0) * 40)) -lt "$clk_tck" ] && break
  done
  [ "$i" -gt 2 ] && echo "    (waited $((i / 2)) s for the server to finish the requests wrk gave up on)"
  return 0
}
