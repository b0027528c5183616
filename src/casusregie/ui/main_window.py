"""The main window: one stack of pages and the lock.

Pages: a short start page (while the profile is found), the first-run page, the
unlock page, the case list and the case page. The window title is always just
"Casusregie": never a family's name.

Locking (Ctrl+L, after the idle time, or when the system suspends the app) closes
the store, clears every page that showed case data (and the clipboard, if it holds
something copied from here) and shows the unlock page.
Unlocking returns to the case and tab that were open.

Synchroniseren (F5) and the sync state in the status bar: ``actions.sync``.

Starting is quick: only the pages before the unlock are built (and imported) at first;
the case list and the case page are made when they are first needed (after the unlock),
and the heavy non-Qt modules they use are imported on a worker while the passphrase is
typed (``_prewarm``).
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QStackedWidget, QToolBar, QWidget

from casusregie.ui.actions.report import ReportActions
from casusregie.ui.actions.sync import SyncActions
from casusregie.ui.idle import IdleWatcher, idle_timeout_ms
from casusregie.ui.operations import QueryOp
from casusregie.ui.ops.profile import StartState
from casusregie.ui.pages.first_run import FirstRunPage
from casusregie.ui.pages.unlock import UnlockPage
from casusregie.ui.session import Session
from casusregie.ui.widgets import ERROR_STYLE, centered, hint_label

if TYPE_CHECKING:
    from casusregie.store.keyfile import KdfParams
    from casusregie.templates import TemplateSet
    from casusregie.ui.pages.case import CasePage
    from casusregie.ui.pages.case_list import CaseListPage

__all__ = ["WINDOW_TITLE", "MainWindow"]

WINDOW_TITLE = "Casusregie"

#: imported on a worker while the unlock page waits for the passphrase (no Qt in them)
PREWARM = (
    "casusregie.templates",
    "casusregie.store.caseio",
    "casusregie.domain.rules",
    "casusregie.layout",
    "casusregie.sync",
)


def _prewarm() -> None:
    for name in PREWARM:
        importlib.import_module(name)
    from casusregie.templates import load_templates

    load_templates()


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        *,
        templates: TemplateSet | None = None,
        idle_ms: int | None = None,
        kdf: KdfParams | None = None,
        use_keyring: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._templates = templates
        self._case_list: CaseListPage | None = None
        self._case_page: CasePage | None = None
        self._resume: tuple[str, int] | None = None
        self._closing = False
        self._prewarmed = False
        self._copied = False  # something was copied while unlocked and focused
        self.setWindowTitle(WINDOW_TITLE)
        self.stack = QStackedWidget(self)
        self.start_page = QWidget(self.stack)
        self.start_message = hint_label(self.tr("Even geduld, Casusregie start…"))
        centered(self.start_page, self.start_message)
        self.first_run = FirstRunPage(session, kdf, use_keyring, self.stack)
        self.unlock_page = UnlockPage(session, self.stack)
        for page in (self.start_page, self.first_run, self.unlock_page):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        #: "Opgeslagen om 14:05": every change that reached the store says so
        self.saved_label = QLabel("", self)
        self.saved_label.setObjectName("opgeslagen")
        self.saved_label.setAccessibleName(self.tr("Opslaan"))
        self.saved_label.setContentsMargins(0, 0, 16, 0)  # apart from the sync state
        self.statusBar().addPermanentWidget(self.saved_label)
        self._setup_actions()
        self.idle = IdleWatcher(idle_ms if idle_ms is not None else idle_timeout_ms(), self)

        self.unlock_page.ready.connect(self._prewarm_once)
        session.unlocked.connect(self._on_unlocked)
        session.locked.connect(self._on_locked)
        session.changed.connect(self._on_saved)
        self.idle.idle.connect(self._on_idle)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_app_state)
            QGuiApplication.clipboard().dataChanged.connect(self._on_clipboard)
        self._update_actions()

    # -- the pages made after the unlock ---------------------------------------------

    @property
    def case_list(self) -> CaseListPage:
        """The case list, made the first time it is needed."""
        if self._case_list is None:
            from casusregie.ui.pages.case_list import CaseListPage

            self._case_list = CaseListPage(self.session, self.stack)
            self.stack.addWidget(self._case_list)
            self._case_list.open_requested.connect(self.open_case)
            self.menu.insertAction(self.back_action, self._case_list.new_case_action)
            self._case_list.new_case_action.setEnabled(self.session.is_unlocked)
        return self._case_list

    @property
    def case_page(self) -> CasePage:
        """The case page, made the first time it is needed."""
        if self._case_page is None:
            from casusregie.ui.pages.case import CasePage

            self._case_page = CasePage(self.session, self._templates, self.stack)
            self.stack.addWidget(self._case_page)
            edits = self._case_page.edit_actions
            for action in (edits.undo_action, edits.redo_action, edits.history_action):
                self.edit_menu.addAction(action)
            self.toolbar.addSeparator()
            self.toolbar.addAction(edits.undo_action)
            self.toolbar.addAction(edits.redo_action)
            # a child's worksheet goes out through the one print path (and its log)
            self._case_page.child_talks.deliver = self.reports.deliver
        return self._case_page

    def _on_case_page(self) -> bool:
        return self._case_page is not None and self.stack.currentWidget() is self._case_page

    def _setup_actions(self) -> None:
        self.back_action = QAction(self.tr("Alle casussen"), self)
        self.back_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_action.triggered.connect(self.show_case_list)
        self.lock_action = QAction(self.tr("Vergrendelen"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setToolTip(
            self.tr("Vergrendelen (Ctrl+L): de casussen gaan dicht tot u het wachtwoord weer typt")
        )
        self.lock_action.triggered.connect(self.lock)
        self.quit_action = QAction(self.tr("Afsluiten"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.triggered.connect(self.close)
        menu = self.menu = self.menuBar().addMenu(self.tr("&Casusregie"))
        # "Nieuwe casus" (Ctrl+N, from any page) comes first, once the case list is made
        menu.addAction(self.back_action)
        menu.addAction(self.lock_action)
        self.sync = SyncActions(self.session, self)
        menu.addAction(self.sync.action)
        menu.addAction(self.sync.couple_action)
        menu.addAction(self.sync.conflicts_action)
        menu.addAction(self.sync.preview_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        self.reports = ReportActions(
            self.session, self, lambda: self._case_page.case_id if self._case_page else None
        )
        self.menuBar().addMenu(self.reports.menu)
        self.edit_menu: QMenu = self.menuBar().addMenu(self.tr("&Bewerken"))
        toolbar = self.toolbar = QToolBar(self.tr("Werkbalk"), self)
        toolbar.setObjectName("werkbalk")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.back_action)
        toolbar.addAction(self.lock_action)
        toolbar.addAction(self.sync.action)
        self.addToolBar(toolbar)

    def _update_actions(self) -> None:
        unlocked = self.session.is_unlocked
        self.lock_action.setEnabled(unlocked)
        if self._case_list is not None:
            self._case_list.new_case_action.setEnabled(unlocked)
        self.back_action.setEnabled(unlocked and self._on_case_page())
        self.reports.set_enabled(unlocked and self._on_case_page())

    def _show(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        self._update_actions()

    # -- starting ----------------------------------------------------------------

    def start(self, state: StartState) -> None:
        """The profile is known: ask to create it, or to unlock it."""
        self.session.profile = state.profile
        self.session.demo = state.demo
        self.unlock_page.demo_hint.setVisible(state.demo)
        if state.exists:
            self._show(self.unlock_page)
            self.unlock_page.refresh()
        else:
            self._show(self.first_run)
            self.first_run.name_edit.setFocus()

    @Slot()
    def _prewarm_once(self) -> None:
        """Once the unlock page can be typed in: import what the pages after it need."""
        if self._prewarmed:
            return
        self._prewarmed = True
        QueryOp(parent=self, op=_prewarm, success=lambda _: None).failure(
            lambda _exc: None  # only a head start: the pages import what they need
        ).run_in_background()

    def start_failed(self, message: str) -> None:
        """The profile could not be found or made: say so where the start page is."""
        self.start_message.setText(message)
        self.start_message.setStyleSheet(ERROR_STYLE)
        self._show(self.start_page)

    # -- navigating ----------------------------------------------------------------

    @Slot()
    def show_case_list(self) -> None:
        if self.session.is_unlocked:
            self._show(self.case_list)
            self.case_list.search.setFocus()

    @Slot(str)
    def open_case(self, case_id: str, tab: int | None = None) -> None:
        if self.session.is_unlocked:
            self.case_page.open_case(case_id, tab)
            self._show(self.case_page)
            self.case_page.tabs.setFocus()

    # -- locking -------------------------------------------------------------------

    @Slot()
    def lock(self) -> None:
        self.session.lock("op verzoek")

    @Slot()
    def _on_idle(self) -> None:
        if not self.session.is_unlocked:
            return
        minutes = round(self.idle.timeout_ms / 60_000)
        self.unlock_page.set_note(
            self.tr("Vanzelf vergrendeld, omdat Casusregie een tijdje niet is gebruikt.")
            if minutes < 1
            else self.tr("Vanzelf vergrendeld, omdat Casusregie 1 minuut niet is gebruikt.")
            if minutes == 1
            else self.tr(
                "Vanzelf vergrendeld, omdat Casusregie {n} minuten niet is gebruikt."
            ).format(n=minutes)
        )
        self.session.lock("niet gebruikt")

    @Slot(Qt.ApplicationState)
    def _on_app_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended and self.session.is_unlocked:
            self.unlock_page.set_note(
                self.tr("Vanzelf vergrendeld, omdat de computer in de slaapstand ging.")
            )
            self.session.lock("systeem in slaapstand")

    @Slot()
    def _on_locked(self) -> None:
        page = self._case_page
        self._resume = page.location() if page is not None and self._on_case_page() else None
        self.idle.stop()
        if self._case_page is not None:
            self._case_page.clear()
        if self._case_list is not None:
            self._case_list.clear()
        self.unlock_page.clear()
        clipboard = QGuiApplication.clipboard()
        if clipboard.ownsClipboard() or self._copied:  # copied case text goes too
            clipboard.clear()
        self._copied = False
        self.saved_label.setText("")
        self._show(self.unlock_page)
        if not self._closing:
            self.unlock_page.refresh()

    @Slot(object)
    def _on_saved(self, _changes: object) -> None:
        now = dt.datetime.now().strftime("%H:%M")
        self.saved_label.setText(self.tr("Opgeslagen om {time}").format(time=now))

    @Slot()
    def _on_clipboard(self) -> None:
        """Not every platform says who owns the clipboard: remember copies made here."""
        if self.session.is_unlocked and QGuiApplication.focusWindow() is not None:
            self._copied = True

    @Slot()
    def _on_unlocked(self) -> None:
        self.unlock_page.set_note("")
        self.idle.start()
        self.case_list.reload()
        resume, self._resume = self._resume, None
        if resume is not None:
            self.open_case(*resume)
        else:
            self.show_case_list()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing = True
        self.idle.stop()
        self.session.lock("afsluiten")
        super().closeEvent(event)
