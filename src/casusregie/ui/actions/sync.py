"""Synchroniseren with the central office, from the main window.

``SyncActions`` owns the "Synchroniseren" action (F5), a permanent status-bar label
with the state in Dutch and a small progress bar. A sync runs ``sync.run_sync`` on a
worker (``operations.QueryOp``); its progress callback only emits a signal, which Qt
delivers queued on the main thread: the worker never touches a widget. The result
comes back the same way, so the action returns at once and the window never freezes.

While unlocked, a timer tries a sync every few minutes when the office answers
(``office_reachable``, checked on a worker; skipped when not enrolled). Locking cancels
a running sync (its cancel event), waits briefly for it to stop, and stops the timer;
a result that arrives after the lock is dropped. When a sync holds back inbound
deletions (``SyncResult.held``), the user is asked, and a confirmed answer syncs again
with ``confirm_deletions``.

Nothing of a category goes to the office the first time before it was shown: when a
sync the user started reports such categories (``SyncResult.unshown``), the preview of
them (``sync.preview``) is shown; "Delen" records them as shown and syncs again. The
preview action ("Wat gaat naar het kantoor?") shows the same on demand.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMainWindow, QMessageBox, QProgressBar

from casusregie.ui.operations import QueryOp
from casusregie.ui.ops import sync as sync_ops
from casusregie.ui.session import Session

if TYPE_CHECKING:
    from casusregie.store.database import Store
    from casusregie.sync import Progress, SyncResult
    from casusregie.sync.preview import CasePreview

__all__ = ["AUTO_SYNC_MS", "SyncActions"]

log = logging.getLogger(__name__)
#: how often an automatic sync is tried while unlocked
AUTO_SYNC_MS = 5 * 60_000
#: how long locking waits for a cancelled sync to stop
CANCEL_WAIT_S = 10.0

NOT_ENROLLED = "Niet gekoppeld aan een kantoor"
OFFLINE = "Offline: het kantoor is niet bereikbaar"


def _when(iso: str) -> str:
    """'vandaag 14:05' or '27-11-2025 14:05' for a stored timestamp."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    if moment.date() == dt.date.today():
        return "vandaag " + moment.strftime("%H:%M")
    return moment.strftime("%d-%m-%Y %H:%M")


