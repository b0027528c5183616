"""The case file on paper: the dossier and the handover file ("schone overdracht").

Both are documents, not form dumps: a cover, a table of contents with page numbers,
then the templates in their order, each with what is filled in. Unanswered fields are
left out (a template with nothing is one line "Nog niet ingevuld."); a section with one
answer prints no label above it; a label that is a question gets no colon; a scale's
anchors are printed once, as a legend; relations and short lists are tables; the
life events are a numbered table under the tijdlijn (the numbers are in the picture).

The handover file prints only the fields marked ``handover``. It opens with the "Stand
van zaken" (``reports.state_page``, every "now" value from ``domain.case_state``) and
the checklist of the 100% schone overdracht with the page of each part.

These are files for professionals: nothing is redacted, but whatever is marked "niet
delen met ..." carries that note, so a successor knows it too. Every page carries the
family's name and "VERTROUWELIJK".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, PageBreak, Paragraph, Spacer, Table

from casusregie.domain.case_state import PLAN_SCORE, CaseState, case_state, plan_score
from casusregie.domain.dates import PartialDate
from casusregie.domain.model import (
    CaseFile,
    Entity,
    Form,
    Item,
    LifeEvent,
    ParentType,
    PartnerType,
    Person,
    Phase,
    Relation,
    RelationKind,
    Role,
)
from casusregie.layout.caf import parent_figures
from casusregie.layout.timeline_data import event_numbers
from casusregie.reports import fonts
from casusregie.reports.base import (
    GREY,
    LIGHT,
    Anchor,
    DocMeta,
    Heading,
    PageRef,
    Styles,
    build,
    column_widths,
    content_width,
    dutch_date,
    keep_dates,
    para,
    styles,
    table_style,
    text,
)
from casusregie.reports.drawing import moved_relations
from casusregie.reports.pictures import picture
from casusregie.reports.rows import Run, TextRow
from casusregie.reports.state_page import checklist, state_pages
from casusregie.reports.values import field_text, filled, person_names, restriction_note
from casusregie.templates import Field, Section, Template, TemplateSet, load_templates

__all__ = [
    "PICTURE_OF",
    "anchor_key",
    "dossier_pdf",
    "dossier_story",
    "handover_pdf",
    "handover_story",
]

BODY_SIZE = 9.5
#: template id -> the picture printed at the start of its chapter
PICTURE_OF = {"genogram": "genogram", "tijdlijn": "tijdlijn", "gezinspatroon": "caf"}
#: template id -> the anchor of the section the picture goes above (else: chapter start)
PICTURE_AT = {"tijdlijn": "tijdlijn.tijdlijn"}
INLINE_MAX = 90
#: item lists printed as a table (short answers side by side)
TABLE_SECTIONS = {
    ("genogram", "emotionele_relaties"),
    ("genogram", "huishoudens"),
    ("veiligheidsplan", "bellen"),
    ("gespreksleidraad", "aanwezigen"),
    ("gespreksleidraad", "directe_veiligheid_scores"),
    ("gespreksleidraad", "risicogestuurde_zorg_scores"),
    ("gespreksleidraad", "herstelgerichte_zorg_scores"),
    ("netwerkberaad", "aanwezigen"),
}


def anchor_key(template: str, section: str = "") -> str:
    """The name of the place a template (or one of its sections) starts on paper."""
    return f"{template}.{section}" if section else template


def _date_key(value: Any) -> tuple[int, int, int]:
    try:
        return PartialDate.parse(str(value)).sort_key()
    except (ValueError, AttributeError):
        return (9999, 99, 99)


def _norm(value: str) -> str:
    return re.sub(r"[^\w]+", " ", value.lower()).strip()


def _label_plain(label: str) -> str:
    """'Wie bewaakt dit?' (a question keeps its own mark, no '?:') or 'Wie:'."""
    label = label.strip()
    return label if label.endswith(("?", ":")) else f"{label}:"


def _label_markup(label: str) -> str:
    return f"<b>{text(_label_plain(label))}</b>"


class _Printer:
    """Turns one case's template answers into flowables."""

    def __init__(
        self, cf: CaseFile, st: Styles, width: float, handover_only: bool, state: CaseState
    ) -> None:
        self.cf = cf
        self.st = st
        self.width = width
        self.handover_only = handover_only
        self.state = state
        self.names = person_names(cf)
        self.forms: dict[tuple[str, str, str | None, str | None], Form] = {
            (f.template, f.section, f.person, f.instance): f for f in cf.forms
        }
        self._legends: set[tuple[str, ...]] = set()
        self.contents: list[tuple[str, str]] = []  # (title, anchor key) of each chapter

    # -- values --------------------------------------------------------------------

    def _fields(self, section: Section) -> list[Field]:
        return [f for f in section.fields if f.handover or not self.handover_only]

    def _shown(self, tpl: Template, section: Section, fld: Field, value: Any) -> str:
        if fld.type == "scale" and filled(value):
            shown = f"{value} van 10"
        else:
            shown = field_text(fld, value, self.names)
        if (tpl.id, section.key, fld.key) == PLAN_SCORE and filled(value):
            shown += self._plan_score_note()
        return shown

    def _plan_score_note(self) -> str:
        """The plan's score is the score on the day the plan was made; say so, and
        name today's score when it is another (one source: ``case_state``)."""
        planned = plan_score(self.cf)
        now = self.state.safety
        when = f" op {dutch_date(planned.day)}" if planned and planned.day else ""
        note = f" (gegeven bij het maken van het plan{when})"
        if now is not None and planned is not None and now != planned:
            when_now = f" van {dutch_date(now.day)}" if now.day else ""
            note += f"; nu: {now.score} van 10 ({now.source}{when_now}), zie Stand van zaken"
        return note

    def _label(self, tpl: Template, section: Section, fld: Field) -> str:
        if (tpl.id, section.key, fld.key) == PLAN_SCORE:
            return "Cijfer directe veiligheid in het plan"
        return fld.label

    def _legend(self, fld: Field) -> list[Flowable]:
        anchors = tuple(fld.scale_anchors or ())
        if fld.type != "scale" or len(anchors) < 2 or anchors in self._legends:
            return []
        self._legends.add(anchors)
        return [
            Paragraph(f"Schaal van 1 tot 10. {text(anchors[0])}; {text(anchors[1])}.", self.st.note)
        ]

    def _lines(
        self,
        tpl: Template,
        section: Section,
        pairs: Iterable[tuple[Field, Any, Entity | None]],
        with_labels: bool = True,
    ) -> list[Flowable]:
        """Label and text of each filled field; short ones on one line. Without
        labels when the section holds one answer (its heading says what it is)."""
        shown_pairs = []
        for fld, value, owner in pairs:
            shown = self._shown(tpl, section, fld, value)
            if not shown.strip() or _norm(shown) == _norm(fld.label):
                continue
            if _is_legend(section, shown):
                continue  # the anchor text kept with a score: printed once as the legend
            shown_pairs.append((fld, shown, owner))
        single = len(shown_pairs) == 1 and not with_labels and shown_pairs[0][0].type == "longtext"
        out: list[Flowable] = []
        for fld, shown, owner in shown_pairs:
            note = ""
            if owner is not None:
                key = fld.attr if fld.attr and not isinstance(owner, Item | Form) else fld.key
                note = restriction_note(self.cf, owner, key, self.names)
            note_markup = f' <font size="-1"><i>({text(note)})</i></font>' if note else ""
            label = self._label(tpl, section, fld)
            if single:
                out.append(para(f"{text(shown)}{note_markup}", self.st.body, markup=True))
            elif "\n" not in shown and len(shown) + len(label) <= INLINE_MAX:
                out.append(
                    Paragraph(f"{_label_markup(label)} {text(shown)}{note_markup}", self.st.body)
                )
            else:
                out.append(Paragraph(f"{text(label)}{note_markup}", self.st.label))
                out.append(para(shown, self.st.body))
            out.extend(self._legend(fld))
        return out

    def _form_lines(
        self,
        tpl: Template,
        section: Section,
        entity: Entity,
        person: str | None,
        inst: str | None,
        with_labels: bool = False,
    ) -> list[Flowable]:
        form = self.forms.get((tpl.id, section.key, person, inst))
        pairs: list[tuple[Field, Any, Entity | None]] = []
        for fld in self._fields(section):
            if fld.attr in ("name", "birth_date") and person is not None:
                continue  # the name is the heading; both are in "Wie horen erbij?"
            if fld.attr:
                pairs.append((fld, getattr(entity, fld.attr, None), entity))
            elif form is not None:
                pairs.append((fld, form.answers.get(fld.key), form))
        out = self._lines(tpl, section, pairs, with_labels)
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
            return self._person_sections(tpl, section, inst)
        if section.binding.entity == "item":
            if (tpl.id, section.key) in TABLE_SECTIONS:
                return self._item_table(tpl, section, inst)
            return self._items(tpl, section, inst)
        if inst is not None:
            return []
        if section.binding.entity == "relation":
            return self._relation_table()
        if section.binding.entity == "life_event":
            return self._event_rows(section)
        return self._entity_rows_flow(section)

    def _person_sections(self, tpl: Template, section: Section, inst: str | None) -> list[Flowable]:
        out: list[Flowable] = []
        people = [p for p in self.cf.persons if p.role in section.binding.roles]
        for person in sorted(people, key=lambda p: _date_key(p.birth_date)):
            lines = self._form_lines(tpl, section, person, person.id, inst, with_labels=True)
            if lines:
                out.append(Paragraph(text(_person_heading(section, person)), self.st.h3))
                out.extend(lines)
        return out

    def _items(self, tpl: Template, section: Section, inst: str | None) -> list[Flowable]:
        out: list[Flowable] = []
        number = 0
        for item in self._item_rows(tpl, section, inst):
            pairs = ((f, item.answers.get(f.key), item) for f in self._fields(section))
            lines = self._lines(tpl, section, pairs)
            if not lines:
                continue
            number += 1
            whole = restriction_note(self.cf, item, None, self.names)
            head = f"{number}." + (f" <i>({text(whole)})</i>" if whole else "")
            out.append(Paragraph(head, self.st.label))
            out.extend(lines)
        return out

    def _item_rows(self, tpl: Template, section: Section, inst: str | None) -> list[Item]:
        rows = [
            i
            for i in self.cf.items
            if i.template == tpl.id and i.section == section.key and i.instance == inst
        ]
        rows.sort(key=lambda i: (i.position, i.id))
        return rows

    def _item_table(self, tpl: Template, section: Section, inst: str | None) -> list[Flowable]:
        """Short lists side by side: one column per field that has any answer."""
        rows = self._item_rows(tpl, section, inst)
        fields = [
            f
            for f in self._fields(section)
            if any(
                filled(i.answers.get(f.key)) and not _is_legend(section, str(i.answers[f.key]))
                for i in rows
            )
        ]
        if not rows or not fields:
            return []
        body = [
            [self._shown(tpl, section, f, i.answers.get(f.key)) for f in fields]
            + [restriction_note(self.cf, i, None, self.names)]
            for i in rows
        ]
        heads = [f.label.rstrip("?") for f in fields]
        if any(r[-1] for r in body):
            heads.append("Niet delen met")
        else:
            body = [r[:-1] for r in body]
        legend: list[Flowable] = []
        for f in fields:
            legend.extend(self._legend(f))
        return [self._table(heads, body), *legend]

    def _table(
        self, heads: list[str], body: list[list[str]], shares: tuple[float, ...] = ()
    ) -> Flowable:
        """A table whose columns are as wide as their content needs (dates never wrap),
        or given ``shares`` of the width."""
        st = self.st
        if shares:
            widths = [self.width * f for f in shares]
        else:
            widths = column_widths(heads, body, self.width, st.cell.fontSize)
        data: list[list[Any]] = [[Paragraph(text(h), st.cell_bold) for h in heads]]
        data += [[Paragraph(text(keep_dates(c)), st.cell) for c in row] for row in body]
        table = LongTable(data, colWidths=widths, repeatRows=1, splitByRow=1, splitInRow=1)
        table.setStyle(
            table_style(
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GREY),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            )
        )
        return table

    def _relation_table(self) -> list[Flowable]:
        rels = sorted(
            self.cf.relations, key=lambda r: (r.kind != RelationKind.PARTNER.value, r.person_a)
        )
        if not rels:
            return []
        body = [_relation_row(r, self.names) for r in rels]
        for row, rel in zip(body, rels, strict=True):
            note = restriction_note(self.cf, rel, None, self.names)
            row[-1] = "; ".join(x for x in (row[-1], note) if x)
        heads = ["Relatie", "Wie", "Met wie", "Wanneer"]
        return [self._table(heads, body)]

    def _event_rows(self, section: Section) -> list[Flowable]:
        """The life events as a numbered table (the numbers are those in the tijdlijn)."""
        events = self.cf.sorted_events()
        if not events:
            return []
        numbers = event_numbers(self.cf)  # the numbers in the tijdlijn above
        size = self.st.cell.fontSize
        # as wide as the longest "from – to" where there is room; never narrower than
        # the longest single date, which stays on one line (``keep_dates``)
        date_w = max(stringWidth(_event_when(e), fonts.REGULAR, size) for e in events) + 8
        one = max(
            stringWidth(dutch_date(d), fonts.REGULAR, size)
            for e in events
            for d in (e.date, e.end_date)
            if d
        )
        date_w = max(min(date_w, self.width * 0.24), one + 8)
        num_w = stringWidth(str(len(events)), fonts.BOLD, size) + 8
        widths = [num_w, date_w, self.width - num_w - date_w]
        heads = [Run("Nr", fonts.BOLD, size), Run("Datum", fonts.BOLD, size)]
        out: list[Flowable] = [
            TextRow(
                [[h] for h in [*heads, Run("Wat gebeurde er", fonts.BOLD, size)]],
                widths,
                header=True,
            )
        ]
        fields = {f.attr: f for f in self._fields(section) if f.attr}
        for e in events:
            n = numbers[e.id]
            details = []
            for attr in ("persons", "certainty", "source", "leefgebied"):
                fld = fields.get(attr)
                if fld is not None:
                    shown = field_text(fld, getattr(e, attr, None), self.names)
                    if shown.strip():
                        details.append(f"{fld.label.rstrip('?')}: {shown}")
            note = restriction_note(self.cf, e, None, self.names)
            if note:
                details.append(note)
            cells = [
                [Run(str(n), fonts.BOLD, size)],
                [Run(_event_when(e), fonts.REGULAR, size)],
                [
                    Run(e.description or "–", fonts.REGULAR, size),
                    Run(" · ".join(details), fonts.REGULAR, size * 0.85, GREY),
                ],
            ]
            out.append(TextRow(cells, widths))
        return out

    def _entity_rows(self, section: Section) -> list[Entity]:
        entity = section.binding.entity
        rows: list[Entity] = []
        if entity == "help_episode":
            helps = sorted(self.cf.help_episodes, key=lambda h: _date_key(h.start))
            rows.extend(helps)
        elif entity == "person":
            people = sorted(self.cf.persons, key=_person_order)
            rows.extend(people)
        return [r for r in rows if section.binding.matches(r.to_fields())]

    def _entity_rows_flow(self, section: Section) -> list[Flowable]:
        """One paragraph per row: the first field in bold, then the others."""
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
                    parts.append(f"{text(_label_plain(fld.label))} {text(keep_dates(shown))}")
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
        self.contents.append((tpl.title, anchor_key(tpl.id)))
        keys = [anchor_key(tpl.id)]
        if body and isinstance(body[0], Anchor):  # a first section without its own heading
            keys.append(body.pop(0).key)
        out: list[Flowable] = [Heading(text(tpl.title), st.h1, keys)]
        if with_picture and tpl.id in PICTURE_OF:
            drawn = picture(PICTURE_OF[tpl.id], self.cf, self.width, st, self.state.today)
            art = [drawn, Spacer(1, 3 * mm)]
            at = next(
                (i for i, f in enumerate(body) if PICTURE_AT.get(tpl.id) in getattr(f, "keys", ())),
                None,
            )
            if tpl.id == "gezinspatroon":
                art += self._caf_notes(tpl)
            if tpl.id == "genogram":
                art += self._relations_page()
            if at is None:
                out.extend(art)
            else:  # under the section's heading, above its table
                body[at + 1 : at + 1] = art
        out.extend(body or [Paragraph("Nog niet ingevuld.", st.note)])
        return out

    def _relations_page(self) -> list[Flowable]:
        """Emotional relations that cannot be drawn in the genogram without crossing a
        name or a symbol or lying on another line: on a page of their own."""
        try:
            moved = moved_relations(self.cf, self.state.today)
        except Exception:  # the genogram itself shows a placeholder then
            return []
        if not moved:
            return []
        st = self.st
        n = len(moved)
        what = "relatie staat" if n == 1 else "relaties staan"
        return [
            Paragraph(
                f"{n} emotionele {what} op de volgende pagina: in het genogram zou de lijn "
                "over een naam, een symbool of een andere lijn lopen.",
                st.note,
            ),
            PageBreak(),
            Paragraph("Relaties (bij het genogram)", st.h2),
            picture("relaties", self.cf, self.width, st, self.state.today),
            Spacer(1, 3 * mm),
        ]

    def _caf_notes(self, tpl: Template) -> list[Flowable]:
        """The full texts of the triangle's corners (the picture shows keywords)."""
        rows = []
        for person in parent_figures(self.cf) + [
            p for p in self.cf.persons if p.role == Role.KIND.value
        ]:
            form = self.forms.get((tpl.id, person.role, person.id, None))
            if form is None:
                continue
            dev = form.answers.get("ontwikkelingsfactoren") or form.answers.get("ontwikkeling")
            rows.append(
                [
                    f"{person.name} ({Role.label_of(person.role).lower()})",
                    str(dev or ""),
                    str(form.answers.get("gedrag") or ""),
                ]
            )
        if not rows:
            return []
        return [
            Paragraph("Toelichting bij de driehoek", self.st.h2),
            self._table(["Wie", "Ontwikkeling", "Gedrag"], rows, (0.2, 0.4, 0.4)),
        ]

    def _sections(self, tpl: Template, inst: str | None) -> list[Flowable]:
        out: list[Flowable] = []
        for section in tpl.sections:
            if not self._fields(section):
                continue
            if tpl.id == "gezinspatroon" and section.binding.kind == "person":
                continue  # in the "Toelichting bij de driehoek" under the picture
            lines = self.section(tpl, section, inst)
            if lines:
                key = anchor_key(tpl.id, section.key)
                if _norm(section.label) != _norm(tpl.title):
                    out.append(Heading(text(section.label), self.st.h2, [key]))
                else:
                    out.append(Anchor(key))
                out.extend(lines)
        return out

    # -- the family ----------------------------------------------------------------

    def persons_table(self) -> list[Flowable]:
        st = self.st
        heads = ["Naam", "Rol", "Geboren", "Adres en telefoon"]
        body = []
        for p in sorted(self.cf.persons, key=_person_order):
            name = p.name or "(naam onbekend)"
            if p.deceased:
                name += " †"
            if p.index_child:
                name += " (indexkind)"
            contact = [v for v in (p.address, p.phone, p.email) if v and v.strip()]
            role = Role.label_of(p.role)
            if p.relation_to_child.strip() and _norm(p.relation_to_child) != _norm(role):
                role += f", {p.relation_to_child}"
            for fld in FIELDS:
                note = restriction_note(self.cf, p, fld, self.names)
                if note:
                    contact.append(f"{note} ({_what(fld)})")
            body.append([name, role, dutch_date(p.birth_date), "\n".join(contact)])
        self.contents.append(("Wie horen erbij?", "personen"))
        return [
            Heading("Wie horen erbij?", st.h1, ["personen"]),
            self._table(heads, body),
        ]


