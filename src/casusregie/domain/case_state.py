"""The state of a case today: one source for every "now" value on paper and screen.

A handover once printed "Cijfer directe veiligheid nu: 6" on one page (the score written
in the veiligheidsplan in March) and 5 on another (the case discussion in November).
``case_state(cf, today)`` decides once: the latest safety score is the newest of all
scores with a date (each case discussion, and the veiligheidsplan's own score on the
day the plan was made); everything else that says "now" (open actions, the next
netwerkberaad and evaluation, regie and roles, gezag and maatregel per child) is read
here too, so every page of a report tells the same story.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casusregie.domain.custody import custody_on
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Custody, LifeEvent, Measure, Person, Phase, Role
from casusregie.domain.roles import case_roles, role_lines
from casusregie.domain.rules.agreements import Agreement, agreements
from casusregie.domain.rules.base import RuleSettings, answer, filled, instances, parse_day
from casusregie.domain.rules.children import age_on
from casusregie.domain.rules.meetings import next_due
from casusregie.domain.rules.phase import roles
from casusregie.domain.rules.safety import MEETING, PHASES, bottom_line_score, score_history

__all__ = [
    "CaseState",
    "ChildState",
    "SafetyScore",
    "case_state",
    "plan_score",
]

#: (template, section, field) of the score the veiligheidsplan holds, and of its date
PLAN_SCORE = ("veiligheidsplan", "zes", "cijfer")
PLAN_DATE = ("veiligheidsplan", "plan", "opgesteld_op")


@dataclass(frozen=True)
class SafetyScore:
    """One safety score with where and when it was given."""

    score: int
    day: dt.date | None
    phase: str
    phase_label: str
    source: str  # "de casusbespreking", "het veiligheidsplan"
    anchor: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ChildState:
    person: Person
    age: int | None
    gezag: str
    maatregel: str


@dataclass(frozen=True)
class CaseState:
    today: dt.date
    safety: SafetyScore | None
    bottom: int
    taxatie_day: dt.date | None
    since_taxatie: list[LifeEvent]
    open_actions: list[Agreement]
    children: list[ChildState]
    phase_label: str
    regie: str
    roles: list[tuple[str, str]]
    last_netwerkberaad: dt.date | None
    next_netwerkberaad: dt.date | None
    next_netwerkberaad_agreed: bool
    evaluations: list[tuple[str, dt.date]]
    successor: str
    family_informed_on: dt.date | None
    family_knows: str
    trend: list[SafetyScore] = field(default_factory=list)

    @property
    def below_bottom(self) -> bool:
        return self.safety is not None and self.safety.score < self.bottom


def _nl(day: dt.date | None) -> str:
    return PartialDate.from_date(day).dutch() if day else "datum onbekend"


def plan_score(cf: CaseFile) -> SafetyScore | None:
    """The score written in the veiligheidsplan, dated on the day the plan was made."""
    value = answer(cf, *PLAN_SCORE)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    day = parse_day(answer(cf, *PLAN_DATE))
    return SafetyScore(int(value), day, PHASES[0][0], PHASES[0][1], "het veiligheidsplan")


def _scores(cf: CaseFile) -> list[SafetyScore]:
    names = dict(PHASES)
    out = [
        SafetyScore(
            s.score,
            s.day,
            s.phase,
            names[s.phase],
            "de casusbespreking",
            s.anchor,
            str(
                answer(cf, MEETING, f"{s.phase}_schaalvraag", "onderbouwing", instance=s.instance)
                or ""
            ),
        )
        for s in score_history(cf)
    ]
    planned = plan_score(cf)
    if planned is not None:
        out.append(planned)
    return sorted(out, key=lambda s: s.day or dt.date.min)


def _children(cf: CaseFile, today: dt.date) -> list[ChildState]:
    kids = [p for p in cf.persons if p.role == Role.KIND.value and not p.deceased]
    kids.sort(key=lambda p: p.birth_date or "9999")
    names = {p.id: p.name or "(naam onbekend)" for p in cf.persons}
    out = []
    for p in kids:
        view = custody_on(cf, p, today)
        who = ", ".join(sorted(names.get(h, "(onbekende persoon)") for h in view.holders))
        if view.recorded:
            gezag = f"{Custody.label_of(p.custody)}: {who}" if who else Custody.label_of(p.custody)
        else:
            gezag = f"niet vastgelegd ({view.note})" if view.note else "niet vastgelegd"
        measure = Measure.label_of(view.measure)
        if view.measure != Measure.GEEN.value and p.measure_from:
            measure += f", sinds {PartialDate.parse(p.measure_from).dutch()}"
        out.append(
            ChildState(p, age_on(p.birth_date, today) if p.birth_date else None, gezag, measure)
        )
    return out


def _roles(cf: CaseFile, today: dt.date) -> list[tuple[str, str]]:
    """The roles as the overview words them (``domain.roles``), plus the GI's contact
    person from the borgingsplan, which a receiving organisation asks for first."""
    out = role_lines(case_roles(cf), today)
    gi = answer(cf, "borgingsplan", "netwerkberaad", "contactpersoon_gi")
    if filled(gi):
        out.append(("Contactpersoon GI", str(gi).strip()))
    return out


def _evaluations(cf: CaseFile) -> list[tuple[str, dt.date]]:
    out: list[tuple[str, dt.date]] = []
    plan = parse_day(answer(cf, "veiligheidsplan", "plan", "volgende_evaluatie"))
    if plan is not None:
        out.append(("Evaluatie veiligheidsplan", plan))
    meetings = instances(cf, MEETING, "vooraf", "datum")
    if meetings:
        nxt = parse_day(
            answer(cf, MEETING, "samenwerking", "volgend_overleg", instance=meetings[-1][1])
        )
        if nxt is not None:
            out.append(("Volgende casusbespreking", nxt))
    end = parse_day(answer(cf, "veranderplan", "haalbare_eindsituatie", "eindtermijn"))
    if end is not None:
        out.append(("Haalbare eindtermijn (veranderplan)", end))
    return sorted(out, key=lambda e: e[1])


def case_state(cf: CaseFile, today: dt.date, settings: RuleSettings | None = None) -> CaseState:
    """Every "now" value of the case on ``today``."""
    settings = settings or RuleSettings()
    scores = [s for s in _scores(cf) if s.day is None or s.day <= today]
    direct = [s for s in scores if s.phase == PHASES[0][0]]
    latest = direct[-1] if direct else None
    taxatie = latest.day if latest else parse_day(answer(cf, "veiligheidsplan", "taxatie", "datum"))
    since = [
        e
        for e in cf.sorted_events()
        if taxatie is not None and _after(e.date, taxatie) and not _after(e.date, today)
    ]
    open_actions = [a for a in agreements(cf) if a.pending and _is_action(a)]
    open_actions.sort(key=lambda a: (a.deadline or dt.date.max, a.owner))
    last, due = next_due(cf, settings)
    agreed = False
    if last is not None:
        held = instances(cf, "netwerkberaad", "beraad", "datum")
        planned = parse_day(
            answer(cf, "netwerkberaad", "beraad", "volgende_datum", instance=held[-1][1])
        )
        agreed = planned is not None and planned == due
    r = roles(cf.case.phase, cf.case.gi_product)
    return CaseState(
        today=today,
        safety=latest,
        bottom=bottom_line_score(cf, settings),
        taxatie_day=taxatie,
        since_taxatie=since,
        open_actions=open_actions,
        children=_children(cf, today),
        phase_label=Phase.label_of(cf.case.phase),
        regie=r.regie,
        roles=_roles(cf, today),
        last_netwerkberaad=last,
        next_netwerkberaad=due,
        next_netwerkberaad_agreed=agreed,
        evaluations=_evaluations(cf),
        successor=str(answer(cf, "tijdlijn", "overdracht", "opvolger") or ""),
        family_informed_on=parse_day(answer(cf, "tijdlijn", "overdracht", "besproken_op")),
        family_knows=str(answer(cf, "tijdlijn", "overdracht", "gezin_weet") or ""),
        trend=direct,
    )


def _is_action(a: Agreement) -> bool:
    """An action someone must still do: not a signal of relapse, not a standing rule
    (an agreement marked "doorlopend" always applies and is never "done")."""
    if (a.item.template, a.item.section) == ("borgingsplan", "signalen"):
        return False
    return not a.standing


def _after(value: str, day: dt.date) -> bool:
    """Whether a (partial) date lies after ``day``: a month or year counts from its start."""
    try:
        return PartialDate.parse(value).earliest() > day
    except (ValueError, AttributeError):
        return False
