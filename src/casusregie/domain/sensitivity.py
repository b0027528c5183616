"""What a row is about, and so under which privacy category it may travel.

Consent for "the tijdlijn" (relaties, hulpverlening) is not consent for the health facts
or police contacts that happen to be written in it (AVG art. 9 and 10, DOMAIN.md). So a
life event, a help episode and an emotional relation in the genogram each get a
category that follows their content:

- health, (jeugd-)GGZ, addiction, medication, a diagnosis, therapy or trauma treatment:
  ``gezondheid``;
- police, the OM, a huisverbod, a criminal case, detention, the kinderrechter:
  ``justitie``;
- a violence line in the genogram: ``veiligheid``.

``topic_of`` says what a plan's row speaks of (health, justice or money), for the copies
of the family plan (``domain.copies``): the same word stems, plus ``FINANCE``, and a
call for help ("bel de politie") is an instruction, not a police contact.

``suggest`` looks at the leefgebied, the provider and the text (Dutch word stems, see
``HEALTH`` and ``JUSTICE``) and says why. The regisseur sees the suggestion in the row
editor and may choose another category (``privacy`` on the row); that choice wins.
When the text points at two sensitive categories at once the app cannot settle it:
``effective_category`` is then None and the row is held back (fail closed) until the
regisseur chooses.

Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "FINANCE",
    "FINANCIEN",
    "GEZONDHEID",
    "HEALTH",
    "JUSTICE",
    "JUSTITIE",
    "LEEFGEBIED_CATEGORY",
    "ROW_BASE",
    "VEILIGHEID",
    "Suggestion",
    "effective_category",
    "is_classified_row",
    "row_texts",
    "suggest",
    "text_category",
    "topic_of",
]

GEZONDHEID = "gezondheid"
JUSTITIE = "justitie"
VEILIGHEID = "veiligheid"
FINANCIEN = "financien"

#: the category a row has when nothing sensitive is in it (by entity type)
ROW_BASE = {"life_event": "relaties", "help_episode": "hulpverlening", "item": "relaties"}

#: the list of genogram lines whose rows are classified (template, section)
EMOTIONAL = ("genogram", "emotionele_relaties")

#: leefgebieden (seed 003, plus the child's own health) that settle the category
LEEFGEBIED_CATEGORY = {
    "gezondheid_ouders": GEZONDHEID,
    "gezondheid_kind": GEZONDHEID,
    "justitie": JUSTITIE,
}

#: word stems: a word *starting* with one of these (after a word boundary) matches;
#: a trailing "$" means the whole word; a leading "=" matches the case exactly (an
#: acronym such as OM, which is also the everyday word "om").
HEALTH = (
    # mental health care and its professionals
    "ggz", "jeugd-ggz", "jeugdggz", "basis-ggz", "poh-ggz", "poh ggz", "ggz-", "psychiat",
    "psycholo", "psychother", "psychos", "psychotisch", "regiebehandelaar", "behandelaar",
    "orthopedago", "gz-psycholoog", "kinder- en jeugdpsychiat", "crisisdienst", "crisisopname",
    "kliniek", "klinische opname", "opname in", "opgenomen in", "ziekenhuis", "huisarts",
    "jeugdarts", "kinderarts", "neuroloog", "arts$", "artsen$", "dokter", "consultatiebureau",
    "verpleegkundig", "fysiotherap", "logopedi", "ergotherap",
    # diagnoses and conditions
    "diagnose", "gediagnosticeerd", "adhd", "=ADD$", "autis", "=ASS$", "autismespectrum",
    "asperger", "pdd-nos",
    "lvb", "verstandelijke beperking", "verstandelijk beperkt", "beperking", "handicap",
    "depressi", "depressief", "somber", "angststoorn", "angstig", "angsten", "paniekaanval",
    "trauma", "getraumatiseerd", "ptss", "ptsd", "hechtingsstoorn", "hechtingsprobl",
    "gedragsstoorn", "=ODD$", "borderline", "persoonlijkheidsstoorn", "bipolair", "manisch",
    "schizo", "eetstoorn", "anorexia", "boulimi", "burn-out", "burnout", "overspannen",
    "uitputting", "suïcid", "suicid", "zelfmoord", "zelfdoding", "doodsgedacht",
    "zelfbeschadig", "automutilat", "zichzelf snijdt", "postnata", "ziekte", "ziek$",
    "zieke", "kanker", "diabetes", "epilep", "hartaanval", "herseninfarct", "hersenletsel",
    "=NAH$", "chronisch", "medisch", "gezondheid", "psychisch", "mentale gezondheid",
    "slaapprobl", "slapeloos", "nachtmerries",
    # medication
    "medicatie", "medicijn", "pillen", "ritalin", "methylfenidaat", "concerta", "dexamfetamine",
    "antidepressiv", "antipsychotic", "slaappil", "slaapmiddel", "kalmeringsmiddel",
    "oxazepam", "diazepam", "lithium", "risperidon", "melatonine", "voorgeschreven",
    # therapy and treatment
    "therapie", "therapeut", "behandeling", "behandeld", "behandelplan", "emdr", "=CGT$",
    "cognitieve gedragstherapie", "traumabehandel", "traumaverwerk", "speltherapie",
    "vaktherapie", "=PMT$",
    # addiction
    "verslav", "alcohol", "drank", "dronken", "gedronken", "drinkt", "drinken", "zuipen",
    "drugs", "drugsgebruik", "cannabis", "wiet", "blowen", "blowt", "blowde", "hasj", "coke",
    "cocaïne", "cocaine", "heroïne", "heroine", "xtc", "speed$", "lachgas", "gokken",
    "gokverslav", "gokschuld", "afkick", "ontwenning", "detox", "tactus", "brijder",
    "novadic", "jellinek", "iriszorg", "verslavingszorg", "verslavingsarts",
    "parnassia", "ggz-instelling", "kenter", "lucertis", "yulius", "youz",
)  # fmt: skip

JUSTICE = (
    "politie", "wijkagent", "agenten", "arrestatie", "gearresteerd", "aangehouden",
    "aanhouding", "opgepakt", "verhoor", "verhoord", "aangifte", "proces-verbaal",
    "openbaar ministerie", "=OM$", "officier van justitie", "justitie", "justitieel",
    "justitiële", "strafzaak", "strafzaken", "strafrecht", "strafblad", "taakstraf",
    "werkstraf", "leerstraf", "celstraf", "gevangenisstraf", "voorwaardelijk", "boete",
    "veroordeeld", "veroordeling", "vonnis", "dagvaard", "verdacht", "verdenking",
    "delict", "misdrijf", "overtreding", "strafbaar", "advocaat", "rechtbank", "rechter",
    "kinderrechter", "zitting", "raad voor de kinderbescherming", "rvdk", "=OTS$",
    "ondertoezichtstelling", "uithuisplaatsing", "machtiging", "voogdij", "gezagsbeëindig",
    "reclassering", "detentie", "gedetineerd", "gevangenis", "cel$", "in de cel", "=PI$",
    "penitentiair", "jeugdinrichting", "jji", "tbs", "enkelband", "huisverbod",
    "contactverbod", "straatverbod", "gebiedsverbod", "locatieverbod", "halt-", "halt$",
    "zorg- en veiligheidshuis", "veiligheidshuis", "meldkamer",
)  # fmt: skip

#: money trouble: a topic for the copies of the plan (a category of its own in sync:
#: ``financien`` fields), not a signal that moves a row's category
FINANCE = (
    "schulden", "schuldhulp", "schuldsaner", "schuldeiser", "budgetbeheer",
    "budgetcoach", "bewind", "ontruim", "huurachterstand", "betalingsachterstand",
    "uitkering", "incasso", "deurwaarder", "beslag", "loonbeslag", "kredietbank",
    "voedselbank",
)  # fmt: skip

#: the genogram's violence line
VIOLENCE_KINDS = frozenset({"violence"})


def _pattern(stems: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(case-insensitive, exact-case) patterns for the stems."""
    loose: list[str] = []
    exact: list[str] = []
    for stem in stems:
        plain = stem.lstrip("=").rstrip("$")
        text = re.escape(plain) + (r"(?![\w-])" if stem.endswith("$") else "")
        (exact if stem.startswith("=") else loose).append(text)

    def build(parts: list[str], flags: int) -> re.Pattern[str]:
        return re.compile(r"(?<![\w-])(" + "|".join(parts or ["(?!)"]) + ")", flags)

    return build(loose, re.IGNORECASE), build(exact, 0)


