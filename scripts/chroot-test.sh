#!/usr/bin/env bash
# Proves the release binary runs where a responder would copy it: a Debian minbase root made
# with debootstrap (no Swift, no Python, no /opt/swift), entered with chroot and no /proc
# mounted, as root and as an unprivileged user. Inside it:
#   1. `litmus version` works;
#   2. `litmus audit` of that root is clean (exit 0), the missing mount table a warning, and a
#      sysfs mounted there is still not entered;
#   3. an inert litellm_init.pth stand-in (a comment) makes it exit 1 with an ioc-file finding;
#   4. a compromised dist-info copied from fixtures/ makes it exit 1 with a compromised-version finding;
#   5. as `nobody` (chroot --userspec), version works and the planted root still exits 1.
#
# Usage: scripts/chroot-test.sh [BINARY]     (default: dist/litmus-VERSION-linux-ARCH, built
#                                             with scripts/release.sh when missing)
# Needs root. The minbase root is made once from the Debian archive this machine's apt uses
# and kept in $LITMUS_CHROOT_CACHE (default /var/cache/litmus-chroot-test), outside the
# repository; every run works on a fresh copy, so nothing planted survives a run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd -P)"

if [ "$(id -u)" -ne 0 ]; then echo "chroot-test: needs root (debootstrap, chroot)" >&2; exit 2; fi

version="$(sed -n 's/.*public static let toolVersion = "\([^"]*\)".*/\1/p' Sources/LitmusAdvisories/ScanReport.swift)"
case "$(uname -m)" in x86_64|amd64) arch=x86_64 ;; aarch64|arm64) arch=aarch64 ;; *) arch="$(uname -m)" ;; esac
binary="${1:-dist/litmus-$version-linux-$arch}"
if [ ! -x "$binary" ]; then
    echo "chroot-test: $binary missing; building it with scripts/release.sh"
    scripts/release.sh
fi
if [ -f "$(dirname "$binary")/SHA256SUMS" ]; then
    (cd "$(dirname "$binary")" && sha256sum --check --ignore-missing --quiet SHA256SUMS)
fi

# The archive and suite apt uses here (deb822 .sources first, then one-line sources.list).
mirror="" suite=""
for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    mirror="$(awk '/^URIs:/ {print $2; exit}' "$f")"
    suite="$(awk '/^Suites:/ {print $2; exit}' "$f")"
    [ -n "$mirror" ] && [ -n "$suite" ] && break
done
if [ -z "$mirror" ] || [ -z "$suite" ]; then
    read -r mirror suite < <(awk '$1 == "deb" && $2 !~ /^\[/ {print $2, $3; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true) || true
fi
if [ -z "$mirror" ] || [ -z "$suite" ]; then echo "chroot-test: cannot tell which Debian archive apt uses" >&2; exit 2; fi

if ! command -v debootstrap >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq debootstrap) >/dev/null
fi

cache_dir="${LITMUS_CHROOT_CACHE:-/var/cache/litmus-chroot-test}"
base="$cache_dir/$suite-minbase"
started=$(date +%s%N)
if [ ! -f "$base/.litmus-complete" ]; then
    echo "chroot-test: debootstrap --variant=minbase $suite from $mirror (cached in $base)"
    rm -rf "$base.tmp"
    mkdir -p "$cache_dir"
    debootstrap --variant=minbase "$suite" "$base.tmp" "$mirror" >"$cache_dir/debootstrap.log" 2>&1 \
        || { tail -20 "$cache_dir/debootstrap.log"; exit 1; }
    # What a responder copies onto is a bare system: no package cache, no interpreter.
    rm -rf "$base.tmp/var/cache/apt/archives/"*.deb
    touch "$base.tmp/.litmus-complete"
    rm -rf "$base"
    mv "$base.tmp" "$base"
fi
made=$(date +%s%N)

work="$(mktemp -d /tmp/litmus-chroot-test.XXXXXX)"
cleanup() { umount "$work/root/sys" 2>/dev/null || true; rm -rf --one-file-system "$work"; }
trap cleanup EXIT
root="$work/root"
cp -a "$base" "$root"
copied=$(date +%s%N)

failures=0
pass() { echo "ok   - $1"; }
fail() { echo "FAIL - $1" >&2; failures=$((failures + 1)); }

