#!/usr/bin/env bash
# Wrap the PyInstaller bundle (build/dist/casusregie) as a Debian package:
#   build/casusregie_<version>_amd64.deb
# /opt/casusregie/         the bundle
# /usr/bin/casusregie      a link to it (the app, and the command line)
# /usr/share/applications/ the menu entry (casusregie.desktop)
# /usr/share/icons/hicolor/ the icon in every size
# Profiles live in each user's home (~/.local/share/casusregie): dpkg never touches them,
# also not on `apt purge`.
# Depends: the desktop's own libraries that the bundle leaves out on purpose
# (installer/casusregie.spec, _from_the_system): Qt's xcb/Wayland/GL/fontconfig/D-Bus/CUPS
# libraries. Package names for Debian 12 and Ubuntu 22.04 or newer.
set -euo pipefail
cd "$(dirname "$0")/../.."
bundle=build/dist/casusregie
[ -x "$bundle/casusregie" ] || { echo "eerst installer/build.sh --bundle" >&2; exit 1; }
version=$("$bundle/casusregie" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
stage=build/deb/casusregie_${version}_${arch}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications"
cp -a "$bundle" "$stage/opt/casusregie"
ln -s /opt/casusregie/casusregie "$stage/usr/bin/casusregie"
install -m 0644 installer/linux/casusregie.desktop "$stage/usr/share/applications/casusregie.desktop"
for png in installer/icon/png/casusregie-*.png; do
  size=${png##*-}; size=${size%.png}
  install -D -m 0644 "$png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/casusregie.png"
done
install -D -m 0644 installer/icon/casusregie.svg "$stage/usr/share/icons/hicolor/scalable/apps/casusregie.svg"
size_kib=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<CONTROL
Package: casusregie
Version: ${version}
Architecture: ${arch}
Maintainer: Casusregie <casusregie@example.org>
Installed-Size: ${size_kib}
Section: misc
Priority: optional
Depends: libc6 (>= 2.28), libstdc++6, libgcc-s1, libglib2.0-0, libfontconfig1, libfreetype6,
 libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0,
 libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-render0, libxcb-shape0,
 libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0,
 libdbus-1-3, libegl1, libgl1, libopengl0, libwayland-client0, libwayland-cursor0,
 libwayland-egl1, libcups2, libgssapi-krb5-2, libharfbuzz0b, libpng16-16
Recommends: gnome-keyring | kwalletmanager, fonts-dejavu-core
Description: werkplek voor casusregisseurs (MDA++, Beter Samenspel)
 Casusregie helpt een casusregisseur met tijdlijn, genogram, veiligheidsplan
 en veranderplan, ook zonder netwerk. Alles staat versleuteld op de laptop
 (SQLCipher); alleen waarvoor het gezin toestemming gaf gaat naar het kantoor.
CONTROL
dpkg-deb --root-owner-group -Zzstd --build "$stage" "build/casusregie_${version}_${arch}.deb" >/dev/null
echo "build/casusregie_${version}_${arch}.deb"
