"""One phase of a case discussion (directe veiligheid, risicogestuurde zorg, herstel)
in the three BOB steps: Beeldvorming, Oordeelsvorming, Besluitvorming.

Each step is a page of the gespreksleidraad's sections for this phase, edited like the
forms (``SectionView``):

    Beeldvorming     <phase>_beeldvorming
    Oordeelsvorming  <phase>_schaalvraag (the 1-10 scale with its anchors; the anchor
                     text is stored beside the score), <phase>_scores, <phase>_oordeelsvorming
    Besluitvorming   the brainstorm (<phase>_brainstorm) on the left, in its own tinted
                     box, apart from the decisions (<phase>_besluitvorming) on the right;
                     below them the actions (``ActionsPanel``)

The step buttons carry Alt+1, Alt+2 and Alt+3. A step's page is built the first time
it is shown (``LazyPage``): a meeting has some 150 editors, and opening it must not
wait for all of them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QFont, QFontMetrics, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import Item
from casusregie.templates import Template
from casusregie.templates.values import CaseValues
from casusregie.ui.forms.section import SectionView, ViewContext
from casusregie.ui.pages.meeting_actions import ActionsPanel, ActionWriter
from casusregie.ui.widgets import heading, hint_label, scroll_page

__all__ = ["STEPS", "LazyPage", "PhasePanel"]

#: (key, button text with its Alt letter)
STEPS = ("beeldvorming", "oordeelsvorming", "besluitvorming")
STEP_STYLE = (
    "QPushButton { padding: 4px 10px; }"
    " QPushButton:checked { font-weight: bold; background: #dce8f5; border: 1px solid #1a4f8b;"
    " border-radius: 3px; }"
)
BRAINSTORM_STYLE = (
    "QFrame#brainstorm { background: #f6f1e4; border: 2px dashed #9a7b3c; border-radius: 4px; }"
)


class LazyPage(QWidget):
    """A page whose content is made the first time it is shown (``build()``)."""

    built = Signal(QWidget)

    def __init__(self, make: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._make: Callable[[], QWidget] | None = make
        self.content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> QWidget:
        if self._make is not None:
            make, self._make = self._make, None
            self.content = make()
            layout = self.layout()
            assert layout is not None
            layout.addWidget(self.content)
            self.content.show()  # now, not when the event loop gets to it
            self.built.emit(self.content)
        assert self.content is not None
        return self.content

    def showEvent(self, event: QShowEvent) -> None:
        self.build()
        super().showEvent(event)


class PhasePanel(QWidget):
    step_changed = Signal(int)
    #: a step's page was built (its content): for extra set-up by the meeting page
    page_built = Signal(QWidget)

    def __init__(
        self,
        template: Template,
        phase: str,
        values: Callable[[], CaseValues],
        context: ViewContext,
        instance: str,
        writer: ActionWriter,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(phase)
        self._template = template
        self._phase = phase
        self._values = values
        self._context = context
        self._instance = instance
        self._writer = writer
        self._items: list[Item] = []
        self.sections: list[SectionView] = []
        self.action_list: ActionsPanel | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 6, 0, 0)
        box.addLayout(self._step_bar())
        self.stack = QStackedWidget(self)
        box.addWidget(self.stack, 1)
        for make in (
            lambda: scroll_page([self._section("beeldvorming")], self),
            lambda: scroll_page(
                [self._section(key) for key in ("schaalvraag", "scores", "oordeelsvorming")],
                self,
            ),
            self._decision_page,
        ):
            page = LazyPage(make, self.stack)
            page.built.connect(self.page_built)
            self.stack.addWidget(page)
        self.show_step(0)

    # -- building ------------------------------------------------------------------

    def _step_bar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(6)
        self.step_group = QButtonGroup(self)
        self.step_group.setExclusive(True)
        texts = (
            self.tr("&1. Beeldvorming"),
            self.tr("&2. Oordeelsvorming"),
            self.tr("&3. Besluitvorming"),
        )
        tips = (
            self.tr("Wat is er aan de hand? Zorgen, incidenten en krachten; nog geen oordeel."),
            self.tr("Hoe ernstig is het? De schaalvraag en de gezamenlijke grootste zorg."),
            self.tr("Eerst de brainstorm, dan de besluiten: wie doet wat, en wanneer."),
        )
        self.step_buttons: list[QPushButton] = []
        for number, (text, tip) in enumerate(zip(texts, tips, strict=True)):
            button = QPushButton(text, self)
            button.setCheckable(True)
            button.setStyleSheet(STEP_STYLE)
            bold = QFont(button.font())
            bold.setBold(True)  # the current step is bold: leave room for that
            plain = text.replace("&", "")
            button.setMinimumWidth(QFontMetrics(bold).horizontalAdvance(plain) + 28)
            button.setToolTip(tip)
            button.setAccessibleName(text.replace("&", ""))
            button.setAccessibleDescription(tip)
            self.step_group.addButton(button, number)
            self.step_buttons.append(button)
            row.addWidget(button)
            if number < len(texts) - 1:
                row.addWidget(hint_label("›", self))
        row.addStretch(1)
        self.step_group.idClicked.connect(self.show_step)
        return row

    def _section(self, step: str) -> SectionView:
        section = self._template.section(f"{self._phase}_{step}")
        assert section is not None, f"{self._phase}_{step}"
        values = self._values()
        view = SectionView(self._template, section, values, self._context, self._instance)
        self.sections.append(view)
        return view

    def _decision_page(self) -> QScrollArea:
        ideas = QFrame()
        ideas.setObjectName("brainstorm")
        ideas.setStyleSheet(BRAINSTORM_STYLE)
        column = QVBoxLayout(ideas)
        column.addWidget(heading(self.tr("Brainstorm: ideeën, nog geen besluiten"), 3, ideas))
        column.addWidget(
            hint_label(
                self.tr(
                    "Alles mag genoemd worden. Wat hier staat is nog niet afgesproken; een "
                    "besluit komt rechts, een actie in de lijst eronder."
                ),
                ideas,
                smaller=True,
            )
        )
        column.addWidget(self._section("brainstorm"))
        column.addStretch(1)
        decisions = QWidget()
        right = QVBoxLayout(decisions)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(heading(self.tr("Besluiten"), 3, decisions))
        right.addWidget(
            hint_label(self.tr("Wat het overleg samen besluit."), decisions, smaller=True)
        )
        right.addWidget(self._section("besluitvorming"))
        right.addStretch(1)
        both = QWidget()
        row = QHBoxLayout(both)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(16)
        row.addWidget(ideas, 1)
        row.addWidget(decisions, 1)
        self.action_list = ActionsPanel(self._template, self._phase, self._writer)
        self.action_list.set_items(self._items)
        return scroll_page([both, self.action_list], self)

    # -- steps and data ------------------------------------------------------------

    @property
    def phase(self) -> str:
        return self._phase

    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    @Slot(int)
    def show_step(self, number: int) -> None:
        self.stack.setCurrentIndex(number)
        self.step_buttons[number].setChecked(True)
        self.step_changed.emit(number)

    def section_view(self, key: str) -> SectionView | None:
        return next((s for s in self.sections if s.section.key == key), None)

    def set_actions(self, items: list[Item]) -> None:
        self._items = list(items)
        if self.action_list is not None:
            self.action_list.set_items(items)

    def action_panel(self) -> ActionsPanel:
        """The action list (its step is built for it if it was not yet)."""
        page = self.stack.widget(2)
        if isinstance(page, LazyPage):
            page.build()
        assert self.action_list is not None
        return self.action_list

    def refresh(self, values: CaseValues) -> None:
        for section in self.sections:
            section.refresh(values)

    def clear(self) -> None:
        for section in self.sections:
            section.clear()
        if self.action_list is not None:
            self.action_list.model.clear()
