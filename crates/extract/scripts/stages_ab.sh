#!/bin/sh
# Side-by-side stage times of two builds of `examples/stages`, alternated so
# that both see the same load: per build, the best and the mean over the runs
# of the `tokens` stage and of the whole `extract` (each run's figure is
# itself the best of five passes). Finer than `evaluate_ab.sh` for a change
# of a few per cent in one stage: a run takes a second, so many fit.
#
#   crates/extract/scripts/stages_ab.sh OLD_STAGES NEW_STAGES [ROUNDS] [STORIES]
#
# Build each binary with `cargo build --release --locked -p search-extract
# --example stages` at the commit wanted and copy `target/release/examples/stages`
# aside. ROUNDS defaults to 10; STORIES (the first N files of
# /work/main/target/bench-work/base/md, or of $MD) to 3000.
set -eu
old=$1
new=$2
rounds=${3:-10}
stories=${4:-3000}
md=${MD:-/work/main/target/bench-work/base/md}
files=$(ls -d "$md"/* | head -n "$stories")
uptime
for _ in $(seq 1 "$rounds"); do
    for bin in "$old" "$new"; do
        # shellcheck disable=SC2086 # one argument per file
        "$bin" $files | awk -v b="$bin" '/^tokens/ {t = $2} /^extract/ {e = $2} END {print b, t, e}'
    done
done | awk '
    { n[$1]++; st[$1] += $2; se[$1] += $3
      if (!($1 in bt) || $2 < bt[$1]) bt[$1] = $2
      if (!($1 in be) || $3 < be[$1]) be[$1] = $3 }
    END { for (b in n) printf "%s\ttokens best %.1f ms mean %.2f\textract best %.1f ms mean %.2f\t(%d runs)\n", b, bt[b], st[b] / n[b], be[b], se[b] / n[b], n[b] }'
uptime
