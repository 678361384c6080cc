#!/bin/sh
# Side-by-side per-stage times of two builds of `examples/stages`, alternated so
# that both see the same load: prints, per binary, the best (least) milliseconds
# of each stage over the rounds, and the median of the whole extraction.
#
#   crates/extract/scripts/stages_ab.sh OLD_STAGES NEW_STAGES MD_DIR [ROUNDS] [STORIES]
#
# MD_DIR holds one story a file (e.g. target/bench-work/base/md of the main
# checkout); the first STORIES of them (default 3000) are read. ROUNDS defaults
# to 10. Build each binary with `cargo build --release --locked -p search-extract
# --example stages` at the commit wanted and copy `target/release/examples/stages`
# aside.
set -eu
old=$1
new=$2
dir=$3
rounds=${4:-10}
stories=${5:-3000}
files=$(ls -d "$dir"/* | head -n "$stories")
out=$(mktemp -d)
uptime
for _ in $(seq 1 "$rounds"); do
    # shellcheck disable=SC2086
    "$old" $files | awk '{printf "%s ", $2} END {print ""}' >> "$out/old"
    # shellcheck disable=SC2086
    "$new" $files | awk '{printf "%s ", $2} END {print ""}' >> "$out/new"
done
for f in old new; do
    printf '%s\t' "$f"
    sort -n -k8 "$out/$f" | awk '
        { for (i = 1; i <= 8; i++) if (NR == 1 || $i < best[i]) best[i] = $i; ext[NR] = $8 }
        END {
            split("tokens flags places persons dates orgs all extract", name, " ")
            for (i = 1; i <= 8; i++) printf "%s %.1f  ", name[i], best[i]
            printf "median extract %.1f ms\n", ext[int((NR + 1) / 2)]
        }'
done
rm -r "$out"
uptime
