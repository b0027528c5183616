"""'Wat is er over ons gedeeld?': the overview for the family (plain Dutch, B1).

Three sources, each in its own part:

1. the afwegingen recorded in the ``privacy_afweging`` template (what was shared or
   asked, with whom, on which basis, why, and whether the family was told);
2. consents, if the case has them (``cf.consents``, added by the consent ledger; read
   defensively here, by attribute name, so this report works before and after it);
3. the disclosure log of this device: every print, PDF and export (and, once sync
   exists, every field sent to the office).

Every copy is for one person (or the whole family) and is redacted like the
veiligheidsplan (``for_person``). It never says what was kept from its reader: an
afweging "niet delen" is left out, and so is a sharing about health or justice that
is not about the reader. The receiving office is named as it calls itself (from the
enrolment, ``office``), never "kantoor"; every sync, print and export in the log is in
it, said in plain words, without file paths or file types.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from reportlab.platypus import Flowable, LongTable, Paragraph

from casusregie.domain.family_plan import plain_words
from casusregie.domain.model import CaseFile, Item
from casusregie.domain.redaction import tokens
from casusregie.domain.restrictions import redact, scrubber
from casusregie.domain.sensitivity import topic_of
from casusregie.reports.base import (
    GREY,
    LIGHT,
    DocMeta,
    Styles,
    build,
    clean,
    dutch_date,
    styles,
    table_style,
    text,
)
from casusregie.reports.safety_plan import recipient_name
from casusregie.reports.values import person_names
from casusregie.templates import load_templates

__all__ = ["DisclosureRow", "shared_overview_pdf", "shared_overview_story"]

BODY_SIZE = 11.0

#: the legal bases in everyday words
BASIS = {
    "toestemming": "Jullie gaven toestemming",
    "wettelijke_verplichting": "De wet zegt dat dit moet",
    "levensbedreigende_situatie": "Er was direct gevaar",
}
DIRECTION = {
    "delen": "Gedeeld met",
    "opvragen": "Gevraagd aan",
    "niet_delen": "Bewust niet gedeeld met",
}
#: attributes of a consent (``domain.consent.Consent``) and how the family reads them
CONSENT_FIELDS = (
    ("category", "Over"),
    ("recipient", "Aan wie"),
    ("basis", "Waarom het mocht"),
    ("given_by", "Wie gaf toestemming"),
    ("form", "Hoe"),
    ("given_on", "Wanneer"),
    ("scope", "Waarover precies"),
    ("purpose", "Waarvoor"),
    ("valid_until", "Geldig tot"),
    ("withdrawn_on", "Ingetrokken op"),
    ("what_shared", "Wat is gedeeld"),
    ("shared_with", "Met wie"),
    ("reasons", "Waarom"),
)


class DisclosureRow(Protocol):
    """What the overview needs of a logged disclosure (``store.database.Disclosure``)."""

    @property
    def what(self) -> str: ...
    @property
    def recipient(self) -> str: ...
    @property
    def basis(self) -> str: ...
    @property
    def purpose(self) -> str: ...
    @property
    def at(self) -> str: ...
    @property
    def by_author(self) -> str: ...


def _when(at: str) -> str:
    """'20 maart 2025, 14:05' from a stored UTC time, in local time."""
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return clean(at)
    return f"{dutch_date(moment.date())}, {moment:%H:%M}"


def _table(rows: list[list[Any]], widths: Sequence[float], st: Styles) -> LongTable:
    table = LongTable(rows, colWidths=list(widths), repeatRows=1, splitByRow=1, splitInRow=1)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.4, GREY),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        )
    )
    return table


#: topics a sharing must be about the reader for the reader to see it
PRIVATE_TOPICS = ("gezondheid", "justitie")
#: how the sync names the office in the log (``sync.engine.RECIPIENT``)
OFFICE_WORDS = ("centraal kantoor", "kantoor", "het kantoor")


def _about_reader(said: str, reader_words: set[str]) -> bool:
    return bool(reader_words) and bool(reader_words & set(tokens(said)))


def _afwegingen(cf: CaseFile, st: Styles, reader_words: set[str], family: bool) -> list[Flowable]:
    """The sharing and asking the regisseur weighed; never what was kept from anyone."""
    rows: list[Item] = sorted(
        (i for i in cf.items if i.template == "privacy_afweging" and i.section == "afwegingen"),
        key=lambda i: (str(i.answers.get("datum") or ""), i.position),
    )
    out: list[Flowable] = []
    for item in rows:
        a = item.answers
        if a.get("richting") == "niet_delen":
            continue  # what was kept from someone is never in a copy
        said = " ".join(str(a.get(k) or "") for k in ("wat_gedeeld", "waarom", "met_wie"))
        if topic_of(said) in PRIVATE_TOPICS and (family or not _about_reader(said, reader_words)):
            continue  # health or justice of someone else
        if not str(a.get("met_wie") or "").strip():
            continue  # with whom is not there (or not for this reader): no row at all
        direction = DIRECTION.get(str(a.get("richting") or ""), "Gedeeld met")
        head = f"{dutch_date(a.get('datum')) or 'Datum onbekend'}: {direction} "
        head += str(a.get("met_wie"))
        out.append(Paragraph(text(plain_words(head)), st.h3))
        lines = [
            ("Wat", a.get("wat_gedeeld")),
            ("Waarom", a.get("waarom")),
            ("Waarom het mocht", BASIS.get(str(a.get("grondslag") or ""), "")),
            (
                "Wisten jullie het",
                {"ja": "Ja, we hebben het jullie verteld.", "nee": "Nee."}.get(
                    str(a.get("gezin_geinformeerd") or ""), ""
                ),
            ),
        ]
        for label, value in lines:
            if value:
                out.append(Paragraph(f"<b>{label}:</b> {text(plain_words(str(value)))}", st.body))
    return out


def _consent_value(cf: CaseFile, attr: str, value: Any) -> str:
    if attr == "category":
        try:
            return load_templates().privacy.label(str(value))
        except KeyError:
            return clean(value)
    if attr == "basis":
        return BASIS.get(str(value), clean(value))
    if attr == "given_by":
        names = person_names(cf)
        ids = value if isinstance(value, list) else [value]
        return ", ".join(names.get(str(i), "(onbekend)") for i in ids)
    if attr in ("given_on", "valid_until", "withdrawn_on"):
        return dutch_date(value)
    return clean(value)


def _consents(
    cf: CaseFile,
    st: Styles,
    for_person: str | None,
    office: str,
    hide: Callable[[str], str],
) -> list[Flowable]:
    """Consents, if the case has them (read by attribute name, so any shape will do).
    Consent about health or justice only in the copy of someone who gave it."""
    out: list[Flowable] = []
    for consent in list(getattr(cf, "consents", []) or []):
        given = getattr(consent, "given_by", None) or []
        given = given if isinstance(given, list) else [given]
        private = getattr(consent, "category", "") in PRIVATE_TOPICS
        if private and (for_person is None or for_person not in given):
            continue
        parts = []
        for attr, label in CONSENT_FIELDS:
            value = getattr(consent, attr, None)
            if value:
                shown = _consent_value(cf, attr, value)
                if attr == "recipient" and str(value).strip().lower() in OFFICE_WORDS:
                    shown = office
                parts.append(f"<b>{label}:</b> {text(hide(shown))}")
        if parts:
            out.append(Paragraph("<br/>".join(parts), st.body))
    return out


_REPORT = re.compile(r"^(?P<what>.*?) \((?P<how>PDF|afdruk) voor (?P<who>[^;)]*)(?:;[^)]*)?\)$")
_SYNC = re.compile(r"^(?P<n>\d+) gegeven\(s\): (?P<label>.*)$")
_RETRACT = re.compile(r"^Intrekking: '(?P<label>[^']*)' gewist bij het kantoor \((?P<n>\d+)")
_FILE_WORDS = re.compile(r"\b(?:als )?(?:JSON|PDF|SVG|PNG)-bestand\b")


def _looks_like_path(value: str) -> bool:
    v = value.strip()
    return "/" in v or "\\" in v or bool(re.search(r"\.[A-Za-z]{2,4}$", v))


_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _dates(value: str) -> str:
    """'gegeven 2025-03-24' -> 'gegeven 24 maart 2025'."""
    return _ISO_DATE.sub(lambda m: dutch_date(m.group(0)) or m.group(0), value)


def _synced(disclosures: Sequence[DisclosureRow]) -> tuple[int, str]:
    """Values sent to the office by sync: how many, and the last time."""
    total, last = 0, ""
    for d in disclosures:
        m = _SYNC.match(d.what.strip())
        if m and d.recipient.strip().lower() in OFFICE_WORDS:
            total += int(m.group("n"))
            last = max(last, d.at)
    return total, last


def _sentence(d: DisclosureRow, office: str) -> str:
    """One logged disclosure in plain words: no file paths, no file types."""
    what = d.what.strip()
    to_office = d.recipient.strip().lower() in OFFICE_WORDS
    m = _SYNC.match(what)
    if m and to_office:
        n = int(m.group("n"))
        word = "gegeven" if n == 1 else "gegevens"
        return f"{n} {word} over '{m.group('label')}' gestuurd naar {office}."
    m = _RETRACT.match(what)
    if m:
        return (
            f"Jullie toestemming voor '{m.group('label')}' is ingetrokken. {office} heeft "
            f"{m.group('n')} gegevens gewist."
        )
    m = _REPORT.match(what)
    if m:
        how = "afgedrukt" if m.group("how") == "afdruk" else "als PDF gemaakt"
        return f"{m.group('what')}: {how} voor {m.group('who').strip()}."
    what = _FILE_WORDS.sub("als bestand", what)
    who = d.recipient.strip()
    if to_office:
        return f"{what}: gestuurd naar {office}."
    if not who or _looks_like_path(who) or who == "het scherm":
        return f"{what}: gemaakt door de regisseur, voor het eigen dossier."
    return f"{what}: voor {who}."


def _log(
    disclosures: Sequence[DisclosureRow], st: Styles, office: str, hide: Callable[[str], str]
) -> list[Flowable]:
    out: list[Flowable] = []
    for d in disclosures:
        why = _dates(" – ".join(x for x in (d.basis, d.purpose) if x))
        line = f"<b>{text(_when(d.at))}</b><br/>{text(hide(_sentence(d, office)))}"
        if why:
            line += f"<br/><b>Waarom:</b> {text(hide(why))}"
        if d.by_author:
            line += f"<br/><b>Door:</b> {text(hide(d.by_author))}"
        out.append(Paragraph(line, st.body))
    return out


def shared_overview_story(
    cf: CaseFile,
    disclosures: Sequence[DisclosureRow],
    for_person: str | None = None,
    today: dt.date | None = None,
    *,
    office: str = "",
) -> tuple[list[Flowable], DocMeta]:
    today = today or dt.date.today()
    office = office.strip() or "de organisatie van de regisseur"
    recipient = recipient_name(cf, for_person)
    reader = cf.person(for_person) if for_person else None
    reader_words = set(tokens(reader.name.split()[0])) if reader and reader.name.strip() else set()
    scrub = scrubber(cf, for_person)

    def hide(value: str) -> str:  # nothing kept from the reader, and in plain words
        return plain_words(scrub(value))

    cf = redact(cf, for_person)
    st = styles(BODY_SIZE)
    meta = DocMeta(
        title="Wat is er over ons gedeeld?",
        subject="Overzicht voor het gezin van wat er is gedeeld",
        footer=f"Wat is er gedeeld · exemplaar voor {recipient}",
        margin_mm=18,
    )
    regisseur = text(cf.case.regisseur or "de regisseur")
    story: list[Flowable] = [
        Paragraph("Wat is er over ons gedeeld?", st.title),
        Paragraph(
            f"Gezin {text(cf.case.family_name)} · {text(dutch_date(today))}"
            if cf.case.family_name.strip()
            else text(dutch_date(today)),
            st.subtitle,
        ),
        Paragraph(
            f"<b>Dit overzicht is voor {text(recipient)}.</b> Hier staat met wie "
            f"{regisseur} informatie over jullie heeft gedeeld, waarom, en wanneer. Klopt "
            "er iets niet, of heb je een vraag? Zeg het. Je mag ook altijd vragen om alles "
            "te zien wat er over je is opgeschreven.",
            st.body,
        ),
        Paragraph("Met wie is er iets gedeeld?", st.h1),
    ]
    weighed = _afwegingen(cf, st, reader_words, for_person is None)
    logged = _log(disclosures, st, office, hide)
    total, last = _synced(disclosures)
    if total:
        word = "gegeven" if total == 1 else "gegevens"
        story.append(
            Paragraph(
                f"<b>Gedeeld met {text(office)}:</b> {total} {word}, de laatste keer op "
                f"{text(_when(last))}. Welke gegevens dat zijn, staat hieronder bij 'Wat is "
                "er afgedrukt, gemaakt of verstuurd?'.",
                st.body,
            )
        )
    if not weighed and not logged:
        story.append(Paragraph("Er is nog niets gedeeld.", st.body))
    if weighed:
        story.append(Paragraph("Wat de regisseur met anderen heeft besproken", st.h3))
        story.extend(weighed)
    consents = _consents(cf, st, for_person, office, hide)
    if consents:
        story += [Paragraph("Waarvoor gaven jullie toestemming?", st.h1), *consents]
    story.append(Paragraph("Wat is er afgedrukt, gemaakt of verstuurd?", st.h1))
    if logged:
        story.append(
            Paragraph(
                "Het programma van de regisseur houdt zelf bij wanneer er iets over "
                f"jullie is afgedrukt, als bestand is gemaakt of is gestuurd naar {text(office)}.",
                st.body,
            )
        )
        story.extend(logged)
    else:
        story.append(Paragraph("Er is nog niets afgedrukt of verstuurd.", st.body))
    return story, meta


def shared_overview_pdf(
    cf: CaseFile,
    disclosures: Sequence[DisclosureRow],
    for_person: str | None = None,
    today: dt.date | None = None,
    *,
    office: str = "",
) -> bytes:
    return build(*shared_overview_story(cf, disclosures, for_person, today, office=office))
