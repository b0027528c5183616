"""The open profile: who holds the store, and the app-wide signals.

One ``Session`` per window. Screens never keep the store; they ask the session to run
a query or a change on a worker. ``locked`` and ``unlocked`` tell every screen when to
drop or reload case data; ``changed`` is the one app-wide change signal, carrying the
store's ``Change`` records, so each screen can decide whether to redraw.

Locking closes the store (the store forgets its key) and starts a new epoch: a result
that was on its way from before the lock is dropped, so nothing reappears on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from casusregie.domain.errors import StoreLocked
from casusregie.store.database import Change, Store
from casusregie.store.profile import Profile
from casusregie.ui.operations import QueryOp, show_failure

__all__ = ["Session"]

T = TypeVar("T")
log = logging.getLogger(__name__)


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    changed = Signal(object)  # list[Change]

    def __init__(
        self, profile: Profile | None = None, *, demo: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.demo = demo
        self._store: Store | None = None
        self._epoch = 0

    @property
    def is_unlocked(self) -> bool:
        return self._store is not None and self._store.is_open

    @property
    def store(self) -> Store | None:
        """The open store, for tests and for handing to operations; None when locked."""
        return self._store if self.is_unlocked else None

    def open(self, store: Store) -> None:
        """Take an unlocked store (from the unlock or first-run page)."""
        if self._store is not None:
            self._store.close()
        self._store = store
        log.info("Ontgrendeld")
        self.unlocked.emit()

    def lock(self, reason: str = "op verzoek") -> None:
        """Close the store and tell every screen to drop its case data."""
        if self._store is None:
            return
        self._epoch += 1
        store, self._store = self._store, None
        store.close()
        log.info("Vergrendeld (%s)", reason)
        self.locked.emit()

    def query(
        self,
        parent: QObject | None,
        fn: Callable[[Store], T],
        success: Callable[[T], None],
        failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run ``fn(store)`` on a worker; ``success(result)`` on the main thread, unless
        the session was locked in the meantime."""
        store = self._store
        if store is None:
            return
        epoch = self._epoch

        def deliver(result: T) -> None:
            if epoch == self._epoch:
                success(result)

        def fail(exc: BaseException) -> None:
            if epoch != self._epoch or isinstance(exc, StoreLocked):
                return
            if failure is not None:
                failure(exc)
            else:
                show_failure(parent if isinstance(parent, QWidget) else None, exc)

        QueryOp(parent=parent, op=lambda: fn(store), success=deliver).failure(
            fail
        ).run_in_background()

    def change(
        self,
        parent: QObject | None,
        fn: Callable[[Store], Sequence[Change]],
        success: Callable[[Sequence[Change]], None] | None = None,
        failure: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Like ``query`` for a write: ``fn`` returns the changes it made, which are then
        announced on ``changed`` (only if there are any) before ``success`` is called."""

        def done(changes: Sequence[Change]) -> None:
            if changes:
                self.changed.emit(list(changes))
            if success is not None:
                success(changes)

        self.query(parent, fn, done, failure)
