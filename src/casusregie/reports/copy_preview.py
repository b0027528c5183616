"""'Wat ziet X?': the text of one copy, and what it leaves out, before it goes out.

``preview(cf, spec)`` builds the copy of the family plan exactly as it will be printed
(the same story as the PDF) and returns its text, plus, for the regisseur only:

- ``withheld``: the parts and rows this kind of reader does not get, and what is marked
  "niet delen met" this person;
- ``hits``: every place where a marked value, or a part of it (a street, a postcode, a
  place, phone digits, a name), was typed again in the text that goes into this copy.
  Each hit is hidden unless the regisseur released it (by its key, ``Hit.key``).

``preview_text`` writes it all as one plain text for the terminal, the copy first and
what does not go out after a clear line.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table

from casusregie.domain.copies import PARTS, CopySpec
from casusregie.domain.family_plan import PlanVersion
from casusregie.domain.model import CaseFile
from casusregie.domain.redaction import Hit, Scrubber
from casusregie.domain.restrictions import applies_to, markers, redact
from casusregie.domain.sensitivity import topic_of
from casusregie.reports.safety_plan import TEMPLATE, plan_copy, recipient_name

__all__ = ["Found", "Preview", "preview", "preview_text", "story_text"]

#: part -> (section, answer keys, is a list of rows) of the plan's template
_SOURCES: dict[str, tuple[tuple[str, tuple[str, ...], bool], ...]] = {
    "waarom": (("aanleiding", ("situatie", "wat_gebeurd"), False),),
    "goed": (("zorgen_krachten", ("krachten",), False), ("netwerk", ("krachten_netwerk",), False)),
    "zorgen": (("zorgen_krachten", ("zorgen", "zorgen_gezin"), False),),
    "afspraken": (("afspraken", ("owner", "what", "checker"), True),),
    "grens": (("ondergrens", ("eis", "bewaker"), True),),
    "misgaat": (("overschrijding", ("plan",), False),),
    "bellen": (("bellen", ("naam", "rol", "telefoon", "wanneer_bellen"), True),),
    "zes": (("zes", ("zes",), False),),
}


@dataclass(frozen=True)
class Found:
    """A hit in the text that goes into the copy: where, what, and whether released."""

    where: str
    hit: Hit
    released: bool


@dataclass
class Preview:
    recipient: str
    spec: CopySpec
    text: str
    withheld: list[str]
    found: list[Found]
    warnings: list[str] = field(default_factory=list)


def _plain(markup: str) -> str:
    s = re.sub(r"<br\s*/?>", "\n", markup)
    s = re.sub(r"<[^>]+>", "", s)
    return html.unescape(s)


def _walk(item: object) -> Iterator[str]:
    if isinstance(item, Paragraph):
        bullet = getattr(item, "bulletText", None)
        text = _plain(item.text)
        yield f"{bullet} {text}" if bullet else text
    elif isinstance(item, Table):
        for row in item._cellvalues:
            cells = [" ".join(_walk(c)) for c in row]
            line = " | ".join(c for c in cells if c.strip())
            if line:
                yield line
    elif isinstance(item, KeepTogether):
        for sub in item._content:
            yield from _walk(sub)
    elif isinstance(item, list | tuple):
        for sub in item:
            yield from _walk(sub)
    elif isinstance(item, str) and item.strip():
        yield item


def story_text(story: Iterable[Flowable]) -> str:
    """The words of a story, one paragraph or table row a line, without markup."""
    return "\n".join(line for item in story for line in _walk(item))


def _hits(cf: CaseFile, spec: CopySpec) -> list[Found]:
    """Hits in the texts of the parts this copy shows (restrictions already applied)."""
    found = Scrubber(markers(cf, spec.for_person, spec.other_addresses(cf)), spec.released)
    if not found:
        return []
    shown = redact(cf, spec.for_person, scrub=False)
    out: list[Found] = []
    for part in PARTS:
        if part not in spec.parts:
            continue
        for section, keys, rows in _SOURCES.get(part, ()):
            sets = sorted(
                (
                    e
                    for e in (shown.items if rows else shown.forms)
                    if e.template == TEMPLATE and e.section == section
                ),
                key=lambda e: (getattr(e, "position", 0), e.id),
            )
            for n, entity in enumerate(sets, 1):
                said = " ".join(str(entity.answers.get(k) or "") for k in keys)
                topic = topic_of(said, calling=section == "bellen") if rows else None
                if topic is not None and topic not in spec.topics:
                    continue  # the row is not in this copy at all
                where = PARTS[part] + (f", rij {n}" if rows else "")
                for key in keys:
                    value = entity.answers.get(key)
                    if isinstance(value, str):
                        for hit in found.hits(value):
                            out.append(Found(where, hit, hit.key in spec.released))
    return out


def _marked(cf: CaseFile, spec: CopySpec) -> list[str]:
    """What is marked 'niet delen met' this reader, said without the value itself."""
    if spec.for_person is None:
        n = sum(1 for r in cf.restrictions if r.hidden_from)
        line = f"{n} gegevens gemarkeerd 'niet delen met' iemand: niet in dit exemplaar."
        return [line] if n else []
    n = sum(1 for r in cf.restrictions if applies_to(r, spec.for_person))
    if not n:
        return []
    return [f"{n} gegevens gemarkeerd 'niet delen met' deze persoon: niet in dit exemplaar."]


def preview(
    cf: CaseFile,
    spec: CopySpec,
    today: dt.date | None = None,
    version: PlanVersion | None = None,
) -> Preview:
    """The copy's text and, for the regisseur only, what it leaves out."""
    copy = plan_copy(cf, spec, today, version)
    withheld = [*_marked(cf, spec), *copy.withheld]
    if spec.other_addresses(cf):
        withheld.append("Adressen van anderen: niet in dit exemplaar.")
    return Preview(
        recipient_name(cf, spec.for_person),
        spec,
        story_text(copy.story),
        withheld,
        _hits(cf, spec),
        list(copy.warnings),
    )


RULE = "=" * 72


def preview_text(p: Preview) -> str:
    """The preview for the terminal: the copy, then what does not go out."""
    head = (
        f"WAT ZIET {p.recipient.upper()}? Veiligheidsplan, exemplaar voor "
        f"{p.recipient} ({p.spec.kind_label})."
    )
    lines = [head, RULE, p.text, RULE]
    lines.append("ALLEEN VOOR DE REGISSEUR: DIT GAAT NIET MEE")
    for warning in p.warnings:
        lines.append(f"LET OP: {warning}")
    for line in p.withheld:
        lines.append(f"- {line}")
    hidden = [f for f in p.found if not f.released]
    released = [f for f in p.found if f.released]
    if hidden:
        lines.append("")
        lines.append(
            "Verborgen in de tekst (een gemarkeerde waarde, of een deel ervan, opnieuw "
            'getypt). Vrijgeven: --vrijgeven "SLEUTEL".'
        )
        for f in hidden:
            lines.append(f"- {f.where}: {f.hit.what} {f.hit.context} [sleutel: {f.hit.key}]")
    if released:
        lines.append("")
        lines.append("Vrijgegeven door de regisseur (gaat WEL mee):")
        for f in released:
            lines.append(f"- {f.where}: {f.hit.what} {f.hit.context}")
    if not p.withheld and not p.found:
        lines.append("- Niets: dit exemplaar laat niets weg.")
    if p.spec.widened:
        lines.append("")
        lines.append("Extra gedeeld (verruimd): " + ", ".join(p.spec.widened_labels()))
    return "\n".join(lines) + "\n"
