"""``ChildTalkModel``: the conversations with one child, newest first.

Columns: Datum, Werkvorm, Met of zonder ouders, Gevoerd door. ``talk(row)`` gives the
``ChildTalk`` of a row; ``set_talks`` replaces them all (after every read of the case).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from casusregie.domain.child_talks import ChildTalk, Presence, TalkMethod, talk_date
from casusregie.ui.models.base import Index, RowTableModel

__all__ = ["HEADERS", "ChildTalkModel"]

HEADERS = ("Datum", "Werkvorm", "Met of zonder ouders", "Gevoerd door")
#: the talk's id, for tests and for keeping the selection after a refresh
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ChildTalkModel(RowTableModel[ChildTalk]):
    def set_talks(self, talks: Sequence[ChildTalk]) -> None:
        self.set_rows(talks)

    def talk(self, row: int) -> ChildTalk | None:
        return self.row(row)

    def row_of(self, talk_id: str) -> int:
        return self.find(lambda t: t.id == talk_id)

    def headers(self) -> Sequence[str]:
        return [self.tr(h) for h in HEADERS]

    def texts(self, row: ChildTalk) -> Sequence[str]:
        return (
            talk_date(row),
            TalkMethod.label_of(row.method),
            Presence.label_of(row.presence) if row.presence else "",
            row.held_by,
        )

    def extra(self, row: ChildTalk, index: Index, role: int) -> Any:
        return row.id if role == ID_ROLE else None
