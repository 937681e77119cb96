#!/usr/bin/env bash
# Builds libFuzzer targets into .build-fuzz/: each library module of Package.swift (bottom layer
# first, in the order the file lists them) is compiled once, with coverage and AddressSanitizer,
# into a static library of its own; each target (fuzz/targets/NAME.swift) is linked against all
# of them. Usage: fuzz/build.sh [TARGET ...]   (default: every target)
# FUZZ_OPT=-Onone for a debuggable build (default -O).
set -euo pipefail
cd "$(dirname "$0")/.."

out=.build-fuzz
opt=${FUZZ_OPT:--O}
flags=(-parse-as-library -sanitize=fuzzer,address "$opt" -g)
mkdir -p "$out/lib"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    for f in fuzz/targets/*.swift; do targets+=("$(basename "$f" .swift)"); done
fi

# The library modules, lowest layer first (Package.swift lists them so).
mapfile -t modules < <(sed -n 's/^ *\.target(name: "\([^"]*\)".*/\1/p' Package.swift)
[ ${#modules[@]} -gt 0 ] || { echo "fuzz: no .target(name:) in Package.swift" >&2; exit 2; }

# Rebuild a module when one of its sources is newer than its library, or a module below it
# was rebuilt. `-package-name litmus` lets the modules use each other's `package` declarations.
rebuilt=0
libs=()
for m in "${modules[@]}"; do
    lib="$out/lib/lib$m.a"
    libs=("-l$m" "${libs[@]}")
    mapfile -t sources < <(find "Sources/$m" -name '*.swift' | sort)
    if [ "$rebuilt" = 1 ] || [ ! -f "$lib" ] || [ -n "$(find "Sources/$m" -name '*.swift' -newer "$lib" | head -1)" ]; then
        echo "fuzz: building $m ($opt, fuzzer+address)" >&2
        swiftc "${flags[@]}" -module-name "$m" -package-name litmus -emit-library -static -wmo \
            -I "$out/lib" -emit-module -emit-module-path "$out/lib/$m.swiftmodule" \
            -o "$lib" "${sources[@]}"
        rebuilt=1
    fi
done

for t in "${targets[@]}"; do
    src="fuzz/targets/$t.swift"
    [ -f "$src" ] || { echo "fuzz: no target $t (expected $src)" >&2; exit 2; }
    bin="$out/$t"
    newest=$(ls -t "$out"/lib/lib*.a | head -1)
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ "$newest" -nt "$bin" ]; then
        echo "fuzz: linking $t" >&2
        swiftc "${flags[@]}" -module-name "fuzz_$t" -I "$out/lib" -L "$out/lib" "${libs[@]}" \
            -o "$bin" "$src"
    fi
done
