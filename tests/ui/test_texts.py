"""Every screen speaks Dutch, and case data stays out of titles and logs."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ui_walk import all_texts

from casusregie.store.profile import Profile
from casusregie.templates import load_templates
from conftest import PASSPHRASE

Make = Callable[..., Any]

ENGLISH = (
    "File",
    "Edit",
    "Open",
    "Save",
    "Cancel",
    "Search",
    "Name",
    "Date",
    "Unlock",
    "Lock",
    "Settings",
    "Help",
    "Close",
    "Error",
    "Password",
    "Loading",
    "Back",
    "Quit",
    "Exit",
    "Yes",
    "No",
    "Unknown",
    "Empty",
    "Case",
    "Cases",
    "Family",
)
_ENGLISH = re.compile(r"\b(" + "|".join(ENGLISH) + r")\b")


def _template_texts() -> set[str]:
    """Texts that come from the template files: their authors' words, checked there."""
    out: set[str] = set()
    for tpl in load_templates().ordered():
        out |= {tpl.title, tpl.intro}
        for section in tpl.sections:
            out |= {section.label, section.prompt}
            for field in section.fields:
                out |= {field.label, field.prompt, *(label for _, label in field.choices)}
                out |= set(field.scale_anchors or ())
                if field.prompt:
                    out.add(f"{field.label}\n{field.prompt}")
    return out


def _english(window: Any, secrets: set[str]) -> list[str]:
    skip = _template_texts()
    found = []
    for text in all_texts(window):
        if text in skip or any(s in text for s in secrets):
            continue
        found += [f"{m} in {text!r}" for m in _ENGLISH.findall(text)]
    return found


def _walk_everything(
    qtbot: Any, window: Any, unlock: Any, open_case: Any, check: Callable[[], None]
) -> None:
    check()  # the unlock page
    unlock(window)
    check()  # the case list
    window.case_list.search.setText("Noor")
    check()
    window.case_list.search.setText("")
    open_case(window)
    for view in window.case_page.views:
        window.case_page.tabs.setCurrentWidget(view)
        qtbot.waitUntil(lambda v=view: v.is_rendered)
        check()  # every template tab
    window.lock()
    check()  # locked
    qtbot.waitUntil(window.unlock_page.unlock_button.isEnabled, timeout=10_000)
    window.unlock_page.passphrase_edit.setText("fout-wachtwoord")
    window.unlock_page.submit()
    qtbot.waitUntil(window.unlock_page.error.isVisible, timeout=10_000)
    check()  # the error and the countdown
    qtbot.waitUntil(window.unlock_page.unlock_button.isEnabled, timeout=10_000)
    unlock(window, PASSPHRASE)
    check()


def test_no_english_on_any_page(
    qtbot: Any,
    make_window: Make,
    profile: Profile,
    unlock: Any,
    open_case: Any,
    secrets: set[str],
    tmp_path: Path,
) -> None:
    first = make_window(Profile(tmp_path / "leeg"), exists=False)
    assert _english(first, secrets) == []

    window = make_window(profile, demo=True)
    problems: list[str] = []
    _walk_everything(
        qtbot, window, unlock, open_case, lambda: problems.extend(_english(window, secrets))
    )
    assert sorted(set(problems)) == []


def test_title_never_holds_case_data(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any, secrets: set[str]
) -> None:
    window = make_window(profile)
    titles: list[str] = []

    def check() -> None:
        titles.append(window.windowTitle())
        titles.extend(w.windowTitle() for w in window.findChildren(type(window)))

    _walk_everything(qtbot, window, unlock, open_case, check)
    assert set(titles) == {"Casusregie"}


def test_logs_hold_no_case_data(
    qtbot: Any,
    make_window: Make,
    profile: Profile,
    unlock: Any,
    open_case: Any,
    secrets: set[str],
    caplog: Any,
) -> None:
    caplog.set_level(logging.DEBUG)
    window = make_window(profile)
    _walk_everything(qtbot, window, unlock, open_case, lambda: None)
    window.close()
    assert "Vergrendeld" in caplog.text  # the log is written, just without data
    leaks = [s for s in secrets if s in caplog.text]
    assert leaks == []


def test_the_english_check_can_fail(
    qtbot: Any, make_window: Make, profile: Profile, secrets: set[str]
) -> None:
    from PySide6.QtWidgets import QLabel

    window = make_window(profile)
    QLabel("Save the file", window.case_list)
    assert _english(window, secrets) == ["Save in 'Save the file'"]
