"""Reading cases for the screens: the case list (with names to search on) and one case."""

from __future__ import annotations

from dataclasses import dataclass

from casusregie.domain.model import CaseFile
from casusregie.store.database import Store
from casusregie.ui.display import phase_label

__all__ = ["CaseRow", "case_rows", "load_case"]


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list. ``person_names`` is only for searching."""

    case_id: str
    family_name: str
    phase: str
    regisseur: str
    person_names: tuple[str, ...]


def case_rows(store: Store) -> list[CaseRow]:
    rows = []
    for case in store.list_cases():
        cf = store.load_case(case.id)
        rows.append(
            CaseRow(
                case.id,
                case.family_name,
                phase_label(case.phase),
                case.regisseur,
                tuple(p.name for p in cf.persons if p.name),
            )
        )
    return rows


def load_case(store: Store, case_id: str) -> CaseFile:
    return store.load_case(case_id)
