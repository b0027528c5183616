"""Going to where a finding is resolved: scroll a template tab to a section and focus
the field, row or box that a ``Target`` names.

If the template view offers ``focus_target(target)`` itself, that is used. Otherwise,
for a template filled in per occasion, the view is asked to ``select_occasion`` the
target's instance first. Then the section is found as a group box whose
``objectName`` is the section key (or, for views that do not set one, whose title is
the section's label); within it the table row whose ``ENTITY_ID_ROLE`` is the target's
entity id, or the field as a widget whose ``objectName`` or ``field_key`` property is
the field key (or the buddy of the label that shows the field's label).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QGroupBox, QLabel, QScrollArea, QWidget

from casusregie.domain.rules.base import Target
from casusregie.templates import Template
from casusregie.ui.models.entity import ENTITY_ID_ROLE

__all__ = ["focus_in_view", "section_box"]


def section_box(view: QScrollArea, template: Template, section_key: str) -> QGroupBox | None:
    """The group box showing ``section_key`` in a rendered template view."""
    boxes = view.findChildren(QGroupBox)
    found = next((b for b in boxes if b.objectName() == section_key), None)
    if found is not None:
        return found
    section = template.section(section_key)
    if section is None:
        return None
    return next((b for b in boxes if b.title() == section.label), None)


def _focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()


def _field_widget(box: QWidget, template: Template, target: Target) -> QWidget | None:
    for widget in box.findChildren(QWidget):
        if target.field and target.field in (widget.objectName(), widget.property("field_key")):
            return widget
    section = template.section(target.section)
    field = section.field(target.field) if section and target.field else None
    if field is None:
        return None
    for label in box.findChildren(QLabel):
        if label.text() == field.label and label.buddy() is not None:
            return label.buddy()
    return None


def _row_view(box: QWidget, entity_id: str) -> QAbstractItemView | None:
    for view in box.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(ENTITY_ID_ROLE) == entity_id:
                view.setCurrentIndex(index)
                view.selectionModel().select(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                return view
    return None


def focus_in_view(view: QScrollArea, template: Template, target: Target) -> QWidget | None:
    """Scroll ``view`` (a rendered template tab) to ``target`` and focus it. Returns the
    widget that gets the focus (None: the section is not on this tab)."""
    own = getattr(view, "focus_target", None)
    if callable(own):
        own(target)
        return view.focusWidget()
    choose = getattr(view, "select_occasion", None)
    if target.instance is not None and template.multiple and callable(choose):
        choose(target.instance)  # the meeting the finding is about
    box = section_box(view, template, target.section) if target.section else None
    if box is None:
        return None
    chosen: QWidget | None = None
    if target.entity_id:
        chosen = _row_view(box, target.entity_id)
    if chosen is None and target.field:
        chosen = _field_widget(box, template, target)
    if chosen is None:
        chosen = next((w for w in box.findChildren(QWidget) if _focusable(w)), None)
    focus = chosen or box

    def scroll() -> None:
        content = view.widget()
        if content is None or not shiboken6.isValid(box) or not box.isVisible():
            return  # the tab was cleared meanwhile (another case, or locked)
        layout = content.layout()
        if layout is not None:
            layout.activate()
        view.verticalScrollBar().setValue(box.mapTo(content, QPoint(0, 0)).y() - 8)
        if chosen is not None and chosen is not box:
            view.ensureWidgetVisible(chosen, 20, 20)
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    scroll()
    QTimer.singleShot(0, view, scroll)  # again once the new tab is laid out
    return focus
