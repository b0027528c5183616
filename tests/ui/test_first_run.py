"""First run: make a profile with a passphrase typed twice, strength shown in Dutch."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casusregie.store.passphrase import Strength, strength
from casusregie.store.profile import Profile


@pytest.mark.parametrize(
    ("passphrase", "level"),
    [
        ("", Strength.TOO_SHORT),
        ("kort12", Strength.TOO_SHORT),
        ("wachtwoord", Strength.WEAK),
        ("aaaaaaaaaaaa", Strength.WEAK),
        ("abcdefgh12", Strength.WEAK),
        ("Abcdefgh12", Strength.FAIR),
        ("correcthorsebattery", Strength.FAIR),
        ("Appel-boom-2024!", Strength.STRONG),
        ("de kat zit op de mat bij oma", Strength.STRONG),
    ],
)
def test_strength(passphrase: str, level: Strength) -> None:
    assert strength(passphrase) == level


def test_create_a_profile(qtbot: Any, make_window: Callable[..., Any], tmp_path: Path) -> None:
    profile = Profile(tmp_path / "nieuw")
    window = make_window(profile, exists=False)
    page = window.first_run
    assert window.stack.currentWidget() is page
    assert not page.create_button.isEnabled()

    page.name_edit.setText("Mirjam")
    page.passphrase_edit.setText("kort")
    assert page.strength_label.text().startswith("Te kort")
    page.passphrase_edit.setText("abcdefgh12")
    assert page.strength_label.text().startswith("Zwak")
    page.passphrase_edit.setText("Abcdefgh12")
    assert page.strength_label.text().startswith("Redelijk")
    page.passphrase_edit.setText("Appel-boom-2024!")
    assert page.strength_label.text().startswith("Sterk")

    page.repeat_edit.setText("Appel-boom-2024?")
    assert page.error.isVisible() and "niet gelijk" in page.error.text()
    assert not page.create_button.isEnabled()
    page.repeat_edit.setText("Appel-boom-2024!")
    assert not page.error.isVisible() and page.create_button.isEnabled()

    page.create_button.click()
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    qtbot.waitUntil(lambda: window.case_list.status.text() != "", timeout=10_000)
    assert window.stack.currentWidget() is window.case_list
    assert window.case_list.status.text() == "Er zijn nog geen casussen."
    assert profile.exists()
    assert page.passphrase_edit.text() == "" and page.repeat_edit.text() == ""
    window.lock()
    assert profile.unlock("Appel-boom-2024!").author == "Mirjam"
