"""The one font family of every PDF: DejaVu Sans, embedded as a subset.

Why DejaVu Sans: it covers Dutch and the names families really have (Anaïs, Çelik,
Özdemir, Nguyễn, Ayşe, Łukasz, Ğ, Vietnamese tone marks) and is free to embed.
ReportLab ships only Vera, which lacks ş, ễ and many more: a name would print as empty
boxes. A plan with a mangled name is worse than no plan, so there is no silent fallback:
if DejaVu Sans cannot be found, ``FontMissing`` says in Dutch what to install.

Where it looks: the files shipped with Casusregie (``resources/fonts``) first, so a
stock Windows or macOS machine needs nothing installed and the PDF uses the very files
the screen uses; then ``CASUSREGIE_FONT_DIR`` and the usual system folders, only for a
damaged install that lost them.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from casusregie.domain.errors import CasusregieError
from casusregie.layout.textmetrics import FONT_FILES, font_dir

__all__ = [
    "BOLD",
    "BOLD_ITALIC",
    "ITALIC",
    "REGULAR",
    "FontMissing",
    "font_dirs",
    "register",
    "registered_files",
]

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FILES = {
    REGULAR: FONT_FILES["regular"],
    BOLD: FONT_FILES["bold"],
    ITALIC: FONT_FILES["italic"],
    BOLD_ITALIC: FONT_FILES["bold_italic"],
}


class FontMissing(CasusregieError):
    exit_code = 12


def font_dirs() -> list[Path]:
    """Folders searched for the DejaVu files, in order: the shipped ones first."""
    dirs: list[Path] = [font_dir()]
    env = os.environ.get("CASUSREGIE_FONT_DIR")
    if env:
        dirs.append(Path(env))
    home = Path.home()
    dirs += [
        Path("/usr/share/fonts/truetype/dejavu"),  # Debian, Ubuntu (fonts-dejavu-core)
        Path("/usr/share/fonts/dejavu-sans-fonts"),  # Fedora
        Path("/usr/share/fonts/dejavu"),
        Path("/usr/share/fonts/TTF"),  # Arch
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
        home / "Library/Fonts",  # macOS, per user
        Path("/Library/Fonts"),
    ]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        dirs.append(windir / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft/Windows/Fonts")
    return dirs


def _find(filename: str) -> Path | None:
    for directory in font_dirs():
        candidate = directory / filename
        if candidate.is_file():
            return candidate
    return None


def registered_files() -> dict[str, Path]:
    """Font name -> the file reportlab read it from (after ``register``)."""
    register()
    out: dict[str, Path] = {}
    for name in _FILES:
        font = pdfmetrics.getFont(name)
        out[name] = Path(font.face.filename)
    return out


@cache
def register() -> str:
    """Register the family with ReportLab (once per process); returns the regular name.

    Raises ``FontMissing`` with a Dutch message if a file is missing or unreadable.
    """
    for name, filename in _FILES.items():
        path = _find(filename)
        if path is None:
            raise FontMissing(
                f"Het lettertype DejaVu Sans ({filename}) is niet gevonden, dus er kan geen "
                "PDF gemaakt worden. De installatie van Casusregie is niet compleet: "
                "installeer Casusregie opnieuw."
            )
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (TTFError, OSError):
            raise FontMissing(
                f"Het lettertype {filename} is niet te lezen; installeer Casusregie opnieuw."
            ) from None
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
    )
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(REGULAR, bold, italic, name)
    return REGULAR
