"""The case page: the family at the top, a side list by the method, the page beside it.

The side list (``nav``) is grouped the way a regisseur works: Overzicht; Beeld (tijdlijn,
genogram, gezinspatroon); Veiligheid; Verandering; Overleg (casusbespreking,
netwerkberaad, kernbesluiten); Kinderen; Privacy en toestemming (``NAVIGATION``). It is
a tree that the keyboard walks (arrows, Enter; Ctrl+1 to Ctrl+9 choose its first nine
pages). The pages themselves sit in ``tabs`` (a tab widget without its tab bar). For a
Beeld page the live picture (``pictures``) is shown beside the form, so each drawing sits
beside its data. The page last shown for each case is remembered while the app runs.

The case is read through an operation. A page is built the first time it is shown
(a big template is hundreds of widgets); ``clear()`` drops them all, which is what
locking does. ``location()`` says which case and page are open, so unlocking can
return there.

The first page is the dashboard (``dashboard.DashboardPage``); a finding clicked there
comes back as ``focus_target(target)``: the template's page is shown and scrolled to
the section and field (``focus.focus_in_view``).

The template tabs are editable (``editing``): what is typed is saved as it is typed,
Ctrl+Z and Ctrl+Shift+Z undo and redo (``actions.edit``), rows are added and changed
in dialogs (``row_actions``). After every change the case is read again and shown in
place; only the newest read is shown, so an older read can never undo typing on
screen. Switching tab or case saves first.
"""

from __future__ import annotations

from collections.abc import Sequence, Set

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import CaseFile, Phase
from casusregie.domain.rules.base import Target
from casusregie.store.database import Change
from casusregie.templates import TemplateSet, load_templates
from casusregie.templates.values import CaseValues
from casusregie.ui.actions.edit import EditActions
from casusregie.ui.editors.editing import Editing
from casusregie.ui.forms.row_actions import RowActions
from casusregie.ui.forms.section import ViewContext
from casusregie.ui.forms.template import TemplateView, short_title
from casusregie.ui.models.entity import EntityTableModel
from casusregie.ui.ops.case import load_case, set_genogram_positions
from casusregie.ui.pages.child_talks import ChildTalkPage
from casusregie.ui.pages.consent import ConsentPage
from casusregie.ui.pages.dashboard import DashboardPage
from casusregie.ui.pages.focus import focus_in_view
from casusregie.ui.pages.meeting import MeetingPage
from casusregie.ui.pages.side_list import SideList
from casusregie.ui.pictures.panel import PicturesPanel
from casusregie.ui.session import Session
from casusregie.ui.widgets import heading, hint_label

__all__ = ["NAVIGATION", "CasePage"]

