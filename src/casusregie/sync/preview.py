"""What a sync would send, shown before it goes: ``casusregie sync --voorbeeld`` and the
app's preview.

``build_preview`` works on the store alone (no network): per case and per category
with a basis for the office today, exactly the values the consent filter lets go
(``consentfilter.category_of``, the same function the engine uses), marked *nieuw*
when the office does not hold that value yet; per category without a basis the number
of values that stay on this device; and the rows whose category the app could not
settle (held back until the regisseur chooses). ``record_shown`` notes per case,
category and recipient that it was shown: the engine sends nothing of a category to a
recipient for the first time before that (``SyncResult.unshown``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from casusregie.domain.child_talks import FIELD_LABELS
from casusregie.domain.consent import LEDGER_CATEGORY, OFFICE, active_bases
from casusregie.domain.model import ANSWER_PREFIX
from casusregie.domain.sensitivity import is_classified_row, suggest
from casusregie.protocol import value_hash
from casusregie.protocol.models import STRUCTURE
from casusregie.store.database import Store
from casusregie.store.syncstate import SyncState
from casusregie.sync.consentfilter import basis_text, category_of
from casusregie.templates import TemplateSet, load_templates

__all__ = [
    "CasePreview",
    "CategoryPreview",
    "PreviewValue",
    "build_preview",
    "format_preview",
    "record_shown",
]

RECIPIENT_LABEL = {OFFICE: "Centraal kantoor"}


@dataclass(frozen=True)
class PreviewValue:
    entity: str  #: which row or person, in words
    field: str  #: the field's Dutch label
    value: str
    new: bool  #: the office does not hold this value yet


@dataclass
class CategoryPreview:
    category: str
    label: str
    basis: str
    values: list[PreviewValue] = field(default_factory=list)
    #: never shown before and never sent to this recipient: the first time
    first_time: bool = False


@dataclass
class CasePreview:
    case_id: str
    family_name: str
    recipient: str
    categories: list[CategoryPreview] = field(default_factory=list)
    #: category label -> number of values that stay on this device (no basis)
    withheld: dict[str, int] = field(default_factory=dict)
    #: rows held back until the regisseur chooses their category, with the reason
    unsettled: list[str] = field(default_factory=list)
    ledger_values: int = 0


def _text(value: Any, names: dict[str, str]) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(_text(v, names) for v in value)
    if isinstance(value, str):
        return names.get(value, value)
    return "" if value is None else str(value)


class _Labels:
    """Dutch labels for fields and rows, from the templates."""

    def __init__(self, templates: TemplateSet) -> None:
        self.templates = templates
        self.attrs: dict[tuple[str, str], str] = {}
        for tpl in templates.templates.values():
            for section in tpl.sections:
                entity = section.binding.entity or {"person": "person", "case": "case"}.get(
                    section.binding.kind, ""
                )
                for f in section.fields:
                    if f.attr:
                        self.attrs.setdefault((entity, f.attr), f.label)

    def field(self, etype: str, fname: str, structure: dict[str, Any]) -> str:
        if fname.startswith(ANSWER_PREFIX):
            tpl = self.templates.templates.get(str(structure.get("template") or ""))
            sec = tpl.section(str(structure.get("section") or "")) if tpl else None
            f = sec.field(fname[len(ANSWER_PREFIX) :]) if sec else None
            return f.label if f else fname[len(ANSWER_PREFIX) :]
        return self.attrs.get((etype, fname)) or FIELD_LABELS.get((etype, fname), fname)

    def row(self, etype: str, values: dict[str, Any], structure: dict[str, Any]) -> str:
        if etype == "case":
            return "Casus"
        if etype == "person":
            return f"Persoon: {values.get('name') or '(zonder naam)'}"
        if etype == "life_event":
            text = str(values.get("description") or "")
            short = text if len(text) <= 60 else text[:57] + "…"
            return f"Gebeurtenis {values.get('date') or ''}: {short}".strip()
        if etype == "help_episode":
            return f"Hulpverlening: {values.get('provider') or '(zonder naam)'}"
        if etype == "relation":
            return "Relatie"
        if etype == "child_talk":
            return f"Gesprek met een kind {values.get('date') or ''}".strip()
        if etype == "child_drawing":
            return "Tekening van een kind"
        tpl = self.templates.templates.get(str(structure.get("template") or ""))
        sec = tpl.section(str(structure.get("section") or "")) if tpl else None
        where = f"{tpl.title} – {sec.label}" if tpl and sec else "Formulier"
        return where + (" (regel)" if etype == "item" else "")


def build_preview(
    store: Store,
    *,
    templates: TemplateSet | None = None,
    today: dt.date | None = None,
    case_ids: list[str] | None = None,
    recipient: str = OFFICE,
) -> list[CasePreview]:
    """Per case: what the next sync would let go to ``recipient`` (see the module)."""
    t = templates or load_templates()
    day = today or dt.date.today()
    state = SyncState(store)
    labels = _Labels(t)
    cats = t.privacy.categories
    out = []
    for case_id in case_ids or state.case_ids():
        known = state.case(case_id)
        if known is not None and known.state == "overgedragen":
            continue
        cf = state.ledger_view(case_id)
        if cf is None:
            continue
        bases = active_bases(cf, recipient, day)
        structure = state.structure(case_id)
        mirror = state.mirror(case_id)
        shown = state.shown(case_id, recipient)
        present = {s.category for s in mirror.values()}
        names = {p.id: p.name or "(zonder naam)" for p in cf.persons}
        current: dict[tuple[str, str], dict[str, Any]] = {}
        hlcs: dict[tuple[str, str, str], str] = {}
        for lf in state.all_fields(case_id):
            current.setdefault((lf.entity_type, lf.entity_id), {})[lf.field] = lf.value
            hlcs[(lf.entity_type, lf.entity_id, lf.field)] = lf.hlc
        preview = CasePreview(
            case_id, cf.case.family_name, RECIPIENT_LABEL.get(recipient, recipient)
        )
        by_cat = {
            c: CategoryPreview(
                c,
                cats.get(c, {}).get("label", c),
                basis_text(cf, consent),
                first_time=c not in shown and c not in present,
            )
            for c, consent in sorted(bases.items())
        }
        withheld: dict[str, int] = {}
        for (etype, eid), values in sorted(current.items()):
            if values.get("_exists") is False:
                continue
            struct = structure.get((etype, eid), {})
            row = labels.row(etype, values, struct)
            if etype in ("life_event", "help_episode", "item") and is_classified_row(
                etype, str(struct.get("template") or ""), str(struct.get("section") or "")
            ):
                plain = {k.removeprefix(ANSWER_PREFIX): v for k, v in values.items()}
                if not plain.get("privacy") and suggest(etype, plain).category is None:
                    preview.unsettled.append(f"{row} ({suggest(etype, plain).reason})")
            for fname, value in sorted(values.items()):
                if value is None or value == "" or value == []:
                    continue
                cat = category_of(t, etype, fname, struct, value)
                if cat is None and category_of(t, etype, fname, struct) is not None:
                    # a free text about health and justice both: it stays here
                    label = "Tekst over gezondheid én justitie"
                    withheld[label] = withheld.get(label, 0) + 1
                    continue
                if cat in (None, STRUCTURE):
                    continue
                if cat == LEDGER_CATEGORY:
                    preview.ledger_values += 1
                    continue
                if cat not in by_cat:
                    label = cats.get(cat, {}).get("label", cat)
                    withheld[label] = withheld.get(label, 0) + 1
                    continue
                held = mirror.get((etype, eid, fname))
                new = not (
                    held is not None
                    and held.category == cat
                    and held.value_hash == value_hash(value)
                    and held.hlc == hlcs[(etype, eid, fname)]
                )
                display = (
                    "(een afbeelding)"  # a drawing's pieces of base64 say nothing to a reader
                    if (etype, fname) == ("child_drawing", "data")
                    else _text(value, names)
                )
                by_cat[cat].values.append(
                    PreviewValue(row, labels.field(etype, fname, struct), display, new)
                )
        preview.categories = [c for c in by_cat.values() if c.values]
        preview.withheld = dict(sorted(withheld.items()))
        out.append(preview)
    return out


def record_shown(store: Store, previews: list[CasePreview], recipient: str = OFFICE) -> None:
    """Note that these categories were shown (per case) for ``recipient``."""
    state = SyncState(store)
    for p in previews:
        if p.categories:
            state.mark_shown(p.case_id, [c.category for c in p.categories], recipient)


def format_preview(previews: list[CasePreview], *, only_new: bool = False) -> str:
    """The preview as Dutch text (the CLI prints it; the app shows it)."""
    lines: list[str] = []
    for p in previews:
        lines.append(f"Casus {p.case_id} ({p.family_name}) → {p.recipient}")
        if not p.categories:
            lines.append("  Er gaat niets van deze casus naar het kantoor (geen grondslag).")
        for c in p.categories:
            values = [v for v in c.values if v.new] if only_new else c.values
            first = " — VOOR HET EERST" if c.first_time else ""
            new = sum(1 for v in c.values if v.new)
            lines.append(
                f"  [{c.category}] {c.label}{first}: {len(c.values)} waarde(n), "
                f"{new} nieuw of gewijzigd"
            )
            lines.append(f"    grondslag: {c.basis}")
            for v in values:
                mark = "nieuw" if v.new else "al bij het kantoor"
                text = v.value.replace("\n", "\n        ")
                lines.append(f"    - {v.entity} | {v.field} ({mark}): {text}")
        if p.withheld:
            lines.append("  Blijft op dit apparaat (geen toestemming of grondslag):")
            for label, n in p.withheld.items():
                lines.append(f"    {label}: {n} waarde(n)")
        if p.unsettled:
            lines.append("  Wacht op uw keuze van een privacycategorie (gaat niet mee):")
            for row in p.unsettled:
                lines.append(f"    {row}")
        if p.ledger_values:
            lines.append(
                f"  Het toestemmingsoverzicht ({p.ledger_values} waarden) gaat mee naar het "
                "kantoor, alleen voor een overdracht van de casus."
            )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
