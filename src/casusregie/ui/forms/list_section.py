"""``ListSection``: the rows of a list section as a short list, the selected row
edited beside it (list and detail), with Toevoegen, Verwijderen and "Niet delen met…"
(the selected row, or one of its fields; the note under the buttons says who may not
see the selected row).

One table (``FittedTableView`` over ``EntityTableModel``) shows the rows by their first
``SHORT`` columns, so a wide list (kernbesluiten, privacy-afweging, afspraken, netwerk)
stays readable; ``RowDetail`` beside it is ONE form with an editor per field, bound to
whichever row is selected. Its edits take the path of every other field (``Editing``:
autosave, one undo step per field, "Opgeslagen"); a required field left empty is not
saved, and the pane says what is missing. The number of widgets does not grow with the
rows: 2,000 life events are 2,000 rows of a model, and one pane.

Keyboard: arrows walk the list (the pane follows), Enter (or a double click) goes to
the pane's first field, Delete removes the row (after a question), Toevoegen asks the
new row's values in a dialog (it must be complete before it exists) and selects it.
After a reload the same row stays selected; a row just added is selected.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import Entity, Item
from casusregie.templates import Section, Template
from casusregie.templates.field_ref import is_empty
from casusregie.templates.values import CaseValues
from casusregie.ui.dialogs.row_editor import follow_kind
from casusregie.ui.editors.choice import ChoiceEditor
from casusregie.ui.editors.editing import Editing
from casusregie.ui.editors.factory import as_editor, make_editor
from casusregie.ui.forms.restrictions import marker_text
from casusregie.ui.forms.row_actions import RowActions
from casusregie.ui.forms.table import FittedTableView
from casusregie.ui.models.entity import EntityTableModel
from casusregie.ui.ops.restriction import RestrictTarget, hidden_from
from casusregie.ui.widgets import ERROR_STYLE, heading, hint_label

__all__ = ["SHORT", "ListSection", "RowDetail"]

#: columns in the list (the rest is in the detail pane)
SHORT = 3
#: narrower than this (a drawing beside the page), the pane goes under the list
SIDE_BY_SIDE = 900


class RowDetail(QFrame):
    """One form for the selected row of a list: a label and an editor per field, bound
    through ``Editing`` to the row shown (``show_row``). Built once per list."""

    def __init__(
        self,
        template: Template,
        section: Section,
        values: CaseValues,
        editing: Editing,
        required: frozenset[str],
        choices: dict[str, tuple[tuple[str, str], ...]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._template = template
        self._section = section
        self._values = values
        self._editing = editing
        self._required = required
        self._row: Entity | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("regeldetail")
        self.setAccessibleName(self.tr("Gekozen regel: {section}").format(section=section.label))
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 10, 12, 10)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)
        persons = tuple(values.person_names.items())
        #: the editors by field key, in the order of the fields
        self.editors: dict[str, QWidget] = {}
        for row, field in enumerate(section.fields):
            required_here = field.key in required
            editor = make_editor(
                field,
                persons,
                self,
                choices=choices.get(field.key),
                required=required_here and field.type in ("choice", "person"),
            )
            label = heading(field.label + (" *" if required_here else ""), 4, self)
            label.setBuddy(editor)
            label.setMinimumWidth(140)
            label.setMaximumWidth(190)
            if field.prompt:
                label.setToolTip(field.prompt)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, row, 1)
            self.editors[field.key] = editor
            as_editor(editor).edited.connect(self._check)
        self.problem = hint_label("", self)
        self.problem.setStyleSheet(ERROR_STYLE)
        self.problem.setVisible(False)
        grid.addWidget(self.problem, len(section.fields), 0, 1, 2)
        self._follow: Callable[[bool], None] | None = follow_kind(self.editors, section.fields)

    @property
    def row_id(self) -> str | None:
        return self._row.id if self._row is not None else None

    def _editable(self, key: str) -> bool:
        """A row's field is stored on it: an item's answers, another entity's attributes."""
        field = self._section.field(key)
        return field is not None and (isinstance(self._row, Item) or bool(field.attr))

    def show_row(self, row: Entity | None, values: CaseValues) -> None:
        """Edit ``row`` here (None: nothing selected). The same row again: its editors
        already follow the fresh read (``Editing.refresh``)."""
        self._values = values
        if row is not None and self._row is not None and row.id == self._row.id:
            self._row = row
            self._check()
            return
        editors = list(self.editors.values())
        self._editing.unbind(editors)  # what was typed in the row before is saved first
        self._row = row
        self.setVisible(row is not None)
        if row is None:
            return
        kind_type = self.editors.get("type")
        field = self._section.field("type")
        if self._follow is not None and isinstance(kind_type, ChoiceEditor) and field is not None:
            kind_type.set_choices(field.choices)
        for field in self._section.fields:
            editor = self.editors[field.key]
            if not self._editable(field.key):
                editor.setEnabled(False)
                continue
            editor.setEnabled(True)
            required = field.key in self._required
            self._editing.bind(
                values.row_ref(self._template, self._section, field, row, required),
                editor,
                self._section,
            )
        if self._follow is not None:
            self._follow(False)
        for editor in self.editors.values():
            if isinstance(editor, QLineEdit):
                editor.setCursorPosition(0)  # a long text shows its start, not its end
        self._check()

    @Slot()
    def _check(self) -> None:
        """Say what is missing or wrong (then that field is not saved)."""
        if self._row is None:
            return
        missing = [
            f.label
            for f in self._section.fields
            if f.key in self._required and is_empty(as_editor(self.editors[f.key]).value())
        ]
        wrong = [
            f.label for f in self._section.fields if not as_editor(self.editors[f.key]).is_valid()
        ]
        lines = []
        if missing:
            lines.append(
                self.tr("Vul nog in: {fields} (anders wordt het niet bewaard)").format(
                    fields=", ".join(f"“{label}”" for label in missing)
                )
            )
        if wrong:
            lines.append(
                self.tr("Kijk nog na: {fields}").format(
                    fields=", ".join(f"“{label}”" for label in wrong)
                )
            )
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))

    def first_editor(self) -> QWidget | None:
        return next((e for e in self.editors.values() if e.isEnabled()), None)

    def clear(self) -> None:
        self._editing.unbind(list(self.editors.values()))
        self._row = None


