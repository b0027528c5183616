"""Rows of list sections: the row dialog is built from the section's fields and says
what is missing; adding, changing and deleting persons, relations, life events and
items go through the change API (one undo step each); new rows get fresh ids and the
role or status of their list; items belong to the occasion on screen; deleting asks
first, and a person takes their relations along (and back, with undo)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from ui_casedata import CHILD1, MOTHER
from ui_editing import (
    case_file,
    settle,
    show_template,
    type_into,
)

from casusregie.domain.dates import PartialDate
from casusregie.templates import Section, load_templates
from casusregie.ui.dialogs.row_editor import RowEditor, RowSpec
from casusregie.ui.forms.list_section import ListSection
from casusregie.ui.forms.section import SectionView


def _section(template: str, key: str) -> Section:
    section = load_templates().get(template).section(key)
    assert section is not None
    return section


def _list(qtbot: Any, window: Any, template: str, key: str) -> ListSection:
    view = show_template(qtbot, window, template)
    return next(s for s in view.sections() if s.section.key == key).lists[0]


def _answer(monkeypatch: Any, values: dict[str, Any], asked: list[RowSpec]) -> None:
    def ask(spec: RowSpec, parent: Any) -> dict[str, Any]:
        asked.append(spec)
        return {**{f.key: spec.values.get(f.key) for f in spec.fields}, **values}

    monkeypatch.setattr(RowEditor, "ask", staticmethod(ask))


def test_the_dialog_is_built_from_the_fields_and_says_what_is_missing(qtbot: Any) -> None:
    section = _section("tijdlijn", "tijdlijn")
    spec = RowSpec(
        "Toevoegen: Tijdlijn",
        section.fields,
        {"zekerheid": "feit"},
        (("p1", "Sanne"), ("p2", "Noor")),
        frozenset({"datum", "beschrijving"}),
    )
    dialog = RowEditor(spec)
    qtbot.addWidget(dialog)
    dialog.show()
    assert list(dialog.editors) == [f.key for f in section.fields]
    assert all(dialog.editors[f.key].accessibleName() == f.label for f in section.fields)
    assert not dialog.save_button.isEnabled()
    assert dialog.problem.text() == "Vul nog in: “Datum”, “Wat gebeurde er?”"
    type_into(qtbot, dialog.editors["datum"].line, "3-2016")  # type: ignore[attr-defined]
    type_into(qtbot, dialog.editors["beschrijving"], "Verhuisd naar Delft")
    assert dialog.save_button.isEnabled()
    type_into(qtbot, dialog.editors["einddatum"].line, "31-31-2016")  # type: ignore[attr-defined]
    assert dialog.problem.text() == "Kijk nog na: “Tot”"
    assert not dialog.save_button.isEnabled()
    type_into(qtbot, dialog.editors["einddatum"].line, "")  # type: ignore[attr-defined]
    values = dialog.values()
    assert values["datum"] == "2016-03" and values["beschrijving"] == "Verhuisd naar Delft"
    assert values["zekerheid"] == "feit" and values["personen"] is None


def test_the_dialog_shows_the_privacy_category_of_the_row(qtbot: Any, tmp_path: Any) -> None:
    section = _section("tijdlijn", "tijdlijn")
    spec = RowSpec(
        "Toevoegen: Tijdlijn", section.fields, {"zekerheid": "feit"}, (), row_kind="life_event"
    )
    dialog = RowEditor(spec)
    qtbot.addWidget(dialog)
    dialog.show()
    note = dialog.category_note
    assert "Relaties en gezinsgeschiedenis" in note.text() and note.isVisible()
    type_into(qtbot, dialog.editors["beschrijving"], "Jayden krijgt Ritalin")
    assert note.text().startswith("Voorstel van de app: Gezondheid en verslaving")
    assert "ritalin" in note.text()
    type_into(qtbot, dialog.editors["beschrijving"], "Politie brengt hem dronken thuis")
    assert "niet bepalen" in note.text() and "gaat deze regel niet mee" in note.text()
    privacy = dialog.editors["privacy"]
    privacy.set_value("justitie")  # type: ignore[attr-defined]
    privacy.edited.emit()  # type: ignore[attr-defined]
    assert note.text().startswith("Privacycategorie: Politie en justitie (door u gekozen)")
    assert dialog.values()["privacy"] == "justitie"
    dialog.resize(760, 700)
    dialog.grab().save(str(tmp_path / "rij-categorie.png"))


def test_a_relation_offers_the_types_of_its_kind(qtbot: Any) -> None:
    section = _section("genogram", "relaties")
    spec = RowSpec(
        "Relatie", section.fields, {"kind": "partner", "type": "relatie"}, (), relation=True
    )
    dialog = RowEditor(spec)
    qtbot.addWidget(dialog)
    kind, kind_type = dialog.editors["kind"], dialog.editors["type"]
    types = lambda: [kind_type.itemData(i) for i in range(kind_type.count())]  # type: ignore[attr-defined]  # noqa: E731
    assert "biologisch" not in types() and "gescheiden" in types()
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)  # to "Ouder en kind"
    assert kind.value() == "ouder_kind"  # type: ignore[attr-defined]
    assert "gescheiden" not in types() and kind_type.value() == "biologisch"  # type: ignore[attr-defined]


def test_add_a_life_event_then_undo(
    qtbot: Any, edit_window: Any, monkeypatch: Any, qtmodeltester: Any
) -> None:
    window = edit_window
    rows = _list(qtbot, window, "tijdlijn", "tijdlijn")
    before = rows.model.rowCount()
    asked: list[RowSpec] = []
    _answer(monkeypatch, {"datum": "2020-05", "beschrijving": "Oma verhuist naar Delft"}, asked)
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert asked[0].required == frozenset({"datum", "beschrijving"})
    added = [e for e in case_file(window).life_events if e.description == "Oma verhuist naar Delft"]
    assert len(added) == 1 and len(added[0].id) == 36  # a uuid from new_id()
    assert added[0].date == "2020-05" and added[0].certainty == "feit"
    assert rows.model.rowCount() == before + 1
    assert rows.current() is not None and rows.current().id == added[0].id  # type: ignore[union-attr]
    qtmodeltester.check(rows.model)
    window.case_page.edit_actions.undo_action.trigger()
    settle(qtbot, window)
    assert rows.model.rowCount() == before


def test_edit_an_item_with_the_keyboard(qtbot: Any, edit_window: Any, monkeypatch: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "veiligheidsplan", "afspraken")
    first = rows.model.entity(0)
    assert first is not None
    key = next(f.key for f in rows.model.section.fields if f.type in ("text", "longtext"))
    asked: list[RowSpec] = []
    _answer(monkeypatch, {key: "Nieuwe afspraak"}, asked)
    rows.table.setFocus()
    rows.table.selectRow(0)
    qtbot.keyClick(rows.table, Qt.Key.Key_Return)  # Enter: to the row's pane, beside the list
    first_field = rows.model.section.fields[0].key
    assert QApplication.focusWidget() is rows.detail.editors[first_field]
    type_into(qtbot, rows.detail.editors[key], "Nieuwe afspraak")
    settle(qtbot, window)
    assert not asked  # no dialog: the row is changed where it is shown
    item = next(i for i in case_file(window).items if i.id == first.id)
    assert item.answers[key] == "Nieuwe afspraak"
    assert item.position == first.position  # type: ignore[attr-defined]


def test_delete_asks_first(qtbot: Any, edit_window: Any, monkeypatch: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "kernbesluiten", "besluiten")
    answers: list[bool] = [False]
    monkeypatch.setattr("casusregie.ui.forms.row_actions.confirm_delete", lambda *a: answers[0])
    rows.table.setFocus()
    rows.table.selectRow(0)
    qtbot.keyClick(rows.table, Qt.Key.Key_Delete)
    settle(qtbot, window)
    assert rows.model.rowCount() == 2
    answers[0] = True
    qtbot.mouseClick(rows.delete_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert rows.model.rowCount() == 1


def test_new_persons_get_a_role_and_appear_where_it_belongs(
    qtbot: Any, edit_window: Any, monkeypatch: Any
) -> None:
    window = edit_window
    rows = _list(qtbot, window, "tijdlijn", "netwerk_overig")
    asked: list[RowSpec] = []
    _answer(monkeypatch, {"naam": "Fatma Yilmaz"}, asked)
    rows.add()
    settle(qtbot, window)
    person = next(p for p in case_file(window).persons if p.name == "Fatma Yilmaz")
    assert person.role == "netwerk"  # the list's role
    assert asked[0].required == frozenset({"naam"})
    rows = _list(qtbot, window, "genogram", "personen")
    _answer(monkeypatch, {"name": "Mila Verbeek", "role": "kind", "birth_date": "2021"}, asked)
    rows.add()
    settle(qtbot, window)
    mila = next(p for p in case_file(window).persons if p.name == "Mila Verbeek")
    assert mila.role == "kind"
    view = show_template(qtbot, window, "tijdlijn")
    kids = next(b for b in view.findChildren(SectionView) if b.section.key == "kind")
    chooser = kids.person_list
    assert chooser is not None  # several children: a list beside one form
    row = next(r for r in range(chooser.count()) if chooser.item(r).text().startswith("Mila"))
    chooser.setCurrentRow(row)
    editing = window.case_page.editing
    assert any(b.ref.person == mila.id for b in editing.bound())  # her own form, editable


def test_deleting_a_person_takes_their_relations_along(
    qtbot: Any, edit_window: Any, monkeypatch: Any
) -> None:
    window = edit_window
    rows = _list(qtbot, window, "genogram", "personen")
    monkeypatch.setattr("casusregie.ui.forms.row_actions.confirm_delete", lambda *a: True)
    rows.table.selectRow(rows.model.row_of(MOTHER))
    rows.delete()
    settle(qtbot, window)
    cf = case_file(window)
    assert cf.person(MOTHER) is None
    assert all(MOTHER not in (r.person_a, r.person_b) for r in cf.relations)
    assert all(MOTHER not in e.persons for e in cf.life_events)
    assert all(f.person != MOTHER for f in cf.forms)
    assert cf.problems() == []  # nothing points to her any more
    window.case_page.edit_actions.undo_action.trigger()
    settle(qtbot, window)
    cf = case_file(window)
    assert cf.person(MOTHER) is not None
    assert {r.id for r in cf.relations} == {"r-ouders", "r-m-noor"}
    noor = next(e for e in cf.life_events if e.id == "e-noor")
    assert noor.persons == [CHILD1, MOTHER]
    assert any(f.person == MOTHER for f in cf.forms)


def test_items_belong_to_the_occasion_on_screen(
    qtbot: Any, edit_window: Any, monkeypatch: Any
) -> None:
    window = edit_window
    view = show_template(qtbot, window, "gespreksleidraad")
    assert view.occasion_bar is not None and view.instance is None  # answers of before
    old = _list(qtbot, window, "gespreksleidraad", "aanwezigen")
    assert old.model.rowCount() == 2
    qtbot.mouseClick(view.occasion_bar.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.instance is not None, timeout=10_000)
    settle(qtbot, window)
    assert view.occasion_bar.combo.count() == 2
    today = PartialDate.from_date(dt.date.today()).dutch()
    assert view.occasion_bar.combo.currentText().startswith(today)  # dated today
    rows = _list(qtbot, window, "gespreksleidraad", "aanwezigen")
    assert rows.model.rowCount() == 0  # a new occasion starts empty
    key = rows.model.section.fields[0].key
    _answer(monkeypatch, {key: "Wijkagent"}, [])
    rows.add()
    settle(qtbot, window)
    item = next(i for i in case_file(window).items if i.answers.get(key) == "Wijkagent")
    assert item.instance == view.instance and item.template == "gespreksleidraad"
    assert rows.model.rowCount() == 1
    bar = view.occasion_bar
    bar.combo.setFocus()
    old_index = next(i for i in range(bar.combo.count()) if bar.combo.itemData(i) is None)
    bar.combo.setCurrentIndex(old_index)
    bar.combo.activated.emit(old_index)
    qtbot.waitUntil(lambda: view.instance is None and view.is_rendered, timeout=10_000)
    assert _list(qtbot, window, "gespreksleidraad", "aanwezigen").model.rowCount() == 2


def test_locking_closes_the_row_dialog(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "tijdlijn", "tijdlijn")
    row = rows.model.entity(0)
    values = window.case_page.editing.values
    assert row is not None and values is not None
    dialog = RowEditor(
        window.case_page.row_actions.edit_spec(rows.model.section, values, row), window
    )
    dialog.show()
    assert dialog.isVisible()
    window.lock()
    assert not dialog.isVisible()


def test_a_score_row_keeps_its_anchor_text(qtbot: Any, edit_window: Any, monkeypatch: Any) -> None:
    window = edit_window
    rows = _list(qtbot, window, "gespreksleidraad", "directe_veiligheid_scores")
    _answer(monkeypatch, {"wie": "Oma Ans", "score": 5}, [])
    rows.add()
    settle(qtbot, window)
    item = next(i for i in case_file(window).items if i.answers.get("wie") == "Oma Ans")
    score = rows.model.section.field("score")
    assert score is not None and score.scale_anchors is not None
    assert item.answers["score"] == 5
    assert item.answers["ankertekst"] == f"{score.scale_anchors[0]}; {score.scale_anchors[1]}"


def test_a_person_added_where_nobody_has_the_role_yet(
    qtbot: Any, edit_window: Any, monkeypatch: Any
) -> None:
    window = edit_window
    view = show_template(qtbot, window, "gezinspatroon")
    box = next(s for s in view.sections() if s.section.key == "partner")
    button = next(
        b
        for b in box.findChildren(QPushButton)
        if b.accessibleName().startswith("Persoon toevoegen")
    )
    asked: list[RowSpec] = []
    _answer(monkeypatch, {"name": "Ricardo Mendes"}, asked)
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    settle(qtbot, window)
    assert asked[0].fields[0].key == "name" and asked[0].required == {"name"}
    person = next(p for p in case_file(window).persons if p.name == "Ricardo Mendes")
    assert person.role == "partner"
    qtbot.waitUntil(
        lambda: any(b.ref.person == person.id for b in window.case_page.editing.bound())
    )
