"""The first-run page: make a profile (name and passphrase) on this computer.

The passphrase is asked twice; the page shows its strength as you type. Creating the
profile (key derivation, a new encrypted database) runs through an operation; when it
is done the session is opened with the new store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.store.passphrase import MIN_PASSPHRASE, Strength, strength
from casusregie.ui.operations import QueryOp, user_message
from casusregie.ui.ops.profile import create_profile
from casusregie.ui.session import Session
from casusregie.ui.widgets import busy_bar, centered, error_label, heading, hint_label

if TYPE_CHECKING:
    from casusregie.store.database import Store
    from casusregie.store.keyfile import KdfParams

__all__ = ["FirstRunPage"]


class FirstRunPage(QWidget):
    def __init__(
        self,
        session: Session,
        kdf: KdfParams | None = None,
        use_keyring: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._kdf = kdf
        self._use_keyring = use_keyring
        self._setup_ui()

    def _setup_ui(self) -> None:
        card = QWidget(self)
        box = QVBoxLayout(card)
        box.addWidget(heading(self.tr("Welkom bij Casusregie"), parent=card))
        box.addWidget(
            hint_label(
                self.tr(
                    "Maak eerst uw profiel op deze computer. Alles wat u invult, wordt versleuteld "
                    "opgeslagen. Alleen met uw wachtwoord gaat het weer open. Kies een wachtwoord "
                    "dat u kunt onthouden, bijvoorbeeld een korte zin. Schrijf het niet op bij de "
                    "laptop."
                ),
                card,
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit(card)
        self.name_edit.setPlaceholderText(self.tr("Zoals die in de historie komt"))
        self.passphrase_edit = QLineEdit(card)
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit(card)
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar(card)
        self.strength_bar.setRange(0, int(Strength.STRONG))
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(10)
        self.strength_label = hint_label("", card)
        self.strength_bar.setAccessibleName(self.tr("Sterkte van het wachtwoord"))
        form.addRow(self.tr("Uw naam"), self.name_edit)
        form.addRow(self.tr("Wachtwoord"), self.passphrase_edit)
        form.addRow(self.tr("Nog een keer"), self.repeat_edit)
        form.addRow(self.tr("Sterkte"), self.strength_bar)
        form.addRow("", self.strength_label)
        box.addLayout(form)
        self.error = error_label(card)
        box.addWidget(self.error)
        self.busy = busy_bar(card)
        box.addWidget(self.busy)
        self.create_button = QPushButton(self.tr("Profiel maken"), card)
        self.create_button.setDefault(True)
        box.addWidget(self.create_button)
        centered(self, card)

        self.passphrase_edit.textChanged.connect(self._update)
        self.repeat_edit.textChanged.connect(self._update)
        self.repeat_edit.returnPressed.connect(self._create)
        self.create_button.clicked.connect(self._create)
        self._update()

    def _strength_text(self, level: Strength) -> str:
        return {
            Strength.TOO_SHORT: self.tr("Te kort: gebruik minstens {n} tekens.").format(
                n=MIN_PASSPHRASE
            ),
            Strength.WEAK: self.tr(
                "Zwak: maak het langer of gebruik ook hoofdletters, cijfers of leestekens."
            ),
            Strength.FAIR: self.tr("Redelijk: nog iets langer maakt het sterker."),
            Strength.STRONG: self.tr("Sterk."),
        }[level]

    @Slot()
    def _update(self) -> None:
        first, second = self.passphrase_edit.text(), self.repeat_edit.text()
        level = strength(first)
        self.strength_bar.setValue(int(level))
        self.strength_label.setText(self._strength_text(level) if first else "")
        same = first == second
        self._show_error(
            "" if same or not second else self.tr("De twee wachtwoorden zijn niet gelijk.")
        )
        self.create_button.setEnabled(level > Strength.TOO_SHORT and same)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.name_edit, self.passphrase_edit, self.repeat_edit, self.create_button):
            widget.setEnabled(not busy)
        if not busy:
            self._update()

    @Slot()
    def _create(self) -> None:
        if not self.create_button.isEnabled() or self._session.profile is None:
            return
        profile, passphrase = self._session.profile, self.passphrase_edit.text()
        author, kdf, keyring = self.name_edit.text().strip(), self._kdf, self._use_keyring
        self._set_busy(True)
        QueryOp(
            parent=self,
            op=lambda: create_profile(profile, passphrase, author, kdf, keyring),
            success=self._created,
        ).failure(self._failed).run_in_background()

    def _created(self, store: Store) -> None:
        self.clear()
        self._set_busy(False)
        self._session.open(store)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self._show_error(user_message(exc))

    def clear(self) -> None:
        for edit in (self.passphrase_edit, self.repeat_edit):
            edit.setText("")
        self._update()
