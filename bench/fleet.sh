#!/usr/bin/env bash
# How fast and how small `litmus fleet` is on a large fleet: makes N reports (default 10,000)
# from a real `litmus audit --format json` of this machine — each with its own host name and
# machine id, a tenth of them with their findings removed (clean hosts), one in a hundred
# truncated — then merges them with /usr/bin/time -v and prints wall time and maximum RSS.
# Goal (issue 13): 10,000 reports in ≤ 10 s and ≤ 128 MB RSS. Not a timed test.
#
# Usage: bench/fleet.sh [N]      LITMUS=path/to/litmus   (default: a release build)
#        TEMPLATE=report.json    use this report instead of auditing this machine
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10000}"
if [ -z "${LITMUS:-}" ]; then
    swift build -c release --product litmus >/dev/null
    LITMUS="$(swift build -c release --show-bin-path)/litmus"
fi
work="$(mktemp -d /tmp/litmus-fleet-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
template="${TEMPLATE:-$work/template.json}"
if [ -z "${TEMPLATE:-}" ]; then
    set +e; "$LITMUS" audit --format json --output "$template" --quiet; set -e
fi
mkdir -p "$work/reports"
python3 - "$template" "$work/reports" "$count" <<'PY'
import json, sys
template, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
doc = json.load(open(template))
doc.setdefault("machine_id", None)
full = json.dumps(doc, indent=2, sort_keys=True)
clean = dict(doc, findings=[], summary=dict(doc["summary"], findings=0))
clean = json.dumps(clean, indent=2, sort_keys=True)
host, mid = json.dumps(doc["host"]), json.dumps(doc["machine_id"])
size = 0
for i in range(count):
    text = clean if i % 10 == 0 else full
    text = text.replace('"host": ' + host, '"host": "host%05d"' % i, 1).replace('"machine_id": ' + mid, '"machine_id": "%032x"' % (i + 1), 1)
    if i % 100 == 99:
        text = text[: len(text) // 2]
    with open(f"{out}/host{i:05d}.json", "w") as f:
        f.write(text)
    size += len(text)
print(f"{count} reports, {size / 1e6:.0f} MB in all, {len(full) / 1e3:.0f} kB each (from {template})")
PY
sync
/usr/bin/time -v "$LITMUS" fleet "$work/reports" --format json --output "$work/fleet.json" 2> "$work/time.txt" || true
grep -E "Elapsed|Maximum resident|User time|System time" "$work/time.txt"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('fleet:', d['summary'])" "$work/fleet.json"
