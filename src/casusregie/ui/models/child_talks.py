"""``ChildTalkModel``: the conversations with one child, newest first.

Columns: Datum, Werkvorm, Met of zonder ouders, Gevoerd door. ``talk(row)`` gives the
``ChildTalk`` of a row; ``set_talks`` replaces them all (after every read of the case).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QWidget

from casusregie.domain.child_talks import ChildTalk, Presence, TalkMethod, talk_date

__all__ = ["HEADERS", "ChildTalkModel"]

Index = QModelIndex | QPersistentModelIndex
HEADERS = ("Datum", "Werkvorm", "Met of zonder ouders", "Gevoerd door")
#: the talk's id, for tests and for keeping the selection after a refresh
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChildTalkModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._talks: list[ChildTalk] = []

    def set_talks(self, talks: Sequence[ChildTalk]) -> None:
        self.beginResetModel()
        self._talks = list(talks)
        self.endResetModel()

    def talk(self, row: int) -> ChildTalk | None:
        return self._talks[row] if 0 <= row < len(self._talks) else None

    def row_of(self, talk_id: str) -> int:
        return next((n for n, t in enumerate(self._talks) if t.id == talk_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._talks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(HEADERS)
        ):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._talks):
            return None
        talk = self._talks[index.row()]
        if role == ID_ROLE:
            return talk.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (
            talk_date(talk),
            TalkMethod.label_of(talk.method),
            Presence.label_of(talk.presence) if talk.presence else "",
            talk.held_by,
        )[index.column()]
