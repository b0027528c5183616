"""Autosave: what is typed is in the store after a short pause, at once when the field
is left, the tab is switched, the app locks or the window closes; one save is one
transaction with a Dutch label; and a process killed with SIGKILL right after a save
loses none of it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from ui_casedata import CASE_ID
from ui_editing import bound, settle, show_template, stored

from casusregie.store.profile import Profile
from casusregie.templates.values import CaseValues
from casusregie.ui.editors.autosave import DELAY_MS
from conftest import PASSPHRASE

NEVER = 600_000  # a pause so long that only a flush can save


def _slow(window: Any) -> None:
    window.case_page.editing.autosaver._timer.setInterval(NEVER)


def test_saved_after_a_pause_in_typing(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "naam_gezin")
    b.editor.setFocus()
    saves: list[Any] = []
    window.case_page.editing.autosaver.saved.connect(saves.append)
    started = time.monotonic()
    qtbot.keyClicks(b.editor, " thuis")
    assert window.case_page.editing.autosaver.dirty(b.ref.key)
    assert stored(window, b.ref) == "Gezin Verbeek-Amrani"  # not yet: still typing
    qtbot.waitUntil(lambda: bool(saves), timeout=5_000)
    assert time.monotonic() - started >= DELAY_MS / 1000 * 0.9
    assert stored(window, b.ref) == "Gezin Verbeek-Amrani thuis"
    assert len(saves) == 1  # one pause, one save
    store = window.session.store
    history = store.history("case", CASE_ID, "family_name")
    assert store.action_of(history[-1].txn_id) == "Veld gewijzigd: Naam gezin"
    assert {c.txn_id for c in saves[0]} == {history[-1].txn_id}  # one transaction


def test_leaving_the_field_saves_at_once(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    _slow(window)
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "aanleiding", "samenvatting")
    other = bound(window, "tijdlijn", "gezin", "naam_gezin")
    b.editor.setFocus()
    qtbot.keyClick(b.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(b.editor, " Nu ook thuis.")
    other.editor.setFocus()  # Tab, or a click elsewhere
    qtbot.waitUntil(lambda: not window.case_page.editing.autosaver.busy, timeout=5_000)
    assert str(stored(window, b.ref)).endswith(" Nu ook thuis.")


def test_switching_tab_saves_at_once(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    _slow(window)
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "naam_gezin")
    b.editor.setText("")
    qtbot.keyClicks(b.editor, "Gezin V.")  # no focus: only the tab switch saves it
    show_template(qtbot, window, "genogram")
    qtbot.waitUntil(lambda: not window.case_page.editing.autosaver.busy, timeout=5_000)
    assert stored(window, b.ref) == "Gezin V."


def _reopened(profile: Profile) -> CaseValues:
    with profile.unlock(PASSPHRASE) as store:
        return CaseValues(store.load_case(CASE_ID))


def test_locking_saves_first(qtbot: Any, edit_window: Any, profile: Profile) -> None:
    window = edit_window
    _slow(window)
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "naam_gezin")
    b.editor.setFocus()
    qtbot.keyClicks(b.editor, " (op slot)")
    window.lock()
    assert not window.session.is_unlocked
    assert _reopened(profile).value(b.ref) == "Gezin Verbeek-Amrani (op slot)"


def test_closing_the_window_saves_first(qtbot: Any, edit_window: Any, profile: Profile) -> None:
    window = edit_window
    _slow(window)
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "aanleiding", "samenvatting")
    b.editor.setFocus()
    qtbot.keyClick(b.editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(b.editor, " Laatste zin.")
    window.close()
    assert str(_reopened(profile).value(b.ref)).endswith(" Laatste zin.")


def test_leaving_the_case_saves_first(qtbot: Any, edit_window: Any) -> None:
    window = edit_window
    _slow(window)
    show_template(qtbot, window, "tijdlijn")
    b = bound(window, "tijdlijn", "gezin", "naam_gezin")
    b.editor.setFocus()
    qtbot.keyClicks(b.editor, "!")
    window.show_case_list()
    settle(qtbot, window)
    assert stored(window, b.ref) == "Gezin Verbeek-Amrani!"


TYPIST = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from casusregie.store.profile import Profile
    from casusregie.ui.app import make_application
    from casusregie.ui.main_window import MainWindow
    from casusregie.ui.session import Session

    app = make_application()
    profile = Profile(Path(sys.argv[1]))
    session = Session(profile)
    window = MainWindow(session, idle_ms=3_600_000, use_keyring=False)
    window.resize(1366, 768)
    window.show()
    session.open(profile.unlock(sys.stdin.readline().rstrip("\\n")))
    page = window.case_page
    view = next(v for v in page.views if v.template.id == "tijdlijn")
    window.open_case(sys.argv[2], page.tabs.indexOf(view))
    pieces = ["Eerste deel", ", tweede deel"]
    saves = []

    def saved(_changes):
        saves.append(1)
        print(f"OPGESLAGEN {len(saves)}", flush=True)
        if len(saves) < len(pieces):
            QTimer.singleShot(0, type_next)

    def type_next():
        editor = next(
            b.editor for b in page.editing.bound()
            if (b.ref.section, b.ref.field.key) == ("aanleiding", "samenvatting")
        )
        if len(saves) == 0:
            editor.setPlainText("")
        QTest.keyClicks(editor, pieces[len(saves)])

    def wait_for_tab():
        if view.is_rendered and not session.writing:
            page.editing.autosaver.saved.connect(saved)
            type_next()
        else:
            QTimer.singleShot(20, wait_for_tab)

    wait_for_tab()
    app.exec()
""")


def _lines(proc: subprocess.Popen[str], count: int, seconds: float) -> list[str]:
    """Up to ``count`` lines from the child's output, never waiting past ``seconds``."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + seconds
    while len(lines) < count and time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], 0.1)
        if ready:
            line = proc.stdout.readline()
            if not line:
                break  # the child ended
            lines.append(line.strip())
    return lines


def test_sigkill_after_a_save_loses_nothing(tmp_path: Path, profile: Profile) -> None:
    script = tmp_path / "typist.py"
    script.write_text(TYPIST, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    errors = tmp_path / "fouten.txt"
    with errors.open("w", encoding="utf-8") as err:
        proc = subprocess.Popen(
            [sys.executable, str(script), str(profile.directory), CASE_ID],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            env=env,
            text=True,
        )
        try:
            assert proc.stdin is not None
            proc.stdin.write(PASSPHRASE + "\n")
            proc.stdin.flush()
            lines = _lines(proc, 2, 60)
        finally:
            os.kill(proc.pid, signal.SIGKILL)
            proc.communicate()
    assert lines == ["OPGESLAGEN 1", "OPGESLAGEN 2"], errors.read_text(encoding="utf-8")
    assert proc.returncode == -signal.SIGKILL
    with profile.unlock(PASSPHRASE) as store:
        assert store.integrity_problems() == []
        assert store.get("case", CASE_ID).to_fields()["aanleiding"] == "Eerste deel, tweede deel"
        actions = {store.action_of(c.txn_id) for c in store.history("case", CASE_ID, "aanleiding")}
        assert "Veld gewijzigd: Aanleiding in het kort" in actions
