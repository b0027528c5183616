"""``FittedTableView``: a read-only table as tall as its rows, for scrolling pages.

A list section sits inside a page that scrolls, so the table itself does not: its
height follows its rows (which wrap long text), and its columns share the width by
field type, each getting at least room for its label and its longest word.

A long list (more than ``LONG_LIST`` rows, e.g. 2,000 life events) would make Qt measure
every row on the UI thread; such a table gets a fixed height with its own scroll bar
and rows of two lines (full text in the tooltip), so only visible rows are laid out.
A ``compact`` table (a list beside its detail pane, where each row is read in full)
has rows of two lines whatever its length, and scrolls on its own past
``_COMPACT_VISIBLE`` rows: a short, calm list, quick to lay out, its pane close by.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSize, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QWidget,
)

from casusregie.ui.models.entity import EntityTableModel

__all__ = ["FittedTableView"]

#: share of the table width per field type; long text gets the most room
_COLUMN_WEIGHT = {
    "longtext": 5.0,
    "text": 1.5,
    "persons": 1.5,
    "person": 1.2,
    "multichoice": 1.2,
    "choice": 0.8,
    "date": 0.4,
    "partial_date": 0.4,
    "bool": 0.3,
    "scale": 0.4,
    "number": 0.3,
}
_MIN_COLUMN, _MAX_MIN_COLUMN = 70, 230
#: more rows than this: own scroll bar, fixed row height (see the module docstring)
LONG_LIST = 150
#: rows measured for column widths (the first ones; enough to find typical words)
_SAMPLE_ROWS = 60
#: rows visible at once in a long list
_LONG_LIST_VISIBLE = 18
#: rows visible at once in a compact list (beside or above its detail pane)
_COMPACT_VISIBLE = 12
#: field types whose values should not wrap ("22 augustus 2010" on one line)
_UNBROKEN = frozenset({"date", "partial_date", "bool", "number", "scale"})


class FittedTableView(QTableView):
    """A read-only table as tall as its rows, for use inside a scrolling page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: each column's minimum width for the current content (None: measure again)
        self._needs: list[int] | None = None
        self._compact = False
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().sectionResized.connect(self._refit)
        self.horizontalScrollBar().rangeChanged.connect(self._refit)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(_MIN_COLUMN)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        self._needs = None
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._on_reset)
        self._configure_height()
        self._fit_columns()

    @property
    def is_long(self) -> bool:
        """More rows than are shown at once: the table scrolls on its own."""
        model = self.model()
        most = _COMPACT_VISIBLE if self._compact else LONG_LIST
        return model is not None and model.rowCount() > most

    def set_compact(self, compact: bool) -> None:
        """Rows of two lines at most (the whole text is elsewhere: a detail pane)."""
        self._compact = compact
        self._configure_height()
        self.updateGeometry()

    def _configure_height(self) -> None:
        header = self.verticalHeader()
        if self.is_long or self._compact:
            policy = Qt.ScrollBarPolicy
            self.setVerticalScrollBarPolicy(
                policy.ScrollBarAsNeeded if self.is_long else policy.ScrollBarAlwaysOff
            )
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            # two lines and no sliver of a third (no Python delegate to elide them:
            # PySide 6.12 loses a reference to None on every call of one, and a long
            # session would end in "deallocating None")
            header.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 2)
        else:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _fit_columns(self) -> None:
        """Each column gets room for its label and its longest word (up to a limit);
        what is left goes mostly to long text. Too narrow for that: every column
        shrinks alike and texts are cut off with an ellipsis (tooltips hold them in
        full)."""
        model = self.model()
        if not isinstance(model, EntityTableModel):
            return
        shown = [c for c in range(len(model.section.fields)) if not self.isColumnHidden(c)]
        fields = [model.section.fields[c] for c in shown]
        available = self.viewport().width()
        if self._needs is None:  # measured once per content, not on every resize
            self._needs = [
                max(_MIN_COLUMN, min(_MAX_MIN_COLUMN, self._room_for(model, column)))
                for column in shown
            ]
        needs = self._needs
        if not needs or available <= 0:
            return
        if sum(needs) >= available:
            widths = [max(40, n * available // sum(needs)) for n in needs]
        else:
            weights = [_COLUMN_WEIGHT.get(f.type, 1.0) for f in fields]
            extra = available - sum(needs)
            widths = [
                n + int(extra * w / sum(weights)) for n, w in zip(needs, weights, strict=True)
            ]
        widths[-1] += max(0, available - sum(widths))
        for column, width in zip(shown, widths, strict=True):
            self.horizontalHeader().resizeSection(column, width)

    def show_columns(self, columns: int | None) -> None:
        """Only the first ``columns`` columns (None: all), measured again."""
        model = self.model()
        total = model.columnCount() if model is not None else 0
        for column in range(total):
            self.setColumnHidden(column, columns is not None and column >= columns)
        self._needs = None
        self._fit_columns()
        self.updateGeometry()

    def _room_for(self, model: EntityTableModel, column: int) -> int:
        """Width for the label and the longest word (a date: the whole date)."""
        label = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        whole = model.section.fields[column].type in _UNBROKEN
        rows = range(min(model.rowCount(), _SAMPLE_ROWS))
        cells = (str(model.index(row, column).data() or "") for row in rows)
        words = (piece for cell in cells for piece in ([cell] if whole else cell.split()))
        longest = max((self.fontMetrics().horizontalAdvance(w) for w in words), default=0)
        return max(self.horizontalHeader().fontMetrics().horizontalAdvance(label), longest) + 16

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    @Slot()
    def _on_reset(self) -> None:
        self._needs = None
        self._configure_height()
        self._fit_columns()
        self.updateGeometry()

    @Slot()
    def _refit(self) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        height = 2 * self.frameWidth() + self.horizontalHeader().height()
        if self.is_long:
            rows = _COMPACT_VISIBLE if self._compact else _LONG_LIST_VISIBLE
            height += rows * self.verticalHeader().defaultSectionSize()
        else:
            height += self.verticalHeader().length()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
