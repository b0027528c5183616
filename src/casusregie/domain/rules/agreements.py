"""Afspraken: one structure wherever they occur, and what goes wrong with them.

Every agreement list in the templates (``AGREEMENT_SECTIONS``) has the same keys: type,
owner, what, deadline, checker, rationale, status, and its ``aard``:

- **eenmalig**: something to do once, by ``deadline``; only these can be over tijd;
- **doorlopend**: applies from ``deadline`` on ("als het thuis te onrustig wordt, app ik
  oma"), with a review date ``herzien_op``; it is never over tijd, it is due for review
  (seed 003, veiligheidsplan: "Het veiligheidsplan is dynamisch en gaat mee met het
  gezin. Er wordt steeds gekeken of de afspraken nog gelden en passend zijn."). Without
  its own review date it is reviewed with the plan (``veiligheidsplan.plan.
  volgende_evaluatie``).

An agreement without an ``aard`` takes its list's default (``DEFAULT_AARD``):
veiligheidsafspraken and borgingsplan signalen and afspraken are doorlopend, goals and
meeting actions eenmalig.

Seed 004 found a rationale on only 17% of agreements in real dossiers, actions that came
back meeting after meeting unfinished, and agreements without a clear owner. So: an
agreement marked niet gelukt is a finding (acute for a veiligheidsafspraak: the plan does
not hold); so is a missing or vague owner ("iedereen"), a missing checker, a missing
deadline for an eenmalige one, a missing rationale.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from casusregie.domain.model import CaseFile, Item
from casusregie.domain.rules.base import (
    AANDACHT,
    ACUUT,
    ADMINISTRATIEF,
    Finding,
    RuleSettings,
    Target,
    answer,
    filled,
    instances,
    parse_day,
)

__all__ = [
    "AGREEMENT_KEYS",
    "AGREEMENT_SECTIONS",
    "DEFAULT_AARD",
    "DOORLOPEND",
    "EENMALIG",
    "RULE",
    "VAGUE_OWNERS",
    "Agreement",
    "agreements",
    "check",
]

RULE = "afspraken"
AGREEMENT_KEYS = ("type", "owner", "what", "deadline", "rationale", "status", "aard")
EENMALIG = "eenmalig"
DOORLOPEND = "doorlopend"
#: (template, section) -> the aard of an agreement that has none recorded
DEFAULT_AARD = {
    ("veiligheidsplan", "afspraken"): DOORLOPEND,
    ("veranderplan", "doelen"): EENMALIG,
    ("borgingsplan", "signalen"): DOORLOPEND,
    ("borgingsplan", "afspraken"): DOORLOPEND,
    ("netwerkberaad", "afspraken"): EENMALIG,
    ("gespreksleidraad", "interventies"): EENMALIG,
    ("gespreksleidraad", "afspraken"): EENMALIG,
    ("gespreksleidraad", "deel_zonder_gezin_afspraken"): EENMALIG,
}
AGREEMENT_SECTIONS = frozenset(DEFAULT_AARD)
#: the multiple templates whose agreements belong to one occasion (and its date key)
_OCCASION_DATE = {"gespreksleidraad": ("vooraf", "datum"), "netwerkberaad": ("beraad", "datum")}
DONE = "gedaan"
FAILED = "niet_gelukt"
#: owners that name nobody in particular (compared lower-case, without punctuation)
VAGUE_OWNERS = frozenset(
    {
        "iedereen",
        "allen",
        "allemaal",
        "wij",
        "we",
        "samen",
        "iemand",
        "betrokkenen",
        "alle betrokkenen",
        "het netwerk",
        "netwerk",
        "de hulpverlening",
        "hulpverlening",
        "onbekend",
        "nog onbekend",
        "nvt",
        "n v t",
    }
)


@dataclass(frozen=True)
class Agreement:
    item: Item
    what: str
    owner: str
    deadline: dt.date | None
    rationale: str
    status: str
    aard: str = EENMALIG
    checker: str = ""
    review: dt.date | None = None  #: doorlopend: when it is to be reviewed

    @property
    def open(self) -> bool:
        """Not done: still to do, or failed (a failed one may come back)."""
        return self.status != DONE

    @property
    def pending(self) -> bool:
        """Still to do (open or under way)."""
        return self.status not in (DONE, FAILED)

    @property
    def standing(self) -> bool:
        return self.aard == DOORLOPEND

    def overdue(self, today: dt.date) -> bool:
        """An eenmalige agreement still to do after its deadline (never a doorlopende)."""
        return (
            not self.standing
            and self.pending
            and self.deadline is not None
            and self.deadline < today
        )

    def due_for_review(self, today: dt.date) -> bool:
        """A doorlopende agreement still in force whose review date has come."""
        return self.standing and self.pending and self.review is not None and self.review <= today


def agreements(cf: CaseFile) -> list[Agreement]:
    plan_review = parse_day(answer(cf, "veiligheidsplan", "plan", "volgende_evaluatie"))
    out = []
    for item in cf.items:
        where = (item.template, item.section)
        if where not in AGREEMENT_SECTIONS:
            continue
        a = item.answers
        what = a.get("what") or a.get("signal") or ""
        aard = a.get("aard") if a.get("aard") in (EENMALIG, DOORLOPEND) else DEFAULT_AARD[where]
        review = parse_day(a.get("herzien_op"))
        if review is None and item.template == "veiligheidsplan":
            review = plan_review
        out.append(
            Agreement(
                item=item,
                what=str(what),
                owner=str(a.get("owner") or ""),
                deadline=parse_day(a.get("deadline")),
                rationale=str(a.get("rationale") or ""),
                status=str(a.get("status") or "open"),
                aard=str(aard),
                checker=str(a.get("checker") or ""),
                review=review,
            )
        )
    return out


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.lower()).strip()


def _vague(owner: str) -> bool:
    return _norm(owner) in VAGUE_OWNERS


def _latest_occasions(cf: CaseFile) -> dict[str, str | None]:
    out: dict[str, str | None] = {}
    for template, (section, key) in _OCCASION_DATE.items():
        held = instances(cf, template, section, key)
        out[template] = held[-1][1] if held else None
    return out


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    findings = []
    all_agreements = agreements(cf)
    latest = _latest_occasions(cf)
    for a in all_agreements:
        target = Target(
            template=a.item.template,
            section=a.item.section,
            entity_type="item",
            entity_id=a.item.id,
            instance=a.item.instance,
        )

        def at(field: str, target: Target = target) -> Target:
            return Target(**{**target.__dict__, "field": field})

        label = f"'{_short(a.what)}'" if a.what else "Een afspraak"
        safety = a.item.template == "veiligheidsplan"
        if a.status == FAILED and (
            a.item.instance is None or a.item.instance == latest.get(a.item.template)
        ):
            findings.append(
                Finding(
                    RULE,
                    "veiligheidsafspraak_niet_gelukt" if safety else "niet_gelukt",
                    f"Veiligheidsafspraak niet gelukt: {label}. Het veiligheidsplan houdt niet: "
                    "bespreek met het gezin en het netwerk wat nu nodig is."
                    if safety
                    else f"Afspraak niet gelukt: {label}. Bespreek wat nu nodig is.",
                    ACUUT if safety else AANDACHT,
                    at("status"),
                )
            )
        if a.overdue(today):
            findings.append(
                Finding(RULE, "over_tijd", f"Afspraak over tijd: {label}.", AANDACHT, target)
            )
        if a.due_for_review(today):
            findings.append(
                Finding(
                    RULE,
                    "herzien",
                    f"Doorlopende afspraak: bespreek of hij nog geldt en past: {label}.",
                    ADMINISTRATIEF,
                    at("herzien_op"),
                )
            )
        if not a.open:
            continue
        if not a.standing and a.deadline is None:
            findings.append(
                Finding(
                    RULE,
                    "zonder_termijn",
                    f"Afspraak zonder datum (wanneer klaar?): {label}.",
                    ADMINISTRATIEF,
                    at("deadline"),
                )
            )
        if not filled(a.owner):
            findings.append(
                Finding(
                    RULE,
                    "zonder_eigenaar",
                    f"Afspraak zonder eigenaar: {label}.",
                    ADMINISTRATIEF,
                    at("owner"),
                )
            )
        elif _vague(a.owner):
            findings.append(
                Finding(
                    RULE,
                    "vage_eigenaar",
                    f"Afspraak met '{a.owner.strip()}' als eigenaar: noem één persoon. {label}.",
                    ADMINISTRATIEF,
                    at("owner"),
                )
            )
        if not filled(a.checker):
            findings.append(
                Finding(
                    RULE,
                    "zonder_controle",
                    f"Afspraak zonder iemand die controleert: {label}.",
                    ADMINISTRATIEF,
                    at("checker"),
                )
            )
        if not filled(a.rationale):
            findings.append(
                Finding(
                    RULE,
                    "zonder_onderbouwing",
                    f"Afspraak zonder onderbouwing (waarom?): {label}.",
                    ADMINISTRATIEF,
                    at("rationale"),
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
            and any(a.status == FAILED or a.overdue(today) for a in same)
        ):
            findings.append(
                Finding(
                    RULE,
                    "steeds_terug",
                    f"Dezelfde actie komt {len(same)} keer terug zonder af te komen: "
                    f"'{_short(same[0].what)}'.",
                    AANDACHT,
                    Target(template=same[-1].item.template, section=same[-1].item.section),
                )
            )
    return findings
