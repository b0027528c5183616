"""``RowTableModel``: the one base of the app's table models.

A table here is a list of rows of one kind (cases, entities, actions, consent lines,
changes) shown in fixed columns. A subclass says only what is its own:

    headers()                  the column titles (translated)
    texts(row)                 the text of each cell of a row, as the regisseur reads it
    extra(row, index, role)    any other role (ids for tests and navigation, fonts,
                               colours, sort keys); None: the base answers
    header_tip(column)         a column title's tooltip (optional)

The base keeps the rows (``set_rows``, ``row``, ``rows``, ``find``, ``clear``), makes
a row's texts the first time the row is shown and keeps them (2,000 rows show at once),
and answers Qt: row and column counts, DisplayRole, ToolTipRole (the cell's text, so a
long value cut off in a narrow column can be read), the headers (rows numbered when
``NUMBERED``), read-only selectable cells. ``refresh()`` makes the texts again after
something they show changed; ``replace_row`` changes one row in place (an editable model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

__all__ = ["Index", "RowTableModel"]

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


class RowTableModel(QAbstractTableModel, Generic[Row]):
    #: the vertical header numbers the rows 1, 2, 3 (lists the regisseur refers to)
    NUMBERED: ClassVar[bool] = False
    #: cells are aligned top left (wrapped, multi-line text)
    TOP_LEFT: ClassVar[bool] = False
    #: a cell's text is also its tooltip (off: only ``extra`` gives tooltips)
    TOOLTIPS: ClassVar[bool] = True

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._texts: list[Sequence[str] | None] = []
        self._headers: Sequence[str] | None = None

    # -- what a subclass says -------------------------------------------------------

    def headers(self) -> Sequence[str]:
        """The column titles, translated; asked once."""
        raise NotImplementedError

    def texts(self, row: Row) -> Sequence[str]:
        """The text of each cell of ``row``, one per column."""
        raise NotImplementedError

    def extra(self, row: Row, index: Index, role: int) -> Any:
        """A model's own roles for a cell of ``row``; None leaves the role to the base."""
        return None

    def header_tip(self, column: int) -> str | None:
        return None

    # -- rows -------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Row]) -> None:
        """Show these rows (a reset: selection and open editors go)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._texts = [None] * len(self._rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows([])

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row(self, number: int) -> Row | None:
        return self._rows[number] if 0 <= number < len(self._rows) else None

    def find(self, found: Callable[[Row], bool]) -> int:
        """The number of the first row ``found`` accepts, or -1."""
        return next((n for n, r in enumerate(self._rows) if found(r)), -1)

    def replace_row(self, number: int, row: Row) -> None:
        """Row ``number`` now shows ``row`` (the same item, changed)."""
        self._rows[number] = row
        self._texts[number] = None
        last = self.columnCount() - 1
        self.dataChanged.emit(self.index(number, 0), self.index(number, last))

    def refresh(self) -> None:
        """Make every row's texts again: something they show has changed."""
        self._texts = [None] * len(self._rows)
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def cell(self, number: int, column: int) -> str:
        """The text of one cell ("" outside the table)."""
        if not 0 <= number < len(self._rows):
            return ""
        texts = self._texts[number]
        if texts is None:
            texts = self._texts[number] = tuple(self.texts(self._rows[number]))
        return texts[column] if 0 <= column < len(texts) else ""

    def _header_texts(self) -> Sequence[str]:
        if self._headers is None:
            self._headers = tuple(self.headers())
        return self._headers

    # -- Qt ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt)
        return 0 if parent.isValid() else len(self._header_texts())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        own = self.extra(self._rows[index.row()], index, role)
        if own is not None:
            return own
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and self.TOOLTIPS:
            return self.cell(index.row(), index.column()) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.TOP_LEFT:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if self.NUMBERED and role == Qt.ItemDataRole.DisplayRole:
                return str(section + 1) if 0 <= section < len(self._rows) else None
            return None
        headers = self._header_texts()
        if not 0 <= section < len(headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tip(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
