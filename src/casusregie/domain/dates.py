"""Dates as families tell them: a year, a month or a day.

"In 2016 gingen ze uit elkaar" is a fact with year precision. ``PartialDate`` keeps the
precision instead of inventing a day, and orders dates so that a year sorts before
every date inside it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["MONTHS", "PartialDate", "Precision", "parse_dutch"]

_PATTERN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")


class Precision(StrEnum):
    YEAR = "jaar"
    MONTH = "maand"
    DAY = "dag"


@dataclass(frozen=True, order=False)
class PartialDate:
    """A date known to the year, the month or the day. ISO text: 2016, 2016-05, 2016-05-14."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("een dag zonder maand")
        # Let datetime check ranges (month 0 or 13, 30 February, ...).
        dt.date(
            self.year,
            1 if self.month is None else self.month,
            1 if self.day is None else self.day,
        )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError("geen datum (verwacht JJJJ, JJJJ-MM of JJJJ-MM-DD)")
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, date: dt.date) -> PartialDate:
        return cls(date.year, date.month, date.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        if self.day is not None:
            return self.earliest()
        if self.month is not None:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __str__(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def dutch(self) -> str:
        """Readable Dutch form: '14 mei 2016', 'mei 2016', '2016'."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"


#: the Dutch month names, January first
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
#: what people type for a month: full names and the usual short forms
_MONTH_WORDS = (
    {name: n for n, name in enumerate(MONTHS, start=1)}
    | {name[:3]: n for n, name in enumerate(MONTHS, start=1)}
    | {"mrt": 3, "sept": 9, "okt": 10}
)
_NUMERIC = re.compile(r"^(?:([0-9]{1,2})[-/. ])?([0-9]{1,2})[-/. ]([0-9]{4})$")
_WORDS = re.compile(r"^(?:([0-9]{1,2})\.?\s+)?([a-z]+)\.?\s+([0-9]{4})$")


def parse_dutch(text: str) -> PartialDate:
    """A date as people type it in the Netherlands: "2016", "2016-05", "05-2016",
    "14-05-2016", "14/5/2016", "mei 2016", "14 mei 2016" (also "14 mrt. 2016").

    Raises ``ValueError`` with a Dutch message when it is not a date. Two-digit years
    are refused: "16" could be 1916 or 2016.
    """
    clean = " ".join(text.strip().lower().split())
    if not clean:
        raise ValueError("er is geen datum ingevuld")
    wrong = "geen datum: typ bijvoorbeeld 2016, 05-2016, 14-05-2016 of 14 mei 2016"
    if not clean.isascii():  # no other digits than 0-9, no look-alike letters
        raise ValueError(wrong)
    iso = _PATTERN.match(clean)
    if iso:
        y, m, d = (int(g) if g else None for g in iso.groups())
        assert y is not None
        return _checked(y, m, d)
    match = _NUMERIC.match(clean)
    if match:
        day, month, year = match.groups()
        return _checked(int(year), int(month), int(day) if day else None)
    match = _WORDS.match(clean)
    if match and match.group(2) in _MONTH_WORDS:
        day, word, year = match.groups()
        return _checked(int(year), _MONTH_WORDS[word], int(day) if day else None)
    raise ValueError(wrong)


def _checked(year: int, month: int | None, day: int | None) -> PartialDate:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        raise ValueError("deze datum bestaat niet") from None
