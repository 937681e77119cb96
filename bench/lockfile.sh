#!/usr/bin/env bash
# Benchmarks the TOML parser on a large, real uv.lock (release build).
# The lockfile is generated once into /tmp (never into a repository) because it is
# ~MBs of third-party data that would otherwise bloat the project.
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

[ -s "$LOCK" ] || generate_lock
ls -l "$LOCK"

cd "$ROOT"
swift build -c release --product litmus-bench
"$(swift build -c release --show-bin-path)/litmus-bench" toml "$LOCK" --iterations "$ITERATIONS"
"$(swift build -c release --show-bin-path)/litmus-bench" uvlock "$LOCK" --iterations "$ITERATIONS"
