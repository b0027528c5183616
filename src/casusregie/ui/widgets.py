"""Small building blocks shared by the pages, so they look and behave alike.

Colours are chosen for contrast on a light background (WCAG AA for normal text):
hints #505050, errors #a00000.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

__all__ = [
    "Explanation",
    "busy_bar",
    "centered",
    "error_label",
    "heading",
    "hint_label",
    "scroll_page",
    "set_point_delta",
    "value_label",
]

HINT_STYLE = "color: #505050;"
ERROR_STYLE = "color: #a00000; font-weight: bold;"
EMPTY_STYLE = "color: #6a6a6a; font-style: italic;"


def set_point_delta(widget: QWidget, delta: float, bold: bool | None = None) -> None:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(max(6.0, size + delta))
    if bold is not None:
        font.setBold(bold)
    widget.setFont(font)


def heading(text: str, level: int = 1, parent: QWidget | None = None) -> QLabel:
    """Bold text: level 1 a page title, 2 a template title, 3 a person, 4 a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # a name is never markup
    set_point_delta(label, {1: 6.0, 2: 2.5, 3: 1.0}.get(level, 0.0), bold=True)
    label.setAccessibleName(text)
    return label


def hint_label(text: str = "", parent: QWidget | None = None, smaller: bool = False) -> QLabel:
    """Grey explanatory text (a template prompt, a tip), wrapped."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if smaller:
        set_point_delta(label, -1.0)
    return label


def value_label(text: str, empty_text: str, parent: QWidget | None = None) -> QLabel:
    """A read-only value: selectable with mouse and keyboard; a grey note when empty."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    if text:
        label.setText(text)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
    else:
        label.setText(empty_text)
        label.setStyleSheet(EMPTY_STYLE)
    return label


def error_label(parent: QWidget | None = None) -> QLabel:
    """Where a page says what went wrong; hidden while empty."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(False)
    return label


def busy_bar(parent: QWidget | None = None) -> QProgressBar:
    """An indeterminate progress bar, hidden until the page is busy."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setVisible(False)
    return bar


def centered(page: QWidget, card: QWidget, max_width: int = 560) -> None:
    """Lay ``card`` out in the middle of ``page``, no wider than ``max_width``."""
    card.setMaximumWidth(max_width)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(card, 3)
    row.addStretch(1)
    outer = QVBoxLayout(page)
    outer.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(2)


def scroll_page(widgets: Sequence[QWidget], parent: QWidget | None = None) -> QScrollArea:
    """The widgets one under the other on a frameless page that scrolls. It takes focus
    (the arrow keys scroll it), so a screen reader names it after the titles of the
    groups on it."""
    content = QWidget()
    box = QVBoxLayout(content)
    box.setContentsMargins(4, 8, 12, 12)
    box.setSpacing(12)
    for widget in widgets:
        box.addWidget(widget)
    box.addStretch(1)
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    titles = [w.title().replace("&", "") for w in widgets if isinstance(w, QGroupBox)]
    area.setAccessibleName(
        "; ".join(t for t in titles if t)
        or QCoreApplication.translate("widgets", "Inhoud van deze pagina")
    )
    return area


class Explanation(QWidget):
    """The seed's explanation folded away: a small "Uitleg" button shows or hides it, so
    a form starts with its questions, not with a wall of text."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        self.button = QToolButton(self)
        self.button.setText(self.tr("Uitleg"))
        self.button.setCheckable(True)
        self.button.setAutoRaise(True)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAccessibleName(self.tr("Uitleg tonen"))
        self.button.setToolTip(self.tr("De uitleg bij dit onderdeel tonen of verbergen"))
        self.label = hint_label(text, self)
        self.label.setVisible(False)
        box.addWidget(self.button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(self.label)
        self.button.toggled.connect(self._toggle)

    def _toggle(self, shown: bool) -> None:
        self.label.setVisible(shown)
        self.button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.button.setAccessibleName(self.tr("Uitleg verbergen" if shown else "Uitleg tonen"))
