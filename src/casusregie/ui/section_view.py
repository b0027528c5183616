"""One template section shown for one case, read-only, in a group box.

Case-bound sections are rows of label, prompt and value; person-bound sections repeat
those rows for each person whose role matches, headed by name and birth date; list
sections are a table (``EntityTableModel``). Any template renders this way.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.templates import Field, Section, Template
from casusregie.ui.case_values import CaseValues
from casusregie.ui.display import display_text, person_heading
from casusregie.ui.entity_model import EntityTableModel
from casusregie.ui.widgets import heading, hint_label, set_point_delta, value_label

__all__ = ["FittedTableView", "SectionView"]

#: attributes already shown in the heading of a person block
_IN_PERSON_HEADING = frozenset({"name", "birth_date"})
#: share of the table width per field type; long text gets the most room
_COLUMN_WEIGHT = {
    "longtext": 5.0,
    "text": 1.5,
    "persons": 1.5,
    "person": 1.2,
    "multichoice": 1.2,
    "choice": 0.8,
    "date": 0.4,
    "partial_date": 0.4,
    "bool": 0.3,
    "scale": 0.4,
    "number": 0.3,
}
_MIN_COLUMN, _MAX_MIN_COLUMN = 70, 230


class FittedTableView(QTableView):
    """A read-only table as tall as its rows, for use inside a scrolling page."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().sectionResized.connect(self._refit)
        self.horizontalScrollBar().rangeChanged.connect(self._refit)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(_MIN_COLUMN)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)

    def setModel(self, model: EntityTableModel) -> None:  # type: ignore[override]
        super().setModel(model)
        model.modelReset.connect(self._refit)
        self._fit_columns()

    def _fit_columns(self) -> None:
        """Each column gets room for its label (up to a limit); what is left goes
        mostly to long text. Too narrow for that: every column shrinks alike and the
        labels are cut off with an ellipsis (the tooltip has them in full)."""
        model = self.model()
        if not isinstance(model, EntityTableModel):
            return
        fields = model.section.fields
        metrics = self.horizontalHeader().fontMetrics()
        available = self.viewport().width()
        needs = [
            max(_MIN_COLUMN, min(_MAX_MIN_COLUMN, metrics.horizontalAdvance(f.label) + 16))
            for f in fields
        ]
        if not needs or available <= 0:
            return
        if sum(needs) >= available:
            widths = [max(40, n * available // sum(needs)) for n in needs]
        else:
            weights = [_COLUMN_WEIGHT.get(f.type, 1.0) for f in fields]
            extra = available - sum(needs)
            widths = [
                n + int(extra * w / sum(weights)) for n, w in zip(needs, weights, strict=True)
            ]
        widths[-1] += max(0, available - sum(widths))
        for column, width in enumerate(widths):
            self.horizontalHeader().resizeSection(column, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_columns()

    @Slot()
    def _refit(self) -> None:
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        height = 2 * self.frameWidth() + self.horizontalHeader().height()
        height += self.verticalHeader().length()
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().height()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class SectionView(QGroupBox):
    def __init__(
        self,
        template: Template,
        section: Section,
        values: CaseValues,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(section.label, parent)
        self._template = template
        self._section = section
        self._values = values
        self.models: list[EntityTableModel] = []
        # Only the title is bold: a style sheet font does not pass on to the children.
        self.setStyleSheet("QGroupBox { font-weight: bold; }")
        self._box = QVBoxLayout(self)
        if section.prompt:
            self._box.addWidget(hint_label(section.prompt, self))
        kind = section.binding.kind
        if kind == "case":
            self._add_rows([(f, values.case_value(template, section, f)) for f in section.fields])
        elif kind == "person":
            self._add_persons()
        else:
            self._add_table()

    def _add_rows(self, rows: list[tuple[Field, object]]) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        names = self._values.person_names
        empty = self.tr("Nog niet ingevuld")
        for row, (field, value) in enumerate(rows):
            left = QWidget(self)
            column = QVBoxLayout(left)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(2)
            label = hint_label(field.label, left)
            label.setStyleSheet("")
            set_point_delta(label, 0.0, bold=True)
            column.addWidget(label)
            if field.prompt:
                column.addWidget(hint_label(field.prompt, left, smaller=True))
            text = value_label(display_text(field, value, names), empty, self)
            label.setBuddy(text)
            grid.addWidget(left, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1, Qt.AlignmentFlag.AlignTop)
        self._box.addLayout(grid)

    def _add_persons(self) -> None:
        persons = self._values.persons_for(self._section)
        if not persons:
            self._box.addWidget(
                hint_label(self.tr("Er is (nog) niemand met deze rol in het gezin."), self)
            )
            return
        fields = [f for f in self._section.fields if f.attr not in _IN_PERSON_HEADING]
        for person in persons:
            title = heading(person_heading(person.name, person.birth_date), 3, self)
            title.setContentsMargins(0, 8, 0, 0)
            self._box.addWidget(title)
            self._add_rows(
                [
                    (f, self._values.person_value(self._template, self._section, f, person))
                    for f in fields
                ]
            )

    def _add_table(self) -> None:
        model = EntityTableModel(self._section, self)
        rows = self._values.list_rows(self._template, self._section)
        model.set_rows(rows, self._values.person_names)
        view = FittedTableView(self)
        view.setModel(model)
        view.setAccessibleName(self._section.label)
        self.models.append(model)
        self._box.addWidget(view)
        if not rows:
            self._box.addWidget(hint_label(self.tr("Nog niets ingevuld."), self))

    def clear(self) -> None:
        for model in self.models:
            model.clear()
