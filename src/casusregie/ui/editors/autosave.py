"""``Autosaver``: what is typed is saved while typing, without a save button.

An edit waits ``DELAY_MS`` (a pause in typing) and is then written on a worker through
``Session.change``: one save, one transaction, labelled "Veld gewijzigd: <label>" (the
field's label, never its value). Leaving the field, locking, switching tab or case and
closing the window save at once (``flush``). Each saved field becomes an undo step;
saves of one field in a row merge into one (see ``undo``).

``dirty(key)`` tells whether a field has an edit that is not yet back from the store,
so a reload of the case does not overwrite what is being typed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from casusregie.store.database import Change, Store
from casusregie.templates.field_ref import Write
from casusregie.ui.operations import show_failure
from casusregie.ui.ops.edit import save_fields
from casusregie.ui.ops.undo import Step, UndoHistory
from casusregie.ui.session import Session

__all__ = ["DELAY_MS", "Autosaver"]

DELAY_MS = 300


@dataclass(frozen=True)
class _Pending:
    case_id: str
    writes: tuple[Write, ...]
    label: str


def _save(writes: tuple[Write, ...], action: str) -> Callable[[Store], list[Change]]:
    return lambda store: save_fields(store, writes, action)


class Autosaver(QObject):
    #: one save is in the store (its changes); the data is safe from here on
    saved = Signal(object)
    #: nothing is waiting or being written any more
    idle = Signal()

    def __init__(
        self,
        session: Session,
        history: UndoHistory,
        parent: QObject | None = None,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._history = history
        self._pending: dict[Hashable, _Pending] = {}
        self._in_flight: Counter[Hashable] = Counter()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._waiting: list[Callable[[], None]] = []

    def put(self, case_id: str, key: Hashable, writes: Sequence[Write], label: str) -> None:
        """A field was edited: save it after a pause (a newer edit replaces this one)."""
        self._pending[key] = _Pending(case_id, tuple(writes), label)
        self._timer.start()

    def drop(self, key: Hashable) -> None:
        """Forget an edit that must not be saved (a date that is not a date yet)."""
        self._pending.pop(key, None)
        self._check_idle()

    def dirty(self, key: Hashable) -> bool:
        return key in self._pending or self._in_flight[key] > 0

    @property
    def busy(self) -> bool:
        return bool(self._pending) or any(self._in_flight.values())

    @Slot()
    def flush(self, key: Hashable | None = None) -> None:
        """Save now: every waiting edit, or only that of ``key``."""
        keys = list(self._pending) if key is None else [key] if key in self._pending else []
        if not self._pending or key is None:
            self._timer.stop()
        if not self._session.is_unlocked:  # too late: the lock has handed in what it could
            return
        for k in keys:
            pending = self._pending.pop(k)
            self._in_flight[k] += 1
            action = self.tr("Veld gewijzigd: {label}").format(label=pending.label)
            self._session.change(
                None,  # not tied to a screen: a save must land even if the page is gone
                _save(pending.writes, action),
                partial(self._saved, k, pending, action),
                partial(self._failed, k),
            )

    def _saved(
        self, key: Hashable, pending: _Pending, action: str, changes: Sequence[Change]
    ) -> None:
        self._done(key)
        self._history.record(pending.case_id, Step.from_changes(action, changes, key))
        self.saved.emit(list(changes))
        self._check_idle()

    def _failed(self, key: Hashable, exc: BaseException) -> None:
        self._done(key)
        show_failure(None, exc)
        self._check_idle()

    def _done(self, key: Hashable) -> None:
        self._in_flight[key] -= 1
        if self._in_flight[key] <= 0:
            del self._in_flight[key]

    def when_saved(self, fn: Callable[[], None]) -> None:
        """Call ``fn`` once everything typed so far is in the store (at once if it is):
        undo and the history must see the last letters typed."""
        if not self.busy:
            fn()
            return
        self._waiting.append(fn)
        self.flush()

    def _check_idle(self) -> None:
        if self.busy:
            return
        waiting, self._waiting = self._waiting, []
        for fn in waiting:
            fn()
        self.idle.emit()

    def clear(self) -> None:
        """Forget everything (after the lock: what was waiting has been saved)."""
        self._timer.stop()
        self._pending.clear()
        self._in_flight.clear()
        self._waiting.clear()
