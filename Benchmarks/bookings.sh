#!/usr/bin/env bash
# Booking writes over HTTP: many connections book distinct quarter-hour slots of one
# room (open all day, every day) for DURATION; then counts confirmed bookings
# and checks that no two confirmed bookings overlap.
#   Benchmarks/bookings.sh [DURATION=10s] [CONNECTIONS=32]
# BIN=other/raumboerse BIN_READY=1 measures another build as it is; WORKERS and
# SPARE set the server's --workers and --spare-threads.
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
DURATION="${1:-10s}"; CONNS="${2:-32}"
BIN="${BIN:-$REPO/.build/release/raumboerse}"
DATA="$(mktemp -d)"; PORT=8095
[ -n "${BIN_READY:-}" ] || (cd "$REPO" && swift build -c release --product raumboerse >/dev/null)
"$BIN" demo --data-dir "$DATA" >/dev/null
python3 - "$DATA/raumboerse.sqlite" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM openingSpan WHERE roomId = 1")
c.executemany("INSERT INTO openingSpan VALUES (1, ?, 0, 1440)", [(d,) for d in range(7)])
c.execute("UPDATE room SET bookingMode = 'instant', leadHours = 0, minMinutes = 15, maxMinutes = 1440, maxDaysAhead = 730, capacity = 100 WHERE id = 1")
c.commit()
PY
taskset -c 0 "$BIN" serve --data-dir "$DATA" --port $PORT --quiet ${WORKERS:+--workers "$WORKERS"} ${SPARE:+--spare-threads "$SPARE"} --templates "$REPO/Templates" --public-dir "$REPO/Public" &
PID=$!; trap 'kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
JAR="$DATA/cookies"
TOKEN=$(curl -fs -c "$JAR" "http://127.0.0.1:$PORT/register" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
curl -fs -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "email=bench@verein.example" --data-urlencode "password=ein langes Benchmark-Passwort" \
  --data-urlencode "name=Bench" --data-urlencode "organisation_name=Bench e.V." --data-urlencode "organisation_kind=nonprofit" \
  --data-urlencode "privacy=1" --data-urlencode "csrf_token=$TOKEN" "http://127.0.0.1:$PORT/register"
CSRF=$(curl -fs -b "$JAR" "http://127.0.0.1:$PORT/rooms/1" | grep -o 'name="csrf_token" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
SID=$(awk '$6 == "sid" {print $7}' "$JAR")
BASE=$(( ($(date +%s) / 86400 + 2) * 86400 ))
COOKIE="sid=$SID" CSRF="$CSRF" BASE_DAY_EPOCH="$BASE" taskset -c 1 wrk -t1 -c"$CONNS" -d"$DURATION" -s "$REPO/Benchmarks/bookings.lua" "http://127.0.0.1:$PORT" | grep -E "Requests/sec|Latency|Non-2xx|requests in"
python3 - "$DATA/raumboerse.sqlite" "${DURATION%s}" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
confirmed = c.execute("SELECT count(*) FROM booking WHERE roomId = 1 AND status = 'confirmed' AND bookerUserId IS NOT NULL").fetchone()[0]
# Sorted by start, a confirmed booking overlaps another one iff it starts before
# the latest end among those before it: one pass, where a self-join took seconds.
overlaps = c.execute("""SELECT count(*) FROM (SELECT startsAt, max(endsAt) OVER (PARTITION BY roomId ORDER BY startsAt, id
  ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlierEnd FROM booking WHERE status = 'confirmed') WHERE startsAt < earlierEnd""").fetchone()[0]
print(f"confirmed bookings: {confirmed} ({confirmed / float(sys.argv[2]):.0f}/s), confirmed bookings overlapping an earlier one: {overlaps}")
PY
