#!/usr/bin/env bash
# Feeds litmus's reports to the programs that read them downstream and checks they understand
# what litmus meant. Run by .ci/run; needs PyPI (clients go into a throwaway venv).
#
#   sarif-tools            `sarif --check error` fails exactly when litmus exits 1 (--fail-on high)
#   GitHub's SARIF rules   every rule of "SARIF support for code scanning" checkable offline
#                          (a small checker below), plus litmus's own promises (one severity per
#                          rule, ignored findings not results, distinct fingerprints, hosts)
#   DefectDojo mapping     the severity DefectDojo's SARIF parser (rule security-severity ->
#                          cvss_to_severity) and CycloneDX parser (ratings[0].severity) would
#                          import equals the finding's severity in the JSON report
#   junitparser            failures > 0 exactly when the exit code is 1, errors > 0 when it is 3
#   cyclonedx-python-lib   JsonStrictValidator(1.6) accepts every CycloneDX report
#
# Cases: the fixture reports of validate-reports.sh, the reporters' golden files, an all-ignored project, a range-only
# project, and two audits of one tree under two host names (unshare --uts) whose fingerprints
# must differ. Prints one line per case and check, exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

SARIF_TOOLS_VERSION=3.0.5
JUNITPARSER_VERSION=5.0.3
CYCLONEDX_LIB_VERSION=11.12.0

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

if ! python3 -m venv "$out/venv" >/dev/null 2>&1; then
  # Debian splits venv out of python3; .ci/run may install packages on a fresh machine.
  (apt-get update -qq && apt-get install -y -qq python3-venv) >/dev/null 2>&1 || true
  rm -rf "$out/venv"
  python3 -m venv "$out/venv"
fi
"$out/venv/bin/pip" install --quiet --disable-pip-version-check \
  "sarif-tools==$SARIF_TOOLS_VERSION" "junitparser==$JUNITPARSER_VERSION" \
  "cyclonedx-python-lib[json-validation]==$CYCLONEDX_LIB_VERSION"
py="$out/venv/bin/python"

swift build --product litmus >/dev/null
litmus="$(swift build --show-bin-path)/litmus"

work="$out/work"
mkdir -p "$work/ignored" "$work/mixed"
cp fixtures/requirements/pip-freeze/compromised/requirements.txt "$work/ignored/requirements.txt"
cat > "$work/ignored/.litmus.toml" <<'TOML'
[[ignore]]
id = "MAL-2026-2144"
reason = "check-clients: every finding here is ignored"
TOML
cp fixtures/requirements/spellings/requirements.txt "$work/mixed/requirements.txt"
cp fixtures/requirements/pip-freeze/compromised/requirements.txt "$work/mixed/requirements-dev.txt"
cat > "$work/mixed/.litmus.toml" <<'TOML'
[[ignore]]
id = "MAL-2026-2144"
path = "requirements-dev.txt"
reason = "check-clients: one file ignored"
TOML

cases=(
  "clean|scan fixtures/requirements/pip-freeze/clean"
  "requirements|scan fixtures/requirements/spellings"
  "ranges|scan fixtures/requirements/ranges"
  "installed|scan fixtures/dist-info/pip-venv/compromised"
  "egg-info|scan fixtures/dist-info/egg-info"
  "ignored|scan $work/ignored"
  "mixed-ignored|scan $work/mixed"
  "missing-path|scan $work/does-not-exist"
  "absolute-root|scan $here/fixtures/requirements/pip-freeze/compromised"
  "audit-venv|audit --root fixtures/dist-info/pip-venv/compromised"
  "audit-tree|audit --root fixtures"
)
run_case() {  # name, then the litmus arguments
  local name="$1"; shift
  set +e
  "$@" --format json,sarif,junit,cyclonedx --output-dir "$out/reports/$name" 2>"$out/reports/$name.stderr"
  local code=$?
  set -e
  if [[ $code -ne 0 && $code -ne 1 && $code -ne 3 ]]; then
    echo "FAIL $name: litmus exited $code"; cat "$out/reports/$name.stderr"; exit 1
  fi
  echo "$code" > "$out/reports/$name.exit"
}
mkdir -p "$out/reports"
for case in "${cases[@]}"; do
  name="${case%%|*}"; read -r -a words <<< "${case#*|}"
  run_case "$name" "$litmus" "${words[@]}"
done

# Two hosts, one tree: the same audit under two UTS host names.
hosts=0
for h in host-a host-b; do
  if unshare --uts sh -c "hostname $h && exec \"\$@\"" sh "$litmus" audit --root fixtures/dist-info/pip-venv/compromised \
       --format json,sarif,junit,cyclonedx --output-dir "$out/hosts/$h" 2>/dev/null; [[ -f "$out/hosts/$h/litmus.sarif" ]]; then
    hosts=$((hosts + 1))
  fi
