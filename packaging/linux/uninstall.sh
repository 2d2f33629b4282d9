#!/usr/bin/env bash
# Removes what install.sh installed: the program, its command, menu entry,
# icons and the application/x-juryapp file type. Campaign files (.jury) and
# the user's settings are left alone.
#
#   bash uninstall.sh               for this user (as root: for every user)
#   bash uninstall.sh --user        for this user only, even as root
#   bash uninstall.sh --system      for every user (root)
#   bash uninstall.sh --prefix DIR  where install.sh put the program
set -euo pipefail

scope=""
prefix=""
while [ $# -gt 0 ]; do
    case "$1" in
        --user) scope=user ;;
        --system) scope=system ;;
        --prefix) prefix="$2"; shift ;;
        -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "uninstall.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$scope" ]; then
    if [ "$(id -u)" -eq 0 ]; then scope=system; else scope=user; fi
fi
if [ "$scope" = system ] && [ "$(id -u)" -ne 0 ]; then
    echo "uninstall.sh: removing the copy of every user needs root (sudo bash uninstall.sh)" >&2
    exit 1
fi

if [ "$scope" = user ]; then
    data="${XDG_DATA_HOME:-$HOME/.local/share}"
    prefix="${prefix:-$HOME/.local/opt}"
    bin="$HOME/.local/bin"
else
    data="/usr/local/share"
    prefix="${prefix:-/opt}"
    bin="/usr/local/bin"
fi
target="$prefix/juryapp"

# The command only if it is ours (a link into the installed copy).
if [ -L "$bin/juryapp" ] && [ "$(readlink "$bin/juryapp")" = "$target/juryapp" ]; then
    rm -f "$bin/juryapp"
fi
rm -f "$data/applications/juryapp.desktop" \
      "$data/mime/packages/juryapp.xml" \
      "$data/icons/hicolor/scalable/apps/juryapp.svg" \
      "$data/icons/hicolor/scalable/mimetypes/application-x-juryapp.svg" \
      "$data/icons/hicolor/256x256/apps/juryapp.png" \
      "$data/icons/hicolor/256x256/mimetypes/application-x-juryapp.png"
if [ -x "$target/juryapp" ] && [ -d "$target/_internal" ]; then
    rm -rf "$target"
fi

if command -v update-mime-database >/dev/null 2>&1 && [ -d "$data/mime" ]; then
    update-mime-database "$data/mime"
fi
if command -v update-desktop-database >/dev/null 2>&1 && [ -d "$data/applications" ]; then
    update-desktop-database -q "$data/applications" || true
fi
echo "juryapp removed from $target (campaign files and settings are kept)"
