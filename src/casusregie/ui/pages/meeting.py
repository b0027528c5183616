"""Casusbespreking: the gespreksleidraad as it is used live, in the meeting.

A tab of the case page (and "Casusbespreking starten" on the dashboard). At the top:
which meeting (one occasion of the gespreksleidraad; a new one is dated today),
"Nieuwe bespreking" and "Overleg afsluiten". Below, tabs: Vooraf; the three phases
(Directe veiligheid, Risicogestuurde zorg, Herstelgerichte zorg), each in the BOB steps
(``meeting_phase``); Afronding (samenwerking, afspraken, afsluitingsplan).

Everything typed is saved as it is typed, through the same editors and autosave as the
forms (``editing``), into this meeting's occasion. Closing records the day in
``samenwerking.afgesloten_op`` (``ops.meeting``) and is refused, with a message naming
them, while an action has no owner.

The page keeps its own ``Editing`` (its editors are bound apart from the template tabs,
which may show the same meeting): Ctrl+Z in a text field undoes typing there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.dates import PartialDate
from casusregie.domain.overview import dutch_date
from casusregie.domain.rules import RuleSettings
from casusregie.domain.rules.base import answer
from casusregie.domain.rules.safety import stage
from casusregie.store.database import Change, Store
from casusregie.templates import Template
from casusregie.templates.occasions import new_occasion_form, occasions
from casusregie.templates.values import CaseValues
from casusregie.ui.dialogs.history import HistoryDialog
from casusregie.ui.editors.editing import Bound, Editing
from casusregie.ui.forms.row_actions import RowActions
from casusregie.ui.forms.section import SectionView, ViewContext
from casusregie.ui.operations import show_failure
from casusregie.ui.ops.edit import HistoryEntry, create_entity, field_history
from casusregie.ui.ops.meeting import (
    CLOSED_KEY,
    MEETING,
    MeetingNotClosable,
    close_meeting,
    closed_on,
    meeting_actions,
)
from casusregie.ui.ops.undo import Step
from casusregie.ui.pages.meeting_actions import ActionWriter
from casusregie.ui.pages.meeting_phase import LazyPage, PhasePanel
from casusregie.ui.session import Session
from casusregie.ui.widgets import ERROR_STYLE, heading, hint_label, scroll_page

__all__ = ["PHASE_TABS", "MeetingPage"]

#: the phases of gefaseerd werken, in the order of their tabs
PHASE_TABS = ("directe_veiligheid", "risicogestuurde_zorg", "herstelgerichte_zorg")
DONE_STYLE = "color: #1d5e20; font-weight: bold;"
_LOCAL_UNDO = (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Redo)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 50 else text[:47] + "…"


class _LocalUndo(QObject):
    """Ctrl+Z in a text field of the meeting undoes typing in that field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        override = event.type() == QEvent.Type.ShortcutOverride
        if override and isinstance(event, QKeyEvent) and any(map(event.matches, _LOCAL_UNDO)):
            event.accept()  # the field gets the key itself
            return True
        return False


