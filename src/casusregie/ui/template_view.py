"""One template for one case, read-only: title, intro and a group box per section.

The content is built when a case is shown and thrown away on ``clear()`` (when the
app locks, or another case opens), so no case text outlives the open store.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from casusregie.templates import Template
from casusregie.ui.case_values import CaseValues
from casusregie.ui.entity_model import EntityTableModel
from casusregie.ui.section_view import SectionView
from casusregie.ui.widgets import heading, hint_label

__all__ = ["TemplateView", "short_title"]


def short_title(title: str) -> str:
    """A tab label: the title up to a comma or bracket ('Tijdlijn, voorgeschiedenis
    en situatie gezin' becomes 'Tijdlijn')."""
    for mark in (",", " ("):
        title = title.split(mark, 1)[0]
    return title.strip()


class TemplateView(QScrollArea):
    def __init__(self, template: Template, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.template = template
        self._sections: list[SectionView] = []
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(QWidget())

    @property
    def is_rendered(self) -> bool:
        return bool(self._sections)

    def models(self) -> list[EntityTableModel]:
        return [m for s in self._sections for m in s.models]

    def show_case(self, values: CaseValues) -> None:
        self.clear()
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(16, 12, 16, 16)
        box.setSpacing(14)
        box.addWidget(heading(self.template.title, 2, content))
        if self.template.intro:
            box.addWidget(hint_label(self.template.intro, content))
        for section in self.template.sections:
            view = SectionView(self.template, section, values, content)
            self._sections.append(view)
            box.addWidget(view)
        box.addStretch(1)
        self.setWidget(content)

    def clear(self) -> None:
        """Drop every widget and model that showed case data."""
        for section in self._sections:
            section.clear()
        self._sections = []
        old = self.takeWidget()
        self.setWidget(QWidget())
        if old is not None:
            old.hide()
            old.deleteLater()
