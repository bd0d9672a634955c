#!/usr/bin/env bash
# Instructions per booking request, counted by valgrind's callgrind: user-space
# instructions of the server process while one client books N distinct slots of
# an instant room one after the other (each a new connection, as curl makes it).
# Commits are not shared as under load, so each booking pays a whole commit; the
# count repeats to within a fraction of a percent, so it tells small changes
# from noise where `bookings.sh` cannot.
#   Benchmarks/instructions-per-booking.sh [BINARY...]   (default: a release build of this tree)
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-40}"; PORT="${PORT:-8094}"
BINARIES=("$@")
if [ ${#BINARIES[@]} -eq 0 ]; then
  (cd "$REPO" && swift build -c release --product raumboerse >/dev/null)
  BINARIES=("$REPO/.build/release/raumboerse")
fi
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install valgrind)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for binary in "${BINARIES[@]}"; do
  data="$(mktemp -d -p "$work")"
  # valgrind 3.19 cannot read the DWARF 5 debug information Swift writes: count a stripped copy.
  cp "$binary" "$work/server"; strip -g "$work/server"
  "$work/server" demo --data-dir "$data" >/dev/null
  python3 - "$data/raumboerse.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM openingSpan WHERE roomId = 1")
c.executemany("INSERT INTO openingSpan VALUES (1, ?, 0, 1440)", [(d,) for d in range(7)])
c.execute("UPDATE room SET bookingMode = 'instant', leadHours = 0, minMinutes = 15, maxMinutes = 1440, maxDaysAhead = 730, capacity = 100 WHERE id = 1")
c.commit()
PY
  (cd "$REPO" && exec valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$work/server" serve --data-dir "$data" --port "$PORT" \
    --quiet >/dev/null 2>"$work/valgrind.log") &
  for _ in $(seq 300); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/health" && break; sleep 0.2; done
  pid="$(pgrep -f "$work/server serve")"
  jar="$data/cookies"
  token=$(curl -fs -c "$jar" "http://127.0.0.1:$PORT/register" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  curl -fs -b "$jar" -c "$jar" -o /dev/null --data-urlencode "email=bench@verein.example" --data-urlencode "password=ein langes Benchmark-Passwort" \
    --data-urlencode "name=Bench" --data-urlencode "organisation_name=Bench e.V." --data-urlencode "organisation_kind=nonprofit" \
    --data-urlencode "privacy=1" --data-urlencode "csrf_token=$token" "http://127.0.0.1:$PORT/register"
  csrf=$(curl -fs -b "$jar" "http://127.0.0.1:$PORT/rooms/1" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  book() {  # a quarter hour at 10:00 on day $1 after tomorrow
    local day; day=$(date -u -d "@$(( ($(date +%s) / 86400 + 2 + $1) * 86400 ))" +%Y-%m-%d)
    curl -s -o /dev/null -w "%{http_code}\n" -b "$jar" --data "date=$day&start=10%3A00&end=10%3A15&attendees=2&repeat_weeks=0&csrf_token=$csrf" \
      "http://127.0.0.1:$PORT/rooms/1/bookings"
  }
  for day in $(seq 10); do book "$day" >/dev/null; done   # warm caches and statements
  callgrind_control --zero "$pid" >/dev/null 2>&1
  answers="$(for day in $(seq 11 $((10 + N))); do book "$day"; done | sort | uniq -c | tr -s ' ' | tr '\n' ' ')"
  callgrind_control --dump "$pid" >/dev/null 2>&1
  sleep 0.3
  dump="$(ls -t "$work"/cg.out.* | head -1)"
  total="$(callgrind_annotate "$dump" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}')"
  callgrind_control --kill "$pid" >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -f "$work"/cg.out*
  echo "$binary: $(( total / N )) instructions per booking (answers:$answers)"
done
