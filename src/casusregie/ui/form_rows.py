"""``FormRows``: the fields of a case- or person-bound section as a form.

Each row: on the left the field's label (bold), a small "Historie" button and the
seed's guiding question in grey; on the right its editor. The label is the editor's
buddy (Alt+letter and screen readers). Rows are built in reading order, so Tab walks
them top to bottom.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from casusregie.templates import Section
from casusregie.ui.case_values import CaseValues
from casusregie.ui.editing import Bound, Editing
from casusregie.ui.editor_factory import make_editor
from casusregie.ui.field_ref import FieldRef, empty_value
from casusregie.ui.widgets import heading, hint_label, set_point_delta

__all__ = ["FormRows"]

HistoryOpener = Callable[[Bound], None]
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
    ) -> None:
        super().__init__(parent)
        self.editors: list[QWidget] = []
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
            column.addLayout(top)
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
            self.editors.append(editor)