class ListSection(QWidget):
    def __init__(
        self,
        template: Template,
        section: Section,
        values: CaseValues,
        instance: str | None,
        rows: RowActions,
        editing: Editing,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._template = template
        self._section = section
        self._values = values
        self._instance = instance
        self._rows = rows
        self._select_next: str | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.model = EntityTableModel(section, self)
        self.table = FittedTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(section.label)
        self.table.set_compact(True)
        self.table.activated.connect(self._edit_index)
        required, choices = RowActions.rules(section)
        self.detail = RowDetail(template, section, values, editing, required, choices, self)
        self._split = row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        row.setSpacing(12)
        row.addWidget(self.table, 5, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.detail, 4, Qt.AlignmentFlag.AlignTop)
        box.addLayout(row)
        self.empty = hint_label(self.tr("Nog niets ingevuld."), self)
        box.addWidget(self.empty)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Toevoegen…"), self)
        self.delete_button = QPushButton(self.tr("Verwijderen…"), self)
        self.restrict_button = QPushButton(self.tr("Niet delen met…"), self)
        self.restrict_button.setToolTip(
            self.tr("De gekozen rij (of een veld ervan) weglaten uit het exemplaar van sommigen")
        )
        for button, verb in (
            (self.add_button, self.tr("Toevoegen")),
            (self.delete_button, self.tr("Verwijderen")),
            (self.restrict_button, self.tr("Niet delen met")),
        ):
            button.setAccessibleName(f"{verb}: {section.label}")
            buttons.addWidget(button)
        self.marker = QLabel(self)
        self.marker.setStyleSheet("QLabel { color: #8a1a1a; }")
        buttons.addWidget(self.marker)
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.restrict_button.clicked.connect(self.restrict)
        self.add_button.clicked.connect(self.add)
        self.delete_button.clicked.connect(self.delete)
        delete_key = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self.delete)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._show_detail)
        rows.saved.connect(self._remember)
        self.table.show_columns(SHORT)
        self.refresh(values)

    def refresh(self, values: CaseValues) -> None:
        """Show the rows of a fresh read; keep (or move to) the selected row."""
        self._values = values
        current = self.current()
        wanted = [self._select_next, current.id if current is not None else None]
        self._select_next = None
        rows = values.list_rows(self._template, self._section, self._instance)
        self.model.set_rows(rows, values.person_names)
        self.empty.setVisible(not rows)
        row = next((r for r in (self.model.row_of(i) for i in wanted if i) if r >= 0), -1)
        if row < 0 and rows:
            row = 0  # list and detail: always a row in the detail pane
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()
        self._show_detail()

    def current(self) -> Entity | None:
        index = self.table.currentIndex()
        selected = self.table.selectionModel().hasSelection()
        return self.model.entity(index.row()) if index.isValid() and selected else None

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side where there is room; else the pane under the list."""
        wide = event.size().width() >= SIDE_BY_SIDE
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._split.direction() != direction:
            self._split.setDirection(direction)
        super().resizeEvent(event)

    @Slot()
    def _show_detail(self) -> None:
        """The selected row in the pane, to edit."""
        self.detail.show_row(self.current(), self._values)

    @Slot(str)
    def _remember(self, entity_id: str) -> None:
        self._select_next = entity_id or None

    @Slot()
    def _update_buttons(self) -> None:
        current = self.current()
        chosen = current is not None
        self.delete_button.setEnabled(chosen)
        self.restrict_button.setEnabled(chosen)
        persons: list[str] = []
        if current is not None:
            persons = hidden_from(self._values.cf, self.restrict_target(current))
            for part, _label in self.restrict_target(current).parts:
                more = hidden_from(self._values.cf, self.restrict_target(current).part(part, ""))
                persons += [p for p in more if p not in persons]
        names = self._values.person_names
        self.marker.setText(marker_text(len(persons)))
        self.marker.setToolTip(
            self.tr("Niet delen met: {names}").format(
                names=", ".join(names.get(p, "?") for p in persons)
            )
            if persons
            else ""
        )
        self.marker.setVisible(bool(persons))

    def restrict_target(self, entity: Entity) -> RestrictTarget:
        if entity.ENTITY_TYPE in ("item", "form"):
            parts = tuple((f.key, f.label) for f in self._section.fields)
        else:
            parts = tuple((f.attr, f.label) for f in self._section.fields if f.attr)
        name = getattr(entity, "name", "") if entity.ENTITY_TYPE == "person" else ""
        return RestrictTarget.of_row(entity, name or self._section.label, parts)

    @Slot()
    def restrict(self) -> None:
        """ "Niet delen met…" for the selected row (or one of its fields)."""
        entity = self.current()
        if entity is not None:
            self._rows.restrictions.mark(self.restrict_target(entity), self._values.cf)

    @Slot()
    def add(self) -> None:
        self._rows.add(self._template, self._section, self._values, self._instance)

    @Slot(QModelIndex)
    def _edit_index(self, index: QModelIndex) -> None:
        """Enter or a double click: to the pane, to change the row there."""
        if index.isValid():
            self.table.selectRow(index.row())
        editor = self.detail.first_editor()
        if editor is not None:
            editor.setFocus(Qt.FocusReason.TabFocusReason)

    @Slot()
    def delete(self) -> None:
        entity = self.current()
        if entity is not None:
            self._rows.delete(self._section, entity)

    def clear(self) -> None:
        self.detail.clear()
        self.model.clear()
