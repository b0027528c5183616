"""A person dragged in the genogram stays there: on screen after a reload, and on paper.

The position is stored on the person (``Person.genogram_x``, privacy ``intern``) through
the change API, so the PDF genogram (the same pure layout) puts them at the same place.
"""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import PASSPHRASE

from casusregie.layout import genogram
from casusregie.store.profile import Profile


def _x_of(picture: Any, person_id: str) -> float:
    box = picture.anchors[f"person:{person_id}"]
    return float((box.x0 + box.x1) / 2)


def _genogram_shown(panel: Any) -> bool:
    """The genogram is on screen (not the drawing of the page before, still shown while
    the genogram is laid out on a worker)."""
    picture = panel.picture
    return picture is not None and any(a.startswith("person:") for a in picture.anchors)


def test_a_drag_is_stored_and_the_paper_layout_agrees(
    qtbot: Any, make_window: Any, profile: Profile, unlock: Any, open_case: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = window.case_page
    page.tabs.setCurrentWidget(page.page_of("genogram"))
    panel = page.pictures
    qtbot.waitUntil(lambda: _genogram_shown(panel), timeout=10_000)
    person = next(iter(sorted(panel.picture.anchors)))[len("person:") :]
    before = _x_of(panel.picture, person)

    # what the scene emits when a person is dropped somewhere else
    panel.scene.person_moved.emit(person, before + 60.0, 0.0)
    qtbot.waitUntil(
        lambda: window.session.store.get("person", person).genogram_x is not None,
        timeout=10_000,
    )
    stored = window.session.store.get("person", person).genogram_x
    assert abs(stored - (before + 60.0)) < 0.2
    assert abs(_x_of(panel.picture, person) - stored) < 0.2  # on screen

    case_id = page.case_id
    paper = genogram(window.session.store.load_case(case_id))  # what the PDF draws
    assert abs(_x_of(paper, person) - stored) < 0.2

    # "Posities herstellen" clears it in the store too (one undoable action)
    panel.reset_button.click()
    qtbot.waitUntil(
        lambda: window.session.store.get("person", person).genogram_x is None, timeout=10_000
    )
    history = window.session.store.history("person", person, "genogram_x")
    assert [h.new is None for h in history] == [False, True]


def test_positions_survive_locking(
    qtbot: Any, make_window: Any, profile: Profile, unlock: Any, open_case: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = window.case_page
    page.tabs.setCurrentWidget(page.page_of("genogram"))
    panel = page.pictures
    qtbot.waitUntil(lambda: _genogram_shown(panel), timeout=10_000)
    person = next(iter(sorted(panel.picture.anchors)))[len("person:") :]
    x = _x_of(panel.picture, person) + 45.0
    panel.scene.person_moved.emit(person, x, 0.0)
    qtbot.waitUntil(
        lambda: window.session.store.get("person", person).genogram_x is not None,
        timeout=10_000,
    )
    window.lock()
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=10_000)
    assert panel.picture is None  # nothing drawn while locked
    unlock(window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    store = window.session.store
    assert abs(store.get("person", person).genogram_x - x) < 0.01
