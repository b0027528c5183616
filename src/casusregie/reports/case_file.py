"""The case file on paper: the dossier and the handover file ("schone overdracht").

Both walk the templates (the same files the forms read) in their order and print what
is filled in: case- and person-bound answers as label and text, item lists as numbered
blocks, lists of persons, events and help as tables. The dossier prints every template;
the handover file only the fields marked ``handover`` and opens with the checklist of
the 100% schone overdracht (``domain.rules.handover.HANDOVER_SET``).

These are files for professionals: nothing is redacted, but whatever is marked "niet
delen met ..." carries that note, so a successor knows it too. Every page says
"vertrouwelijk".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, LongTable, PageBreak, Paragraph, Spacer, Table

from casusregie.domain.dates import PartialDate
from casusregie.domain.model import CaseFile, Entity, Form, Item, Person, Phase, Role
from casusregie.domain.rules.handover import HANDOVER_SET
from casusregie.reports.base import (
    GREY,
    LIGHT,
    DocMeta,
    Styles,
    build,
    content_width,
    dutch_date,
    para,
    styles,
    table_style,
    text,
)
from casusregie.reports.pictures import picture
from casusregie.reports.values import field_text, filled, person_names, restriction_note
from casusregie.templates import Field, Section, Template, TemplateSet, load_templates

__all__ = ["PICTURE_OF", "dossier_pdf", "dossier_story", "handover_pdf", "handover_story"]

BODY_SIZE = 9.5
#: template id -> the picture printed at the start of its chapter
PICTURE_OF = {"genogram": "genogram", "tijdlijn": "tijdlijn", "gezinspatroon": "caf"}
INLINE_MAX = 90


def _date_key(value: Any) -> tuple[int, int, int]:
    try:
        return PartialDate.parse(str(value)).sort_key()
    except (ValueError, AttributeError):
        return (9999, 99, 99)


class _Printer:
    """Turns one case's template answers into flowables."""

    def __init__(self, cf: CaseFile, st: Styles, width: float, handover_only: bool) -> None:
        self.cf = cf
        self.st = st
        self.width = width
        self.handover_only = handover_only
        self.names = person_names(cf)
        self.forms: dict[tuple[str, str, str | None, str | None], Form] = {
            (f.template, f.section, f.person, f.instance): f for f in cf.forms
        }

    # -- values --------------------------------------------------------------------

    def _fields(self, section: Section) -> list[Field]:
        return [f for f in section.fields if f.handover or not self.handover_only]

    def _lines(self, pairs: Iterable[tuple[Field, Any, Entity | None]]) -> list[Flowable]:
        """Label and text of each filled field; short ones on one line."""
        out: list[Flowable] = []
        for fld, value, owner in pairs:
            shown = field_text(fld, value, self.names)
            if not shown.strip():
                continue
            note = ""
            if owner is not None:
                key = fld.attr if fld.attr and not isinstance(owner, Item | Form) else fld.key
                note = restriction_note(self.cf, owner, key, self.names)
            note_markup = f' <font size="-1"><i>({text(note)})</i></font>' if note else ""
            if "\n" not in shown and len(shown) + len(fld.label) <= INLINE_MAX:
                out.append(
                    Paragraph(f"<b>{text(fld.label)}:</b> {text(shown)}{note_markup}", self.st.body)
                )
            else:
                out.append(Paragraph(f"{text(fld.label)}{note_markup}", self.st.label))
                out.append(para(shown, self.st.body))
        return out

    def _form_lines(
        self, tpl: Template, section: Section, entity: Entity, person: str | None, inst: str | None
    ) -> list[Flowable]:
        form = self.forms.get((tpl.id, section.key, person, inst))
        pairs: list[tuple[Field, Any, Entity | None]] = []
        for fld in self._fields(section):
            if fld.attr:
                pairs.append((fld, getattr(entity, fld.attr, None), entity))
            elif form is not None:
                pairs.append((fld, form.answers.get(fld.key), form))
        out = self._lines(pairs)
        if form is not None:
            whole = restriction_note(self.cf, form, None, self.names)
            if whole and out:
                out.insert(0, Paragraph(text(whole), self.st.note))
        return out

    # -- sections ------------------------------------------------------------------

    def section(self, tpl: Template, section: Section, inst: str | None) -> list[Flowable]:
        kind = section.binding.kind
        if kind == "case":
            if tpl.multiple and inst is None:
                return []
            return self._form_lines(tpl, section, self.cf.case, None, inst)
        if kind == "person":
            out: list[Flowable] = []
            people = [p for p in self.cf.persons if p.role in section.binding.roles]
            for person in sorted(people, key=lambda p: _date_key(p.birth_date)):
                lines = self._form_lines(tpl, section, person, person.id, inst)
                if lines:
                    out.append(Paragraph(text(person.name or "(naam onbekend)"), self.st.h3))
                    out.extend(lines)
            return out
        if section.binding.entity == "item":
            return self._items(tpl, section, inst)
        if inst is not None:
            return []
        return self._entity_table(section)

    def _items(self, tpl: Template, section: Section, inst: str | None) -> list[Flowable]:
        rows = [
            i
            for i in self.cf.items
            if i.template == tpl.id and i.section == section.key and i.instance == inst
        ]
        rows.sort(key=lambda i: (i.position, i.id))
        out: list[Flowable] = []
        number = 0
        for item in rows:
            lines = self._lines((f, item.answers.get(f.key), item) for f in self._fields(section))
            if not lines:
                continue
            number += 1
            whole = restriction_note(self.cf, item, None, self.names)
            head = f"{number}." + (f" <i>({text(whole)})</i>" if whole else "")
            out.append(Paragraph(head, self.st.label))
            out.extend(lines)
        return out

    def _entity_rows(self, section: Section) -> list[Entity]:
        entity = section.binding.entity
        rows: list[Entity]
        if entity == "life_event":
            events = sorted(self.cf.life_events, key=lambda e: (_date_key(e.date), e.description))
            rows = list(events)
        elif entity == "help_episode":
            helps = sorted(self.cf.help_episodes, key=lambda h: _date_key(h.start))
            rows = list(helps)
        elif entity == "person":
            rows = list(self.cf.persons)
        elif entity == "relation":
            rows = list(self.cf.relations)
        else:
            rows = []
        return [r for r in rows if section.binding.matches(r.to_fields())]

    def _entity_table(self, section: Section) -> list[Flowable]:
        """One paragraph per row (not a table: thousands of events must stay fast and
        split cleanly across pages): the first field in bold, then the others."""
        fields = [f for f in self._fields(section) if f.attr]
        if not fields:
            return []
        first, rest = fields[0], fields[1:]
        out: list[Flowable] = []
        for entity in self._entity_rows(section):
            head = field_text(first, getattr(entity, first.attr or "", None), self.names)
            parts = []
            for fld in rest:
                shown = field_text(fld, getattr(entity, fld.attr or "", None), self.names)
                if shown.strip():
                    parts.append(f"{text(fld.label)}: {text(shown)}")
            note = restriction_note(self.cf, entity, None, self.names)
            if note:
                parts.append(f"<i>{text(note)}</i>")
            lead = f"<b>{text(head) or '–'}</b>"
            out.append(Paragraph(" · ".join([lead, *parts]), self.st.row))
        return out

    # -- templates -----------------------------------------------------------------

    def _instances(self, tpl: Template) -> list[str]:
        found = {f.instance for f in self.cf.forms if f.template == tpl.id and f.instance}
        found |= {i.instance for i in self.cf.items if i.template == tpl.id and i.instance}
        return sorted(found, key=lambda inst: (_date_key(self._instance_date(tpl, inst)), inst))

    def _instance_date(self, tpl: Template, inst: str) -> str:
        for section in tpl.sections:
            form = self.forms.get((tpl.id, section.key, None, inst))
            for fld in section.fields:
                if form is not None and fld.type == "date" and filled(form.answers.get(fld.key)):
                    return str(form.answers[fld.key])
        return ""

    def template(self, tpl: Template, with_picture: bool) -> list[Flowable]:
        st = self.st
        body: list[Flowable] = []
        if tpl.multiple:
            for number, inst in enumerate(self._instances(tpl), start=1):
                when = self._instance_date(tpl, inst)
                label = f"Keer {number}" + (f": {dutch_date(when)}" if when else "")
                inner = self._sections(tpl, inst)
                if inner:
                    body.append(Paragraph(text(label), st.h2))
                    body.extend(inner)
        else:
            body = self._sections(tpl, None)
        if not body and self.handover_only:
            return []
        out: list[Flowable] = [Paragraph(text(tpl.title), st.h1)]
        if with_picture and tpl.id in PICTURE_OF:
            out.append(picture(PICTURE_OF[tpl.id], self.cf, self.width, st))
            out.append(Spacer(1, 3 * mm))
        out.extend(body or [Paragraph("Nog niet ingevuld.", st.note)])
        return out

    def _sections(self, tpl: Template, inst: str | None) -> list[Flowable]:
        out: list[Flowable] = []
        for section in tpl.sections:
            if not self._fields(section):
                continue
            lines = self.section(tpl, section, inst)
            if lines:
                out.append(Paragraph(text(section.label), self.st.h2))
                out.extend(lines)
        return out

    # -- the family ----------------------------------------------------------------

    def persons_table(self) -> list[Flowable]:
        st = self.st
        head = ["Naam", "Rol", "Geboren", "Adres en telefoon"]
        data: list[list[Any]] = [[Paragraph(h, st.cell_bold) for h in head]]
        for p in sorted(self.cf.persons, key=_person_order):
            name = text(p.name or "(naam onbekend)")
            if p.deceased:
                name += " †"
            if p.index_child:
                name += "<br/><i>indexkind</i>"
            contact = [text(v) for v in (p.address, p.phone, p.email) if v and v.strip()]
            role = text(Role.label_of(p.role))
            if p.relation_to_child.strip():
                role += f"<br/>{text(p.relation_to_child)}"
            for fld in FIELDS:
                note = restriction_note(self.cf, p, fld, self.names)
                if note:
                    contact.append(f"<i>{text(note)} ({_what(fld)})</i>")
            data.append(
                [
                    Paragraph(name, st.cell_bold),
                    Paragraph(role, st.cell),
                    Paragraph(text(dutch_date(p.birth_date)), st.cell),
                    Paragraph("<br/>".join(contact), st.cell),
                ]
            )
        table = LongTable(
            data,
            colWidths=[self.width * f for f in (0.24, 0.24, 0.14, 0.38)],
            repeatRows=1,
            splitByRow=1,
            splitInRow=1,
        )
        table.setStyle(
            table_style(
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            )
        )
        return [Paragraph("Wie horen erbij?", st.h1), table]


