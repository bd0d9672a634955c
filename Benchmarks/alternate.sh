#!/usr/bin/env bash
# Two or more builds of bench-serve, one after the other, in alternating rounds:
# server on CPU 0, wrk on CPU 1, the shared rooms page at 64 connections.
# Prints requests/s and p99 per run. Quicker than a side-by-side run; compare
# only within one run, as the machine moves by several per cent.
#   Benchmarks/alternate.sh BINARY BINARY... [ROUNDS=2] [SECONDS=8] [CONNECTIONS=64]
# BINARY@N runs that binary with --workers N (default 2, as run-side-by-side.sh).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/raumboerse-bench}"; PORT="${PORT:-8097}"
ROUNDS="${ROUNDS:-2}"; SECONDS_="${SECONDS:-8}"; CONNS="${CONNECTIONS:-64}"
[ -f "$BENCH_DIR/data/rooms.sqlite" ] || { echo "run Benchmarks/run-side-by-side.sh once first (it prepares $BENCH_DIR)"; exit 1; }
URL="http://127.0.0.1:$PORT/rooms?district=St.%20J%C3%BCrgen&page=10"
for round in $(seq "$ROUNDS"); do
  for run in "$@"; do
    bin="${run%@*}"; workers=2; [ "$bin" = "$run" ] || workers="${run##*@}"
    taskset -c 0 "$bin" bench-serve --db "$BENCH_DIR/data/rooms.sqlite" --templates "$REPO/Benchmarks/templates" \
      --port "$PORT" --workers "$workers" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
    taskset -c 1 wrk -t1 -c"$CONNS" -d2s "$URL" >/dev/null   # warm-up
    result="$(taskset -c 1 wrk -t1 -c"$CONNS" -d"${SECONDS_}s" --latency "$URL")"
    echo "round $round $run: $(echo "$result" | awk '/Requests\/sec/ {print $2}') req/s, p99 $(echo "$result" | awk '$1 == "99%" {print $2}')"
    kill $pid; wait $pid 2>/dev/null || true
  done
done
