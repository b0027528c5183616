"""``make_editor``: the editor widget for one template field (see ``editors.fields``).

Every editor gets the field's label as accessible name and its prompt as accessible
description, so a screen reader says what is asked. Person fields list the persons of
the case by name; ``set_persons`` renews those lists when someone is added or renamed.
"""

from __future__ import annotations

from typing import Any, Protocol, cast

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import QWidget

from casusregie.templates import Field
from casusregie.ui.editors.check_list import CheckList
from casusregie.ui.editors.choice import BoolEditor, ChoiceEditor, NumberEditor
from casusregie.ui.editors.date import DateEditor
from casusregie.ui.editors.fields import LongTextEditor, TextEditor
from casusregie.ui.editors.scale import ScaleEditor

__all__ = ["PERSON_TYPES", "Editor", "as_editor", "make_editor", "set_persons"]

PERSON_TYPES = frozenset({"person", "persons"})
Persons = tuple[tuple[str, str], ...]


class Editor(Protocol):
    """What every field editor offers (they are QWidgets as well)."""

    edited: SignalInstance

    def value(self) -> Any: ...
    def set_value(self, value: Any) -> None: ...
    def is_valid(self) -> bool: ...


def as_editor(widget: QWidget) -> Editor:
    """A widget made by ``make_editor``, seen through the editor interface."""
    return cast(Editor, widget)


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor_factory", text)


def make_editor(
    field: Field,
    persons: Persons,
    parent: QWidget | None = None,
    *,
    choices: tuple[tuple[str, str], ...] | None = None,
    required: bool = False,
) -> QWidget:
    """The editor for ``field``. ``choices`` narrows a choice list (a list section that
    only holds some roles); ``required`` leaves out the 'not chosen' line."""
    kind = field.type
    empty = None if required else _tr("(nog niet gekozen)")
    editor: QWidget
    if kind == "longtext":
        editor = LongTextEditor(parent)
    elif kind in ("date", "partial_date"):
        editor = DateEditor(parent)
    elif kind == "choice":
        editor = ChoiceEditor(choices if choices is not None else field.choices, empty, parent)
    elif kind == "multichoice":
        editor = CheckList(field.choices, parent)
    elif kind == "person":
        editor = ChoiceEditor(persons, None if required else _tr("(niemand gekozen)"), parent)
    elif kind == "persons":
        editor = CheckList(persons, parent)
    elif kind == "bool":
        editor = BoolEditor(parent)
    elif kind == "number":
        editor = NumberEditor(parent)
    elif kind == "scale":
        editor = ScaleEditor(field.scale_anchors, parent)
    else:
        editor = TextEditor(parent)
    editor.setAccessibleName(field.label)
    if field.prompt:
        editor.setAccessibleDescription(field.prompt)
    return editor


def set_persons(editor: QWidget, persons: Persons) -> None:
    """Renew the names in a person field's list (the chosen ids stay)."""
    if isinstance(editor, ChoiceEditor | CheckList):
        editor.set_choices(persons)
