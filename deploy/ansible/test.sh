#!/usr/bin/env bash
# The fleet playbook for real: ansible-core from PyPI (throwaway venv) runs litmus-audit.yml
# against Debian minbase roots made with debootstrap (no Swift in them), reached through the
# community.general.chroot connection, plus the controller itself through the local one:
#   clean        a bare root
#   venv         a compromised virtualenv (fixtures/dist-info/pip-venv/compromised)
#   persistence  inert persistence stand-ins (fixtures/audit/persistence/compromised)
#   nopython     no Python, so Ansible's modules cannot run: the audit fails before the copy
#   slow         the audit hits its time limit after the binary was copied
#   missing      a chroot that does not exist: unreachable
#   controller   this machine, local connection
# Then `litmus fleet` merges what came back and the statuses are checked, as is that every
# root is left exactly as it was and no temporary directory is left on the controller.
#
# The roots get python3 (Ansible's modules need its full standard library: python3-minimal
# lacks json and shutil). Needs root (chroot). Installs debootstrap from Debian and ansible-core from PyPI when
# missing. community.general (the chroot plugin) is not in ansible-core, and ansible-galaxy
# needs galaxy, which is not reachable: the collection is taken from PyPI's `ansible` wheel
# (pip download, only ansible_collections/community/general extracted).
# Environment: LITMUS_BINARY  use this release binary (its SHA256SUMS beside it) instead of
#                             building one with scripts/release.sh
#              LITMUS_TEST_BASE_ROOT  copy this minbase root instead of running debootstrap
#              KEEP=1         keep the work directory
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

ANSIBLE_CORE_SPEC='ansible-core>=2.19,<2.20'
ANSIBLE_SPEC='ansible==12.3.0'   # its community.general matches ansible-core 2.19

passed=0; failed=0
check() { # check "what" command...
    local what="$1"; shift
    if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}
stamp() { echo "[$(date -u +%H:%M:%S) +${SECONDS}s] $*"; }

if [ "$(id -u)" -ne 0 ]; then echo "deploy/ansible/test.sh: needs root (chroot, debootstrap)"; exit 2; fi

work="$(mktemp -d /tmp/litmus-ansible.XXXXXX)"
cleanup() { if [ "${KEEP:-0}" = 1 ]; then echo "kept $work"; else rm -rf --one-file-system "$work"; fi; }
trap cleanup EXIT

# --- tools ---------------------------------------------------------------------------------
stamp "tools"
if ! command -v debootstrap >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq debootstrap) >/dev/null
fi
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q --disable-pip-version-check "$ANSIBLE_CORE_SPEC" jsonschema
"$work/venv/bin/pip" download -q --disable-pip-version-check --no-deps -d "$work/wheels" "$ANSIBLE_SPEC"
"$work/venv/bin/python" - "$work/wheels" "$work/collections" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/ansible-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    members = [n for n in z.namelist() if n.startswith("ansible_collections/community/general/")]
    z.extractall(sys.argv[2], members)
print(f"community.general: {len(members)} files from {wheel.rsplit('/', 1)[-1]}")
PY
export ANSIBLE_COLLECTIONS_PATH="$work/collections" ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=false \
       ANSIBLE_LOCAL_TEMP="$work/ansible-local" ANSIBLE_HOME="$work/ansible-home" ANSIBLE_FORKS=4
"$work/venv/bin/ansible" --version > "$work/ansible-version.txt"
ansible_version="$(head -1 "$work/ansible-version.txt")"
echo "$ansible_version"

# --- the release binary --------------------------------------------------------------------
stamp "release binary"
if [ -n "${LITMUS_BINARY:-}" ]; then
    binary="$LITMUS_BINARY"
else
    scripts/release.sh >/dev/null
    binary="$(ls "$repo"/dist/litmus-*-linux-"$(uname -m)" | sort | tail -1)"
fi
echo "binary: $binary ($(stat -c %s "$binary") bytes)"

# --- the hosts -----------------------------------------------------------------------------
stamp "roots"
base="$work/base"
if [ -n "${LITMUS_TEST_BASE_ROOT:-}" ]; then
    cp -a "$LITMUS_TEST_BASE_ROOT" "$base"
else
    # The Debian archive and release this machine's apt uses.
    mirror="$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 || true)"
    [ -n "$mirror" ] || mirror="$(awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)"
    suite="$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")"
    debootstrap --variant=minbase --include=python3 "$suite" "$base" "${mirror:-http://deb.debian.org/debian}" >"$work/debootstrap.log" 2>&1 \
        || { tail -20 "$work/debootstrap.log"; exit 1; }
