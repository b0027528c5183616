"""A person's age on a day: the one age function of the app.

A birth date may be known to the day, the month or only the year. Then the age is only
known within a range: a child born "in 2013" is 11 or 12 on 1 June 2025. Everything
that depends on age (who consents, the vergewisplicht) asks ``age_range`` and says so
when the range straddles a boundary, instead of guessing one side of a birthday.
"""

from __future__ import annotations

import datetime as dt

from casusregie.domain.dates import PartialDate

__all__ = ["age_range", "exact_age"]


def _years(born: dt.date, day: dt.date) -> int:
    return max(day.year - born.year - ((day.month, day.day) < (born.month, born.day)), 0)


def age_range(birth: str | None, day: dt.date) -> tuple[int, int] | None:
    """(youngest, oldest) whole years on ``day``; equal when the birth date is precise
    enough. None when there is no readable birth date."""
    try:
        pd = PartialDate.parse(birth or "")
    except (ValueError, AttributeError):
        return None
    return _years(pd.latest(), day), _years(pd.earliest(), day)


def exact_age(birth: str | None, day: dt.date) -> int | None:
    """Whole years on ``day``, or None when unknown or not certain (a year alone)."""
    bounds = age_range(birth, day)
    if bounds is None or bounds[0] != bounds[1]:
        return None
    return bounds[0]
