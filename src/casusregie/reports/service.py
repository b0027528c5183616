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
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from casusregie.domain.copies import CopySpec, UnknownPart, copy_spec
from casusregie.domain.errors import CasusregieError, NotFound
from casusregie.domain.family_plan import PlanVersion, plan_version
from casusregie.domain.hlc import HLC
from casusregie.domain.model import CaseFile
from casusregie.reports.base import build
from casusregie.reports.case_file import dossier_pdf, handover_pdf
from casusregie.reports.safety_plan import plan_copy, recipient_name
from casusregie.reports.shared_overview import shared_overview_pdf
from casusregie.store.database import Store
from casusregie.store.files import write_whole
from casusregie.store.syncstate import SyncState
from casusregie.templates import TemplateSet, load_templates

__all__ = [
    "Channel",
    "Kind",
    "Report",
    "ReportError",
    "log_report",
    "make_report",
    "office_name",
    "page_count",
    "plan_version_of",
    "save_report",
    "spec_for",
]


class ReportError(CasusregieError):
    exit_code = 2


class Kind(StrEnum):
    VEILIGHEIDSPLAN = "veiligheidsplan"
    DOSSIER = "dossier"
    OVERDRACHT = "overdracht"
    GEDEELD = "gedeeld"
    #: worksheets for a conversation with a child (``reports.worksheets``)
    DRIE_HUIZEN = "drie-huizen"
    WOORDEN_EN_PLAATJES = "woorden-en-plaatjes"


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
    #: for a copy made for one reader: its kind and what the regisseur widened
    note: str = ""
    #: what the regisseur should know before it goes out (the plan is out of date)
    warnings: tuple[str, ...] = ()

    def logged_what(self, channel: Channel) -> str:
        """'Veiligheidsplan (afdruk voor Mark de Vries; exemplaar voor gezinslid)'."""
        note = f"; {self.note}" if self.note else ""
        return f"{self.what} ({channel.value} voor {self.recipient}{note})"


def plan_version_of(store: Store, cf: CaseFile) -> PlanVersion | None:
    """The plan's version: each day on which one of its answers changed is one."""
    days: set[dt.date] = set()
    for entity in [*cf.forms, *cf.items]:
        if entity.template != "veiligheidsplan":
            continue
        for change in store.history(entity.ENTITY_TYPE, entity.id):
            millis = HLC.decode(change.hlc).millis
            days.add(dt.datetime.fromtimestamp(millis / 1000, dt.UTC).astimezone().date())
    return plan_version(days)


def office_name(store: Store) -> str:
    """The office this device is enrolled with, by the name it gave; '' if none."""
    try:
        return SyncState(store).meta("office_name") or ""
    except Exception:  # a store without sync tables yet: no office
        return ""


def spec_for(
    store: Store,
    case_id: str,
    for_person: str | None,
    *,
    as_kind: str | None = None,
    widen: Iterable[str] = (),
    released: Iterable[str] = (),
    today: dt.date | None = None,
) -> CopySpec:
    """The copy of the family plan for ``for_person`` as the regisseur asked for it."""
    try:
        cf = store.load_case(case_id)
    except NotFound:
        raise ReportError(f"Casus {case_id} bestaat niet.") from None
    if for_person is not None and cf.person(for_person) is None:
        raise ReportError("Deze persoon hoort niet bij de casus.")
    try:
        return copy_spec(cf, for_person, kind=as_kind, widen=widen, released=released, today=today)
    except UnknownPart as exc:
        raise ReportError(f"Onbekend onderdeel om extra te delen: {exc}.") from None
    except ValueError:
        raise ReportError("Onbekende soort ontvanger.") from None


def make_report(
    store: Store,
    kind: Kind | str,
    case_id: str,
    for_person: str | None = None,
    *,
    recipient: str | None = None,
    templates: TemplateSet | None = None,
    today: dt.date | None = None,
    spec: CopySpec | None = None,
) -> Report:
    """Build one report in memory. ``for_person`` (a person id) is for the family's
    documents (veiligheidsplan, gedeeld); ``recipient`` names who gets a case file;
    ``spec`` is the copy of the veiligheidsplan as the regisseur set it (``spec_for``),
    by default the least for ``for_person``'s kind."""
    kind = Kind(kind)
    try:
        cf = store.load_case(case_id)
    except NotFound:
        raise ReportError(f"Casus {case_id} bestaat niet.") from None
    if for_person is not None and cf.person(for_person) is None:
        raise ReportError("Deze persoon hoort niet bij de casus.")
    templates = templates or load_templates()
    note = ""
    warnings: tuple[str, ...] = ()
    if kind is Kind.VEILIGHEIDSPLAN:
        spec = spec or copy_spec(cf, for_person, today=today)
        copy = plan_copy(cf, spec, today, plan_version_of(store, cf))
        warnings = tuple(copy.warnings)
        pdf = build(copy.story, copy.meta)
        who = recipient or recipient_name(cf, spec.for_person)
        note = spec.log_note() if spec.for_person is not None or spec.widened else ""
    elif kind is Kind.GEDEELD:
        pdf = shared_overview_pdf(
            cf, store.disclosures(case_id), for_person, today, office=office_name(store)
        )
        who = recipient or recipient_name(cf, for_person)
    elif kind is Kind.DOSSIER:
        pdf = dossier_pdf(cf, templates, today)
        who = recipient or _DEFAULT_RECIPIENT[kind]
    else:
        pdf = handover_pdf(cf, templates, today)
        who = recipient or _DEFAULT_RECIPIENT[kind]
    what, basis, purpose = _LOG[kind]
    return Report(kind, case_id, pdf, who, what, basis, purpose, page_count(pdf), note, warnings)


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
    write_whole(path, report.pdf)
    log_report(store, report, Channel.PDF)
    return path
