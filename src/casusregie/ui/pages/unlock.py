"""The unlock page: the passphrase (or the OS keyring) opens the store.

After a wrong passphrase the profile makes the next try wait longer each time; the
page shows that wait as a countdown and keeps the button disabled until it has passed.
Key derivation runs through an operation, with a busy bar meanwhile.
"""

from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from casusregie.domain.errors import WrongPassphrase
from casusregie.store.demo import DEMO_PASSPHRASE
from casusregie.ui.operations import QueryOp, user_message
from casusregie.ui.ops.profile import keyring_available, unlock, unlock_wait, unlock_with_keyring
from casusregie.ui.session import Session
from casusregie.ui.widgets import busy_bar, centered, error_label, heading, hint_label

if TYPE_CHECKING:
    from casusregie.store.database import Store

__all__ = ["UnlockPage"]


class UnlockPage(QWidget):
    #: the passphrase may be typed and tried (the wait is known); once per refresh
    ready = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._ready_at = 0.0  # time.monotonic() when a new try is allowed
        self._busy = False
        self._state_known = False  # until the profile said how long to wait
        self._tick = QTimer(self)
        self._tick.setInterval(250)
        self._tick.timeout.connect(self._update_wait)
        self._setup_ui()

    def _setup_ui(self) -> None:
        card = QWidget(self)
        box = QVBoxLayout(card)
        box.addWidget(heading(self.tr("Casusregie is vergrendeld"), parent=card))
        self.note = hint_label("", card)
        self.note.setVisible(False)
        box.addWidget(self.note)
        box.addWidget(hint_label(self.tr("Typ uw wachtwoord om uw casussen te openen."), card))
        self.demo_hint = hint_label(
            self.tr("Demo: het wachtwoord is {passphrase}").format(passphrase=DEMO_PASSPHRASE), card
        )
        self.demo_hint.setStyleSheet("color: #1f3f7a; font-weight: bold;")
        self.demo_hint.setVisible(self._session.demo)
        box.addWidget(self.demo_hint)
        row = QHBoxLayout()
        self.passphrase_edit = QLineEdit(card)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("Wachtwoord"))
        self.passphrase_edit.setAccessibleName(self.tr("Wachtwoord"))
        self.unlock_button = QPushButton(self.tr("Ontgrendelen"), card)
        self.unlock_button.setDefault(True)
        row.addWidget(self.passphrase_edit, 1)
        row.addWidget(self.unlock_button)
        box.addLayout(row)
        self.keyring_button = QPushButton(
            self.tr("Ontgrendelen met de sleutelbos van de computer"), card
        )
        self.keyring_button.setVisible(False)
        box.addWidget(self.keyring_button)
        self.busy = busy_bar(card)
        box.addWidget(self.busy)
        self.error = error_label(card)
        box.addWidget(self.error)
        self.wait_label = hint_label("", card)
        self.wait_label.setVisible(False)
        box.addWidget(self.wait_label)
        centered(self, card)

        self.passphrase_edit.returnPressed.connect(self.submit)
        self.unlock_button.clicked.connect(self.submit)
        self.keyring_button.clicked.connect(self.submit_keyring)

    # -- state -----------------------------------------------------------------

    def refresh(self) -> None:
        """Ask the profile how long to wait (off-thread), then whether a keyring exists:
        the button waits only for the first, a quick file read."""
        self.passphrase_edit.setFocus()
        profile = self._session.profile
        if profile is None:
            return
        self._state_known = False
        self._update_wait()
        QueryOp(parent=self, op=lambda: unlock_wait(profile), success=self._got_wait).failure(
            self._failed
        ).run_in_background()

    def _got_wait(self, wait: float) -> None:
        self._ready_at = time.monotonic() + wait
        self._state_known = True
        self._update_wait()
        self.ready.emit()
        QueryOp(parent=self, op=keyring_available, success=self.keyring_button.setVisible).failure(
            lambda _exc: self.keyring_button.setVisible(False)
        ).run_in_background()

    def seconds_to_wait(self) -> float:
        return max(0.0, self._ready_at - time.monotonic())

    @Slot()
    def _update_wait(self) -> None:
        left = self.seconds_to_wait()
        if left > 0:
            seconds = math.ceil(left)
            self.wait_label.setText(
                self.tr("U kunt het over 1 seconde opnieuw proberen.")
                if seconds == 1
                else self.tr("U kunt het over {n} seconden opnieuw proberen.").format(n=seconds)
            )
            if not self._tick.isActive():
                self._tick.start()
        else:
            self._tick.stop()
        self.wait_label.setVisible(left > 0)
        self.unlock_button.setEnabled(self._state_known and left <= 0 and not self._busy)
        self.keyring_button.setEnabled(not self._busy)
        self.passphrase_edit.setEnabled(not self._busy)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        self._update_wait()
        if not busy:
            self.passphrase_edit.setFocus()

    # -- unlocking -------------------------------------------------------------

    @Slot()
    def submit(self) -> None:
        profile = self._session.profile
        passphrase = self.passphrase_edit.text()
        if not self.unlock_button.isEnabled() or profile is None or not passphrase:
            return
        self.passphrase_edit.setText("")
        self._show_error("")
        self._set_busy(True)
        QueryOp(
            parent=self, op=lambda: unlock(profile, passphrase), success=self._unlocked
        ).failure(self._failed).run_in_background()

    @Slot()
    def submit_keyring(self) -> None:
        profile = self._session.profile
        if self._busy or profile is None:
            return
        self._show_error("")
        self._set_busy(True)
        QueryOp(
            parent=self, op=lambda: unlock_with_keyring(profile), success=self._unlocked
        ).failure(self._failed).run_in_background()

    def _unlocked(self, store: Store | None) -> None:
        self._set_busy(False)
        if store is None:
            self._show_error(
                self.tr(
                    "In de sleutelbos van de computer staat geen sleutel "
                    "voor dit profiel. Gebruik uw wachtwoord."
                )
            )
            return
        self._session.open(store)

    def _failed(self, exc: BaseException) -> None:
        self._state_known = False  # the profile now asks for a longer wait
        self._set_busy(False)
        if isinstance(exc, WrongPassphrase):
            # The store's message also names the wait; here a live countdown does that.
            self._show_error(
                self.tr("Het wachtwoord klopt niet. Let op hoofdletters, spaties en leestekens.")
            )
        else:
            self._show_error(user_message(exc))
        self.refresh()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_note(self, text: str) -> None:
        """Why the app is locked (after idle time, on suspend); empty hides it."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def clear(self) -> None:
        self.passphrase_edit.setText("")
        self._show_error("")
