"""The family plan stays true: its version, what is out of date, who signs, plain words.

- ``plan_version(days)``: every day on which the plan's answers changed is a version; the
  last is this one, "bijgewerkt op" its day, and it replaces the one before.
- ``plan_warnings(cf, updated, today)``: what the regisseur must know before printing: the
  review date has passed, or something happened (an incident) after the plan was made
  (its ``opgesteld_op``; the day of its last change only when that is not filled in).
- ``aard(answers)``: an afspraak is doorlopend (it always applies, and is looked at again
  on a date) unless it is marked eenmalig (something to do once, by a date).
- ``plan_signers(cf, today)``: each adult who carries an afspraak (as who does it, or who
  keeps an eye on it) and each child of 12 or older, by name.
- ``plain_words(text)``: the jargon a family never reads, replaced by plain Dutch (B1).

Pure functions: no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from casusregie.domain import redaction
from casusregie.domain.copies import age_on
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Person, Role

__all__ = [
    "DOORLOPEND",
    "EENMALIG",
    "JARGON",
    "SIGN_FROM_AGE",
    "PlanVersion",
    "aard",
    "plain_words",
    "plan_signers",
    "plan_version",
    "plan_warnings",
]

TEMPLATE = "veiligheidsplan"
DOORLOPEND, EENMALIG = "doorlopend", "eenmalig"
SIGN_FROM_AGE = 12

#: jargon -> plain words, for every copy a family member or their network reads: each
#: word (singular first) with its forms, plural or inflected ("casusbesprekingen",
#: "gedragswetenschappers", "lokale team"), each with the plain form that fits.
_FORMS: dict[str, tuple[tuple[str, str], ...]] = {
    "regisseur": (
        ("casusregisseur", "regisseur"),
        ("casusregisseurs", "regisseurs"),
        ("procesregisseur", "regisseur"),
        ("procesregisseurs", "regisseurs"),
    ),
    "regie": (("casusregie", "regie"),),
    "overleg": (
        ("casusoverleg", "overleg"),
        ("casusoverleggen", "overleggen"),
        ("casusbespreking", "overleg over jullie gezin"),
        ("casusbesprekingen", "overleggen over jullie gezin"),
    ),
    "deskundige": (
        ("gedragswetenschapper", "deskundige van het team"),
        ("gedragswetenschappers", "deskundigen van het team"),
    ),
    "wijkteam": (
        ("lokaal team", "wijkteam"),
        ("lokale team", "wijkteam"),
        ("lokale teams", "wijkteams"),
    ),
    "ots": (
        ("ondertoezichtstelling", "ondertoezichtstelling (hulp die de rechter heeft opgelegd)"),
        ("ondertoezichtstellingen", "ondertoezichtstellingen (hulp die de rechter oplegt)"),
    ),
    "gi": (
        ("gecertificeerde instelling", "jeugdbescherming"),
        ("gecertificeerde instellingen", "jeugdbescherming"),
    ),
    "taxatie": (("taxatie", "inschatting"), ("taxaties", "inschattingen")),
    "interventie": (("interventie", "hulp"), ("interventies", "hulp")),
    "multidisciplinair": (
        ("multidisciplinair", "met verschillende hulpverleners"),
        ("multidisciplinaire", "gezamenlijke"),
    ),
    "casus": (("casus", "situatie"), ("casussen", "situaties")),
}
JARGON: dict[str, str] = {form: plain for forms in _FORMS.values() for form, plain in forms}
_JARGON_RX = re.compile(
    r"(?<![^\W_])("
    + "|".join(re.escape(w) for w in sorted(JARGON, key=len, reverse=True))
    + r")(?![^\W_])",
    re.IGNORECASE,
)


#: words that make a life event an incident the plan must be looked at again for
_INCIDENT = re.compile(
    r"(?<![^\W_])(geweld|geslagen|slaat|slaan|sloeg|klap|duw|geduwd|schop|politie|"
    r"incident|huisverbod|melding|bedreig|mishandel|veilig thuis)(?:\w*)",
    re.IGNORECASE,
)


def plain_words(text: str) -> str:
    """``text`` with each jargon word replaced by its plain words (keeps a capital)."""

    def plain(m: re.Match[str]) -> str:
        word = JARGON[m.group(1).lower()]
        return word[0].upper() + word[1:] if m.group(1)[0].isupper() else word

    return _JARGON_RX.sub(plain, text)


@dataclass(frozen=True)
class PlanVersion:
    number: int
    updated_on: dt.date
    replaces: dt.date | None = None


def plan_version(days: Iterable[dt.date]) -> PlanVersion | None:
    """The version of the plan from the days on which its answers changed."""
    distinct = sorted(set(days))
    if not distinct:
        return None
    before = distinct[-2] if len(distinct) > 1 else None
    return PlanVersion(len(distinct), distinct[-1], before)


def _day(value: object, latest: bool = False) -> dt.date | None:
    if not value:
        return None
    try:
        d = PartialDate.parse(str(value))
    except ValueError:
        return None
    return d.latest() if latest else d.earliest()


def _plan_answers(cf: CaseFile, section: str) -> dict[str, object]:
    for f in cf.forms:
        if f.template == TEMPLATE and f.section == section and f.person is None:
            return dict(f.answers)
    return {}


def plan_warnings(cf: CaseFile, updated: dt.date | None, today: dt.date) -> list[str]:
    """What the regisseur should know before the plan is printed (Dutch lines)."""
    plan = _plan_answers(cf, "plan")
    # the day the family agreed on it; an import or a typo fix is no new agreement
    made = _day(plan.get("opgesteld_op")) or updated
    out: list[str] = []
    review = _day(plan.get("volgende_evaluatie"), latest=True)
    if review is not None and review < today:
        out.append(
            f"De datum om het plan samen te bekijken ({_dutch(review)}) is voorbij. "
            "Bekijk het plan eerst met het gezin."
        )
    if made is not None:
        for event in cf.sorted_events():
            when = _day(event.date)
            if when is not None and when > made and _INCIDENT.search(event.description or ""):
                out.append(
                    f"Na dit plan is er iets gebeurd ({_dutch(when)}): "
                    f"{_short(event.description)} Klopt het plan nog?"
                )
    return out


def _dutch(day: dt.date) -> str:
    return PartialDate.parse(day.isoformat()).dutch()


def _short(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def aard(answers: dict[str, object]) -> str:
    """Doorlopend unless marked eenmalig (a veiligheidsafspraak applies until reviewed)."""
    return EENMALIG if str(answers.get("aard") or "") == EENMALIG else DOORLOPEND


def _carriers(cf: CaseFile) -> set[str]:
    """Folded words of everyone named as doing or watching an afspraak or the grens."""
    words: set[str] = set()
    for item in cf.items:
        if item.template != TEMPLATE:
            continue
        keys = {"afspraken": ("owner", "checker"), "ondergrens": ("bewaker",)}.get(item.section, ())
        if item.answers.get("status") == "gedaan":
            continue
        for key in keys:
            words.update(redaction.tokens(str(item.answers.get(key) or "")))
    return words


def plan_signers(cf: CaseFile, today: dt.date) -> list[Person]:
    """Adults who carry an afspraak and children of 12 and older, in the case's order."""
    carriers = _carriers(cf)
    out = []
    for p in cf.persons:
        if p.deceased or not p.name.strip() or p.role == Role.PROFESSIONAL.value:
            continue
        if p.role == Role.KIND.value:
            age = age_on(p, today)
            if age is not None and age >= SIGN_FROM_AGE:
                out.append(p)
            continue
        first = redaction.tokens(p.name)[:1]
        full = redaction.tokens(p.name)
        if first and (first[0] in carriers or (len(full) > 1 and set(full) <= carriers)):
            out.append(p)
    return out
