"""The worksheets for a conversation with a child, as a ``Report`` to print or save.

``make_worksheet(store, kind, case_id, child_id, talk_id=None, for_person=None)``:

- empty (no ``talk_id``): the sheet with the child's name, to use at the kitchen table;
- filled from one recorded conversation (``talk_id``): what the child said and drew.
  What a child told is the child's (``domain.child_talks``): the filled sheet is for
  the child or for the regisseur's own file. For anyone else (a parent, a grandmother)
  only when the child agreed that this person sees it (``child_agreed``), and that
  agreement is what the disclosure log records as the basis.

Every sheet that leaves the app is in the case's disclosure log (``service.log_report``).
"""

from __future__ import annotations

from casusregie.domain.child_talks import ChildTalk, drawings_of
from casusregie.domain.errors import NotFound
from casusregie.domain.model import CaseFile, Person, Role
from casusregie.reports.child_sheets import first_name, three_houses_pdf, words_pictures_pdf
from casusregie.reports.service import Kind, Report, ReportError, page_count
from casusregie.store.database import Store

__all__ = ["SHEETS", "make_worksheet", "talk_on"]

#: kind -> the sheet's name in the disclosure log
SHEETS = {Kind.DRIE_HUIZEN: "De drie huizen", Kind.WOORDEN_EN_PLAATJES: "Woorden en plaatjes"}
OWN_FILE = "de regisseur zelf"


def talk_on(cf: CaseFile, child_id: str, date: str) -> ChildTalk | None:
    """The conversation with the child on ``date`` (the last one recorded that day)."""
    found = [t for t in cf.child_talks if t.child == child_id and t.date == date]
    return found[-1] if found else None


def _child(cf: CaseFile, child_id: str) -> Person:
    child = cf.person(child_id)
    if child is None or child.role != Role.KIND.value:
        raise ReportError("Kies een kind uit deze casus.")
    return child


def make_worksheet(
    store: Store,
    kind: Kind | str,
    case_id: str,
    child_id: str,
    talk_id: str | None = None,
    for_person: str | None = None,
    *,
    child_agreed: bool = False,
) -> Report:
    """Build one worksheet in memory (see the module docstring)."""
    kind = Kind(kind)
    if kind not in SHEETS:
        raise ReportError("Onbekend werkblad.")
    try:
        cf = store.load_case(case_id)
    except NotFound:
        raise ReportError(f"Casus {case_id} bestaat niet.") from None
    child = _child(cf, child_id)
    reader = cf.person(for_person) if for_person else None
    if for_person and reader is None:
        raise ReportError("Deze persoon hoort niet bij de casus.")
    name = first_name(child)
    talk = None
    if talk_id is not None:
        talk = next((t for t in cf.child_talks if t.id == talk_id), None)
        if talk is None or talk.child != child.id:
            raise ReportError(f"Dit gesprek met {name} bestaat niet (meer).")
    sheet = SHEETS[kind]
    what = f"Werkblad '{sheet}' van {name}"
    if talk is None:
        recipient = reader.name if reader else name
        basis, purpose = "Leeg werkblad", "Gesprek met het kind"
    else:
        what += f", ingevuld ({talk.date})"
        purpose = "Het kind ziet wat het vertelde"
        if reader is None:
            recipient, basis = OWN_FILE, "Eigen dossier van de regisseur"
            purpose = "Dossiervorming"
        elif reader.id == child.id:
            recipient, basis = reader.name, "Het eigen werkblad van het kind"
        elif child_agreed:
            recipient = reader.name
            basis = f"{name} vond het goed dat {first_name(reader)} dit ziet"
            purpose = "Het kind wil dat deze persoon het weet"
        else:
            raise ReportError(
                f"Wat {name} vertelde, staat alleen op het werkblad voor {name} zelf of in "
                f"uw eigen dossier. Vraag eerst aan {name} of het goed is dat "
                f"{first_name(reader)} het ziet."
            )
    family = cf.case.family_name
    drawings = drawings_of(cf, talk.id) if talk is not None else ()
    make = three_houses_pdf if kind is Kind.DRIE_HUIZEN else words_pictures_pdf
    pdf = make(child, talk, drawings, family=family)
    return Report(kind, case_id, pdf, recipient, what, basis, purpose, page_count(pdf))
