#!/usr/bin/env bash
# Builds the libFuzzer target for the HTTP request parser and the multipart parser
# and runs it: scripts/fuzz.sh [SECONDS] (default 600). Crashers land in
# Fuzz/crashes/; each one becomes a regression test in Tests/HTTPServerTests.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TO_RUN="${1:-600}"
OUT=".build-fuzz"
mkdir -p "$OUT" Fuzz/crashes
clang -c -O1 -fsanitize=fuzzer-no-link,address -ISources/CSystemLinux/include Sources/CSystemLinux/shims.c -o "$OUT/shims.o"
# The one module of ours the server imports.
(cd "$OUT" && swiftc -O -sanitize=address -parse-as-library -module-name ThreadWaits -emit-module -emit-object \
  "$OLDPWD"/Sources/ThreadWaits/*.swift)
# The parser's module compiled with the fuzz entry, so internal types are reachable.
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name HTTPServer \
  -Xcc -ISources/CSystemLinux/include -I Sources/CZlib -ISources/CSystemLinux/include -I "$OUT" \
  $(find Sources/HTTPServer -name '*.swift') Fuzz/RequestParserFuzz.swift "$OUT/shims.o" "$OUT/ThreadWaits.o" -lz \
  -o "$OUT/fuzz-http"
mkdir -p "$OUT/corpus"
cp Fuzz/corpus/* "$OUT/corpus/"
"$OUT/fuzz-http" -max_total_time="$SECONDS_TO_RUN" -max_len=8192 -timeout=5 -artifact_prefix=Fuzz/crashes/ "$OUT/corpus"
