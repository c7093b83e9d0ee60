#!/usr/bin/env bash
# Installs what NewsDesk needs to build and test on Debian 12 (only what is
# missing), then configures and builds it in _build.
#
#   build-aux/setup.sh [BUILDDIR [MESON OPTIONS...]]
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

packages=(
  # build
  gcc meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libjson-glib-dev libsqlite3-dev
  # checks of the desktop file, metainfo and schema
  desktop-file-utils appstream
  # UI tests: a virtual display, a session bus, GL in software, fonts, icons
  xvfb xauth dbus libgl1-mesa-dri fonts-cantarell fonts-dejavu-core adwaita-icon-theme
  # end-to-end CLI test (reads JSON)
  python3
  # fuzzing (build-aux/newsdesk-fuzz: clang with libFuzzer) and memcheck
  clang libclang-rt-14-dev valgrind
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

builddir=${1:-_build}
shift || true

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$@"
fi
meson compile -C "$builddir"
