#!/usr/bin/env bash
# Benchmarks the TOML parser on a large, real uv.lock (release build), then measures peak RSS of
# `litmus scan` on synthetic uv.lock and poetry.lock files just under the lockfile size limit
# (ReadLimits.manifest, 16 MiB). LIMIT_ONLY=1 skips the first part (which runs uv, online).
# Lockfiles are generated into /tmp (never into a repository): MBs of third-party data.
#
# The largest public lockfiles found (issue 11, searched 2026-12-02 in the code index):
#   uv.lock      apache/airflow @ 0006ca82546f88c70e9590585953c2051e8abbaf      3,328,155 bytes
#   uv.lock      mlflow/mlflow @ 012bb59686fea2eb0b3d6f8e062b7f363f4f3f11       1,392,827 bytes
#   poetry.lock  Significant-Gravitas/AutoGPT autogpt_platform/backend/poetry.lock
#                @ 008da1b7eb67b21197a5c1baffb3055534ed7a33                      753,465 bytes
# The 16 MiB limit is 5.0x the largest uv.lock and 22x the largest poetry.lock.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${LITMUS_BENCH_DIR:-/tmp/litmus-bench}"
LOCK="$WORK/uv.lock"
ITERATIONS="${ITERATIONS:-20}"

generate_lock() {
    local venv=/tmp/tomlbench-uv
    mkdir -p "$WORK"
    if [ ! -x "$venv/bin/uv" ]; then
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet uv
    fi
    # Heavy, widely used dependencies so the lock resembles a real large project.
    cat > "$WORK/pyproject.toml" <<'TOML'
[project]
name = "litmus-bench"
version = "0.0.0"
requires-python = ">=3.10"
dependencies = [
    "litellm[proxy]==1.82.6",
    "apache-airflow",
    "jupyterlab",
    "django",
    "boto3",
    "torch",
    "pandas",
    "scikit-learn",
    "fastapi",
    "sqlalchemy",
    "celery",
    "transformers",
    "langchain",
    "matplotlib",
]
TOML
    UV_CACHE_DIR="$(mktemp -d /tmp/litmus-uv-cache.XXXXXX)" \
        "$venv/bin/uv" lock --directory "$WORK"
}

cd "$ROOT"
if [ "${LIMIT_ONLY:-0}" != 1 ]; then
    [ -s "$LOCK" ] || generate_lock
    ls -l "$LOCK"
    swift build -c release --product litmus-bench
    "$(swift build -c release --show-bin-path)/litmus-bench" toml "$LOCK" --iterations "$ITERATIONS"
    "$(swift build -c release --show-bin-path)/litmus-bench" uvlock "$LOCK" --iterations "$ITERATIONS"
fi

# Peak RSS at the limit: a lockfile of 15.9 MiB (the limit is 16 MiB) per format.
swift build -c release --product litmus >/dev/null
BIN="$(swift build -c release --show-bin-path)/litmus"
for kind in uv poetry; do
    dir="$WORK/limit-$kind"
    mkdir -p "$dir"
    file="$dir/$kind.lock"
    python3 "$ROOT/bench/make-lockfile.py" "$kind" "$file" "${LIMIT_MIB:-15.9}"
    ls -l "$file"
    set +e
    /usr/bin/time -v "$BIN" scan "$file" --format json >"$dir/report.json" 2>"$dir/time.txt"
    code=$?
    set -e
    rss=$(awk '/Maximum resident set size/ {print $6}' "$dir/time.txt")
    echo "$kind.lock: exit $code (1 = litellm 1.82.7 found), peak RSS $((rss / 1024)) MiB ($rss KB), target <= 128 MB"
done
