#!/usr/bin/env bash
# Benchmarks gazette on a generated corpus of N stories and, when installed, Hugo on the
# same stories; prints wall time, cpu time, cpu/wall and peak memory for each (medians of
# RUNS runs), the copy floor (`cp -r` of gazette's output), and the ratios the
# performance targets are stated in (docs/performance.md).
#   bench/run.sh [STORIES]     default 10000
#   RUNS=3                     timed runs per measurement (the median is shown)
#   BENCH_DIR=/tmp/gazette-bench-N    corpus and outputs (reused between runs)
#   SCALE=1                    also time a full build of 2N stories (SCALE=0 skips it)
# Needs GNU time (`apt-get install time`); Hugo is optional (`apt-get install hugo`).
#
# What is timed:
#   full       a full build replacing an existing public/, every page different from the
#              one it replaces (each run gets its own --base-url, so every page's links
#              change): the steady state of rebuilding a changed site. Two untimed builds
#              before it leave public/ and the spare tree gazette keeps beside it.
#   first      the second of those: replacing public/ when there is no spare tree yet.
#   unchanged  a rebuild with nothing changed (the last build's record says so).
#   compared   the same without that record: everything is rendered and compared, and
#              nothing is written.
#   2N full    `full` on a corpus twice the size (linear time: <= 2.2x).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$here")"
stories="${1:-10000}"
runs="${RUNS:-3}"
scale="${SCALE:-1}"
work="${BENCH_DIR:-/tmp/gazette-bench-$stories}"
if [ ! -x /usr/bin/time ]; then
  echo "bench/run.sh needs GNU time: apt-get install time" >&2
  exit 2
fi
mkdir -p "$work"
echo "load before: $(uptime)"

(cd "$repo" && cargo build --release --quiet && cargo build --release --quiet --example corpus)
gazette="$repo/target/release/gazette"
corpus="$repo/target/release/examples/corpus"

# timed NAME CMD...: runs CMD once under GNU time, appends "wall user sys maxrss_kib".
# Dirty pages from the run before are flushed first (untimed), so no run pays for
# another's writes.
timed() {
  local name="$1"; shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/$name.one" "$@" >"$work/$name.out" 2>&1
  cat "$work/$name.one" >> "$work/$name.times"
}

# median_row NAME: "wall cpu peak_mib" of the median-wall run.
median_row() {
  sort -n "$work/$1.times" | awk '{ rows[NR] = $0 } END {
    split(rows[int((NR + 1) / 2)], f, " "); printf "%.2f %.2f %.0f\n", f[1], f[2] + f[3], f[4] / 1024 }'
}

# warm_gazette NAME SITE: untimed builds to reach the steady state of rebuilding (SITE's
# public/ and the spare tree beside it), the second of them timed as NAME-first: replacing
# public/ when there is no spare tree yet.
warm_gazette() {
  local name="$1" site="$2"
  rm -f "$work/$name".times "$work/$name-first.times"
  "$gazette" build --root "$site" --base-url "https://warm1.example.org/" >/dev/null 2>&1
  rm -rf "$site/.public.gazette"
  timed "$name-first" "$gazette" build --root "$site" --base-url "https://warm2.example.org/"
}

# full_build NAME SITE RUN: one timed full build with its own base URL (every page
# changes), into SITE/public.
full_build() {
  timed "$1" "$gazette" build --root "$2" --base-url "https://run$3.example.org/"
}

make_corpus() {
  local n="$1" site="$2"
  if [ ! -d "$site/seeds" ]; then
    "$corpus" --stories "$n" "$site" >/dev/null
  fi
}

site="$work/site"
make_corpus "$stories" "$site"
warm_gazette full "$site"
if [ "$scale" = 1 ]; then
  double=$((stories * 2))
  double_site="$work-x2/site"
  make_corpus "$double" "$double_site"
  warm_gazette double "$double_site"
fi
have_hugo=no
if command -v hugo >/dev/null 2>&1; then
  have_hugo=yes
  if [ ! -d "$work/hugo/content" ]; then
    rm -rf "$work/hugo" && cp -r "$here/hugo-site" "$work/hugo"
    python3 "$here/to_hugo.py" "$site/seeds" "$work/hugo/content"
  fi
  (cd "$work/hugo" && hugo --quiet >/dev/null 2>&1)
  rm -f "$work/hugo.times"
else
  echo "!! hugo is not installed: Hugo is SKIPPED (apt-get install hugo to compare)" >&2
fi