done
if [[ $hosts -ne 2 ]]; then
  echo "FAIL two-host check: could not run litmus under two host names (unshare --uts needs root)"; exit 1
fi

# The reporters' golden files (fixed reports, Tests/LitmusCoreTests/Golden) are reports too.
for g in scan audit hostile; do
  mkdir -p "$out/reports/golden-$g"
  for ext in json sarif junit.xml cdx.json; do cp "Tests/LitmusCoreTests/Golden/$g.$ext" "$out/reports/golden-$g/litmus.$ext"; done
  "$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["exit_code"])' "$out/reports/golden-$g/litmus.json" > "$out/reports/golden-$g.exit"
done

# sarif-tools: the exit status of `sarif --check error` against litmus's own (fail-on high).
for dir in "$out"/reports/*/; do
  name="$(basename "$dir")"
  set +e
  "$out/venv/bin/sarif" --check error summary "$dir/litmus.sarif" > "$dir/sarif-summary.txt" 2>&1
  echo $? > "$dir/sarif-check.exit"
  set -e
done

OUT="$out" "$py" - <<'PY'
import json, os, glob, sys
from urllib.parse import urlparse, unquote
import junitparser
from cyclonedx.schema import SchemaVersion
from cyclonedx.validation.json import JsonStrictValidator

out = os.environ["OUT"]
failures = 0
def fail(case, what):
    global failures
    failures += 1
    print(f"FAIL {case}: {what}")

def load(p):
    with open(p, encoding="utf-8") as f:
        return json.load(f)

LEVELS = {"none", "note", "warning", "error"}
PRECISIONS = {"very-high", "high", "medium", "low"}

def github_rules(case, sarif, report):
    """The rules of GitHub's 'SARIF support for code scanning' page that need no upload."""
    problems = []
    p = problems.append
    if sarif.get("version") != "2.1.0": p("version is not 2.1.0")
    if not isinstance(sarif.get("$schema"), str): p("no $schema")
    runs = sarif.get("runs")
    if not isinstance(runs, list) or not runs: return problems + ["runs missing or empty"]
    if len(runs) > 20: p(f"{len(runs)} runs (GitHub accepts 20)")
    for run in runs:
        driver = run.get("tool", {}).get("driver", {})
        if not driver.get("name"): p("tool.driver.name missing")
        rules = driver.get("rules", [])
        if len(rules) > 25000: p(f"{len(rules)} rules (limit 25,000)")
        results = run.get("results")
        if not isinstance(results, list): p("results missing"); continue
        if len(results) > 25000: p(f"{len(results)} results (limit 25,000)")
        auto = run.get("automationDetails", {}).get("id")
        if not isinstance(auto, str) or not auto: p("automationDetails.id missing")
        bases = run.get("originalUriBaseIds", {})
        for k, v in bases.items():
            # SARIF 2.1.0 3.14.14: a base is an absolute URI, or has none (resolved by the reader).
            if "uri" not in v:
                if not v.get("description", {}).get("text"): p(f"originalUriBaseIds {k} has neither uri nor description")
                continue
            u = v["uri"]
            if not (urlparse(u).scheme == "file" and u.endswith("/")): p(f"originalUriBaseIds {k} is not an absolute directory URI: {u}")
        by_id = {}
        for r in rules:
            rid = r.get("id")
            if not rid: p("rule without id"); continue
            if rid in by_id: p(f"duplicate rule id {rid}")
            by_id[rid] = r
            for field in ("shortDescription", "fullDescription", "help"):
                if not r.get(field, {}).get("text"): p(f"rule {rid}: {field}.text missing")
            if len(r.get("shortDescription", {}).get("text", "")) > 1024: p(f"rule {rid}: shortDescription over 1024 characters")
            lvl = r.get("defaultConfiguration", {}).get("level")
            if lvl is not None and lvl not in LEVELS: p(f"rule {rid}: level {lvl}")
            props = r.get("properties", {})
            tags = props.get("tags", [])
            if len(tags) > 20: p(f"rule {rid}: {len(tags)} tags (GitHub shows 20)")
            sev = props.get("security-severity")
            if sev is not None:
                try:
                    score = float(sev)
                    if not 0.0 <= score <= 10.0: p(f"rule {rid}: security-severity {sev} outside 0-10")
                except ValueError:
                    p(f"rule {rid}: security-severity {sev!r} is not a number")
                if "security" not in tags: p(f"rule {rid}: security-severity without the 'security' tag")
            if "precision" in props and props["precision"] not in PRECISIONS: p(f"rule {rid}: precision {props['precision']}")
        index = [r.get("id") for r in rules]
        prints = []
        roots = [x for x in run.get("properties", {}).get("roots", []) if x.startswith("/")]
        for i, res in enumerate(results):
            where = f"result {i}"
            rid = res.get("ruleId")
            if rid not in by_id: p(f"{where}: ruleId {rid} has no rule")
            if "ruleIndex" in res and (res["ruleIndex"] >= len(index) or index[res["ruleIndex"]] != rid): p(f"{where}: ruleIndex does not point at {rid}")
            if res.get("level", "warning") not in LEVELS: p(f"{where}: level {res.get('level')}")
            if not res.get("message", {}).get("text"): p(f"{where}: message.text missing")
            locs = res.get("locations", [])
            if not locs: p(f"{where}: no location")
            if len(locs) > 1000: p(f"{where}: more than 1000 locations")
            for loc in locs:
                pl = loc.get("physicalLocation", {})
                art = pl.get("artifactLocation", {})
                uri = art.get("uri")
                if not uri: p(f"{where}: artifactLocation.uri missing"); continue
                scheme = urlparse(uri).scheme
                if "uriBaseId" in art:
                    if scheme or uri.startswith("/"): p(f"{where}: uri {uri} with a uriBaseId is not relative")
                    if art["uriBaseId"] not in bases: p(f"{where}: uriBaseId {art['uriBaseId']} not in originalUriBaseIds")
                elif scheme != "file":
                    p(f"{where}: relative uri {uri} without uriBaseId")
                else:
                    path = unquote(urlparse(uri).path)
                    if any(path == r or path.startswith(r.rstrip("/") + "/") for r in roots): p(f"{where}: absolute uri under a scan root: {uri}")
                reg = pl.get("region")
                if reg is not None:
                    need = ("startLine", "startColumn", "endLine", "endColumn")
                    if any(k not in reg for k in need): p(f"{where}: region without {', '.join(k for k in need if k not in reg)}")
                    elif reg["startLine"] < 1 or (reg["endLine"], reg["endColumn"]) <= (reg["startLine"], reg["startColumn"]): p(f"{where}: empty or reversed region {reg}")
            fp = res.get("partialFingerprints")
            if not isinstance(fp, dict) or not fp or not all(isinstance(v, str) and v for v in fp.values()): p(f"{where}: no partialFingerprints")
            else: prints.append(json.dumps(fp, sort_keys=True))
            if res.get("suppressions"): p(f"{where}: a suppressed result (GitHub opens an alert for it; litmus leaves ignored findings out)")
            rule = by_id.get(rid, {})
            if rule and res.get("level") != rule.get("defaultConfiguration", {}).get("level"): p(f"{where}: level differs from its rule's")
            sev = res.get("properties", {}).get("severity")
            if rule and sev and res.get("properties", {}).get("security-severity") != rule.get("properties", {}).get("security-severity"):
                p(f"{where}: {sev} result under a rule with another security-severity")
            if report["command"] == "audit" and f"on host {report['host']}" not in res.get("message", {}).get("text", ""): p(f"{where}: audit message lacks the host")
        if len(set(prints)) != len(prints): p("two results share a fingerprint")
        if run.get("properties", {}).get("host") != report["host"]: p("run.properties.host is not the report's host")
        if len(results) != len(report["findings"]): p(f"{len(results)} results for {len(report['findings'])} findings (ignored ones must not be results)")
        listed = run.get("properties", {}).get("ignored", [])
        if len(listed) != len(report["ignored"]) or any(not x.get("reason") or not x.get("ignoreRule") for x in listed): p("run.properties.ignored does not list every ignored finding with its reason and rule")
    return problems

def dojo_sarif_severity(cvss):  # dojo/tools/sarif/parser.py cvss_to_severity
    return "Critical" if cvss >= 9 else "High" if cvss >= 7 else "Medium" if cvss >= 4 else "Low" if cvss > 0 else "Info"

validator = JsonStrictValidator(SchemaVersion.V1_6)
dirs = sorted(glob.glob(os.path.join(out, "reports", "*/"))) + sorted(glob.glob(os.path.join(out, "hosts", "*/")))
for d in dirs:
    case = os.path.basename(d.rstrip("/"))
    exit_path = os.path.join(out, "reports", case + ".exit")
    report = load(os.path.join(d, "litmus.json"))
    code = int(open(exit_path).read()) if os.path.exists(exit_path) else report["exit_code"]
    if report["exit_code"] != code: fail(case, f"JSON exit_code {report['exit_code']} but litmus exited {code}")
    sarif = load(os.path.join(d, "litmus.sarif"))
    severity = {f["id"]: f["severity"] for f in report["findings"]}

    # sarif-tools
    check_path = os.path.join(d, "sarif-check.exit")
    if os.path.exists(check_path):
        sc = int(open(check_path).read())
        if (sc != 0) != (code == 1): fail(case, f"sarif --check error exited {sc}, litmus exited {code}")

    # GitHub's rules
    for problem in github_rules(case, sarif, report): fail(case, "github: " + problem)

    # DefectDojo's SARIF severity mapping
    run = sarif["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"].get("rules", [])}
    dojo_sarif = {}
    for res in run["results"]:
        got = dojo_sarif_severity(float(rules[res["ruleId"]]["properties"]["security-severity"]))
        want = severity.get(res["properties"]["findingId"], "?").capitalize()
        dojo_sarif[got] = dojo_sarif.get(got, 0) + 1
        if got != want: fail(case, f"DefectDojo would import a {want} finding as {got} from SARIF")

    # junitparser
    xml = junitparser.JUnitXml.fromfile(os.path.join(d, "litmus.junit.xml"))
    suites = list(xml) if isinstance(xml, junitparser.JUnitXml) else [xml]
    jf = sum(s.failures for s in suites); je = sum(s.errors for s in suites)
    cases_failed = sum(1 for s in suites for c in s if any(isinstance(r, junitparser.Failure) for r in c.result))
    if cases_failed != jf: fail(case, f"junit header says {jf} failures, {cases_failed} cases fail")
    expect = {0: (False, False), 1: (True, None), 3: (False, True)}[code]
    if (jf > 0) != expect[0] or (expect[1] is not None and (je > 0) != expect[1]): fail(case, f"junit failures={jf} errors={je} for exit {code}")

    # cyclonedx-python-lib, and DefectDojo's CycloneDX severity (ratings[0].severity)
    text = open(os.path.join(d, "litmus.cdx.json"), encoding="utf-8").read()
    errors = validator.validate_str(text)
    if errors: fail(case, f"cyclonedx validator: {errors}")
    bom = json.loads(text)
    refs = {c["bom-ref"] for c in bom.get("components", [])}
    dojo_cdx = {}
    for v in bom.get("vulnerabilities", []):
        fid = next((p["value"] for p in v.get("properties", []) if p["name"] == "litmus:finding-id"), None)
        got = v["ratings"][0]["severity"].capitalize()
        dojo_cdx[got] = dojo_cdx.get(got, 0) + 1
        if got != severity.get(fid, "?").capitalize(): fail(case, f"DefectDojo would import {fid} as {got} from CycloneDX")
        if not v.get("affects") or any(a["ref"] not in refs for a in v["affects"]): fail(case, f"vulnerability {fid} affects no listed component")
    if len(bom.get("vulnerabilities", [])) != len(report["findings"]): fail(case, "CycloneDX vulnerabilities do not match the findings")
    meta = bom["metadata"]["component"]
    if report["command"] == "audit" and (meta["type"], meta["name"]) != ("device", report["host"]): fail(case, "audit SBOM's metadata.component is not the host")
    print(f"ok   {case:14} exit {code}  sarif: {len(run['results'])} results, check={open(check_path).read().strip() if os.path.exists(check_path) else '-'}, "
          f"dojo {dict(sorted(dojo_sarif.items()))}  junit: {jf} failures, {je} errors  "
          f"cyclonedx: {len(bom.get('components', []))} components, {len(bom.get('vulnerabilities', []))} vulnerabilities, dojo {dict(sorted(dojo_cdx.items()))}")

# Two hosts, one tree: distinct fingerprints, distinct automation ids.
def prints(h):
    s = load(os.path.join(out, "hosts", h, "litmus.sarif"))["runs"][0]
    return s["automationDetails"]["id"], {json.dumps(r["partialFingerprints"], sort_keys=True) for r in s["results"]}
(ida, pa), (idb, pb) = prints("host-a"), prints("host-b")
if not pa or pa & pb or ida == idb: fail("two-hosts", f"fingerprints shared across hosts ({len(pa & pb)} of {len(pa)}) or automation ids equal ({ida}, {idb})")
else: print(f"ok   two-hosts      {len(pa)} results per host, 0 fingerprints shared; automation ids {ida} and {idb}")

import importlib.metadata as md
print("clients: " + ", ".join(f"{p} {md.version(p)}" for p in ("sarif-tools", "junitparser", "cyclonedx-python-lib")) + f"; failures: {failures}")
sys.exit(1 if failures else 0)
PY
