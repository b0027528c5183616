"""Screenshots of editing (part of ``casusregie --demo --screenshots DIR``).

With the first case open: a date field that is not a date yet (its red note; nothing is
saved), a list with the selected row edited beside it (the veiligheidsafspraken), the
history of a field and "Niet delen met…" for a person in the family's network. A dialog is
drawn on top of the window it belongs to, so every picture is the window's size.
Nothing here changes the demo data.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from casusregie.ui.editors.date import DateEditor
from casusregie.ui.forms.restrictions import RestrictionDialog
from casusregie.ui.main_window import MainWindow

__all__ = ["editing_steps"]

Wait = Callable[[Callable[[], bool], str], None]


def _with_dialog(window: MainWindow, dialog: QWidget) -> QPixmap:
    picture = window.grab()
    top = QPoint((picture.width() - dialog.width()) // 2, (picture.height() - dialog.height()) // 2)
    painter = QPainter(picture)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))  # the window behind, dimmed
    painter.drawPixmap(top, dialog.grab())
    painter.end()
    return picture


def editing_steps(window: MainWindow, directory: Path, wait: Wait, saved: list[Path]) -> None:
    page = window.case_page
    view = next(v for v in page.views if v.template.id == "tijdlijn")
    page.tabs.setCurrentWidget(view)
    wait(lambda: view.is_rendered, "tijdlijn")
    view.verticalScrollBar().setValue(0)

    date = next(
        b
        for b in page.editing.bound()
        if b.ref.template == "tijdlijn" and isinstance(b.editor, DateEditor)
    )
    editor = date.editor
    assert isinstance(editor, DateEditor)
    editor.line.setFocus()
    editor.line.setText("31-02-2025")
    editor.line.textEdited.emit(editor.line.text())  # as if typed: the note shows
    wait(lambda: editor.feedback.isVisible(), "datum")
    _save(window.grab(), directory / "05-datum-nog-niet-goed.png", saved)
    values = page.editing.values
    editor.set_value(values.value(date.ref) if values is not None else None)  # as it was

    plan = next(v for v in page.views if v.template.id == "veiligheidsplan")
    page.tabs.setCurrentWidget(plan)
    wait(lambda: plan.is_rendered, "veiligheidsplan")
    section = next(s for s in plan.sections() if s.lists)
    rows = section.lists[0]
    if rows.model.rowCount():
        rows.table.selectRow(0)
        plan.verticalScrollBar().setValue(section.y() - 8)
        wait(lambda: rows.detail.isVisible(), "lijst en detail")
        _save(window.grab(), directory / "06-rij-wijzigen.png", saved)
    page.tabs.setCurrentWidget(view)

    family = next(b for b in page.editing.bound() if b.ref.template == "tijdlijn")
    page.edit_actions.show_history(family)
    wait(
        lambda: page.edit_actions.dialog is not None and page.edit_actions.dialog.isVisible(),
        "historie",
    )
    history = page.edit_actions.dialog
    assert history is not None
    _save(_with_dialog(window, history), directory / "07-historie-van-een-veld.png", saved)
    history.close()

    lists = [r for s in view.sections() for r in s.lists if s.section.binding.entity == "person"]
    people = next((r for r in lists if r.model.rowCount()), None)
    if people is not None and page.editing.values is not None:
        people.table.selectRow(0)
        person = people.current()
        if person is not None:
            target = people.restrict_target(person)
            marking = RestrictionDialog(target, page.editing.values.cf, window)
            marking.show()
            wait(marking.isVisible, "niet delen met")
            _save(_with_dialog(window, marking), directory / "08-niet-delen-met.png", saved)
            marking.reject()
            marking.deleteLater()


def _save(picture: QPixmap, path: Path, saved: list[Path]) -> None:
    if not picture.save(str(path)):
        raise OSError(path.name)
    saved.append(path)
