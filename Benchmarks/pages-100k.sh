#!/usr/bin/env bash
# The site's own pages on a database of 100,000 rooms (issue 6: p99 under 50 ms
# at 64 connections). Server pinned to CPU 0, wrk to CPU 1, a pause between
# pages so that one page's backlog does not land on the next.
#   Benchmarks/pages-100k.sh [DATA_DIR] [SECONDS] [CONNECTIONS]
# DATA_DIR is made with `raumboerse demo --rooms 100000` when it does not exist.
# SERVER_CPUS=0,1 lets the server use both cores (wrk stays on CPU 1), as the
# site runs when deployed on a machine like this one; WORKERS and SPARE set its
# --workers and --spare-threads.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${1:-/tmp/rb100k}"; SECONDS_="${2:-6}"; CONNS="${3:-64}"
PORT="${PORT:-8096}"
BIN="${BIN:-$REPO/.build/release/raumboerse}"
[ -n "${BIN_READY:-}" ] || (cd "$REPO" && swift build -c release >/dev/null)
[ -f "$DATA/raumboerse.sqlite" ] || "$BIN" demo --rooms 100000 --data-dir "$DATA"
taskset -c "${SERVER_CPUS:-0}" "$BIN" serve --data-dir "$DATA" --port "$PORT" --quiet ${WORKERS:+--workers "$WORKERS"} ${SPARE:+--spare-threads "$SPARE"} &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
mapfile -t PAGES < "$REPO/Benchmarks/pages-100k.txt"   # the pages both scripts measure
printf '%-52s %9s %9s %9s %12s\n' page req/s p50 p99 "CPU/request"
for page in "${PAGES[@]}"; do
  curl -fs -o /dev/null "http://127.0.0.1:$PORT$page"   # warm
  stat="$(mktemp)"
  perf stat -e task-clock -p "$pid" -o "$stat" -- sleep "$SECONDS_" 2>/dev/null &
  perf_pid=$!
  out="$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECONDS_}s" --latency "http://127.0.0.1:$PORT$page")"
  wait $perf_pid || true
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  ms=$(awk '/task-clock/ {gsub(",", "", $1); print $1}' "$stat")
  printf '%-52s %9s %9s %9s %9s µs\n' "$page" "$(echo "$out" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$out" | awk '$1 == "50%" {print $2}')" "$(echo "$out" | awk '$1 == "99%" {print $2}')" \
    "$(awk -v ms="$ms" -v n="$requests" 'BEGIN {printf "%.0f", ms * 1000 / n}')"
  echo "$out" | grep -E "Non-2xx|Socket errors" || true
  rm -f "$stat"
  sleep 3
done
