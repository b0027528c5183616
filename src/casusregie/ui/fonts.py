"""The shipped DejaVu Sans in Qt, so the screen measures text as the PDF does.

``register_fonts`` adds the four files of ``resources/fonts`` (the very files reportlab
embeds) to Qt's font database of this process. After it, ``QFont("DejaVu Sans")`` is
that font on every OS, also on a stock Windows or macOS without DejaVu installed, and
the on-screen genogram reserves exactly the room the layout measured.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase, QGuiApplication

from casusregie.layout.textmetrics import FONT_FAMILY, font_files

__all__ = ["register_fonts"]

log = logging.getLogger(__name__)

_loaded: dict[str, int] = {}
_tried = False


def register_fonts() -> dict[str, int]:
    """Add the shipped font files to Qt (once per process); style -> Qt's font id.

    Needs a QGuiApplication. A file Qt cannot load is logged (by style, never text) and
    left out; Qt then falls back to a system font for it.
    """
    global _tried
    if _tried or QGuiApplication.instance() is None:
        return dict(_loaded)
    _tried = True
    for style, path in font_files().items():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0 or FONT_FAMILY not in QFontDatabase.applicationFontFamilies(font_id):
            log.warning("Lettertype %s (%s) kon niet geladen worden.", FONT_FAMILY, style)
            continue
        _loaded[style] = font_id
    return dict(_loaded)
