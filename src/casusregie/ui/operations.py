"""Work off the UI thread, results back on it (after Anki's ``aqt/operations``).

Every read or write of the store, and every key derivation, runs through
``QueryOp``: the callable runs on a ``QThreadPool`` worker, and ``success(result)`` or
``failure(exception)`` is called later on the main thread. The worker never touches a
widget. If the parent widget is gone by then, the result is dropped.

Messages: a ``CasusregieError`` carries a Dutch one-line message that is safe to show
(it names the problem, never a value), so it is shown as it is. Any other exception
may carry data in its text, so the user sees a generic Dutch line with only the
exception's type, and the log gets the type and where it happened (file, line,
function), never the message or source lines.

The operations themselves are small plain functions, one per user action, grouped by
area: ``ops.profile`` (finding, creating, unlocking a profile) and ``ops.case``
(reading cases). Screens that work on the open store go through ``Session.query`` and
``Session.change``, which use ``QueryOp`` and add the lock guard and change signal.
"""

from __future__ import annotations

import contextlib
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QMessageBox, QWidget

from casusregie.domain.errors import CasusregieError

__all__ = ["QueryOp", "pending", "show_failure", "user_message"]

T = TypeVar("T")
log = logging.getLogger(__name__)

#: relays waiting for their worker; kept here so Python does not collect them early
_pending: set[_Relay] = set()


def pending() -> int:
    """How many operations have not yet delivered their result (for tests and quitting)."""
    return len(_pending)


def user_message(exc: BaseException) -> str:
    """The Dutch line to show for a failed operation."""
    if isinstance(exc, CasusregieError):
        return str(exc)
    return QCoreApplication.translate(
        "operations",
        "Er ging iets mis ({kind}). Probeer het opnieuw; blijft het misgaan, "
        "neem dan contact op met de beheerder.",
    ).format(kind=type(exc).__name__)


def show_failure(parent: QWidget | None, exc: BaseException) -> None:
    """The default failure handler: a window-modal message that does not block the loop."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("operations", "Casusregie"),
        user_message(exc),
        QMessageBox.StandardButton.Ok,
        parent.window() if parent is not None else None,
    )
    box.button(QMessageBox.StandardButton.Ok).setText(
        QCoreApplication.translate("operations", "Sluiten")
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def _log_failure(exc: BaseException) -> None:
    if isinstance(exc, CasusregieError):
        log.info("Bewerking niet gelukt: %s", type(exc).__name__)
        return
    # Where it happened, without source lines or the message: both may hold data.
    frames = " <- ".join(
        f"{Path(f.filename).name}:{f.lineno} {f.name}"
        for f in reversed(traceback.extract_tb(exc.__traceback__))
    )
    log.error("Bewerking mislukt: %s (%s)", type(exc).__name__, frames)


class _Relay(QObject):
    """Lives on the main thread; the worker emits ``finished`` and Qt queues the call."""

    finished = Signal(object, object)  # result, exception (one of them is None)

    def __init__(self, op: QueryOp[Any]) -> None:
        super().__init__()
        self._op = op
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, result: object, exc: object) -> None:
        _pending.discard(self)
        self._op._deliver(result, exc if isinstance(exc, BaseException) else None)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result, exc = self._fn(), None
        except BaseException as error:  # delivered to the main thread, never lost
            result, exc = None, error
        with contextlib.suppress(RuntimeError):  # shutting down: the relay is gone
            self._relay.finished.emit(result, exc)


class QueryOp(Generic[T]):
    """``QueryOp(parent=w, op=fn, success=cb).failure(fb).run_in_background()``."""

    def __init__(
        self, *, parent: QObject | None, op: Callable[[], T], success: Callable[[T], None]
    ) -> None:
        self._parent = parent
        self._op = op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None

    def failure(self, callback: Callable[[BaseException], None]) -> QueryOp[T]:
        self._failure = callback
        return self

    def run_in_background(self) -> None:
        relay = _Relay(self)
        _pending.add(relay)
        QThreadPool.globalInstance().start(_Task(self._op, relay))

    def _deliver(self, result: Any, exc: BaseException | None) -> None:
        if self._parent is not None and not shiboken6.isValid(self._parent):
            return  # the screen that asked is gone
        if exc is None:
            self._success(result)
            return
        _log_failure(exc)
        if self._failure is not None:
            self._failure(exc)
        else:
            parent = self._parent if isinstance(self._parent, QWidget) else None
            show_failure(parent, exc)
