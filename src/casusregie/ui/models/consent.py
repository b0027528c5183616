"""``ConsentModel``: the consent ledger of a case as a table (the 'Toestemming' tab).

Columns: Categorie, Ontvanger, Grondslag, Gegeven door, Vorm, Datum, Geldig tot,
Status; the status cell's tooltip says what is missing. ``line(row)`` gives the
``ConsentLine`` of a row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt

from casusregie.domain.consent import OFFICE, Basis, ConsentForm
from casusregie.domain.overview import dutch_date
from casusregie.store.consents import ConsentLine
from casusregie.ui.models.base import Index, RowTableModel

__all__ = ["HEADERS", "STATUS_COLUMN", "ConsentModel"]

HEADERS = (
    "Categorie",
    "Ontvanger",
    "Grondslag",
    "Gegeven door",
    "Vorm",
    "Datum",
    "Geldig tot",
    "Status",
)
STATUS_COLUMN = 7
RECIPIENTS = {OFFICE: "Kantoor"}


def _date_text(value: str | None) -> str:
    if not value:
        return ""
    try:
        return dutch_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


class ConsentModel(RowTableModel[ConsentLine]):
    TOOLTIPS = False  # only the status cell has one: what is missing

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: dict[str, str] = {}

    def set_lines(self, lines: Iterable[ConsentLine], names: dict[str, str]) -> None:
        self._names = dict(names)
        self.set_rows(lines)

    def clear(self) -> None:
        self.set_lines([], {})

    def line(self, row: int) -> ConsentLine | None:
        return self.row(row)

    def headers(self) -> Sequence[str]:
        return [self.tr(h) for h in HEADERS]

    def extra(self, row: ConsentLine, index: Index, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == STATUS_COLUMN:
            return "\n".join(row.problems) if row.problems else None
        return None

    def texts(self, row: ConsentLine) -> Sequence[str]:
        c = row.consent
        status = row.status
        if row.status == "ingetrokken" and c.withdrawn_on:
            status = f"ingetrokken op {_date_text(c.withdrawn_on)}"
        return (
            row.category_label,
            RECIPIENTS.get(c.recipient, c.recipient),
            Basis.label_of(c.basis),
            ", ".join(self._names.get(p, "?") for p in c.given_by),
            ConsentForm.label_of(c.form) if c.basis == Basis.TOESTEMMING.value else "",
            _date_text(c.given_on),
            _date_text(c.valid_until),
            status,
        )
