"""What a screen reader and a keyboard user meet on every page of the demo case, and
the badges a quiet form shows.

Every widget that takes focus with Tab has a name a screen reader can say: its own
accessible name, the text on it (a button, a check box) or a label whose buddy it is.
Every page is reached from the side list with the arrow keys alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QTabBar,
    QWidget,
)

from casusregie.store.profile import Profile
from casusregie.ui.forms.form_rows import FormRows
from casusregie.ui.forms.list_section import ListSection
from casusregie.ui.ops.restriction import hidden_from
from casusregie.ui.pages.case import PAGE_ROLE

Make = Callable[..., Any]
#: texts on a button that say nothing without its accessible name
SYMBOLS = {"", "⋯", "…", "...", "+", "-", "×", "▾", "▸"}


def _button_text(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return widget.text().replace("&", "").strip()
    if isinstance(widget, QGroupBox) and widget.isCheckable():
        return widget.title().replace("&", "").strip()
    return ""


def _internal(widget: QWidget) -> bool:
    """Part of another widget that speaks for it (a spin box's or a combo box's line
    edit), or a widget that hands its focus on."""
    if widget.focusProxy() is not None:
        return True
    parent = widget.parentWidget()
    return isinstance(parent, (QAbstractSpinBox, QComboBox)) or isinstance(widget, QTabBar)


def unnamed(root: QWidget) -> list[str]:
    """Focusable, visible widgets under ``root`` that a screen reader cannot name."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled() or _internal(widget):
            continue
        if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.accessibleName().strip() or id(widget) in buddies:
            continue
        if _button_text(widget) not in SYMBOLS:
            continue
        missing.append(
            f"{type(widget).__name__} {widget.objectName()!r} {_button_text(widget)!r} "
            f"in {type(widget.parentWidget()).__name__}"
        )
    return missing


def _page_items(window: Any) -> list[Any]:
    nav = window.case_page.nav
    items = []
    for top in range(nav.topLevelItemCount()):
        item = nav.topLevelItem(top)
        for it in [item, *(item.child(c) for c in range(item.childCount()))]:
            if it.data(0, PAGE_ROLE) is not None:
                items.append(it)
    return items


def _ready(page: QWidget) -> bool:
    for flag in ("is_rendered", "is_ready"):
        if hasattr(page, flag):
            return bool(getattr(page, flag))
    return True


def _meeting_unnamed(qtbot: Any, window: Any) -> list[str]:
    """Every tab of the case discussion and every step of its phases."""
    meeting = window.case_page.meeting
    qtbot.waitUntil(lambda: meeting.tabs is not None, timeout=10_000)  # the demo has one
    missing = []
    for index in range(meeting.tabs.count()):
        meeting.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        missing += unnamed(window)
        panel = meeting.tabs.currentWidget()
        for step, button in enumerate(getattr(panel, "step_buttons", [])):
            button.click()
            QApplication.processEvents()
            missing += [f"stap {step + 1}: {m}" for m in unnamed(window)]
    return sorted(set(missing))


