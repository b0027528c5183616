"""``FieldHistoryModel``: the changes of one field, newest first (Ctrl+H in a field).

Columns:
    Wanneer   Dutch date and time ("14 mei 2025, 09:32"), local time
    Wie       the author of the change (the regisseur's name on that device)
    Was       the value before, as the form shows it ("(leeg)" when empty)
    Werd      the value after
    Actie     what was done ("Veld gewijzigd: ...", "Ongedaan gemaakt: ...")
Roles: DisplayRole; ToolTipRole with the same text (long answers are cut off).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QObject

from casusregie.domain.dates import PartialDate
from casusregie.templates import Field
from casusregie.ui.display import display_text
from casusregie.ui.models.base import RowTableModel
from casusregie.ui.ops.edit import HistoryEntry

__all__ = ["FieldHistoryModel", "dutch_moment"]


def dutch_moment(millis: int) -> str:
    """'14 mei 2025, 09:32' in local time."""
    moment = dt.datetime.fromtimestamp(millis / 1000).astimezone()
    day = PartialDate(moment.year, moment.month, moment.day).dutch()
    return f"{day}, {moment:%H:%M}"


def _tr(text: str) -> str:
    return QCoreApplication.translate("history_dialog", text)


class FieldHistoryModel(RowTableModel[HistoryEntry]):
    NUMBERED = True
    TOP_LEFT = True

    def __init__(
        self,
        field: Field,
        entries: Sequence[HistoryEntry],
        persons: Mapping[str, str],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._field = field
        self._persons = persons
        self.set_rows(entries)

    def headers(self) -> Sequence[str]:
        return [_tr(text) for text in ("Wanneer", "Wie", "Was", "Werd", "Actie")]

    def texts(self, row: HistoryEntry) -> Sequence[str]:
        empty = _tr("(leeg)")
        return (
            dutch_moment(row.millis),
            row.author,
            display_text(self._field, row.old, self._persons) or empty,
            display_text(self._field, row.new, self._persons) or empty,
            row.action,
        )
