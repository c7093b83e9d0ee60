#!/bin/sh
# Checks what can be checked of the Flatpak packaging without a Flatpak
# runtime:
#  1. com.example.NewsDesk.json parses; id, runtime, sdk, command and
#     finish-args are the ones of the issue; the app is the last module,
#     built with meson from the repository directory; any other module
#     builds from a pinned source (url + sha256); no network at build time;
#     every dependency() of the meson project the GNOME runtime lacks is
#     built by a module.
#  2. A FRESH meson build of the source root with --prefix=/app, installed
#     with DESTDIR, installs exactly what the manifest, the desktop file and
#     the metainfo point at, and nothing outside /app.
#
# usage: check-flatpak.sh SOURCE_ROOT [BUILD_ROOT]
# BUILD_ROOT is optional and only used to place the temporary directory;
# nothing in it is reused.
set -eu

src=${1:?usage: check-flatpak.sh SOURCE_ROOT [BUILD_ROOT]}
src=$(cd "$src" && pwd)
manifest="$src/com.example.NewsDesk.json"

tmpbase=${TMPDIR:-/tmp}
if [ -n "${2:-}" ] && [ -d "$2" ]; then
  tmpbase=$2
fi
tmp=$(mktemp -d "$tmpbase/check-flatpak.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

ok() {
  echo "ok: $*"
}

[ -f "$manifest" ] || fail "no manifest at $manifest"

# ---------------------------------------------------------------- manifest
# The python part prints "ok: ..." lines and "FAIL: ..." lines; it exits 1
# after listing every failed manifest check. On success its last line is
# "COMMAND=<command>" (read back below).
python3 - "$src" "$manifest" > "$tmp/manifest.out" <<'EOF' || { cat "$tmp/manifest.out"; fail "manifest checks failed (see FAIL lines above)"; }
import json, os, re, sys

src, path = sys.argv[1], sys.argv[2]
failed = []

def ok(msg):
    print("ok: " + msg)

def bad(msg):
    print("FAIL: " + msg)
    failed.append(msg)

def check(cond, good, wrong):
    if cond:
        ok(good)
    else:
        bad(wrong)
    return cond

try:
    with open(path, encoding="utf-8") as f:
        m = json.load(f)
except Exception as e:
    print("FAIL: %s does not parse as JSON: %s" % (os.path.basename(path), e))
    sys.exit(1)
ok("manifest parses as JSON")
if not isinstance(m, dict):
    print("FAIL: manifest is not a JSON object")
    sys.exit(1)

# What the meson project says.
with open(os.path.join(src, "meson.build"), encoding="utf-8") as f:
    top = f.read()
mp = re.search(r"project\(\s*'([^']+)'", top)
ma = re.search(r"^\s*app_id\s*=\s*'([^']+)'", top, re.M)
project_name = mp.group(1) if mp else None
meson_app_id = ma.group(1) if ma else None
if not project_name or not meson_app_id:
    print("FAIL: cannot read project() name or app_id from meson.build")
    sys.exit(1)
meson_deps = set()
for root, dirs, files in os.walk(src):
    rel = os.path.relpath(root, src)
    # only the project's own meson.build files, not build directories
    if rel != "." and not (rel.split(os.sep)[0] in ("src", "data", "po", "tests")):
        dirs[:] = []
        continue
    if "meson.build" in files:
        with open(os.path.join(root, "meson.build"), encoding="utf-8") as f:
            for d in re.findall(r"(?<![_a-z])dependency\(\s*'([^']+)'", f.read()):
                meson_deps.add(d)

app_id = m.get("id", m.get("app-id"))
check(app_id == "com.example.NewsDesk",
      "id is com.example.NewsDesk",
      "id is %r, expected 'com.example.NewsDesk'" % (app_id,))
check(app_id == meson_app_id,
      "id matches app_id in meson.build (%s)" % meson_app_id,
      "id %r differs from app_id %r in meson.build" % (app_id, meson_app_id))
check(os.path.basename(path) == "%s.json" % app_id,
      "manifest file is named after the app id",
      "manifest file %s is not named %s.json" % (os.path.basename(path), app_id))

check(m.get("runtime") == "org.gnome.Platform",
      "runtime is org.gnome.Platform",
      "runtime is %r, expected 'org.gnome.Platform'" % (m.get("runtime"),))
rv = m.get("runtime-version")
check(isinstance(rv, str) and re.fullmatch(r"[0-9]+", rv) is not None,
      "runtime-version %r is a numbered (stable) GNOME release" % (rv,),
      "runtime-version is %r, expected a number such as \"49\" (not master/nightly)" % (rv,))
check(m.get("sdk") == "org.gnome.Sdk",
      "sdk is org.gnome.Sdk",
      "sdk is %r, expected 'org.gnome.Sdk'" % (m.get("sdk"),))
command = m.get("command")
check(command == "newsdesk",
      "command is newsdesk",
      "command is %r, expected 'newsdesk'" % (command,))

# Sandbox: exactly these, nothing else.
allowed = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
fa = m.get("finish-args", [])
if not isinstance(fa, list) or not all(isinstance(a, str) for a in fa):
    bad("finish-args is not a list of strings")
    fa = []
for a in fa:
    if a in allowed:
        continue
    if a.startswith("--filesystem"):
        why = "file system access (use the file chooser portal)"
    elif a == "--share=network":
        why = "network access"
    elif a == "--socket=x11":
        why = "x11 without fallback (use --socket=fallback-x11)"
    elif a.startswith("--talk-name=org.freedesktop.Flatpak"):
        why = "sandbox escape"
    elif a in ("--socket=session-bus", "--socket=system-bus", "--device=all"):
        why = "broad access"
    else:
        why = "not in the allowed set"
    bad("finish-args has %s: %s" % (a, why))
for a in allowed:
    if a not in fa:
        bad("finish-args lacks %s" % a)
if len(fa) != len(set(fa)):
    bad("finish-args has duplicates: %s" % fa)
if sorted(fa) == sorted(allowed):
    ok("finish-args are exactly %s" % " ".join(allowed))

def no_build_network(where, obj):
    bo = obj.get("build-options") or {}
    args = bo.get("build-args") or []
    if any(a == "--share=network" for a in args):
        bad("%s: build-options build-args has --share=network (sources must be pinned)" % where)
no_build_network("manifest", m)

# Modules: the app last, built with meson from this directory.
def load_modules(mods, base):
    out = []
    for mod in mods:
        if isinstance(mod, str):
            p = os.path.join(base, mod)
            try:
                with open(p, encoding="utf-8") as f:
                    mod = json.load(f)
            except Exception as e:
                bad("module file %s does not load: %s" % (p, e))
                continue
        out.append(mod)
    return out

mods = load_modules(m.get("modules") or [], os.path.dirname(path))
if not mods:
    bad("manifest has no modules")
else:
    app = mods[-1]
    check(app.get("name") == project_name,
          "last module is %r, the meson project" % project_name,
          "last module is named %r, expected the meson project %r" % (app.get("name"), project_name))
    check(app.get("buildsystem") == "meson",
          "last module builds with buildsystem meson",
          "last module has buildsystem %r, expected 'meson'" % (app.get("buildsystem"),))
    srcs = app.get("sources") or []
    dirs = [s for s in srcs if isinstance(s, dict) and s.get("type") == "dir"]
    check(len(dirs) == 1 and os.path.normpath(dirs[0].get("path", "")) == ".",
          "last module builds from the repository directory (type dir, path .)",
          "last module sources must hold one {type: dir, path: .}, got %r" % (srcs,))
    no_build_network("module %s" % app.get("name"), app)
    for opt in app.get("config-opts") or []:
        if opt.startswith("--prefix") or opt.startswith("-Dprefix"):
            bad("last module sets %s: flatpak-builder sets the prefix /app" % opt)

    built = set()
    for mod in mods[:-1]:
        name = mod.get("name") or "?"
        built.add(name)
        no_build_network("module %s" % name, mod)
        msrcs = mod.get("sources") or []
        if not msrcs:
            bad("module %s has no sources" % name)
        for s in msrcs:
            if not isinstance(s, dict):
                bad("module %s: source %r is not an object" % (name, s))
            elif s.get("type") == "patch" and "path" in s:
                if not os.path.isfile(os.path.join(os.path.dirname(path), s["path"])):
                    bad("module %s: patch %s does not exist" % (name, s["path"]))
            elif not s.get("url"):
                bad("module %s: source %r has no url (modules other than the app build from a pinned archive)" % (name, s))
            elif not re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", "")):
                bad("module %s: source %s has no valid sha256" % (name, s.get("url")))
            elif not s.get("url", "").startswith("https://"):
                bad("module %s: source %s is not https" % (name, s.get("url")))
            else:
                ok("module %s: %s pinned by sha256" % (name, s.get("url")))
    if len(mods) == 1:
        ok("no modules besides the app")

    # Libraries of the meson project: in the GNOME runtime, or built as a
    # module. This list holds what org.gnome.Platform ships (pkg-config
    # names); anything else must have a module of the same name (minus the
    # API version suffix).
    in_runtime = {
        "glib-2.0", "gio-2.0", "gio-unix-2.0", "gobject-2.0", "gmodule-2.0",
        "json-glib-1.0", "sqlite3", "gtk4", "libadwaita-1", "libsoup-3.0",
        "libxml-2.0", "cairo", "pango", "pangocairo", "gdk-pixbuf-2.0",
        "graphene-1.0", "libsecret-1", "gtksourceview-5", "libshumate-1.0",
        "webkitgtk-6.0", "gstreamer-1.0", "icu-uc", "icu-i18n", "zlib",
        "libpng", "fontconfig", "freetype2", "harfbuzz", "librsvg-2.0",
    }
    for d in sorted(meson_deps):
        if d in in_runtime:
            ok("dependency %s comes from the runtime" % d)
            continue
        stem = re.sub(r"-[0-9.]+$", "", d)
        if d in built or stem in built or ("lib" + stem) in built or stem.replace("lib", "", 1) in built:
            ok("dependency %s is built as a module" % d)
        else:
            bad("dependency %s is not in org.gnome.Platform and no module builds it" % d)

if failed:
    sys.exit(1)
print("COMMAND=%s" % command)
EOF
grep -v '^COMMAND=' "$tmp/manifest.out"
command=$(sed -n 's/^COMMAND=//p' "$tmp/manifest.out")
[ -n "$command" ] || fail "manifest checks gave no command"
app_id=com.example.NewsDesk

# ------------------------------------------------------- fresh build, install
meson=$(command -v meson) || fail "meson not found in PATH"
build="$tmp/build"
dest="$tmp/dest"
echo "# meson setup --prefix=/app -Dbuildtype=release (fresh build dir $build)"
"$meson" setup --prefix=/app -Dbuildtype=release "$build" "$src" > "$tmp/setup.log" 2>&1 \
  || { tail -n 30 "$tmp/setup.log" >&2; fail "meson setup --prefix=/app failed"; }
ok "meson setup with prefix /app"
echo "# meson compile -j 2"
"$meson" compile -C "$build" -j 2 > "$tmp/compile.log" 2>&1 \
  || { tail -n 40 "$tmp/compile.log" >&2; fail "meson compile failed"; }
ok "meson compile"
echo "# DESTDIR=$dest meson install"
DESTDIR="$dest" "$meson" install -C "$build" --no-rebuild > "$tmp/install.log" 2>&1 \
  || { tail -n 30 "$tmp/install.log" >&2; fail "meson install with DESTDIR failed"; }
ok "meson install with DESTDIR"

# Nothing outside /app.
outside=$(cd "$dest" && find . -mindepth 1 -maxdepth 1 ! -name app)
[ -z "$outside" ] || fail "installed outside /app: $outside"
if [ -f "$build/meson-logs/install-log.txt" ]; then
  stray=$(grep -v '^#' "$build/meson-logs/install-log.txt" | grep -v "^$dest/app/" | grep -v '^/app/' \
    | grep -vxF -e "$dest" -e "$dest/app" || true)
  [ -z "$stray" ] || fail "install log names files outside /app: $stray"
fi
ok "nothing installed outside /app"
app="$dest/app"

need_file() {
  [ -f "$app/$1" ] || fail "not installed: /app/$1${2:+ ($2)}"
  ok "installed /app/$1${2:+ ($2)}"
}

# Binaries: the manifest's command and the CLI.
need_file "bin/$command" "the manifest's command"
[ -x "$app/bin/$command" ] || fail "/app/bin/$command is not executable"
need_file bin/newsdesk-cli
[ -x "$app/bin/newsdesk-cli" ] || fail "/app/bin/newsdesk-cli is not executable"

# Desktop file: Exec runs the manifest's command, Icon is installed.
desktop="share/applications/$app_id.desktop"
need_file "$desktop"
exec_line=$(sed -n 's/^Exec=//p' "$app/$desktop" | head -n 1)
exec_cmd=${exec_line%% *}
[ "$exec_cmd" = "$command" ] \
  || fail "desktop file Exec=$exec_line does not start with the manifest command '$command'"
ok "desktop file Exec=$exec_line starts with the manifest command"
icon=$(sed -n 's/^Icon=//p' "$app/$desktop" | head -n 1)
[ -n "$icon" ] || fail "desktop file has no Icon="
[ "$icon" = "$app_id" ] || fail "desktop file Icon=$icon is not the app id $app_id (Flatpak exports only icons named after the app id)"
need_file "share/icons/hicolor/scalable/apps/$icon.svg" "Icon=$icon"
need_file "share/icons/hicolor/symbolic/apps/$icon-symbolic.svg" "symbolic icon"
grep -q "^DBusActivatable=true" "$app/$desktop" \
  && fail "desktop file says DBusActivatable=true but nothing installs a D-Bus service"

# Metainfo: <id> and <launchable> match.
metainfo="share/metainfo/$app_id.metainfo.xml"
need_file "$metainfo"
python3 - "$app/$metainfo" "$app_id" <<'EOF' || fail "metainfo <id>/<launchable> do not match $app_id"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
app_id = sys.argv[2]
mid = (root.findtext("id") or "").strip()
launch = [(l.get("type"), (l.text or "").strip()) for l in root.findall("launchable")]
if mid != app_id:
    print("FAIL: metainfo <id> is %r, expected %r" % (mid, app_id)); sys.exit(1)
if ("desktop-id", app_id + ".desktop") not in launch:
    print("FAIL: metainfo <launchable> is %r, expected desktop-id %s.desktop" % (launch, app_id)); sys.exit(1)
print("ok: metainfo <id>%s</id> and <launchable type=\"desktop-id\">%s.desktop</launchable>" % (mid, app_id))
EOF

# GSettings schema, with the app id as schema id.
schema="share/glib-2.0/schemas/$app_id.gschema.xml"
need_file "$schema" "GSettings schema"
grep -q "<schema[^>]* id=\"$app_id\"" "$app/$schema" \
  || fail "/app/$schema has no <schema id=\"$app_id\">"
ok "schema id $app_id"

# Translations: every language in po/LINGUAS, German by name.
need_file share/locale/de/LC_MESSAGES/newsdesk.mo "German translation"
for lang in $(sed 's/#.*//' "$src/po/LINGUAS"); do
  need_file "share/locale/$lang/LC_MESSAGES/newsdesk.mo" "po/LINGUAS"
done

echo "# installed tree:"
(cd "$dest" && find . -type f | sed 's|^\.||' | sort)
echo "PASS: Flatpak manifest and /app install layout"
