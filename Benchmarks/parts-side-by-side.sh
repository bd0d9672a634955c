#!/usr/bin/env bash
# What each part of our /rooms page costs, next to nginx serving the same bytes,
# in one run of ../shared/bench/run.sh (server on CPU 0, wrk on CPU 1):
#   raumboerse        query and render, as in run-side-by-side.sh
#   raumboerse-query  the same query per request, then the page rendered at start
#   raumboerse-http   only the page rendered at start: our HTTP server and the kernel
#
#   Benchmarks/parts-side-by-side.sh                      # 2 rounds, 15 s, 64 connections, /rooms
#   Benchmarks/parts-side-by-side.sh ROUNDS=1 DURATION=5s # any run.sh KEY=VALUE passes through
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
BENCH_DIR="${BENCH_DIR:-/tmp/raumboerse-bench}"
[ -d "$BENCH_DIR" ] || cp -r "$REPO/../shared/bench" "$BENCH_DIR"
[ -f "$BENCH_DIR/data/rooms.sqlite" ] || python3 "$BENCH_DIR/db/gen_db.py" "$BENCH_DIR/data/rooms.sqlite"

(cd "$REPO" && swift build -c release --product raumboerse)
serve="$REPO/.build/release/raumboerse bench-serve --db $BENCH_DIR/data/rooms.sqlite --templates $REPO/Benchmarks/templates --workers 2"

# Each variant must answer with the very bytes nginx serves.
for parts in all query none; do
    $serve --parts $parts --port 8089 >/dev/null &
    pid=$!
    for _ in $(seq 50); do curl -fs "http://127.0.0.1:8089/health" >/dev/null && break; sleep 0.1; done
    curl -fs "http://127.0.0.1:8089/rooms?district=St.%20J%C3%BCrgen&page=10" | cmp - "$BENCH_DIR/static/rooms.html"
    kill $pid; wait $pid 2>/dev/null || true
done

cd "$BENCH_DIR"
exec ./run.sh SERVERS=nginx CONNS=64 ENDPOINTS=rooms "$@" \
    TARGET=http://127.0.0.1:8090 TARGET_NAME=raumboerse TARGET_CMD="$serve --parts all --port 8090" \
    TARGET=http://127.0.0.1:8091 TARGET_NAME=raumboerse-query TARGET_CMD="$serve --parts query --port 8091" \
    TARGET=http://127.0.0.1:8092 TARGET_NAME=raumboerse-http TARGET_CMD="$serve --parts none --port 8092"
