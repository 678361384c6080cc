#!/bin/bash
# Do two `search` binaries build indexes that answer alike?
#   bench/same_index.sh INPUT BUILD_BIN_A BUILD_BIN_B [QUERY_BIN]
# Builds an index of INPUT (a file or folder; 10k Reuters JSON lines, say) with
# each binary, then asks both indexes 16 queries (`*`, terms, a phrase,
# AND/OR/NOT, a prefix, `title:`, person/org/country/date filters, sorting by
# date, paging) with QUERY_BIN (default BUILD_BIN_B) and compares the
# `search query --json` output byte for byte. Prints the differing queries;
# exit status 1 when any differs.
set -u
if [ $# -lt 3 ]; then sed -n 2,9p "$0"; exit 2; fi
INPUT=$1; A=$2; B=$3; Q=${4:-$3}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT
"$A" index "$INPUT" --index "$D/a" --quiet || exit 2
"$B" index "$INPUT" --index "$D/b" --quiet || exit 2
fail=0; n=0
while IFS= read -r line; do
  eval "args=($line)"
  n=$((n + 1))
  "$Q" query "${args[@]}" --json --index "$D/a" > "$D/qa.json" 2>&1
  "$Q" query "${args[@]}" --json --index "$D/b" > "$D/qb.json" 2>&1
  if ! cmp -s "$D/qa.json" "$D/qb.json"; then echo "differs: $line"; fail=1; fi
done <<'QUERIES'
'*' --limit 20
oil --limit 20
'"interest rates"' --limit 20
'oil AND gold'
'gold OR silver' --offset 30
'oil NOT opec'
'petrol*'
'title:bank' --limit 20
'*' --person Reagan --limit 20
'*' --org OPEC --limit 20
'*' --country US --limit 20
'*' --country IR --limit 5
bank --from 1987-03 --to 1987-03
trade --sort oldest --limit 20
'"interest rates"' --sort newest
'*' --sort newest --limit 30
QUERIES
if [ $fail = 0 ]; then echo "same: $n queries"; fi
exit $fail
