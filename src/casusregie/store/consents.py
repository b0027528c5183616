"""The consent ledger in the store: record, withdraw, list. For the consent screens
and ``casusregie consent``; every write goes through the change API, so the ledger has
its own history and travels (as category ``grondslag``) to the recipient it concerns.

Quick to record during a home visit: ``record_consent`` writes one line per category
in one transaction (one user action). The rules (who may consent at which age, what
makes a record a basis) are ``domain.consent``; this module only stores and reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from casusregie.domain.consent import (
    LEDGER_CATEGORY,
    NEVER_SHARED,
    OFFICE,
    Basis,
    Consent,
    consent_problems,
    needed_grantors,
    status,
)
from casusregie.domain.errors import CasusregieError, NotFound
from casusregie.domain.model import new_id
from casusregie.store.database import Store
from casusregie.templates import TemplateSet, load_templates

__all__ = [
    "ConsentLine",
    "consentable_categories",
    "grantor_advice",
    "list_consents",
    "record_consent",
    "withdraw_consent",
]


@dataclass(frozen=True)
class ConsentLine:
    """One ledger line as a screen shows it."""

    consent: Consent
    category_label: str
    status: str  # actief, ingetrokken, verlopen, nog niet, onvolledig
    problems: list[str]


def consentable_categories(templates: TemplateSet | None = None) -> list[tuple[str, str]]:
    """(key, Dutch label) of every category a family can consent to share."""
    t = templates or load_templates()
    skip = NEVER_SHARED | {LEDGER_CATEGORY}
    return [(k, v["label"]) for k, v in t.privacy.categories.items() if k not in skip]


def list_consents(store: Store, case_id: str, today: dt.date | None = None) -> list[ConsentLine]:
    cf = store.load_case(case_id)
    labels = dict(consentable_categories())
    day = today or dt.date.today()
    return [
        ConsentLine(
            c, labels.get(c.category, c.category), status(c, day, cf), consent_problems(c, cf)
        )
        for c in cf.consents
    ]


def grantor_advice(store: Store, case_id: str, on: dt.date | None = None) -> list[str]:
    """Who must consent, per child, in Dutch, by role and age group (no names)."""
    cf = store.load_case(case_id)
    out = []
    for child, group, needed in needed_grantors(cf, on or dt.date.today()):
        who = ", ".join(sorted(needed)) or "niemand vastgelegd (leg het gezag vast)"
        out.append(f"Kind ({child.id}): {group.label}; toestemming van: {who}")
    return out


def record_consent(
    store: Store,
    case_id: str,
    categories: Iterable[str],
    *,
    basis: str = Basis.TOESTEMMING.value,
    given_by: Iterable[str] = (),
    form: str | None = "mondeling",
    given_on: str | None = None,
    scope: str = "",
    purpose: str = "",
    valid_until: str | None = None,
    recipient: str = OFFICE,
    afweging: dict[str, str] | None = None,
) -> list[Consent]:
    """One ledger line per category, in one transaction. Returns what was stored.

    Incomplete lines are stored too (the visit goes on; the screen shows what is
    missing), but they are no basis: nothing of the category is shared until complete.
    """
    known = {k for k, _ in consentable_categories()}
    cats = list(dict.fromkeys(categories))
    unknown = [c for c in cats if c not in known]
    if unknown:
        raise CasusregieError(f"Onbekende categorie '{unknown[0]}'.")
    if not store.has_case(case_id):
        raise NotFound(f"Casus {case_id} bestaat niet.")
    made = []
    with store.write("Toestemming vastgelegd") as tx:
        for category in cats:
            consent = Consent(
                id=new_id(),
                case_id=case_id,
                category=category,
                recipient=recipient,
                basis=basis,
                given_by=list(given_by),
                form=form,
                given_on=given_on or dt.date.today().isoformat(),
                scope=scope,
                purpose=purpose,
                valid_until=valid_until,
                **(afweging or {}),
            )
            bad = consent.problems()
            if bad:
                raise CasusregieError(f"Toestemming klopt niet: {bad[0]}.")
            tx.create(consent)
            made.append(consent)
    return made


def withdraw_consent(store: Store, consent_id: str, on: str | None = None) -> None:
    """Withdrawn from ``on`` (default today): sharing stops at once; the next sync sends
    a retraction and the office deletes what it holds of that category."""
    with store.write("Toestemming ingetrokken") as tx:
        tx.set("consent", consent_id, "withdrawn_on", on or dt.date.today().isoformat())
