"""Noticing that nobody is at the keyboard, so the app can lock itself.

``IdleWatcher`` filters the application's events: every key press, click, mouse move,
wheel turn or touch restarts a single-shot timer; when it runs out, ``idle`` is
emitted once. ``start()`` and ``stop()`` are symmetric: the watcher only runs while
the store is open.

The idle time comes from the constructor or from the setting
``vergrendelen/minuten_inactief`` (default 5 minutes).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal, Slot

__all__ = ["DEFAULT_IDLE_MINUTES", "SETTINGS_KEY", "IdleWatcher", "idle_timeout_ms"]

DEFAULT_IDLE_MINUTES = 5
SETTINGS_KEY = "vergrendelen/minuten_inactief"

_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


def idle_timeout_ms() -> int:
    """The configured idle time, from QSettings; a bad value falls back to the default."""
    value = QSettings().value(SETTINGS_KEY, DEFAULT_IDLE_MINUTES)
    try:
        minutes = float(str(value))  # QSettings gives a str, or the default float
    except (TypeError, ValueError):
        minutes = DEFAULT_IDLE_MINUTES
    if minutes <= 0:
        minutes = DEFAULT_IDLE_MINUTES
    return int(minutes * 60_000)


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._on_timeout)
        self._watching = False

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    @property
    def watching(self) -> bool:
        return self._watching

    def start(self) -> None:
        if self._watching:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._watching = True
        self._timer.start()

    def stop(self) -> None:
        if not self._watching:
            return
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._watching = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._timer.start()
        return False

    @Slot()
    def _on_timeout(self) -> None:
        if self._watching:
            self.idle.emit()