# The premises: no Python, no Swift, no /proc in the root.
if compgen -G "$root/usr/bin/python*" >/dev/null || compgen -G "$root/usr/lib/python3*" >/dev/null; then fail "the minbase root has no Python"; else pass "the minbase root has no Python"; fi
if [ -e "$root/opt/swift" ] || compgen -G "$root/usr/lib/libswift*" >/dev/null; then fail "the root has no Swift runtime"; else pass "the root has no Swift runtime"; fi
if mountpoint -q "$root/proc" || [ -n "$(ls -A "$root/proc" 2>/dev/null)" ]; then fail "/proc is not mounted in the root"; else pass "/proc is not mounted in the root"; fi

install -m 0755 "$binary" "$root/usr/local/bin/litmus"

# run NAME EXPECTED_EXIT [chroot options] -- litmus arguments
run() {
    local name="$1" expected="$2"; shift 2
    local opts=()
    while [ "$1" != "--" ]; do opts+=("$1"); shift; done
    shift
    local t0 t1 code
    t0=$(date +%s%N)
    set +e
    chroot "${opts[@]}" "$root" /usr/local/bin/litmus "$@" >"$work/out" 2>"$work/err"
    code=$?
    set -e
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [ "$code" -eq "$expected" ]; then
        pass "$name (exit $code, ${ms} ms)"
    else
        fail "$name: exit $code, expected $expected (${ms} ms)"
        head -c 2000 "$work/out" >&2; head -c 2000 "$work/err" >&2
    fi
}

expect_in_output() {
    if grep -q -- "$2" "$work/out"; then pass "$1"; else fail "$1: '$2' not in the output"; head -c 2000 "$work/out" >&2; fi
}

run "version as root" 0 -- version
expect_in_output "version prints the tool and advisory data" "^litmus $version (advisory data "

run "audit of the clean root as root" 0 -- audit --format json
expect_in_output "clean audit reports no findings" '"findings" : 0'
expect_in_output "the missing mount table is a warning" 'cannot read the mount table'

# sysfs mounted but no /proc: kernel filesystems are still not entered (statfs type).
if mount -t sysfs sysfs "$root/sys" 2>/dev/null; then
    run "audit with sysfs mounted and no /proc" 0 -- audit --format json
    expect_in_output "sysfs is skipped by its statfs type" '^    "/sys"'
    umount "$root/sys"
else
    fail "could not mount sysfs in the root to test the statfs fallback"
fi

sp="$root/usr/local/lib/python3.11/dist-packages"
mkdir -p "$sp"
printf '# inert stand-in for the litellm 1.82.8 start-up hook (litmus chroot test)\n' >"$sp/litellm_init.pth"
run "audit with a planted litellm_init.pth" 1 -- audit --format json
expect_in_output "the planted hook is an ioc-file finding" '"kind" : "ioc-file"'
rm "$sp/litellm_init.pth"

cp -a "$repo/fixtures/dist-info/debian-dist-packages/compromised/usr/local/lib/python3.11/dist-packages/litellm-1.82.8.dist-info" "$sp/"
run "audit with a compromised dist-info" 1 -- audit --format json
expect_in_output "the dist-info is a compromised-version finding" '"kind" : "compromised-version"'

printf '# inert stand-in\n' >"$sp/litellm_init.pth"
chmod -R a+rX "$sp"
run "version as nobody" 0 --userspec=nobody:nogroup -- version
expect_in_output "version prints as nobody" "^litmus $version "
run "audit with both planted, as nobody" 1 --userspec=nobody:nogroup -- audit --format json
expect_in_output "nobody's audit finds the hook" '"kind" : "ioc-file"'
expect_in_output "nobody's audit finds the dist-info" '"kind" : "compromised-version"'

rm -rf "$sp"
run "audit of the clean root as nobody (unreadable root-only files make it incomplete, never clean)" 3 --userspec=nobody:nogroup -- audit --format json
expect_in_output "nobody's incomplete audit names a permission error" 'Permission denied'

done_at=$(date +%s%N)
echo "chroot-test: root made in $(( (made - started) / 1000000 )) ms, copied in $(( (copied - made) / 1000000 )) ms, checks in $(( (done_at - copied) / 1000000 )) ms"
if [ "$failures" -ne 0 ]; then echo "chroot-test: $failures check(s) failed" >&2; exit 1; fi
echo "chroot-test: all checks passed ($binary, $(stat -c %s "$binary") bytes)"
