"""The veiligheidsplan for the family: plain Dutch (B1), large type, their own words.

Content comes from the ``veiligheidsplan`` template answers and the persons; the
headings and the fixed text are written here for parents and children, not for
professionals. The professional parts (ARIJ taxatie, rationale per agreement) stay out.

A copy is always for someone: ``for_person`` (a person id) gets what that person may
see; None is the family's shared copy, which leaves out everything marked "niet delen
met" anyone (see ``domain.restrictions``). What a kind of reader gets by default (a
network member: the afspraken, the grens, what to do, whom to call) and how the
regisseur widens it is a ``domain.copies.CopySpec``; ``plan_copy`` returns the story
together with what it left out, for the regisseur's preview ("wat ziet X?").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from casusregie.domain.copies import PARTS, TOPICS, CopySpec, RecipientKind, copy_spec
from casusregie.domain.family_plan import (
    EENMALIG,
    PlanVersion,
    aard,
    plain_words,
    plan_signers,
    plan_warnings,
)
from casusregie.domain.model import CaseFile, Item, Person, Role
from casusregie.domain.restrictions import redact
from casusregie.domain.sensitivity import topic_of
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

__all__ = [
    "EMERGENCY_NUMBERS",
    "HEADINGS",
    "PlanCopy",
    "plan_copy",
    "safety_plan_pdf",
    "safety_plan_story",
]

TEMPLATE = "veiligheidsplan"
BODY_SIZE = 11.5

#: The headings, in order. Short sentences and everyday words (B1).
HEADINGS = {
    "waarom": "Waarom is dit plan er?",
    "goed": "Wat gaat goed?",
    "zorgen": "Waar maken we ons zorgen over?",
    "afspraken": "Wie doet wat, en wanneer?",
    "grens": "Onze grens: dit moet altijd zo zijn",
    "misgaat": "Als het toch misgaat",
    "bellen": "Wie kun je bellen?",
    "zes": "Zo ziet een 6 eruit",
    "evaluatie": "Wanneer kijken we weer samen naar dit plan?",
    "handtekeningen": "Handtekeningen",
}

#: Fixed numbers, the same for every family in the Netherlands: 112 for danger now;
#: Veilig Thuis 0800-2000 (free, day and night); De Kindertelefoon 0800-0432 (free and
#: anonymous); police without urgency 0900-8844. Only numbers we are sure of: a wrong
#: number on a safety plan is worse than a missing one. (number, who, when)
EMERGENCY_NUMBERS: tuple[tuple[str, str, str], ...] = (
    ("112", "Alarmnummer", "Is er nu gevaar? Bel 112. Dan komt de politie of een ambulance."),
    ("0800-2000", "Veilig Thuis", "Hulp en advies bij geweld thuis. Gratis, dag en nacht."),
    (
        "0800-0432",
        "De Kindertelefoon",
        "Voor kinderen en jongeren. Gratis, en niemand hoort wie je bent.",
    ),
    ("0900-8844", "Politie", "Als het geen spoed heeft."),
)

NOT_YET = "Dit vullen we nog samen in."


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


def _form(cf: CaseFile, section: str) -> dict[str, Any]:
    for f in cf.forms:
        if f.template == TEMPLATE and f.section == section and f.person is None:
            return f.answers
    return {}


def _items(cf: CaseFile, section: str) -> list[Item]:
    rows = [i for i in cf.items if i.template == TEMPLATE and i.section == section]
    return sorted(rows, key=lambda i: (i.position, i.id))


def _has(value: Any) -> bool:
    return isinstance(value, str | int | float) and str(value).strip() != ""


def signers(cf: CaseFile, today: dt.date) -> list[Person]:
    """Each adult who carries an afspraak, and each child of 12 and older (today)."""
    return plan_signers(cf, today)


def _section(story: list[Flowable], heading: str, st: Styles) -> None:
    story.append(Paragraph(text(heading), st.h1))


def _text_or_not_yet(story: list[Flowable], value: Any, st: Styles) -> None:
    story.append(para(value if _has(value) else NOT_YET, st.body))


def _agreements(cf: CaseFile, st: Styles, width: float, left: _Left) -> list[Flowable]:
    rows = []
    review = _form(cf, "plan").get("volgende_evaluatie")
    for item in left.rows(_items(cf, "afspraken"), "Afspraak", ("owner", "what")):
        a = item.answers
        if not _has(a.get("what")):
            continue
        if a.get("status") == "gedaan":
            left.lines.append(f"Afspraak klaar, niet meer in het plan: {left.short(a['what'])}")
            continue
        details = []
        if aard(a) == EENMALIG:
            if _has(a.get("deadline")):
                details.append(f"<b>Wanneer:</b> {text(dutch_date(a['deadline']))}")
        else:
            details.append("<b>Geldt:</b> altijd")
            again = a.get("herzien_op") if _has(a.get("herzien_op")) else review
            if _has(again):
                details.append(f"We kijken er samen naar op {text(dutch_date(again))}.")
        if _has(a.get("checker")):
            details.append(f"<b>Wie let erop:</b> {text(a['checker'])}")
        cell: list[Flowable] = [para(a["what"], st.cell)]
        if details:
            cell.append(Paragraph("<br/>".join(details), st.cell_small))
        who = a.get("owner") if _has(a.get("owner")) else "Nog afspreken"
        rows.append([para(who, st.cell_bold), cell])
    if not rows:
        return [para(NOT_YET, st.body)]
    table = Table(
        [[Paragraph("Wie", st.cell_bold), Paragraph("Wat", st.cell_bold)], *rows],
        colWidths=[width * 0.27, width * 0.73],
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
    )
    table.setStyle(_grid())
    return [table]


def _grid() -> TableStyle:
    return table_style(
        *[
            ("GRID", (0, 0), (-1, -1), 0.5, GREY),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ]
    )


def _bottom_lines(cf: CaseFile, st: Styles, left: _Left) -> list[Flowable]:
    out: list[Flowable] = []
    for item in left.rows(_items(cf, "ondergrens"), "Grens", ("eis",)):
        a = item.answers
        if not _has(a.get("eis")):
            continue
        out.append(Paragraph(text(a["eis"]), st.bullet, bulletText="•"))
        if _has(a.get("bewaker")):
            out.append(Paragraph(f"<b>Wie let erop:</b> {text(a['bewaker'])}", st.indented))
    return out or [para(NOT_YET, st.body)]


def _call_list(
    cf: CaseFile, st: Styles, width: float, left: _Left, whole: frozenset[str] = frozenset()
) -> list[Flowable]:
    """Whom to call. ``whole``: the rows that had a name and a number before the copy
    was made; one that lost either is left out whole (a name without its number, or a
    number without a name, would tell the reader that something was kept back)."""
    by_name = {p.name.strip().lower(): p for p in cf.persons if p.name}
    fixed = {_digits(n) for n, _, _ in EMERGENCY_NUMBERS}
    family_words: dict[str, str] = {}
    rows = []
    for item in left.rows(_items(cf, "bellen"), "Bellen", ("naam", "rol", "wanneer_bellen")):
        a = item.answers
        name = str(a.get("naam") or "").strip()
        phone = str(a.get("telefoon") or "").strip()
        if not phone and name.lower() in by_name:
            phone = by_name[name.lower()].phone
        if not name and not phone:
            continue
        if item.id in whole and not (name and phone):
            continue
        when = str(a.get("wanneer_bellen") or "")
        if _digits(phone) in fixed:
            if when:
                family_words[_digits(phone)] = when
            continue
        who = f"<b>{text(name)}</b>" + (f" ({text(a['rol'])})" if _has(a.get("rol")) else "")
        rows.append(
            [
                Paragraph(who, st.cell),
                Paragraph(f"<b>{text(phone)}</b>" if phone else "", st.cell),
                para(when, st.cell),
            ]
        )
    out: list[Flowable] = []
    if rows:
        head = [Paragraph(h, st.cell_bold) for h in ("Wie", "Telefoon", "Wanneer bel je?")]
        table = Table(
            [head, *rows],
            colWidths=[width * 0.38, width * 0.2, width * 0.42],
            repeatRows=1,
            splitByRow=1,
            splitInRow=1,
        )
        table.setStyle(_grid())
        out.append(table)
    else:
        out.append(para(NOT_YET, st.body))
    out.append(Spacer(1, 4 * mm))
    out.append(Paragraph("Deze nummers kun je altijd bellen:", st.label))
    cells = []
    for number, who, when in EMERGENCY_NUMBERS:
        own = family_words.get(_digits(number))
        extra = f"<br/><i>Onze afspraak: {text(own)}</i>" if own else ""
        cells.append(
            [
                Paragraph(f"<b>{number}</b> · {who}", st.cell_bold),
                Paragraph(f"{text(when)}{extra}", st.cell_small),
            ]
        )
    pairs = [cells[i : i + 2] for i in range(0, len(cells), 2)]
    rows = [pair + [[]] * (2 - len(pair)) for pair in pairs]
    table = Table(rows, colWidths=[width / 2, width / 2], splitByRow=1, splitInRow=1)
    table.setStyle(
        table_style(
            ("BOX", (0, 0), (-1, -1), 1.2, GREY),
            ("INNERGRID", (0, 0), (-1, -1), 0.4, GREY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        )
    )
    out.append(table)
    return out


#: how a signer is named after their name, by role (others: their own relation words)
_ROLE_WORDS = {
    Role.MOEDER.value: "moeder",
    Role.VADER.value: "vader",
    Role.KIND.value: "kind",
    Role.PARTNER.value: "partner van een ouder",
}


def _role_word(person: Person) -> str:
    """'moeder', 'kind', or for the network their own words ('Buurvrouw'), short."""
    if person.role in _ROLE_WORDS:
        return _ROLE_WORDS[person.role]
    own = person.relation_to_child.split("(")[0].strip()
    return own or Role.label_of(person.role).split("(")[0].strip().lower()


def _signatures(cf: CaseFile, st: Styles, width: float, today: dt.date) -> Flowable:
    rows = [[Paragraph(h, st.cell_bold) for h in ("Naam", "Handtekening", "Datum")]]
    people = [(p.name, _role_word(p)) for p in signers(cf, today)]
    if cf.case.regisseur:
        people.append((cf.case.regisseur, "regisseur"))
    for name, role in people:
        name = name if len(name) <= 100 else name[:99] + "…"  # a line to sign, not a text
        label = f"<b>{text(name)}</b> ({text(role)})"
        rows.append([Paragraph(label, st.cell), "", ""])
    # no fixed row height: a long name wraps and the row grows; the top padding is the
    # room to sign in
    table = Table(
        rows,
        colWidths=[width * 0.46, width * 0.34, width * 0.20],
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
    )
    table.setStyle(
        table_style(
            ("LINEBELOW", (0, 0), (-1, -1), 0.6, GREY),
            ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ("TOPPADDING", (0, 1), (-1, -1), 3 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        )
    )
    return table


#: part -> (section, answer key) of the texts it prints (rows: the section alone)
_PART_TEXTS: dict[str, tuple[tuple[str, str], ...]] = {
    "waarom": (("aanleiding", "situatie"), ("aanleiding", "wat_gebeurd")),
    "goed": (("zorgen_krachten", "krachten"), ("netwerk", "krachten_netwerk")),
    "zorgen": (("zorgen_krachten", "zorgen"), ("zorgen_krachten", "zorgen_gezin")),
    "afspraken": (("afspraken", ""),),
    "grens": (("ondergrens", ""),),
    "misgaat": (("overschrijding", "plan"),),
    "bellen": (("bellen", ""),),
    "zes": (("zes", "zes"),),
}


class _Gone:
    """What the copy for one reader lost: a text that was there before the copy was
    made and is empty in it. Its place is left out whole (no "Dit vullen we nog samen
    in", no heading over nothing), so the reader cannot tell that anything was there."""

    def __init__(self, before: CaseFile, after: CaseFile) -> None:
        def filled(cf: CaseFile) -> set[tuple[str, str]]:
            out = {(s, k) for s in _SECTIONS for k, v in _form(cf, s).items() if _has(v)}
            out |= {(s, "") for s in ("afspraken", "ondergrens", "bellen") if _items(cf, s)}
            if _has(cf.case.aanleiding):
                out.add(("aanleiding", "situatie"))
            return out

        self.had = filled(before)
        self.lost = self.had - filled(after)

    def value(self, section: str, key: str) -> bool:
        return (section, key) in self.lost

    def part(self, part: str, after: CaseFile, shown: int | None = None) -> bool:
        """Whether the part lost all it had: rows (``shown``: how many are printed), or
        texts (each lost or empty, at least one lost)."""
        texts = _PART_TEXTS[part]
        if shown is not None:
            return shown == 0 and any((s, "") in self.had for s, _ in texts)
        now = [_has(_form(after, s).get(k)) for s, k in texts]
        if part == "waarom":
            now.append(_has(after.case.aanleiding))
        return any(self.value(s, k) for s, k in texts) and not any(now)


_SECTIONS = ("aanleiding", "zorgen_krachten", "netwerk", "overschrijding", "zes")


def _whole_calls(cf: CaseFile) -> frozenset[str]:
    """The rows of whom to call that have both a name and a number (theirs or on the row)."""
    phones = {p.name.strip().lower(): p.phone for p in cf.persons if p.name and p.phone}
    out = set()
    for item in _items(cf, "bellen"):
        name = str(item.answers.get("naam") or "").strip()
        if name and (_has(item.answers.get("telefoon")) or phones.get(name.lower())):
            out.add(item.id)
    return frozenset(out)


def recipient_name(cf: CaseFile, for_person: str | None) -> str:
    """Who the copy is for, as printed on it and written in the disclosure log."""
    if for_person is None:
        return "het gezin"
    person = cf.person(for_person)
    return person.name if person is not None and person.name else "een gezinslid"


@dataclass
class PlanCopy:
    """One copy of the plan: what goes out (``story``) and, for the regisseur only, what
    it leaves out (``withheld``: short Dutch lines)."""

    story: list[Flowable]
    meta: DocMeta
    spec: CopySpec
    withheld: list[str]
    #: what the regisseur must know before printing (review date passed, new incident)
    warnings: list[str] = field(default_factory=list)


class _Left:
    """Collects what a copy leaves out, and drops rows on a topic the copy does not get."""

    def __init__(self, spec: CopySpec) -> None:
        self.spec = spec
        self.lines: list[str] = []

    @staticmethod
    def short(value: object, n: int = 90) -> str:
        said = " ".join(str(value or "").split())
        return said if len(said) <= n else said[: n - 1] + "…"

    def part(self, key: str) -> bool:
        """Whether the copy shows this part; if not, that is noted."""
        if key in self.spec.parts:
            return True
        self.lines.append(f"Deel '{PARTS[key]}': niet in dit exemplaar.")
        return False

    def rows(self, items: list[Item], label: str, keys: tuple[str, ...]) -> list[Item]:
        out = []
        for item in items:
            said = " ".join(str(item.answers.get(k) or "") for k in keys)
            topic = topic_of(said, calling=item.section == "bellen")
            if topic is not None and topic not in self.spec.topics:
                self.lines.append(f"{label} over {TOPICS[topic].lower()}: {self.short(said)}")
                continue
            out.append(item)
        return out


def safety_plan_story(
    cf: CaseFile, for_person: str | None = None, today: dt.date | None = None
) -> tuple[list[Flowable], DocMeta]:
    """The flowables of the plan (``cf`` is redacted here for ``for_person``)."""
    copy = plan_copy(cf, copy_spec(cf, for_person, today=today), today)
    return copy.story, copy.meta


def _plain(cf: CaseFile) -> None:
    """The plan's texts in plain words (B1), for a copy a family or network member reads."""
    for entity in [*cf.forms, *cf.items]:
        if entity.template == TEMPLATE:
            entity.answers = {
                k: plain_words(v) if isinstance(v, str) else v for k, v in entity.answers.items()
            }
    cf.case.aanleiding = plain_words(cf.case.aanleiding)


def plan_copy(
    cf: CaseFile,
    spec: CopySpec,
    today: dt.date | None = None,
    version: PlanVersion | None = None,
) -> PlanCopy:
    """The plan as the copy ``spec`` describes it, and what it leaves out. ``version``
    (from the store's history, ``reports.service``) is printed on every page."""
    today = today or dt.date.today()
    for_person = spec.for_person
    recipient = recipient_name(cf, for_person)
    warnings = plan_warnings(cf, version.updated_on if version else None, today)
    whole = _whole_calls(cf)
    before = cf
    cf = redact(cf, for_person, extra=spec.other_addresses(cf), released=spec.released)
    gone = _Gone(before, cf)
    family = spec.kind not in (RecipientKind.PROFESSIONAL, RecipientKind.KANTOOR)
    if family:
        _plain(cf)
    left = _Left(spec)
    st = styles(BODY_SIZE)
    stamp = (
        f"versie {version.number}, bijgewerkt op {dutch_date(version.updated_on)} · "
        if version
        else ""
    )
    meta = DocMeta(
        title="Veiligheidsplan",
        subject="Veiligheidsplan voor het gezin",
        footer=f"Veiligheidsplan · {stamp}exemplaar voor {recipient}",
        margin_mm=15,
    )
    width = content_width(meta)
    keep = ParagraphStyle("keep", parent=st.body, keepWithNext=1)  # an intro stays with its text
    story: list[Flowable] = []
    plan = _form(cf, "plan")
    story.append(Paragraph("Ons veiligheidsplan", st.title))
    sub = []
    if cf.case.family_name.strip():
        sub.append(f"Gezin {text(cf.case.family_name)}")
    if version is not None:
        sub.append(f"Versie {version.number}, bijgewerkt op {dutch_date(version.updated_on)}")
        if version.replaces is not None:
            sub.append(f"vervangt de versie van {dutch_date(version.replaces)}")
    elif _has(plan.get("opgesteld_op")):
        sub.append(f"Gemaakt op {text(dutch_date(plan['opgesteld_op']))}")
    if sub:
        story.append(Paragraph(" · ".join(sub), st.subtitle))
    story.append(
        Paragraph(
            f"<b>Dit exemplaar is voor {text(recipient)}.</b> In dit plan staat wat we samen "
            "hebben afgesproken, zodat iedereen thuis veilig is. Lees het samen. Bewaar het "
            "op een veilige plek."
            + (
                ""
                if spec.parts >= set(PARTS) - {"handtekeningen"}
                else " In dit exemplaar staat wat jij nodig hebt om mee te helpen."
            ),
            st.body,
        )
    )

    aanleiding = _form(cf, "aanleiding")
    if left.part("waarom") and not gone.part("waarom", cf):
        _section(story, HEADINGS["waarom"], st)
        if not gone.value("aanleiding", "situatie"):
            _text_or_not_yet(story, aanleiding.get("situatie") or cf.case.aanleiding, st)
        if _has(aanleiding.get("wat_gebeurd")):
            story.append(Paragraph("Wat is er gebeurd?", st.h3))
            story.append(para(aanleiding["wat_gebeurd"], st.body))

    zk = _form(cf, "zorgen_krachten")
    network = _form(cf, "netwerk").get("krachten_netwerk")
    if left.part("goed") and not gone.part("goed", cf):
        _section(story, HEADINGS["goed"], st)
        if not gone.value("zorgen_krachten", "krachten"):
            _text_or_not_yet(story, zk.get("krachten"), st)
        if _has(network):
            story.append(Paragraph("Wie helpen ons?", st.h3))
            story.append(para(network, st.body))

    if left.part("zorgen") and not gone.part("zorgen", cf):
        _section(story, HEADINGS["zorgen"], st)
        if not gone.value("zorgen_krachten", "zorgen"):
            _text_or_not_yet(story, zk.get("zorgen"), st)
        if _has(zk.get("zorgen_gezin")):
            story.append(Paragraph("In eigen woorden", st.h3))
            story.append(para(zk["zorgen_gezin"], st.body))

    agreed = _agreements(cf, st, width, left) if "afspraken" in spec.parts else []
    shown = 0 if agreed and isinstance(agreed[0], Paragraph) else 1
    if left.part("afspraken") and not gone.part("afspraken", cf, shown):
        _section(story, HEADINGS["afspraken"], st)
        story.append(
            Paragraph(
                "Dit zijn onze afspraken. Bij elke afspraak staat wie het doet, wanneer, "
                "en wie erop let.",
                keep,
            )
        )
        story.extend(agreed)

    lines = _bottom_lines(cf, st, left) if "grens" in spec.parts else []
    shown = sum(1 for f in lines if getattr(f, "bulletText", None))
    if left.part("grens") and not gone.part("grens", cf, shown):
        _section(story, HEADINGS["grens"], st)
        story.append(
            Paragraph(
                "Dit is onze grens (de ondergrens). Die hebben we samen afgesproken. Hier "
                "gaat niemand overheen.",
                keep,
            )
        )
        story.extend(lines)

    if left.part("misgaat") and not gone.part("misgaat", cf):
        _section(story, HEADINGS["misgaat"], st)
        crossed = _form(cf, "overschrijding").get("plan")
        story.append(
            Paragraph(
                "Gaat iemand toch over de grens? Dan doen we dit:<br/>"
                + text(crossed if _has(crossed) else NOT_YET),
                st.body,
            )
        )

    if left.part("bellen"):
        _section(story, HEADINGS["bellen"], st)
        story.extend(_call_list(cf, st, width, left, whole))

    zes = _form(cf, "zes")
    if left.part("zes") and not gone.part("zes", cf):
        _section(story, HEADINGS["zes"], st)
        story.append(
            Paragraph(
                "We geven de veiligheid thuis een cijfer van 1 tot 10. Een 6 betekent: het "
                "is veilig genoeg. Niet alles gaat al goed, maar de kinderen zijn veilig. "
                "Zo ziet een 6 er voor ons uit:",
                keep,
            )
        )
        _text_or_not_yet(story, zes.get("zes"), st)
        if _has(zes.get("cijfer")):
            story.append(
                Paragraph(
                    f"Toen we dit plan maakten, gaven we het een <b>{text(zes['cijfer'])}</b>.",
                    st.body,
                )
            )

    if left.part("evaluatie"):
        _section(story, HEADINGS["evaluatie"], st)
        story.append(Paragraph(" ".join(_when(plan)), st.body))

    if left.part("handtekeningen"):
        signing: list[Flowable] = [
            Paragraph(text(HEADINGS["handtekeningen"]), st.h1),
            Paragraph("Met je handtekening laat je zien: ik ken dit plan en ik doe mee.", st.body),
            _signatures(cf, st, width, today),
        ]
        story.append(KeepTogether(signing))
    return PlanCopy(story, meta, spec, left.lines, warnings)


def _when(plan: dict[str, Any]) -> list[str]:
    when = []
    if _has(plan.get("opgesteld_op")):
        when.append(f"Dit plan is gemaakt op {text(dutch_date(plan['opgesteld_op']))}.")
    if _has(plan.get("volgende_evaluatie")):
        when.append(
            f"We kijken er weer samen naar op <b>{text(dutch_date(plan['volgende_evaluatie']))}"
            "</b>."
        )
    else:
        when.append("De datum spreken we nog samen af.")
    when.append("Gaat er eerder iets mis? Dan kijken we eerder.")
    return when


def safety_plan_pdf(
    cf: CaseFile, for_person: str | None = None, today: dt.date | None = None
) -> bytes:
    story, meta = safety_plan_story(cf, for_person, today)
    return build(story, meta)