fi
check "the roots hold no Swift runtime" test -z "$(find "$base" -name 'libswiftCore*' -print -quit)"
roots="$work/roots"
mkdir -p "$roots"
declare -A machine_id=(
    [clean]=10000000000000000000000000000001 [venv]=10000000000000000000000000000002
    [persistence]=10000000000000000000000000000003 [nopython]=10000000000000000000000000000004
    [slow]=10000000000000000000000000000005
)
for host in clean venv persistence nopython slow; do
    cp -a "$base" "$roots/$host"
    echo "${machine_id[$host]}" > "$roots/$host/etc/machine-id"
done
mkdir -p "$roots/venv/opt/app"
cp -a fixtures/dist-info/pip-venv/compromised/V "$roots/venv/opt/app/venv"
for d in home root tmp; do cp -a fixtures/audit/persistence/compromised/$d/. "$roots/persistence/$d/"; done
grep -v '^root:' fixtures/audit/persistence/compromised/etc/passwd >> "$roots/persistence/etc/passwd" || true
rm -f "$roots"/nopython/usr/bin/python3*
# The slow host must be slow whatever the machine: 20,000 more files to walk (an audit of the
# bare root takes about 20 ms, too close to any time limit a test can set).
python3 -c 'import os, sys
d = sys.argv[1]
for i in range(200):
    os.makedirs(f"{d}/{i}", exist_ok=True)
    for j in range(100): open(f"{d}/{i}/{j}.txt", "w").close()' "$roots/slow/srv/data"
for host in "${!machine_id[@]}"; do
    (cd "$roots/$host" && find . -printf '%y %m %s %U:%G %p\n' | sort) > "$work/$host.before"
done
ls -d /tmp/litmus-audit.* 2>/dev/null | sort > "$work/controller-tmp.before" || true

cat > "$work/inventory.yml" <<YAML
all:
  hosts:
    clean:       { ansible_host: $roots/clean }
    venv:        { ansible_host: $roots/venv }
    persistence: { ansible_host: $roots/persistence }
    nopython:    { ansible_host: $roots/nopython }
    slow:        { ansible_host: $roots/slow, litmus_timeout: 0.01 }
    missing:     { ansible_host: $roots/does-not-exist }
    controller:  { ansible_connection: local, ansible_python_interpreter: $work/venv/bin/python }
  vars:
    ansible_connection: community.general.chroot
    ansible_python_interpreter: /usr/bin/python3
    # The controller runs this test as root already; there is no sudo in the roots.
    ansible_become: false
YAML

# --- the playbook ----------------------------------------------------------------------------
stamp "ansible-playbook"
reports="$work/reports"
start=$SECONDS
set +e
"$work/venv/bin/ansible-playbook" -i "$work/inventory.yml" deploy/ansible/litmus-audit.yml \
    -e "litmus_binary=$binary" -e "litmus_report_dir=$reports" > "$work/playbook.log" 2>&1
playbook_rc=$?
set -e
playbook_seconds=$((SECONDS - start))
echo "ansible-playbook exited $playbook_rc after ${playbook_seconds}s"
sed -n '/PLAY RECAP/,$p' "$work/playbook.log"
check "ansible-playbook reports failed or unreachable hosts (exit 2 or 4)" test "$playbook_rc" -eq 2 -o "$playbook_rc" -eq 4
[ "$playbook_rc" -eq 2 ] || [ "$playbook_rc" -eq 4 ] || tail -60 "$work/playbook.log"

for host in clean venv persistence controller; do check "report fetched: $host" test -s "$reports/$host.json"; done
for host in nopython slow missing; do check "no report for $host" test ! -e "$reports/$host.json"; done
for host in "${!machine_id[@]}"; do
    (cd "$roots/$host" && find . -printf '%y %m %s %U:%G %p\n' | sort) > "$work/$host.after"
    check "nothing left behind in $host" diff -u "$work/$host.before" "$work/$host.after"
done
ls -d /tmp/litmus-audit.* 2>/dev/null | sort > "$work/controller-tmp.after" || true
check "nothing left behind on the controller" diff -u "$work/controller-tmp.before" "$work/controller-tmp.after"

# --- litmus fleet over what came back -------------------------------------------------------
stamp "litmus fleet"
set +e
"$binary" fleet "$reports" --format json --output "$work/fleet.json"
fleet_rc=$?
"$binary" fleet "$reports" > "$work/fleet.txt"
set -e
check "litmus fleet exits 1 (hosts with findings)" test "$fleet_rc" -eq 1
controller_id="$(tr -d '[:space:]' < /etc/machine-id 2>/dev/null || true)"
REPORTS="$reports" FLEET="$work/fleet.json" CONTROLLER_ID="$controller_id" \
    IDS="$(for h in "${!machine_id[@]}"; do echo "$h=${machine_id[$h]}"; done)" \
    COUNTS="$work/python-counts" "$work/venv/bin/python" - <<'PY' || true
