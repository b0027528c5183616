"""The versioned JSON case format (``resources/schema/case-v1.schema.json``), both ways.

``to_document`` and ``from_document`` are pure: no files, no store. Export then import
is lossless: ``from_document(to_document(cf))`` equals ``cf``. Attributes that hold their
default value are still written, so a file read by a person is complete.
"""

from __future__ import annotations

from typing import Any

from casusregie.domain.child_talks import ChildDrawing, ChildTalk
from casusregie.domain.consent import Consent
from casusregie.domain.model import (
    AnswerSet,
    Case,
    CaseFile,
    Entity,
    Form,
    HelpEpisode,
    Item,
    LifeEvent,
    Person,
    Relation,
    Restriction,
)

__all__ = ["FORMAT", "VERSION", "from_document", "to_document"]

FORMAT = "casusregie-case"
VERSION = 1

_LISTS: tuple[tuple[str, type[Entity]], ...] = (
    ("persons", Person),
    ("relations", Relation),
    ("life_events", LifeEvent),
    ("help_episodes", HelpEpisode),
)
#: lists written only when not empty, so older files round-trip unchanged
_OPTIONAL: tuple[tuple[str, type[Entity]], ...] = (
    ("restrictions", Restriction),
    ("consents", Consent),
    ("child_talks", ChildTalk),
    ("child_drawings", ChildDrawing),
)


def _plain(entity: Entity) -> dict[str, Any]:
    return {"id": entity.id, **entity.to_fields()}


def to_document(cf: CaseFile, exported_at: str | None = None) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if exported_at:
        doc["exported_at"] = exported_at
    doc["case"] = _plain(cf.case)
    for name, _ in _LISTS:
        doc[name] = [_plain(e) for e in getattr(cf, name)]
    doc["forms"] = [_answer_set(f, "template", "section", "instance", "person") for f in cf.forms]
    doc["items"] = [
        {"id": i.id, **_answer_set(i, "template", "section", "instance", "position")}
        for i in cf.items
    ]
    for name, _ in _OPTIONAL:  # the consent ledger, restrictions, conversations
        if getattr(cf, name):
            doc[name] = [_plain(e) for e in getattr(cf, name)]
    return doc


def _answer_set(entry: AnswerSet, *names: str) -> dict[str, Any]:
    out = {name: getattr(entry, name) for name in names}
    if out.get("instance") is None:
        out.pop("instance", None)
    out["version"] = entry.version
    out["answers"] = dict(entry.answers)
    return out


def from_document(doc: dict[str, Any]) -> CaseFile:
    """Build the aggregate from a document that already passed the JSON Schema."""
    c = doc["case"]
    case_id = c["id"]
    case = Case.from_fields(case_id, case_id, {k: v for k, v in c.items() if k != "id"})
    cf = CaseFile(case=case)
    for name, cls in _LISTS:
        getattr(cf, name).extend(
            cls.from_fields(e["id"], case_id, {k: v for k, v in e.items() if k != "id"})
            for e in doc.get(name, ())
        )
    for f in doc.get("forms", ()):
        person, instance = f.get("person"), f.get("instance")
        cf.forms.append(
            Form(
                id=Form.make_id(case_id, f["template"], f["section"], person, instance),
                case_id=case_id,
                template=f["template"],
                section=f["section"],
                instance=instance,
                person=person,
                version=f.get("version", 1),
                answers=dict(f["answers"]),
            )
        )
    for i in doc.get("items", ()):
        cf.items.append(
            Item(
                id=i["id"],
                case_id=case_id,
                template=i["template"],
                section=i["section"],
                instance=i.get("instance"),
                position=i.get("position", 0),
                version=i.get("version", 1),
                answers=dict(i["answers"]),
            )
        )
    for name, cls in _OPTIONAL:
        getattr(cf, name).extend(
            cls.from_fields(e["id"], case_id, {k: v for k, v in e.items() if k != "id"})
            for e in doc.get(name, ())
        )
    return cf
