"""Gefaseerd werken: first directe veiligheid, then stabiele veiligheid, then herstel.

The scaling question of each phase (seed 004, 1-10, 10 = safe enough) is asked in every
case discussion (the ``gespreksleidraad`` template, one occasion per meeting), and every
score is kept with its date and anchor text: the "thermostaat" seed 003 missed. When the
directe-veiligheid score drops below the 6, the case falls back to the veiligheidsplan.

Seed 003, veiligheidsplan: "Omschrijf hoe de '6' er uit ziet in gedrag/ feiten. [...] Als
de directe veiligheid lager dan een '6' is moet dit eerst worden opgelost." The number is
the method's (``BOTTOM_LINE``, 6 on the 1-10 scale where 10 is "veilig genoeg"); only
what the 6 *looks like* is the family's own (``veiligheidsplan.zes.zes``). It cannot be
changed per case, so a 5 never reads as good enough.

The phase of the work is the team's judgement when it gave one (the ``fase`` of the
latest case discussion, seed 004: "Gedurende het hulpverleningsproces kunnen de
ontwikkelingen in het systeem aanleiding geven om naar een volgende fase te gaan");
only without one is it read from the scores. A directe-veiligheid score under the 6
is acute whatever the team chose: "Zodra er (opnieuw) signalen zijn over de directe
veiligheid wordt eerst het veiligheidsplan weer centraal gesteld" (seed 003).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain.model import CaseFile
from casusregie.domain.rules.base import (
    AANDACHT,
    ACUUT,
    INFO,
    Finding,
    RuleSettings,
    Target,
    answer,
    instances,
    items,
)

__all__ = [
    "BOTTOM_LINE",
    "PHASES",
    "RULE",
    "Score",
    "bottom_line_score",
    "check",
    "score_history",
    "score_stage",
    "stage",
    "team_stage",
]

RULE = "gefaseerd"
MEETING = "gespreksleidraad"
#: (section prefix in the gespreksleidraad, Dutch name)
PHASES = (
    ("directe_veiligheid", "Directe veiligheid"),
    ("risicogestuurde_zorg", "Stabiele veiligheid (risicogestuurde zorg)"),
    ("herstelgerichte_zorg", "Herstel (herstelgerichte zorg)"),
)


@dataclass(frozen=True)
class Score:
    phase: str
    day: dt.date | None
    score: int
    anchor: str
    instance: str


def score_history(cf: CaseFile) -> list[Score]:
    """Every agreed score of every case discussion, oldest first."""
    out = []
    for day, inst in instances(cf, MEETING, "vooraf", "datum"):
        for phase, _ in PHASES:
            value = answer(cf, MEETING, f"{phase}_schaalvraag", "score", instance=inst)
            if isinstance(value, int | float):
                anchor = answer(cf, MEETING, f"{phase}_schaalvraag", "ankertekst", instance=inst)
                out.append(Score(phase, day, int(value), str(anchor or ""), inst))
    return out


#: "de 6": the directe-veiligheid score that is good enough (seed 003); not per case
BOTTOM_LINE = 6


def bottom_line_score(cf: CaseFile, settings: RuleSettings) -> int:
    """The score that is "good enough": always the method's 6 (see the docstring)."""
    return BOTTOM_LINE


def team_stage(cf: CaseFile) -> str | None:
    """The phase the team chose at its latest case discussion, if it chose one."""
    keys = {p for p, _ in PHASES}
    for _day, inst in reversed(instances(cf, MEETING, "vooraf", "datum")):
        value = answer(cf, MEETING, "vooraf", "fase", instance=inst)
        if value in keys:
            return str(value)
    return None


def score_stage(cf: CaseFile) -> str:
    """The phase read from the latest scores alone."""
    bottom = BOTTOM_LINE
    latest = {s.phase: s.score for s in score_history(cf)}
    direct = latest.get("directe_veiligheid")
    if direct is None or direct < bottom:
        return "directe_veiligheid"
    stable = latest.get("risicogestuurde_zorg")
    if stable is None or stable < bottom:
        return "risicogestuurde_zorg"
    return "herstelgerichte_zorg"


def stage(cf: CaseFile, settings: RuleSettings) -> str:
    """Which phase the work is in now: the team's judgement, else the scores."""
    return team_stage(cf) or score_stage(cf)


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    findings = []
    bottom = bottom_line_score(cf, settings)
    history = score_history(cf)
    names = dict(PHASES)
    current = stage(cf, settings)
    direct = [s for s in history if s.phase == "directe_veiligheid"]
    trend = ", ".join(str(s.score) for s in direct[-4:])
    findings.append(
        Finding(
            RULE,
            "fase_werk",
            f"Nu aan de orde: {names[current]}."
            + (f" Directe veiligheid over de tijd: {trend}." if trend else ""),
            INFO,
            target=Target(template=MEETING),
        )
    )
    if not direct:
        findings.append(
            Finding(
                RULE,
                "geen_schaalvraag",
                "Er is nog geen schaalvraag voor de directe veiligheid gesteld "
                "(hoe veilig is het nu?).",
                AANDACHT,
                target=Target(template=MEETING, section="directe_veiligheid_schaalvraag"),
            )
        )
    elif direct[-1].score < bottom:
        last = direct[-1]
        findings.append(
            Finding(
                RULE,
                "terug_naar_veiligheidsplan",
                f"De directe veiligheid scoort {last.score}, onder de {bottom}: "
                "terug naar het veiligheidsplan."
                + (
                    f" Het team koos in het laatste overleg '{names[current]}', maar eerst "
                    "moet de directe veiligheid weer op orde zijn."
                    if current != "directe_veiligheid"
                    else ""
                ),
                ACUUT,
                target=Target(template="veiligheidsplan", section="afspraken"),
            )
        )
    if current == "directe_veiligheid" and not any(items(cf, "veiligheidsplan", "afspraken")):
        findings.append(
            Finding(
                RULE,
                "geen_veiligheidsafspraken",
                "Er zijn nog geen veiligheidsafspraken, terwijl de directe veiligheid aan de "
                "orde is.",
                AANDACHT,
                target=Target(template="veiligheidsplan", section="afspraken"),
            )
        )
    return findings