def _is_legend(section: Section, shown: str) -> bool:
    """Whether ``shown`` only repeats the anchors of a scale in this section."""
    return any(
        f.type == "scale" and f.scale_anchors and _norm(shown) == _norm("; ".join(f.scale_anchors))
        for f in section.fields
    )


def _person_heading(section: Section, person: Person) -> str:
    """'Moeder: Sanne Bakker' for 'Wie is moeder?'; else the section and the name."""
    name = person.name or "(naam onbekend)"
    if section.label.lower().startswith("wie is"):
        return f"{Role.label_of(person.role)}: {name}"
    return f"{section.label}: {name}"


def _event_when(e: LifeEvent) -> str:
    """'juli 2019 – augustus 2019': may wrap after the dash, never inside a date."""
    when = dutch_date(e.date)
    if e.end_date:
        when += f" – {dutch_date(e.end_date)}"
    return keep_dates(when)


def _relation_row(r: Relation, names: dict[str, str]) -> list[str]:
    a = names.get(r.person_a, "(onbekende persoon)")
    b = names.get(r.person_b, "(onbekende persoon)")
    span = " – ".join(x for x in (dutch_date(r.start), dutch_date(r.end)) if x)
    if r.kind == RelationKind.PARENT_CHILD.value:
        kind = {
            ParentType.BIOLOGISCH.value: "Ouder (biologisch)",
            ParentType.STIEF.value: "Stiefouder",
            ParentType.PLEEG.value: "Pleegouder",
            ParentType.ADOPTIE.value: "Adoptieouder",
        }.get(r.type, "Ouder")
        return [kind, a, f"{b} (kind)", span]
    return [f"Partners: {PartnerType.label_of(r.type).lower()}", a, b, span]


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


