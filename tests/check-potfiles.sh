#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu

top=${1:?usage: check-potfiles.sh SOURCE_ROOT}
cd "$top"

listed=$(mktemp)
found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT

grep -v '^#' po/POTFILES.in | sed '/^[[:space:]]*$/d' | sort -u > "$listed"

{
  grep -lE '(^|[^A-Za-z0-9_])(_|N_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' src/*/*.c 2>/dev/null || true
  grep -l 'translatable="yes"' src/*/*.ui 2>/dev/null || true
  ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null || true
} | sort -u > "$found"

status=0
for f in $(comm -13 "$listed" "$found"); do
  echo "po/POTFILES.in is missing $f, which has translatable strings"
  status=1
done
for f in $(cat "$listed"); do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names $f, which does not exist"
    status=1
  fi
done

if [ $status -eq 0 ]; then
  echo "po/POTFILES.in lists all $(wc -l < "$found") files with translatable strings"
fi
exit $status