FIELDS = (None, "address", "phone", "email", "name")


def _what(field: str | None) -> str:
    return {
        None: "deze persoon",
        "address": "adres",
        "phone": "telefoon",
        "email": "e-mail",
        "name": "naam",
    }[field]


_ROLE_ORDER = {r.value: i for i, r in enumerate(Role)}


def _person_order(p: Person) -> tuple[int, tuple[int, int, int], str]:
    return (_ROLE_ORDER.get(p.role, 99), _date_key(p.birth_date), p.name)


def _cover(cf: CaseFile, st: Styles, title: str, purpose: str, today: dt.date) -> list[Flowable]:
    c = cf.case
    rows = [
        ("Gezin", c.family_name),
        ("Regisseur", c.regisseur),
        ("Fase", Phase.label_of(c.phase)),
        ("Casus geopend", dutch_date(c.opened_on)),
        ("Gemaakt op", dutch_date(today)),
    ]
    out: list[Flowable] = [Paragraph(text(title), st.title), Paragraph(text(purpose), st.subtitle)]
    for label, value in rows:
        if value and str(value).strip():
            out.append(Paragraph(f"<b>{text(label)}:</b> {text(value)}", st.body))
    if c.aanleiding.strip():
        out.append(Paragraph("Aanleiding", st.h2))
        out.append(para(c.aanleiding, st.body))
    out.append(Spacer(1, 6 * mm))
    out.append(
        Paragraph(
            "<b>Vertrouwelijk.</b> Dit bestand bevat persoonsgegevens, ook bijzondere "
            "(gezondheid, justitie). Deel het alleen met wie het nodig heeft voor het werk met "
            "dit gezin, en alleen met een grondslag. Wat gemarkeerd is met 'niet delen met' "
            "hoort niet bij die personen terecht te komen.",
            st.body,
        )
    )
    return out


