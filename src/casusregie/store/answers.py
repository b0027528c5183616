"""Applying template migrations to stored answers, through the change API.

Run after unlocking and after an import: every ``Form`` and ``Item`` stored under an
older template version is brought to the current one in one transaction, so each moved
answer has its history (old place emptied, new place filled) like any other edit.
"""

from __future__ import annotations

from collections import defaultdict

from casusregie.domain.model import Form
from casusregie.store.database import Store
from casusregie.templates import TemplateSet, load_templates
from casusregie.templates.migration import migrate_answers

__all__ = ["migrate_all_answers", "migrate_case_answers"]

ACTION = "Antwoorden bijgewerkt naar een nieuwe versie van het sjabloon"


def migrate_case_answers(store: Store, case_id: str, templates: TemplateSet | None = None) -> int:
    """Returns the number of answer sets changed (0: nothing to do, nothing written)."""
    templates = templates or load_templates()
    cf = store.load_case(case_id)
    stale_forms: dict[tuple[str, str | None, str | None, int], list[Form]] = defaultdict(list)
    for f in cf.forms:
        tpl = templates.templates.get(f.template)
        if tpl is not None and f.version < tpl.version:
            stale_forms[(f.template, f.person, f.instance, f.version)].append(f)
    stale_items = [
        i
        for i in cf.items
        if i.template in templates.templates and i.version < templates.get(i.template).version
    ]
    if not stale_forms and not stale_items:
        return 0
    current = {(f.template, f.section, f.person, f.instance): f for f in cf.forms}
    changed = 0
    with store.write(ACTION) as tx:
        for (template, person, instance, version), forms in stale_forms.items():
            tpl = templates.get(template)
            up_to_date = {
                f.section: f.answers
                for f in cf.forms
                if (f.template, f.person, f.instance) == (template, person, instance)
                and f.version >= tpl.version
            }
            result = migrate_answers(
                tpl, version, {f.section: f.answers for f in forms}, occupied=up_to_date
            )
            for section, answers in result.sections.items():
                existing = current.get((template, section, person, instance))
                if existing is None:
                    new = Form(
                        id=Form.make_id(case_id, template, section, person, instance),
                        case_id=case_id,
                        template=template,
                        section=section,
                        person=person,
                        instance=instance,
                        version=tpl.version,
                        answers=answers,
                    )
                    tx.create(new)
                    current[(template, section, person, instance)] = new
                elif any(existing is f for f in forms):
                    existing.answers = answers
                else:  # moves into a form already at the current version: never overwrite
                    existing.answers = {**answers, **existing.answers}
                existing = current[(template, section, person, instance)]
                existing.version = tpl.version
                tx.update(existing)
                changed += 1
        for item in stale_items:
            tpl = templates.get(item.template)
            result = migrate_answers(tpl, item.version, {item.section: item.answers})
            filled = {s: a for s, a in result.sections.items() if a}
            if len(filled) == 1:  # the whole row moved (or stayed): one list holds it
                ((item.section, item.answers),) = filled.items()
            else:  # the row would be split across lists: keep it whole, renames only
                result = migrate_answers(
                    tpl, item.version, {item.section: item.answers}, within_section=True
                )
                item.answers = result.sections.get(item.section, {})
            item.version = tpl.version
            tx.update(item)
            changed += 1
    return changed


def migrate_all_answers(store: Store, templates: TemplateSet | None = None) -> int:
    """Migrate every case that holds answers under an older template version."""
    templates = templates or load_templates()
    stale = {
        case_id
        for case_id, template, version in store.answer_versions()
        if template in templates.templates and version < templates.get(template).version
    }
    return sum(migrate_case_answers(store, case_id, templates) for case_id in sorted(stale))
