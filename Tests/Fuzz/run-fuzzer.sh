#!/usr/bin/env bash
# Fuzzes the default pipeline with libFuzzer and the address sanitizer.
#
#   Tests/Fuzz/run-fuzzer.sh SECONDS [libFuzzer flags...]
#
# Builds Sources/WikiCleanFuzz with -DFUZZING into .build-fuzz, then runs it for SECONDS
# with the seeds in Tests/Fuzz/corpus and the dictionary Tests/Fuzz/wikiclean.dict.
# New interesting inputs go to .build-fuzz/corpus (kept between runs), crashes and broken
# invariants to .build-fuzz/artifacts/. Replay one with a normal build:
#   swift run WikiCleanFuzz .build-fuzz/artifacts/crash-…
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

seconds=${1:?usage: $0 SECONDS [libFuzzer flags...]}
shift

# -sanitize=fuzzer instruments the Swift code for coverage and links libFuzzer; libFuzzer's
# own main is not used: the harness calls LLVMFuzzerRunDriver from its Swift main.
swift build -c release --scratch-path .build-fuzz --product WikiCleanFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING

# -detect_leaks=0: LeakSanitizer reports the compiled chrome rules as leaked. They are not:
# Swift stores enum case tags in the spare bits of heap pointers (Template.Piece is an
# indirect enum), so the scanner does not recognise those pointers.
bin=.build-fuzz/release/WikiCleanFuzz
mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0} exec "$bin" .build-fuzz/corpus Tests/Fuzz/corpus \
    -dict=Tests/Fuzz/wikiclean.dict \
    -max_total_time="$seconds" \
    -max_len=8192 \
    -timeout=30 \
    -rss_limit_mb=4096 \
    -artifact_prefix=.build-fuzz/artifacts/ \
    -print_final_stats=1 \
    -detect_leaks=0 \
    "$@"
