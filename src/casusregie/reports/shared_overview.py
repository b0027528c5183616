"""'Wat is er over ons gedeeld?': the overview for the family (plain Dutch, B1).

Three sources, each in its own part:

1. the afwegingen recorded in the ``privacy_afweging`` template (what was shared or
   asked, with whom, on which basis, why, and whether the family was told);
2. consents, if the case has them (``cf.consents``, added by the consent ledger; read
   defensively here, by attribute name, so this report works before and after it);
3. the disclosure log of this device: every print, PDF and export (and, once sync
   exists, every field sent to the office).

The family's own copy is redacted like the veiligheidsplan (``for_person``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from reportlab.platypus import Flowable, LongTable, Paragraph

from casusregie.domain.model import CaseFile, Item
from casusregie.domain.restrictions import redact, scrubber
from casusregie.reports.base import (
    GREY,
    LIGHT,
    DocMeta,
    Styles,
    build,
    clean,
    content_width,
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
    ("basis", "Mocht dat?"),
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


def _afwegingen(cf: CaseFile, st: Styles) -> list[Flowable]:
    rows: list[Item] = sorted(
        (i for i in cf.items if i.template == "privacy_afweging" and i.section == "afwegingen"),
        key=lambda i: (str(i.answers.get("datum") or ""), i.position),
    )
    out: list[Flowable] = []
    for item in rows:
        a = item.answers
        not_shared = a.get("richting") == "niet_delen"
        direction = DIRECTION.get(str(a.get("richting") or ""), "Gedeeld met")
        head = f"{dutch_date(a.get('datum')) or 'Datum onbekend'}: {direction} "
        head += str(a.get("met_wie") or "(niet ingevuld)")
        out.append(Paragraph(text(head), st.h3))
        lines = [
            ("Wat", a.get("wat_gedeeld")),
            ("Waarom", a.get("waarom")),
            # "mocht dat?" is a question about sharing, not about choosing not to share
            ("Mocht dat?", "" if not_shared else BASIS.get(str(a.get("grondslag") or ""), "")),
            (
                "Wisten jullie het?",
                {"ja": "Ja, we hebben het jullie verteld.", "nee": "Nee."}.get(
                    str(a.get("gezin_geinformeerd") or ""), ""
                ),
            ),
        ]
        for label, value in lines:
            if value:
                out.append(Paragraph(f"<b>{label}</b> {text(value)}", st.body))
    return out or [Paragraph("Er staat nog niets in.", st.body)]


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


def _consents(cf: CaseFile, st: Styles) -> list[Flowable]:
    """Consents, if the case has them (read by attribute name, so any shape will do)."""
    out: list[Flowable] = []
    for consent in list(getattr(cf, "consents", []) or []):
        parts = []
        for attr, label in CONSENT_FIELDS:
            value = getattr(consent, attr, None)
            if value:
                parts.append(f"<b>{label}:</b> {text(_consent_value(cf, attr, value))}")
        if parts:
            out.append(Paragraph("<br/>".join(parts), st.body))
    return out


def _log(
    disclosures: Sequence[DisclosureRow], st: Styles, width: float, hide: Callable[[str], str]
) -> list[Flowable]:
    if not disclosures:
        return [Paragraph("Er is nog niets afgedrukt of verstuurd.", st.body)]
    head = ["Wanneer", "Wat", "Voor wie", "Waarom", "Door"]
    rows: list[list[Any]] = [[Paragraph(h, st.cell_bold) for h in head]]
    for d in disclosures:
        why = " – ".join(x for x in (d.basis, d.purpose) if x)
        cells = (_when(d.at), d.what, d.recipient, why, d.by_author)
        rows.append([Paragraph(text(hide(c)), st.cell) for c in cells])
    widths = [width * f for f in (0.17, 0.27, 0.18, 0.26, 0.12)]
    return [_table(rows, widths, st)]


def shared_overview_story(
    cf: CaseFile,
    disclosures: Sequence[DisclosureRow],
    for_person: str | None = None,
    today: dt.date | None = None,
) -> tuple[list[Flowable], DocMeta]:
    today = today or dt.date.today()
    recipient = recipient_name(cf, for_person)
    hide = scrubber(cf, for_person)
    cf = redact(cf, for_person)
    st = styles(BODY_SIZE)
    meta = DocMeta(
        title="Wat is er over ons gedeeld?",
        subject="Overzicht voor het gezin van wat er is gedeeld",
        footer=f"Wat is er gedeeld · exemplaar voor {recipient}",
        margin_mm=18,
    )
    width = content_width(meta)
    story: list[Flowable] = [
        Paragraph("Wat is er over ons gedeeld?", st.title),
        Paragraph(
            f"Gezin {text(cf.case.family_name)} · {text(dutch_date(today))}"
            if cf.case.family_name.strip()
            else text(dutch_date(today)),
            st.subtitle,
        ),
        Paragraph(
            f"<b>Dit exemplaar is voor {text(recipient)}.</b> Hier staat met wie "
            f"{text(cf.case.regisseur or 'de regisseur')} informatie over jullie heeft "
            "gedeeld, waarom, en wanneer. Klopt er iets niet, of heb je een vraag? Zeg "
            "het. Je mag ook altijd vragen om alles te zien wat er over je is opgeschreven.",
            st.body,
        ),
        Paragraph("Met wie is er iets gedeeld?", st.h1),
        *_afwegingen(cf, st),
    ]
    consents = _consents(cf, st)
    if consents:
        story += [Paragraph("Waarvoor gaven jullie toestemming?", st.h1), *consents]
    story += [
        Paragraph("Wat is er afgedrukt of verstuurd?", st.h1),
        Paragraph(
            "Casusregie houdt zelf bij wanneer er iets over jullie is afgedrukt, als "
            "bestand is gemaakt of is verstuurd.",
            st.body,
        ),
        *_log(disclosures, st, width, hide),
    ]
    return story, meta


def shared_overview_pdf(
    cf: CaseFile,
    disclosures: Sequence[DisclosureRow],
    for_person: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    return build(*shared_overview_story(cf, disclosures, for_person, today))
