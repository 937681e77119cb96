#!/usr/bin/env bash
# Times `litmus audit --root TREE` against `find TREE -name '*.dist-info'` on a synthetic tree
# of ~205,000 files, then both on / of this machine, and reports peak RSS. Not a test: the
# numbers depend on the machine and its page cache. Needs hyperfine (apt-get install hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
tree=${1:-/tmp/litmus-bench/tree}
swift build -c release --product litmus >/dev/null
bin=.build/release/litmus
[ -d "$tree" ] || python3 bench/make-tree.py "$tree"
echo "== synthetic tree ($tree)"
hyperfine --warmup 1 --runs 7 -N -i \
  "$bin audit --root $tree -q --fail-on none" \
  "find $tree -name '*.dist-info'"
/usr/bin/time -f "litmus audit --root TREE: %e s, peak RSS %M KB" "$bin" audit --root "$tree" -q --fail-on none >/dev/null
echo "== / of this machine"
hyperfine --warmup 1 --runs 5 -N -i \
  "$bin audit -q --fail-on none" \
  "find / -name '*.dist-info'"
/usr/bin/time -f "litmus audit (/): %e s, peak RSS %M KB" "$bin" audit -q --fail-on none >/dev/null || true
