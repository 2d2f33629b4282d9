#!/usr/bin/env bash
# Builds dist/juryapp-VERSION.dmg from dist/juryapp.app (macOS only, with hdiutil).
# UNTESTED HERE: written for macOS and run by packaging/ci/juryapp-bundles.yml.
#
#   pyinstaller --noconfirm packaging/juryapp.spec     (builds dist/juryapp.app)
#   bash packaging/macos/make-dmg.sh [VERSION]
#
# The disk image holds the app and a link to /Applications to drag it onto.
# The app is not signed nor notarised: on first launch, Control-click > Open
# (or sign it with `codesign` and notarise it with `xcrun notarytool` before this).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version="${1:-$(sed -n 's/^version = "\(.*\)"/\1/p' "$here/pyproject.toml" | head -n 1)}"
app="$here/dist/juryapp.app"
dmg="$here/dist/juryapp-$version.dmg"

if [ ! -d "$app" ]; then
    echo "make-dmg.sh: no $app (build it with: pyinstaller --noconfirm packaging/juryapp.spec)" >&2
    exit 1
fi
# A .jury file double-clicked in the Finder opens juryapp: the app declares the type.
/usr/libexec/PlistBuddy -c "Print :CFBundleDocumentTypes:0:LSItemContentTypes:0" \
    "$app/Contents/Info.plist" | grep -qx "fr.juryapp.campaign"

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "juryapp $version" -srcfolder "$staging" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 -ov "$dmg"
hdiutil verify "$dmg"
echo "juryapp: $dmg ($(du -h "$dmg" | cut -f1))"
