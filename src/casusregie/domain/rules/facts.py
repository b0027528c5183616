"""Feiten en aannames: a worry is a fact with its source, or marked as an assumption."""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Certainty
from casusregie.domain.rules.base import ADMINISTRATIEF, Finding, RuleSettings, Target, filled

__all__ = ["RULE", "check"]

RULE = "feiten"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "..."


def _when(date: str) -> str:
    try:
        return PartialDate.parse(date).dutch()
    except (ValueError, AttributeError):
        return "datum onbekend"


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    findings = []
    for event in cf.sorted_events():
        if event.certainty == Certainty.FEIT.value and not filled(event.source):
            findings.append(
                Finding(
                    RULE,
                    "feit_zonder_bron",
                    f"Gebeurtenis '{_short(event.description)}' ({_when(event.date)}) staat "
                    "als feit, maar zonder bron: noem de bron of markeer het als aanname.",
                    ADMINISTRATIEF,
                    target=Target(
                        template="tijdlijn",
                        section="tijdlijn",
                        field="source",
                        entity_type="life_event",
                        entity_id=event.id,
                    ),
                )
            )
    return findings
