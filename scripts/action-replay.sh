#!/usr/bin/env bash
# Replays the GitHub Action (action.yml) locally and offline, on fixture repositories, the way
# a runner would: each `run:` step's script and `env:` block are read from action.yml itself,
# `${{ inputs.* }}` / `${{ steps.*.outputs.* }}` / `${{ runner.* }}` in env are resolved, step
# outputs go through $GITHUB_OUTPUT, and the `if:` conditions are applied as written there.
# The `uses:` steps are stood in for: actions/cache by a local directory per key (restore
# before, save after, like the real action), upload-artifact and upload-sarif by checking
# the files they would upload exist.
#
# Paths replayed:
#   release  the release binary served from file:// (no network), its SHA-256 verified;
#   tamper   the same with a modified binary: the step must refuse it (exit 2);
#   cache    no verifiable release: the build is restored from the cache under the key made
#            of the action's sources (seeded as a previous job would have saved it);
#   key      changing one source file changes the cache key (so a stale build is never used);
#   build    (LITMUS_REPLAY_BUILD=1 only: a full release build) cache miss, build, save, then hit.
# Usage: scripts/action-replay.sh [BINARY]   (default dist/litmus-VERSION-linux-ARCH)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd -P)"
action="$repo/action.yml"

version="$(sed -n 's/.*public static let toolVersion = "\([^"]*\)".*/\1/p' Sources/LitmusAdvisories/ScanReport.swift)"
case "$(uname -m)" in x86_64|amd64) arch=x86_64 ;; aarch64|arm64) arch=aarch64 ;; *) arch="$(uname -m)" ;; esac
binary="${1:-dist/litmus-$version-linux-$arch}"
if [ ! -x "$binary" ]; then echo "action-replay: $binary missing; building it with scripts/release.sh"; scripts/release.sh; fi
binary="$(cd "$(dirname "$binary")" && pwd -P)/$(basename "$binary")"

work="$(mktemp -d /tmp/litmus-action-replay.XXXXXX)"
trap 'rm -rf "$work"' EXIT
failures=0
pass() { echo "ok   - $1"; }
fail() { echo "FAIL - $1" >&2; failures=$((failures + 1)); }

# Every `uses:` is pinned by a full commit SHA.
while read -r line; do
    ref="${line#*uses: }"; ref="${ref%% *}"
    if [[ "$ref" =~ @[0-9a-f]{40}$ ]]; then pass "pinned: $ref"; else fail "not pinned by full SHA: $ref"; fi
done < <(grep -E '^\s+uses:' "$action")
grep -q 'github/codeql-action/upload-sarif@[0-9a-f]\{40\} # v4' "$action" && pass "upload-sarif is on v4" || fail "upload-sarif is not on v4"

# step_field ID run|env|if: the step's run script (dedented), env lines, or if expression.
step_field() {
    awk -v id="$1" -v want="$2" '
        /^    - name:/ { in_step = 0; mode = "" }
        $0 == "      id: " id { in_step = 1; next }
        !in_step { next }
        /^      run: \|/ { mode = "run"; next }
        /^      env:/ { mode = "env"; next }
        /^      if: / && want == "if" { sub(/^      if: /, ""); print; next }
        /^      [a-z-]+:/ { mode = "" }
        mode == "run" && want == "run" { sub(/^        /, ""); print }
        mode == "env" && want == "env" && /^        [A-Z0-9_]+:/ { sub(/^        /, ""); print }
    ' "$action"
}

declare -A INPUT OUT
# The action's declared defaults, then the scenario's overrides.
set_defaults() {
    INPUT=()
    OUT=()
    local name
    while IFS=$'\t' read -r name value; do INPUT[$name]="$value"; done < <(awk '
        /^inputs:/ { on = 1; next } /^outputs:/ { on = 0 }
        on && /^  [a-z0-9-]+:$/ { name = substr($1, 1, length($1) - 1) }
        on && /^    default:/ { v = substr($0, index($0, ":") + 2); gsub(/^"|"$/, "", v); print name "\t" v }
    ' "$action")
}

resolve() {  # one ${{ ... }} expression of an env value
    local e="$1"
    e="${e#\$\{\{ }"; e="${e% \}\}}"
    case "$e" in
        inputs.*) printf '%s' "${INPUT[${e#inputs.}]-}" ;;
        steps.*.outputs.*) local s="${e#steps.}"; printf '%s' "${OUT[${s%%.outputs.*}.${s#*.outputs.}]-}" ;;
        runner.os) printf 'Linux' ;;
        runner.arch) printf 'X64' ;;
        *) echo "action-replay: cannot resolve \${{ $e }}" >&2; return 1 ;;
    esac
}

