"""``casusregie --demo --screenshots DIR``: walk through the app and save each page.

Runs the real window with the demo profile (offscreen), step by step: the unlock
page, the case list, the Toestemming tab, every template tab of the first case (and,
for the first tab, the first table further down), editing (``screenshots.editing``: a date not yet
valid, the row dialog, a field's history), the dashboard, the case list's filters and
the case discussion (``screenshots.overview``), and the locked state. Each step waits
until the operations it started have delivered. Exit code 0 when every file is written.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop

from casusregie.store.demo import DEMO_PASSPHRASE
from casusregie.ui import operations
from casusregie.ui.forms.section import SectionView
from casusregie.ui.forms.table import FittedTableView
from casusregie.ui.main_window import MainWindow
from casusregie.ui.models.case_list import CASE_ID_ROLE
from casusregie.ui.screenshots.editing import editing_steps
from casusregie.ui.screenshots.overview import overview_steps

__all__ = ["take_screenshots"]


def _wait(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Run the event loop until ``condition()`` and no operation is pending."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if operations.pending() == 0 and condition():
            for _ in range(3):  # let layouts and deferred deletes settle
                QCoreApplication.processEvents()
            return
        time.sleep(0.01)
    raise TimeoutError(what)


def _save(window: MainWindow, directory: Path, name: str, saved: list[Path]) -> None:
    path = directory / name
    if not window.grab().save(str(path)):
        raise OSError(name)
    saved.append(path)


def _steps(window: MainWindow, directory: Path, timeout: float, saved: list[Path]) -> None:
    page = window.stack.currentWidget
    _wait(lambda: page() is window.unlock_page, timeout, "ontgrendelscherm")
    _save(window, directory, "01-ontgrendelen.png", saved)

    # The first-run page, as a new user sees it while typing (nothing is created).
    first = window.first_run
    window.stack.setCurrentWidget(first)
    first.name_edit.setText("Ilse van Dijk")
    first.passphrase_edit.setText("appel-boom-12")
    first.repeat_edit.setText("appel-boom-1")
    _wait(lambda: True, timeout, "eerste keer")
    _save(window, directory, "00-eerste-keer.png", saved)
    first.name_edit.setText("")
    first.clear()
    window.stack.setCurrentWidget(window.unlock_page)

    window.unlock_page.passphrase_edit.setText(DEMO_PASSPHRASE)
    window.unlock_page.submit()
    _wait(  # with the next deadline and what needs attention (read a moment later)
        lambda: (
            page() is window.case_list
            and window.case_list.model.rowCount() > 0
            and window.case_list.model.flags_known
        ),
        timeout,
        "casuslijst",
    )
    _save(window, directory, "02-casussen.png", saved)

    case_id = str(window.case_list.proxy.index(0, 0).data(CASE_ID_ROLE))
    window.open_case(case_id, 0)
    _wait(lambda: window.case_page.dashboard.is_ready, timeout, "overzicht")
    _save(window, directory, "03-overzicht.png", saved)
    pictures = window.case_page.pictures
    beeld = window.case_page.page_of("genogram")  # the drawing beside its data
    assert beeld is not None
    window.case_page.tabs.setCurrentWidget(beeld)
    for index in range(pictures.kind.count()):
        pictures.kind.setCurrentIndex(index)
        _wait(lambda: bool(pictures.view.scene().items()), timeout, "tekening")
        _save(window, directory, f"03-tekening-{pictures.current_kind()}.png", saved)
    consent = window.case_page.consent
    window.case_page.tabs.setCurrentWidget(consent)
    _wait(lambda: consent.is_ready, timeout, "toestemming")
    _save(window, directory, "03-toestemming.png", saved)
    for number, view in enumerate(window.case_page.views, start=1):
        window.case_page.tabs.setCurrentWidget(view)
        _wait(lambda: view.is_rendered, timeout, view.template.id)  # noqa: B023 (used now)
        _save(window, directory, f"03-tab{number:02d}-{view.template.id}.png", saved)
        if number == 1:
            table = next(iter(view.findChildren(FittedTableView)), None)
            if table is not None:
                sections = view.findChildren(SectionView)
                box = next((b for b in sections if b.isAncestorOf(table)), None)
                view.ensureWidgetVisible(box if isinstance(box, SectionView) else table, 0, 0)
                view.verticalScrollBar().setValue(box.y() if box is not None else table.y())
                _wait(lambda: True, timeout, "tabel")
                _save(window, directory, f"03-tab{number:02d}-{view.template.id}-tabel.png", saved)

    editing_steps(window, directory, lambda c, what: _wait(c, timeout, what), saved)
    overview_steps(window, directory, lambda c, what: _wait(c, timeout, what), saved)

    window.idle.idle.emit()  # as if nobody used it for the idle time
    _wait(lambda: page() is window.unlock_page, timeout, "vergrendeld")
    _save(window, directory, "04-vergrendeld.png", saved)


def take_screenshots(window: MainWindow, directory: Path, timeout: float = 120.0) -> int:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    try:
        _steps(window, directory, timeout, saved)
    except TimeoutError as exc:
        print(
            f"casusregie: schermafbeeldingen gestopt, wachten duurde te lang ({exc}).",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(f"casusregie: kon {exc} niet opslaan in {directory}.", file=sys.stderr)
        return 1
    finally:
        window.close()
    print(f"{len(saved)} schermafbeeldingen opgeslagen in {directory}")
    return 0
