#!/bin/sh
# End-to-end test of newsdesk-cli through the built binary (docs/FORMATS.md):
# import, list, show, tag, untag, delete, export, extract, bad input and
# usage errors, on the sample articles, in a temporary folder.
#
# Environment (set by tests/meson.build): NEWSDESK_CLI, ND_SAMPLES_DIR.
# Prints TAP; stops at the first failed check, naming it.
#
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

: "${NEWSDESK_CLI:?NEWSDESK_CLI must be the path of the built newsdesk-cli}"
: "${ND_SAMPLES_DIR:?ND_SAMPLES_DIR must be the folder of the sample articles}"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# Never touch the desk of the person running the tests.
unset NEWSDESK_DB
XDG_DATA_HOME="$tmp/xdg"
export XDG_DATA_HOME

db="$tmp/desk.db"
tab=$(printf '\t')
checks=0

ok () {
  checks=$((checks + 1))
  echo "ok $checks - $1"
}

fail () {
  echo "not ok $((checks + 1)) - $1"
  if [ -s "$tmp/out" ]; then echo "# stdout:"; sed 's/^/#   /' "$tmp/out"; fi
  if [ -s "$tmp/err" ]; then echo "# stderr:"; sed 's/^/#   /' "$tmp/err"; fi
  echo "Bail out! $1"
  exit 1
}

# run ARG... : runs the CLI; stdout in $tmp/out, stderr in $tmp/err, $status
run () {
  set +e
  "$NEWSDESK_CLI" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
}

# cli ARG... : runs the CLI on the test desk
cli () {
  run --database "$db" "$@"
}

expect_status () {
  [ "$status" -eq "$1" ] || fail "$2: exit status $status, expected $1"
}

expect_lines () {
  n=$(wc -l <"$3" | tr -d ' ')
  [ "$n" -eq "$1" ] || fail "$2: $n lines in $(basename "$3"), expected $1"
}

expect_no_stderr () {
  [ ! -s "$tmp/err" ] || fail "$1: unexpected stderr"
}

# python3 CHECK-NAME SCRIPT FILE : a Python check on a JSON file
json_check () {
  name=$1
  shift
  python3 -c "$@" || fail "$name"
}

# The rows of a plain list, without ids and dates: "TITLE<TAB>TAGS", sorted
titles_and_tags () {
  cut -f 3,4 "$1" | LC_ALL=C sort
}

sample () {
  echo "$ND_SAMPLES_DIR/$1"_*.txt
}

s000=$(sample 000)
s003=$(sample 003)
s004=$(sample 004)
title000="Witkoff Plans Mideast Visit to Advocate for Gaza Ceasefire, State Department Confirms"
title004="U.S. Envoy Cuts Gaza Ceasefire Talks Short, Citing Hamas's Bad Faith Actions"

# --- program -----------------------------------------------------------------

run --version
expect_status 0 "--version"
grep -q '^newsdesk-cli [0-9]' "$tmp/out" || fail "--version prints the version"
ok "--version"

run --help
expect_status 0 "--help"
for command in import list show tag untag delete export extract; do
  grep -q "^  $command " "$tmp/out" || fail "--help lists $command"
done
ok "--help lists every command"

run --database "$db" export --help
expect_status 0 "export --help"
grep -q -- '--format' "$tmp/out" || fail "export --help shows --format"
[ ! -e "$db" ] || fail "--help does not create the desk"
ok "COMMAND --help"

# German, with the catalogs of the build (NEWSDESK_LOCALEDIR); gettext
# ignores LANGUAGE in the C locale, C.UTF-8 is always there
if [ -n "${NEWSDESK_LOCALEDIR:-}" ]; then
  set +e
  LANGUAGE=de LC_ALL=C.UTF-8 "$NEWSDESK_CLI" --help >"$tmp/out" 2>"$tmp/err"
  status=$?
  set -e
  expect_status 0 "--help in German"
  grep -q '^Befehle:' "$tmp/out" || fail "--help in German says Befehle:"
  grep -q '^Aufruf: ' "$tmp/out" || fail "--help in German says Aufruf:"
  ok "--help in German"
