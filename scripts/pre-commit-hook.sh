#!/usr/bin/env bash
# The `litmus` pre-commit hook: builds only the litmus product of this repository (at the rev
# the user pinned; once, then incrementally from pre-commit's cached clone) and runs it with the
# hook's arguments in the user's repository.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd -P)"
if ! command -v swift >/dev/null 2>&1; then
    echo "litmus hook: needs a Swift 6 toolchain; or use the litmus-system hook with a release binary on PATH" >&2
    exit 2
fi
swift build -c release --product litmus --package-path "$here" >&2
exec "$(swift build -c release --product litmus --package-path "$here" --show-bin-path)/litmus" "$@"
