"""The actions 'Ongedaan maken' (Ctrl+Z), 'Opnieuw' (Ctrl+Shift+Z) and 'Historie van
dit veld' (Ctrl+H) for the case on screen.

Undo takes the last step of this case from the ``UndoHistory`` and writes its old
values back as a new transaction ("Ongedaan gemaakt: Veld gewijzigd: ..."), so the
history stays append-only; redo writes the new values again. Both wait until what was
just typed is saved, so Ctrl+Z right after typing takes that typing back. One undo or
redo runs at a time.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from casusregie.store.database import Change
from casusregie.ui.dialogs.history import HistoryDialog
from casusregie.ui.editors.editing import Bound, Editing
from casusregie.ui.operations import show_failure
from casusregie.ui.ops.edit import HistoryEntry, apply_step, field_history
from casusregie.ui.ops.undo import Step

__all__ = ["EditActions"]


class EditActions(QObject):
    def __init__(
        self, editing: Editing, case_id: Callable[[], str | None], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._editing = editing
        self._case_id = case_id
        self._window = parent
        self._running = False
        self.dialog: HistoryDialog | None = None
        self.undo_action = QAction(self.tr("Ongedaan maken"), parent)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self.tr("Opnieuw"), parent)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.history_action = QAction(self.tr("Historie van dit veld"), parent)
        self.history_action.setShortcut(QKeySequence("Ctrl+H"))
        self.history_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.history_action.triggered.connect(self.show_focused_history)
        for action in (self.undo_action, self.redo_action, self.history_action):
            parent.addAction(action)
        editing.undo_state.connect(self.update)
        editing.session.locked.connect(self._close_dialog)
        self.update()

    @Slot()
    def update(self) -> None:
        case_id = self._case_id()
        history = self._editing.history
        undo = history.next_undo(case_id) if case_id else None
        redo = history.next_redo(case_id) if case_id else None
        self.undo_action.setEnabled(undo is not None and not self._running)
        self.redo_action.setEnabled(redo is not None and not self._running)
        self.undo_action.setToolTip(
            self.tr("Ongedaan maken: {what} (Ctrl+Z)").format(what=undo.label)
            if undo
            else self.tr("Er is niets om ongedaan te maken")
        )
        self.redo_action.setToolTip(
            self.tr("Opnieuw: {what} (Ctrl+Shift+Z)").format(what=redo.label)
            if redo
            else self.tr("Er is niets om opnieuw te doen")
        )

    @Slot()
    def undo(self) -> None:
        self._editing.autosaver.when_saved(lambda: self._apply(forward=False))

    @Slot()
    def redo(self) -> None:
        self._editing.autosaver.when_saved(lambda: self._apply(forward=True))

    def _apply(self, forward: bool) -> None:
        case_id = self._case_id()
        history = self._editing.history
        if case_id is None or self._running:
            return
        step = history.next_redo(case_id) if forward else history.next_undo(case_id)
        if step is None:
            return
        action = (
            self.tr("Opnieuw gedaan: {what}") if forward else self.tr("Ongedaan gemaakt: {what}")
        ).format(what=step.label)
        self._running = True
        self.update()

        def done(_changes: Sequence[Change], s: Step = step) -> None:
            self._running = False
            (history.redone if forward else history.undone)(case_id, s)
            self.update()

        def failed(exc: BaseException, s: Step = step) -> None:
            self._running = False
            history.forget(case_id, s)
            self.update()
            show_failure(self._window, exc)

        self._editing.session.change(
            self._window, lambda store: apply_step(store, step, forward, action), done, failed
        )

    # -- history of a field --------------------------------------------------------

    @Slot()
    def show_focused_history(self) -> None:
        bound = self._editing.find(QApplication.focusWidget())
        if bound is not None:
            self.show_history(bound)

    def show_history(self, bound: Bound) -> None:
        """Open the history of the field ``bound`` (after saving what was typed)."""
        target = bound.ref.target()
        session = self._editing.session

        def ask() -> None:
            session.query(self, lambda store: field_history(store, target), show)

        def show(entries: list[HistoryEntry]) -> None:
            self._close_dialog()
            values = self._editing.values
            persons = values.person_names if values is not None else {}
            self.dialog = HistoryDialog(bound.ref.field, entries, persons, self._window)
            self.dialog.open()

        self._editing.autosaver.when_saved(ask)

    @Slot()
    def _close_dialog(self) -> None:
        if self.dialog is not None:
            with contextlib.suppress(RuntimeError):  # already gone (closed by the user)
                self.dialog.close()
            self.dialog = None
