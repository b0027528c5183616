"""Printing through Qt: the same ReportLab PDF, rendered from memory by QtPdf.

Proves: ``print_pdf`` puts every page (or the chosen range) on a ``QPrinter`` (here
one that writes a PDF to a file the user chose, in tmp_path), and no file appears in
the temp folder while it prints; from the main window, the 'Afdrukken' menu saves the
veiligheidsplan for one person where the user chose and prints it, and both land in the
case's disclosure log.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from casusregie.domain.copies import CopySpec, copy_spec
from casusregie.domain.model import CaseFile
from casusregie.reports.safety_plan import safety_plan_pdf
from casusregie.store.profile import Profile
from casusregie.ui.actions import report as report_actions
from casusregie.ui.actions.printing import print_pdf


@pytest.fixture(scope="module")
def pdf(case_doc: dict[str, Any]) -> bytes:
    from casusregie.domain.caseformat import from_document

    return safety_plan_pdf(from_document(case_doc))


def _file_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_every_page_is_printed_and_nothing_lands_in_temp(
    qtbot: Any, tmp_path: Path, pdf: bytes
) -> None:
    expected = len(PdfReader(io.BytesIO(pdf)).pages)
    before = set(os.listdir(tempfile.gettempdir()))
    out = tmp_path / "afdruk.pdf"
    printed = print_pdf(pdf, _file_printer(out))
    after = set(os.listdir(tempfile.gettempdir()))
    assert printed == expected
    assert after == before
    assert len(PdfReader(out).pages) == expected


def test_a_page_range(qtbot: Any, tmp_path: Path, pdf: bytes) -> None:
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    printer = _file_printer(tmp_path / "blz2.pdf")
    printer.setFromTo(2, 2)
    assert print_pdf(pdf, printer) == 1
    assert len(PdfReader(tmp_path / "blz2.pdf").pages) == 1


def test_garbage_is_refused_in_dutch(qtbot: Any, tmp_path: Path) -> None:
    from casusregie.ui.actions.printing import PrintFailed

    with pytest.raises(PrintFailed, match="voorbereid"):
        print_pdf(b"geen pdf", _file_printer(tmp_path / "x.pdf"))


def test_menu_saves_and_prints_and_logs(
    qtbot: Any,
    profile: Profile,
    make_window: Callable[..., Any],
    unlock: Callable[..., None],
    open_case: Callable[..., None],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    case_doc: dict[str, Any],
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    person = case_doc["persons"][0]
    channel = {"value": "PDF"}

    def ask(kind: str, cf: CaseFile, parent: object) -> report_actions.Choice:
        return report_actions.Choice(person["id"], channel["value"])

    saved = tmp_path / "gekozen" / "plan.pdf"
    saved.parent.mkdir()
    printed = tmp_path / "printer.pdf"
    monkeypatch.setattr(report_actions.ReportDialog, "ask", staticmethod(ask))
    monkeypatch.setattr(report_actions.ReportActions, "save_path", lambda self, r: saved)
    previewed: list[str | None] = []

    def preview_copy(self: object, cf: CaseFile, for_person: str | None) -> CopySpec:
        previewed.append(for_person)  # "wat ziet X?" comes before anything goes out
        return copy_spec(cf, for_person, widen=["zorgen"])

    monkeypatch.setattr(report_actions.ReportActions, "preview_copy", preview_copy)

    def confirm(self: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(report_actions.ReportActions, "confirm_printer", confirm)
    actions = window.reports
    assert actions.actions["veiligheidsplan"].isEnabled()

    with qtbot.waitSignal(actions.done, timeout=20_000) as blocker:
        actions.actions["veiligheidsplan"].trigger()
    assert blocker.args[0].startswith("Veiligheidsplan (PDF voor ")
    assert saved.exists() and "Ons veiligheidsplan" in (PdfReader(saved).pages[0].extract_text())

    channel["value"] = "afdruk"
    with qtbot.waitSignal(actions.done, timeout=20_000) as blocker:
        actions.actions["veiligheidsplan"].trigger()
    assert blocker.args[0].startswith("Veiligheidsplan (afdruk voor ")
    assert len(PdfReader(printed).pages) == len(PdfReader(saved).pages)

    store = window.session.store
    log = store.disclosures(case_doc["case"]["id"])
    assert [d.what.split(" voor ")[0] for d in log] == [
        "Veiligheidsplan (PDF",
        "Veiligheidsplan (afdruk",
    ]
    assert {d.recipient for d in log} == {person["name"]}
    assert previewed == [person["id"], person["id"]]


def test_menu_is_off_without_a_case(
    qtbot: Any, profile: Profile, make_window: Callable[..., Any], unlock: Callable[..., None]
) -> None:
    window = make_window(profile)
    unlock(window)
    assert not window.reports.actions["veiligheidsplan"].isEnabled()