def test_every_page_by_keyboard_and_every_control_named(
    qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any
) -> None:
    window = make_window(demo_profile)
    qtbot.waitUntil(lambda: window.unlock_page.unlock_button.isEnabled(), timeout=10_000)
    assert unnamed(window) == []  # the unlock page
    unlock(window)
    assert unnamed(window) == []  # the case list
    window.case_list.new_case()
    dialog = window.case_list.new_case_dialog
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog is not None and unnamed(dialog) == []
    dialog.reject()
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    page = window.case_page
    qtbot.waitUntil(lambda: page.dashboard.is_ready, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # the side list: from the first page, Down reaches every page (headings skipped)
    items = _page_items(window)
    page.nav.setFocus()
    page.nav.setCurrentItem(items[0])
    reached = [page.tabs.currentIndex()]
    problems: dict[str, list[str]] = {}
    for _ in range(page.nav.topLevelItemCount() + len(items)):
        qtbot.keyClick(page.nav, Qt.Key.Key_Down)
        current = page.tabs.currentWidget()
        qtbot.waitUntil(lambda c=current: _ready(c), timeout=20_000)
        QApplication.processEvents()
        if page.tabs.currentIndex() not in reached:
            reached.append(page.tabs.currentIndex())
            name = page.tabs.tabText(page.tabs.currentIndex())
            missing = unnamed(window)
            if current is page.meeting:
                missing += _meeting_unnamed(qtbot, window)
            if missing:
                problems[name] = missing
    assert sorted(reached) == sorted(it.data(0, PAGE_ROLE) for it in items)
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_tab_goes_from_the_side_list_into_the_page(
    qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any
) -> None:
    window = make_window(demo_profile)
    unlock(window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    page = window.case_page
    qtbot.waitUntil(lambda: page.dashboard.is_ready, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for key in ("overzicht", "veiligheidsplan", "tijdlijn", "toestemming"):
        target = page.page_of(key)
        assert target is not None
        page.tabs.setCurrentWidget(target)
        qtbot.waitUntil(lambda t=target: _ready(t), timeout=20_000)
        page.nav.setFocus()
        qtbot.waitUntil(page.nav.hasFocus)
        qtbot.keyClick(page.nav, Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None and (focused is target or target.isAncestorOf(focused)), key
        if key == "overzicht":  # its links are made per case: still in reading order
            assert focused is page.dashboard.meeting_button
            order = [focused]
            for _ in range(4):
                qtbot.keyClick(order[-1], Qt.Key.Key_Tab)
                order.append(QApplication.focusWidget())
            links = page.dashboard._deadline_buttons
            assert order[1 : 1 + len(links)] == links[:4]
        else:  # the top-most control of the page
            assert focused.mapTo(target, focused.rect().topLeft()).y() < 200, key


def test_every_page_fits_a_laptop_screen_at_200_percent(
    qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any
) -> None:
    """A 1920x1080 screen at 200% scaling is 960x540 device-independent pixels: the
    window must fit on every page (the list's filters on two lines, the meeting's state
    under its title, a picture under its form)."""
    window = make_window(demo_profile)
    unlock(window)
    too_wide = {}
    width = window.minimumSizeHint().width()
    if width > 960:
        too_wide["Casussen"] = width
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    page = window.case_page
    qtbot.waitUntil(lambda: page.dashboard.is_ready, timeout=10_000)
    window.resize(960, 540)
    for item in _page_items(window):
        page.nav.setCurrentItem(item)
        current = page.tabs.currentWidget()
        qtbot.waitUntil(lambda c=current: _ready(c), timeout=20_000)
        QApplication.processEvents()
        size = window.minimumSizeHint()
        if size.width() > 960 or size.height() > 540:
            too_wide[item.text(0)] = (size.width(), size.height())
    assert too_wide == {}
    assert page.splitter.orientation() == Qt.Orientation.Vertical  # the picture under it
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: page.splitter.orientation() == Qt.Orientation.Horizontal)


def test_badges_only_where_something_is_marked_or_changed(
    qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any
) -> None:
    """On every page of the demo case: a "niet voor" note exactly where the field or the
    selected row is kept from someone, and no "↺ gewijzigd" badge (nothing was changed
    since the import)."""
    window = make_window(demo_profile)
    unlock(window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    page = window.case_page
    qtbot.waitUntil(lambda: page.dashboard.is_ready, timeout=10_000)
    cf = page._values.cf
    marked = 0
    for view in page.views:
        page.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda v=view: v.is_rendered, timeout=20_000)
        QApplication.processEvents()
        for form in view.findChildren(FormRows):
            assert [b for b in form.history_badges.values() if not b.isHidden()] == []
            for target, marker in form.markers:
                hidden = bool(hidden_from(cf, target))
                assert (not marker.isHidden()) == hidden, (view.template.id, target)
                assert bool(marker.text()) or not hidden
                marked += hidden
        for rows in view.findChildren(ListSection):
            current = rows.current()
            restricted = current is not None and bool(
                hidden_from(cf, rows.restrict_target(current))
                or any(
                    hidden_from(cf, rows.restrict_target(current).part(part, ""))
                    for part, _label in rows.restrict_target(current).parts
                )
            )
            assert (not rows.marker.isHidden()) == restricted, view.template.id
            marked += restricted
    assert marked >= 1  # the demo keeps something from someone: the check saw it
