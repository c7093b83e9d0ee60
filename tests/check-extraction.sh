#!/bin/sh
# Extraction quality gate: runs `newsdesk-cli extract --json` on an
# annotated set and fails when set-level F1 for people, places and
# organisations together, or geocoding accuracy within 161 km, falls
# below the bar.
#
# With MIN_STOPS and MIN_ORDER it also fails when the itinerary stops F1
# or the share of stop pairs in the right order falls below them.
#
#   check-extraction.sh CLI SCORER GOLD MIN_F1 MIN_GEO DIR [MIN_STOPS MIN_ORDER]   (every DIR/*.txt)
set -eu

cli=$1 scorer=$2 gold=$3 min_f1=$4 min_geo=$5 dir=$6
min_stops=${7:-} min_order=${8:-}

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
if [ -n "$min_stops" ]; then
  stops=$(printf '%s\n' "$summary" | sed -n 's/.*itinerary stops F1 \([0-9.]*\).*/\1/p')
  order=$(printf '%s\n' "$summary" | sed -n 's/.*itinerary stops F1 [0-9.]* order \([0-9.]*\).*/\1/p')
  if ! python3 -c "import sys; sys.exit(0 if float('${stops:-0}') >= float('$min_stops') else 1)"; then
    echo "FAIL: itinerary stops F1 ${stops:-none} is below $min_stops on $(basename "$gold")"
    status=1
  fi
  if ! python3 -c "import sys; sys.exit(0 if float('${order:-0}') >= float('${min_order:-0}') else 1)"; then
    echo "FAIL: itinerary order ${order:-none} is below ${min_order:-0} on $(basename "$gold")"
    status=1
  fi
  [ $status -eq 0 ] && echo "itinerary stops F1 $stops >= $min_stops, order $order >= ${min_order:-0} on $(basename "$gold")"
fi
[ $status -eq 0 ] && echo "entity F1 $f1 >= $min_f1, geocoding $geo >= $min_geo on $(basename "$gold")"
exit $status
