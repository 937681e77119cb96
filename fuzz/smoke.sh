#!/usr/bin/env bash
# CI smoke run: builds every fuzz target, seeds a fresh corpus, and runs each target for
# FUZZ_SMOKE_SECONDS (default 25) one after another. Prints executions per target and the
# total time; exits non-zero if any target crashed, hung (>1 s on an input) or ran out of
# memory. Reproducers land in .build-fuzz/artifacts/TARGET/.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SMOKE_SECONDS:-25}
start=$(date +%s)

fuzz/build.sh 2> >(grep -v 'Cannot export local symbol' >&2) || exit 2
export FUZZ_CORPUS_ROOT=.build-fuzz/smoke-corpus
rm -rf "$FUZZ_CORPUS_ROOT"
fuzz/seeds.sh 2>/dev/null || exit 2
echo "fuzz smoke: built and seeded in $(( $(date +%s) - start ))s"

failed=()
for f in fuzz/targets/*.swift; do
    t=$(basename "$f" .swift)
    fuzz/run.sh "$t" "$seconds" || failed+=("$t")
done

echo "fuzz smoke: $(( $(date +%s) - start ))s in total"
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz smoke: FAILED: ${failed[*]}" >&2
    exit 1
fi
