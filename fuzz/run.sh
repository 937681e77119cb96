#!/usr/bin/env bash
# Runs one libFuzzer target: fuzz/run.sh TARGET SECONDS [extra libFuzzer flags]
# Builds and seeds if needed. Any input slower than 1 s, over 2 GiB RSS, or crashing fails the
# run (non-zero exit); the reproducer is saved under .build-fuzz/artifacts/TARGET/.
# FUZZ_CORPUS_ROOT=DIR takes the corpus from DIR/TARGET (default .build-fuzz/corpus).
set -uo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/run.sh TARGET SECONDS}
seconds=${2:?usage: fuzz/run.sh TARGET SECONDS}
shift 2

fuzz/build.sh "$target" 2> >(grep -v 'Cannot export local symbol' >&2) || exit 2
corpus="${FUZZ_CORPUS_ROOT:-.build-fuzz/corpus}/$target"
[ -d "$corpus" ] || fuzz/seeds.sh "$target" || exit 2
artifacts=".build-fuzz/artifacts/$target"
mkdir -p "$artifacts"
log=".build-fuzz/$target.log"

".build-fuzz/$target" -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 \
    -malloc_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" \
    "$corpus" > "$log" 2>&1
status=$?

runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || true)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
if [ $status -eq 0 ]; then
    echo "fuzz: $target ok: ${runs:-?} executions in ${seconds}s, $cov"
else
    echo "fuzz: $target FAILED (exit $status) after ${runs:-?} executions; log $log" >&2
    grep -E 'ERROR: |SUMMARY: |Test unit written|ALARM|==[0-9]+==' "$log" | head -20 >&2
fi
exit $status
