"""Plain-text table rows that lay out fast: thousands of events on paper in a second.

A ReportLab ``Paragraph`` parses markup and measures every fragment; for a list of
2,000 life events that alone took seconds. ``TextRow`` holds plain text only (no
markup), wraps it word by word with the font's own widths, and splits across pages
between lines. Each cell is a list of ``Run`` (one font, size and colour, wrapped
on its own lines), so a cell can hold the text and a smaller grey line below it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from casusregie.reports import fonts
from casusregie.reports.base import GREY, LIGHT, clean

__all__ = ["Run", "TextRow", "wrap_text"]

PAD = 2.5


@dataclass(frozen=True)
class Run:
    text: str
    font: str = fonts.REGULAR
    size: float = 8.5
    color: colors.Color = colors.black

    @property
    def leading(self) -> float:
        return self.size * 1.25


#: a word: anything between breakable spaces (a no-break space keeps a date whole)
_WORDS = re.compile(r"[^ \t]+")


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap; a word wider than the column is cut where it must be."""
    lines: list[str] = []
    space = stringWidth(" ", font, size)
    for paragraph in clean(text).split("\n"):
        line, used = "", 0.0
        for word in _WORDS.findall(paragraph):  # a no-break space joins
            w = stringWidth(word, font, size)
            while w > width:  # a very long word: cut it
                cut = len(word)
                while cut > 1 and stringWidth(word[:cut], font, size) > width:
                    cut = max(1, int(cut * width / stringWidth(word[:cut], font, size)) - 1)
                if line:
                    lines.append(line)
                    line, used = "", 0.0
                lines.append(word[:cut])
                word = word[cut:]
                w = stringWidth(word, font, size)
            if line and used + space + w > width:
                lines.append(line)
                line, used = word, w
            else:
                line, used = (f"{line} {word}", used + space + w) if line else (word, w)
        lines.append(line)
    return lines


Line = tuple[str, Run]


class TextRow(Flowable):
    """One table row of plain-text cells with fixed column widths."""

    def __init__(
        self,
        cells: Sequence[Sequence[Run]],
        widths: Sequence[float],
        *,
        header: bool = False,
        lines: list[list[Line]] | None = None,
    ) -> None:
        super().__init__()
        self.cells = cells
        self.widths = list(widths)
        self.header = header
        self._lines = lines

    def _laid(self) -> list[list[Line]]:
        if self._lines is None:
            self._lines = [
                [
                    (line, run)
                    for run in cell
                    if run.text.strip()
                    for line in wrap_text(run.text, run.font, run.size, w - 2 * PAD)
                ]
                for cell, w in zip(self.cells, self.widths, strict=True)
            ]
        return self._lines

    def _height(self, lines: list[list[Line]]) -> float:
        return max((sum(r.leading for _, r in col) for col in lines), default=0.0) + 2 * PAD

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = sum(self.widths)
        self.height = self._height(self._laid())
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        lines = self._laid()
        room = availHeight - 2 * PAD
        if room <= 0 or self.header:
            return []
        first: list[list[Line]] = []
        rest: list[list[Line]] = []
        for col in lines:
            used, cut = 0.0, 0
            for _, run in col:
                if used + run.leading > room:
                    break
                used += run.leading
                cut += 1
            first.append(col[:cut])
            rest.append(col[cut:])
        if not any(first) or not any(rest):
            return []
        return [
            TextRow(self.cells, self.widths, lines=first),
            TextRow(self.cells, self.widths, lines=rest),
        ]

    def draw(self) -> None:
        canv = self.canv
        lines = self._laid()
        if self.header:
            canv.setFillColor(LIGHT)
            canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        x = 0.0
        for col, w in zip(lines, self.widths, strict=True):
            y = self.height - PAD
            for text, run in col:
                y -= run.leading
                canv.setFont(run.font, run.size)
                canv.setFillColor(run.color)
                canv.drawString(x + PAD, y + run.leading - run.size, text)
            x += w
        canv.setStrokeColor(GREY)
        canv.setLineWidth(0.3)
        canv.line(0, 0, self.width, 0)
