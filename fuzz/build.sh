#!/usr/bin/env bash
# Builds libFuzzer targets into .build-fuzz/: LitmusCore is compiled once, with coverage and
# AddressSanitizer, into a static library; each target (fuzz/targets/NAME.swift) is linked
# against it. Usage: fuzz/build.sh [TARGET ...]   (default: every target)
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

# Rebuild the library only when a LitmusCore source is newer than it.
lib="$out/lib/libLitmusCore.a"
mapfile -t sources < <(find Sources/LitmusCore -name '*.swift' | sort)
if [ ! -f "$lib" ] || [ -n "$(find Sources/LitmusCore -name '*.swift' -newer "$lib" | head -1)" ]; then
    echo "fuzz: building LitmusCore ($opt, fuzzer+address)" >&2
    swiftc "${flags[@]}" -module-name LitmusCore -emit-library -static -wmo \
        -emit-module -emit-module-path "$out/lib/LitmusCore.swiftmodule" \
        -o "$lib" "${sources[@]}"
fi

for t in "${targets[@]}"; do
    src="fuzz/targets/$t.swift"
    [ -f "$src" ] || { echo "fuzz: no target $t (expected $src)" >&2; exit 2; }
    bin="$out/$t"
    if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ "$lib" -nt "$bin" ]; then
        echo "fuzz: linking $t" >&2
        swiftc "${flags[@]}" -module-name "fuzz_$t" -I "$out/lib" -L "$out/lib" -lLitmusCore \
            -o "$bin" "$src"
    fi
done
