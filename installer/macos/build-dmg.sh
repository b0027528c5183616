#!/usr/bin/env bash
# macOS: the .app PyInstaller made (with installer/macos/Info.plist): sign it (when
# CODESIGN_IDENTITY is set), and wrap it in a compressed disk image with a link to
# /Applications:  build/Casusregie-<version>.dmg
# Run by installer/build.sh on a Mac (Xcode command line tools: codesign, hdiutil, plutil).
# Notarisation (for Gatekeeper without a warning), after signing with a Developer ID:
#   xcrun notarytool submit build/Casusregie-<version>.dmg --keychain-profile casusregie --wait
#   xcrun stapler staple build/Casusregie-<version>.dmg
set -euo pipefail
cd "$(dirname "$0")/../.."
app=build/dist/Casusregie.app
[ -d "$app" ] || { echo "eerst installer/build.sh --bundle (op een Mac)" >&2; exit 1; }
version=$("$app/Contents/MacOS/casusregie" --version | awk '{print $2}')
# The spec wrote installer/macos/Info.plist (with this version) into the .app.
plutil -lint "$app/Contents/Info.plist"
if [ -n "${CODESIGN_IDENTITY:-}" ]; then
  codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  codesign --verify --deep --strict "$app"
fi
stage=build/dmg
rm -rf "$stage" && mkdir -p "$stage"
cp -R "$app" "$stage/"
ln -s /Applications "$stage/Programma's"
hdiutil create -volname "Casusregie $version" -srcfolder "$stage" -fs HFS+ -format UDZO \
  -ov "build/Casusregie-$version.dmg"
echo "build/Casusregie-$version.dmg"
