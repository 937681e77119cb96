#!/usr/bin/env bash
# Peak RSS of `litmus scan` on a 50 MB requirements.txt: hashed pins with `\` continuations, one
# 4 MiB comment line, the compromised pin near the end (the layout of the test
# PipRequirementsGrammarTests.fiftyMegabytesOfHashedPinsAreStreamedAndTheLatePinFound).
# The file is generated into /tmp, never into the repository. Target: peak RSS <= 128 MB.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${LITMUS_BENCH_DIR:-/tmp/litmus-bench}/requirements-size"
MB="${MB:-50}"
FILE="$WORK/requirements.txt"
mkdir -p "$WORK"

python3 - "$FILE" "$MB" <<'PY'
import sys
path, mb = sys.argv[1], int(sys.argv[2])
h = "0123456789abcdef" * 4
with open(path, "w") as f:
    f.write("# " + "c" * (4 << 20) + "\n")
    written, i, target = (4 << 20) + 3, 0, mb * 1000000 - 10000
    while written < target:
        block = f"package-{i}==1.0.{i} \\\n" + f"    --hash=sha256:{h} \\\n" * 12 + f"    --hash=sha256:{h}\n"
        f.write(block)
        written += len(block)
        i += 1
    f.write(f"litellm==1.82.7 \\\n    --hash=sha256:{h}\nsix==1.17.0\n")
PY
ls -l "$FILE"

cd "$ROOT"
swift build -c release --product litmus >/dev/null
BIN="$(swift build -c release --show-bin-path)/litmus"
set +e
/usr/bin/time -v "$BIN" scan "$FILE" --format json >"$WORK/report.json" 2>"$WORK/time.txt"
code=$?
set -e
grep -E "Maximum resident set size|Elapsed \(wall clock\)" "$WORK/time.txt"
echo "exit code $code (1 = the finding was reported)"
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); print([(f['package'], f.get('version'), f['line']) for f in r['findings']])" "$WORK/report.json"
rss=$(awk '/Maximum resident set size/ {print $6}' "$WORK/time.txt")
[ "$code" -eq 1 ] && [ "$rss" -le 131072 ] || { echo "FAIL: want exit 1 and peak RSS <= 128 MB (got $code, ${rss} KB)"; exit 1; }
echo "OK: peak RSS $((rss / 1024)) MB"
