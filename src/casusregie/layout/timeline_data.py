"""What the tijdlijn shows, before any drawing: the period, the events, the help.

``select`` applies the zoom (a period) and the person filter, turns partial dates into
day ranges, and marks legal milestones (OTS, zitting, huisverbod...) and repeated help
on one leefgebied. The drawing is in ``timeline``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, HelpEpisode, LifeEvent

__all__ = ["Bar", "Mark", "Selection", "event_numbers", "legal_label", "select"]


def event_numbers(cf: CaseFile) -> dict[str, int]:
    """The number of each life event on paper: 1, 2, ... in date order. The tijdlijn
    shows these numbers and the table under it the full texts (one source for both)."""
    return {e.id: n for n, e in enumerate(cf.sorted_events(), start=1)}


#: (pattern, label): the first that matches names the milestone
_LEGAL = (
    (r"huisverbod", "Huisverbod"),
    (r"\bOTS\b|ondertoezichtstelling", "OTS"),
    (r"uithuisplaatsing", "Uithuisplaatsing"),
    (r"zitting|kinderrechter|rechtbank", "Zitting"),
    (r"\bgezag\b", "Gezag"),
    (r"zorg- en veiligheidshuis", "Zorg- en Veiligheidshuis"),
    (r"politie", "Politie"),
)
LEGAL_CATEGORIES = {"juridisch", "justitie", "ots", "zitting", "huisverbod", "maatregel"}


def legal_label(event: LifeEvent) -> str:
    """A short label when the event is a legal milestone, else ''.

    An event counts when it is on the leefgebied *justitie* or has a legal category;
    the label is the first legal term in its description ('Justitie' if none).
    """
    category = (event.category or "").lower()
    if event.leefgebied != "justitie" and category not in LEGAL_CATEGORIES:
        return ""
    for pattern, label in _LEGAL:
        if re.search(pattern, event.description, re.IGNORECASE):
            return label
    return category.capitalize() if category and category != "justitie" else "Justitie"


def _range(start: str | None, end: str | None) -> tuple[dt.date, dt.date] | None:
    try:
        first = PartialDate.parse(start or "")
    except ValueError:
        return None
    try:
        last = PartialDate.parse(end).latest() if end else first.latest()
    except ValueError:
        last = first.latest()
    return first.earliest(), max(last, first.earliest())


@dataclass(frozen=True)
class Mark:
    event: LifeEvent
    start: dt.date
    end: dt.date
    legal: str


@dataclass(frozen=True)
class Bar:
    episode: HelpEpisode
    start: dt.date
    end: dt.date
    ongoing: bool
    #: help on this leefgebied had ended before this one started: help started again
    repeated: bool


@dataclass(frozen=True)
class Selection:
    start: dt.date
    end: dt.date
    marks: list[Mark]
    bars: list[Bar]


def select(
    cf: CaseFile,
    start: dt.date | None = None,
    end: dt.date | None = None,
    persons: Collection[str] | None = None,
    as_of: dt.date | None = None,
) -> Selection | None:
    """The events and help in the period (all of it by default) involving ``persons``."""

    def wanted(ids: list[str]) -> bool:
        return persons is None or bool(set(ids) & set(persons))

    marks: list[Mark] = []
    for event in sorted(cf.life_events, key=lambda ev: (ev.date, ev.id)):
        span = _range(event.date, event.end_date)
        if span and wanted(event.persons):
            marks.append(Mark(event, span[0], span[1], legal_label(event)))
    raw: list[tuple[HelpEpisode, dt.date, dt.date | None]] = []
    for h in sorted(cf.help_episodes, key=lambda h: (h.start or "", h.id)):
        span = _range(h.start, h.end)
        if span and wanted(h.persons):
            raw.append((h, span[0], span[1] if h.end else None))
    dates = [m.start for m in marks] + [m.end for m in marks]
    dates += [s for _, s, _ in raw] + [e for _, _, e in raw if e]
    if not dates:
        return None
    last = as_of or max(dates)
    lo = start or min(dates)
    hi = end or max([*dates, last] if any(e is None for _, _, e in raw) else dates)
    if hi <= lo:
        hi = lo + dt.timedelta(days=31)
    marks = [m for m in marks if m.end >= lo and m.start <= hi]
    bars_in = [(h, s, e or max(last, s)) for h, s, e in raw]
    bars_in = [(h, s, e) for h, s, e in bars_in if e >= lo and s <= hi]
    ended: dict[str, list[dt.date]] = defaultdict(list)
    for h, _, e in raw:
        if h.leefgebied and e is not None:
            ended[h.leefgebied].append(e)
    bars = [
        Bar(h, max(s, lo), min(e, hi), h.end is None, any(x < s for x in ended[h.leefgebied]))
        for h, s, e in bars_in
    ]
    return Selection(lo, hi, marks, bars)
