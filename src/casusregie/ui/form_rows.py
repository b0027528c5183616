"""``FormRows``: the fields of a case- or person-bound section as a form.

Each row: on the left the field's label (bold), small "Historie" and "Niet delen met…"
links (also in the label's context menu), the seed's guiding question in grey and, for
a marked field, who may not see it ("niet voor: 1 persoon"); on the right its editor.
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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.templates import Section
from casusregie.ui.case_values import CaseValues
from casusregie.ui.editing import Bound, Editing
from casusregie.ui.editor_factory import make_editor
from casusregie.ui.field_ref import FieldRef, empty_value
from casusregie.ui.restrictions_ui import RestrictTarget, hidden_from, marker_text
from casusregie.ui.widgets import heading, hint_label, set_point_delta

__all__ = ["FormRows"]

HistoryOpener = Callable[[Bound], None]
#: opens "Niet delen met…" for a field (None: not offered)
Restricter = Callable[[RestrictTarget], None]
LINK_STYLE = "QToolButton { color: #1a4f8a; border: none; text-decoration: underline; }"


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
        self.restrict_buttons: list[QToolButton] = []
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
            history = QToolButton(left)
            history.setText(self.tr("Historie"))
            history.setToolTip(self.tr("Wie veranderde dit veld, en wanneer? (Ctrl+H)"))
            history.setAccessibleName(self.tr("Historie van {label}").format(label=field.label))
            history.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Ctrl+H in the field does this
            history.setCursor(Qt.CursorShape.PointingHandCursor)
            history.setStyleSheet(LINK_STYLE)
            set_point_delta(history, -1.0)
            top.addWidget(history, 0, Qt.AlignmentFlag.AlignTop)
            if restrict is not None:
                self._add_restrict(ref, label, top, left, restrict)
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
                history.clicked.connect(lambda _=False, b=bound: open_history(b))
                show = QAction(self.tr("Historie…"), label)
                show.triggered.connect(lambda _=False, b=bound: open_history(b))
                label.insertAction(label.actions()[0] if label.actions() else None, show)
            self.editors.append(editor)
        self.refresh(values)

    def _add_restrict(
        self, ref: FieldRef, label: QLabel, top: QHBoxLayout, left: QWidget, restrict: Restricter
    ) -> None:
        target = RestrictTarget.of_field(ref)
        button = QToolButton(left)
        button.setText(self.tr("Niet delen met…"))
        button.setToolTip(self.tr("Dit veld weglaten uit het exemplaar van sommige gezinsleden"))
        button.setAccessibleName(self.tr("Niet delen met: {label}").format(label=ref.field.label))
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet(LINK_STYLE)
        set_point_delta(button, -1.0)
        button.clicked.connect(lambda _=False, t=target: restrict(t))
        top.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.restrict_buttons.append(button)
        action = QAction(self.tr("Niet delen met…"), label)
        action.triggered.connect(lambda _=False, t=target: restrict(t))
        label.addAction(action)
        label.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        marker = QLabel(left)
        marker.setStyleSheet("QLabel { color: #8a1a1a; }")
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
