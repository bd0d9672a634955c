#!/usr/bin/env bash
# Our server and the reference servers (nginx, Hummingbird 2, Vapor 4, FlyingFox)
# in one run of ../shared/bench/run.sh, on the same workload: server pinned to
# CPU 0, wrk to CPU 1, 64 and 256 connections, 15 s each, two rounds.
#
#   Benchmarks/run-side-by-side.sh                       # everything (~25 min with first builds)
#   Benchmarks/run-side-by-side.sh ROUNDS=1 DURATION=5s  # quick look; any run.sh KEY=VALUE passes through
#   SERVERS="nginx hummingbird" Benchmarks/run-side-by-side.sh
#
# The shared folder may be read-only, so it is copied to $BENCH_DIR once
# (reference builds are kept there between runs). Results: $BENCH_DIR/results/<time>/summary.md
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/raumboerse-bench}"
PORT="${PORT:-8090}"
[ -d "$BENCH_DIR" ] || cp -r "$REPO/../shared/bench" "$BENCH_DIR"
[ -f "$BENCH_DIR/data/rooms.sqlite" ] || python3 "$BENCH_DIR/db/gen_db.py" "$BENCH_DIR/data/rooms.sqlite"

(cd "$REPO" && swift build -c release --product raumboerse)
BIN="$REPO/.build/release/raumboerse"

# Same bytes as the references: check before measuring.
"$BIN" bench-serve --db "$BENCH_DIR/data/rooms.sqlite" --templates "$REPO/Benchmarks/templates" --port "$PORT" >/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$PORT/rooms?district=St.%20J%C3%BCrgen&page=10" | cmp - "$BENCH_DIR/static/rooms.html"
kill $pid; wait $pid 2>/dev/null || true
trap - EXIT

cd "$BENCH_DIR"
exec ./run.sh SERVERS="${SERVERS:-nginx hummingbird vapor flyingfox}" "$@" \
    TARGET="http://127.0.0.1:$PORT" TARGET_NAME=raumboerse \
    TARGET_CMD="$BIN bench-serve --db $BENCH_DIR/data/rooms.sqlite --templates $REPO/Benchmarks/templates --port $PORT --workers 2"
