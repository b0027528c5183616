"""Rules of the method: they nudge and show, they never block saving.

Seed 004 warns against "papieren tijgers": a rule that refuses to save makes people
write to satisfy the form. So every rule returns ``Finding``s, each naming what is
missing or overdue and where to fix it; saving is never refused.

``check_case(case_file, today)`` runs every rule and returns the findings ranked: acute
first, then aandacht, administratief, info (``base.SEVERITIES``); ``grouped`` puts
repeated findings of one rule together. Each rule lives in its own module and is tested
on its own, with its edges (exactly 13 weeks; a child turning 12, 16 or 18).
"""

from __future__ import annotations

import datetime as dt

from casusregie.domain.model import CaseFile
from casusregie.domain.rules import (
    agreements,
    children,
    decisions,
    facts,
    handover,
    meetings,
    phase,
    safety,
    weighing,
)
from casusregie.domain.rules.base import (
    SEVERITIES,
    SEVERITY_LABELS,
    Finding,
    RuleSettings,
    Target,
    grouped,
    ranked,
)

__all__ = [
    "RULES",
    "SEVERITIES",
    "SEVERITY_LABELS",
    "Finding",
    "RuleSettings",
    "Target",
    "check_case",
    "grouped",
    "ranked",
]

#: rule id -> Dutch name, in the order a regisseur reads them
RULES: dict[str, str] = {
    phase.RULE: "Fase van de casus",
    safety.RULE: "Gefaseerd werken (veiligheid eerst)",
    weighing.RULE: "Weging en veiligheidstaxatie",
    handover.RULE: "100% schone overdracht",
    meetings.RULE: "Netwerkberaad (minstens elke 13 weken)",
    children.RULE: "Vergewisplicht: elk kind gesproken",
    agreements.RULE: "Afspraken",
    decisions.RULE: "Besluiten, evaluaties en escalatie",
    facts.RULE: "Feiten en aannames",
}


def check_case(cf: CaseFile, today: dt.date, settings: RuleSettings | None = None) -> list[Finding]:
    settings = settings or RuleSettings()
    findings: list[Finding] = []
    findings += phase.check(cf, today, settings)
    findings += safety.check(cf, today, settings)
    findings += weighing.check(cf, today, settings)
    findings += handover.check(cf, today, settings)
    findings += meetings.check(cf, today, settings)
    findings += children.check(cf, today, settings)
    findings += agreements.check(cf, today, settings)
    findings += decisions.check(cf, today, settings)
    findings += facts.check(cf, today, settings)
    return ranked(findings)
