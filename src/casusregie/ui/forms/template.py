"""One template for one case, editable: title, intro and a group box per section.

A ``multiple`` template (gespreksleidraad, netwerkberaad, weging) is filled in once per
occasion: a bar at the top chooses the occasion (date and kind) or starts a new one
("Nieuw overleg"), and every section shows that occasion's answers.

The content is built when a case is shown and thrown away on ``clear()`` (when the
app locks, or another case opens), so no case text outlives the open store. A fresh
read after a change updates the widgets in place; only when persons or occasions
come or go is the tab built again (keeping the scroll position and the focus).

Building is gradual, so a long template (the Tijdlijn of a large case) is on screen at
once: the sections that fill the first screen are built right away (``is_shown``), the
others one per turn of the event loop after it, so the window keeps answering; then
``is_rendered``. Whatever needs the whole page (a finding to focus, a rebuild that keeps
the focus) calls ``build_all()`` first.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QVBoxLayout, QWidget

from casusregie.templates import Section, Template
from casusregie.templates.occasions import occasions
from casusregie.templates.values import CaseValues
from casusregie.ui.forms.occasion_bar import OccasionBar
from casusregie.ui.forms.section import SectionView, ViewContext
from casusregie.ui.models.entity import EntityTableModel
from casusregie.ui.widgets import Explanation, heading

__all__ = ["TemplateView", "short_title"]

#: after the first screen of a page, a moment for it to be painted before the rest
FIRST_PAINT_MS = 40


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
        self._context: ViewContext | None = None
        self._values: CaseValues | None = None
        self._shape: Any = None
        self.instance: str | None = None
        self.occasion_bar: OccasionBar | None = None
        self._before_new: set[str | None] | None = None  # occasions before "Nieuw overleg"
        self._built = False  # every section built
        self._shown = False  # the content (at least the first screen of it) is on screen
        #: sections still to build, and the layout they go into (before its stretch)
        self._pending: list[Section] = []
        self._layout: QVBoxLayout | None = None
        self._more = QTimer(self)
        self._more.setSingleShot(True)
        self._more.timeout.connect(self._build_more)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(QWidget())

    @property
    def is_rendered(self) -> bool:
        """Every section is built."""
        return self._built

    @property
    def is_shown(self) -> bool:
        """The page is on screen: the sections of its first screen are built."""
        return self._shown

    def models(self) -> list[EntityTableModel]:
        return [m for s in self._sections for m in s.models]

    def sections(self) -> list[SectionView]:
        return list(self._sections)

    def _shape_of(self, values: CaseValues) -> Any:
        """What decides which widgets exist: the persons of person-bound sections and
        the occasions. Other changes are shown in place."""
        persons = tuple(
            tuple(p.id for p in values.persons_for(s))
            for s in self.template.sections
            if s.binding.kind == "person"
        )
        found = tuple(o.instance for o in occasions(values.cf, self.template))
        return persons, found if self.template.multiple else ()

    def show_case(self, values: CaseValues, context: ViewContext) -> None:
        self.clear()
        self._context = context
        self._build(values)

    def _build(self, values: CaseValues, *, all_at_once: bool = False) -> None:
        assert self._context is not None
        self._values = values
        self._shape = self._shape_of(values)
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(16, 12, 16, 16)
        box.setSpacing(14)
        box.addWidget(heading(self.template.title, 2, content))
        if self.template.intro:
            box.addWidget(Explanation(self.template.intro, content))
        if self.template.multiple:
            found = occasions(values.cf, self.template)
            known = [o.instance for o in found]
            if self._before_new is not None:  # just made: show the new occasion
                new = [i for i in known if i not in self._before_new]
                if new:
                    self.instance, self._before_new = new[0], None
            if self.instance not in known:
                self.instance = known[0] if known else None
            self.occasion_bar = OccasionBar(found, self.instance, content)
            self.occasion_bar.chosen.connect(self._choose)
            self.occasion_bar.new_requested.connect(self._new_occasion)
            box.addWidget(self.occasion_bar)
            if not found:
                box.addStretch(1)
                self._replace(content)
                self._built = True
                return
        box.addStretch(1)
        self._layout = box
        self._pending = list(self.template.sections)
        # The first screen now (at least one section), the rest after it is shown.
        room = max(self.viewport().height(), 400)
        while self._pending and (
            all_at_once or not self._sections or content.sizeHint().height() < room
        ):
            self._build_one()
        self._replace(content)
        if self._pending:
            self._more.start(FIRST_PAINT_MS)  # the first screen is painted before the rest
        else:
            self._built = True

    def _build_one(self) -> None:
        assert self._context is not None and self._values is not None
        assert self._layout is not None
        section = self._pending.pop(0)
        content = self._layout.parentWidget()
        view = SectionView(
            self.template, section, self._values, self._context, self.instance, content
        )
        self._sections.append(view)
        self._layout.insertWidget(self._layout.count() - 1, view)  # before the stretch
        view.show()  # now, not on the next turn of the event loop (Qt's way for a new child)

    @Slot()
    def _build_more(self) -> None:
        """The next section, then back to the event loop (the window keeps answering)."""
        if not self._pending or self._layout is None:
            return
        self._build_one()
        if self._pending:
            self._more.start(0)
        else:
            self._built = True

    def build_all(self) -> None:
        """Build the sections not built yet, now (to focus a field, or keep the focus)."""
        self._more.stop()
        while self._pending and self._layout is not None:
            self._build_one()
        if self._shown and not self._pending:
            self._built = True

    def _replace(self, content: QWidget) -> None:
        old = self.takeWidget()
        self.setWidget(content)
        self._shown = True
        if old is not None:
            old.hide()
            old.deleteLater()

    def refresh(self, values: CaseValues) -> None:
        """Show a fresh read: in place, or built again if persons or occasions changed."""
        if not self._shown or self._context is None:
            return
        if self._shape_of(values) != self._shape:
            self._rebuild(values)
            return
        self._values = values
        if self.occasion_bar is not None:
            self.occasion_bar.set_occasions(occasions(values.cf, self.template), self.instance)
        for section in self._sections:
            section.refresh(values)

    def _rebuild(self, values: CaseValues) -> None:
        assert self._context is not None
        editing = self._context.editing
        focus = QApplication.focusWidget()
        focused = editing.find(focus if focus is not None and self.isAncestorOf(focus) else None)
        scroll = self.verticalScrollBar().value()
        self._drop_sections()
        self._build(values, all_at_once=True)  # the same height: the same scroll position
        self.verticalScrollBar().setValue(scroll)
        if focused is not None:
            again = next((b for b in editing.bound() if b.ref.key == focused.ref.key), None)
            if again is not None:
                again.editor.setFocus()

    @Slot(object)
    def _choose(self, instance: str | None) -> None:
        """Another occasion: save what was typed, then show that occasion."""
        if instance == self.instance or self._values is None:
            return
        self.instance = instance
        self._rebuild(self._values)

    @Slot()
    def _new_occasion(self) -> None:
        if self._context is None or self._values is None:
            return
        self._before_new = {o.instance for o in occasions(self._values.cf, self.template)}
        self._context.rows.new_occasion(self.template, self._values.cf.case.id)

    def select_occasion(self, instance: str | None) -> None:
        """Show ``instance`` (a new occasion, or where a finding points)."""
        self._choose(instance)

    def _drop_sections(self) -> None:
        self._more.stop()
        self._pending = []
        self._layout = None
        if self._context is not None:
            self._context.editing.unbind_template(self.template.id)
        for section in self._sections:
            section.clear()
        self._sections = []
        self.occasion_bar = None

    def clear(self) -> None:
        """Drop every widget and model that showed case data."""
        self._drop_sections()
        self._values = None
        self._built = False
        self._shown = False
        self.instance = None
        self._before_new = None
        old = self.takeWidget()
        self.setWidget(QWidget())
        if old is not None:
            old.hide()
            old.deleteLater()
