"""The demo profile: a separate store holding an invented family, for trying the app.

Its passphrase is public (shown on the unlock screen): it holds no real data.

The family is written as of ``DEMO_REFERENCE`` (the day its file was exported). So that
the demo never shows "362 dagen geleden" or a child a year older than its texts say,
``ensure_demo_profile`` moves every date in it by the days between that reference and
the day the profile is made (``shift_document``): full dates by the days, dates known to
the month by whole months, years by whole years, in the structured fields and in the
texts alike ("13 maart", "januari 2025", "in 2018"). ``demo_document()`` without a day
is the file as written, for tests that depend on its dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from casusregie.domain.dates import MONTHS
from casusregie.domain.errors import StoreExists
from casusregie.store.profile import Profile, demo_profile_dir

__all__ = [
    "DEMO_PASSPHRASE",
    "DEMO_REFERENCE",
    "demo_document",
    "ensure_demo_profile",
    "shift_document",
]

DEMO_PASSPHRASE = "demo-wachtwoord"
#: the day the demo family's texts are written as of
DEMO_REFERENCE = dt.date(2025, 12, 18)

_MONTH = "|".join(MONTHS)
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
#: one pass over a text, most specific first; each match is shifted once
_PATTERN = re.compile(
    rf"(?P<iso>\b\d{{4}}-\d{{2}}-\d{{2}}(?:T[0-9:.]+Z?)?)"
    rf"|(?P<isomonth>(?<![\d-])\d{{4}}-\d{{2}}(?![\d-]))"
    rf"|(?P<dm>\b(?P<d>[0-3]?\d) (?P<m1>{_MONTH})(?: (?P<y1>{_YEAR}))?\b)"
    rf"|(?P<my>\b(?P<m2>{_MONTH}) (?P<y2>{_YEAR})\b)"
    rf"|(?P<year>(?<![\d.,-]){_YEAR}(?![\d-]))",
    re.IGNORECASE,
)


def demo_document(today: dt.date | None = None) -> dict[str, object]:
    """The demo case file; with ``today``, its dates moved so that ``DEMO_REFERENCE``
    falls on ``today``."""
    from casusregie.templates import resource_path  # loaded late: not needed to start

    data: dict[str, object] = json.loads(
        resource_path("demo", "familie-demo.json").read_text(encoding="utf-8")
    )
    if today is None:
        return data
    return shift_document(data, (today - DEMO_REFERENCE).days)


class _Shift:
    def __init__(self, days: int) -> None:
        self.days = days
        self.months = round(days / 30.4375)
        self.years = round(days / 365.25)

    def day(self, day: dt.date) -> dt.date:
        return day + dt.timedelta(days=self.days)

    def month(self, year: int, month: int) -> tuple[int, int]:
        n = year * 12 + (month - 1) + self.months
        return n // 12, n % 12 + 1

    def text(self, text: str) -> str:
        return _PATTERN.sub(self._one, text)

    def _one(self, m: re.Match[str]) -> str:
        if m.group("iso"):
            raw = m.group("iso")
            try:
                moved = self.day(dt.date.fromisoformat(raw[:10]))
            except ValueError:
                return raw
            return moved.isoformat() + raw[10:]
        if m.group("isomonth"):
            y, mo = (int(p) for p in m.group("isomonth").split("-"))
            if not 1 <= mo <= 12:
                return m.group(0)
            y, mo = self.month(y, mo)
            return f"{y:04d}-{mo:02d}"
        if m.group("dm"):
            return self._day_month(m)
        if m.group("my"):
            y, mo = self.month(int(m.group("y2")), MONTHS.index(m.group("m2").lower()) + 1)
            return f"{_cased(MONTHS[mo - 1], m.group('m2'))} {y}"
        return str(int(m.group("year")) + self.years)

    def _day_month(self, m: re.Match[str]) -> str:
        month = MONTHS.index(m.group("m1").lower()) + 1
        day = int(m.group("d"))
        year = m.group("y1")
        try:
            if year:
                when = dt.date(int(year), month, day)
            else:  # "13 maart": the one nearest to the reference day
                when = min(
                    (
                        dt.date(y, month, day)
                        for y in (DEMO_REFERENCE.year - 1, DEMO_REFERENCE.year)
                        if _valid(y, month, day)
                    ),
                    key=lambda d: abs((d - DEMO_REFERENCE).days),
                )
        except ValueError:
            return m.group(0)
        moved = self.day(when)
        text = f"{moved.day} {_cased(MONTHS[moved.month - 1], m.group('m1'))}"
        return f"{text} {moved.year}" if year else text


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _cased(word: str, like: str) -> str:
    return word.capitalize() if like[:1].isupper() else word


def shift_document(doc: Any, days: int) -> Any:
    """A copy of ``doc`` with every date moved by ``days`` (see the module docstring).
    Ids that hold a date ("cb-2025-03-27") move the same way everywhere they occur."""
    shift = _Shift(days)

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str):
            return shift.text(value)
        return value

    return walk(doc) if days else json.loads(json.dumps(doc))


def ensure_demo_profile(today: dt.date | None = None) -> Profile:
    """The demo profile, created and filled on first use, with the family's dates moved
    to ``today`` (the day the profile is made)."""
    profile = Profile(demo_profile_dir())
    if not profile.exists():
        from casusregie.store.caseio import import_case  # jsonschema: only when making it

        try:
            store = profile.create(DEMO_PASSPHRASE, author="Demo-regisseur", use_keyring=False)
        except StoreExists:  # another start is making it right now: use that one
            return profile
        try:
            import_case(
                store,
                demo_document(today or dt.date.today()),
                action="Demogezin ingelezen",
            )
        finally:
            store.close()
    return profile
