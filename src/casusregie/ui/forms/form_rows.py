"""``FormRows``: the fields of a case- or person-bound section as a form.

Each row: on the left the field's label (bold) with one small "⋯" button whose menu
(also the label's context menu) holds "Historie…" and "Niet delen met…", the seed's
guiding question in grey and, only for a marked field, who may not see it ("niet voor:
1 persoon"); on the right its editor. Quiet: no links on every field.
The label is the editor's buddy (Alt+letter and screen readers). Rows are built in
reading order, so Tab walks them top to bottom.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.templates import Section
from casusregie.templates.field_ref import FieldRef, empty_value
from casusregie.templates.values import CaseValues
from casusregie.ui.editors.editing import Bound, Editing
from casusregie.ui.editors.factory import make_editor
from casusregie.ui.forms.restrictions import marker_text
from casusregie.ui.ops.restriction import RestrictTarget, hidden_from
from casusregie.ui.widgets import heading, hint_label, set_point_delta

__all__ = ["FormRows"]

HistoryOpener = Callable[[Bound], None]
#: opens "Niet delen met…" for a field (None: not offered)
Restricter = Callable[[RestrictTarget], None]
#: set once on the form (not on each of its many small widgets: that is slow to build)
FORM_STYLE = (
    "QToolButton#meer { color: #3c4a5c; border: none; padding: 0 4px; }"
    " QToolButton#meer::menu-indicator { image: none; width: 0px; }"
    " QLabel#nietvoor { color: #8a1a1a; }"
)


class FormRows(QWidget):
    def __init__(
        self,
        section: Section,
        refs: list[FieldRef],
        values: CaseValues,
        editing: Editing,
        open_history: HistoryOpener,
        parent: QWidget | None = None,
        restrict: Restricter | None = None,
    ) -> None:
        super().__init__(parent)
        self.editors: list[QWidget] = []
        #: per marked-able field: its target and the "niet voor: …" note
        self.markers: list[tuple[RestrictTarget, QLabel]] = []
        #: per field: the small "⋯" button (its menu: Historie…, Niet delen met…)
        self.more_buttons: list[QToolButton] = []
        #: per field: "Historie…" and (where offered) "Niet delen met…" (menu actions)
        self.history_actions: list[QAction] = []
        self.restrict_actions: list[QAction] = []
        self.setStyleSheet(FORM_STYLE)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(12)
        persons = tuple(values.person_names.items())
        for row, ref in enumerate(refs):
            field = ref.field
            left = QWidget(self)
            column = QVBoxLayout(left)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            top = QHBoxLayout()
            top.setSpacing(8)
            label = heading(field.label, 4, left)
            top.addWidget(label, 1)
            more = QToolButton(left)
            more.setObjectName("meer")
            more.setText("⋯")
            more.setAutoRaise(True)
            more.setToolTip(self.tr("Historie (Ctrl+H) en niet delen met…"))
            more.setAccessibleName(self.tr("Meer bij {label}").format(label=field.label))
            more.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space opens its menu
            more.setCursor(Qt.CursorShape.PointingHandCursor)
            history = QAction(self.tr("Historie…"), left)
            history.setToolTip(self.tr("Wie veranderde dit veld, en wanneer? (Ctrl+H)"))
            label.addAction(history)
            label.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            self.history_actions.append(history)
            top.addWidget(more, 0, Qt.AlignmentFlag.AlignTop)
            self.more_buttons.append(more)
            if restrict is not None:
                self._add_restrict(ref, label, left, restrict)
            # the menu is made when first asked for (many fields, few menus opened)
            more.clicked.connect(lambda _=False, b=more, lab=label: self._open_menu(b, lab))
            column.addLayout(top)
            if restrict is not None:
                column.addWidget(self.markers[-1][1])
            if field.prompt:
                column.addWidget(hint_label(field.prompt, left, smaller=True))
            required = ref.entity is not None and empty_value(ref.entity[0], field.attr or "")
            editor = make_editor(field, persons, self, required=bool(required))
            editor.setProperty("field_key", field.key)
            label.setBuddy(editor)
            grid.addWidget(left, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(editor, row, 1, Qt.AlignmentFlag.AlignTop)
            editing.bind(ref, editor, section)
            bound = editing.find(editor)
            if bound is not None:
                history.triggered.connect(lambda _=False, b=bound: open_history(b))
            self.editors.append(editor)
        self.refresh(values)

    @staticmethod
    def _open_menu(button: QToolButton, label: QLabel) -> None:
        """The field's menu (the same actions as the label's context menu)."""
        menu = button.menu()
        if menu is None:
            menu = QMenu(button)
            menu.addActions(label.actions())
            button.setMenu(menu)
        menu.popup(button.mapToGlobal(button.rect().bottomLeft()))

    def _add_restrict(
        self, ref: FieldRef, label: QLabel, left: QWidget, restrict: Restricter
    ) -> None:
        target = RestrictTarget.of_field(ref)
        action = QAction(self.tr("Niet delen met…"), left)
        action.setToolTip(self.tr("Dit veld weglaten uit het exemplaar van sommige gezinsleden"))
        action.triggered.connect(lambda _=False, t=target: restrict(t))
        label.addAction(action)
        self.restrict_actions.append(action)
        marker = QLabel(left)
        marker.setObjectName("nietvoor")
        set_point_delta(marker, -1.0)
        marker.setVisible(False)
        self.markers.append((target, marker))

    def refresh(self, values: CaseValues) -> None:
        """Show who may not see each field (after a fresh read of the case)."""
        names = values.person_names
        for target, marker in self.markers:
            persons = hidden_from(values.cf, target)
            marker.setText(marker_text(len(persons)))
            marker.setToolTip(
                self.tr("Niet delen met: {names}").format(
                    names=", ".join(names.get(p, "?") for p in persons)
                )
                if persons
                else ""
            )
            marker.setVisible(bool(persons))
