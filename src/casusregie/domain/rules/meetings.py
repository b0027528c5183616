"""Netwerkberaad at least every 13 weeks (configurable).

The next one is due 13 weeks after the last (or after the case opened, when there was
none yet), or earlier when an earlier next date was agreed. Exactly 13 weeks after is
still on time; the day after is overdue. A netwerkberaad dated after today is planned,
not held: it does not count until its day (seed 004: the plan is checked "minstens elke
13 weken" in a netwerkberaad that took place).
"""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile
from casusregie.domain.rules.base import (
    AANDACHT,
    ADMINISTRATIEF,
    INFO,
    Finding,
    RuleSettings,
    Target,
    answer,
    instances,
    parse_day,
)

__all__ = ["RULE", "check", "next_due"]

RULE = "netwerkberaad"
TEMPLATE = "netwerkberaad"


def next_due(
    cf: CaseFile, settings: RuleSettings, today: dt.date | None = None
) -> tuple[dt.date | None, dt.date | None]:
    """(date of the last netwerkberaad held by ``today`` or None, date the next one is
    due or None). Without ``today`` every dated one counts."""
    held = [
        (d, i)
        for d, i in instances(cf, TEMPLATE, "beraad", "datum")
        if d is not None and (today is None or d <= today)
    ]
    interval = dt.timedelta(weeks=settings.netwerkberaad_weeks)
    if not held:
        opened = parse_day(cf.case.opened_on)
        return None, (opened + interval if opened else None)
    last_day, last_instance = held[-1]
    due = last_day + interval
    agreed = parse_day(answer(cf, TEMPLATE, "beraad", "volgende_datum", instance=last_instance))
    if agreed is not None and agreed > last_day:
        due = min(due, agreed)
    return last_day, due


def _nl(day: dt.date) -> str:
    return PartialDate.from_date(day).dutch()


def check(cf: CaseFile, today: dt.date, settings: RuleSettings) -> list[Finding]:
    last, due = next_due(cf, settings, today)
    planned = [
        d for d, _ in instances(cf, TEMPLATE, "beraad", "datum") if d is not None and d > today
    ]
    target = Target(template=TEMPLATE, section="beraad", field="datum")
    if due is None:
        return [
            Finding(
                RULE,
                "geen_netwerkberaad",
                "Er is nog geen netwerkberaad gehouden"
                + (f" (gepland: {_nl(min(planned))})." if planned else " of gepland."),
                ADMINISTRATIEF if planned else AANDACHT,
                target,
            )
        ]
    since = f"het laatste was op {_nl(last)}" if last else "er was nog geen netwerkberaad"
    if today > due:
        return [
            Finding(
                RULE,
                "netwerkberaad_te_laat",
                f"Netwerkberaad te laat: {since}; het volgende moest uiterlijk {_nl(due)}"
                + (f" (gepland: {_nl(min(planned))})." if planned else "."),
                AANDACHT,
                target,
            )
        ]
    return [
        Finding(
            RULE,
            "volgend_netwerkberaad",
            f"Volgend netwerkberaad uiterlijk {_nl(due)} ({since})"
            + (f"; gepland op {_nl(min(planned))}." if planned else "."),
            INFO,
            target,
        )
    ]
