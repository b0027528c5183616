"""The case page renders any template from the loaded case, read-only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel
from ui_casedata import EVENT_ORDER

from casusregie.domain.model import LifeEvent
from casusregie.store.profile import Profile
from casusregie.templates import Field, Section, load_templates
from casusregie.ui.display import display_text, person_heading
from casusregie.ui.forms.section import SectionView
from casusregie.ui.forms.template import short_title
from casusregie.ui.models.entity import ENTITY_ID_ROLE, EntityTableModel

Make = Callable[..., Any]


@pytest.fixture
def case_window(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any
) -> Any:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    return window


def _sections(view: Any) -> list[SectionView]:
    return view.findChildren(SectionView)


def test_a_tab_for_every_template_in_order(case_window: Any) -> None:
    page = case_window.case_page
    tabs = page.tabs
    templates = load_templates().ordered()
    assert tabs.widget(0) is page.dashboard and tabs.tabText(0) == "Overzicht"
    at = [tabs.indexOf(view) for view in page.views]
    assert at == sorted(at) and at[0] > 0
    assert [tabs.tabToolTip(i) for i in at] == [t.title for t in templates]
    assert [tabs.tabText(i) for i in at] == [short_title(t.title) for t in templates]
    assert short_title("Tijdlijn, voorgeschiedenis en situatie gezin") == "Tijdlijn"
    assert short_title("Veiligheidsplan (directe veiligheid)") == "Veiligheidsplan"


def test_every_template_renders_every_section(
    qtbot: Any, case_window: Any, qtmodeltester: Any
) -> None:
    page = case_window.case_page
    for view in page.views:
        page.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda v=view: v.is_rendered)
        boxes = _sections(view)
        assert [b.title() for b in boxes] == [s.label for s in view.template.sections]
        texts = {label.text() for label in view.findChildren(QLabel)}
        for section in view.template.sections:
            if section.prompt:
                assert section.prompt in texts
            if section.binding.kind == "case":
                for field in section.fields:
                    assert field.label in texts
                    if field.prompt:
                        assert field.prompt in texts  # the seed's guiding question
        for model in view.models():
            if model.section.binding.entity == "item":
                assert model.rowCount() == 2  # the fixture fills two rows per item list
            qtmodeltester.check(model)


def _tijdlijn(qtbot: Any, window: Any) -> Any:
    page = window.case_page
    view = next(v for v in page.views if v.template.id == "tijdlijn")
    page.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.is_rendered)
    return view


def _model_for(view: Any, entity: str, **where: Any) -> EntityTableModel:
    return next(
        m
        for m in view.models()
        if m.section.binding.entity == entity
        and all(dict(m.section.binding.where).get(k) == v for k, v in where.items())
    )


def test_life_events_in_order_of_time(qtbot: Any, case_window: Any) -> None:
    model = _model_for(_tijdlijn(qtbot, case_window), "life_event")
    ids = [model.index(r, 0).data(ENTITY_ID_ROLE) for r in range(model.rowCount())]
    assert ids == EVENT_ORDER
    columns = {f.attr: c for c, f in enumerate(model.section.fields)}
    cell = lambda row, attr: model.index(row, columns[attr]).data()  # noqa: E731
    assert cell(0, "date") == "2 juni 2012"
    assert cell(1, "date") == "september 2016"
    assert cell(2, "date") == "2019"
    assert cell(3, "certainty") == "Aanname"  # the choice's label, not its value
    assert cell(3, "persons") == "Sanne Verbeek, Noor Verbeek, Daan Verbeek"
    assert cell(4, "description") == "Melding bij Veilig Thuis na ruzie in de keuken"
    assert model.headerData(
        columns["certainty"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    ).startswith("Feit of aanname")


def test_help_is_split_into_current_and_earlier(qtbot: Any, case_window: Any) -> None:
    view = _tijdlijn(qtbot, case_window)
    current = _model_for(view, "help_episode", status="lopend")
    earlier = _model_for(view, "help_episode", status="afgesloten")
    assert [current.index(r, 0).data(ENTITY_ID_ROLE) for r in range(current.rowCount())] == [
        "h-begeleiding"
    ]
    assert [earlier.index(r, 0).data(ENTITY_ID_ROLE) for r in range(earlier.rowCount())] == [
        "h-smw"
    ]


def test_one_block_per_person_with_name_and_birth_date(qtbot: Any, case_window: Any) -> None:
    view = _tijdlijn(qtbot, case_window)
    by_role = {}
    for box in _sections(view):
        section: Section = box._section
        if section.binding.kind == "person":
            by_role[section.binding.roles] = {lab.text() for lab in box.findChildren(QLabel)}
    assert "Sanne Verbeek, geboren 12 maart 1987" in by_role[("moeder",)]
    assert "Youssef Amrani, geboren 1984" in by_role[("vader",)]
    assert "Er is (nog) niemand met deze rol in het gezin." in by_role[("partner",)]
    # more than one child: a list of them beside the form of the one chosen
    box = next(b for b in _sections(view) if b._section.binding.roles == ("kind",))
    chooser = box.person_list
    assert chooser is not None
    names = [chooser.item(r).text() for r in range(chooser.count())]
    assert {"Noor Verbeek, geboren 2 juni 2012", "Daan Verbeek, geboren september 2016"} <= set(
        names
    )
    assert len(box.forms) == 1  # one form, not one per child
    first = {lab.text() for lab in box.findChildren(QLabel) if lab.isVisibleTo(box)}
    assert names[0] in first
    chooser.setCurrentRow(1)
    assert len(box.forms) == 1
    qtbot.waitUntil(
        lambda: names[1] in {lab.text() for lab in box.findChildren(QLabel) if lab.isVisibleTo(box)}
    )
    editing = case_window.case_page.editing
    people = {b.ref.person for b in editing.bound() if b.ref.section == box._section.key}
    assert len(people) == 1  # only the chosen child's editors are bound


def test_case_fields_show_their_values_in_editors(qtbot: Any, case_window: Any) -> None:
    view = _tijdlijn(qtbot, case_window)
    editing = case_window.case_page.editing
    texts = [b.editor.value() for b in editing.bound() if b.ref.template == "tijdlijn"]
    assert "Gezin Verbeek-Amrani" in texts  # naam_gezin: attr family_name
    assert "Zorgen over ruzies thuis en het schoolverzuim van Noor" in texts
    assert any(b.title() for b in view.findChildren(QGroupBox))


def test_display_text() -> None:
    def field(kind: str, **kw: Any) -> Field:
        return Field(key="k", label="L", type=kind, handover=False, privacy="relaties", **kw)

    names = {"p1": "Sanne", "p2": "Noor"}
    assert display_text(field("partial_date"), "2016-05-14", names) == "14 mei 2016"
    assert display_text(field("date"), "2016-05", names) == "mei 2016"
    assert display_text(field("choice", choices=(("a", "Aanname"),)), "a", names) == "Aanname"
    assert (
        display_text(field("multichoice", choices=(("a", "A"), ("b", "B"))), ["a", "b"], names)
        == "A, B"
    )
    assert display_text(field("persons"), ["p1", "p2"], names) == "Sanne, Noor"
    assert display_text(field("person"), "p9", names) == "(onbekende persoon)"
    assert display_text(field("bool"), True, names) == "Ja"
    assert display_text(field("bool"), False, names) == "Nee"
    assert display_text(field("text"), None, names) == ""
    assert (
        display_text(field("scale", scale_anchors=("1 = laag", "10 = hoog")), 6, names)
        == "6 (1 = laag; 10 = hoog)"
    )
    assert person_heading("Sanne", None) == "Sanne"


def test_entity_model_alone(qtmodeltester: Any) -> None:
    template = load_templates().get("tijdlijn")
    section = next(s for s in template.sections if s.binding.entity == "life_event")
    model = EntityTableModel(section)
    rows = [
        LifeEvent(id="e1", case_id="c", date="2019", description="Verhuisd"),
        LifeEvent(id="e2", case_id="c", date="2020-02", description="Nieuwe school"),
    ]
    model.set_rows(rows, {})
    qtmodeltester.check(model)
    assert model.rowCount() == 2 and model.columnCount() == len(section.fields)
    model.clear()
    assert model.rowCount() == 0
    qtmodeltester.check(model)
