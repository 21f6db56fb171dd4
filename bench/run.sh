#!/usr/bin/env bash
# Benchmarks a full build of a generated corpus with gazette and, when installed, Hugo
# (Debian's package `hugo`) on the same stories; prints wall time, cpu time, cpu/wall
# and peak memory for each (medians of RUNS runs), the copy floor (`cp -r` of gazette's
# output) and the ratios.
#   bench/run.sh [STORIES]          default 10000; RUNS=3, BENCH_DIR=/tmp/gazette-bench-N
# Every timed build replaces an existing output folder, as a user's rebuild does.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
stories="${1:-10000}"
runs="${RUNS:-3}"
work="${BENCH_DIR:-/tmp/gazette-bench-$stories}"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 2; }

(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet --example corpus)
gazette="$repo/target/release/gazette"
if [ ! -d "$work/site/seeds" ]; then
  "$repo/target/release/examples/corpus" --stories "$stories" "$work/site" >/dev/null
fi

# measure NAME CMD...: runs CMD $runs times, records "wall user sys maxrss_kib" per run.
measure() {
  local name="$1"; shift
  : > "$work/$name.times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %U %S %M" -o "$work/$name.one" "$@" >/dev/null 2>&1
    cat "$work/$name.one" >> "$work/$name.times"
  done
}

# median_row NAME: "wall cpu peak_mib" from the median-wall run.
median_row() {
  sort -n "$work/$1.times" | awk -v n="$runs" 'NR == int((n + 1) / 2) { printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }'
}

"$gazette" build --root "$work/site" >/dev/null 2>&1   # warm the cache, create public/
measure gazette "$gazette" build --root "$work/site"
rm -rf "$work/copy"
measure copy bash -c "rm -rf '$work/copy' && cp -r '$work/site/public' '$work/copy'"

have_hugo=no
if command -v hugo >/dev/null 2>&1; then
  have_hugo=yes
  rm -rf "$work/hugo" && cp -r "$here/hugo-site" "$work/hugo"
  python3 "$here/to_hugo.py" "$work/site/seeds" "$work/hugo/content"
  (cd "$work/hugo" && hugo --quiet >/dev/null 2>&1)
  measure hugo bash -c "cd '$work/hugo' && hugo --quiet --cleanDestinationDir"
fi

files=$(find "$work/site/public" -type f | wc -l)
bytes=$(du -sb "$work/site/public" | cut -f1)
echo "corpus: $stories stories; gazette wrote $files files, $((bytes / 1000000)) MB; $(nproc) cores; medians of $runs runs"
printf "%-10s %9s %9s %9s %10s\n" tool wall_s cpu_s cpu/wall peak_MiB
for name in gazette hugo copy; do
  [ -f "$work/$name.times" ] || continue
  [ "$name" = hugo ] && [ "$have_hugo" = no ] && continue
  read -r wall cpu peak < <(median_row "$name")
  printf "%-10s %9s %9s %9s %10s\n" "$name" "$wall" "$cpu" "$(awk -v c="$cpu" -v w="$wall" 'BEGIN { printf "%.2f", (w > 0 ? c / w : 0) }')" "$peak"
done
read -r g_wall _ _ < <(median_row gazette)
read -r c_wall _ _ < <(median_row copy)
echo "gazette / copy floor: $(awk -v g="$g_wall" -v c="$c_wall" 'BEGIN { printf "%.2f", g / c }')x (target <= 3)"
if [ "$have_hugo" = yes ]; then
  read -r h_wall _ _ < <(median_row hugo)
  echo "gazette / hugo:       $(awk -v g="$g_wall" -v h="$h_wall" 'BEGIN { printf "%.2f", g / h }')x (target <= 0.35 of the faster peer)"
fi
echo "stage profile of one gazette build:"
"$gazette" build --root "$work/site" --timings 2>/dev/null | sed -n '2,$p'