def _meta(title: str) -> DocMeta:
    return DocMeta(
        title=title,
        subject=f"{title} (Casusregie)",
        footer=f"{title} · Casusregie",
        confidential=True,
        margin_mm=18,
    )


def dossier_story(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> tuple[list[Flowable], DocMeta]:
    templates = templates or load_templates()
    today = today or dt.date.today()
    meta = _meta("Dossier")
    st = styles(BODY_SIZE)
    printer = _Printer(cf, st, content_width(meta), handover_only=False)
    story = _cover(cf, st, "Dossier", "Alle onderdelen van de casus.", today)
    story.append(PageBreak())
    story.extend(printer.persons_table())
    for tpl in templates.ordered():
        story.extend(printer.template(tpl, with_picture=True))
    return story, meta


def handover_story(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> tuple[list[Flowable], DocMeta]:
    templates = templates or load_templates()
    today = today or dt.date.today()
    meta = _meta("Overdracht")
    st = styles(BODY_SIZE)
    width = content_width(meta)
    printer = _Printer(cf, st, width, handover_only=True)
    story = _cover(
        cf,
        st,
        "Overdracht",
        "Voor wie de regie overneemt: de schone overdracht, zodat niemand opnieuw begint.",
        today,
    )
    story.extend(_checklist(cf, st, width))
    story.append(PageBreak())
    story.extend(printer.persons_table())
    for tpl in templates.ordered():
        story.extend(printer.template(tpl, with_picture=True))
    return story, meta


def _checklist(cf: CaseFile, st: Styles, width: float) -> Sequence[Flowable]:
    rows = [[Paragraph("Onderdeel", st.cell_bold), Paragraph("Stand", st.cell_bold)]]
    done = 0
    for part in HANDOVER_SET:
        ok = part.present(cf)
        done += ok
        rows.append(
            [
                Paragraph(text(part.label), st.cell),
                Paragraph("✓ compleet" if ok else "<b>✗ ontbreekt</b>", st.cell),
            ]
        )
    table = Table(rows, colWidths=[width * 0.75, width * 0.25], repeatRows=1)
    table.setStyle(
        table_style(
            ("GRID", (0, 0), (-1, -1), 0.4, GREY),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        )
    )
    summary = f"{done} van {len(HANDOVER_SET)} onderdelen compleet."
    if done < len(HANDOVER_SET):
        summary += " Vul aan wat ontbreekt voordat je overdraagt."
    return [
        Paragraph("Is de overdracht compleet?", st.h1),
        table,
        Paragraph(text(summary), st.body),
    ]


def dossier_pdf(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> bytes:
    return build(*dossier_story(cf, templates, today))


def handover_pdf(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> bytes:
    return build(*handover_story(cf, templates, today))
