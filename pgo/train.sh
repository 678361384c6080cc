#!/usr/bin/env bash
# Records the profile-guided optimisation profile `pgo/search.profdata` that
# release builds use (pgo/README.md): builds `search` instrumented, runs it on
# real news (index, re-index, queries, extraction, the HTTP server) and merges
# what it counted.
#
#   pgo/train.sh [SHARED_DATA_DIR]     # default ../shared/data
#
# Needs llvm-profdata of rustc's LLVM version (`rustc -vV`; Debian: apt install
# llvm-22) and the labelled data's Reuters-21578 and saved pages. Takes about
# ten minutes, most of it the instrumented build (in target/pgo-train).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data=${1:-../shared/data}
[ -d "$data/reuters21578" ] && [ -d "$data/article-extraction/html" ] ||
  { echo "no Reuters-21578 or saved pages under $data" >&2; exit 2; }
data=$(cd "$data" && pwd)
llvm=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
profdata=$(command -v "llvm-profdata-$llvm" || command -v llvm-profdata || true)
[ -n "$profdata" ] || { echo "llvm-profdata (LLVM $llvm) not found: apt install llvm-$llvm" >&2; exit 2; }

target=$root/target/pgo-train
raw=$target/raw
rm -rf "$raw"
work=$(mktemp -d)
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The wrapper leaves an instrumented build alone (it sees -Cprofile-generate).
# The build's proc macros are instrumented too: what they count while the
# compiler runs them goes elsewhere.
LLVM_PROFILE_FILE=$work/build-%p.profraw RUSTFLAGS="-Cprofile-generate=$raw" \
  CARGO_TARGET_DIR=$target cargo build --release --locked -p search-cli
bin=$target/release/search
export LLVM_PROFILE_FILE=$raw/search-%p-%m.profraw

# The articles: Reuters stories as Markdown files and as JSON lines, saved web
# pages, the seeds. Seven of Reuters' 22 files, not all: enough for the counts
# to settle. (The benchmark corpora are made from all 22, these included.)
reuters=$data/reuters21578
python3 "$reuters/to_articles.py" md "$work/md" "$reuters"/reut2-00[0-4].sgm >/dev/null
python3 "$reuters/to_articles.py" jsonl "$work/feed.jsonl" "$reuters"/reut2-00[5-6].sgm >/dev/null
cp -r "$data/article-extraction/html" "$work/pages"
index=$work/index
"$bin" index "$work/md" "$work/feed.jsonl" "$work/pages" seeds --index "$index" --quiet
"$bin" index "$work/md" --index "$index" --quiet   # unchanged: a re-run
"$bin" extract --json "$work/feed.jsonl" >/dev/null

queries=(
  "'*' --limit 20" "oil --limit 20" "'\"interest rates\"' --limit 20" "'oil AND gold'"
  "'gold OR silver' --offset 30" "'oil NOT opec'" "'petrol*'" "'title:bank' --limit 20"
  "'*' --person Reagan --limit 20" "'*' --org OPEC" "'*' --country US" "bank --from 1987-03 --to 1987-03"
  "trade --sort oldest" "'\"interest rates\"' --sort newest" "stoltenberg" "opek"
)
for q in "${queries[@]}"; do
  eval "args=($q)"
  "$bin" query "${args[@]}" --index "$index" >/dev/null
  "$bin" query "${args[@]}" --index "$index" --json >/dev/null
done

# The HTTP server, its page and API; it writes its counts when it stops.
port=$((20000 + RANDOM % 20000))
"$bin" serve --index "$index" --listen "127.0.0.1:$port" 2>/dev/null &
server=$!
python3 - "$port" <<'PY'
import sys, time, urllib.request
base = f"http://127.0.0.1:{sys.argv[1]}"
for _ in range(100):
    try:
        urllib.request.urlopen(base + "/api/health").read()
        break
    except OSError:
        time.sleep(0.1)
for path in ["/", "/app.js", "/api/search?q=oil", "/api/search?q=*&country=US",
             "/api/search?q=bank&from=1987-03&to=1987-03", "/api/search?q=trade&person=Reagan",
             "/api/search?q=opek&sort=newest", "/api/search?q=%22interest+rates%22&offset=10"]:
    for _ in range(3):
        urllib.request.urlopen(base + path).read()
PY
kill -INT "$server"
wait "$server" || true
server=

# Sparse: functions the run never entered are left out, so that the compiler
# treats them as unprofiled rather than cold.
"$profdata" merge --sparse -o pgo/search.profdata "$raw"
"$profdata" show pgo/search.profdata | tail -4
echo "wrote pgo/search.profdata: cargo clean --release, then build, to use it"
