"""Reading cases for the screens: the case list and one case; what each case needs
attention for (the list's filters); making a new case.

The list comes in two reads, so it shows at once: ``case_rows`` (family, phase,
regisseur, index child, last change: from the store's index, no case is loaded) and
then, on a worker, ``case_details`` (the names of every family member to search on,
the rules' findings for the filters and the next deadline), which loads each case
once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from casusregie.domain.hlc import HLC
from casusregie.domain.model import Case, CaseFile, Phase, new_id
from casusregie.store.database import Change, Store

__all__ = [
    "FLAG_CHILD",
    "FLAG_HANDOVER",
    "FLAG_MEETING_LATE",
    "CaseDetails",
    "CaseRow",
    "case_details",
    "case_rows",
    "create_case",
    "flags_of",
    "load_case",
    "set_genogram_positions",
]

#: what the case list can filter on (each from the rules' findings)
FLAG_MEETING_LATE = "netwerkberaad_te_laat"
FLAG_CHILD = "kind_niet_gesproken"
FLAG_HANDOVER = "overdracht_niet_compleet"


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list. ``person_names`` is only for searching (empty until
    ``case_details`` has read them)."""

    case_id: str
    family_name: str
    phase: str
    regisseur: str
    person_names: tuple[str, ...] = ()
    phase_value: str = ""  #: the stored phase (``Phase`` value), for the phase filter
    index_child: str = ""  #: the name of the child the case is about (if marked)
    last_change: dt.datetime | None = None  #: when a change was last applied (local time)


@dataclass(frozen=True)
class CaseDetails:
    """What the list learns from loading a case: names to search on, attention flags."""

    person_names: tuple[str, ...]
    flags: frozenset[str]
    #: the first thing due (overdue ones first): its day and what it is
    next_deadline: tuple[dt.date, str] | None = None


def case_rows(store: Store) -> list[CaseRow]:
    """Every case, without loading any (fast: the list shows at once)."""
    children = store.index_children()
    stamps = store.last_changes()
    return [
        CaseRow(
            case.id,
            case.family_name,
            Phase.label_of(case.phase),
            case.regisseur,
            phase_value=case.phase,
            index_child=children.get(case.id, ""),
            last_change=_local_time(stamps.get(case.id)),
        )
        for case in store.list_cases()
    ]


def _local_time(stamp: str | None) -> dt.datetime | None:
    if not stamp:
        return None
    millis = HLC.decode(stamp).millis
    return dt.datetime.fromtimestamp(millis / 1000, dt.UTC).astimezone().replace(tzinfo=None)


def load_case(store: Store, case_id: str) -> CaseFile:
    return store.load_case(case_id)


def flags_of(cf: CaseFile, today: dt.date) -> frozenset[str]:
    """The list's attention flags of one case, from ``check_case``."""
    from casusregie.domain.rules import check_case  # not needed to show the window

    codes = {f.code for f in check_case(cf, today)}
    flags = {flag for flag in (FLAG_MEETING_LATE, FLAG_CHILD) if flag in codes}
    if any(code.startswith("ontbreekt_") for code in codes):
        flags.add(FLAG_HANDOVER)
    return frozenset(flags)


def case_details(store: Store, today: dt.date) -> dict[str, CaseDetails]:
    """Case id -> names, flags and the next deadline, for every case (on a worker: it
    loads every case and runs every rule)."""
    from casusregie.domain.overview import next_deadline  # not needed to show the window

    out = {}
    for case in store.list_cases():
        cf = store.load_case(case.id)
        names = tuple(p.name for p in cf.persons if p.name)
        due = next_deadline(cf, today)
        out[case.id] = CaseDetails(
            names, flags_of(cf, today), None if due is None else (due.day, due.what)
        )
    return out


def take_case_id(store: Store) -> str | None:
    """An office-issued case id when enrolled (the sync package is imported here, on the
    worker, not while the window starts)."""
    from casusregie.sync import take_case_id as take

    return take(store)


def create_case(
    store: Store, family_name: str, regisseur: str, phase: str, today: dt.date, case_id: str = ""
) -> Sequence[Change]:
    """A new case, opened today, through the change API."""
    # An office-issued id when enrolled, so the case can sync without the administrator
    # assigning it (the office refuses pushes to ids nobody registered).
    case_id = case_id or take_case_id(store) or new_id()
    case = Case(
        id=case_id,
        case_id=case_id,
        family_name=family_name.strip(),
        regisseur=regisseur.strip(),
        phase=phase,
        opened_on=today.isoformat(),
    )
    with store.write("Nieuwe casus") as tx:
        tx.create(case)
    return tx.changes


def set_genogram_positions(store: Store, positions: Mapping[str, float | None]) -> Sequence[Change]:
    """Persons dragged in the genogram (x in mm), or put back (None): one action."""
    with store.write("Genogram: posities aangepast") as tx:
        for person_id, x in positions.items():
            tx.set("person", person_id, "genogram_x", x)
    return tx.changes
