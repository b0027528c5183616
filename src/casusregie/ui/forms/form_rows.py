"""``FormRows``: the fields of a case- or person-bound section as a form.

Each row: on the left the field's label (bold) with one small "⋯" button whose menu
(also the label's context menu) holds "Historie…" and "Niet delen met…", the seed's
guiding question in grey and, only for a marked field, who may not see it ("niet voor:
1 persoon"); on the right its editor. Quiet: no links on every field. Badges only where
there is something: "niet voor: …" on a marked field, "↺ gewijzigd" on a field that
held another value before (a click opens its history; ``CaseValues.has_history``).
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
    " QToolButton#historie { color: #1a4f8b; border: 1px solid #b8c8dc; border-radius: 3px;"
    " padding: 0 4px; background: #eef3f9; }"
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
        #: per field: where its "↺ gewijzigd" badge goes (made when first needed)
        self._badge_slots: list[tuple[FieldRef, QHBoxLayout, QAction]] = []
        #: the badges made so far, by field (row); shown only while it has history
        self.history_badges: dict[int, QToolButton] = {}
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
            history_action = QAction(self.tr("Historie…"), left)
            history_action.setToolTip(self.tr("Wie veranderde dit veld, en wanneer? (Ctrl+H)"))
            top.addWidget(label, 1)
            self._badge_slots.append((ref, top, history_action))
            more = QToolButton(left)
            more.setObjectName("meer")
            more.setText("⋯")
            more.setAutoRaise(True)
            more.setToolTip(self.tr("Historie (Ctrl+H) en niet delen met…"))
            more.setAccessibleName(self.tr("Meer bij {label}").format(label=field.label))
            more.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Space opens its menu
            more.setCursor(Qt.CursorShape.PointingHandCursor)
            label.addAction(history_action)
            label.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
            self.history_actions.append(history_action)
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
                history_action.triggered.connect(lambda _=False, b=bound: open_history(b))
            self.editors.append(editor)
        self.refresh(values)

    def _history_badge(self, row: int) -> QToolButton:
        ref, top, action = self._badge_slots[row]
        label = ref.field.label
        badge = QToolButton(top.parentWidget())
        badge.setObjectName("historie")
        badge.setText(self.tr("↺ gewijzigd"))
        badge.setToolTip(
            self.tr("Dit veld is eerder anders ingevuld. Klik voor de historie (Ctrl+H).")
        )
        badge.setAccessibleName(self.tr("Historie van {label}").format(label=label))
        # not a tab stop: from the field, Ctrl+H (or the "⋯" menu) opens the same
        badge.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        badge.setCursor(Qt.CursorShape.PointingHandCursor)
        set_point_delta(badge, -1.0)
        badge.clicked.connect(lambda _=False: action.trigger())
        top.insertWidget(1, badge, 0, Qt.AlignmentFlag.AlignTop)
        self.history_badges[row] = badge
        return badge

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
        """Show who may not see each field, and which have history (after a fresh
        read of the case)."""
        for row, (ref, _top, _action) in enumerate(self._badge_slots):
            changed = values.has_history(ref)
            badge = self.history_badges.get(row)
            if badge is None and changed:
                badge = self._history_badge(row)
            if badge is not None:
                badge.setVisible(changed)
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
