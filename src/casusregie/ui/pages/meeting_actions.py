"""The action list of one phase of a case discussion: wie doet wat wanneer.

``ActionsPanel`` shows the interventies of the meeting for one phase in an editable
table (``models.action``), with "Actie toevoegen" (a new row, its "Wie" cell open for
typing) and "Actie verwijderen". ``ActionWriter`` stores what is typed: each cell
through the autosaver (one save per cell, an undo step, saved at once when the app
locks), a new row and a removal as one transaction each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import ANSWER_PREFIX, Item, new_id
from casusregie.store.database import Change, Store
from casusregie.templates import Template
from casusregie.templates.field_ref import Target as StoredField
from casusregie.templates.field_ref import Write
from casusregie.ui.editors.cells import FieldDelegate
from casusregie.ui.editors.editing import Editing
from casusregie.ui.forms.row_actions import confirm_delete
from casusregie.ui.models.action import ITEM_ID_ROLE, ActionModel
from casusregie.ui.ops.edit import create_entity, delete_entity
from casusregie.ui.ops.meeting import ACTIONS
from casusregie.ui.ops.undo import Step
from casusregie.ui.widgets import hint_label

__all__ = ["ActionWriter", "ActionsPanel"]


class ActionWriter(QObject):
    """Stores the edits of the action lists of one meeting."""

    #: a new action is stored (its item id)
    added = Signal(str)

    def __init__(self, editing: Editing, template: Template, window: QWidget) -> None:
        super().__init__(window)
        self._editing = editing
        self._template = template
        self._window = window
        self.case_id = ""
        self.instance = ""
        self.day: dt.date | None = None

    def set_meeting(self, case_id: str, instance: str, day: dt.date | None) -> None:
        self.case_id, self.instance, self.day = case_id, instance, day

    def _key(self, item_id: str, key: str) -> tuple[str, ...]:
        return ("bespreking", self._template.id, ACTIONS, item_id, key)

    def dirty(self, item_id: str, key: str) -> bool:
        return self._editing.autosaver.dirty(self._key(item_id, key))

    def save(self, item_id: str, key: str, value: object, label: str) -> None:
        target = StoredField("item", item_id, ANSWER_PREFIX + key)
        group = self._key(item_id, key)
        self._editing.autosaver.put(self.case_id, group, [Write(target, value)], label)
        self._editing.autosaver.flush(group)

    def add(self, phase: str, position: int) -> str:
        """A new, empty action for ``phase``; returns its id (stored on a worker)."""
        day = self.day or dt.date.today()
        item = Item(
            id=new_id(),
            case_id=self.case_id,
            template=self._template.id,
            section=ACTIONS,
            instance=self.instance,
            version=self._template.version,
            position=position,
            answers={"fase": phase, "status": "open", "agreed_on": day.isoformat()},
        )
        label = self.tr("Actie toegevoegd")
        self._run(label, lambda store: create_entity(store, item, label), item.id)
        return item.id

    def remove(self, item_id: str) -> None:
        if not confirm_delete(self._window, self.tr("Actie verwijderen")):
            return
        label = self.tr("Actie verwijderd")
        self._run(label, lambda store: delete_entity(store, "item", item_id, label), "")

    def _run(self, label: str, fn: Callable[[Store], Sequence[Change]], made: str) -> None:
        case_id = self.case_id

        def done(changes: Sequence[Change]) -> None:
            self._editing.history.record(case_id, Step.from_changes(label, changes))
            self._editing.undo_state.emit()
            if made:
                self.added.emit(made)

        self._editing.autosaver.when_saved(
            lambda: self._editing.session.change(self._window, fn, done)
        )


class ActionsPanel(QGroupBox):
    def __init__(
        self,
        template: Template,
        phase: str,
        writer: ActionWriter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Acties: wie doet wat, en wanneer"), parent)
        self.setObjectName(f"acties_{phase}")
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        section = template.section(ACTIONS)
        assert section is not None
        self._phase = phase
        self._writer = writer
        self._focus_next: str | None = None
        self.model = ActionModel(section, self)
        self.model.is_dirty = writer.dirty
        self.model.edited.connect(self._save)
        writer.added.connect(self._on_added)
        box = QVBoxLayout(self)
        box.addWidget(
            hint_label(
                self.tr(
                    "Bij elke actie hoort wie het doet: zonder eigenaar kan het overleg niet "
                    "worden afgesloten. Typ in een cel om te wijzigen; Enter bewaart."
                ),
                self,
                smaller=True,
            )
        )
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(FieldDelegate(self.model.fields, {"status"}, self.view))
        self.view.setAccessibleName(self.tr("Acties"))
        self.view.setStyleSheet("font-weight: normal;")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setTabKeyNavigation(False)
        self.view.setWordWrap(True)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(0, self.fontMetrics().averageCharWidth() * 28)
        self.view.setMinimumHeight(self.fontMetrics().height() * 7)
        box.addWidget(self.view)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Actie &toevoegen"), self)
        self.add_button.setAccessibleName(self.tr("Actie toevoegen"))
        self.add_button.setStyleSheet("font-weight: normal;")
        self.add_button.clicked.connect(self.add_action)
        self.remove_button = QPushButton(self.tr("Actie verwijderen"), self)
        self.remove_button.setAccessibleName(self.tr("Actie verwijderen"))
        self.remove_button.setToolTip(self.tr("Verwijdert de gekozen actie (Delete)"))
        self.remove_button.setStyleSheet("font-weight: normal;")
        self.remove_button.clicked.connect(self.remove_action)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        delete = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete.activated.connect(self.remove_action)

    @property
    def phase(self) -> str:
        return self._phase

    def set_items(self, items: Sequence[Item]) -> None:
        self.model.set_items(items)
        self.view.resizeRowsToContents()
        if self._focus_next is not None and self.model.row_of(self._focus_next) >= 0:
            self.edit_cell(self._focus_next, 0)
            self._focus_next = None

    def edit_cell(self, item_id: str, column: int) -> None:
        """Select a cell of an action and open it for typing."""
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.model.index(row, column)
        area = self.parentWidget()
        while area is not None and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if area is not None:  # the page scrolls to the table
            area.ensureWidgetVisible(self.view, 0, self.view.rowViewportPosition(row))
        self.view.setFocus()
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if self.view.state() != QAbstractItemView.State.EditingState:
            self.view.edit(index)

    @Slot()
    def add_action(self) -> None:
        self._focus_next = self._writer.add(self._phase, self._next_position())

    def _next_position(self) -> int:
        return max((i.position for i in self.model.items()), default=-1) + 1

    @Slot(str)
    def _on_added(self, item_id: str) -> None:
        if item_id == self._focus_next and self.model.row_of(item_id) >= 0:
            self.edit_cell(item_id, 0)
            self._focus_next = None

    @Slot()
    def remove_action(self) -> None:
        index = self.view.currentIndex()
        item_id = index.data(ITEM_ID_ROLE) if index.isValid() else None
        if isinstance(item_id, str):
            self._writer.remove(item_id)

    @Slot(str, str, object)
    def _save(self, item_id: str, key: str, value: object) -> None:
        label = self.model.fields[[f.key for f in self.model.fields].index(key)].label
        self._writer.save(
            item_id, key, value, self.tr("Actie gewijzigd: {label}").format(label=label)
        )

    def current_item(self) -> str | None:
        index: QModelIndex = self.view.currentIndex()
        value = index.data(ITEM_ID_ROLE) if index.isValid() else None
        return value if isinstance(value, str) else None
