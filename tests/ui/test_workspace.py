"""The workspace: navigation by the method, drawings beside their data, lists with a
detail pane, quiet forms, "Opgeslagen", and a quick start (pages made after the unlock)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QToolButton
from ui_editing import settle, show_template, type_into

from casusregie.ui.forms.list_section import SHORT, ListSection
from casusregie.ui.forms.section import SectionView
from casusregie.ui.forms.template import TemplateView
from casusregie.ui.pages.case import NAVIGATION, PAGE_ROLE
from casusregie.ui.widgets import Explanation


def _nav_texts(page: Any) -> list[tuple[str, list[str]]]:
    nav = page.nav
    out = []
    for top in range(nav.topLevelItemCount()):
        item = nav.topLevelItem(top)
        out.append((item.text(0), [item.child(c).text(0) for c in range(item.childCount())]))
    return out


def test_the_side_list_is_grouped_by_the_method(qtbot: Any, edit_window: Any) -> None:
    page = edit_window.case_page
    assert page.tabs.tabBar().isHidden()  # no 17 tabs with scroll arrows
    groups = _nav_texts(page)
    assert [g for g, _ in groups] == [
        "Overzicht",
        "Beeld",
        "Veiligheid",
        "Verandering",
        "Overleg",
        "Kinderen",
        "Privacy en toestemming",
    ]
    children = dict(groups)
    assert children["Beeld"] == ["Tijdlijn", "Genogram en netwerk", "Gezinspatroon"]
    assert children["Overleg"][0] == "Casusbespreking voeren"
    assert "Kernbesluiten" in children["Overleg"] and "Netwerkberaad" in children["Overleg"]
    # every page is in the list once
    placed = [
        page.nav.topLevelItem(t).child(c).data(0, PAGE_ROLE)
        for t in range(page.nav.topLevelItemCount())
        for c in range(page.nav.topLevelItem(t).childCount())
    ] + [
        page.nav.topLevelItem(t).data(0, PAGE_ROLE)
        for t in range(page.nav.topLevelItemCount())
        if page.nav.topLevelItem(t).data(0, PAGE_ROLE) is not None
    ]
    assert sorted(placed) == list(range(page.tabs.count()))
    keys = {key for _, pages in NAVIGATION for key, _ in pages}
    assert {v.template.id for v in page.views} <= keys


def test_the_keyboard_walks_the_list_and_the_page_follows(qtbot: Any, edit_window: Any) -> None:
    page = edit_window.case_page
    page.tabs.setCurrentWidget(page.dashboard)
    page.nav.setFocus()
    assert page.nav.focusPolicy() & Qt.FocusPolicy.TabFocus
    qtbot.keyClick(page.nav, Qt.Key.Key_Down)  # Overzicht -> Beeld (a heading) -> Tijdlijn
    qtbot.keyClick(page.nav, Qt.Key.Key_Down)
    tijdlijn = page.page_of("tijdlijn")
    qtbot.waitUntil(lambda: page.tabs.currentWidget() is tijdlijn)
    assert page.nav.currentItem().text(0) == "Tijdlijn"
    page.tabs.setCurrentWidget(page.page_of("kernbesluiten"))  # from elsewhere (a finding)
    assert page.nav.currentItem().text(0) == "Kernbesluiten"


def test_a_drawing_sits_beside_its_data(qtbot: Any, edit_window: Any) -> None:
    page = edit_window.case_page
    for key, kind in (("genogram", "genogram"), ("tijdlijn", "tijdlijn")):
        view = show_template(qtbot, edit_window, key)
        assert page.pictures.isVisible() and view.isVisible()
        assert page.pictures.current_kind() == kind
        qtbot.waitUntil(lambda: bool(page.pictures.view.scene().items()), timeout=10_000)
    show_template(qtbot, edit_window, "veiligheidsplan")
    assert not page.pictures.isVisible()  # no drawing beside a plan


def test_the_page_of_a_case_is_remembered(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    page = window.case_page
    case_id = page.case_id
    show_template(qtbot, window, "kernbesluiten")
    window.show_case_list()
    page.clear()  # as if another family was open meanwhile
    window.open_case(case_id)
    assert page.tabs.currentWidget() is page.page_of("kernbesluiten")


def test_wide_lists_are_a_short_list_with_a_detail_pane(qtbot: Any, edit_window: Any) -> None:
    view = show_template(qtbot, edit_window, "kernbesluiten")
    lists = view.findChildren(ListSection)
    assert lists and any(len(s._section.fields) > SHORT for s in lists)
    for rows in lists:
        shown = [c for c in range(rows.model.columnCount()) if not rows.table.isColumnHidden(c)]
        assert shown == list(range(min(SHORT, rows.model.columnCount())))
        if rows.model.rowCount():
            assert not rows.detail.isHidden()
            texts = {label.text().rstrip(" *") for label in rows.detail.findChildren(QLabel)}
            assert {f.label for f in rows._section.fields} <= texts  # every field, to edit
            assert list(rows.detail.editors) == [f.key for f in rows._section.fields]


def test_forms_are_quiet(qtbot: Any, edit_window: Any) -> None:
    view: TemplateView = show_template(qtbot, edit_window, "veiligheidsplan")
    explanations = view.findChildren(Explanation)
    assert explanations and all(not e.label.isVisible() for e in explanations)
    first = explanations[0]
    first.button.click()
    assert first.label.isVisible() and first.button.accessibleName() == "Uitleg verbergen"
    links = [
        b for b in view.findChildren(QToolButton) if b.text() in ("Historie", "Niet delen met…")
    ]
    assert links == []  # no blue links on every field
    sections = view.findChildren(SectionView)
    notes = [s.privacy_note.text() for s in sections if s.privacy_note is not None]
    assert notes and all(n.startswith("Privacy · ") for n in notes)
    assert any("niet gedeeld" in n or "mag nu naar het kantoor" in n for n in notes)


def test_opgeslagen_after_an_edit(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    assert window.saved_label.text() == ""
    family = next(
        b
        for b in window.case_page.editing.bound()
        if (b.ref.template, b.ref.field.key) == ("tijdlijn", "naam_gezin")
    )
    type_into(qtbot, family.editor, "Gezin Opgeslagen")
    settle(qtbot, window)
    assert window.saved_label.text().startswith("Opgeslagen om ")
    window.lock()
    assert window.saved_label.text() == ""


LAZY = """
import json, sys
from casusregie.ui.main_window import MainWindow
heavy = ["casusregie.ui.pages.case", "casusregie.ui.pages.case_list", "casusregie.sync",
         "casusregie.templates", "jsonschema", "pydantic", "keyring"]