# Evaluates the `if:` forms action.yml uses: a != / == b, &&, always().
condition() {
    local expr
    expr="$(step_field "$1" if)"
    [ -z "$expr" ] && return 0
    expr="${expr#\$\{\{ }"; expr="${expr% \}\}}"
    local py
    py="$(printf '%s' "$expr" | sed -E "s/always\(\)/true/g; s/steps\.([a-z0-9-]+)\.outputs\.([a-z0-9-]+)/[OUT:\1.\2]/g; s/inputs\.([a-z0-9-]+)/[IN:\1]/g")"
    # Substitute values as quoted strings, then evaluate with bash [[ ]] clause by clause.
    local out="$py" key val
    while [[ "$out" =~ \[OUT:([a-z0-9.-]+)\] ]]; do key="${BASH_REMATCH[1]}"; val="${OUT[$key]-}"; out="${out//\[OUT:$key\]/\'$val\'}"; done
    while [[ "$out" =~ \[IN:([a-z0-9-]+)\] ]]; do key="${BASH_REMATCH[1]}"; val="${INPUT[$key]-}"; out="${out//\[IN:$key\]/\'$val\'}"; done
    out="${out//\'/\"}"
    eval "[[ $(printf '%s' "$out" | sed -E 's/\(/( /g; s/\)/ )/g') ]]"
}

run_step() {  # run_step ID: runs the step if its condition holds; 0 skipped or passed
    local id="$1"
    if ! condition "$id"; then echo "     (step $id skipped)"; return 0; fi
    step_field "$id" run >"$work/step-$id.sh"
    local envs=() name value
    while IFS= read -r line; do
        name="${line%%:*}"; value="${line#*: }"
        envs+=("$name=$(resolve "$value")")
    done < <(step_field "$id" env)
    : >"$work/output-$id"
    local code=0
    (cd "$WORKSPACE" && env "${envs[@]}" GITHUB_ACTION_PATH="$ACTION_PATH" GITHUB_OUTPUT="$work/output-$id" \
        GITHUB_STEP_SUMMARY="$work/summary.md" RUNNER_TEMP="$RUNNER_TEMP" GITHUB_WORKSPACE="$WORKSPACE" \
        GITHUB_ACTION_REPOSITORY=litmus/litmus bash --noprofile --norc -eo pipefail "$work/step-$id.sh") >"$work/log-$id" 2>&1 || code=$?
    while IFS= read -r kv; do [ -n "$kv" ] && OUT["$id.${kv%%=*}"]="${kv#*=}"; done <"$work/output-$id"
    return "$code"
}

cache_step() {  # stands in for actions/cache: restore now, save when the job ends (save_cache)
    if ! condition cache; then echo "     (step cache skipped)"; return 0; fi
    CACHE_KEY="litmus-build-Linux-X64-${OUT[plan.source-hash]}"
    if [ -d "$CACHE_STORE/$CACHE_KEY" ]; then
        mkdir -p "${OUT[plan.cache-dir]}"
        cp -a "$CACHE_STORE/$CACHE_KEY/." "${OUT[plan.cache-dir]}/"
        OUT[cache.cache-hit]=true
    else
        OUT[cache.cache-hit]=false
    fi
}

save_cache() {
    if [ "${OUT[cache.cache-hit]-}" = "false" ] && [ -d "${OUT[plan.cache-dir]}" ]; then
        mkdir -p "$CACHE_STORE/$CACHE_KEY"
        cp -a "${OUT[plan.cache-dir]}/." "$CACHE_STORE/$CACHE_KEY/"
    fi
}

