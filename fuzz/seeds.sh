#!/usr/bin/env bash
# Builds seed corpora under .build-fuzz/corpus/TARGET/ from fixtures/, test vectors and
# ../shared/conformance at run time (nothing large is committed). Existing corpora are kept:
# libFuzzer adds what it finds to them. Usage: fuzz/seeds.sh [TARGET ...]
# FUZZ_CORPUS_ROOT=DIR puts the corpora elsewhere (fuzz/smoke.sh uses a fresh one).
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/conformance
root=${FUZZ_CORPUS_ROOT:-.build-fuzz/corpus}
maxsize=262144   # bigger seeds slow every execution and add little coverage

# copy TARGET FILE...: copies each file (under maxsize) into the corpus, named by content hash.
copy() {
    local target=$1; shift
    mkdir -p "$root/$target"
    for f in "$@"; do
        [ -f "$f" ] && [ "$(stat -c %s "$f")" -le $maxsize ] || continue
        cp "$f" "$root/$target/$(sha1sum "$f" | cut -c1-16)"
    done
}

# lines TARGET FILE COLUMNS: one seed per row of a conformance TSV (cut columns).
lines() {
    local target=$1 file=$2 cols=$3
    mkdir -p "$root/$target"
    [ -f "$file" ] || return 0
    grep -v '^#' "$file" | cut -f"$cols" | sort -u | head -1000 | while IFS= read -r row; do
        printf '%s' "$row" | tr '\t' '\n' > "$root/$target/row-$(printf '%s' "$row" | sha1sum | cut -c1-16)"
    done || true   # head closing the pipe early is not an error
}

files() { find "$@" -type f 2>/dev/null || true; }

seed_requirements() {
    mapfile -t f < <(files fixtures/requirements fixtures/manifests -name '*.txt' -o -name '*.in')
    copy requirements "${f[@]}"
}
seed_toml() {
    mapfile -t f < <(files "$shared/toml-test/tests" fixtures/lockfiles fixtures/manifests \( -name '*.toml' -o -name '*.lock' \))
    copy toml "${f[@]}"
}
seed_yaml() {
    mapfile -t f < <(files fixtures Tests/LitmusCoreTests/Vectors \( -name '*.yml' -o -name '*.yaml' \))
    copy yaml "${f[@]}"
    mapfile -t s < <(find ../shared/conformance/yaml-test-suite -name in.yaml 2>/dev/null | sort)
    local i=0
    for y in "${s[@]}"; do cp "$y" "$root/yaml/suite-$i"; i=$((i + 1)); done
    # Shapes the fixtures lack: flow collections, quoting, anchors, block scalars, documents.
    printf '%s\n' 'name: "a\tb"' 'channels: [conda-forge, "defaults"]' 'dependencies:' \
        '  - python=3.11' '  - {name: x, version: 1}' '  - pip:' "      - 'litellm==1.82.8'" \
        '      - telnyx>=4' > "$root/yaml/inline-flow"
    printf '%s\n' '---' 'a: &x 1' 'b: *x' 'c: |' '  text' '  more' 'd: >-' '  folded' '...' \
        '# comment' 'e: !!str 2' 'f: ~' 'g: "\u00e9\x41"' > "$root/yaml/inline-scalars"
}
seed_metadata() {
    mapfile -t f < <(files fixtures Tests/LitmusCoreTests/Vectors \( -name 'METADATA*' -o -name 'PKG-INFO*' -o -name '*.egg-info' \))
    copy metadata "${f[@]}"
}
seed_record() {
    mapfile -t f < <(files fixtures Tests/LitmusCoreTests/Vectors -name 'RECORD*')
    copy record "${f[@]}"
}
seed_pep440() {
    lines pep440 "$shared/pep440/versions.tsv" 1
    lines pep440 "$shared/pep440/compare.tsv" 1,2
    lines pep440 "$shared/pep440/specifiers.tsv" 1,2
    lines pep440 "$shared/pep440/names.tsv" 1
}
seed_zip() {
    mapfile -t f < <(files fixtures/artifacts Tests/LitmusCoreTests/Vectors/zip \( -name '*.zip' -o -name '*.whl' -o -name '*.egg' \))
    copy zip "${f[@]}"
}
seed_inflate() {
    # Raw DEFLATE streams of a few fixtures at several levels (made by python's zlib at seed
    # time), plus the zip archives the zip target starts from.
    mkdir -p "$root/inflate"
    mapfile -t f < <(files fixtures/requirements fixtures/lockfiles -name '*.txt' -o -name '*.lock' | head -40)
    python3 - "$root/inflate" "${f[@]}" <<'PY' || true
import hashlib, sys, zlib
out = sys.argv[1]
for i, name in enumerate(sys.argv[2:]):
    data = open(name, "rb").read()[:65536]
    for level in (0, 1, 6, 9):
        c = zlib.compressobj(level, zlib.DEFLATED, -15, 8, zlib.Z_FIXED if i % 3 == 0 else zlib.Z_DEFAULT_STRATEGY)
        z = c.compress(data) + c.flush()
        open(f"{out}/z-{hashlib.sha1(z).hexdigest()[:16]}", "wb").write(z)
PY
    mapfile -t z < <(files fixtures/artifacts Tests/LitmusCoreTests/Vectors/zip \( -name '*.zip' -o -name '*.whl' -o -name '*.egg' \))
    copy inflate "${z[@]}"
}
seed_osv() {
    mapfile -t f < <(files seeds -name '*.json')
    copy osv "${f[@]}"
    # OSV ranges and a list of records, which the seeds do not use.
    printf '%s' '[{"id":"PYSEC-1","modified":"2026-01-01T00:00:00Z","aliases":["CVE-1"],"affected":[{"package":{"ecosystem":"PyPI","name":"Pkg_A"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"1.2.3rc1"},{"introduced":"2!1.0"},{"last_affected":"2!1.5.post1"}]}]}],"database_specific":{"severity":"HIGH"}}]' > "$root/osv/inline-ranges"
}

seed_manifests() {
    mkdir -p "$root/manifests"
    local i=0
    for name in uv.lock poetry.lock pdm.lock pylock.toml Pipfile Pipfile.lock pyproject.toml setup.cfg environment.yml; do
        while IFS= read -r f; do
            [ "$(stat -c %s "$f")" -le $maxsize ] || continue
            { printf "\\$(printf '%03o' $i)"; cat "$f"; } > "$root/manifests/$name-$(sha1sum "$f" | cut -c1-12)"
        done < <(files fixtures -name "$name")
        i=$((i + 1))
    done
}
seed_ignoreconfig() {
    mkdir -p "$root/ignoreconfig"
    cp .litmus.toml "$root/ignoreconfig/repository"
    printf '%s\n' '[[ignore]]' 'id = "PYSEC-2026-2"' 'path = "**/req[a-z]*/?.txt"' 'reason = "r"' 'expires = 2026-12-31' \
        > "$root/ignoreconfig/inline-full"
}

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in fuzz/targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi
for t in "${targets[@]}"; do
    mkdir -p "$root/$t"
    # A new target needs no seed function: it starts from an empty input.
    if declare -F "seed_$t" > /dev/null; then "seed_$t"; fi
    # libFuzzer needs at least one input; an empty file is a fine start.
    [ -n "$(ls -A "$root/$t")" ] || : > "$root/$t/empty"
    echo "fuzz: $t corpus has $(ls "$root/$t" | wc -l) inputs" >&2
done