#: the side list: (group, [(page key, label)]); a page key is a template id or one of
#: "overzicht", "casusbespreking", "toestemming", "eigen_woorden". A group of one page
#: is one line.
NAVIGATION: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Overzicht", (("overzicht", "Overzicht"),)),
    (
        "Beeld",
        (
            ("tijdlijn", "Tijdlijn"),
            ("genogram", "Genogram en netwerk"),
            ("gezinspatroon", "Gezinspatroon"),
        ),
    ),
    ("Veiligheid", (("veiligheidsplan", "Veiligheidsplan"), ("weging", "Weging"))),
    (
        "Verandering",
        (
            ("veranderplan", "Veranderplan"),
            ("borgingsplan", "Borgingsplan"),
            ("feedback_barrieres", "Feedback en barrières"),
            ("reflectie", "Reflectie"),
        ),
    ),
    (
        "Overleg",
        (
            ("casusbespreking", "Casusbespreking voeren"),
            ("gespreksleidraad", "Verslagen casusbespreking"),
            ("netwerkberaad", "Netwerkberaad"),
            ("kernbesluiten", "Kernbesluiten"),
            ("rollen", "Rollen en kernteam"),
        ),
    ),
    (
        "Kinderen",
        (
            ("gesprekken_kinderen", "Gesprekken met kinderen"),
            ("eigen_woorden", "In hun eigen woorden"),
        ),
    ),
    (
        "Privacy en toestemming",
        (("toestemming", "Toestemming"), ("privacy_afweging", "Privacy-afweging")),
    ),
)
#: the Beeld pages: which picture is drawn beside the form
PICTURE_OF = {"tijdlijn": "tijdlijn", "genogram": "genogram", "gezinspatroon": "gezinspatroon"}
PAGE_ROLE = Qt.ItemDataRole.UserRole + 1
#: narrower than this (device-independent pixels), a Beeld page's picture goes under
#: its form
SIDE_BY_SIDE_WIDTH = 1150


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
        self._last_page: dict[str, int] = {}  # case id -> page last shown (this run)
        self._values: CaseValues | None = None
        self._reads = 0  # numbers the reads of the case: only the newest is shown
        self.editing = Editing(session, self)
        self.row_actions = RowActions(session, self.editing.history, self)
        self.row_actions.saved.connect(self.editing.undo_state)
        self.edit_actions = EditActions(
            self.editing, lambda: self._case_id if self.isVisible() else None, self
        )
        self._context = ViewContext(
            self.editing,
            self.row_actions,
            self.edit_actions.show_history,
            privacy_label=self._templates.privacy.label,
        )
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
        self.tabs.tabBar().hide()  # the side list chooses the page
        self.dashboard = DashboardPage(self._session, self.tabs)
        self.tabs.addTab(self.dashboard, self.tr("Overzicht"))
        self.tabs.setTabToolTip(0, self.tr("Overzicht: fase, veiligheid, bevindingen"))
        self.dashboard.target_requested.connect(self.focus_target)
        self.meeting = MeetingPage(self._session, self._templates.get("gespreksleidraad"))
        self.tabs.addTab(self.meeting, self.tr("Casusbespreking"))
        self.tabs.setTabToolTip(1, self.tr("De gespreksleidraad, live in het overleg"))
        self.dashboard.meeting_requested.connect(self.start_meeting)
        self.pictures = PicturesPanel(self)
        self.pictures.setAccessibleName(self.tr("Tekening"))
        self.pictures.hide()  # beside a Beeld page only
        self._pictures_case: CaseFile | None = None  # drawn when a Beeld page is shown
        self.pictures.position_changed.connect(self._store_position)
        self.pictures.positions_reset.connect(self._reset_positions)
        self.consent = ConsentPage(self._session, self.tabs)
        index = self.tabs.addTab(self.consent, self.tr("Toestemming"))
        self.tabs.setTabToolTip(index, self.tr("Toestemming en grondslag per categorie"))
        self.child_talks = ChildTalkPage(self._session, self.tabs)
        index = self.tabs.addTab(self.child_talks, self.tr("In hun eigen woorden"))
        self.tabs.setTabToolTip(
            index, self.tr("Wat kinderen vertelden en tekenden (De drie huizen, een verhaal)")
        )
        self.views: list[TemplateView] = []
        for template in self._templates.ordered():
            view = TemplateView(template, self.tabs)
            view.setAccessibleName(template.title)  # it scrolls by keyboard: a tab stop
            index = self.tabs.addTab(view, short_title(template.title))
            self.tabs.setTabToolTip(index, template.title)
            self.views.append(view)
        self.nav = self._navigation()
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.pictures)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        body = QHBoxLayout()
        body.setSpacing(8)
        body.addWidget(self.nav)
        body.addWidget(self.splitter, 1)
        box.addLayout(body, 1)
        self.tabs.currentChanged.connect(self._render_current)
        self.tabs.currentChanged.connect(self._sync_nav)
        self.nav.currentItemChanged.connect(self._nav_chosen)
        self._sync_nav(self.tabs.currentIndex())
        pages = [i for i in self._nav_items() if i.data(0, PAGE_ROLE) is not None]
        for number, item in enumerate(pages[:9], start=1):  # Ctrl+1 .. Ctrl+9
            shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda it=item: self.nav.setCurrentItem(it))

    # -- the side list -------------------------------------------------------------

    def page_of(self, key: str) -> QWidget | None:
        """The page for a navigation key (a template id, or overzicht/casusbespreking/
        toestemming)."""
        fixed: dict[str, QWidget] = {
            "overzicht": self.dashboard,
            "casusbespreking": self.meeting,
            "toestemming": self.consent,
            "eigen_woorden": self.child_talks,
        }
        if key in fixed:
            return fixed[key]
        return next((v for v in self.views if v.template.id == key), None)

    def _navigation(self) -> QTreeWidget:
        nav = SideList(self.tabs.currentWidget, self)
        nav.setHeaderHidden(True)
        nav.setRootIsDecorated(False)
        nav.setIndentation(14)
        nav.setAccessibleName(self.tr("Onderdelen van de casus"))
        nav.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        nav.setFixedWidth(230)
        placed: set[int] = set()
        for group, pages in NAVIGATION:
            shown = [(k, label, w) for k, label in pages if (w := self.page_of(k)) is not None]
            if not shown:
                continue
            if len(shown) == 1 and shown[0][1] == group:
                parent = None
            else:
                parent = QTreeWidgetItem(nav, [self.tr(group)])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not a page
            for _key, label, widget in shown:
                item = QTreeWidgetItem([self.tr(label)])
                index = self.tabs.indexOf(widget)
                item.setData(0, PAGE_ROLE, index)
                item.setToolTip(0, self.tabs.tabToolTip(index))
                placed.add(index)
                if parent is None:
                    nav.addTopLevelItem(item)
                    font = item.font(0)
                    font.setBold(True)
                    item.setFont(0, font)
                else:
                    parent.addChild(item)
        rest = [i for i in range(self.tabs.count()) if i not in placed]
        if rest:  # a template not (yet) placed by the method: under "Overig"
            parent = QTreeWidgetItem(nav, [self.tr("Overig")])
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for index in rest:
                item = QTreeWidgetItem(parent, [self.tabs.tabText(index)])
                item.setData(0, PAGE_ROLE, index)
                item.setToolTip(0, self.tabs.tabToolTip(index))
        nav.expandAll()
        return nav

    def _nav_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        for top in range(self.nav.topLevelItemCount()):
            item = self.nav.topLevelItem(top)
            if item is None:
                continue
            out.append(item)
            out += [c for i in range(item.childCount()) if (c := item.child(i)) is not None]
        return out

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _nav_chosen(self, item: QTreeWidgetItem | None, _old: QTreeWidgetItem | None) -> None:
        index = item.data(0, PAGE_ROLE) if item is not None else None
        if isinstance(index, int) and index != self.tabs.currentIndex():
            self.tabs.setCurrentIndex(index)

    @Slot(int)
    def _sync_nav(self, index: int) -> None:
        """The page changed (by the list, a finding or a test): mark it in the list.
        Only the page on screen counts for the window's minimum size (a wide meeting
        page must not make every page wider than the screen)."""
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if i == index else QSizePolicy.Policy.Ignored
            page.setSizePolicy(policy, policy)
            page.updateGeometry()
        item = next((i for i in self._nav_items() if i.data(0, PAGE_ROLE) == index), None)
        if item is not None and item is not self.nav.currentItem():
            self.nav.blockSignals(True)
            self.nav.setCurrentItem(item)
            self.nav.blockSignals(False)
        if self._case_id is not None:
            self._last_page[self._case_id] = index

    # -- showing a case ----------------------------------------------------------

    @property
    def case_id(self) -> str | None:
        return self._case_id

    def location(self) -> tuple[str, int] | None:
        return None if self._case_id is None else (self._case_id, self.tabs.currentIndex())

    def open_case(self, case_id: str, tab: int | None = None) -> None:
        if case_id != self._case_id:
            self.editing.autosaver.flush()
            self.clear()
            if tab is None:  # another family: where you were in it, else the overview
                tab = self._last_page.get(case_id, 0)
        self._case_id = case_id
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        self._reads += 1
        read = self._reads
        self._session.query(
            self,
            lambda store: (load_case(store, case_id), store.fields_with_history(case_id)),
            lambda got: self._show(got[0], read, got[1]),
        )

    def _show(
        self,
        cf: CaseFile,
        read: int | None = None,
        history: Set[tuple[str, str, str]] = frozenset(),
    ) -> None:
        if cf.case.id != self._case_id or (read is not None and read != self._reads):
            return  # another case was opened, or the case was read again, meanwhile
        again = self._values is not None
        self._values = CaseValues(cf, history)
        self.title.setText(cf.case.family_name or self.tr("(gezin zonder naam)"))
        self.subtitle.setText(self._subtitle(cf))
        if again:  # after a change: show it in place
            self.editing.refresh(self._values)
            for view in self.views:
                view.refresh(self._values)
        else:
            for view in self.views:
                view.clear()
            self.editing.values = self._values
        self._render_current()
        self.dashboard.show_case(cf)
        self.meeting.show_case(self._values)
        self._pictures_case = cf
        self._draw_pictures()
        self.consent.show_case(cf)
        self.child_talks.show_case(cf)
        self.edit_actions.update()
        self.loaded.emit(cf.case.id)

    def _subtitle(self, cf: CaseFile) -> str:
        parts = [self.tr("Fase: {phase}").format(phase=Phase.label_of(cf.case.phase))]
        if cf.case.regisseur:
            parts.append(self.tr("Regisseur: {name}").format(name=cf.case.regisseur))
        return "   ·   ".join(parts)

    def _beeld_kind(self) -> str | None:
        view = self.tabs.currentWidget()
        return PICTURE_OF.get(view.template.id) if isinstance(view, TemplateView) else None

    def _draw_pictures(self) -> None:
        kind = self._beeld_kind() if self._case_id is not None else None
        self.pictures.setVisible(kind is not None)
        if kind is None:
            return
        other_kind = kind != self.pictures.current_kind() and not (
            kind == "genogram" and self.pictures.current_kind() == "netwerk"
        )
        if other_kind:
            self.pictures.kind.blockSignals(True)  # drawn below, on a worker
            self.pictures.kind.setCurrentIndex(self.pictures.kind.findData(kind))
            self.pictures.kind.blockSignals(False)
        cf = self._pictures_case
        fresh = False
        if cf is not None:
            fresh = self.pictures.case_id != cf.case.id
            if fresh:
                self.pictures.show_case(cf, draw=False)
            else:
                self.pictures.refresh(cf, draw=False)
            self._pictures_case = None
        elif not other_kind:
            return
        # laid out on a worker (2,000 events take a while): the form is there at once
        picture_kind, make = self.pictures.picture_request()
        self._session.query(
            self,
            lambda _store: make(),
            lambda picture: self.pictures.show_made(picture_kind, picture, fit=fresh or other_kind),
        )

    @Slot(str, float)
    def _store_position(self, person_id: str, x: float) -> None:
        """A person dragged in the genogram: kept on the person, so the PDF agrees."""
        self._set_positions({person_id: x})

    @Slot(list)
    def _reset_positions(self, person_ids: list[str]) -> None:
        self._set_positions(dict.fromkeys(person_ids))

    def _set_positions(self, positions: dict[str, float | None]) -> None:
        self._session.change(self, lambda store: set_genogram_positions(store, positions))

    @Slot()
    def _render_current(self) -> None:
        self.editing.autosaver.flush()  # another tab: what was typed is saved now
        view = self.tabs.currentWidget()
        if isinstance(view, TemplateView) and self._values is not None and not view.is_shown:
            view.show_case(self._values, self._context)
        self._draw_pictures()  # laid out on a worker, started once the form is there

    @Slot(object)
    def _on_changed(self, changes: Sequence[Change]) -> None:
        if self._case_id is not None and any(c.case_id == self._case_id for c in changes):
            self.open_case(self._case_id)

    @Slot(object)
    def focus_target(self, target: Target) -> None:
        """Show where ``target`` is resolved: its template's tab, scrolled to it."""
        view = next((v for v in self.views if v.template.id == target.template), None)
        if view is None:  # the case itself (phase, GI product): shown on the dashboard
            self.tabs.setCurrentWidget(self.dashboard)
            self.dashboard.ensureWidgetVisible(self.dashboard.phase_box)
            self.dashboard.phase_box.setFocus()
            return
        self.tabs.setCurrentWidget(view)
        self._render_current()
        view.build_all()  # the field may sit further down than the first screen
        if view.is_rendered and target.instance and view.template.multiple:
            view.select_occasion(target.instance)  # the occasion the finding is about
        if view.is_rendered:
            focus_in_view(view, view.template, target)
        else:
            view.setFocus()

    @Slot()
    def start_meeting(self) -> None:
        """Casusbespreking starten: today's meeting, on its own tab."""
        self.tabs.setCurrentWidget(self.meeting)
        self.meeting.start_today()

    def models(self) -> list[EntityTableModel]:
        return [m for view in self.views for m in view.models()]

    def clear(self) -> None:
        """Forget the case: no name, no values, no widgets built from it."""
        self._values = None
        self._case_id = None
        self.title.setText("")
        self.subtitle.setText("")
        self.dashboard.clear()
        self.meeting.clear()
        self.pictures.clear()
        self._pictures_case = None
        self.consent.clear()
        self.child_talks.clear()
        for view in self.views:
            view.clear()
        self.editing.values = None
        self.edit_actions.update()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.edit_actions.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A narrow page (200% scaling on a laptop screen) puts the picture under its
        form instead of beside it, so neither is cut off."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        want = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != want:
            self.splitter.setOrientation(want)

    def hideEvent(self, event: QHideEvent) -> None:
        self.editing.autosaver.flush()
        super().hideEvent(event)
        self.edit_actions.update()
