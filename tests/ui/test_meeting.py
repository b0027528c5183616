"""The case discussion live in a meeting: started from the dashboard, phases in BOB
steps, the scale with its anchor text, the brainstorm apart from the decisions, and
closing refused while an action has no owner; all by keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPlainTextEdit, QWidget
from test_texts import _english
from ui_walk import all_texts

from casusregie.domain.model import Item
from casusregie.domain.rules.base import answer
from casusregie.store.demo import demo_document
from casusregie.store.profile import Profile
from casusregie.templates import load_templates
from casusregie.ui.editors.scale import ScaleEditor
from casusregie.ui.models.action import ITEM_ID_ROLE, ActionModel
from casusregie.ui.ops.meeting import CLOSED_KEY, actions_without_owner, closed_on

Make = Callable[..., Any]
DAY = dt.date(2025, 12, 18)
DEMO_MEETINGS = {"cb-2025-03-27", "cb-2025-06-12", "cb-2025-11-27"}
ALT = Qt.KeyboardModifier.AltModifier


def _strings(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return set()


@pytest.fixture
def window(qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any) -> Any:
    win = make_window(demo_profile)
    win.case_page.dashboard.today = lambda: DAY
    win.case_page.meeting.today = lambda: DAY
    unlock(win)
    qtbot.keyClick(win.case_list.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: win.case_page.dashboard.is_ready, timeout=10_000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    return win


def _key(
    qtbot: Any, window: Any, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier
) -> None:
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _type(qtbot: Any, text: str) -> None:
    """Type as a user does: each key to whatever has the focus then."""
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def _start(qtbot: Any, window: Any) -> Any:
    """Alt+S on the dashboard: "Casusbespreking starten"."""
    meeting = window.case_page.meeting
    window.case_page.dashboard.meeting_button.setFocus()
    _key(qtbot, window, Qt.Key.Key_S, ALT)
    qtbot.waitUntil(
        lambda: meeting.instance not in (None, *DEMO_MEETINGS) and meeting.is_ready,
        timeout=10_000,
    )
    return meeting


def _case(window: Any) -> Any:
    return window.session.store.load_case("demo-bakker")


def test_starting_a_meeting_from_the_dashboard(qtbot: Any, window: Any) -> None:
    page = window.case_page
    meeting = _start(qtbot, window)
    assert page.tabs.currentWidget() is meeting
    instance = meeting.instance
    cf = _case(window)
    assert answer(cf, "gespreksleidraad", "vooraf", "datum", instance=instance) == "2025-12-18"
    # the phase the work is in now: the last directe-veiligheid score (5) is under the 6
    assert answer(cf, "gespreksleidraad", "vooraf", "fase", instance=instance) == (
        "directe_veiligheid"
    )
    assert meeting.chooser.currentText() == "18 december 2025"
    assert meeting.chooser.count() == 4
    assert meeting.tabs.currentWidget() is meeting.phases["directe_veiligheid"]
    assert [meeting.tabs.tabText(i) for i in range(meeting.tabs.count())] == [
        "&Vooraf",
        "&Directe veiligheid",
        "&Risicogestuurde zorg",
        "&Herstelgerichte zorg",
        "Afrondin&g",
    ]
    # starting again the same day opens the same meeting, it does not make another
    page.tabs.setCurrentWidget(page.dashboard)
    page.dashboard.meeting_button.click()
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is meeting)
    assert meeting.instance == instance and meeting.chooser.count() == 4
    # an earlier meeting can be chosen
    meeting.chooser.setCurrentIndex(1)
    meeting.chooser.activated.emit(1)
    qtbot.waitUntil(lambda: meeting.instance == "cb-2025-11-27" and meeting.is_ready)


def test_score_with_its_anchor_text(qtbot: Any, window: Any) -> None:
    meeting = _start(qtbot, window)
    panel = meeting.phases["directe_veiligheid"]
    _key(qtbot, window, Qt.Key.Key_2, ALT)  # Alt+2: Oordeelsvorming (a button: animated)
    qtbot.waitUntil(lambda: panel.step == 1)
    section = panel.section_view("directe_veiligheid_schaalvraag")
    assert section is not None and section.isVisible()
    field = section.section.field("score")
    low, high = field.scale_anchors
    scale = section.findChild(ScaleEditor)
    texts = {label.text() for label in scale.findChildren(QLabel)}
    assert {low, high} <= texts  # what 1 and 10 mean, shown at the scale
    qtbot.mouseClick(scale.buttons[6], Qt.MouseButton.LeftButton)  # "7"
    instance = meeting.instance

    def stored(key: str) -> Any:
        cf = _case(window)
        return answer(
            cf, "gespreksleidraad", "directe_veiligheid_schaalvraag", key, instance=instance
        )

    qtbot.waitUntil(lambda: stored("score") == 7, timeout=10_000)
    assert stored("ankertekst") == f"{low}; {high}"  # kept beside the score


def test_brainstorm_is_kept_apart_from_the_decisions(qtbot: Any, window: Any) -> None:
    meeting = _start(qtbot, window)
    panel = meeting.phases["directe_veiligheid"]
    _key(qtbot, window, Qt.Key.Key_3, ALT)  # Alt+3: Besluitvorming
    qtbot.waitUntil(lambda: panel.step == 2)
    ideas = panel.findChild(QFrame, "brainstorm")
    brainstorm = panel.section_view("directe_veiligheid_brainstorm")
    decisions = panel.section_view("directe_veiligheid_besluitvorming")
    assert ideas.isAncestorOf(brainstorm) and not ideas.isAncestorOf(decisions)
    left = ideas.mapTo(panel, ideas.rect().topRight()).x()
    assert decisions.mapTo(panel, decisions.rect().topLeft()).x() > left  # side by side
    assert "nog geen besluiten" in " ".join(lab.text() for lab in ideas.findChildren(QLabel))
    editor = next(
        w for w in brainstorm.findChildren(QWidget) if w.property("field_key") == "mogelijke_acties"
    )
    editor.setFocus()
    qtbot.keyClicks(editor, "Oom Kees")
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(editor, QPlainTextEdit) and editor.toPlainText() == ""  # the field's undo
    qtbot.keyClicks(editor, "Oma Ans vragen")
    decisions_editor = next(
        w for w in decisions.findChildren(QWidget) if w.property("field_key") == "prioriteit"
    )
    decisions_editor.setFocus()  # leaving the field saves it
    instance = meeting.instance
    qtbot.waitUntil(
        lambda: (
            answer(
                _case(window),
                "gespreksleidraad",
                "directe_veiligheid_brainstorm",
                "mogelijke_acties",
                instance=instance,
            )
            == "Oma Ans vragen"
        ),
        timeout=10_000,
    )
    cf = _case(window)
    assert (
        answer(
            cf,
            "gespreksleidraad",
            "directe_veiligheid_besluitvorming",
            "prioriteit",
            instance=instance,
        )
        is None
    )


def test_closing_is_refused_while_an_action_has_no_owner(qtbot: Any, window: Any) -> None:
    """Keyboard only: start, phase, step, add an action, close (refused), owner, close."""
    meeting = _start(qtbot, window)
    _key(qtbot, window, Qt.Key.Key_R, ALT)  # Risicogestuurde zorg
    assert meeting.tabs.currentWidget() is meeting.phases["risicogestuurde_zorg"]
    _key(qtbot, window, Qt.Key.Key_D, ALT)  # back to Directe veiligheid
    panel = meeting.phases["directe_veiligheid"]
    assert meeting.tabs.currentWidget() is panel
    _key(qtbot, window, Qt.Key.Key_3, ALT)
    qtbot.waitUntil(lambda: panel.step == 2)
    actions = panel.action_panel()
    _key(qtbot, window, Qt.Key.Key_T, ALT)  # Actie toevoegen: the new row's "Wie" opens
    qtbot.waitUntil(lambda: actions.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: actions.view.isAncestorOf(QApplication.focusWidget()))
    _key(qtbot, window, Qt.Key.Key_Escape)  # no owner yet
    _key(qtbot, window, Qt.Key.Key_Right)
    _type(qtbot, "Huisbezoek plannen")  # the first key opens the cell
    _key(qtbot, window, Qt.Key.Key_Return)
    instance = meeting.instance
    qtbot.waitUntil(
        lambda: (
            [i.answers.get("what") for i in actions_without_owner(_case(window), instance)]
            == ["Huisbezoek plannen"]
        ),
        timeout=10_000,
    )

    _key(qtbot, window, Qt.Key.Key_F, ALT)  # Overleg afsluiten
    qtbot.waitUntil(meeting.message.isVisible, timeout=10_000)
    assert meeting.message.text() == (
        "Het overleg kan nog niet worden afgesloten. Bij deze acties staat nog niet wie ze "
        "doet: ‘Huisbezoek plannen’ (Directe veiligheid). Vul bij elke actie in wie het doet, "
        "en sluit dan af."
    )
    assert closed_on(_case(window), instance) is None
    # the owner's cell is open for typing
    assert actions.view.currentIndex().column() == 0
    assert actions.view.isAncestorOf(QApplication.focusWidget())
    _type(qtbot, "Ilse van Dijk")
    _key(qtbot, window, Qt.Key.Key_Return)  # the cell hands its text in (queued)
    qtbot.waitUntil(lambda: actions.model.index(0, 0).data() == "Ilse van Dijk")

    _key(qtbot, window, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: closed_on(_case(window), instance) == DAY, timeout=10_000)
    qtbot.waitUntil(lambda: meeting.status.text() == "Afgesloten op 18 december 2025")
    assert meeting.message.text() == "Het overleg is afgesloten op 18 december 2025."
    assert not meeting.close_button.isEnabled()
    assert meeting.chooser.currentText() == "18 december 2025 · afgesloten"
    cf = _case(window)
    item = next(i for i in cf.items if i.instance == instance and i.section == "interventies")
    assert item.answers == {
        "fase": "directe_veiligheid",
        "status": "open",
        "agreed_on": "2025-12-18",
        "what": "Huisbezoek plannen",
        "owner": "Ilse van Dijk",
    }
    # the closing day is set by closing, not typed in the meeting's Afronding tab
    meeting.tabs.setCurrentIndex(meeting.tabs.count() - 1)
    hidden = [
        w for w in meeting.tabs.findChildren(QWidget) if w.property("field_key") == CLOSED_KEY
    ]
    assert hidden and not any(w.isVisibleTo(meeting) for w in hidden)


def test_locking_leaves_no_meeting_on_screen(qtbot: Any, window: Any) -> None:
    page = window.case_page
    page.tabs.setCurrentWidget(page.meeting)
    qtbot.waitUntil(lambda: page.meeting.is_ready and page.meeting.instance == "cb-2025-11-27")
    page.meeting.phases["directe_veiligheid"].show_step(2)  # a step is built when shown
    brainstorm = "Ricardo tijdelijk bij zijn broer in Rotterdam"
    assert any(brainstorm in text for text in all_texts(window))
    window.lock()
    assert not any(brainstorm in text for text in all_texts(window))
    assert page.meeting.chooser.count() == 0 and page.meeting.phases == {}


def test_dashboard_and_meeting_speak_dutch(qtbot: Any, window: Any) -> None:
    secrets = _strings(demo_document()) - {""}
    problems = list(_english(window, secrets))  # the dashboard
    meeting = _start(qtbot, window)
    for panel in meeting.phases.values():
        meeting.tabs.setCurrentWidget(panel)
        for step in range(3):
            panel.show_step(step)
            problems += _english(window, secrets)
    window.case_list.new_case_action.trigger()
    problems += _english(window.case_list.new_case_dialog, secrets)
    assert sorted(set(problems)) == []


def test_action_model(qtmodeltester: Any) -> None:
    section = load_templates().get("gespreksleidraad").section("interventies")
    model = ActionModel(section)
    items = [
        Item(
            id=f"i{n}",
            case_id="c",
            template="gespreksleidraad",
            section="interventies",
            instance="m",
            position=n,
            answers=answers,
        )
        for n, answers in enumerate(
            [
                {"owner": "Ilse", "what": "Huisbezoek", "deadline": "2026-01-08", "status": "open"},
                {"what": "Netwerkberaad plannen"},
            ]
        )
    ]
    model.set_items(items)
    qtmodeltester.check(model)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Wie",
        "Wat",
        "Wanneer",
        "Status",
    ]
    assert model.index(0, 2).data() == "8 januari 2026"
    assert model.index(0, 2).data(Qt.ItemDataRole.EditRole) == "2026-01-08"
    assert model.index(0, 3).data() == "Open"
    assert model.index(1, 0).data() == "(nog niemand)"  # said in words
    assert model.index(1, 0).data(Qt.ItemDataRole.EditRole) is None
    assert [i.id for i in model.owner_missing()] == ["i1"]
    edits: list[tuple[str, str, object]] = []
    model.edited.connect(lambda *args: edits.append(args))
    assert model.setData(model.index(1, 0), "  Kim  ")
    assert edits == [("i1", "owner", "Kim")] and model.owner_missing() == []
    assert not model.setData(model.index(1, 0), "Kim")  # the same: no save
    assert model.index(1, 0).data(ITEM_ID_ROLE) == "i1"
    # a reload while a save is on its way keeps what was typed
    model.is_dirty = lambda item, key: (item, key) == ("i1", "owner")
    model.set_items(items)
    assert model.index(1, 0).data() == "Kim"
    model.clear()
    qtmodeltester.check(model)