# The runs whose times are compared alternate (gazette, Hugo, gazette on 2N), so a slow
# phase of a shared machine falls on all of them: timed in blocks minutes apart, the
# same build's wall time varied by a quarter on this VM.
for run in $(seq "$runs"); do
  full_build full "$site" "$run"
  if [ "$have_hugo" = yes ]; then
    timed hugo bash -c "cd '$work/hugo' && hugo --quiet --cleanDestinationDir"
  fi
  if [ "$scale" = 1 ]; then
    full_build double "$double_site" "$run"
  fi
done
last_url="https://run$runs.example.org/"

# A rebuild with nothing changed, then the same without the last build's record.
rm -f "$work/unchanged.times" "$work/compared.times"
for _ in $(seq "$runs"); do
  timed unchanged "$gazette" build --root "$site" --base-url "$last_url"
done
for _ in $(seq "$runs"); do
  rm -f "$site/.public.gazette/last-build.json"
  timed compared "$gazette" build --root "$site" --base-url "$last_url"
done
compared_says=$(grep '^Built' "$work/compared.out")

# One seed changed: how many files are written (the rest keep their inode and mtime).
one_seed=$(find "$site/seeds" -name '*.txt' | sort | awk 'NR == 1')
cp "$one_seed" "$work/one-seed.orig"
printf '\nA late paragraph, added by bench/run.sh to change one story.\n' >> "$one_seed"
one_seed_says=$("$gazette" build --root "$site" --base-url "$last_url" 2>/dev/null | awk 'NR == 1')
cp "$work/one-seed.orig" "$one_seed"
"$gazette" build --root "$site" --base-url "$last_url" >/dev/null 2>&1

# The floor: copying gazette's output tree, each run into a folder of its own. No copy
# follows the removal of another: deleting a tree of that size keeps the disk busy for
# seconds afterwards (ext4 with discard here), and copies timed right after one took
# 3.7–5.3 s against 1.0 s for the first. The copies are removed after the last, untimed.
rm -f "$work/copy.times"
rm -rf "$work/copy" "$work/copies" && mkdir -p "$work/copies"
sync
for run in $(seq "$runs"); do
  timed copy cp -r "$site/public" "$work/copies/$run"
done
rm -rf "$work/copies"

echo "load after:  $(uptime)"

files=$(find "$site/public" -type f | wc -l)
bytes=$(du -sb "$site/public" | cut -f1)
echo
echo "corpus: $stories stories; gazette writes $files files, $((bytes / 1000000)) MB; $(nproc) cores; medians of $runs runs; $("$gazette" --version 2>/dev/null || true) at $(cd "$repo" && git rev-parse --short HEAD 2>/dev/null || echo '?')"
printf "%-22s %9s %9s %9s %10s\n" what wall_s cpu_s cpu/wall peak_MiB
row() {
  local label="$1" name="$2"
  [ -s "$work/$name.times" ] || return 0
  read -r wall cpu peak < <(median_row "$name")
  printf "%-22s %9s %9s %9s %10s\n" "$label" "$wall" "$cpu" \
    "$(awk -v c="$cpu" -v w="$wall" 'BEGIN { printf "%.2f", (w > 0 ? c / w : 0) }')" "$peak"
}
row "gazette full" full
row "gazette first replace" full-first
row "gazette unchanged" unchanged
row "gazette compared" compared
[ "$have_hugo" = yes ] && row "hugo" hugo
row "cp -r (floor)" copy
[ "$scale" = 1 ] && row "gazette full, 2N" double

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
read -r g_wall g_cpu g_peak < <(median_row full)
read -r c_wall _ _ < <(median_row copy)
read -r u_wall _ _ < <(median_row unchanged)
echo
echo "gazette / copy floor:    $(ratio "$g_wall" "$c_wall")x   (target <= 3)"
if [ "$have_hugo" = yes ]; then
  read -r h_wall _ _ < <(median_row hugo)
  echo "gazette / hugo:          $(ratio "$g_wall" "$h_wall")x   (target <= 0.35)"
fi
echo "cpu / wall, full build:  $(ratio "$g_cpu" "$g_wall")    (target >= 1.7)"
echo "peak memory, full build: $g_peak MiB  (target <= 200)"
echo "unchanged / full:        $(ratio "$u_wall" "$g_wall")    (target <= 0.25)"
if [ "$scale" = 1 ]; then
  read -r d_wall _ _ < <(median_row double)
  echo "2N / N full build:       $(ratio "$d_wall" "$g_wall")    (target <= 2.2)"
fi
echo "compared run said:       $compared_says"
echo "one seed changed said:   $one_seed_says"
echo
echo "stage profile of one full gazette build (gazette build --timings):"
"$gazette" build --root "$site" --base-url "https://profile.example.org/" --timings 2>/dev/null | sed -n '2,$p'
