"""The case page: the family at the top, a tab for each template below.

The case is read through an operation. A tab is built the first time it is shown
(a big template is hundreds of widgets); ``clear()`` drops them all, which is what
locking does. ``location()`` says which case and tab are open, so unlocking can
return there.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from casusregie.domain.model import CaseFile
from casusregie.store.database import Change
from casusregie.templates import TemplateSet, load_templates
from casusregie.ui.case_ops import load_case
from casusregie.ui.case_values import CaseValues
from casusregie.ui.display import phase_label
from casusregie.ui.entity_model import EntityTableModel
from casusregie.ui.session import Session
from casusregie.ui.template_view import TemplateView, short_title
from casusregie.ui.widgets import heading, hint_label

__all__ = ["CasePage"]


class CasePage(QWidget):
    #: a case is on screen (its id); for tests and screenshots
    loaded = Signal(str)

    def __init__(
        self, session: Session, templates: TemplateSet | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._templates = templates or load_templates()
        self._case_id: str | None = None
        self._values: CaseValues | None = None
        self._setup_ui()
        session.changed.connect(self._on_changed)

    def _setup_ui(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 4)
        self.title = heading("", 1, self)
        self.subtitle = hint_label("", self)
        box.addWidget(self.title)
        box.addWidget(self.subtitle)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.views: list[TemplateView] = []
        for template in self._templates.ordered():
            view = TemplateView(template, self.tabs)
            index = self.tabs.addTab(view, short_title(template.title))
            self.tabs.setTabToolTip(index, template.title)
            self.views.append(view)
        box.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._render_current)

    # -- showing a case ----------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def location(self) -> tuple[str, int] | None:
        return None if self._case_id is None else (self._case_id, self.tabs.currentIndex())

    def open_case(self, case_id: str, tab: int | None = None) -> None:
        if case_id != self._case_id:
            self.clear()
        self._case_id = case_id
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self._session.query(self, lambda store: load_case(store, case_id), self._show)

    def _show(self, cf: CaseFile) -> None:
        if cf.case.id != self._case_id:
            return  # another case was opened meanwhile
        self._values = CaseValues(cf)
        self.title.setText(cf.case.family_name or self.tr("(gezin zonder naam)"))
        self.subtitle.setText(self._subtitle(cf))
        for view in self.views:
            view.clear()
        self._render_current()
        self.loaded.emit(cf.case.id)

    def _subtitle(self, cf: CaseFile) -> str:
        parts = [self.tr("Fase: {phase}").format(phase=phase_label(cf.case.phase))]
        if cf.case.regisseur:
            parts.append(self.tr("Regisseur: {name}").format(name=cf.case.regisseur))
        return "   ·   ".join(parts)

    @Slot()
    def _render_current(self) -> None:
        view = self.tabs.currentWidget()
        if isinstance(view, TemplateView) and self._values is not None and not view.is_rendered:
            view.show_case(self._values)

    @Slot(object)
    def _on_changed(self, changes: Sequence[Change]) -> None:
        if self._case_id is not None and any(c.case_id == self._case_id for c in changes):
            self.open_case(self._case_id)

    def models(self) -> list[EntityTableModel]:
        return [m for view in self.views for m in view.models()]

    def clear(self) -> None:
        """Forget the case: no name, no values, no widgets built from it."""
        self._values = None
        self._case_id = None
        self.title.setText("")
        self.subtitle.setText("")
        for view in self.views:
            view.clear()
