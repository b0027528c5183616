"""Afspraken: one structure wherever they occur, and what goes wrong with them.

Every agreement list in the templates (``AGREEMENT_SECTIONS``) has the same keys: type,
owner, deadline, rationale, status (plus what). Seed 004 found a rationale on only 17% of
agreements in real dossiers, and actions that came back meeting after meeting unfinished.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, Item
from casusregie.domain.rules.base import Finding, RuleSettings, Target, filled, parse_day

__all__ = ["AGREEMENT_KEYS", "AGREEMENT_SECTIONS", "RULE", "Agreement", "agreements", "check"]

RULE = "afspraken"
AGREEMENT_KEYS = ("type", "owner", "what", "deadline", "rationale", "status")
AGREEMENT_SECTIONS = frozenset(
    {
        ("veiligheidsplan", "afspraken"),
        ("veranderplan", "doelen"),
        ("borgingsplan", "signalen"),
        ("borgingsplan", "afspraken"),
        ("netwerkberaad", "afspraken"),
        ("gespreksleidraad", "interventies"),
        ("gespreksleidraad", "afspraken"),
        ("gespreksleidraad", "deel_zonder_gezin_afspraken"),
    }
)
DONE = "gedaan"
FAILED = "niet_gelukt"


@dataclass(frozen=True)
class Agreement:
    item: Item
    what: str
    owner: str
    deadline: dt.date | None
    rationale: str
    status: str

    @property
    def open(self) -> bool:
        """Not done: still to do, or failed (a failed one may come back)."""
        return self.status != DONE

    @property
    def pending(self) -> bool:
        """Still to do (open or under way): only these can be overdue."""
        return self.status not in (DONE, FAILED)


def agreements(cf: CaseFile) -> list[Agreement]:
    out = []
    for item in cf.items:
        if (item.template, item.section) not in AGREEMENT_SECTIONS:
            continue
        a = item.answers
        what = a.get("what") or a.get("signal") or ""
        out.append(
            Agreement(
                item=item,
                what=str(what),
                owner=str(a.get("owner") or ""),
                deadline=parse_day(a.get("deadline")),
                rationale=str(a.get("rationale") or ""),
                status=str(a.get("status") or "open"),
            )
        )
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    findings = []
    all_agreements = agreements(cf)
    for a in all_agreements:
        target = Target(
            template=a.item.template,
            section=a.item.section,
            entity_type="item",
            entity_id=a.item.id,
            instance=a.item.instance,
        )
        label = f"'{_short(a.what)}'" if a.what else "Een afspraak"
        if a.pending and a.deadline is not None and a.deadline < today:
            findings.append(
                Finding(RULE, "over_tijd", f"Afspraak over tijd: {label}.", target=target)
            )
        if not filled(a.owner):
            findings.append(
                Finding(
                    RULE,
                    "zonder_eigenaar",
                    f"Afspraak zonder eigenaar: {label}.",
                    target=Target(**{**target.__dict__, "field": "owner"}),
                )
            )
        if not filled(a.rationale):
            findings.append(
                Finding(
                    RULE,
                    "zonder_onderbouwing",
                    f"Afspraak zonder onderbouwing (waarom?): {label}.",
                    target=Target(**{**target.__dict__, "field": "rationale"}),
                )
            )
    groups: dict[str, list[Agreement]] = {}
    for a in all_agreements:
        if a.what:
            groups.setdefault(_norm(a.what), []).append(a)
    for same in groups.values():
        unfinished = [a for a in same if a.open]
        if (
            len(same) >= 2
            and len(unfinished) == len(same)
            and any(
                a.status == FAILED or (a.deadline is not None and a.deadline < today) for a in same
            )
        ):
            findings.append(
                Finding(
                    RULE,
                    "steeds_terug",
                    f"Dezelfde actie komt {len(same)} keer terug zonder af te komen: "
                    f"'{_short(same[0].what)}'.",
                    target=Target(template=same[-1].item.template, section=same[-1].item.section),
                )
            )
    return findings
