"""How wide a piece of text is, without a font engine.

The pictures are drawn in DejaVu Sans on screen and on paper, so the layout can measure
text with that font's advance widths (``_widths``) and reserve exactly the room a name
needs. ``wrap`` breaks a text into lines that fit a width; ``shorten`` cuts one line
with an ellipsis.

The font files themselves ship with Casusregie (``resources/fonts``, with their licence),
so the PDF (reportlab) and the screen (Qt) use these very files on every OS:
``font_files`` names them.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from casusregie.layout import _widths

__all__ = [
    "ASCENT",
    "DESCENT",
    "FONT_FAMILY",
    "FONT_FILES",
    "LINE_HEIGHT",
    "font_dir",
    "font_files",
    "shorten",
    "text_width",
    "wrap",
]

FONT_FAMILY = "DejaVu Sans"
#: style -> file name in ``resources/fonts``
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "italic": "DejaVuSans-Oblique.ttf",
    "bold_italic": "DejaVuSans-BoldOblique.ttf",
}
#: Ascent and descent of DejaVu Sans, in em.
ASCENT = 0.76
DESCENT = 0.24
#: Distance between baselines, in em.
LINE_HEIGHT = 1.2


def font_dir() -> Path:
    """The folder of the shipped font files (``resources/fonts``, in a checkout or a wheel)."""
    return Path(str(resources.files("casusregie_resources").joinpath("fonts")))


def font_files() -> dict[str, Path]:
    """Style -> path of the shipped font file (they may be missing in a broken install)."""
    folder = font_dir()
    return {style: folder / name for style, name in FONT_FILES.items()}


def _table(ranges: dict[int, str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for start, text in ranges.items():
        for i, width in enumerate("".join(text).split()):
            out[chr(start + i)] = int(width) / 1000
    return out


_REGULAR = _table(_widths.REGULAR)
_BOLD = _table(_widths.BOLD)
_DEFAULT = _widths.DEFAULT / 1000


@lru_cache(maxsize=8192)
def _em_width(text: str, bold: bool) -> float:
    table = _BOLD if bold else _REGULAR
    return sum(table.get(ch, _DEFAULT) for ch in text)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in mm of ``text`` at em size ``size`` mm."""
    return _em_width(text, bold) * size


def shorten(text: str, width: float, size: float, bold: bool = False, force: bool = False) -> str:
    """``text`` itself if it fits ``width``, else cut at a word (or letter) with '…'.

    With ``force`` the '…' is added even when the text fits (it was cut before).
    """
    text = " ".join(text.split())
    if not force and text_width(text, size, bold) <= width:
        return text
    room = (width - text_width("…", size, bold)) / size
    table = _BOLD if bold else _REGULAR
    used, end = 0.0, 0
    for ch in text:
        used += table.get(ch, _DEFAULT)
        if used > room:
            break
        end += 1
    cut = text[:end]
    if " " in cut and len(cut) - cut.rfind(" ") < 12:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:–-") + "…"


def wrap(text: str, width: float, size: float, max_lines: int = 0, bold: bool = False) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; paragraphs stay apart.

    With ``max_lines`` the last kept line ends in '…' when text was left out.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            trial = f"{line} {word}" if line else word
            if text_width(trial, size, bold) <= width:
                line = trial
                continue
            if line:
                lines.append(line)
            while text_width(word, size, bold) > width:  # one very long word
                part = shorten(word, width, size, bold)[:-1] or word[0]
                lines.append(part + "-")
                word = word[len(part) :]
            line = word
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    if max_lines and len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = shorten(kept[-1], width, size, bold, force=True)
        return kept
    return lines
