"""``Editing``: the field editors of the open case, bound to where their values live.

A section view ``bind``s each editor to its ``FieldRef``. An edit goes to the
``Autosaver`` (a scale answer takes its anchor text along when the section has an
``ankertekst`` field that is still empty); leaving the field saves at once. When the
case is read again after a change, ``refresh`` shows the new values in every editor
that has nothing unsaved, so undo, sync and other screens show up where one types.

On lock: first everything unsaved is handed in (``Session.about_to_lock``), then all
bindings, pending edits and the undo history are dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable
from dataclasses import dataclass

from PySide6.QtCore import QMetaObject, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from casusregie.templates import Section
from casusregie.templates.field_ref import ANCHOR_KEY, FieldRef, Write, anchor_text, is_empty
from casusregie.templates.values import CaseValues
from casusregie.ui.editors.autosave import Autosaver
from casusregie.ui.editors.factory import PERSON_TYPES, as_editor, set_persons
from casusregie.ui.ops.undo import UndoHistory
from casusregie.ui.session import Session

__all__ = ["Bound", "Editing"]


@dataclass(frozen=True)
class Bound:
    ref: FieldRef
    editor: QWidget
    anchor: FieldRef | None = None  # where a scale answer's anchor text goes


def _anchor_ref(ref: FieldRef, section: Section) -> FieldRef | None:
    anchor = section.field(ANCHOR_KEY)
    if ref.field.type != "scale" or not ref.field.scale_anchors or anchor is None:
        return None
    return dataclasses.replace(ref, field=anchor)


class Editing(QObject):
    #: a save, undo or redo changed what can be undone; for the toolbar
    undo_state = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.history = UndoHistory()
        self.autosaver = Autosaver(session, self.history, self)
        self.autosaver.saved.connect(self.undo_state)
        self.values: CaseValues | None = None
        self._bound: dict[Hashable, Bound] = {}
        self._keys: dict[QWidget, Hashable] = {}
        #: an editor bound again (a list's detail pane, another row) drops its old link
        self._links: dict[QWidget, QMetaObject.Connection] = {}
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        session.about_to_lock.connect(self.autosaver.flush)
        session.locked.connect(self._on_locked)

    # -- binding -------------------------------------------------------------------

    def bind(self, ref: FieldRef, editor: QWidget, section: Section) -> None:
        bound = Bound(ref, editor, _anchor_ref(ref, section))
        old = self._bound.get(ref.key)
        if old is not None:
            self._keys.pop(old.editor, None)
        self._bound[ref.key] = bound
        self._keys[editor] = ref.key
        if self.values is not None:
            self._show(bound, self.values)
        link = self._links.pop(editor, None)
        if link is not None:
            QObject.disconnect(link)
        self._links[editor] = as_editor(editor).edited.connect(lambda b=bound: self._on_edited(b))

    def unbind_template(self, template_id: str) -> None:
        """A tab threw its widgets away: forget them (saving what is still waiting)."""
        self.autosaver.flush()
        for key, bound in list(self._bound.items()):
            if bound.ref.template == template_id:
                del self._bound[key]
                self._keys.pop(bound.editor, None)
                self._links.pop(bound.editor, None)

    def unbind(self, editors: list[QWidget]) -> None:
        """These editors are about to go (another person chosen): save what waits,
        then forget them."""
        self.autosaver.flush()
        for editor in editors:
            link = self._links.pop(editor, None)
            if link is not None:
                QObject.disconnect(link)
            key = self._keys.pop(editor, None)
            bound = self._bound.get(key) if key is not None else None
            if bound is not None and bound.editor is editor:
                del self._bound[bound.ref.key]

    def bound(self) -> list[Bound]:
        return list(self._bound.values())

    def find(self, widget: QWidget | None) -> Bound | None:
        """The binding of the editor that holds ``widget`` (or is it)."""
        while widget is not None:
            key = self._keys.get(widget)
            if key is not None:
                return self._bound.get(key)
            widget = widget.parentWidget()
        return None

    # -- editing -------------------------------------------------------------------

    def _on_edited(self, bound: Bound) -> None:
        if self._bound.get(bound.ref.key) is not bound:
            return  # an editor from a view that is gone
        editor = as_editor(bound.editor)
        ref = bound.ref
        if not editor.is_valid() or (ref.required and is_empty(editor.value())):
            self.autosaver.drop(ref.key)  # not a date, or a row's required field emptied
            return
        value = ref.stored(editor.value())
        writes = [Write(ref.target(), value)]
        if bound.anchor is not None and value is not None:
            anchor = anchor_text(ref.field)
            writes.append(Write(bound.anchor.target(), anchor, only_if_empty=True))
        self.autosaver.put(ref.case_id, ref.key, writes, ref.field.label)

    @Slot(QWidget, QWidget)
    def _on_focus(self, old: QWidget | None, new: QWidget | None) -> None:
        left = self.find(old)
        if left is not None and self.find(new) is not left:
            self.autosaver.flush(left.ref.key)

    # -- showing values ------------------------------------------------------------

    def refresh(self, values: CaseValues) -> None:
        """Show the values of a fresh read of the case in every editor that has no
        unsaved edit."""
        self.values = values
        for bound in self._bound.values():
            self._show(bound, values)

    def _show(self, bound: Bound, values: CaseValues) -> None:
        editor = as_editor(bound.editor)
        if bound.ref.field.type in PERSON_TYPES:
            set_persons(bound.editor, tuple(values.person_names.items()))
        if editor.is_valid() and not self.autosaver.dirty(bound.ref.key):
            editor.set_value(values.value(bound.ref))  # a half-typed date stays as it is

    @Slot()
    def _on_locked(self) -> None:
        self.autosaver.clear()
        self.history.clear()
        self._bound.clear()
        self._keys.clear()
        self._links.clear()
        self.values = None
        self.undo_state.emit()
