"""Print and PDF for the open case: veiligheidsplan, 'wat is er gedeeld', dossier, overdracht.

One menu action per document opens ``ReportDialog``: for the family's documents it asks
whose copy it is ("niet delen met ..." is applied for that person), then the user picks
"Afdrukken…" or "Opslaan als PDF…". A copy of the veiligheidsplan is then shown as it
will go out ("wat ziet X?", ``dialogs.copy.CopyPreviewDialog``): the regisseur may widen
it or release a hidden part, or stop. The PDF is built on a worker (``Session.query``);
printing renders that same PDF from memory (``printing.print_pdf``); saving writes it
only where the user chose. Either way one line goes to the disclosure log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from casusregie.ui.operations import show_failure
from casusregie.ui.session import Session

if TYPE_CHECKING:
    from casusregie.domain.copies import CopySpec
    from casusregie.domain.model import CaseFile
    from casusregie.reports.service import Report

__all__ = ["Choice", "ReportActions", "ReportDialog"]

# ReportLab is imported when a report is made, not when the window opens (start time).
VEILIGHEIDSPLAN, GEDEELD, DOSSIER, OVERDRACHT = (
    "veiligheidsplan",
    "gedeeld",
    "dossier",
    "overdracht",
)
PDF, AFDRUK = "PDF", "afdruk"

TITLES = {
    VEILIGHEIDSPLAN: "Veiligheidsplan voor het gezin",
    GEDEELD: "Wat is er over ons gedeeld? (voor het gezin)",
    DOSSIER: "Dossier (alle onderdelen)",
    OVERDRACHT: "Overdrachtsdossier",
}
PER_PERSON = (VEILIGHEIDSPLAN, GEDEELD)
#: suggested file names: no family name in them (a file list is seen by others)
FILE_NAMES = {
    VEILIGHEIDSPLAN: "Veiligheidsplan.pdf",
    GEDEELD: "Wat is er gedeeld.pdf",
    DOSSIER: "Dossier.pdf",
    OVERDRACHT: "Overdracht.pdf",
    "drie-huizen": "De drie huizen.pdf",
    "woorden-en-plaatjes": "Woorden en plaatjes.pdf",
}


@dataclass(frozen=True)
class Choice:
    for_person: str | None
    channel: str


class ReportDialog(QDialog):
    """Whose copy, and print or PDF. Use ``ask()``; tests replace it."""

    def __init__(self, kind: str, cf: CaseFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._channel = PDF
        self.setWindowTitle(self.tr(TITLES[kind]))
        self._setup_ui(kind, cf)

    def _setup_ui(self, kind: str, cf: CaseFile) -> None:
        from casusregie.domain.model import Role

        box = QVBoxLayout(self)
        self.person = QComboBox(self)
        self.person.addItem(self.tr("Het hele gezin (samen één exemplaar)"), None)
        for p in cf.persons:
            if p.name and not p.deceased:
                self.person.addItem(f"{p.name} ({Role.label_of(p.role).lower()})", p.id)
        if kind in PER_PERSON:
            box.addWidget(QLabel(self.tr("Voor wie is dit exemplaar?"), self))
            box.addWidget(self.person)
            hint = QLabel(
                self.tr(
                    "Wat gemarkeerd is met 'niet delen met' deze persoon, staat er niet in. "
                    "Het exemplaar voor het hele gezin laat alles weg wat voor iemand "
                    "niet bestemd is."
                ),
                self,
            )
            hint.setWordWrap(True)
            box.addWidget(hint)
        else:
            self.person.hide()
        self.print_button = QPushButton(self.tr("Afdrukken…"), self)
        self.pdf_button = QPushButton(self.tr("Opslaan als PDF…"), self)
        cancel = QPushButton(self.tr("Annuleren"), self)
        for button in (self.print_button, self.pdf_button, cancel):
            box.addWidget(button)
        self.print_button.clicked.connect(lambda: self._done(AFDRUK))
        self.pdf_button.clicked.connect(lambda: self._done(PDF))
        cancel.clicked.connect(self.reject)

    def _done(self, channel: str) -> None:
        self._channel = channel
        self.accept()

    def choice(self) -> Choice:
        return Choice(self.person.currentData(), self._channel)

    @classmethod
    def ask(cls, kind: str, cf: CaseFile, parent: QWidget | None) -> Choice | None:
        dialog = cls(kind, cf, parent)
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class ReportActions(QObject):
    """The 'Afdrukken' menu of the main window, for the case on screen."""

    #: a report was printed or saved (its Dutch description); for tests and the status bar
    done = Signal(str)

    def __init__(
        self, session: Session, window: QMainWindow, case_id: Callable[[], str | None]
    ) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self._case_id = case_id  # the case on screen, if any
        self.menu = QMenu(self.tr("&Afdrukken"), window)
        self.actions: dict[str, QAction] = {}
        for kind in TITLES:
            action = QAction(self.tr(TITLES[kind]) + "…", self)
            action.triggered.connect(lambda _=False, k=kind: self.start(k))
            self.menu.addAction(action)
            self.actions[kind] = action
        self.actions[VEILIGHEIDSPLAN].setShortcut(QKeySequence(QKeySequence.StandardKey.Print))

    def set_enabled(self, enabled: bool) -> None:
        for action in self.actions.values():
            action.setEnabled(enabled)

    def start(self, kind: str) -> None:
        from casusregie.ui.ops.case import load_case  # the domain model: not at start

        case_id = self._case_id()
        if not case_id:
            return
        self._session.query(
            self, lambda store: load_case(store, case_id), lambda cf: self._chosen(kind, cf)
        )

    def _chosen(self, kind: str, cf: CaseFile) -> None:
        choice = ReportDialog.ask(kind, cf, self._window)
        if choice is None:
            return
        spec = None
        if kind == VEILIGHEIDSPLAN:
            spec = self.preview_copy(cf, choice.for_person)
            if spec is None:
                return
        from casusregie.reports.service import make_report

        case_id = cf.case.id
        self._busy(self.tr("Het document wordt gemaakt…"))
        self._session.query(
            self,
            lambda store: make_report(store, kind, case_id, choice.for_person, spec=spec),
            lambda report: self._made(report, choice.channel),
            self._failed,
        )

    def _made(self, report: Report, channel: str) -> None:
        self._busy("")
        self._deliver(report, channel)

    def _failed(self, exc: BaseException) -> None:
        self._busy("")
        show_failure(self._window, exc)

    def _busy(self, text: str) -> None:
        """A long report is made on a worker: the status bar says so meanwhile."""
        bar = self._window.statusBar()
        if text:
            bar.showMessage(text)
        else:
            bar.clearMessage()

    def deliver(self, report: Report, channel: str) -> None:
        """Print (``AFDRUK``) or save (``PDF``) a report made elsewhere (a child's
        worksheet), and log it, as every report of this menu."""
        self._deliver(report, channel)

    def _deliver(self, report: Report, channel: str) -> None:
        from casusregie.reports.service import Channel, log_report, save_report

        if channel == PDF:
            path = self.save_path(report)
            if path is None:
                return
            self._session.query(
                self,
                lambda store: save_report(store, report, path),
                lambda _path: self.done.emit(report.logged_what(Channel.PDF)),
            )
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not self.confirm_printer(printer):
            return
        progress = QProgressDialog(self.tr("Afdrukken…"), self.tr("Verbergen"), 0, 0, self._window)
        progress.setWindowTitle(self.tr("Afdrukken"))
        progress.setMinimumDuration(0)

        def step(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)
            progress.setLabelText(
                self.tr("Bladzijde {done} van {total}").format(done=done, total=total)
            )
            QCoreApplication.processEvents()  # the window keeps answering between pages

        from casusregie.ui.actions.printing import print_pdf

        try:
            print_pdf(report.pdf, printer, step)
        except Exception as exc:
            progress.close()
            show_failure(self._window, exc)
            return
        progress.close()
        self._session.query(
            self,
            lambda store: log_report(store, report, Channel.AFDRUK),
            lambda _none: self.done.emit(report.logged_what(Channel.AFDRUK)),
        )

    # -- the modal questions (tests replace these) --------------------------------------

    def preview_copy(self, cf: CaseFile, for_person: str | None) -> CopySpec | None:
        from casusregie.ui.dialogs.copy import CopyPreviewDialog

        return CopyPreviewDialog.ask(cf, for_person, self._window)

    def save_path(self, report: Report) -> Path | None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = FILE_NAMES[report.kind]
        path, _ = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Opslaan als PDF"),
            str(Path(folder) / name),
            self.tr("PDF-bestanden (*.pdf)"),
        )
        if not path:
            return None
        return Path(path if path.lower().endswith(".pdf") else path + ".pdf")

    def confirm_printer(self, printer: QPrinter) -> bool:
        dialog = QPrintDialog(printer, self._window)
        dialog.setWindowTitle(self.tr("Afdrukken"))
        return dialog.exec() == QDialog.DialogCode.Accepted
