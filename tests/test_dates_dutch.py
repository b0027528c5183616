"""Dates typed the Dutch way (``domain.dates.parse_dutch``): what the date fields accept."""

from __future__ import annotations

import pytest

from casusregie.domain.dates import PartialDate, parse_dutch


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2016", "2016"),
        ("2016-05", "2016-05"),
        ("2016-05-14", "2016-05-14"),
        ("05-2016", "2016-05"),
        ("5/2016", "2016-05"),
        ("14-05-2016", "2016-05-14"),
        ("14/5/2016", "2016-05-14"),
        ("14.5.2016", "2016-05-14"),
        ("mei 2016", "2016-05"),
        ("14 mei 2016", "2016-05-14"),
        ("14 Mrt. 2016", "2016-03-14"),
        ("1 sept 2020", "2020-09-01"),
        ("  3  oktober   2001 ", "2001-10-03"),
    ],
)
def test_accepted(typed: str, stored: str) -> None:
    assert str(parse_dutch(typed)) == stored
    assert parse_dutch(typed) == PartialDate.parse(stored)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "er is geen datum ingevuld"),
        ("16", "geen datum"),  # which century?
        ("14 mei 16", "geen datum"),
        ("gisteren", "geen datum"),
        ("14 foo 2016", "geen datum"),
        ("٢٠١٦", "geen datum"),  # other digits than 0-9
        ("31-02-2016", "bestaat niet"),
        ("2016-13", "bestaat niet"),
        ("00-2016", "bestaat niet"),
        ("0000", "bestaat niet"),
    ],
)
def test_refused_in_dutch(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_dutch(typed)
