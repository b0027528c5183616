"""Import and export of a case as a JSON file, through the change API.

An import is all or nothing: the file is parsed, checked against the JSON Schema, then
against the domain's own rules (dates, references) and the templates (every answer must
belong to a known template field), and only then written in one transaction. A refused
file writes nothing and the message names the problem, never the family's data.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import jsonschema

from casusregie.domain.caseformat import FORMAT, VERSION, from_document, to_document
from casusregie.domain.errors import ImportRefused
from casusregie.domain.limits import value_problem
from casusregie.domain.model import CaseFile, Form, Item
from casusregie.store.database import Store
from casusregie.templates import TemplateSet, load_templates, resource_path

__all__ = ["export_case", "import_case", "parse_case_file", "validate_document"]

MAX_BYTES = 64 * 1024 * 1024


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        resource_path("schema", f"case-v{VERSION}.schema.json").read_text(encoding="utf-8")
    )
    return data


def parse_case_file(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ImportRefused(f"{path.name} is te groot voor een casusbestand.")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused(f"Bestand {path} bestaat niet.") from None
    except OSError:
        raise ImportRefused(f"Bestand {path} is niet te lezen.") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportRefused(f"{path.name} is geen UTF-8-tekst.") from None
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"{path.name} is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})."
        ) from None
    if not isinstance(doc, dict):
        raise ImportRefused(f"{path.name} is geen casusbestand.")
    return doc


def validate_document(doc: dict[str, Any], templates: TemplateSet | None = None) -> CaseFile:
    """Check a parsed document fully; returns the aggregate or raises ``ImportRefused``."""
    if doc.get("format") != FORMAT:
        raise ImportRefused("Dit is geen casusbestand van Casusregie (format ontbreekt).")
    if doc.get("version") != VERSION:
        raise ImportRefused(
            f"Casusbestand versie {doc.get('version')!r} wordt niet "
            f"ondersteund; deze versie van Casusregie leest versie {VERSION}."
        )
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        where = "/".join(str(p) for p in errors[0].absolute_path) or "(hoofdniveau)"
        raise ImportRefused(
            f"Het casusbestand voldoet niet aan het schema bij '{where}' "
            f"({errors[0].validator}); er is niets ingelezen."
        )
    problem = value_problem(doc, max_depth=100)  # a whole case, not one value
    if problem:
        raise ImportRefused(f"Het casusbestand klopt niet: {problem}; er is niets ingelezen.")
    cf = from_document(doc)
    problems = cf.problems() + _template_problems(cf, templates or load_templates())
    if problems:
        more = f" (en nog {len(problems) - 1})" if len(problems) > 1 else ""
        raise ImportRefused(
            f"Het casusbestand klopt niet: {problems[0]}{more}; er is niets ingelezen."
        )
    return cf


def _template_problems(cf: CaseFile, templates: TemplateSet) -> list[str]:
    out = []
    entries: list[Form | Item] = [*cf.forms, *cf.items]
    for entry in entries:
        tpl = templates.templates.get(entry.template)
        section = tpl.section(entry.section) if tpl else None
        where = f"{entry.template}.{entry.section}"
        if section is None:
            out.append(f"onbekend sjabloononderdeel '{where}'")
            continue
        assert tpl is not None
        if entry.version > tpl.version:
            out.append(f"'{where}' komt uit een nieuwere sjabloonversie")
        elif entry.version == tpl.version:
            unknown = [k for k in entry.answers if section.field(k) is None]
            if unknown:
                out.append(f"onbekend veld '{where}.{unknown[0]}'")
    return out


def import_case(store: Store, doc: dict[str, Any], *, action: str = "Casus ingelezen") -> CaseFile:
    cf = validate_document(doc)
    if store.has_case(cf.case.id):
        raise ImportRefused(
            "Een casus met dit id bestaat al in deze opslag; er is niets ingelezen."
        )
    taken = store.ids_in_other_cases(
        cf.case.id, [(e.ENTITY_TYPE, e.id) for e in cf.entities() if e.ENTITY_TYPE != "case"]
    )
    if taken:
        raise ImportRefused(
            f"{len(taken)} onderdelen in dit casusbestand (zoals personen of gebeurtenissen) "
            "hebben hetzelfde id als onderdelen van een andere casus in deze opslag; "
            "er is niets ingelezen."
        )
    with store.write(action) as tx:
        for entity in cf.entities():
            tx.create(entity)
    from casusregie.store.answers import migrate_case_answers

    if migrate_case_answers(store, cf.case.id):  # an older file: answers moved on
        cf = store.load_case(cf.case.id)
    return cf


def export_case(store: Store, case_id: str) -> dict[str, Any]:
    return to_document(
        store.load_case(case_id), exported_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    )