class MeetingPage(QWidget):
    #: a meeting is on screen (its instance); for tests and screenshots
    ready = Signal(str)
    #: a meeting was closed (its instance)
    closed = Signal(str)

    def __init__(
        self,
        session: Session,
        template: Template,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._template = template
        self.today = today
        self._editing = Editing(session, self)
        self._rows = RowActions(session, self._editing.history, self)
        self._context = ViewContext(self._editing, self._rows, self._open_history)
        self.writer = ActionWriter(self._editing, template, self)
        self._values: CaseValues | None = None
        self._instance: str | None = None
        self._wanted: str | None = None  # a meeting just started: show it once it is read
        self._built_for: tuple[str, str] | None = None
        self._focus_tabs = False
        self._undo_filter = _LocalUndo(self)
        self._history: HistoryDialog | None = None
        self.phases: dict[str, PhasePanel] = {}
        self._other_sections: list[SectionView] = []
        self.tabs: QTabWidget | None = None
        self._setup_ui()
        session.locked.connect(self._close_history)

    # -- building ------------------------------------------------------------------

    def _setup_ui(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 4)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(heading(self.tr("Casusbespreking"), 2, self))
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName(self.tr("Welke bespreking"))
        self.chooser.setMinimumContentsLength(26)
        which = QLabel(self.tr("Bes&preking:"), self)
        which.setBuddy(self.chooser)
        top.addSpacing(12)
        top.addWidget(which)
        top.addWidget(self.chooser)
        self.new_button = QPushButton(self.tr("&Nieuwe bespreking"), self)
        self.new_button.setToolTip(self.tr("Een nieuwe bespreking, met de datum van vandaag"))
        self.new_button.setAccessibleName(self.tr("Nieuwe bespreking"))
        top.addWidget(self.new_button)
        top.addStretch(1)
        # the state and Afsluiten on a line of their own: the page also fits a narrow
        # window (200% scaling on a laptop screen)
        state = QHBoxLayout()
        state.setSpacing(10)
        self.status = hint_label("", self)
        state.addWidget(self.status, 1)
        self.close_button = QPushButton(self.tr("Overleg a&fsluiten"), self)
        self.close_button.setAccessibleName(self.tr("Overleg afsluiten"))
        self.close_button.setToolTip(
            self.tr("Sluit de bespreking af; dat kan als bij elke actie staat wie het doet")
        )
        state.addWidget(self.close_button)
        box.addLayout(top)
        box.addLayout(state)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setVisible(False)
        box.addWidget(self.message)
        self.body = QStackedWidget(self)
        self.empty = QWidget(self.body)
        empty_box = QVBoxLayout(self.empty)
        self.empty_text = hint_label(
            self.tr(
                "Er is nog geen casusbespreking. Start er een: de gespreksleidraad opent "
                "met de datum van vandaag, per fase in de stappen beeldvorming, "
                "oordeelsvorming en besluitvorming."
            ),
            self.empty,
        )
        empty_box.addWidget(self.empty_text)
        self.start_button = QPushButton(self.tr("Casusbespreking starten"), self.empty)
        self.start_button.setAccessibleName(self.tr("Casusbespreking starten"))
        empty_box.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        empty_box.addStretch(1)
        self.holder = QWidget(self.body)
        QVBoxLayout(self.holder).setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.empty)
        self.body.addWidget(self.holder)
        box.addWidget(self.body, 1)
        self.chooser.activated.connect(self._chosen)
        self.new_button.clicked.connect(self.start_new)
        self.start_button.clicked.connect(self.start_today)
        self.close_button.clicked.connect(self.close_meeting)
        self._set_enabled(False)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.chooser, self.close_button):
            widget.setEnabled(on)
        self.new_button.setEnabled(self._values is not None)

    def _build(self, values: CaseValues, instance: str) -> None:
        self._drop()
        tabs = QTabWidget(self.holder)
        tabs.setDocumentMode(True)
        tabs.setObjectName("bespreking")
        before = LazyPage(
            lambda: scroll_page(
                [
                    self._section(key, instance)
                    for key in ("vooraf", "gezin_in_overleg", "aanwezigen")
                ]
            ),
            tabs,
        )
        before.built.connect(self._page_built)
        tabs.addTab(before, self.tr("&Vooraf"))
        for phase in PHASE_TABS:
            panel = PhasePanel(
                self._template, phase, self._current, self._context, instance, self.writer, tabs
            )
            panel.page_built.connect(self._page_built)
            self.phases[phase] = panel
            tabs.addTab(panel, self._phase_text(phase))
        after = LazyPage(
            lambda: scroll_page(
                [
                    self._section(key, instance)
                    for key in ("samenwerking", "afspraken", "afsluitingsplan")
                ]
            ),
            tabs,
        )
        after.built.connect(self._page_built)
        tabs.addTab(after, self.tr("Afrondin&g"))
        layout = self.holder.layout()
        assert layout is not None
        layout.addWidget(tabs)
        tabs.show()  # now, not once the event loop gets to it: focus can go there at once
        self.tabs = tabs
        chosen = answer(values.cf, MEETING, "vooraf", "fase", instance=instance)
        keys = list(PHASE_TABS)
        tabs.setCurrentIndex(1 + (keys.index(chosen) if chosen in keys else 0))
        self._built_for = (values.cf.case.id, instance)

    def _current(self) -> CaseValues:
        assert self._values is not None
        return self._values

    @Slot(QWidget)
    def _page_built(self, content: QWidget) -> None:
        """A page of the meeting was made: its text fields undo typing themselves, and
        the closing day is not a field to type in."""
        for editor in content.findChildren(QLineEdit) + content.findChildren(QPlainTextEdit):
            editor.installEventFilter(self._undo_filter)
        self._hide_closed_field(content)

    def _phase_text(self, phase: str) -> str:
        """The tab text of a phase, with its Alt letter."""
        texts = {
            "directe_veiligheid": self.tr("&Directe veiligheid"),
            "risicogestuurde_zorg": self.tr("&Risicogestuurde zorg"),
            "herstelgerichte_zorg": self.tr("&Herstelgerichte zorg"),
        }
        return texts[phase]

    def _section(self, key: str, instance: str) -> SectionView:
        section = self._template.section(key)
        assert section is not None, key
        view = SectionView(self._template, section, self._current(), self._context, instance)
        self._other_sections.append(view)
        return view

    def _hide_closed_field(self, content: QWidget) -> None:
        """'Overleg afgesloten op' is set by "Overleg afsluiten", not typed here."""
        for view in content.findChildren(SectionView):
            for widget in view.findChildren(QWidget):
                if widget.property("field_key") != CLOSED_KEY:
                    continue
                widget.setVisible(False)
                for label in view.findChildren(QLabel):
                    holder = label.parentWidget()
                    if label.buddy() is widget and holder is not None:
                        holder.setVisible(False)

    def _drop(self) -> None:
        self._editing.unbind_template(self._template.id)
        for panel in self.phases.values():
            panel.clear()
        for view in self._other_sections:
            view.clear()
        self.phases = {}
        self._other_sections = []
        tabs, self.tabs = self.tabs, None
        if tabs is not None:  # out of the widget tree now: no answer lingers on screen
            tabs.hide()
            tabs.setParent(None)
            tabs.deleteLater()
        self._built_for = None

    # -- showing a case ----------------------------------------------------------------

    @property
    def instance(self) -> str | None:
        return self._instance

    @property
    def is_ready(self) -> bool:
        return self._values is not None and (
            self._instance is None or self._built_for == (self._values.cf.case.id, self._instance)
        )

    def show_case(self, values: CaseValues) -> None:
        """A fresh read of the case: list its meetings; show one when the tab is visible."""
        if self._values is not None and self._values.cf.case.id != values.cf.case.id:
            self.clear()
        self._values = values
        found = [o.instance for o in occasions(values.cf, self._template) if o.instance]
        if self._wanted in found:
            self._instance, self._wanted = self._wanted, None
            self._focus_tabs = True
        elif self._instance not in found:
            self._instance = found[0] if found else None
        self._fill_chooser(values)
        if self.isVisible():
            self._sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._sync()

    def _sync(self) -> None:
        values = self._values
        if values is None:
            return
        self._editing.refresh(values)
        instance = self._instance
        self._set_enabled(instance is not None)
        if instance is None:
            self._drop()
            self.body.setCurrentWidget(self.empty)
            self.status.setText("")
            return
        if self._built_for != (values.cf.case.id, instance):
            self._build(values, instance)
        else:
            for panel in self.phases.values():
                panel.refresh(values)
            for view in self._other_sections:
                view.refresh(values)
        self.writer.set_meeting(values.cf.case.id, instance, self._meeting_day(values))
        items = meeting_actions(values.cf, instance)
        keys = list(PHASE_TABS)
        for phase, panel in self.phases.items():
            mine = [
                i
                for i in items
                if (i.answers.get("fase") if i.answers.get("fase") in keys else keys[0]) == phase
            ]
            panel.set_actions(mine)
        self._show_status(values, instance)
        self.body.setCurrentWidget(self.holder)
        if self._focus_tabs and self.tabs is not None:
            self._focus_tabs = False
            self.tabs.tabBar().setFocus()
        self.ready.emit(instance)

    def _day(self, values: CaseValues) -> str:
        return str(answer(values.cf, MEETING, "vooraf", "datum", instance=self._instance) or "")

    def _meeting_day(self, values: CaseValues) -> dt.date | None:
        try:
            return PartialDate.parse(self._day(values)).latest() if self._day(values) else None
        except ValueError:
            return None

    def _fill_chooser(self, values: CaseValues) -> None:
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for occasion in occasions(values.cf, self._template):
            if occasion.instance is None:
                continue
            parts = [occasion.day.dutch() if occasion.day else self.tr("zonder datum")]
            if occasion.kind:
                parts.append(occasion.kind)
            if closed_on(values.cf, occasion.instance):
                parts.append(self.tr("afgesloten"))
            self.chooser.addItem(" · ".join(parts), occasion.instance)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(self._instance)))
        self.chooser.blockSignals(False)

    def _show_status(self, values: CaseValues, instance: str) -> None:
        day = closed_on(values.cf, instance)
        if day is not None:
            self.status.setText(self.tr("Afgesloten op {date}").format(date=dutch_date(day)))
            self.close_button.setEnabled(False)
        else:
            self.status.setText(self.tr("Nog niet afgesloten"))
            self.close_button.setEnabled(True)

    @Slot(int)
    def _chosen(self, index: int) -> None:
        instance = self.chooser.itemData(index)
        if isinstance(instance, str) and instance != self._instance:
            self._instance = instance
            self._say("")
            self._sync()

    def _say(self, text: str, style: str = ERROR_STYLE) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
        self.message.setVisible(bool(text))

    # -- starting and closing ----------------------------------------------------------

    @Slot()
    def start_today(self) -> None:
        """Show today's open meeting, or start one (dated today)."""
        values = self._values
        if values is None:
            return
        today = self.today()
        for occasion in occasions(values.cf, self._template):
            if (
                occasion.instance is not None
                and occasion.day is not None
                and occasion.day.latest() == today
                and closed_on(values.cf, occasion.instance) is None
            ):
                self._instance = occasion.instance
                self._focus_tabs = True
                self._fill_chooser(values)
                self._sync()
                return
        self.start_new()

    @Slot()
    def start_new(self) -> None:
        """A new meeting, dated today, on the phase the work is in now."""
        values = self._values
        if values is None:
            return
        case_id = values.cf.case.id
        form = new_occasion_form(case_id, self._template, self.today())
        form.answers["fase"] = stage(values.cf, RuleSettings())
        label = self.tr("Casusbespreking gestart")
        self._wanted = form.instance

        def done(changes: Sequence[Change]) -> None:
            self._editing.history.record(case_id, Step.from_changes(label, changes))

        self._session.change(self, lambda store: create_entity(store, form, label), done)

    @Slot()
    def close_meeting(self) -> None:
        """Close the meeting on screen (after saving what is still being typed)."""
        values, instance = self._values, self._instance
        if values is None or instance is None:
            return
        self.close_button.setFocus()  # an open cell or field hands in what it holds
        case_id, today, version = values.cf.case.id, self.today(), self._template.version

        def close(store: Store) -> Sequence[Change]:
            return close_meeting(store, case_id, instance, today, version)

        def done(_changes: Sequence[Change]) -> None:
            self._say(
                self.tr("Het overleg is afgesloten op {date}.").format(date=dutch_date(today)),
                DONE_STYLE,
            )
            self.closed.emit(instance)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, MeetingNotClosable):
                self._refused(exc.item_ids)
            else:
                show_failure(self, exc)

        self._editing.autosaver.when_saved(lambda: self._session.change(self, close, done, failed))

    def _refused(self, item_ids: tuple[str, ...]) -> None:
        names = []
        first: tuple[PhasePanel, str] | None = None
        for phase in PHASE_TABS:
            panel = self.phases.get(phase)
            if panel is None:
                continue
            for item in panel.action_panel().model.items():
                if item.id not in item_ids:
                    continue
                what = str(item.answers.get("what") or "").strip()
                label = f"‘{_short(what)}’" if what else self.tr("een actie zonder omschrijving")
                names.append(f"{label} ({self._phase_text(phase).replace('&', '')})")
                first = first or (panel, item.id)
        listed = "; ".join(names) or self.tr("een actie")
        self._say(
            self.tr(
                "Het overleg kan nog niet worden afgesloten. Bij deze acties staat nog niet "
                "wie ze doet: {actions}. Vul bij elke actie in wie het doet, en sluit dan af."
            ).format(actions=listed)
        )
        if first is not None and self.tabs is not None:
            panel, item_id = first
            self.tabs.setCurrentWidget(panel)
            panel.show_step(2)
            panel.action_panel().edit_cell(item_id, 0)

    # -- history and clearing ----------------------------------------------------------

    def _open_history(self, bound: Bound) -> None:
        target = bound.ref.target()

        def show(entries: list[HistoryEntry]) -> None:
            self._close_history()
            persons = self._values.person_names if self._values is not None else {}
            self._history = HistoryDialog(bound.ref.field, entries, persons, self.window())
            self._history.open()

        self._editing.autosaver.when_saved(
            lambda: self._session.query(self, lambda store: field_history(store, target), show)
        )

    @Slot()
    def _close_history(self) -> None:
        if self._history is not None:
            self._history.close()
            self._history.deleteLater()
            self._history = None

    def clear(self) -> None:
        """Forget the case: no meeting, no answers on screen."""
        self._drop()
        self._values = None
        self._instance = None
        self._wanted = None
        self.chooser.clear()
        self.status.setText("")
        self._say("")
        self.body.setCurrentWidget(self.empty)
        self._set_enabled(False)
        self._close_history()
