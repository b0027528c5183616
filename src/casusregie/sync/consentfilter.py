"""The consent filter: which stored field may go to the office, on which basis.

Default deny. A field leaves the device only if

- its privacy category is known (``TemplateSet.category_of``; unknown: never), and
- that category has an active basis for the office in the case's consent ledger
  (``domain.consent.active_bases``) at the moment of sending, or
- it is a structural field (``_exists``, a form's template and section, ...) of an
  entity that has content going out or already at the office.

``intern`` never goes. The ledger itself (``grondslag``) goes to the office only so that
it travels with the case on a handover (the office returns it only to the device the
case is assigned to); each push also carries a ``BasisNote`` per category (basis,
purpose, dates, roles; no names). This
module decides; ``engine`` asks it for every op it sends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from casusregie.domain.consent import (
    LEDGER_CATEGORY,
    NEVER_SHARED,
    OFFICE,
    Basis,
    Consent,
    ConsentForm,
)
from casusregie.domain.model import ANSWER_PREFIX, CaseFile, Role
from casusregie.domain.sensitivity import effective_category, is_classified_row, text_category
from casusregie.protocol import BasisNote
from casusregie.protocol.models import STRUCTURE
from casusregie.templates import TemplateSet

__all__ = ["basis_note", "basis_text", "category_of", "retraction_reason", "row_category"]

_ANSWER_SETS = ("form", "item")


def category_of(
    templates: TemplateSet,
    entity_type: str,
    field: str,
    structure: dict[str, Any],
    value: Any = None,
) -> str | None:
    """The category a stored field travels under; None means it never leaves.

    ``structure`` holds the entity's template and section (forms, items) or recipient
    (consent records), and for life events, help episodes and the genogram's emotional
    relations the values their category follows (``SyncState.structure``). Every
    content field of such a row travels under the row's category
    (``domain.sensitivity``); a row whose category is not settled does not travel.
    A form's or row's free-text answer (``value``) that speaks of health or justice
    travels under that category, not its field's (``domain.sensitivity.text_category``).
    The ledger itself (``grondslag``) travels to the office only to go with the case on
    a handover; the engine never counts it as a disclosure.
    """
    if field == "_exists":
        return STRUCTURE
    if entity_type in _ANSWER_SETS:
        if not field.startswith(ANSWER_PREFIX):
            return STRUCTURE
        template = str(structure.get("template") or "")
        section = str(structure.get("section") or "")
        if entity_type == "item" and is_classified_row("item", template, section):
            return row_category(templates, "item", structure)
        category = templates.category_of(
            entity_type, field[len(ANSWER_PREFIX) :], template, section
        )
        if isinstance(value, str) and category is not None and category not in NEVER_SHARED:
            return text_category(category, value)
    elif is_classified_row(entity_type):
        return row_category(templates, entity_type, structure)
    else:
        category = templates.category_of(entity_type, field)
    if category == LEDGER_CATEGORY and entity_type == Consent.ENTITY_TYPE:
        return LEDGER_CATEGORY
    if category is None or category in NEVER_SHARED:
        return None
    return category


def row_category(templates: TemplateSet, entity_type: str, values: dict[str, Any]) -> str | None:
    """The category of a life event, help episode or emotional relation (None: held
    back until the regisseur chooses one)."""
    plain = {
        (k[len(ANSWER_PREFIX) :] if k.startswith(ANSWER_PREFIX) else k): v
        for k, v in values.items()
    }
    known = set(templates.privacy.categories) - NEVER_SHARED
    category = effective_category(entity_type, plain, known)
    return None if category is None or category in NEVER_SHARED else category


def _roles(cf: CaseFile, consent: Consent) -> str:
    roles = []
    for pid in consent.given_by:
        person = cf.person(pid)
        if person is None:
            continue
        if person.role == Role.KIND.value:
            roles.append("jeugdige")
        elif person.role in (Role.MOEDER.value, Role.VADER.value):
            roles.append("ouder")
        else:
            roles.append(Role.label_of(person.role).lower())
    return ", ".join(dict.fromkeys(roles))


def basis_text(cf: CaseFile, consent: Consent) -> str:
    """One Dutch line for the disclosure log: the basis, who (by role), how, since when."""
    label = Basis.label_of(consent.basis)
    if consent.basis == Basis.TOESTEMMING.value:
        parts = [
            ConsentForm.label_of(consent.form).lower(),
            _roles(cf, consent),
            f"gegeven {consent.given_on}" if consent.given_on else "",
            f"geldig tot en met {consent.valid_until}" if consent.valid_until else "",
        ]
        return f"{label} ({'; '.join(p for p in parts if p)})"
    return f"{label} (afweging vastgelegd)"


def basis_note(cf: CaseFile, category: str, consent: Consent) -> BasisNote:
    """What the office logs about the basis of a category: no names, roles only."""
    return BasisNote(
        category=category,
        basis=consent.basis,
        purpose=consent.purpose[:2000],
        given_by=_roles(cf, consent)[:200],
        form=consent.form or "",
        given_on=consent.given_on or "",
        valid_until=consent.valid_until or "",
        consent_id=consent.id[:200],
    )


def retraction_reason(cf: CaseFile | None, category: str, today: dt.date) -> str:
    """Why a category lost its basis: withdrawn, lapsed, or no record any more."""
    if cf is not None:
        from casusregie.domain.consent import status

        for consent in cf.consents:
            if consent.recipient == OFFICE and consent.category == category:
                state = status(consent, today, cf)
                if state == "ingetrokken":
                    return "Toestemming ingetrokken"
                if state == "verlopen":
                    return "Toestemming verlopen"
    return "Geen grondslag meer"
