"""Render the application icon from casusregie.svg in every size the platforms need.

    .venv/bin/python installer/icon/make_icons.py

Writes (all committed, so a build needs neither this script nor Qt's SVG renderer):
  png/casusregie-<N>.png  N = 16 ... 1024 (Linux hicolor theme, the .deb, the window icon)
  casusregie.ico          16, 24, 32, 48, 64, 128, 256 (Windows: the .exe, Inno Setup)
  casusregie.icns         16 ... 1024 incl. @2x (macOS: the .app)
Qt renders the SVG (antialiased); Pillow writes ICO and ICNS.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

from PIL import Image

HERE = Path(__file__).resolve().parent
SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024]
ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]


def render(size: int) -> Image.Image:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(HERE / "casusregie.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(data))).convert("RGBA")


def main() -> None:
    (HERE / "png").mkdir(exist_ok=True)
    images = {size: render(size) for size in SIZES}
    for size, image in images.items():
        image.save(HERE / "png" / f"casusregie-{size}.png", optimize=True)
    images[256].save(
        HERE / "casusregie.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES],
    )
    images[1024].save(HERE / "casusregie.icns", append_images=[images[s] for s in SIZES])
    print(f"iconen geschreven in {HERE}")


if __name__ == "__main__":
    main()
