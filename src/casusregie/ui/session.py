"""The open profile: who holds the store, and the app-wide signals.

One ``Session`` per window. Screens never keep the store; they ask the session to run
a query or a change on a worker. ``locked`` and ``unlocked`` tell every screen when to
drop or reload case data; ``changed`` is the one app-wide change signal, carrying the
store's ``Change`` records, so each screen can decide whether to redraw: every write
(``change``) and every sync (``announce``, with what the pull applied) goes out on it.

Locking closes the store (the store forgets its key) and starts a new epoch: a result
that was on its way from before the lock is dropped, so nothing reappears on screen.

Writes run one at a time, in the order they were asked for (two saves of one field
never overtake each other). Before the store closes, ``about_to_lock`` lets screens
hand in what is still unsaved, and every write asked for so far is finished first:
locking (or closing the window) loses nothing that was typed.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from casusregie.domain.errors import StoreLocked
from casusregie.ui.operations import QueryOp, show_failure

if TYPE_CHECKING:  # the store is imported after the unlock page is shown, not before
    from casusregie.store.database import Change, Store
    from casusregie.store.profile import Profile

__all__ = ["Session"]

T = TypeVar("T")
log = logging.getLogger(__name__)
#: how long locking waits for one write still running (it normally takes milliseconds)
WRITE_WAIT_S = 10.0


@dataclass(eq=False)
class _Write:
    fn: Callable[[Store], Sequence[Change]]
    parent: QObject | None
    success: Callable[[Sequence[Change]], None] | None
    failure: Callable[[BaseException], None] | None
    done: threading.Event = field(default_factory=threading.Event)


class Session(QObject):
    unlocked = Signal()
    locked = Signal()
    #: the store is about to close: hand in unsaved edits now (with ``change``)
    about_to_lock = Signal()
    changed = Signal(object)  # list[Change]

    def __init__(
        self, profile: Profile | None = None, *, demo: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.demo = demo
        self._store: Store | None = None
        self._epoch = 0
        self._writes: deque[_Write] = deque()
        self._writing: _Write | None = None

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
        self.about_to_lock.emit()
        self._finish_writes()
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
        announced on ``changed`` (only if there are any) before ``success`` is called.
        Writes run one after the other, in the order of asking."""
        if self._store is None:
            return
        self._writes.append(_Write(fn, parent, success, failure))
        self._next_write()

    def announce(self, changes: Sequence[Change]) -> None:
        """Changes committed by a longer job on its own worker (a sync's pull): they go
        out on the same ``changed`` signal as every ``change``, so open views refresh.
        Nothing is announced while locked (the caller drops results from before a lock)."""
        if changes and self.is_unlocked:
            self.changed.emit(list(changes))

    @property
    def writing(self) -> bool:
        """Whether a write is running or waiting (for tests and quitting)."""
        return self._writing is not None or bool(self._writes)

    def _next_write(self) -> None:
        if self._writing is None and self._writes and self._store is not None:
            self._writing = self._writes.popleft()
            self._start(self._writing, self._store)

    def _start(self, write: _Write, store: Store) -> None:
        epoch = self._epoch

        def run() -> Sequence[Change]:
            try:
                return write.fn(store)
            finally:
                write.done.set()

        def wanted() -> bool:
            if self._writing is write:
                self._writing = None
            current = epoch == self._epoch
            alive = write.parent is None or shiboken6.isValid(write.parent)
            return current and alive

        def deliver(changes: Sequence[Change]) -> None:
            if wanted():
                if changes:
                    self.changed.emit(list(changes))
                if write.success is not None:
                    write.success(changes)
            self._next_write()

        def fail(exc: BaseException) -> None:
            if wanted() and not isinstance(exc, StoreLocked):
                if write.failure is not None:
                    write.failure(exc)
                else:
                    parent = write.parent if isinstance(write.parent, QWidget) else None
                    show_failure(parent, exc)
            self._next_write()

        # parent=None: the queue must move on even when the asking screen is gone
        QueryOp(parent=None, op=run, success=deliver).failure(fail).run_in_background()

    def _finish_writes(self) -> None:
        """Before the store closes: let the running write end and run the waiting ones
        (each still on a worker; the UI waits, briefly, so that nothing is lost)."""
        store = self._store
        while store is not None and (self._writing is not None or self._writes):
            if self._writing is None:
                self._writing = self._writes.popleft()
                self._start(self._writing, store)
            if not self._writing.done.wait(WRITE_WAIT_S):
                log.error("Opslaan duurde te lang bij vergrendelen")
            self._writing = None
