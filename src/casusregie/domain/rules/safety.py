"""Gefaseerd werken: first directe veiligheid, then stabiele veiligheid, then herstel.

The scaling question of each phase (seed 004, 1-10, 10 = safe enough) is asked in every
case discussion (the ``gespreksleidraad`` template, one occasion per meeting), and every
score is kept with its date and anchor text: the "thermostaat" seed 003 missed. When the
directe-veiligheid score drops below the agreed bottom (the "6" of the veiligheidsplan),
the case falls back to the veiligheidsplan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusregie.domain.model import CaseFile
from casusregie.domain.rules.base import (
    Finding,
    RuleSettings,
    Target,
    answer,
    instances,
    items,
)

__all__ = ["PHASES", "RULE", "Score", "bottom_line_score", "check", "score_history", "stage"]

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


def bottom_line_score(cf: CaseFile, settings: RuleSettings) -> int:
    """The score agreed as "good enough" (veiligheidsplan, "de 6"), else the default."""
    value = answer(cf, "veiligheidsplan", "zes", "ondergrens_cijfer")
    return int(value) if isinstance(value, int | float) else settings.default_safety_bottom


def stage(cf: CaseFile, settings: RuleSettings) -> str:
    """Which phase the work is in now, from the latest scores."""
    bottom = bottom_line_score(cf, settings)
    latest = {s.phase: s.score for s in score_history(cf)}
    direct = latest.get("directe_veiligheid")
    if direct is None or direct < bottom:
        return "directe_veiligheid"
    stable = latest.get("risicogestuurde_zorg")
    if stable is None or stable < bottom:
        return "risicogestuurde_zorg"
    return "herstelgerichte_zorg"


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
            level="info",
            target=Target(template=MEETING),
        )
    )
    if not direct:
        findings.append(
            Finding(
                RULE,
                "geen_schaalvraag",
                "Er is nog geen schaalvraag voor de directe veiligheid gesteld.",
                target=Target(template=MEETING, section="directe_veiligheid_schaalvraag"),
            )
        )
    elif direct[-1].score < bottom:
        last = direct[-1]
        findings.append(
            Finding(
                RULE,
                "terug_naar_veiligheidsplan",
                f"De directe veiligheid scoort {last.score}, onder de afgesproken {bottom}: "
                "terug naar het veiligheidsplan.",
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
                target=Target(template="veiligheidsplan", section="afspraken"),
            )
        )
    return findings
