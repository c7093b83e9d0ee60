#!/bin/sh
# Extraction quality gate: runs `newsdesk-cli extract --json` on an
# annotated set and fails when set-level F1 for people, places and
# organisations together, or geocoding accuracy within 161 km, falls
# below the bar.
#
#   check-extraction.sh CLI SCORER GOLD MIN_F1 MIN_GEO DIR   (every DIR/*.txt)
set -eu

cli=$1 scorer=$2 gold=$3 min_f1=$4 min_geo=$5 dir=$6

out=$(mktemp)
report=$(mktemp)
trap 'rm -f "$out" "$report"' EXIT

"$cli" extract --json "$dir"/*.txt > "$out"
python3 "$scorer" "$gold" "$out" --verbose > "$report"
cat "$report"

summary=$(tail -n 1 "$report")
f1=$(printf '%s\n' "$summary" | sed -n 's/^entities F1 \([0-9.]*\).*/\1/p')
geo=$(printf '%s\n' "$summary" | sed -n 's/.*geo acc@161 \([0-9.]*\).*/\1/p')

status=0
if ! python3 -c "import sys; sys.exit(0 if float('$f1') >= float('$min_f1') else 1)"; then
  echo "FAIL: entity F1 $f1 is below $min_f1 on $(basename "$gold")"
  status=1
fi
if ! python3 -c "import sys; sys.exit(0 if float('${geo:-0}') >= float('$min_geo') else 1)"; then
  echo "FAIL: geocoding accuracy ${geo:-none} is below $min_geo on $(basename "$gold")"
  status=1
fi
[ $status -eq 0 ] && echo "entity F1 $f1 >= $min_f1, geocoding $geo >= $min_geo on $(basename "$gold")"
exit $status
