"""Saving a picture as PNG (rendered by Qt), SVG (``layout.svg``) or PDF (reportlab).

SVG and PDF come from the same code the command line uses, so a file saved from the
app and one made with ``casusregie report`` are alike. Files go only where the user
chose; nothing is written to a temporary folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from casusregie.layout.primitives import Picture
from casusregie.layout.svg import to_svg
from casusregie.ui.pictures.scene import PictureScene

__all__ = ["FORMATS", "render_image", "save_picture"]

#: file filter label -> extension
FORMATS = {
    "PNG-afbeelding (*.png)": ".png",
    "SVG-tekening (*.svg)": ".svg",
    "PDF-document (*.pdf)": ".pdf",
}


def render_image(picture: Picture, pixels_per_mm: float = 6.0) -> QImage:
    """The picture drawn by Qt at ``pixels_per_mm`` (6 is about 150 dpi)."""
    scene = PictureScene()
    scene.show_picture(picture)
    size = (round(picture.width * pixels_per_mm), round(picture.height * pixels_per_mm))
    image = QImage(size[0], size[1], QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    target = QRectF(0, 0, size[0], size[1])
    source = QRectF(picture.x0, picture.y0, picture.width, picture.height)
    scene.render(painter, target, source, Qt.AspectRatioMode.IgnoreAspectRatio)
    painter.end()
    scene.forget()
    return image


def save_picture(picture: Picture, path: Path, heading: str = "") -> None:
    """Write ``picture`` to ``path``; the extension (.png, .svg, .pdf) decides the format."""
    suffix = path.suffix.lower()
    if suffix == ".png":
        if not render_image(picture).save(str(path)):  # the .png suffix picks the format
            raise OSError("PNG niet geschreven")
    elif suffix == ".svg":
        path.write_text(to_svg(picture), encoding="utf-8")
    elif suffix == ".pdf":
        from casusregie.reports.drawing import write_pdf  # reportlab: only when saving

        write_pdf(picture, path, heading)
    else:
        raise ValueError("onbekend bestandstype")
