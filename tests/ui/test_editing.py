"""The template tabs are editable: every field type of every template, typed or clicked
through its widget, ends up in the store; dates are read the Dutch way; a scale answer
keeps its anchor text; a first answer makes its Form; every editor has its label as
accessible name and is reached with Tab; the pages stay Dutch."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from test_texts import ENGLISH
from ui_casedata import CASE_ID, MOTHER
from ui_editing import (
    bound,
    case_file,
    settle,
    show_template,
    stored,
    type_into,
)
from ui_walk import all_texts

from casusregie.domain.model import Form
from casusregie.domain.rules.base import Target
from casusregie.templates import load_templates
from casusregie.ui.dialogs.row_editor import RowEditor
from casusregie.ui.editors.check_list import CheckList
from casusregie.ui.editors.choice import ChoiceEditor
from casusregie.ui.editors.date import DateEditor
from casusregie.ui.editors.editing import Bound
from casusregie.ui.editors.scale import ScaleEditor

_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b")


def _edit(qtbot: Any, b: Bound, n: int) -> Any:
    """Change the value through the widget, as a user would; returns what must be stored."""
    editor: Any = b.editor
    kind = b.ref.field.type
    before = editor.value()
    if kind in ("text", "longtext"):
        type_into(qtbot, editor, f"Nieuw antwoord {n}")
        return f"Nieuw antwoord {n}"
    if kind in ("date", "partial_date"):
        type_into(qtbot, editor.line, "14 mei 2016")
        return "2016-05-14"
    if kind in ("choice", "person"):
        editor.setFocus()
        key = Qt.Key.Key_Up if editor.currentIndex() == editor.count() - 1 else Qt.Key.Key_Down
        qtbot.keyClick(editor, key)
        assert editor.value() != before
        return editor.value()
    if kind in ("multichoice", "persons"):
        editor.setFocus()
        editor.setCurrentIndex(editor.model().index(1, 0))
        qtbot.keyClick(editor.viewport(), Qt.Key.Key_Space)
        assert editor.value() != before
        return editor.value()
    if kind == "bool":
        editor.setFocus()
        qtbot.keyClick(editor, Qt.Key.Key_Space)
        return not before
    if kind == "number":
        type_into(qtbot, editor, "7")
        return 7
    if kind == "scale":
        qtbot.mouseClick(editor.buttons[2], Qt.MouseButton.LeftButton)
        return 3
    raise AssertionError(kind)


def test_every_field_type_of_every_template_is_saved(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    seen_types: set[str] = set()
    for template in load_templates().ordered():
        show_template(qtbot, window, template.id)
        firsts: dict[tuple[str, bool], Bound] = {}
        for b in window.case_page.editing.bound():
            if b.ref.template == template.id:
                firsts.setdefault((b.ref.field.type, b.ref.entity is not None), b)
        expected = [(b, _edit(qtbot, b, n)) for n, b in enumerate(firsts.values())]
        settle(qtbot, window)
        for b, value in expected:
            assert stored(window, b.ref) == value, (template.id, b.ref.section, b.ref.field.key)
            assert b.editor.value() == value  # type: ignore[attr-defined]
        seen_types |= {t for t, _ in firsts}
    every = {f.type for t in load_templates().ordered() for s, f in t.fields()}
    assert every - {"person", "persons"} <= seen_types  # those two only occur in lists


def test_attributes_edit_the_entity(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    family = bound(window, "tijdlijn", "gezin", "naam_gezin")
    type_into(qtbot, family.editor, "Gezin Verbeek")
    name = bound(window, "tijdlijn", "moeder", "naam", MOTHER)
    type_into(qtbot, name.editor, "Sanne de Wit")
    settle(qtbot, window)
    cf = case_file(window)
    assert cf.case.family_name == "Gezin Verbeek"
    person = cf.person(MOTHER)
    assert person is not None and person.name == "Sanne de Wit"
    assert window.case_page.title.text() == "Gezin Verbeek"
    view = show_template(qtbot, window, "tijdlijn")
    headings = {w.text() for w in view.findChildren(QWidget) if hasattr(w, "text")}
    assert "Sanne de Wit, geboren 12 maart 1987" in headings


def test_dates_in_dutch_with_feedback(qtbot: Any) -> None:
    editor = DateEditor()
    qtbot.addWidget(editor)
    editor.show()
    for typed, value in [
        ("2016", "2016"),
        ("2016-05", "2016-05"),
        ("05-2016", "2016-05"),
        ("14-05-2016", "2016-05-14"),
        ("14/5/2016", "2016-05-14"),
        ("14 mei 2016", "2016-05-14"),
        ("mei 2016", "2016-05"),
    ]:
        type_into(qtbot, editor.line, typed)
        assert editor.is_valid() and editor.value() == value, typed
    type_into(qtbot, editor.line, "14-05-2016")
    assert editor.feedback.isVisible()
    assert editor.feedback.text() == "Wordt opgeslagen als: 14 mei 2016"
    type_into(qtbot, editor.line, "31-02-2016")
    assert not editor.is_valid() and editor.value() is None
    assert editor.feedback.text() == "Deze datum bestaat niet. Kijk de dag en de maand na."
    type_into(qtbot, editor.line, "gisteren")
    assert editor.feedback.text().startswith("Dit is nog geen datum. Typ bijvoorbeeld 2016")
    type_into(qtbot, editor.line, "")
    assert editor.is_valid() and editor.value() is None


def test_a_date_that_is_not_a_date_is_not_saved(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "bijgewerkt_vanaf")
    before = stored(window, b.ref)
    type_into(qtbot, b.editor.line, "32-13-2020")  # type: ignore[attr-defined]
    settle(qtbot, window)
    assert stored(window, b.ref) == before
    assert b.editor.line.text() == "32-13-2020"  # type: ignore[attr-defined]  # kept on screen


def test_a_scale_answer_keeps_its_anchor_text(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    view = show_template(qtbot, window, "gespreksleidraad")
    section = "directe_veiligheid_schaalvraag"
    anchor = bound(window, "gespreksleidraad", section, "ankertekst")
    type_into(qtbot, anchor.editor, "")  # the regisseur wiped it
    settle(qtbot, window)
    score = bound(window, "gespreksleidraad", section, "score")
    assert isinstance(score.editor, ScaleEditor)
    score.editor.buttons[3].setFocus()
    qtbot.keyClick(score.editor.buttons[3], Qt.Key.Key_Space)
    settle(qtbot, window)
    low, high = score.ref.field.scale_anchors or ("", "")
    assert stored(window, score.ref) == 4
    assert stored(window, anchor.ref) == f"{low}; {high}"
    assert anchor.editor.value() == f"{low}; {high}"  # type: ignore[attr-defined]
    type_into(qtbot, anchor.editor, "1 = zorgen; 10 = veilig")  # their own words stay
    settle(qtbot, window)
    qtbot.mouseClick(score.editor.buttons[6], Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert stored(window, score.ref) == 7
    assert stored(window, anchor.ref) == "1 = zorgen; 10 = veilig"
    qtbot.mouseClick(score.editor.buttons[6], Qt.MouseButton.LeftButton)  # taken back
    settle(qtbot, window)
    assert stored(window, score.ref) is None
    assert view.is_rendered


def test_the_first_answer_of_a_new_occasion_makes_its_form(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    view = show_template(qtbot, window, "netwerkberaad")
    before = view.instance
    qtbot.mouseClick(view.occasion_bar.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.instance != before and view.is_rendered, timeout=10_000)
    settle(qtbot, window)
    instance = view.instance
    assert instance is not None
    b = bound(window, "netwerkberaad", "beraad", "besluiten")
    assert b.ref.instance == instance and b.editor.value() is None  # type: ignore[attr-defined]
    type_into(qtbot, b.editor, "Samen verder")
    settle(qtbot, window)
    form_id = Form.make_id(CASE_ID, "netwerkberaad", "beraad", None, instance)
    forms = {f.id: f for f in case_file(window).forms}
    assert forms[form_id].answers["besluiten"] == "Samen verder"
    assert forms[form_id].instance == instance


def test_every_editor_is_named_and_reached_with_tab(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    for template_id in ("tijdlijn", "gespreksleidraad", "veiligheidsplan", "weging"):
        view = show_template(qtbot, window, template_id)
        mine = [b for b in window.case_page.editing.bound() if b.ref.template == template_id]
        assert mine
        for b in mine:
            label = b.ref.field.label
            assert b.editor.accessibleName() == label
            focusable = [b.editor, *b.editor.findChildren(QWidget)]
            named = [
                w for w in focusable if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isVisible()
            ]
            assert named and all(w.accessibleName().startswith(label) for w in named)
        first = window.case_page.editing.find(mine[0].editor)
        assert first is not None
        first.editor.setFocus()
        qtbot.waitUntil(
            lambda e=first.editor: (
                e.hasFocus()
                or e.isAncestorOf(  # type: ignore[misc]
                    QApplication.focusWidget()
                )
            )
        )
        reached: list[Bound] = []
        for _ in range(3000):
            found = window.case_page.editing.find(QApplication.focusWidget())
            if found is not None and (not reached or reached[-1] is not found):
                reached.append(found)
            if len({id(r) for r in reached}) == len(mine):
                break
            view.widget().focusNextChild()
        assert {id(r) for r in reached} == {id(b) for b in mine}, template_id
        order = [r.ref.key for r in reached]
        assert order[: len(mine)] == [b.ref.key for b in mine]  # in reading order


def test_choices_show_dutch_labels_and_persons_by_name(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "weging")
    moment = bound(window, "weging", "wanneer", "moment")
    assert isinstance(moment.editor, ChoiceEditor)
    labels = [moment.editor.itemText(i) for i in range(moment.editor.count())]
    assert labels[0] == "(nog niet gekozen)"
    assert labels[1:] == [label for _, label in moment.ref.field.choices]
    signals = bound(window, "weging", "wanneer", "signalen")
    assert isinstance(signals.editor, CheckList)


def test_no_english_on_the_editing_pages(qtbot: Any, edit_window: Any, secrets: set[str]) -> None:
    window = edit_window
    skip = {
        text
        for t in load_templates().ordered()
        for s in t.sections
        for f in s.fields
        for text in (f.label, f.prompt, *(label for _, label in f.choices))
    }
    page = window.case_page
    for template in ("tijdlijn", "gespreksleidraad", "veiligheidsplan"):
        view = show_template(qtbot, window, template)
        opened: list[QWidget] = []
        lists = [rows for s in view.sections() for rows in s.lists]
        if lists and page.editing.values is not None:  # the row dialog
            row = lists[0].model.entity(0)
            assert row is not None
            spec = page.row_actions.edit_spec(lists[0].model.section, page.editing.values, row)
            opened.append(RowEditor(spec, window))
        before = page.edit_actions.dialog  # the one of the template before (closed)
        page.edit_actions.show_history(page.editing.bound()[0])  # the history dialog
        qtbot.waitUntil(
            lambda b=before: page.edit_actions.dialog not in (None, b),  # type: ignore[misc]
            timeout=5_000,
        )
        opened.append(page.edit_actions.dialog)
        found = [
            text
            for text in all_texts(window)
            if text not in skip
            and not any(s in text for s in secrets)
            and _ENGLISH.search(text)
            and not text.startswith(tuple(skip))
        ]
        assert found == [], template
        for dialog in opened:
            dialog.close()


def test_a_finding_about_an_occasion_shows_that_occasion(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    view = show_template(qtbot, window, "netwerkberaad")
    assert view.occasion_bar is not None
    qtbot.mouseClick(view.occasion_bar.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.instance is not None, timeout=10_000)
    settle(qtbot, window)
    new = view.instance
    view.select_occasion(None)  # back to the answers from before
    assert view.instance is None
    show_template(qtbot, window, "tijdlijn")
    window.case_page.focus_target(Target(template="netwerkberaad", section="beraad", instance=new))
    assert window.case_page.tabs.currentWidget() is view and view.instance == new
