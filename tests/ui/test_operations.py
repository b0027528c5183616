"""Operations run off the UI thread and report back on it."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from casusregie.domain.errors import CasusregieError, WrongPassphrase
from casusregie.ui import operations
from casusregie.ui.operations import QueryOp, user_message


def test_op_runs_on_a_worker_and_delivers_on_the_main_thread(qtbot: Any) -> None:
    main = threading.get_ident()
    seen: dict[str, int] = {}
    results: list[int] = []

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["callback"] = threading.get_ident()
        results.append(value)

    QueryOp(parent=None, op=work, success=done).run_in_background()
    qtbot.waitUntil(lambda: results == [42])
    assert seen["worker"] != main
    assert seen["callback"] == main
    assert operations.pending() == 0


def test_failure_is_delivered_with_the_exception(qtbot: Any) -> None:
    failures: list[BaseException] = []

    def work() -> None:
        raise WrongPassphrase("Het wachtwoord klopt niet.")

    QueryOp(parent=None, op=work, success=lambda _: None).failure(
        failures.append
    ).run_in_background()
    qtbot.waitUntil(lambda: len(failures) == 1)
    assert isinstance(failures[0], WrongPassphrase)


def test_user_messages() -> None:
    assert user_message(CasusregieError("De schijf is vol.")) == "De schijf is vol."
    text = user_message(KeyError("Sanne Verbeek"))
    assert "KeyError" in text and "Sanne" not in text
    assert text.startswith("Er ging iets mis")


def test_result_for_a_closed_screen_is_dropped(qtbot: Any) -> None:
    widget = QWidget()
    gate = threading.Event()
    results: list[int] = []

    def work() -> int:
        gate.wait(5)
        return 1

    QueryOp(parent=widget, op=work, success=results.append).run_in_background()
    widget.deleteLater()
    qtbot.waitUntil(lambda: not _alive(widget))
    gate.set()
    qtbot.waitUntil(lambda: operations.pending() == 0)
    assert results == []


def test_default_failure_shows_a_dutch_message(qtbot: Any) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()

    def work() -> None:
        raise ValueError("Noor Verbeek")

    QueryOp(parent=widget, op=work, success=lambda _: None).run_in_background()
    qtbot.waitUntil(lambda: bool(widget.findChildren(QMessageBox)))
    box = widget.findChildren(QMessageBox)[0]
    assert "ValueError" in box.text() and "Noor" not in box.text()
    box.close()


def test_log_has_no_exception_message(qtbot: Any, caplog: Any) -> None:
    caplog.set_level("DEBUG")
    failures: list[BaseException] = []

    def work() -> None:
        raise ValueError("Noor Verbeek")

    QueryOp(parent=None, op=work, success=lambda _: None).failure(
        failures.append
    ).run_in_background()
    qtbot.waitUntil(lambda: bool(failures))
    assert "ValueError" in caplog.text
    assert "Noor" not in caplog.text


def _alive(obj: object) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
