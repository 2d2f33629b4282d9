#!/usr/bin/env bash
# Installs the juryapp bundle on Linux: the program, a menu entry, an icon, and
# the application/x-juryapp file type, so that a double-clicked .jury file opens
# in juryapp.
#
#   bash install.sh                 for this user (as root: for every user)
#   bash install.sh --user          for this user only, even as root
#   bash install.sh --system        for every user (root)
#   bash install.sh --from DIR      the bundle to install (default: the folder of
#                                   this script if it holds the bundle, else dist/juryapp)
#   bash install.sh --prefix DIR    where the program goes (default ~/.local/opt,
#                                   or /opt for every user)
#
# For this user: ~/.local/opt/juryapp, ~/.local/bin/juryapp, and in
# $XDG_DATA_HOME (~/.local/share) applications/, icons/hicolor/, mime/.
# For every user: /opt/juryapp, /usr/local/bin/juryapp, /usr/local/share/….
# Installing again replaces the previous copy. uninstall.sh removes it all.
#
# Qt needs these Debian packages, which the bundle does not carry:
#   libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
#   libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0
#   libxcb-shape0 libxkbcommon-x11-0
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scope=""
bundle=""
prefix=""
while [ $# -gt 0 ]; do
    case "$1" in
        --user) scope=user ;;
        --system) scope=system ;;
        --from) bundle="$2"; shift ;;
        --prefix) prefix="$2"; shift ;;
        -h|--help) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ -z "$scope" ]; then
    if [ "$(id -u)" -eq 0 ]; then scope=system; else scope=user; fi
fi
if [ "$scope" = system ] && [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: installing for every user needs root (sudo bash install.sh)" >&2
    exit 1
fi

if [ -z "$bundle" ]; then
    if [ -x "$here/juryapp" ] && [ -d "$here/_internal" ]; then
        bundle="$here"
    else
        bundle="$here/../../dist/juryapp"
    fi
fi
if [ ! -x "$bundle/juryapp" ]; then
    echo "install.sh: no juryapp bundle in $bundle (build it with: bash packaging/bootstrap.sh bundle)" >&2
    exit 1
fi
bundle="$(cd "$bundle" && pwd)"

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

# The icon: the bundle's own copy (under _internal/…/resources/icons), else the repository's.
icon_folder="$(find "$bundle" -type f -path '*resources/icons/juryapp.svg' -printf '%h\n' -quit)"
icon_folder="${icon_folder:-$here/../../resources/icons}"

# 1. The program: copied beside the old one, then swapped in.
mkdir -p "$prefix" "$bin"
if [ "$bundle" != "$target" ]; then
    rm -rf "$target.new"
    cp -a "$bundle" "$target.new"
    rm -rf "$target"
    mv "$target.new" "$target"
fi
cp "$here/uninstall.sh" "$target/uninstall.sh" 2>/dev/null || true
ln -sfn "$target/juryapp" "$bin/juryapp"

# 2. The icon, for the app and for its files.
for size in scalable 256x256; do
    mkdir -p "$data/icons/hicolor/$size/apps" "$data/icons/hicolor/$size/mimetypes"
done
install -m 0644 "$icon_folder/juryapp.svg" "$data/icons/hicolor/scalable/apps/juryapp.svg"
install -m 0644 "$icon_folder/juryapp.svg" "$data/icons/hicolor/scalable/mimetypes/application-x-juryapp.svg"
install -m 0644 "$icon_folder/juryapp.png" "$data/icons/hicolor/256x256/apps/juryapp.png"
install -m 0644 "$icon_folder/juryapp.png" "$data/icons/hicolor/256x256/mimetypes/application-x-juryapp.png"

# 3. The file type: *.jury files are juryapp campaigns (SQLite inside).
mkdir -p "$data/mime/packages"
cat > "$data/mime/packages/juryapp.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="application/x-juryapp">
    <comment>juryapp campaign</comment>
    <comment xml:lang="fr">Campagne juryapp</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <generic-icon name="application-x-juryapp"/>
    <icon name="application-x-juryapp"/>
    <glob pattern="*.jury" weight="80"/>
  </mime-type>
</mime-info>
XML
chmod 0644 "$data/mime/packages/juryapp.xml"

# 4. The menu entry, which also opens a double-clicked .jury file.
mkdir -p "$data/applications"
cat > "$data/applications/juryapp.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=juryapp
GenericName=Délibération de jury
GenericName[en]=Jury deliberation
Comment=Noter, délibérer et sceller les appels à projets et prix (hors ligne)
Comment[en]=Score, deliberate and seal funding calls and prizes (offline)
Exec="$target/juryapp" %f
TryExec=$target/juryapp
Icon=juryapp
Terminal=false
Categories=Office;
MimeType=application/x-juryapp;
Keywords=jury;AAP;AMI;ESS;délibération;procès-verbal;
DESKTOP
chmod 0644 "$data/applications/juryapp.desktop"

# 5. The system's caches, where their tools exist.
if command -v update-mime-database >/dev/null 2>&1; then
    update-mime-database "$data/mime"
fi
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$data/applications" || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$data/icons/hicolor" || true
fi
if [ "$scope" = user ] && command -v xdg-mime >/dev/null 2>&1; then
    xdg-mime default juryapp.desktop application/x-juryapp || true
fi

echo "juryapp installed in $target"
echo "  command: $bin/juryapp"
echo "  menu entry, icon and .jury file type: $data"
if [ "$scope" = user ]; then
    case ":$PATH:" in
        *":$bin:"*) ;;
        *) echo "  note: $bin is not in your PATH; the menu entry works all the same." ;;
    esac
fi
echo "  to remove it: bash $target/uninstall.sh$([ "$scope" = user ] && echo " --user")"
