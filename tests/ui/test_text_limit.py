"""A free text over the limit is not saved, and the editor says so in Dutch."""

from __future__ import annotations

from typing import Any

from casusregie.domain.limits import MAX_TEXT_LENGTH
from casusregie.ui.editors.fields import LongTextEditor, TextEditor


def test_long_text_over_the_limit_is_refused_with_a_dutch_message(qtbot: Any) -> None:
    editor = LongTextEditor()
    qtbot.addWidget(editor)
    editor.setAccessibleName("Zorgen")
    editor.setPlainText("x" * MAX_TEXT_LENGTH)
    assert editor.is_valid() and editor.toolTip() == ""
    editor.setPlainText("x" * (MAX_TEXT_LENGTH + 5))
    assert not editor.is_valid()
    assert editor.toolTip() == (
        "De tekst bij Zorgen is te lang: ten hoogste 20.000 tekens. "
        "Dit wordt niet opgeslagen; haal er 5 tekens af."
    )


def test_one_line_text_stops_at_the_limit(qtbot: Any) -> None:
    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.setText("x" * (MAX_TEXT_LENGTH + 10))
    assert len(editor.text()) == MAX_TEXT_LENGTH
