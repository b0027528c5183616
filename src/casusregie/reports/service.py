"""Making a report from the store, and writing down that it left the app.

``make_report(store, kind, case_id, for_person)`` reads the case and returns a
``Report``: the PDF bytes (in memory) and what the disclosure log must say about it.
``save_report`` writes the bytes to the file the user chose (via a ``.deel`` file in the
same folder, then renamed: never a shared temp folder) and logs it; a print is logged
with ``log_report`` once the printer has it. Every print and export is in the case's
disclosure log: what, for whom, on which basis, why, when and by whom.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from casusregie.domain.errors import CasusregieError, DiskFull, NotFound
from casusregie.reports.case_file import dossier_pdf, handover_pdf
from casusregie.reports.safety_plan import recipient_name, safety_plan_pdf
from casusregie.reports.shared_overview import shared_overview_pdf
from casusregie.store.database import Store
from casusregie.templates import TemplateSet, load_templates

__all__ = [
    "Channel",
    "Kind",
    "Report",
    "ReportError",
    "log_report",
    "make_report",
    "page_count",
    "save_report",
]


class ReportError(CasusregieError):
    exit_code = 2


class Kind(StrEnum):
    VEILIGHEIDSPLAN = "veiligheidsplan"
    DOSSIER = "dossier"
    OVERDRACHT = "overdracht"
    GEDEELD = "gedeeld"


class Channel(StrEnum):
    PDF = "PDF"
    AFDRUK = "afdruk"


#: kind -> (what, basis, purpose) for the disclosure log
_LOG = {
    Kind.VEILIGHEIDSPLAN: (
        "Veiligheidsplan",
        "Uitvoering van het plan met het gezin",
        "Het gezin weet wat er is afgesproken",
    ),
    Kind.DOSSIER: (
        "Dossier (alle onderdelen)",
        "Eigen dossier van de regisseur",
        "Dossiervorming",
    ),
    Kind.OVERDRACHT: (
        "Overdrachtsdossier (schone overdracht)",
        "Overdracht van de regie",
        "De opvolger kan verder zonder opnieuw te beginnen",
    ),
    Kind.GEDEELD: (
        "Overzicht 'Wat is er over ons gedeeld?'",
        "Recht op inzage van het gezin",
        "Het gezin ziet wat er over hen is gedeeld",
    ),
}
_DEFAULT_RECIPIENT = {
    Kind.DOSSIER: "de regisseur zelf",
    Kind.OVERDRACHT: "opvolgend regisseur",
}


@dataclass(frozen=True)
class Report:
    kind: Kind
    case_id: str
    pdf: bytes
    recipient: str
    what: str
    basis: str
    purpose: str
    pages: int = 0

    def logged_what(self, channel: Channel) -> str:
        """'Veiligheidsplan (afdruk voor Mark de Vries)'."""
        return f"{self.what} ({channel.value} voor {self.recipient})"


def make_report(
    store: Store,
    kind: Kind | str,
    case_id: str,
    for_person: str | None = None,
    *,
    recipient: str | None = None,
    templates: TemplateSet | None = None,
    today: dt.date | None = None,
) -> Report:
    """Build one report in memory. ``for_person`` (a person id) is for the family's
    documents (veiligheidsplan, gedeeld); ``recipient`` names who gets a case file."""
    kind = Kind(kind)
    try:
        cf = store.load_case(case_id)
    except NotFound:
        raise ReportError(f"Casus {case_id} bestaat niet.") from None
    if for_person is not None and cf.person(for_person) is None:
        raise ReportError("Deze persoon hoort niet bij de casus.")
    templates = templates or load_templates()
    if kind is Kind.VEILIGHEIDSPLAN:
        pdf = safety_plan_pdf(cf, for_person, today)
        who = recipient or recipient_name(cf, for_person)
    elif kind is Kind.GEDEELD:
        pdf = shared_overview_pdf(cf, store.disclosures(case_id), for_person, today)
        who = recipient or recipient_name(cf, for_person)
    elif kind is Kind.DOSSIER:
        pdf = dossier_pdf(cf, templates, today)
        who = recipient or _DEFAULT_RECIPIENT[kind]
    else:
        pdf = handover_pdf(cf, templates, today)
        who = recipient or _DEFAULT_RECIPIENT[kind]
    what, basis, purpose = _LOG[kind]
    return Report(kind, case_id, pdf, who, what, basis, purpose, page_count(pdf))


def page_count(pdf: bytes) -> int:
    """Pages in a PDF that ReportLab wrote (its page objects are uncompressed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def log_report(store: Store, report: Report, channel: Channel) -> None:
    """Append the print or file to the case's disclosure log (one transaction)."""
    with store.write(f"{report.what} ({channel.value})") as tx:
        tx.log_disclosure(
            report.case_id,
            report.logged_what(channel),
            report.recipient,
            report.basis,
            report.purpose,
        )


def save_report(store: Store, report: Report, path: Path) -> Path:
    """Write the PDF where the user asked, then log it. Returns the path written."""
    _write_file(path, report.pdf)
    log_report(store, report, Channel.PDF)
    return path


def _write_file(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".deel")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise DiskFull("De schijf is vol; het bestand is niet geschreven.") from None
        raise ReportError(f"Kan {path} niet schrijven.") from None
