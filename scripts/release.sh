#!/usr/bin/env bash
# Builds the release binary: dist/litmus-VERSION-linux-ARCH, one fully static, stripped
# executable (no Swift runtime, no glibc, no /opt/swift needed at run time), and
# dist/SHA256SUMS. Two runs from clean clones in different directories give identical bytes:
# the checkout path is mapped to a fixed prefix, the binary is stripped, and nothing else
# that varies (time, user, host) is compiled in.
#
# Usage: scripts/release.sh            build for this machine's architecture
#        LITMUS_RELEASE_SCRATCH=DIR    build directory (default .build/release-static)
#
# Only the host architecture is built: this toolchain has no Swift SDK for another one
# (`swift sdk list` is empty), so aarch64 needs an aarch64 machine running this script.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd -P)"

version="$(sed -n 's/.*public static let toolVersion = "\([^"]*\)".*/\1/p' Sources/LitmusAdvisories/ScanReport.swift)"
if [ -z "$version" ]; then echo "release.sh: could not read toolVersion from ScanReport.swift" >&2; exit 2; fi

case "$(uname -m)" in
    x86_64|amd64) arch=x86_64 ;;
    aarch64|arm64) arch=aarch64 ;;
    *) echo "release.sh: unsupported architecture $(uname -m)" >&2; exit 2 ;;
esac

scratch="${LITMUS_RELEASE_SCRATCH:-$root/.build/release-static}"
name="litmus-$version-linux-$arch"

# Fixed locale and time so nothing the build might record depends on the machine.
export LC_ALL=C TZ=UTC
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

# -static-executable links Swift, Foundation, Dispatch and the C library statically (the
# toolchain's static-executable-args.lnk); --static-swift-stdlib alone still needs the
# host's glibc and libstdc++. The prefix maps keep the checkout and build paths out of the
# binary; the build id is a hash of the contents, so it is reproducible too.
swift build -c release --product litmus \
    --scratch-path "$scratch" \
    -Xswiftc -static-executable \
    -Xswiftc -file-prefix-map -Xswiftc "$scratch=/litmus/.build" \
    -Xswiftc -file-prefix-map -Xswiftc "$root=/litmus" \
    -Xswiftc -debug-prefix-map -Xswiftc "$scratch=/litmus/.build" \
    -Xswiftc -debug-prefix-map -Xswiftc "$root=/litmus" \
    -Xcc "-ffile-prefix-map=$root=/litmus" \
    -Xlinker --build-id=sha1

bin="$(swift build -c release --product litmus --scratch-path "$scratch" --show-bin-path)/litmus"
mkdir -p dist
rm -f "dist/$name" dist/SHA256SUMS
cp "$bin" "dist/$name"
strip --strip-all "dist/$name"

# The only bytes that differ between clean builds: every Swift object carries a 16-byte
# .swift_modhash (a hash swiftc stamps per compile for incremental LLVM code generation; not
# a function of the source, never read at run time), and the linker's build id hashes them.
# Zero the first and recompute the second over the result, in place (sizes unchanged, so
# the layout is untouched).
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
section_size() { readelf -SW "dist/$name" | sed -n "s/.* $1 *[A-Z]* *[0-9a-f]* [0-9a-f]* \([0-9a-f]*\) .*/\1/p" | head -1; }
modhash_size="$(section_size '\.swift_modhash')"
if [ -n "$modhash_size" ]; then
    head -c "$((16#$modhash_size))" /dev/zero >"$tmp/modhash"
    objcopy --update-section .swift_modhash="$tmp/modhash" "dist/$name"
fi
objcopy --dump-section .note.gnu.build-id="$tmp/note" "dist/$name"
{ head -c 16 "$tmp/note"; head -c 20 /dev/zero; } >"$tmp/note0"
objcopy --update-section .note.gnu.build-id="$tmp/note0" "dist/$name"
id="$(sha1sum "dist/$name" | cut -c1-40)"
{ head -c 16 "$tmp/note"; printf "$(printf '%s' "$id" | sed 's/../\\x&/g')"; } >"$tmp/note1"
objcopy --update-section .note.gnu.build-id="$tmp/note1" "dist/$name"
chmod 0755 "dist/$name"
touch -d "@$SOURCE_DATE_EPOCH" "dist/$name"

if grep -a -q -F "$root" "dist/$name"; then
    echo "release.sh: the checkout path $root leaked into dist/$name" >&2
    exit 1
fi

(cd dist && sha256sum "$name" > SHA256SUMS)
size="$(stat -c %s "dist/$name")"
echo "dist/$name: $size bytes"
cat dist/SHA256SUMS