class SyncActions(QObject):
    #: progress from the worker (a ``Progress``), delivered queued on the main thread
    progressed = Signal(object)
    #: a sync ended (its ``SyncResult``); for tests
    finished = Signal(object)
    #: the status text changed; for tests
    state_changed = Signal(str)

    def __init__(self, session: Session, window: QMainWindow, auto_ms: int = AUTO_SYNC_MS) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._epoch = 0
        self._last_result = ""  #: the last sync's result in words (the label's tooltip)
        self.couple_dialog: QDialog | None = None
        self.conflicts_dialog: QDialog | None = None
        self._cancel: threading.Event | None = None
        self._done = threading.Event()
        self._done.set()
        self.action = QAction(self.tr("Synchroniseren"), self)
        self.action.setShortcut(QKeySequence("F5"))
        self.action.setToolTip(
            self.tr("Synchroniseren (F5): wisselen met het kantoor wat gedeeld mag worden")
        )
        self.action.triggered.connect(self.start)
        self.couple_action = QAction(self.tr("Koppelen aan kantoor…"), self)
        self.couple_action.setToolTip(
            self.tr("Dit apparaat koppelen aan het kantoor (adres en code van de beheerder)")
        )
        self.couple_action.triggered.connect(self.couple)
        self.conflicts_action = QAction(self.tr("Conflicten bekijken…"), self)
        self.conflicts_action.triggered.connect(self.show_conflicts)
        self.conflicts_action.setEnabled(False)
        #: whether this device is coupled to an office (None: not known yet)
        self.enrolled: bool | None = None
        self.preview_action = QAction(self.tr("Wat gaat naar het kantoor? (voorbeeld)"), self)
        self.preview_action.setToolTip(
            self.tr("Per casus en categorie precies wat een synchronisatie zou versturen")
        )
        self.preview_action.triggered.connect(lambda: self.show_preview(None))
        self._manual = False
        self.label = QLabel("", window)
        self.label.setObjectName("syncstatus")
        self.bar = QProgressBar(window)
        self.bar.setMaximumWidth(160)
        self.bar.setTextVisible(False)
        self.bar.hide()
        window.statusBar().addPermanentWidget(self.bar)
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(auto_ms)
        self.timer.timeout.connect(self._auto)
        self.progressed.connect(self._on_progress)
        session.unlocked.connect(self._on_unlocked)
        session.about_to_lock.connect(self._on_about_to_lock)
        session.locked.connect(self._on_locked)
        self.action.setEnabled(False)  # known once the sync state is read
        self.couple_action.setEnabled(session.is_unlocked)
        self.preview_action.setEnabled(session.is_unlocked)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    # -- state -----------------------------------------------------------------------

    def _set_state(self, text: str, tooltip: str = "") -> None:
        self.label.setText(text)
        self.label.setToolTip(tooltip)
        self.state_changed.emit(text)

    def _apply(self, info: dict[str, Any]) -> None:
        """Show the state; Synchroniseren only when coupled (else it says why not)."""
        self.enrolled = bool(info.get("enrolled"))
        conflicts = int(info.get("conflicts") or 0)
        self.conflicts_action.setEnabled(conflicts > 0)
        if not self.running:
            self.action.setEnabled(self.enrolled and self._session.is_unlocked)
        self.action.setToolTip(
            self.tr("Synchroniseren (F5): wisselen met het kantoor wat gedeeld mag worden")
            if self.enrolled
            else self.tr(
                "Synchroniseren kan nog niet: dit apparaat is niet gekoppeld aan een kantoor. "
                "Kies eerst Koppelen aan kantoor…"
            )
        )
        self._set_state(self._status_text(info), self._last_result)

    def _status_text(self, info: dict[str, Any]) -> str:
        if not info.get("enrolled"):
            return self.tr(NOT_ENROLLED)
        last = str(info.get("last_sync") or "")
        text = (
            self.tr("Laatst gesynchroniseerd: {when}").format(when=_when(last))
            if last
            else self.tr("Nog niet gesynchroniseerd")
        )
        conflicts = int(info.get("conflicts") or 0)
        if conflicts:
            text += self.tr(" · {n} conflict(en) om te bekijken").format(n=conflicts)
        return text

    def refresh(self) -> None:
        """Read the sync state (on a worker) and show it."""
        epoch = self._epoch
        self._session.query(
            self, sync_ops.status, lambda info: self._apply(info) if epoch == self._epoch else None
        )

    @Slot()
    def couple(self) -> None:
        """ "Koppelen aan kantoor…": the dialog; afterwards the state is read again."""
        from casusregie.ui.dialogs.sync import CoupleDialog

        if not self._session.is_unlocked:
            return
        dialog = CoupleDialog(self._session, self._window)
        dialog.coupled.connect(lambda *_: self.refresh())
        self.couple_dialog = dialog
        dialog.open()

    @Slot()
    def show_conflicts(self) -> None:
        """The conflicts screen (both values, who and when, choose)."""
        from casusregie.ui.dialogs.sync import ConflictsDialog

        if not self._session.is_unlocked:
            return
        dialog = ConflictsDialog(self._session, self._window)
        dialog.finished.connect(lambda _result: self.refresh())
        self.conflicts_dialog = dialog
        dialog.open()

    # -- syncing ---------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        """Start a sync on a worker; returns at once."""
        self._manual = True
        self._run(())

    def _run(self, confirm_deletions: Sequence[str]) -> None:
        store = self._session.store
        if store is None or self.running:
            return
        cancel = threading.Event()
        done = threading.Event()
        self._cancel, self._done = cancel, done
        epoch = self._epoch
        self.action.setEnabled(False)
        self.bar.setRange(0, 0)
        self.bar.show()
        self._set_state(self.tr("Synchroniseren…"))
        confirmed = list(confirm_deletions)

        def work() -> SyncResult:
            try:
                kwargs: dict[str, Any] = {"progress": self.progressed.emit, "cancel": cancel}
                if confirmed:
                    kwargs["confirm_deletions"] = confirmed
                return sync_ops.run_sync(store, **kwargs)
            finally:
                done.set()

        QueryOp(parent=self, op=work, success=lambda result: self._finished(result, epoch)).failure(
            lambda exc: self._failed(exc, epoch)
        ).run_in_background()

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if not self.running:
            return
        if progress.total > 0:
            self.bar.setRange(0, progress.total)
            self.bar.setValue(min(progress.done, progress.total))
        else:
            self.bar.setRange(0, 0)
        self.label.setText(progress.text)

    def _stopped(self) -> None:
        self._cancel = None
        self.bar.hide()
        self.action.setEnabled(self._session.is_unlocked and self.enrolled is not False)

    def _finished(self, result: SyncResult, epoch: int) -> None:
        if epoch != self._epoch:
            return  # locked meanwhile
        self._stopped()
        self._session.announce(result.changes)  # what the pull changed: views refresh
        if result.state == "not_enrolled":
            self.enrolled = False
            self.action.setEnabled(False)
            self._set_state(self.tr(NOT_ENROLLED), result.message)
        elif result.state == "offline":
            self._set_state(self.tr(OFFLINE), result.message)
        elif result.state == "ok":
            self._last_result = self.tr("Laatste keer: {summary}").format(summary=result.summary())
            self.refresh()
            self._window.statusBar().showMessage(result.summary(), 10_000)
        else:
            self._set_state(result.summary() or self.tr("Synchroniseren is niet gelukt"))
        self.finished.emit(result)
        manual, self._manual = self._manual, False
        if result.held and self.confirm_deletions(result.held):
            self._run(list(result.held))
        elif result.unshown and manual:
            self.show_preview(result.unshown)

    # -- preview -----------------------------------------------------------------------

    def show_preview(self, unshown: dict[str, set[str]] | None) -> None:
        """Build the preview on a worker, then show it. With ``unshown`` (from a sync):
        only those cases, and "Delen" records them as shown and syncs again."""
        cases = sorted(unshown) if unshown else None
        self._session.query(
            self,
            lambda store: sync_ops.build_preview(store, case_ids=cases),
            lambda previews: self._preview_ready(previews, unshown is not None),
        )

    def _preview_ready(self, previews: list[CasePreview], then_sync: bool) -> None:
        if self.confirm_preview(previews, then_sync):
            self._session.query(
                self,
                lambda store: sync_ops.record_shown(store, previews),
                lambda _none: self.start() if then_sync else None,
            )

    def confirm_preview(self, previews: list[CasePreview], then_sync: bool) -> bool:
        """Show what would go (tests replace this); True: seen, and share."""
        first = [c.label for p in previews for c in p.categories if c.first_time]
        if then_sync:
            text = self.tr(
                "Deze categorieën gaan voor het eerst naar het kantoor: {cats}. Bekijk wat "
                "er precies gaat (details) voordat u deelt."
            ).format(cats=", ".join(dict.fromkeys(first)) or "-")
        else:
            text = self.tr("Wat een synchronisatie naar het kantoor zou sturen (details).")
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Voorbeeld: wat gaat naar het kantoor?"),
            text,
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        box.setDetailedText(sync_ops.format_preview(previews))
        share = box.addButton(
            self.tr("Delen") if then_sync else self.tr("Gezien"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(self.tr("Nu niet"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is share

    def _failed(self, exc: BaseException, epoch: int) -> None:
        if epoch != self._epoch:
            return
        self._stopped()
        log.error("Synchroniseren mislukt (%s)", type(exc).__name__)
        self._set_state(self.tr("Synchroniseren is niet gelukt"))
        from casusregie.sync import SyncResult

        self.finished.emit(SyncResult(state="error"))

    def confirm_deletions(self, held: dict[str, int]) -> bool:
        """Ask before the office's deletions are applied (tests replace this)."""
        total = sum(held.values())
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Verwijderingen bevestigen"),
            self.tr(
                "Het kantoor wil in {cases} casus(sen) samen {n} gegevens verwijderen. "
                "Dat is veel in één keer. Doorgaan met verwijderen?"
            ).format(cases=len(held), n=total),
            QMessageBox.StandardButton.NoButton,
            self._window,
        )
        yes = box.addButton(self.tr("Verwijderen"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Nu niet"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes

    # -- automatic ---------------------------------------------------------------------

    @Slot()
    def _auto(self) -> None:
        if self.running or not self._session.is_unlocked:
            return

        def reachable(store: Store) -> bool:
            return bool(sync_ops.status(store)["enrolled"]) and sync_ops.office_reachable(store)

        epoch = self._epoch
        self._session.query(
            self,
            reachable,
            lambda ok: self.start() if ok and epoch == self._epoch else None,
            lambda _exc: None,
        )

    # -- locking -----------------------------------------------------------------------

    @Slot()
    def _on_unlocked(self) -> None:
        self.couple_action.setEnabled(True)
        self.preview_action.setEnabled(True)
        self.timer.start()
        self.refresh()

    @Slot()
    def _on_about_to_lock(self) -> None:
        """Cancel a running sync and let it stop before the store closes."""
        self.timer.stop()
        if self._cancel is not None:
            self._cancel.set()
            if not self._done.wait(CANCEL_WAIT_S):
                log.error("Synchroniseren stopte niet op tijd bij vergrendelen")

    @Slot()
    def _on_locked(self) -> None:
        self._epoch += 1
        self.timer.stop()
        self._stopped()
        self.action.setEnabled(False)
        self.couple_action.setEnabled(False)
        self.conflicts_action.setEnabled(False)
        self.enrolled = None
        self._last_result = ""
        for dialog in (self.couple_dialog, self.conflicts_dialog):
            if dialog is not None:
                dialog.close()
        self.couple_dialog = self.conflicts_dialog = None
        self.preview_action.setEnabled(False)
        self._set_state("")
