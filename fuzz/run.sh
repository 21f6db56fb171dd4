#!/usr/bin/env bash
# Runs every fuzz target for a while (default 600 s each), one after another.
#   fuzz/run.sh [SECONDS] [TARGET ...]
# Needs cargo-fuzz (`cargo install cargo-fuzz`). cargo-fuzz wants nightly features;
# RUSTC_BOOTSTRAP=1 lets the stable toolchain provide them. Findings land in
# fuzz/artifacts/<target>/; the corpus grows in fuzz/corpus/<target>/ (both ignored by git).
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(seed_plain_text seed_markdown front_matter desk)
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  # Start from the sample digest's own stories, so the fuzzer begins on real copy.
  find ../seeds -type f \( -name '*.txt' -o -name '*.md' \) -exec cp {} "corpus/$target/" \;
  echo "== $target for ${seconds}s"
  cargo fuzz run -O "$target" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=4096 2>&1 \
    | grep -E '^(#[0-9]+ +DONE|Done|==[0-9]+==|SUMMARY|artifact_prefix|Test unit written)' || true
done
