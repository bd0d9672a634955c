#!/usr/bin/env bash
# Instructions per request of the site's pages, counted by valgrind's callgrind:
# user-space instructions of the server process (kernel time is not counted).
# Unlike wall-clock figures, which vary by 15 % between runs on a shared VM,
# the count repeats to within a fraction of a percent, so it can tell a 3 %
# change from noise.
#   Benchmarks/instructions-per-page.sh [DATA_DIR] [REQUESTS] [BINARY...]
# DATA_DIR as for pages-100k.sh (made with `raumboerse demo --rooms 100000` when
# missing). With several binaries, each is counted on the same pages, one after
# the other (e.g. a build of an older commit and the current one).
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DATA="${1:-/tmp/rb100k}"; REQUESTS="${2:-30}"; shift $(( $# > 2 ? 2 : $# )) || true
BINARIES=("$@")
if [ ${#BINARIES[@]} -eq 0 ]; then
  (cd "$REPO" && swift build -c release >/dev/null)
  BINARIES=("$REPO/.build/release/raumboerse")
fi
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
[ -f "$DATA/raumboerse.sqlite" ] || "${BINARIES[0]}" demo --rooms 100000 --data-dir "$DATA"
PORT="${PORT:-8097}"
mapfile -t PAGES < "$REPO/Benchmarks/pages-100k.txt"   # the pages both scripts measure
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for index in "${!BINARIES[@]}"; do echo "#$((index + 1)): ${BINARIES[$index]}"; done
declare -A counts
for index in "${!BINARIES[@]}"; do
  # valgrind 3.19 cannot read the DWARF 5 debug information Swift writes: count a stripped copy.
  cp "${BINARIES[$index]}" "$work/server"; strip -g "$work/server"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$work/server" serve --data-dir "$DATA" --port "$PORT" \
    --quiet --workers 1 >/dev/null 2>"$work/valgrind.log" &
  pid=$!
  for _ in $(seq 300); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
  for page in "${PAGES[@]}"; do
    for _ in $(seq 10); do curl -fs -o /dev/null "http://127.0.0.1:$PORT$page"; done   # warm caches and statements
    callgrind_control --zero "$pid" >/dev/null 2>&1
    for _ in $(seq "$REQUESTS"); do curl -fs -o /dev/null "http://127.0.0.1:$PORT$page"; done
    callgrind_control --dump "$pid" >/dev/null 2>&1
    sleep 0.3
    dump="$(ls -t "$work"/cg.out.* | head -1)"
    total="$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')"
    counts["$index $page"]=$(( total / REQUESTS ))
    rm -f "$dump"
  done
  callgrind_control --kill "$pid" >/dev/null 2>&1 || true
  wait "$pid" 2>/dev/null || true
done
printf '%-52s' "instructions per request"; for index in "${!BINARIES[@]}"; do printf ' %10s' "#$((index + 1))"; done; echo
for page in "${PAGES[@]}"; do
  printf '%-52s' "$page"
  for index in "${!BINARIES[@]}"; do printf ' %10s' "${counts["$index $page"]}"; done
  echo
done
