"""Helpers for the editing tests: open a template tab, find a field's editor, wait
until every save is in the store, and read values back from the store."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from ui_casedata import CASE_ID

from casusregie.domain.model import CaseFile
from casusregie.templates.field_ref import FieldRef
from casusregie.templates.values import CaseValues
from casusregie.ui import operations
from casusregie.ui.editors.editing import Bound
from casusregie.ui.forms.template import TemplateView


def show_template(qtbot: Any, window: Any, template_id: str) -> TemplateView:
    page = window.case_page
    view = next(v for v in page.views if v.template.id == template_id)
    page.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.is_rendered, timeout=10_000)
    return view


def bound(window: Any, template: str, section: str, key: str, person: str | None = None) -> Bound:
    editing = window.case_page.editing
    return next(
        b
        for b in editing.bound()
        if (b.ref.template, b.ref.section, b.ref.field.key, b.ref.person)
        == (template, section, key, person)
    )


def settle(qtbot: Any, window: Any, timeout: int = 30_000) -> None:
    """Every edit saved, every write and read back, the case shown again."""
    page = window.case_page
    page.editing.autosaver.flush()
    qtbot.waitUntil(
        lambda: (
            not page.editing.autosaver.busy
            and not window.session.writing
            and operations.pending() == 0
        ),
        timeout=timeout,
    )


def case_file(window: Any) -> CaseFile:
    """The case as stored now (tests may read the store on the main thread)."""
    store = window.session.store
    assert store is not None
    return store.load_case(CASE_ID)


def stored(window: Any, ref: FieldRef) -> Any:
    return CaseValues(case_file(window)).value(ref)


def type_into(qtbot: Any, widget: Any, text: str) -> None:
    """Select everything in a text field and type ``text`` over it."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Delete)