import json, os, sys
from jsonschema import Draft202012Validator
reports, ids = os.environ["REPORTS"], dict(l.split("=") for l in os.environ["IDS"].split())
fleet = json.load(open(os.environ["FLEET"]))
good = bad = 0
def check(what, ok, detail=""):
    global good, bad
    print(("ok   " if ok else "FAIL ") + what + ("" if ok else f": {detail}"))
    good += bool(ok)
    bad += not ok
for schema, doc in [("schema/fleet.schema.json", fleet), ("schema/fleet-failures.schema.json", json.load(open(reports + "/failures.json")))]:
    errors = list(Draft202012Validator(json.load(open(schema))).iter_errors(doc))
    check(f"{doc.get('kind', 'fleet report')} matches {schema}", not errors, errors[:1])
failures = {f["host"]: f for f in json.load(open(reports + "/failures.json"))["failures"]}
check("failures.json lists exactly nopython, slow, missing", sorted(failures) == ["missing", "nopython", "slow"], sorted(failures))
for host, stage in [("nopython", "connect"), ("slow", "timeout"), ("missing", "unreachable")]:
    f = failures.get(host, {})
    check(f"{host} recorded as {stage}", f.get("stage") == stage, f)
by_source = {os.path.basename(h["source"]): h for h in fleet["hosts"]}
expect = {"clean.json": "clean", "venv.json": "findings", "persistence.json": "findings"}
for source, status in expect.items():
    h = by_source.get(source, {})
    check(f"fleet: {source[:-5]} is {status}", h.get("status") == status, h.get("status"))
    check(f"fleet: {source[:-5]} keyed by its machine id", h.get("machine_id") == ids[source[:-5]], h.get("machine_id"))
venv_kinds = {g["kind"] for g in fleet["advisories"] if any(x["machine_id"] == ids["venv"] for x in g["hosts"])}
check("fleet: venv has the compromised litellm and its .pth", {"compromised-version", "ioc-file"} <= venv_kinds, venv_kinds)
pers_kinds = {g["kind"] for g in fleet["advisories"] if any(x["machine_id"] == ids["persistence"] for x in g["hosts"])}
check("fleet: persistence has persistence findings", "persistence" in pers_kinds, pers_kinds)
ctl = by_source.get("controller.json", {})
check("fleet: the controller has a usable report", ctl.get("status") in ("clean", "findings", "incomplete"), ctl)
if os.environ["CONTROLLER_ID"]:
    check("fleet: the controller keyed by its machine id", ctl.get("machine_id") == os.environ["CONTROLLER_ID"], ctl.get("machine_id"))
unusable = sorted(h["host"] for h in fleet["hosts"] if h["status"] == "no-usable-report")
check("fleet: nopython, slow, missing have no usable report", unusable == ["missing", "nopython", "slow"], unusable)
# The chroot audits all ran under this machine's kernel, so they share its host name: only the
# machine id tells them apart.
names = {by_source[s]["host"] for s in expect if s in by_source}
check("fleet: the cloned roots share one host name but stay separate hosts", len(names) == 1 and len(fleet["hosts"]) == 7, (names, len(fleet["hosts"])))
print("per host:")
for h in fleet["hosts"]:
    report = os.path.join(reports, os.path.basename(h["source"]))
    took = ""
    if h["status"] != "no-usable-report":
        took = f"audit {json.load(open(report))['duration_seconds']:.2f}s"
    print(f"  {os.path.basename(h['source'])[:-5] if h['status'] != 'no-usable-report' else h['host']:12} {h['status']:17} "
          f"{h['findings']:4} findings {h['errors']} errors  {took} {(h['problem'] or {}).get('message', '')[:100]}")
open(os.environ["COUNTS"], "w").write(f"{good} {bad}\n")
sys.exit(1 if bad else 0)
PY
if [ -s "$work/python-counts" ]; then
    read -r p f < "$work/python-counts"; passed=$((passed + p)); failed=$((failed + f))
else
    failed=$((failed + 1)); echo "FAIL the fleet checks did not run to the end"
fi
head -3 "$work/fleet.txt"
stamp "done: $ansible_version; playbook ${playbook_seconds}s; total ${SECONDS}s"
echo "ansible fleet test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
