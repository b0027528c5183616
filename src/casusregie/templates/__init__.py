"""Templates as data: loading and validating the Beter Samenspel formats.

A template file (``resources/templates/<id>.json``) describes one invulformat: sections,
fields, the seed's guiding prompts, whether a field belongs to the handover set and its
privacy category. The file must satisfy ``resources/schema/template.schema.json`` and the
rules in ``_check`` (references to domain attributes and privacy categories). A broken
file raises ``TemplateInvalid`` naming the file and the field, never half-loads.

This package reads only its own resource files; it knows nothing of Qt or SQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.errors import TemplateInvalid
from casusregie.domain.model import Item, Role

__all__ = [
    "Binding",
    "Field",
    "PrivacyCatalog",
    "Section",
    "Template",
    "TemplateSet",
    "load_directory",
    "load_template",
    "load_templates",
    "resource_path",
]

#: keys a template field may not use: they name Form/Item attributes
RESERVED_KEYS = frozenset({"template", "section", "person", "position", "version", "instance"})
NON_TEMPLATE_FILES = frozenset({"privacy.json"})


def resource_path(*parts: str) -> Path:
    """Path of a file under ``resources/`` (installed as ``casusregie_resources``)."""
    root = resources.files("casusregie_resources")
    return Path(str(root.joinpath(*parts)))


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    type: str
    handover: bool
    privacy: str
    prompt: str = ""
    attr: str | None = None
    choices: tuple[tuple[str, str], ...] = ()
    family_words: bool = False
    scale_anchors: tuple[str, str] | None = None


@dataclass(frozen=True)
class Binding:
    kind: str  # "case", "person" or "list"
    roles: tuple[str, ...] = ()
    entity: str | None = None
    where: tuple[tuple[str, Any], ...] = ()

    def matches(self, attributes: dict[str, Any]) -> bool:
        """Whether an entity with these attributes belongs to a list section."""
        for name, wanted in self.where:
            value = attributes.get(name)
            if isinstance(wanted, tuple):
                if value not in wanted:
                    return False
            elif value != wanted:
                return False
        return True


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    binding: Binding
    fields: tuple[Field, ...]
    prompt: str = ""

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)


@dataclass(frozen=True)
class Migration:
    from_version: int
    moves: tuple[tuple[str, str], ...] = ()
    removed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Template:
    id: str
    version: int
    title: str
    source: str
    sections: tuple[Section, ...]
    intro: str = ""
    order: int = 1000
    migrations: tuple[Migration, ...] = ()
    multiple: bool = False

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def fields(self) -> Iterable[tuple[Section, Field]]:
        for section in self.sections:
            for f in section.fields:
                yield section, f


@dataclass(frozen=True)
class PrivacyCatalog:
    categories: dict[str, dict[str, str]]
    entities: dict[str, dict[str, str]]

    def label(self, category: str) -> str:
        return self.categories[category]["label"]


@dataclass
class TemplateSet:
    templates: dict[str, Template]
    privacy: PrivacyCatalog
    _category_cache: dict[tuple[str, str, str], str] = field(default_factory=dict, repr=False)

    def get(self, template_id: str) -> Template:
        return self.templates[template_id]

    def ordered(self) -> list[Template]:
        return sorted(self.templates.values(), key=lambda t: (t.order, t.id))

    def category_of(
        self, entity_type: str, attribute: str, template: str = "", section: str = ""
    ) -> str | None:
        """The privacy category of one stored field, or None if unknown (then: never share).

        For ``form`` and ``item`` entities pass their template and section; attribute is
        then the answer key (without the ``answer.`` prefix).
        """
        if entity_type in ("form", "item"):
            tpl = self.templates.get(template)
            sec = tpl.section(section) if tpl else None
            fld = sec.field(attribute) if sec else None
            return fld.privacy if fld else None
        return self.privacy.entities.get(entity_type, {}).get(attribute)


def _fail(path: Path, where: str, what: str) -> TemplateInvalid:
    return TemplateInvalid(f"Sjabloon {path.name} is ongeldig bij '{where}': {what}")


def _schema() -> dict[str, Any]:
    with resource_path("schema", "template.schema.json").open(encoding="utf-8") as fh:
        schema: dict[str, Any] = json.load(fh)
    return schema


def _load_privacy(directory: Path) -> PrivacyCatalog:
    path = directory / "privacy.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PrivacyCatalog(categories=data["categories"], entities=data["entities"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise TemplateInvalid(f"Privacycategorieën ({path.name}) zijn niet te lezen") from exc


def _parse(path: Path, data: dict[str, Any]) -> Template:
    sections = []
    for s in data["sections"]:
        b = s["binding"]
        where = tuple(
            (k, tuple(v) if isinstance(v, list) else v) for k, v in b.get("where", {}).items()
        )
        binding = Binding(
            kind=b["kind"], roles=tuple(b.get("roles", ())), entity=b.get("entity"), where=where
        )
        fields = tuple(
            Field(
                key=f["key"],
                label=f["label"],
                type=f["type"],
                handover=f["handover"],
                privacy=f["privacy"],
                prompt=f.get("prompt", ""),
                attr=f.get("attr"),
                choices=tuple((c["value"], c["label"]) for c in f.get("choices", ())),
                family_words=f.get("family_words", False),
                scale_anchors=(f["scale_anchors"]["low"], f["scale_anchors"]["high"])
                if "scale_anchors" in f
                else None,
            )
            for f in s["fields"]
        )
        sections.append(
            Section(
                key=s["key"],
                label=s["label"],
                binding=binding,
                fields=fields,
                prompt=s.get("prompt", ""),
            )
        )
    migrations = tuple(
        Migration(
            from_version=m["from_version"],
            moves=tuple(m.get("moves", {}).items()),
            removed=tuple(m.get("removed", ())),
        )
        for m in data.get("migrations", ())
    )
    return Template(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        source=data["source"],
        sections=tuple(sections),
        intro=data.get("intro", ""),
        order=data.get("order", 1000),
        multiple=data.get("multiple", False),
        migrations=migrations,
    )


def _check(path: Path, tpl: Template, privacy: PrivacyCatalog) -> None:
    if path.stem != tpl.id:
        raise _fail(path, "id", f"het id moet gelijk zijn aan de bestandsnaam ({path.stem})")
    section_keys: set[str] = set()
    for section in tpl.sections:
        where = section.key
        if section.key in section_keys:
            raise _fail(path, where, "sectie komt twee keer voor")
        section_keys.add(section.key)
        b = section.binding
        if b.kind == "person":
            unknown = set(b.roles) - set(Role.values())
            if unknown:
                raise _fail(path, where, f"onbekende rol: {', '.join(sorted(unknown))}")
        entity = {"case": "case", "person": "person"}.get(b.kind, b.entity)
        assert entity is not None
        entity_cls = ENTITY_TYPES[entity]
        attributes = set(entity_cls.attributes())
        for name, wanted in b.where:
            if name not in attributes:
                raise _fail(path, f"{where}.where", f"'{name}' is geen eigenschap van {entity}")
            choice = entity_cls.CHOICES.get(name)
            values = wanted if isinstance(wanted, tuple) else (wanted,)
            if choice is not None and set(values) - set(choice.values()):
                raise _fail(path, f"{where}.where", f"onbekende waarde voor '{name}'")
        keys: set[str] = set()
        for f in section.fields:
            fwhere = f"{section.key}.{f.key}"
            if f.key in keys:
                raise _fail(path, fwhere, "veld komt twee keer voor in de sectie")
            keys.add(f.key)
            if f.key in RESERVED_KEYS:
                raise _fail(path, fwhere, "deze sleutel is gereserveerd")
            if f.privacy not in privacy.categories:
                raise _fail(path, fwhere, f"onbekende privacycategorie '{f.privacy}'")
            if f.type in ("choice", "multichoice") and not f.choices:
                raise _fail(path, fwhere, "keuzeveld zonder keuzes")
            if f.type == "scale" and f.scale_anchors is None:
                raise _fail(path, fwhere, "schaalvraag zonder ankerteksten")
            if f.attr is not None:
                if entity_cls is Item or f.attr not in attributes:
                    raise _fail(path, fwhere, f"'{f.attr}' is geen eigenschap van {entity}")
                # Sync decides by privacy.json for entity attributes: the template must agree.
                mapped = privacy.entities.get(entity, {}).get(f.attr)
                if mapped is not None and mapped != f.privacy:
                    raise _fail(
                        path,
                        fwhere,
                        f"privacycategorie moet '{mapped}' zijn, zoals in privacy.json",
                    )
                choice = entity_cls.CHOICES.get(f.attr)
                if choice is not None and {v for v, _ in f.choices} - set(choice.values()):
                    raise _fail(path, fwhere, f"keuzes passen niet bij '{f.attr}'")
            elif b.kind == "list" and entity_cls is not Item:
                raise _fail(
                    path,
                    fwhere,
                    f"een veld in een lijst van {entity} moet een eigenschap (attr) tonen",
                )
    later_sources: set[str] = set()
    for m in sorted(tpl.migrations, key=lambda m: m.from_version, reverse=True):
        if m.from_version >= tpl.version:
            raise _fail(path, "migrations", "migratie vanaf een versie die niet ouder is")
        for _source, target in m.moves:
            # A target must exist now, unless a later migration moves it on (a chain).
            sec_key, field_key = target.split(".", 1)
            sec = tpl.section(sec_key)
            if (sec is None or sec.field(field_key) is None) and target not in later_sources:
                raise _fail(path, f"migrations.{target}", "doelveld bestaat niet")
        later_sources |= {source for source, _ in m.moves}


def load_template(
    path: Path, privacy: PrivacyCatalog, schema: dict[str, Any] | None = None
) -> Template:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise _fail(path, "(bestand)", "geen UTF-8-tekst") from exc
    except ValueError as exc:
        raise _fail(
            path, "(bestand)", f"geen geldige JSON (regel {getattr(exc, 'lineno', '?')})"
        ) from exc
    except OSError as exc:
        raise _fail(path, "(bestand)", "niet te lezen") from exc
    validator = jsonschema.Draft202012Validator(schema or _schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        where = _json_path(data, list(err.absolute_path)) or "(hoofdniveau)"
        raise _fail(path, where, f"voldoet niet aan het schema ({err.validator})")
    tpl = _parse(path, data)
    _check(path, tpl, privacy)
    return tpl


def _json_path(data: Any, parts: list[Any]) -> str:
    """A readable path: sections[2].fields[0] becomes 'aanleiding.eerste' where keys exist."""
    names: list[str] = []
    node = data
    for part in parts:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            names.append(str(part))
            continue
        if isinstance(node, dict) and isinstance(node.get("key"), str):
            names.append(node["key"])
        elif isinstance(part, str) and part not in ("sections", "fields"):
            names.append(part)
    return ".".join(names)


def load_directory(directory: Path) -> TemplateSet:
    privacy = _load_privacy(directory)
    schema = _schema()
    templates: dict[str, Template] = {}
    for path in sorted(directory.glob("*.json")):
        if path.name in NON_TEMPLATE_FILES:
            continue
        tpl = load_template(path, privacy, schema)
        templates[tpl.id] = tpl
    for entity, attrs in privacy.entities.items():
        cls = ENTITY_TYPES.get(entity)
        if cls is None or set(cls.attributes()) - set(attrs):
            raise TemplateInvalid(
                f"privacy.json: niet elke eigenschap van '{entity}' heeft een privacycategorie"
            )
        bad = set(attrs.values()) - set(privacy.categories)
        if bad:
            raise TemplateInvalid(f"privacy.json: onbekende categorie bij '{entity}'")
    return TemplateSet(templates=templates, privacy=privacy)


@cache
def load_templates() -> TemplateSet:
    """The templates shipped with the app, loaded and checked once per process."""
    return load_directory(resource_path("templates"))
