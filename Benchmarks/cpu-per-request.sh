#!/usr/bin/env bash
# CPU time per request of the benchmark server: server on CPU 0, wrk on CPU 1,
# `perf stat` counts the server's task-clock while wrk runs. Unlike requests/s,
# this holds still while other work shares the machine, so two builds can be
# compared one after the other. It also splits the CPU into user and system
# time (from /proc, in clock ticks) and takes PARTS=all|query|none for
# `bench-serve --parts`.
#   [PARTS=query] Benchmarks/cpu-per-request.sh [BINARY] [PATH] [CONNECTIONS] [SECONDS]
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$REPO/.build/release/raumboerse}"
TARGET="${2:-/rooms?district=St.%20J%C3%BCrgen&page=10}"
CONNS="${3:-64}"; SECONDS_="${4:-6}"
BENCH_DIR="${BENCH_DIR:-/tmp/raumboerse-bench}"; PORT="${PORT:-8091}"
[ -f "$BENCH_DIR/data/rooms.sqlite" ] || { echo "run Benchmarks/run-side-by-side.sh once first (it prepares $BENCH_DIR)"; exit 1; }
taskset -c 0 "$BIN" bench-serve --db "$BENCH_DIR/data/rooms.sqlite" --templates "$REPO/Benchmarks/templates" --port "$PORT" --workers 2 --parts "${PARTS:-all}" >/dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
stat="$(mktemp)"
ticks() { awk '{print $14, $15}' "/proc/$pid/stat"; }   # user, system
read -r user0 system0 < <(ticks)
perf stat -e task-clock,context-switches -p "$pid" -o "$stat" -- sleep "$SECONDS_" &
perf_pid=$!
out="$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECONDS_}s" "http://127.0.0.1:$PORT$TARGET")"
wait $perf_pid
read -r user1 system1 < <(ticks)
requests=$(echo "$out" | awk '/requests in/ {print $1}')
ms=$(awk '/task-clock/ {gsub(",", "", $1); print $1}' "$stat")
switches=$(awk '/context-switches/ {gsub(",", "", $1); print $1}' "$stat")
echo "$TARGET: $requests requests, $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s," \
     "CPU per request $(awk -v ms="$ms" -v n="$requests" 'BEGIN {printf "%.1f", ms * 1000 / n}') µs" \
     "(user $(awk -v t=$((user1 - user0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}') µs," \
     "system $(awk -v t=$((system1 - system0)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN {printf "%.0f", t / hz * 1e6 / n}') µs)," \
     "$switches context switches"
rm -f "$stat"
