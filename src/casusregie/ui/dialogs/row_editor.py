"""``RowEditor``: add or change one row of a list section, in a dialog.

The dialog is built from the section's fields, like the forms: label, the seed's
prompt and an editor for each. "Opslaan" stays off while a required field is empty or
a date is not a date, and a line says what is missing. For a relation the types follow
the kind (a partner relation is not 'biologisch'). ``ask()`` returns the values by
field key, or None when cancelled; tests replace it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import ParentType, PartnerType, RelationKind
from casusregie.domain.sensitivity import suggest
from casusregie.templates import Field
from casusregie.templates.field_ref import is_empty
from casusregie.ui.editors.choice import ChoiceEditor
from casusregie.ui.editors.factory import as_editor, make_editor
from casusregie.ui.widgets import ERROR_STYLE, heading, hint_label

__all__ = ["RowEditor", "RowSpec", "follow_kind"]

Persons = tuple[tuple[str, str], ...]


def _quoted(labels: list[str]) -> str:
    return ", ".join(f"“{label}”" for label in labels)


def follow_kind(
    editors: Mapping[str, QWidget], fields: tuple[Field, ...]
) -> Callable[[bool], None] | None:
    """A relation's type list follows its kind (a partner relation is not 'biologisch').
    When a new kind rules out the type, the first allowed type is chosen, and said as an
    edit (so a detail pane saves it too). Returns the update (its argument: whether to
    say so as an edit), for a pane that shows another row; None for other lists."""
    kind, kind_type = editors.get("kind"), editors.get("type")
    field = next((f for f in fields if f.key == "type"), None)
    if not isinstance(kind, ChoiceEditor) or not isinstance(kind_type, ChoiceEditor):
        return None
    if field is None:
        return None

    def update(edited: bool = True) -> None:
        is_partner = kind.value() == RelationKind.PARTNER.value
        allowed = set((PartnerType if is_partner else ParentType).values())
        choices = tuple((v, label) for v, label in field.choices if v in allowed)
        kind_type.set_choices(choices)
        if kind_type.value() not in allowed:
            kind_type.set_value(choices[0][0] if choices else None)
            if edited:
                kind_type.edited.emit()

    kind.edited.connect(update)
    update(edited=False)
    return update


class RowSpec:
    """What the dialog needs: fields, values to start with, what is required, and
    narrowed choice lists (by field key)."""

    def __init__(
        self,
        title: str,
        fields: tuple[Field, ...],
        values: Mapping[str, Any],
        persons: Persons,
        required: frozenset[str] = frozenset(),
        choices: Mapping[str, tuple[tuple[str, str], ...]] | None = None,
        relation: bool = False,
        row_kind: str | None = None,
    ) -> None:
        self.title = title
        self.fields = fields
        self.values = dict(values)
        self.persons = persons
        self.required = required
        self.choices = dict(choices or {})
        self.relation = relation
        #: 'life_event', 'help_episode' or 'item' (a genogram line) when the row gets a
        #: content-aware privacy category (``domain.sensitivity``): the dialog shows it
        self.row_kind = row_kind


class RowEditor(QDialog):
    def __init__(self, spec: RowSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._spec = spec
        self.editors: dict[str, QWidget] = {}
        self.setWindowTitle(spec.title)
        self.setModal(True)
        self._setup_ui()
        for key, editor in self.editors.items():
            as_editor(editor).set_value(spec.values.get(key))
            as_editor(editor).edited.connect(self._check)
        if spec.relation:
            self._follow_kind()
        if spec.row_kind and "privacy" in self.editors:
            for editor in self.editors.values():
                as_editor(editor).edited.connect(self._suggest)
            self._suggest()
        self._check()

    def _setup_ui(self) -> None:
        outer = QVBoxLayout(self)
        outer.addWidget(heading(self._spec.title, 2, self))
        if self._spec.required:
            outer.addWidget(hint_label(self.tr("Velden met een * moeten ingevuld zijn."), self))
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget(scroll)
        form = QFormLayout(content)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(12)
        for field in self._spec.fields:
            required = field.key in self._spec.required
            editor = make_editor(
                field,
                self._spec.persons,
                content,
                choices=self._spec.choices.get(field.key),
                required=required and field.type in ("choice", "person"),
            )
            label = QWidget(content)
            column = QVBoxLayout(label)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            title = heading(field.label + (" *" if required else ""), 4, label)
            title.setBuddy(editor)
            column.addWidget(title)
            if field.prompt:
                column.addWidget(hint_label(field.prompt, label, smaller=True))
            label.setMaximumWidth(300)
            form.addRow(label, editor)
            self.editors[field.key] = editor
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)
        self.category_note = hint_label("", self)
        self.category_note.setObjectName("categorynote")
        self.category_note.setVisible(False)
        outer.addWidget(self.category_note)
        self.problem = hint_label("", self)
        self.problem.setStyleSheet(ERROR_STYLE)
        outer.addWidget(self.problem)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Opslaan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(
            self.tr("Annuleren"), QDialogButtonBox.ButtonRole.RejectRole
        )
        cancel.setAccessibleName(self.tr("Annuleren"))
        self.save_button.setAccessibleName(self.tr("Opslaan"))
        self.save_button.setDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.resize(760, 620)

    def _follow_kind(self) -> None:
        """A relation's type list follows its kind."""
        follow_kind(self.editors, self._spec.fields)

    @Slot()
    def _suggest(self) -> None:
        """What the row is about decides where it may go: say which category the app
        suggests and why, or that it cannot tell (then the row waits for a choice)."""
        kind = self._spec.row_kind or ""
        values = {
            (f.attr or f.key): as_editor(self.editors[f.key]).value() for f in self._spec.fields
        }
        field = next(f for f in self._spec.fields if f.key == "privacy")
        labels = dict(field.choices)
        s = suggest(kind, values)
        chosen = values.get("privacy")
        if chosen:
            text = self.tr("Privacycategorie: {label} (door u gekozen).").format(
                label=labels.get(chosen, chosen)
            )
            if s.category and s.category != chosen:
                text += " " + self.tr("De app zou {label} voorstellen ({why}).").format(
                    label=labels.get(s.category, s.category), why=s.reason
                )
        elif s.category:
            text = self.tr(
                "Voorstel van de app: {label} ({why}). Klopt dat niet, kies dan zelf een "
                "privacycategorie."
            ).format(label=labels.get(s.category, s.category), why=s.reason)
        else:
            text = self.tr(
                "De app kan de privacycategorie niet bepalen: {why}. Tot u kiest, gaat deze "
                "regel niet mee naar het kantoor."
            ).format(why=s.reason)
        self.category_note.setText(text)
        self.category_note.setVisible(True)

    def values(self) -> dict[str, Any]:
        return {key: as_editor(editor).value() for key, editor in self.editors.items()}

    @Slot()
    def _check(self) -> None:
        missing = [
            f.label
            for f in self._spec.fields
            if f.key in self._spec.required and is_empty(as_editor(self.editors[f.key]).value())
        ]
        wrong = [
            f.label for f in self._spec.fields if not as_editor(self.editors[f.key]).is_valid()
        ]
        lines = []
        if missing:
            lines.append(self.tr("Vul nog in: {fields}").format(fields=_quoted(missing)))
        if wrong:
            lines.append(self.tr("Kijk nog na: {fields}").format(fields=_quoted(wrong)))
        self.problem.setText("\n".join(lines))
        self.problem.setVisible(bool(lines))
        self.save_button.setEnabled(not lines)

    @classmethod
    def ask(cls, spec: RowSpec, parent: QWidget | None) -> dict[str, Any] | None:
        dialog = cls(spec, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        values = dialog.values() if accepted else None
        dialog.deleteLater()
        return values