fi

# --- usage errors: exit 2, a usage line, and no desk created ------------------

check_usage () {
  name=$1
  shift
  cli "$@"
  expect_status 2 "$name"
  grep -q 'Usage: ' "$tmp/err" || fail "$name: a usage line on stderr"
  [ ! -s "$tmp/out" ] || fail "$name: nothing on stdout"
}

check_usage "no command"
check_usage "unknown command" frobnicate
check_usage "unknown option" list --bogus
check_usage "show without an id" show
check_usage "show with a bad id" show abc
check_usage "show with id 0" show 0
check_usage "show with a negative id" show -- -3
check_usage "tag without a tag" tag 1
check_usage "tag with an empty tag" tag 1 "  "
check_usage "delete with a bad id" delete 1 x
check_usage "import without a path" import
check_usage "export without -o" export
check_usage "export with an unknown format" export --format xml -o "$tmp/x"
check_usage "export with bad ids" export --ids 1,b -o "$tmp/x"
check_usage "extract without --json" extract "$s000"
check_usage "option missing its value" list --tag
run --bogus list
expect_status 2 "unknown global option"
[ ! -e "$db" ] || fail "usage errors do not create the desk"
ok "usage errors exit 2 with a usage line"

# --- import ------------------------------------------------------------------

cli import "$ND_SAMPLES_DIR"/*.txt
expect_status 0 "import the samples"
expect_no_stderr "import the samples"
expect_lines 5 "import the samples" "$tmp/out"
for f in "$ND_SAMPLES_DIR"/*.txt; do
  grep -q "^imported$tab$f$tab[1-9][0-9]*\$" "$tmp/out" || fail "import prints imported<TAB>$f<TAB>ID"
done
cp "$tmp/out" "$tmp/imported"
id_of () {
  grep "$tab$1$tab" "$tmp/imported" | cut -f 3
}
id000=$(id_of "$s000")
id003=$(id_of "$s003")
id004=$(id_of "$s004")
[ "$(cut -f 3 "$tmp/imported" | sort -u | wc -l)" -eq 5 ] || fail "import gives five different ids"
ok "import the five samples"

cli import "$ND_SAMPLES_DIR"/*.txt
expect_status 0 "import the samples again"
expect_no_stderr "import the samples again"
expect_lines 5 "import the samples again" "$tmp/out"
sed 's/^imported/duplicate/' "$tmp/imported" >"$tmp/expected"
cmp -s "$tmp/out" "$tmp/expected" || fail "import again prints duplicate<TAB>PATH<TAB>the same ID"
ok "import again gives duplicates with the same ids"

run --database "$tmp/folder.db" import "$ND_SAMPLES_DIR"
expect_status 0 "import a folder"
expect_lines 5 "import a folder" "$tmp/out"
[ "$(grep -c "^imported$tab$ND_SAMPLES_DIR/" "$tmp/out")" -eq 5 ] || fail "import a folder names each file"
ok "import a folder"

# --- list --------------------------------------------------------------------

cli list
expect_status 0 "list"
expect_no_stderr "list"
expect_lines 5 "list" "$tmp/out"
awk -F '\t' 'NF != 4 { exit 1 }' "$tmp/out" || fail "list rows are ID<TAB>DATE<TAB>TITLE<TAB>TAGS"
grep -q "^$id000$tab[0-9-]*$tab$title000$tab\$" "$tmp/out" || fail "list shows the title of 000"
grep -q "^$id004$tab[0-9-]*$tab$title004$tab\$" "$tmp/out" || fail "list shows the title of 004"
python3 -c 'import sys; open(sys.argv[1], encoding="utf-8").read()' "$tmp/out" || fail "list prints UTF-8"
cp "$tmp/out" "$tmp/list-all"
ok "list shows five rows with their titles"

cli list --search Herzog
expect_status 0 "list --search"
expect_lines 1 "list --search Herzog" "$tmp/out"
[ "$(cut -f 1 "$tmp/out")" = "$id003" ] || fail "list --search Herzog finds only 003"
ok "list --search"

cli list --search "Herzog" --tag nosuchtag
expect_status 0 "list --search --tag"
expect_lines 0 "filters combine with AND" "$tmp/out"
ok "filters combine with AND"

cli list --entity witkoff
expect_status 0 "list --entity"
cut -f 1 "$tmp/out" | while read -r id; do
  [ "$id" = "$id000" ] || [ "$id" = "$id004" ] || fail "list --entity Witkoff: article $id does not name Witkoff"
done
ok "list --entity"

cli list --json
expect_status 0 "list --json"
json_check "list --json is a NewsDesk document with five articles" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == "newsdesk", doc.get("format")
assert len(doc["articles"]) == 5
assert sys.argv[2] in [a["title"] for a in doc["articles"]]
' "$tmp/out" "$title000"
ok "list --json"

# --- tag and untag -----------------------------------------------------------

cli tag "$id000" ceasefire envoys
expect_status 0 "tag"
expect_no_stderr "tag"
cli list --tag ceasefire
expect_status 0 "list --tag"
expect_lines 1 "list --tag ceasefire" "$tmp/out"
grep -q "^$id000$tab[0-9-]*$tab$title000${tab}ceasefire,envoys\$" "$tmp/out" || fail "list --tag ceasefire shows 000 with its tags"
ok "tag, then list --tag"

cli untag "$id000" ceasefire
expect_status 0 "untag"
cli list --tag ceasefire
expect_lines 0 "list --tag ceasefire after untag" "$tmp/out"
cli list --tag envoys
grep -q "^$id000$tab.*${tab}envoys\$" "$tmp/out" || fail "untag leaves the other tags"
ok "untag"

cli tag 9999 x
expect_status 1 "tag a missing article"
expect_lines 1 "tag a missing article: one line on stderr" "$tmp/err"
grep -q "9999" "$tmp/err" || fail "tag a missing article names the id"
ok "tag a missing article fails"

# --- show --------------------------------------------------------------------

cli show "$id000" --json
expect_status 0 "show --json"
json_check "show --json holds the article with its title and tags" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == "newsdesk"
[a] = doc["articles"]
assert a["id"] == int(sys.argv[2]), a["id"]
assert a["title"] == sys.argv[3], a["title"]
assert a["tags"] == ["envoys"], a["tags"]
assert "Witkoff" in a["body"]
assert isinstance(a["entities"], list)
[it] = a["itineraries"]
assert it["ordered"] is True and "Witkoff" in it["traveller"], it
assert [s["place"] for s in it["stops"]] == ["Tel Aviv", "Ramallah", "Cairo", "Amman"], it
assert [s["when"] for s in it["stops"]] == ["Day 1", "Day 2", "Day 3", "Day 4"], it
assert all(s["purpose"] and s["evidence"]["end"] > s["evidence"]["start"] for s in it["stops"]), it
' "$tmp/out" "$id000" "$title000"
ok "show --json"

LC_ALL=C cli show "$id000"
expect_status 0 "show"
head -n 1 "$tmp/out" | grep -qx "$title000" || fail "show starts with the title"
grep -q "envoys" "$tmp/out" || fail "show lists the tags"
grep -q "United States’ commitment" "$tmp/out" || fail "show prints the body in UTF-8 even under LC_ALL=C"
ok "show"

cli show 9999
expect_status 1 "show a missing article"
expect_lines 1 "show a missing article: one line on stderr" "$tmp/err"
grep -qx "No article with id 9999" "$tmp/err" || fail "show a missing article says so"
ok "show a missing article"

# --- export and a round trip -------------------------------------------------

cli export -o "$tmp/all.json"
expect_status 0 "export"
expect_no_stderr "export"
json_check "export writes every article" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == "newsdesk"
assert len(doc["articles"]) == 5
' "$tmp/all.json"
ok "export with no selector writes every article"

run --database "$tmp/copy.db" import "$tmp/all.json"
expect_status 0 "import the export into a new desk"
expect_lines 5 "import the export" "$tmp/out"
[ "$(grep -c "^imported$tab$tmp/all.json$tab" "$tmp/out")" -eq 5 ] || fail "import of an export prints one line per article"
run --database "$tmp/copy.db" list
expect_status 0 "list the new desk"
titles_and_tags "$tmp/out" >"$tmp/b"
cli list
titles_and_tags "$tmp/out" >"$tmp/a"
cmp -s "$tmp/a" "$tmp/b" || fail "the round trip keeps titles and tags"
grep -q "^$title000${tab}envoys\$" "$tmp/b" || fail "the round trip keeps the tag of 000"
ok "export, import into a new desk: same titles and tags"

cli export --ids "$id003,$id000" -o "$tmp/some.json"
expect_status 0 "export --ids"
json_check "export --ids writes only those articles" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
ids = sorted(a["id"] for a in doc["articles"])
assert ids == sorted([int(sys.argv[2]), int(sys.argv[3])]), ids
' "$tmp/some.json" "$id003" "$id000"
ok "export --ids"

cli export --ids "$id003,$id000" --tag envoys -o "$tmp/some.json"
expect_status 0 "export --ids --tag"
json_check "export --ids --tag combine with AND" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert [a["id"] for a in doc["articles"]] == [int(sys.argv[2])]
' "$tmp/some.json" "$id000"
ok "export selectors combine with AND"

cli export --ids 9999 -o "$tmp/missing.json"
expect_status 1 "export a missing id"
expect_lines 1 "export a missing id: one line on stderr" "$tmp/err"
[ ! -e "$tmp/missing.json" ] || fail "export of a missing id writes nothing"
ok "export of a missing id fails"

cli export -o "$tmp/no/such/folder/out.json"
expect_status 1 "export into a missing folder"
expect_lines 1 "export into a missing folder: one line on stderr" "$tmp/err"
grep -q "out.json" "$tmp/err" || fail "export failure names the file"
ok "export failure names the file"

cli export --format geojson -o "$tmp/stops.geojson"
expect_status 0 "export --format geojson"
json_check "export --format geojson writes a FeatureCollection" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["type"] == "FeatureCollection"
assert isinstance(doc["features"], list)
for f in doc["features"]:
    assert f["type"] == "Feature" and f["geometry"]["type"] in ("Point", "LineString")
' "$tmp/stops.geojson"
ok "export --format geojson"

cli export --ids "$id000" --format geojson -o "$tmp/stops000.geojson"
expect_status 0 "export --format geojson of 000"
json_check "export --format geojson of 000 has its stops and route" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
points = [f for f in doc["features"] if f["geometry"]["type"] == "Point"]
lines = [f for f in doc["features"] if f["geometry"]["type"] == "LineString"]
assert len(points) >= 4, points
assert [p["properties"]["order"] for p in points] == sorted(p["properties"]["order"] for p in points)
for p in points:
    lon, lat = p["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    for key in ("traveller", "order", "place", "when", "purpose", "article_id", "article_title"):
        assert key in p["properties"], key
    assert p["properties"]["article_id"] == int(sys.argv[2])
assert points[0]["properties"]["place"] == "Tel Aviv" and points[0]["properties"]["when"] == "Day 1"
# Tel Aviv lies east of 30E and north of 30N: [lon, lat] order
assert points[0]["geometry"]["coordinates"][0] > 34 and points[0]["geometry"]["coordinates"][1] > 31
assert len(lines) == 1 and len(lines[0]["geometry"]["coordinates"]) == len(points)
' "$tmp/stops000.geojson" "$id000"
ok "export --format geojson of 000 has features"

# --- bad input: refused with PATH: reason, the rest of the batch goes in -----

: >"$tmp/empty.txt"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000\001\000\000\000\001\000\010\002\000\000\000\000\377\000' >"$tmp/image.bin"
printf 'Harbour Talks Resume\tin Oslo After Long Pause\nNegotiators from both sides met in Oslo on Tuesday to resume talks on the harbour dispute.\nThe meeting lasted four hours, officials said.\n' >"$tmp/good.txt"
count_before=$(wc -l <"$tmp/list-all")
cli import "$tmp/empty.txt" "$tmp/good.txt" "$tmp/image.bin" "$tmp/missing.txt"
expect_status 1 "import a batch with bad files"
expect_lines 1 "import a batch with bad files: stdout" "$tmp/out"
grep -q "^imported$tab$tmp/good.txt$tab[0-9]*\$" "$tmp/out" || fail "the good file of a bad batch is imported"
expect_lines 3 "import a batch with bad files: stderr" "$tmp/err"
for f in empty.txt image.bin missing.txt; do
  grep -q "^$tmp/$f: ." "$tmp/err" || fail "a refused file gets PATH: reason ($f)"
  [ "$(grep -c "$f" "$tmp/err")" -eq 1 ] || fail "one line per refused file ($f)"
done
grep "^$tmp/empty.txt: " "$tmp/err" | sed "s|^$tmp/empty.txt: ||" | grep -vq "empty.txt" ||
  fail "the reason does not name the file again"
good_id=$(cut -f 3 "$tmp/out")
cli list
expect_lines $((count_before + 1)) "only the good file went in" "$tmp/out"
awk -F '\t' 'NF != 4 { exit 1 }' "$tmp/out" || fail "a tab in a title does not break the list row"
ok "bad files refused with PATH: reason; the good file imported"

for f in empty.txt image.bin missing.txt; do
  cli import "$tmp/$f"
  expect_status 1 "import $f alone"
  expect_lines 0 "import $f alone: stdout" "$tmp/out"
  expect_lines 1 "import $f alone: stderr" "$tmp/err"
done
cli list
expect_lines $((count_before + 1)) "bad files leave the desk unchanged" "$tmp/out"
ok "bad files alone leave the desk unchanged"

# --- delete ------------------------------------------------------------------

cli delete "$good_id" "$id003"
expect_status 0 "delete"
expect_no_stderr "delete"
cli list
expect_lines $((count_before - 1)) "delete removes the articles" "$tmp/out"
grep -q "^$id003$tab" "$tmp/out" && fail "delete removes 003"
cli show "$id003"
expect_status 1 "show a deleted article"
cli list --search Herzog
expect_lines 0 "a deleted article leaves the search index" "$tmp/out"
ok "delete"

cli delete "$id000" 9999
expect_status 1 "delete with a missing id"
grep -q "9999" "$tmp/err" || fail "delete with a missing id names it"
cli show "$id000"
expect_status 0 "delete with a missing id deletes nothing"
ok "delete with a missing id deletes nothing"

# --- the database: --database, NEWSDESK_DB, default, and a bad one -------------

NEWSDESK_DB="$tmp/env.db" run import "$s000"
expect_status 0 "import with NEWSDESK_DB"
[ -s "$tmp/env.db" ] || fail "NEWSDESK_DB names the desk"
NEWSDESK_DB="$tmp/env.db" run list
expect_lines 1 "list with NEWSDESK_DB" "$tmp/out"
NEWSDESK_DB="$tmp/env.db" run --database "$tmp/folder.db" list
expect_lines 5 "--database wins over NEWSDESK_DB" "$tmp/out"
ok "NEWSDESK_DB and --database"

run import "$s004"
expect_status 0 "import into the default desk"
[ -s "$XDG_DATA_HOME/newsdesk/newsdesk.db" ] || fail "the default desk is \$XDG_DATA_HOME/newsdesk/newsdesk.db"
ok "the default desk"

printf 'This is a text file, not a SQLite database. It is long enough to have a header page.\n%.0s' 1 2 3 4 5 6 7 8 9 10 >"$tmp/notes.db"
cp "$tmp/notes.db" "$tmp/notes.orig"
run --database "$tmp/notes.db" list
expect_status 1 "a file that is not a database"
expect_lines 1 "a file that is not a database: one line on stderr" "$tmp/err"
grep -q "notes.db" "$tmp/err" || fail "the error names the database file"
cmp -s "$tmp/notes.db" "$tmp/notes.orig" || fail "a file that is not a database is left alone"
ok "a file that is not a database"

# --- a full disk while importing ---------------------------------------------

# The desk may grow by a few pages only: the files printed as imported are
# the articles in the desk, whole, and the file that did not fit is named
# on stderr with the full disk.
mkdir "$tmp/many"
i=0
while [ $i -lt 300 ]; do
  printf 'Round %s of the talks\n\nThe envoy Maria Lopez arrived in Lima on Monday for round %s of the talks on trade and energy, officials said.\n' \
    $i $i >"$tmp/many/$i.txt"
  i=$((i + 1))
done
full="$tmp/full.db"
run --database "$full" list
pages=$(python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA page_count").fetchone()[0])' "$full")
set +e
NEWSDESK_MAX_PAGE_COUNT=$((pages + 40)) "$NEWSDESK_CLI" --database "$full" import "$tmp/many" >"$tmp/out" 2>"$tmp/err"
status=$?
set -e
expect_status 1 "import into a full desk"
printed=$(grep -c "^imported$tab" "$tmp/out" || true)
[ "$printed" -gt 0 ] || fail "the files that fit are imported"
[ -s "$tmp/err" ] || fail "the files that did not fit are named"
grep -v "^$tmp/many/[0-9]*\.txt: .*[Dd]isk full" "$tmp/err" && fail "each error names its file and the full disk"
run --database "$full" list
in_desk=$(wc -l <"$tmp/out" | tr -d ' ')
[ "$in_desk" -eq "$printed" ] || fail "printed as imported: $printed, in the desk: $in_desk"
ok "a full disk while importing"

# --- extract -----------------------------------------------------------------

run extract --json "$ND_SAMPLES_DIR"/*.txt
expect_status 0 "extract --json"
expect_no_stderr "extract --json"
json_check "extract --json prints a NewsDesk document of five articles without ids" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert doc["format"] == "newsdesk"
assert len(doc["articles"]) == 5
for a in doc["articles"]:
    assert a["id"] is None and a["imported"] is None and a["tags"] == [], a
    assert isinstance(a["entities"], list)
assert sorted(a["source"] for a in doc["articles"])[0].startswith("000_")
' "$tmp/out"
ok "extract --json"

run extract --json "$s000" "$tmp/empty.txt" "$s004"
expect_status 1 "extract --json with a bad file"
expect_lines 1 "extract --json with a bad file: stderr" "$tmp/err"
grep -q "^$tmp/empty.txt: " "$tmp/err" || fail "extract names the bad file"
json_check "extract --json still prints the good files" '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(doc["articles"]) == 2
' "$tmp/out"
ok "extract --json goes on past a bad file"

# --- a band on tour ------------------------------------------------------------

printf 'Copper Lanterns announce South American tour\n\nCopper Lanterns have announced a string of live tour dates.\n\nJanuary 15th \342\200\223 Santiago, Chile\nJanuary 18th \342\200\223 Buenos Aires, Argentina\nJanuary 21st \342\200\223 Lima, Peru\n' >"$tmp/band.txt"
run --database "$tmp/band.db" import "$tmp/band.txt"
expect_status 0 "import a band's tour dates"
band_id=$(cut -f 3 "$tmp/out")
run --database "$tmp/band.db" show --json "$band_id"
expect_status 0 "show a band's tour"
json_check "a band's tour is its itinerary, kept in the desk with the band as an organisation" '
import json, sqlite3, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
[a] = doc["articles"]
[it] = a["itineraries"]
assert it["traveller"] == "Copper Lanterns", it
assert [s["place"] for s in it["stops"]] == ["Santiago", "Buenos Aires", "Lima"], it
assert [s["when"] for s in it["stops"]] == ["January 15th", "January 18th", "January 21st"], it
db = sqlite3.connect(sys.argv[2])
kinds = db.execute("SELECT DISTINCT e.kind FROM stops s JOIN entities e ON e.id = s.traveller_id").fetchall()
assert kinds == [("organization",)], kinds
' "$tmp/out" "$tmp/band.db"
ok "a band on tour"

echo "1..$checks"
