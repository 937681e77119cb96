#!/usr/bin/env bash
# Validates litmus's machine-readable output against the published schemas:
#   - json  reports  -> schema/report.schema.json (JSON Schema 2020-12)
#   - sarif reports  -> ../shared/conformance/schemas/sarif-schema-2.1.0.json
#   - seeds/*.json and `litmus advisories --format json` -> osv-schema.json
#   - `litmus fleet --format json` over all those reports -> schema/fleet.schema.json, and a
#     fleet runner's failure record -> schema/fleet-failures.schema.json
# Builds litmus, scans several real fixtures (clean, compromised, with an ignore file, with a
# scan error), prints what was validated with counts, and exits non-zero on any failure.
# Swift has no JSON Schema library, so the checking is a few lines of Python with jsonschema.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
schemas="${LITMUS_SCHEMAS:-$here/../shared/conformance/schemas}"
cd "$here"

python3 -c 'import jsonschema' 2>/dev/null || python3 -m pip install --quiet jsonschema

swift build --product litmus >/dev/null
litmus="$(swift build --show-bin-path)/litmus"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# A fixture copy with an ignore file (one entry ignoring, one expired) and an unreadable file.
work="$out/work"
mkdir -p "$work/proj"
cp fixtures/requirements/spellings/requirements.txt "$work/proj/requirements.txt"
cp fixtures/requirements/pip-freeze/compromised/requirements.txt "$work/proj/requirements-dev.txt"
cat > "$work/proj/.litmus.toml" <<'TOML'
[[ignore]]
id = "PYSEC-2026-2"
path = "requirements-dev.txt"
reason = "validation fixture: an ignored finding"

[[ignore]]
id = "MAL-2026-2144"
path = "**/requirements.txt"
reason = "validation fixture: an expired entry"
expires = 2020-01-01
TOML

cases=(
  "clean:fixtures/requirements/pip-freeze/clean"
  "requirements:fixtures/requirements/spellings"
  "ranges:fixtures/requirements/ranges"
  "installed:fixtures/dist-info/pip-venv/compromised"
  "egg-info:fixtures/dist-info/egg-info"
  "ignore-file:$work/proj"
  "missing-path:$work/does-not-exist"
  "audit-venv:audit:fixtures/dist-info/pip-venv/compromised"
  "audit-tree:audit:fixtures"
)
for case in "${cases[@]}"; do
  name="${case%%:*}"; path="${case#*:}"
  command=(scan "$path")
  if [[ "$path" == audit:* ]]; then command=(audit --root "${path#audit:}"); fi
  set +e
  "$litmus" "${command[@]}" --format json,sarif,junit,markdown --output-dir "$out/$name" 2>"$out/$name.stderr"
  code=$?
  set -e
  if [[ $code -ne 0 && $code -ne 1 && $code -ne 3 ]]; then
    echo "FAIL: litmus scan $path exited $code"; cat "$out/$name.stderr"; exit 1
  fi
  echo "$code" > "$out/$name.exit"
done

"$litmus" advisories --format json > "$out/advisories.json"

# litmus fleet over every JSON report above, a fleet runner's failure record and a truncated copy.
fleet_in="$work/fleet"
mkdir -p "$fleet_in"
for case in "${cases[@]}"; do name="${case%%:*}"; cp "$out/$name/litmus.json" "$fleet_in/$name.json"; done
head -c 200 "$out/installed/litmus.json" > "$fleet_in/truncated.json"
cat > "$fleet_in/failures.json" <<'JSON'
{"schema_version": "1.0.0", "kind": "litmus-fleet-failures",
 "failures": [{"host": "db9", "stage": "unreachable", "message": "validation fixture: host not reached"}]}
JSON
set +e
"$litmus" fleet "$fleet_in" --format json --output "$work/fleet.json"
echo $? > "$work/fleet.exit"
set -e

OUT="$out" SCHEMAS="$schemas" python3 - <<'PY'
import json, os, sys, glob, xml.dom.minidom
from jsonschema import Draft202012Validator, Draft7Validator, validators

out, schemas = os.environ["OUT"], os.environ["SCHEMAS"]
def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)

def validator(schema):
    cls = validators.validator_for(schema, default=Draft202012Validator)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)

report = validator(load("schema/report.schema.json"))
sarif = validator(load(os.path.join(schemas, "sarif-schema-2.1.0.json")))
osv = validator(load(os.path.join(schemas, "osv-schema.json")))
failures, counts = 0, {}

def check(kind, v, doc, label):
    global failures
    errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
    counts[kind] = counts.get(kind, 0) + 1
    for e in errors[:5]:
        print(f"FAIL {kind} {label}: {'/'.join(map(str, e.path))}: {e.message[:200]}")
    failures += bool(errors)
    return not errors

for d in sorted(p for p in glob.glob(os.path.join(out, "*")) if os.path.isdir(p) and not p.endswith("/work")):
    name = os.path.basename(d)
    exit_code = int(open(d + ".exit").read())
    j, s = load(os.path.join(d, "litmus.json")), load(os.path.join(d, "litmus.sarif"))
    ok = check("report", report, j, name) & check("sarif", sarif, s, name)
    xml.dom.minidom.parse(os.path.join(d, "litmus.junit.xml"))  # well-formed XML or raise
    counts["junit"] = counts.get("junit", 0) + 1
    if j["exit_code"] != exit_code:
        print(f"FAIL {name}: JSON says exit {j['exit_code']}, process exited {exit_code}"); failures += 1
    results = s["runs"][0]["results"]
    suppressed = sum(1 for r in results if r.get("suppressions"))
    print(f"{'ok  ' if ok else 'FAIL'} {name:13} exit {exit_code}  json: {len(j['findings'])} findings, "
          f"{len(j['ignored'])} ignored, {len(j['errors'])} errors, {len(j['warnings'])} warnings  "
          f"sarif: {len(s['runs'][0]['tool']['driver']['rules'])} rules, {len(results)} results ({suppressed} suppressed)")

for seed in sorted(glob.glob("seeds/*.json")):
    if check("osv", osv, load(seed), seed):
        print(f"ok   osv {seed}")
exported = load(os.path.join(out, "advisories.json"))
good = sum(check("osv", osv, rec, "advisories --format json " + rec.get("id", "?")) for rec in exported)
print(f"{'ok  ' if good == len(exported) else 'FAIL'} osv litmus advisories --format json: {good}/{len(exported)} records")

fleet = validator(load("schema/fleet.schema.json"))
failures_schema = validator(load("schema/fleet-failures.schema.json"))
fdoc = load(os.path.join(out, "work", "fleet.json"))
fleet_exit = int(open(os.path.join(out, "work", "fleet.exit")).read())
fok = check("fleet", fleet, fdoc, "fleet") & check("fleet-failures", failures_schema, load(os.path.join(out, "work", "fleet", "failures.json")), "failures")
if fdoc["exit_code"] != fleet_exit:
    print(f"FAIL fleet: JSON says exit {fdoc['exit_code']}, process exited {fleet_exit}"); failures += 1
statuses = {}
for h in fdoc["hosts"]:
    statuses[h["status"]] = statuses.get(h["status"], 0) + 1
print(f"{'ok  ' if fok else 'FAIL'} fleet         exit {fleet_exit}  {fdoc['summary']['files_read']} files, hosts: "
      + ", ".join(f"{n} {k}" for k, n in sorted(statuses.items())) + f", {len(fdoc['problems'])} problems")

print("validated: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) + f"; failures: {failures}")
sys.exit(1 if failures else 0)
PY
