"""Starting the desktop app: ``run_app(args)`` from ``casusregie`` without a command.

Builds the QApplication (Dutch locale and Qt's own Dutch texts where installed), the
session and the main window, then finds the profile on a worker (``--demo`` creates
and fills the demo profile the first time, which takes a moment). With
``--screenshots DIR`` it renders the pages offscreen, saves them and exits.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from PySide6.QtCore import QLibraryInfo, QLocale, QThreadPool, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from casusregie.ui.main_window import WINDOW_TITLE, MainWindow
from casusregie.ui.operations import QueryOp, user_message
from casusregie.ui.ops.profile import prepare_profile
from casusregie.ui.session import Session

__all__ = ["make_application", "run_app", "start_window"]

WINDOW_SIZE = (1366, 768)


def make_application() -> QApplication:
    """The running QApplication, or a new one set up for Casusregie."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setOrganizationName("Casusregie")
    app.setApplicationName("Casusregie")
    app.setApplicationDisplayName(WINDOW_TITLE)
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if not app.property("casusregie_translations"):
        _install_qt_translations(app)
        app.setProperty("casusregie_translations", True)
    return app


def _install_qt_translations(app: QApplication) -> None:
    """Qt's own texts (context menus of text fields, standard buttons) in Dutch."""
    dutch = QLocale(QLocale.Language.Dutch)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for catalog in ("qtbase", "qt"):
        translator = QTranslator(app)
        if translator.load(dutch, catalog, "_", path):
            app.installTranslator(translator)
            return


def start_window(window: MainWindow, args: argparse.Namespace) -> None:
    """Find (or for the demo: make) the profile off the UI thread, then show its page."""

    def failed(exc: BaseException) -> None:
        window.start_failed(user_message(exc))

    demo, store_dir = bool(args.demo), getattr(args, "store", None)
    QueryOp(
        parent=window, op=lambda: prepare_profile(store_dir, demo), success=window.start
    ).failure(failed).run_in_background()


def _quit_at_unlock_page(app: QApplication, window: MainWindow) -> None:
    """``CASUSREGIE_START_PROBE=1``: print when the unlock page is on screen, then quit.

    bench/bundle.py times the start of the frozen app with it (it cannot be instrumented
    from outside). Prints a timestamp only, nothing of the profile."""

    def shown() -> None:
        print(f"ontgrendelscherm {time.time():.6f}", flush=True)
        app.quit()

    def on_page(_index: int) -> None:
        if window.stack.currentWidget() is window.unlock_page:
            QTimer.singleShot(0, shown)

    window.stack.currentChanged.connect(on_page)


def run_app(args: argparse.Namespace) -> int:
    shots = getattr(args, "screenshots", None)
    if shots is not None:
        if not args.demo:
            print("casusregie: --screenshots werkt alleen samen met --demo", file=sys.stderr)
            return 2
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    session = Session(demo=bool(args.demo))
    window = MainWindow(session)
    window.resize(*WINDOW_SIZE)
    app.aboutToQuit.connect(lambda: session.lock("afsluiten"))
    if os.environ.get("CASUSREGIE_START_PROBE"):
        _quit_at_unlock_page(app, window)
    start_window(window, args)
    window.show()
    if shots is not None:
        from casusregie.ui.screenshots import take_screenshots

        code = take_screenshots(window, shots)
    else:
        code = int(app.exec())
    QThreadPool.globalInstance().waitForDone(5000)  # let running operations finish
    return code
