"""What the dashboard shows, computed from one loaded case (pure Python, no Qt).

``summarize(case_file, today)`` runs every rule once (``check_case``) and gathers
what the regisseur looks at first: the phase and who holds regie, the directe-veiligheid
scores over time against the agreed bottom line, the next netwerkberaad, the
vergewisplicht per child, the open agreements and the handover set. It runs on a
worker (``Session.query``); the widgets only lay the result out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain.age import BANDS, age_band, age_on
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Phase, Role
from casusregie.domain.roles import CaseRoles, case_roles, role_lines
from casusregie.domain.rules import RuleSettings, check_case
from casusregie.domain.rules.agreements import Agreement, agreements
from casusregie.domain.rules.base import Finding, Target, filled
from casusregie.domain.rules.children import contact
from casusregie.domain.rules.handover import HANDOVER_SET, missing
from casusregie.domain.rules.meetings import next_due
from casusregie.domain.rules.phase import PhaseRoles, roles
from casusregie.domain.rules.safety import PHASES, Score, bottom_line_score, score_history, stage

__all__ = [
    "AgreementCounts",
    "CaseSummary",
    "ChildRow",
    "Deadline",
    "HandoverGap",
    "dutch_date",
    "next_deadline",
    "role_lines",
    "summarize",
]

DIRECT = "directe_veiligheid"


def dutch_date(day: dt.date | None) -> str:
    """'27 november 2025', or '' for no date."""
    return PartialDate.from_date(day).dutch() if day is not None else ""


@dataclass(frozen=True)
class ChildRow:
    """One child and the vergewisplicht: when last spoken with, or why not."""

    person_id: str
    name: str
    age: int | None
    age_group: str  #: a key of ``children.AGE_GROUPS``, or "" when the age is unknown
    last_spoken: dt.date | None
    reason_not: str
    recent: bool  #: spoken with within the vergewis period

    @property
    def overdue(self) -> bool:
        """Not spoken with recently and no reason recorded why not."""
        return not self.recent and not self.reason_not


@dataclass(frozen=True)
class AgreementCounts:
    open: int
    overdue: int
    without_owner: int
    without_rationale: int


@dataclass(frozen=True)
class HandoverGap:
    label: str
    target: Target


@dataclass(frozen=True)
class Deadline:
    """Something due on a day (an agreement, the netwerkberaad, talking with a child)."""

    day: dt.date
    what: str
    target: Target | None = None


@dataclass(frozen=True)
class CaseSummary:
    case_id: str
    phase_label: str
    roles: PhaseRoles
    stage_label: str  #: the phase of the work now (directe veiligheid first)
    scores: tuple[Score, ...]  #: directe-veiligheid scores, oldest first
    bottom_line: int
    last_netwerkberaad: dt.date | None
    next_netwerkberaad: dt.date | None
    children: tuple[ChildRow, ...]
    agreements: AgreementCounts
    handover_done: int
    handover_total: int
    handover_missing: tuple[HandoverGap, ...]
    findings: tuple[Finding, ...]
    today: dt.date
    #: the next deadlines from today on (at most three), soonest first
    deadlines: tuple[Deadline, ...] = ()
    #: casusregisseur, procesregisseur, doorzettingsmacht, kernteam (``domain.roles``)
    team: CaseRoles | None = None

    @property
    def netwerkberaad_overdue(self) -> bool:
        return self.next_netwerkberaad is not None and self.today > self.next_netwerkberaad


def _children(cf: CaseFile, today: dt.date, settings: RuleSettings) -> tuple[ChildRow, ...]:
    window = dt.timedelta(weeks=settings.vergewis_weeks)
    rows = []
    for child in cf.persons:
        if child.role != Role.KIND.value or child.deceased:
            continue
        seen = contact(cf, child)
        age = age_on(child.birth_date, today) if child.birth_date else None
        recent = seen.last_spoken is not None and today - seen.last_spoken <= window
        rows.append(
            ChildRow(
                person_id=child.id,
                name=child.name,
                age=age,
                age_group=band if (band := age_band(child.birth_date, today)) in BANDS else "",
                last_spoken=seen.last_spoken,
                reason_not=seen.reason_not,
                recent=recent,
            )
        )
    rows.sort(key=lambda r: (r.age is None, -(r.age or 0), r.name))
    return tuple(rows)


def _agreements(cf: CaseFile, today: dt.date) -> AgreementCounts:
    open_ = [a for a in agreements(cf) if a.open]
    return AgreementCounts(
        open=len(open_),
        overdue=sum(1 for a in open_ if a.pending and a.deadline and a.deadline < today),
        without_owner=sum(1 for a in open_ if not filled(a.owner)),
        without_rationale=sum(1 for a in open_ if not filled(a.rationale)),
    )


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:67] + "…"


#: where doorlopende agreements are reviewed together, in the overview's words
_REVIEWED_IN = {
    "veiligheidsplan": "veiligheidsplan",
    "borgingsplan": "borgingsplan",
    "netwerkberaad": "netwerkberaad",
    "gespreksleidraad": "casusbespreking",
}


def _item_target(a: Agreement) -> Target:
    return Target(
        template=a.item.template,
        section=a.item.section,
        entity_type="item",
        entity_id=a.item.id,
        instance=a.item.instance,
    )


def _all_deadlines(
    cf: CaseFile,
    due: dt.date | None,
    children: tuple[ChildRow, ...],
    settings: RuleSettings,
) -> list[Deadline]:
    """Everything with a day it is due, overdue or not, soonest first: open eenmalige
    agreements with a deadline, doorlopende ones with a review date (never their
    deadline: that is the day they apply from; several of one template reviewed on one
    day as one line), the next netwerkberaad, the latest day to speak with each child
    again (not when a reason why not is recorded and that day has passed)."""
    found: list[Deadline] = []
    #: doorlopende agreements: (template, review day) -> those reviewed then
    reviews: dict[tuple[str, dt.date], list[Agreement]] = {}
    for a in agreements(cf):
        if not a.pending:
            continue
        if a.standing:  # its deadline is the day it applies from; due is its review
            if a.review is not None:
                reviews.setdefault((a.item.template, a.review), []).append(a)
        elif a.deadline is not None:  # eenmalig: done by its deadline
            what = f"Afspraak: {_short(a.what)}" if a.what else "Een afspraak"
            found.append(Deadline(a.deadline, what, _item_target(a)))
    for (template, day), group in reviews.items():
        if len(group) == 1:
            what = f"Herzien: {_short(group[0].what)}" if group[0].what else "Afspraak herzien"
            found.append(Deadline(day, what, _item_target(group[0])))
        else:
            where = _REVIEWED_IN.get(template, template)
            found.append(
                Deadline(
                    day,
                    f"{len(group)} afspraken herzien ({where})",
                    Target(template=template, section=group[0].item.section),
                )
            )
    if due is not None:
        found.append(Deadline(due, "Netwerkberaad", Target(template="netwerkberaad")))
    window = dt.timedelta(weeks=settings.vergewis_weeks)
    for child in children:
        if child.last_spoken is not None and (child.recent or not child.reason_not):
            found.append(
                Deadline(
                    child.last_spoken + window,
                    f"{child.name or 'Een kind'} weer spreken",
                    Target(
                        template="gesprekken_kinderen", section="gesprekken", person=child.person_id
                    ),
                )
            )
    found.sort(key=lambda d: (d.day, d.what))
    return found


def _deadlines(
    cf: CaseFile,
    today: dt.date,
    due: dt.date | None,
    children: tuple[ChildRow, ...],
    settings: RuleSettings,
    n: int = 3,
) -> tuple[Deadline, ...]:
    """The next ``n`` things due from today on. What is overdue is a finding already,
    so it is not repeated here."""
    ahead = [d for d in _all_deadlines(cf, due, children, settings) if d.day >= today]
    return tuple(ahead[:n])


def next_deadline(
    cf: CaseFile, today: dt.date, settings: RuleSettings | None = None
) -> Deadline | None:
    """The first thing due in the case, overdue ones included (for the case list: an
    overdue deadline is what comes first). None when nothing has a day."""
    settings = settings or RuleSettings()
    _last, due = next_due(cf, settings, today)
    found = _all_deadlines(cf, due, _children(cf, today, settings), settings)
    return found[0] if found else None


def summarize(cf: CaseFile, today: dt.date, settings: RuleSettings | None = None) -> CaseSummary:
    settings = settings or RuleSettings()
    last, due = next_due(cf, settings, today)
    gaps = missing(cf)
    children = _children(cf, today, settings)
    return CaseSummary(
        case_id=cf.case.id,
        phase_label=Phase.label_of(cf.case.phase),
        roles=roles(cf.case.phase, cf.case.gi_product),
        stage_label=dict(PHASES)[stage(cf, settings)],
        scores=tuple(s for s in score_history(cf) if s.phase == DIRECT),
        bottom_line=bottom_line_score(cf, settings),
        last_netwerkberaad=last,
        next_netwerkberaad=due,
        children=children,
        agreements=_agreements(cf, today),
        handover_done=len(HANDOVER_SET) - len(gaps),
        handover_total=len(HANDOVER_SET),
        handover_missing=tuple(HandoverGap(p.label, p.target) for p in gaps),
        findings=tuple(check_case(cf, today, settings)),
        today=today,
        deadlines=_deadlines(cf, today, due, children, settings),
        team=case_roles(cf),
    )
