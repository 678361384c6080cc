#!/bin/sh
# Side-by-side extraction throughput of two builds of `examples/evaluate`,
# alternated so that both see the same load: prints, per run, the wall-clock
# MB/s (best of 5 passes over the Reuters stories) and the MB/s per CPU second.
#
#   crates/extract/scripts/evaluate_ab.sh OLD_EVALUATE NEW_EVALUATE [DATA_DIR] [ROUNDS]
#
# Build each binary with `cargo build --release --locked -p search-extract
# --example evaluate` at the commit wanted and copy `target/release/examples/evaluate`
# aside. DATA_DIR defaults to ../shared/data, ROUNDS to 3.
set -eu
old=$1
new=$2
data=${3:-../shared/data}
rounds=${4:-3}
uptime
for _ in $(seq 1 "$rounds"); do
    for bin in "$old" "$new"; do
        printf '%s\t' "$bin"
        "$bin" "$data" | awk '/^throughput:/ {w = $2} /per CPU second/ {c = $7} END {printf "wall %s MB/s\tper CPU s %s MB/s\n", w, c}'
    done
done
uptime
