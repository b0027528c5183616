"""``ScoreChart``: the directe-veiligheid score per case discussion, as a small line chart.

Drawn with QPainter (no QtCharts): scores 1-10 up the side, the meeting dates along the
bottom (spaced by time), each score written beside its point, and the agreed bottom
line as a dashed line with its own label. The same figures are in the accessible
description and the tooltip, so the chart never depends on colour or sight alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from casusregie.ui.widgets import set_point_delta

__all__ = ["ScoreChart"]

LINE = QColor("#1f4e8c")
BOTTOM = QColor("#8a5a00")
GRID = QColor("#d8d8d8")
TEXT = QColor("#303030")
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _short(day: dt.date | None) -> str:
    return "?" if day is None else f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


class ScoreChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._points: list[tuple[dt.date | None, int]] = []
        self._bottom: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumHeight(self.fontMetrics().height() * 8)
        self.setAccessibleName(self.tr("Verloop van de directe veiligheid"))
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # so a screen reader can reach it
        set_point_delta(self, -1.0)

    # -- data ----------------------------------------------------------------------

    def set_scores(self, points: Sequence[tuple[dt.date | None, int]], bottom: int | None) -> None:
        """Scores (date, 1-10) oldest first, and the agreed bottom line."""
        self._points = list(points)
        self._bottom = bottom
        text = self.describe()
        self.setAccessibleDescription(text)
        self.setToolTip(text)
        self.update()

    def points(self) -> list[tuple[dt.date | None, int]]:
        return list(self._points)

    @property
    def bottom(self) -> int | None:
        return self._bottom

    def describe(self) -> str:
        """The chart in words."""
        if not self._points:
            return self.tr("Er is nog geen schaalvraag voor de directe veiligheid gesteld.")
        scores = "; ".join(f"{_short(day)}: {score}" for day, score in self._points)
        text = self.tr("Directe veiligheid per bespreking: {scores}.").format(scores=scores)
        if self._bottom is not None:
            text += " " + self.tr("Afgesproken ondergrens: {n}.").format(n=self._bottom)
        return text

    def clear(self) -> None:
        self.set_scores([], None)

    # -- drawing -------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        h = self.fontMetrics().height()
        return QSize(h * 24, h * 11)

    def minimumSizeHint(self) -> QSize:
        """Narrower than its wish: it draws to any width (a small window, 200%)."""
        h = self.fontMetrics().height()
        return QSize(h * 14, h * 8)

    def _xs(self, left: float, width: float) -> list[float]:
        days = [d for d, _ in self._points]
        if len(days) == 1:
            return [left + width / 2]
        if any(d is None for d in days):
            step = width / (len(days) - 1)
            return [left + i * step for i in range(len(days))]
        first, last = days[0], days[-1]
        assert first is not None and last is not None
        span = max((last - first).days, 1)
        return [left + width * ((d - first).days / span) for d in days if d is not None]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        h = fm.height()
        if not self._points:
            painter.setPen(TEXT)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.describe())
            return
        label_w = fm.horizontalAdvance("10") + h // 2
        plot = QRectF(
            label_w + 4,
            h * 1.2,
            self.width() - label_w - 4 - fm.horizontalAdvance("27 nov 2025") / 2,
            self.height() - h * 2.6,
        )

        def y_of(score: float) -> float:
            return plot.bottom() - (score - 1) / 9 * plot.height()

        # grid and the scale
        step = 1 if plot.height() / 9 >= h else 3
        for score in range(1, 11):
            y = y_of(score)
            painter.setPen(QPen(GRID, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            if (score - 1) % step == 0 or score == 10:
                painter.setPen(TEXT)
                painter.drawText(
                    QRectF(0, y - h / 2, label_w, h),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    str(score),
                )

        # the agreed bottom line, dashed (its label comes last, where it is free)
        bottom_y = y_of(self._bottom) if self._bottom is not None else None
        if bottom_y is not None:
            painter.setPen(QPen(BOTTOM, 2, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(plot.left(), bottom_y), QPointF(plot.right(), bottom_y))

        # the scores, each written beside its point (under it when below the bottom line,
        # so it never sits on that line)
        xs = self._xs(plot.left() + h, plot.width() - 2 * h)  # points clear of the axis
        points = [QPointF(x, y_of(score)) for x, (_, score) in zip(xs, self._points, strict=True)]
        painter.setPen(QPen(LINE, 2))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(LINE)
        bold = self.font()
        bold.setBold(True)
        taken: list[QRectF] = []
        for point, (_, score) in zip(points, self._points, strict=True):
            painter.setPen(QPen(LINE, 1))
            painter.drawEllipse(point, 4, 4)
            below = self._bottom is not None and score < self._bottom
            top = point.y() + h * 0.25 if below else point.y() - h * 1.25
            rect = QRectF(point.x() - h, top, h * 2, h)
            painter.setFont(bold)
            painter.setPen(LINE)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(score))
            taken += [rect, QRectF(point.x() - 5, point.y() - 5, 10, 10)]
        painter.setFont(self.font())

        if bottom_y is not None:
            label = self.tr("ondergrens {n}").format(n=self._bottom)
            w = fm.horizontalAdvance(label) + 6
            places = [
                QRectF(plot.right() - w, bottom_y - h * 1.1, w, h),
                QRectF(plot.right() - w, bottom_y + h * 0.1, w, h),
                QRectF(plot.center().x() - w / 2, bottom_y - h * 1.1, w, h),
                QRectF(plot.left() + h * 2, bottom_y + h * 0.1, w, h),
            ]
            free = [r for r in places if not any(r.intersects(t) for t in taken)]
            where = (free or places)[0]
            painter.fillRect(where, self.palette().window())
            painter.setPen(BOTTOM)
            painter.drawText(where, Qt.AlignmentFlag.AlignCenter, label)

        # dates along the bottom, thinned out when they would overlap
        painter.setPen(TEXT)
        room = max(fm.horizontalAdvance("27 nov 2025") + h, 1)
        last_x: float = -room
        end = len(xs) - 1
        for i, (x, (day, _)) in enumerate(zip(xs, self._points, strict=True)):
            if i != end and (x - last_x < room or xs[end] - x < room):
                continue  # the last date always shows; others only where there is room
            text = _short(day)
            w = fm.horizontalAdvance(text)
            left = min(max(0.0, x - w / 2), self.width() - w)
            painter.drawText(
                QRectF(left, plot.bottom() + h * 0.3, w + 2, h), Qt.AlignmentFlag.AlignLeft, text
            )
            last_x = x
