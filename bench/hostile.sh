#!/usr/bin/env bash
# Peak RSS (and wall time) of litmus on each hostile fixture, measured with /usr/bin/time -v.
# The goal (issue 12): <= 128 MB on every one. Fixtures are built by bench/make-hostile.py in
# DIR (default /tmp/litmus-hostile; about 1.3 GB on disk, built once). Not a test: numbers depend
# on the machine. Usage: bench/hostile.sh [DIR] [BINARY]
set -uo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/litmus-hostile}
bin=${2:-.build/release/litmus}
if [ ! -x "$bin" ]; then swift build -c release --product litmus >/dev/null || exit 2; fi
python3 bench/make-hostile.py "$dir" || exit 2
limit_kb=$((128 * 1024))
worst=0
printf '%-12s %-7s %10s %8s %5s  %s\n' fixture command "peak MB" "wall s" exit "report bytes"
for case in flood:scan shrunk:audit deep:scan many-pth:audit wide:scan big-record:audit big-pth:audit dpkg:audit many-dists:audit; do
  name=${case%%:*}; command=${case#*:}
  if [ "$command" = audit ]; then args=(audit --root "$dir/$name"); else args=(scan "$dir/$name"); fi
  stats=$(mktemp)
  /usr/bin/time -v -o "$stats" "$bin" "${args[@]}" -q --fail-on none --format json > "$stats.out" 2>/dev/null
  code=$?
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$stats")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$stats")
  printf '%-12s %-7s %10.1f %8s %5s  %s\n' "$name" "$command" "$(echo "$rss / 1024" | bc -l)" "$wall" "$code" "$(wc -c < "$stats.out")"
  [ "$rss" -gt "$worst" ] && worst=$rss
  rm -f "$stats" "$stats.out"
done
echo "largest peak RSS: $((worst / 1024)) MB (goal <= 128 MB)"
[ "$worst" -le "$limit_kb" ]