print(json.dumps([m for m in heavy if m in sys.modules]))
"""


def test_the_window_starts_without_the_case_pages() -> None:
    """Start to unlock screen stays quick: what the case pages need is imported later."""
    done = subprocess.run(
        [sys.executable, "-c", LAZY], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_case_pages_are_made_after_the_unlock(
    qtbot: Any, make_window: Any, profile: Any, unlock: Any
) -> None:
    window = make_window(profile)
    assert window._case_page is None and window._case_list is None
    unlock(window)
    assert window._case_list is not None
    names = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert names[0] == "Nieuwe casus…"  # Ctrl+N, once the case list is made


def _unnamed(root: Any) -> list[str]:
    """Widgets the keyboard reaches that a screen reader could not name: no accessible
    name, no text of their own and no label that is their buddy."""
    from PySide6.QtWidgets import QAbstractButton, QWidget

    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or not widget.isEnabled():
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        parent = widget.parentWidget()
        inner = parent is not None and (id(parent) in buddies or bool(parent.accessibleName()))
        if widget.accessibleName() or text.strip("⋯ ") or id(widget) in buddies or inner:
            continue
        out.append(f"{type(widget).__name__} {widget.objectName()}")
    return out


def test_every_control_has_a_name_for_a_screen_reader(qtbot: Any, edit_window: Any) -> None:
    page = edit_window.case_page
    assert page.nav.accessibleName() == "Onderdelen van de casus"
    for key in ("tijdlijn", "veiligheidsplan", "kernbesluiten", "gesprekken_kinderen"):
        view = show_template(qtbot, edit_window, key)
        assert _unnamed(view) == [], key
    assert _unnamed(page.pictures) == []
