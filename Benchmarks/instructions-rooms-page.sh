#!/usr/bin/env bash
# Instructions per shared rooms page of bench-serve under callgrind: one thread,
# 10 warm-up requests, then 100 counted (user space only; the kernel's share is
# not in it). Counts repeat to a few hundred instructions where timings do not.
#   Benchmarks/instructions-rooms-page.sh [BINARY]
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${1:-$REPO/.build/release/raumboerse}"
BENCH_DIR="${BENCH_DIR:-/tmp/raumboerse-bench}"; PORT="${PORT:-8094}"
[ -f "$BENCH_DIR/data/rooms.sqlite" ] || { echo "run Benchmarks/run-side-by-side.sh once first (it prepares $BENCH_DIR)"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$BIN" "$work/server" && strip -g "$work/server"
valgrind --tool=callgrind --callgrind-out-file="$work/cg" "$work/server" bench-serve --db "$BENCH_DIR/data/rooms.sqlite" \
  --templates "$REPO/Benchmarks/templates" --port "$PORT" --workers 1 >/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.2; done
URL="http://127.0.0.1:$PORT/rooms?district=St.%20J%C3%BCrgen&page=10"
for _ in $(seq 10); do curl -fs -o /dev/null "$URL"; done
callgrind_control --zero "$pid" >/dev/null
for _ in $(seq 100); do curl -fs -o /dev/null "$URL"; done
callgrind_control --dump "$pid" >/dev/null; sleep 0.5
callgrind_control --kill "$pid" >/dev/null 2>&1 || true
wait "$pid" 2>/dev/null || true
total=$(callgrind_annotate "$(ls -t "$work"/cg.* | head -1)" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')
echo "$BIN: $((total / 100)) instructions per rooms page"