_HEALTH = _pattern(HEALTH)
_JUSTICE = _pattern(JUSTICE)
_FINANCE = _pattern(FINANCE)

#: "bel de politie", "de politie bellen", "waarschuw de wijkagent": what to do in danger
_CALL_FOR_HELP = re.compile(
    r"(?<![\w-])(?:bel|belt|bellen|belde|waarschuw\w*)(?![\w-])[^.,;:!?]{0,25}?"
    r"(?<![\w-])(?:politie|wijkagent|meldkamer)(?![\w-])"
    r"|(?<![\w-])(?:politie|wijkagent)(?![\w-])[^.,;:!?]{0,15}?"
    r"(?<![\w-])(?:bellen|gebeld|waarschuwen)(?![\w-])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Suggestion:
    """What the app proposes for a row: the category (None: cannot settle) and why."""

    category: str | None
    reason: str
    #: the sensitive categories the content points at (empty: none)
    signals: tuple[str, ...] = ()


def is_classified_row(entity_type: str, template: str = "", section: str = "") -> bool:
    """Whether rows of this kind get a content-aware category."""
    if entity_type in ("life_event", "help_episode"):
        return True
    return entity_type == "item" and (template, section) == EMOTIONAL


#: the text attributes read per entity type (items: answer keys)
_TEXT_FIELDS = {
    "life_event": ("description", "source", "category"),
    "help_episode": ("provider", "reason", "goals", "result", "contact"),
    "item": ("toelichting",),
}


def row_texts(entity_type: str, values: dict[str, Any]) -> list[str]:
    return [
        str(values.get(name) or "")
        for name in _TEXT_FIELDS.get(entity_type, ())
        if isinstance(values.get(name), str)
    ]


def _first(patterns: tuple[re.Pattern[str], re.Pattern[str]], texts: list[str]) -> str:
    """The earliest matching word in the texts ('' if none)."""
    for text in texts:
        hits = [m for p in patterns if (m := p.search(text)) is not None]
        if hits:
            return min(hits, key=lambda m: m.start()).group(1)
    return ""


def suggest(entity_type: str, values: dict[str, Any]) -> Suggestion:
    """The app's proposal for one row (``values``: its attributes, or for an item its
    answers), with a Dutch reason that quotes the deciding word."""
    base = ROW_BASE.get(entity_type, "relaties")
    found: dict[str, str] = {}
    if entity_type == "item" and values.get("soort") in VIOLENCE_KINDS:
        found[VEILIGHEID] = "een lijn van geweld"
    leefgebied = str(values.get("leefgebied") or "")
    if leefgebied in LEEFGEBIED_CATEGORY:
        found.setdefault(LEEFGEBIED_CATEGORY[leefgebied], f"leefgebied '{leefgebied}'")
    texts = row_texts(entity_type, values)
    for category, pattern in ((GEZONDHEID, _HEALTH), (JUSTITIE, _JUSTICE)):
        word = _first(pattern, texts)
        if word and category not in found:
            found[category] = f"het woord '{word.lower()}'"
    if not found:
        return Suggestion(base, "niets bijzonders gevonden")
    if len(found) == 1:
        ((category, why),) = found.items()
        return Suggestion(category, why, (category,))
    signals = tuple(sorted(found))
    why = "; ".join(f"{c}: {w}" for c, w in sorted(found.items()))
    return Suggestion(None, f"meer dan één gevoelige categorie ({why}): kies er zelf één", signals)


def effective_category(entity_type: str, values: dict[str, Any], known: set[str]) -> str | None:
    """The category the row travels under: the regisseur's choice (``privacy``, if a
    known category), else the suggestion; None: not settled, held back."""
    chosen = values.get("privacy")
    if isinstance(chosen, str) and chosen in known:
        return chosen
    return suggest(entity_type, values).category


#: categories whose fields already hold special personal data: their free text keeps them
_SPECIAL = frozenset({GEZONDHEID, JUSTITIE, VEILIGHEID})


def text_category(category: str, text: str) -> str | None:
    """The category a free-text answer travels under.

    A form's field has the category of what it asks ("Hulpverlening", "Relaties"), but
    the family's words may be about health or justice (AVG art. 9 and 10), which consent
    for that category does not cover (DOMAIN.md). Such an answer travels under the
    category it speaks of; speaking of both, it stays on the device (None: fail closed).
    Fields that already hold special personal data keep their own category.
    """
    if category in _SPECIAL:
        return category
    found = [c for c, p in ((GEZONDHEID, _HEALTH), (JUSTITIE, _JUSTICE)) if _first(p, [text])]
    if not found:
        return category
    return found[0] if len(found) == 1 else None


_HELPERS = re.compile(r"(?<![\w-])(?:politie|wijkagent|meldkamer)(?![\w-])", re.IGNORECASE)


def topic_of(text: str, *, calling: bool = False) -> str | None:
    """What a row of the family plan speaks of: ``gezondheid``, ``justitie`` or
    ``financien`` (the first found, in that order), or None. Telling someone to call the
    police for help is not about justice: every plan says it; in a row of whom to call
    (``calling``) the police is always such help."""
    if _first(_HEALTH, [text]):
        return GEZONDHEID
    said = _CALL_FOR_HELP.sub(" ", text)
    if calling:
        said = _HELPERS.sub(" ", said)
    if _first(_JUSTICE, [said]):
        return JUSTITIE
    if _first(_FINANCE, [text]):
        return FINANCIEN
    return None