# job WORKSPACE: runs every step in order, as the runner does; sets JOB_EXIT.
job() {
    WORKSPACE="$1"
    RUNNER_TEMP="$work/runner-temp"; rm -f "$work"/log-*
    rm -rf "$RUNNER_TEMP"; mkdir -p "$RUNNER_TEMP"
    JOB_EXIT=0
    local t0; t0=$(date +%s%N); JOB_MS=0
    run_step plan || { JOB_EXIT=$?; return; }
    run_step download || { JOB_EXIT=$?; return; }
    cache_step
    run_step build || { JOB_EXIT=$?; return; }
    run_step scan || { JOB_EXIT=$?; echo "     (step scan failed: $(tail -3 "$work/log-scan"))"; return; }
    run_step gate || JOB_EXIT=$?
    save_cache
    JOB_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

expect() {  # expect DESCRIPTION ACTUAL EXPECTED
    if [ "$2" = "$3" ]; then pass "$1 ($2)"; else fail "$1: got '$2', expected '$3'"; for f in "$work"/log-*; do echo "--- $f" >&2; tail -5 "$f" >&2; done; fi
}

# Fixture repositories: a compromised and a clean one.
mkdir -p "$work/compromised" "$work/clean"
cp "$repo/fixtures/requirements/uv-export/compromised/requirements.txt" "$work/compromised/"
cp "$repo/fixtures/requirements/uv-export/clean/requirements.txt" "$work/clean/"
mirror="$work/mirror"; mkdir -p "$mirror"
asset="litmus-$version-linux-$arch"
cp "$binary" "$mirror/$asset"
sha="$(sha256sum "$binary" | cut -d' ' -f1)"
ACTION_PATH="$repo"
CACHE_STORE="$work/cache-store"

echo "# release path (file:// mirror, SHA-256 given)"
for case in compromised clean; do
    set_defaults
    INPUT[release-url]="file://$mirror"; INPUT[sha256]="$sha"; INPUT[sarif]=yes; INPUT[sarif-category]="litmus-$case"
    job "$work/$case"
    expected=1; [ "$case" = clean ] && expected=0
    expect "release/$case: installed from" "${OUT[scan.installed-from]-}" release
    expect "release/$case: exit-code output" "${OUT[scan.exit-code]-}" "$expected"
    expect "release/$case: the job's exit" "$JOB_EXIT" "$expected"
    [ "$case" = compromised ] && expect "release/$case: critical findings counted" "$([ "${OUT[scan.critical]:-0}" -ge 1 ] && echo yes || echo no)" yes
    [ "$case" = clean ] && expect "release/$case: findings output" "${OUT[scan.findings]-}" 0
    expect "release/$case: errors output" "${OUT[scan.errors]-}" 0
    for f in litmus.txt litmus.json litmus.md litmus.sarif; do
        expect "release/$case: report artifact holds $f" "$([ -s "${OUT[scan.report-dir]-/nonexistent}/$f" ] && echo yes || echo no)" yes
    done
    echo "     release/$case job: ${JOB_MS} ms"
done

echo "# tampered release"
set_defaults
printf 'x' >>"$mirror/$asset"
INPUT[release-url]="file://$mirror"; INPUT[sha256]="$sha"
job "$work/compromised"
expect "tamper: the download step refuses the binary" "$JOB_EXIT" 2
expect "tamper: nothing was run" "${OUT[scan.exit-code]-none}" none
grep -q "refusing to run it" "$work/log-download" && pass "tamper: the log says why" || fail "tamper: no refusal message"

echo "# cache path (no recorded SHA-256 for the version)"
set_defaults
INPUT[version]="0.0.0-unreleased"; INPUT[release-url]="file://$mirror"
run_step plan >/dev/null 2>&1 || true
key="litmus-build-Linux-X64-${OUT[plan.source-hash]}"
mkdir -p "$CACHE_STORE/$key"; cp "$binary" "$CACHE_STORE/$key/litmus"   # what a previous job saved
set_defaults
INPUT[version]="0.0.0-unreleased"; INPUT[release-url]="file://$mirror"
job "$work/compromised"
expect "cache: download skipped (no trusted hash)" "${OUT[download.ok]-skipped}" skipped
expect "cache: restored from the cache" "${OUT[cache.cache-hit]-}" true
expect "cache: installed from" "${OUT[scan.installed-from]-}" cache
expect "cache: exit-code output" "${OUT[scan.exit-code]-}" 1
echo "     cache job: ${JOB_MS} ms"

echo "# cache key follows the sources"
copy="$work/action-copy"; mkdir -p "$copy"
cp -a "$repo/Package.swift" "$repo/Sources" "$repo/action.yml" "$copy/"
ACTION_PATH="$copy"; set_defaults; run_step plan >/dev/null 2>&1 || true; same="${OUT[plan.source-hash]}"
printf '\n// changed\n' >>"$copy/Sources/litmus/main.swift"
set_defaults; run_step plan >/dev/null 2>&1 || true; changed="${OUT[plan.source-hash]}"
ACTION_PATH="$repo"
expect "key: the same sources give the same key" "$same" "${key#litmus-build-Linux-X64-}"
expect "key: a changed source changes the key" "$([ "$changed" != "$same" ] && echo yes || echo no)" yes

if [ "${LITMUS_REPLAY_BUILD:-0}" = 1 ]; then
    echo "# build path (cache miss, build, save, hit)"
    rm -rf "$CACHE_STORE"
    set_defaults; INPUT[version]="0.0.0-unreleased"; INPUT[release-url]="file://$mirror"
    job "$work/compromised"
    expect "build: built from sources" "${OUT[scan.installed-from]-}" build
    expect "build: exit-code output" "${OUT[scan.exit-code]-}" 1
    set_defaults; INPUT[version]="0.0.0-unreleased"; INPUT[release-url]="file://$mirror"
    job "$work/compromised"
    expect "build: the next job hits the saved cache" "${OUT[scan.installed-from]-}" cache
fi

if [ "$failures" -ne 0 ]; then echo "action-replay: $failures check(s) failed" >&2; exit 1; fi
echo "action-replay: all checks passed"