def contents_table(entries: list[tuple[str, str]], st: Styles, width: float) -> list[Flowable]:
    """'Inhoud': each chapter with the page it starts on (filled in after layout)."""
    size = st.cell.fontSize
    rows = [[Paragraph(text(title), st.cell), PageRef(key, size)] for title, key in entries]
    table = Table(rows, colWidths=[width - 20 * mm, 20 * mm])
    table.setStyle(
        table_style(
            ("LINEBELOW", (0, 0), (-1, -1), 0.2, LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        )
    )
    return [Paragraph("Inhoud", st.h1), table]


def _meta(title: str, cf: CaseFile) -> DocMeta:
    family = cf.case.family_name.strip()
    who = f"gezin {family}" if family else "gezin (naam onbekend)"
    return DocMeta(
        title=title,
        subject=f"{title} (Casusregie)",
        footer=f"{title} · {who}",
        header=f"{title} · {who}",
        confidential=True,
        margin_mm=18,
    )


def dossier_story(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> tuple[list[Flowable], DocMeta]:
    templates = templates or load_templates()
    today = today or dt.date.today()
    meta = _meta("Dossier", cf)
    st = styles(BODY_SIZE)
    width = content_width(meta)
    printer = _Printer(cf, st, width, handover_only=False, state=case_state(cf, today))
    body = printer.persons_table()
    for tpl in templates.ordered():
        body.extend(printer.template(tpl, with_picture=True))
    story = _cover(cf, st, "Dossier", "Alle onderdelen van de casus.", today)
    story += contents_table(printer.contents, st, width)
    story.append(PageBreak())
    story += body
    return story, meta


def handover_story(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> tuple[list[Flowable], DocMeta]:
    templates = templates or load_templates()
    today = today or dt.date.today()
    meta = _meta("Overdracht", cf)
    st = styles(BODY_SIZE)
    width = content_width(meta)
    state = case_state(cf, today)
    printer = _Printer(cf, st, width, handover_only=True, state=state)
    body = printer.persons_table()
    for tpl in templates.ordered():
        body.extend(printer.template(tpl, with_picture=True))
    story = state_pages(cf, state, st, width)
    story.append(PageBreak())
    story += checklist(cf, st, width, anchor_key)
    story += contents_table(
        [
            ("Stand van zaken", "stand"),
            ("Schone overdracht: is alles er?", "checklist"),
            *printer.contents,
        ],
        st,
        width,
    )
    story.append(PageBreak())
    story += body
    return story, meta


def dossier_pdf(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> bytes:
    return build(*dossier_story(cf, templates, today))


def handover_pdf(
    cf: CaseFile, templates: TemplateSet | None = None, today: dt.date | None = None
) -> bytes:
    return build(*handover_story(cf, templates, today))
