"""The unlock page: passphrase, errors in Dutch, the growing wait, keyring, demo hint."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from casusregie.store.demo import DEMO_PASSPHRASE
from casusregie.store.profile import Profile
from conftest import PASSPHRASE

Make = Callable[..., Any]


def _try(qtbot: Any, window: Any, passphrase: str) -> None:
    page = window.unlock_page
    qtbot.waitUntil(page.unlock_button.isEnabled, timeout=10_000)
    page.passphrase_edit.setText(passphrase)
    qtbot.keyClick(page.passphrase_edit, Qt.Key.Key_Return)  # Enter unlocks


def test_wrong_then_right_passphrase(qtbot: Any, make_window: Make, profile: Profile) -> None:
    window = make_window(profile)
    page = window.unlock_page
    assert window.stack.currentWidget() is page
    assert page.passphrase_edit.echoMode() == QLineEdit.EchoMode.Password

    _try(qtbot, window, "niet-het-goede-wachtwoord")
    qtbot.waitUntil(page.error.isVisible, timeout=10_000)
    assert page.error.text().startswith("Het wachtwoord klopt niet.")
    assert not window.session.is_unlocked
    assert page.passphrase_edit.text() == ""  # never left in the field

    _try(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.case_list)
    assert not page.error.isVisible() and page.passphrase_edit.text() == ""


def test_the_wait_after_wrong_tries_is_respected(
    qtbot: Any, make_window: Make, profile: Profile
) -> None:
    window = make_window(profile)
    page = window.unlock_page
    for _ in range(2):  # waits of 0.5 s, then 1 s
        _try(qtbot, window, "fout-fout-fout")
        qtbot.waitUntil(
            lambda: page.error.isVisible() and page.wait_label.isVisible(), timeout=10_000
        )
    assert not page.unlock_button.isEnabled()
    assert page.seconds_to_wait() > 0
    assert "opnieuw proberen" in page.wait_label.text()
    assert "1 seconde" in page.wait_label.text()

    # Enter during the wait does nothing: the store stays shut, no attempt is counted.
    page.passphrase_edit.setText(PASSPHRASE)
    qtbot.keyClick(page.passphrase_edit, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert not window.session.is_unlocked and page.passphrase_edit.text() == PASSPHRASE
    assert profile.wait_before_unlock() > 0

    qtbot.waitUntil(page.unlock_button.isEnabled, timeout=5_000)
    assert not page.wait_label.isVisible()
    page.submit()
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    assert profile.wait_before_unlock() == 0  # a good try resets the counter


def test_busy_while_deriving(
    qtbot: Any, make_window: Make, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    from casusregie.ui.pages import unlock as unlock_module

    real = unlock_module.unlock

    def slow(prof: Profile, passphrase: str) -> Any:
        gate.wait(10)
        return real(prof, passphrase)

    monkeypatch.setattr(unlock_module, "unlock", slow)
    window = make_window(profile)
    page = window.unlock_page
    _try(qtbot, window, PASSPHRASE)
    qtbot.waitUntil(page.busy.isVisible)
    assert not page.unlock_button.isEnabled() and not page.passphrase_edit.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    assert not page.busy.isVisible()


def test_demo_hint_only_for_the_demo(qtbot: Any, make_window: Make, profile: Profile) -> None:
    plain = make_window(profile)
    assert not plain.unlock_page.demo_hint.isVisible()
    demo = make_window(profile, demo=True)
    assert demo.unlock_page.demo_hint.isVisible()
    assert demo.unlock_page.demo_hint.text() == f"Demo: het wachtwoord is {DEMO_PASSPHRASE}"


def test_keyring_button_only_when_a_keyring_exists(
    qtbot: Any, make_window: Make, profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(profile)
    qtbot.waitUntil(window.unlock_page.unlock_button.isEnabled)
    assert not window.unlock_page.keyring_button.isVisible()

    monkeypatch.setattr("casusregie.store.keyring_store.available", lambda: True)
    monkeypatch.setattr("casusregie.store.keyring_store.load", lambda profile_id: None)
    other = make_window(profile)
    page = other.unlock_page
    qtbot.waitUntil(page.keyring_button.isVisible)
    assert page.keyring_button.text() == "Ontgrendelen met de sleutelbos van de computer"
    page.keyring_button.click()
    qtbot.waitUntil(page.error.isVisible)  # nothing in the keyring: use the passphrase
    assert "sleutelbos" in page.error.text()
    assert not other.session.is_unlocked
