"""The table models share one base (``ui.models.base.RowTableModel``): the base passes
the model tester, makes a row's texts once and again only when asked, numbers rows when
told, and every table model of the app is built on it."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt

import casusregie.ui
from casusregie.ui.models.base import Index, RowTableModel

DISPLAY = Qt.ItemDataRole.DisplayRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class Pairs(RowTableModel[tuple[str, str]]):
    """Two columns; counts how often it made a row's texts."""

    NUMBERED = True

    def __init__(self) -> None:
        super().__init__()
        self.made = 0

    def headers(self) -> Sequence[str]:
        return ("Naam", "Rol")

    def header_tip(self, column: int) -> str | None:
        return "Wie het is" if column == 0 else None

    def texts(self, row: tuple[str, str]) -> Sequence[str]:
        self.made += 1
        return row

    def extra(self, row: tuple[str, str], index: Index, role: int) -> Any:
        return f"id-{row[0]}" if role == ID_ROLE else None


def test_the_base_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = Pairs()
    model.set_rows([("Sanne", "moeder"), ("Noor", "")])
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == 2
    assert model.data(model.index(0, 1), DISPLAY) == "moeder"
    assert model.data(model.index(1, 1), TOOLTIP) is None  # an empty cell: no tooltip
    assert model.data(model.index(1, 0), ID_ROLE) == "id-Noor"
    assert model.headerData(0, Qt.Orientation.Horizontal, DISPLAY) == "Naam"
    assert model.headerData(0, Qt.Orientation.Horizontal, TOOLTIP) == "Wie het is"
    assert model.headerData(1, Qt.Orientation.Vertical, DISPLAY) == "2"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable == Qt.ItemFlag.NoItemFlags


def test_texts_are_made_once_per_row_until_refresh(qtbot: Any) -> None:
    model = Pairs()
    model.set_rows([("Sanne", "moeder"), ("Noor", "kind")])
    assert model.made == 0  # nothing made before a row is shown
    for _ in range(3):
        model.data(model.index(0, 0), DISPLAY)
        model.data(model.index(0, 1), DISPLAY)
    assert model.made == 1
    with qtbot.waitSignal(model.dataChanged):
        model.refresh()
    model.data(model.index(0, 0), DISPLAY)
    assert model.made == 2


def test_replace_row_shows_the_new_row(qtbot: Any) -> None:
    model = Pairs()
    model.set_rows([("Sanne", "moeder")])
    assert model.data(model.index(0, 1), DISPLAY) == "moeder"
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.replace_row(0, ("Sanne", "pleegmoeder"))
    assert [i.row() for i in changed.args[:2]] == [0, 0]
    assert model.data(model.index(0, 1), DISPLAY) == "pleegmoeder"
    assert model.find(lambda r: r[1] == "pleegmoeder") == 0
    assert model.row(5) is None
    model.clear()
    assert model.rowCount() == 0


def test_every_table_model_of_the_app_uses_the_base() -> None:
    found = []
    for info in pkgutil.walk_packages(casusregie.ui.__path__, "casusregie.ui."):
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, QAbstractTableModel):
                found.append(cls)
    assert len(found) >= 5
    strays = [c.__qualname__ for c in found if not issubclass(c, RowTableModel)]
    assert strays == [], f"table models not built on RowTableModel: {strays}"
