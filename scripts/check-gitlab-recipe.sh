#!/usr/bin/env bash
# Runs the README's GitLab CI recipe on a clean project with litmus vendored beside it
# (tools/litmus holding a copy of litmus's own fixtures, which are compromised on purpose) and
# requires: exit 0, a JUnit report with no failures, the exclusion named in the text report;
# and, as a control, exit 1 with the `--exclude` removed (the vendored fixtures are found).
#
# The script lines come from the README's ```yaml block after the `gitlab-recipe` marker, so
# the README cannot drift from what is tested. The `swift build` line is replaced by placing
# the binary this checkout builds where the recipe expects it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
swift build --product litmus >/dev/null
litmus="$(swift build --show-bin-path)/litmus"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# The recipe's script lines.
awk '/gitlab-recipe:/ {on=1} on && /^  script:/ {s=1; next} s && /^    - / {sub(/^    - /, ""); print; next} s && !/^    - / {exit}' README.md > "$out/lines"
if ! grep -q -- "--exclude" "$out/lines" || ! grep -q "^swift build" "$out/lines"; then
  echo "FAIL: could not read the GitLab recipe from README.md"; cat "$out/lines"; exit 1
fi

make_project() {  # dir
  local p="$1"
  mkdir -p "$p/tools/litmus/.build/release"
  cp fixtures/requirements/pip-freeze/clean/requirements.txt "$p/requirements.txt"
  cp -R fixtures seeds Package.swift "$p/tools/litmus/"
  cp "$litmus" "$p/tools/litmus/.build/release/litmus"
}

run_recipe() {  # project dir, script file; prints the exit status
  ( cd "$1" && set +e && bash -c "$(grep -v '^swift build' "$2")" >"$1.log" 2>&1; echo $? )
}

make_project "$out/project"
code="$(run_recipe "$out/project" "$out/lines")"
fail=0
if [[ "$code" != 0 ]]; then echo "FAIL: the README's GitLab recipe exited $code on a clean project"; cat "$out/project.log"; fail=1; fi
junit="$out/project/litmus-report/litmus.junit.xml"
if [[ ! -f "$junit" ]] || ! grep -q 'failures="0"' "$junit"; then echo "FAIL: JUnit report missing or with failures"; fail=1; fi
if ! grep -q "1 path excluded by --exclude" "$out/project/litmus-report/litmus.txt"; then echo "FAIL: the text report does not name the exclusion"; fail=1; fi

# Control: the same recipe without --exclude must find the vendored fixtures.
sed "s/ --exclude '[^']*'//" "$out/lines" > "$out/lines-no-exclude"
make_project "$out/control"
control="$(run_recipe "$out/control" "$out/lines-no-exclude")"
if [[ "$control" != 1 ]]; then echo "FAIL: without --exclude the recipe exited $control, expected 1 (vendored fixtures found)"; fail=1; fi

findings="$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["summary"]["findings"], d["summary"]["excluded"])' "$out/control/litmus-report/litmus.json")"
echo "gitlab recipe: clean project + vendored litmus -> exit $code (JUnit failures=0); without --exclude -> exit $control (findings, excluded: $findings)"
exit $fail
