"""The dashboard: the first page of a case, saying what to do next.

Left: the directe-veiligheid score against the agreed bottom line (the 6) first, the
next three deadlines (each leads there), the phase (who holds regie, does the
veiligheidstaxatie and takes the kernbesluiten only where that says something: when it
is not simply the phase's team), the next netwerkberaad and the handover set ("7 van
9"). Right: the findings of the rules, ranked (acute first, repeated ones collapsed
with a count), then the vergewisplicht per child and the open agreements.

Every finding, every missing handover part and every child leads to where it is
resolved: click it, or select it and press Enter. The page then emits
``target_requested(Target)``; the case page switches tab and scrolls there.
The figures are computed on a worker (``domain.overview.summarize``); ``clear()``
drops them (locking).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from casusregie.domain.model import CaseFile
from casusregie.domain.overview import CaseSummary, dutch_date, role_lines, summarize
from casusregie.domain.rules.base import Target
from casusregie.ui.models.dashboard import GROUP_ROLE, TARGET_ROLE, ChildrenModel, FindingsModel
from casusregie.ui.pages.score_chart import ScoreChart
from casusregie.ui.session import Session
from casusregie.ui.widgets import hint_label

__all__ = ["OVERDUE_STYLE", "DashboardPage"]

#: overdue: calm amber, and always said in words too
OVERDUE_STYLE = (
    "QLabel { background: #fff3d6; color: #4d3300; border-left: 4px solid #b7791f; padding: 6px; }"
)
ON_TIME_STYLE = "QLabel { padding: 6px 0px; }"
LINK_STYLE = (
    "QPushButton { text-align: left; padding: 2px 6px; border: none; color: #1a4f8b;"
    " text-decoration: underline; font-weight: normal; }"
    " QPushButton:focus { background: #dce8f5; }"
)


#: narrower than this (device-independent pixels), the overview is one column
TWO_COLUMNS_WIDTH = 640


def _box(title: str, parent: QWidget) -> tuple[QGroupBox, QVBoxLayout]:
    box = QGroupBox(title, parent)
    box.setStyleSheet("QGroupBox { font-weight: bold; }")
    layout = QVBoxLayout(box)
    layout.setSpacing(6)
    return box, layout


class LinkButton(QPushButton):
    """A flat link to where something is (a deadline, a missing part). Narrower than
    its text, it shows the text cut with "…" (whole in its tooltip and accessible name)
    instead of widening the overview past the window."""

    def __init__(self, text: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.full_text = text
        self.setFlat(True)
        self.setStyleSheet(LINK_STYLE)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(text)
        self.setToolTip(f"{text}\n{tooltip}")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _padding(self) -> int:
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self._padding() + self.fontMetrics().horizontalAdvance(self.full_text)
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._padding() + self.fontMetrics().horizontalAdvance("M" * 8), 0).expandedTo(
            QSize(0, super().minimumSizeHint().height())
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        room = max(0, event.size().width() - self._padding())
        metrics = self.fontMetrics()
        self.setText(metrics.elidedText(self.full_text, Qt.TextElideMode.ElideRight, room))
        super().resizeEvent(event)


def _plain(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DashboardPage(QScrollArea):
    target_requested = Signal(object)  # Target
    meeting_requested = Signal()
    #: the figures of a case are on screen (its id); for tests and the benchmark
    ready = Signal(str)

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self._session = session
        self.today = today
        self._generation = 0
        self._children_fit_pending = False
        self._summary: CaseSummary | None = None
        self.findings_model = FindingsModel(self)
        self.children_model = ChildrenModel(self)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._setup_ui()

    # -- building ------------------------------------------------------------------

    def _setup_ui(self) -> None:
        content = QWidget(self)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(12, 10, 12, 12)
        top = QHBoxLayout()
        self.as_of = hint_label("", content)
        top.addWidget(self.as_of, 1)
        self.meeting_button = QPushButton(self.tr("Casusbespreking &starten"), content)
        self.meeting_button.setAccessibleName(self.tr("Casusbespreking starten"))
        self.meeting_button.setToolTip(
            self.tr("Start de gespreksleidraad voor een bespreking van vandaag (Alt+S)")
        )
        self.meeting_button.clicked.connect(self.meeting_requested)
        top.addWidget(self.meeting_button)
        outer.addLayout(top)
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        left = QVBoxLayout()
        left.setSpacing(10)
        right = QVBoxLayout()
        right.setSpacing(10)
        left.addWidget(self._safety_box(content))
        left.addWidget(self._deadlines_box(content))
        left.addWidget(self._phase_box(content))
        left.addWidget(self._meeting_box(content))
        left.addWidget(self._handover_box(content))
        left.addStretch(1)
        right.addWidget(self._findings_box(content), 1)
        right.addWidget(self._children_box(content))
        right.addWidget(self._agreements_box(content))
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        outer.addLayout(grid, 1)
        self._grid, self._left, self._right = grid, left, right
        self.one_column = False
        self.setWidget(content)

    def _phase_box(self, parent: QWidget) -> QGroupBox:
        self.phase_box, layout = _box(self.tr("Fase en regie"), parent)
        self.phase_box.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a finding about the phase
        form = self.phase_form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.phase_value = _plain(self.phase_box)
        self.regie_value = _plain(self.phase_box)
        self.taxatie_value = _plain(self.phase_box)
        self.kernbesluiten_value = _plain(self.phase_box)
        self.stage_value = _plain(self.phase_box)
        for text, value in (
            (self.tr("Fase"), self.phase_value),
            (self.tr("Regie"), self.regie_value),
            (self.tr("Veiligheidstaxatie"), self.taxatie_value),
            (self.tr("Kernbesluiten"), self.kernbesluiten_value),
            (self.tr("Nu aan de orde"), self.stage_value),
        ):
            value.setAccessibleName(text)
            form.addRow(QLabel(text, self.phase_box), value)
        for row in range(form.rowCount()):
            for role, style in (
                (QFormLayout.ItemRole.LabelRole, "font-weight: normal; color: #505050;"),
                (QFormLayout.ItemRole.FieldRole, "font-weight: normal;"),
            ):
                item = form.itemAt(row, role)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    widget.setStyleSheet(style)
        layout.addLayout(form)
        self.roles_note = hint_label("", self.phase_box, smaller=True)
        layout.addWidget(self.roles_note)
        self.roles_value = _plain(self.phase_box)
        self.roles_value.setStyleSheet("font-weight: normal;")
        self.roles_value.setAccessibleName(self.tr("Rollen: regie, doorzettingsmacht, kernteam"))
        layout.addWidget(self.roles_value)
        return self.phase_box

    def _deadlines_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Eerstvolgende termijnen"), parent)
        self.deadlines_empty = hint_label(self.tr("Geen termijnen gepland."), box)
        layout.addWidget(self.deadlines_empty)
        self.deadlines_list = QVBoxLayout()
        self.deadlines_list.setSpacing(2)
        layout.addLayout(self.deadlines_list)
        self._deadline_buttons: list[QPushButton] = []
        return box

    def _safety_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Directe veiligheid: score tegen de ondergrens"), parent)
        self.safety_note = _plain(box)
        self.safety_note.setAccessibleName(self.tr("Veiligheid nu"))
        layout.addWidget(self.safety_note)
        self.chart = ScoreChart(box)
        self.chart.setStyleSheet("font-weight: normal;")
        layout.addWidget(self.chart)
        return box

    def _meeting_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Netwerkberaad"), parent)
        self.meeting_status = _plain(box)
        self.meeting_status.setAccessibleName(self.tr("Volgend netwerkberaad"))
        layout.addWidget(self.meeting_status)
        self.meeting_last = hint_label("", box)
        layout.addWidget(self.meeting_last)
        return box

    def _handover_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Schone overdracht"), parent)
        self.handover_text = _plain(box)
        self.handover_text.setStyleSheet("font-weight: normal;")
        layout.addWidget(self.handover_text)
        self.handover_bar = QProgressBar(box)
        self.handover_bar.setTextVisible(False)
        self.handover_bar.setMaximumHeight(10)
        self.handover_bar.setAccessibleName(self.tr("Overdrachtset compleet"))
        layout.addWidget(self.handover_bar)
        self.handover_missing = QVBoxLayout()
        self.handover_missing.setSpacing(2)
        layout.addLayout(self.handover_missing)
        self._gap_buttons: list[QPushButton] = []
        return box

    def _findings_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Bevindingen"), parent)
        layout.addWidget(
            hint_label(
                self.tr(
                    "Klik op een bevinding, of kies er een en druk op Enter, om er naartoe te gaan."
                ),
                box,
                smaller=True,
            )
        )
        self.findings_view = QListView(box)
        self.findings_view.setModel(self.findings_model)
        self.findings_view.setWordWrap(True)
        self.findings_view.setUniformItemSizes(False)
        self.findings_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.findings_view.setSpacing(2)
        self.findings_view.setAlternatingRowColors(True)
        self.findings_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings_view.setAccessibleName(self.tr("Bevindingen"))
        self.findings_view.setStyleSheet("font-weight: normal;")
        # each finding as tall as its text at the list's width (Qt's own guess can be a
        # line short and cut the end off with "…")
        self.findings_model.measure = self._finding_size
        self.findings_view.setMinimumHeight(self.fontMetrics().height() * 12)
        self.findings_view.clicked.connect(self._clicked)
        self.findings_view.activated.connect(self._go)
        layout.addWidget(self.findings_view, 1)
        return box

    def _children_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Vergewisplicht: elk kind gesproken"), parent)
        self.children_view = QTableView(box)
        self.children_view.setModel(self.children_model)
        self.children_view.verticalHeader().setVisible(False)
        self.children_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.children_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.children_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.children_view.setTabKeyNavigation(False)
        self.children_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.children_view.setAccessibleName(self.tr("Vergewisplicht per kind"))
        self.children_view.setStyleSheet("font-weight: normal;")
        # Fits the column's width whatever it is: the columns share it and long cells
        # wrap (rows as tall as they need), never cut off at the right.
        self.children_view.setWordWrap(True)
        self.children_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.children_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("M" * 5))
        header.sectionResized.connect(lambda *_: self._fit_children_soon())
        self.children_view.activated.connect(self._go)
        self.children_view.doubleClicked.connect(self._go)
        layout.addWidget(self.children_view)
        return box

    def _agreements_box(self, parent: QWidget) -> QGroupBox:
        box, layout = _box(self.tr("Afspraken die nog openstaan"), parent)
        self.agreements_text = _plain(box)
        self.agreements_text.setStyleSheet("font-weight: normal;")
        self.agreements_text.setAccessibleName(self.tr("Afspraken die nog openstaan"))
        layout.addWidget(self.agreements_text)
        return box

    # -- showing a case --------------------------------------------------------------

    @property
    def summary(self) -> CaseSummary | None:
        return self._summary

    @property
    def is_ready(self) -> bool:
        return self._summary is not None

    def show_case(self, cf: CaseFile) -> None:
        """Compute the figures on a worker and show them when they are there."""
        self._generation += 1
        generation, today = self._generation, self.today()
        self._session.query(
            self,
            lambda _store: summarize(cf, today),
            lambda summary: self._show(summary, generation),
        )

    def _show(self, summary: CaseSummary, generation: int) -> None:
        if generation != self._generation:
            return  # another case (or a newer state) is on its way, or the app locked
        self._summary = summary
        self.as_of.setText(
            self.tr("Stand van zaken op {date}.").format(date=dutch_date(summary.today))
        )
        self.phase_value.setText(summary.phase_label)
        self.regie_value.setText(summary.roles.regie)
        self.taxatie_value.setText(summary.roles.veiligheidstaxatie)
        self.kernbesluiten_value.setText(summary.roles.kernbesluiten)
        self.stage_value.setText(summary.stage_label)
        self._show_roles(summary)
        self._show_deadlines(summary)
        self.roles_value.setText(
            "\n".join(
                f"{label}: {text}"
                for label, text in (role_lines(summary.team, summary.today) if summary.team else [])
            )
        )
        self._show_safety(summary)
        self._show_meeting(summary)
        self._show_handover(summary)
        self.findings_model.set_findings(summary.findings)
        self.children_model.set_children(summary.children)
        self._fit_children()
        self._order_tabs()
        counts = summary.agreements
        self.agreements_text.setText(
            self.tr(
                "{open} open · {overdue} over tijd · {owner} zonder eigenaar · "
                "{rationale} zonder onderbouwing"
            ).format(
                open=counts.open,
                overdue=counts.overdue,
                owner=counts.without_owner,
                rationale=counts.without_rationale,
            )
        )
        self.ready.emit(summary.case_id)

    def _show_roles(self, summary: CaseSummary) -> None:
        """Regie, taxatie and kernbesluiten only where they are not just the phase."""
        same = []
        for label, value in (
            (self.tr("regie"), self.regie_value),
            (self.tr("veiligheidstaxatie"), self.taxatie_value),
            (self.tr("kernbesluiten"), self.kernbesluiten_value),
        ):
            plain = value.text() == summary.phase_label
            self.phase_form.setRowVisible(value, not plain)
            if plain:
                same.append(label)
        what = " en ".join([", ".join(same[:-1]), same[-1]] if len(same) > 1 else same)
        self.roles_note.setText(
            (
                self.tr("{what} liggen ook bij: {phase}.")
                if len(same) > 1
                else self.tr("{what} ligt ook bij: {phase}.")
            ).format(what=what[:1].upper() + what[1:], phase=summary.phase_label)
            if same
            else ""
        )
        self.roles_note.setVisible(bool(same))

    def _show_deadlines(self, summary: CaseSummary) -> None:
        for button in self._deadline_buttons:
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self._deadline_buttons = []
        for deadline in summary.deadlines:
            days = (deadline.day - summary.today).days
            when = (
                self.tr("vandaag")
                if days == 0
                else self.tr("morgen")
                if days == 1
                else self.tr("over {n} dagen").format(n=days)
            )
            text = self.tr("{date} ({when}): {what}").format(
                date=dutch_date(deadline.day), when=when, what=deadline.what
            )
            button = LinkButton(text, self.tr("Naar het onderdeel waar dit staat"))
            if deadline.target is not None:
                button.clicked.connect(
                    lambda _=False, t=deadline.target: self.target_requested.emit(t)
                )
            self.deadlines_list.addWidget(button)
            self._deadline_buttons.append(button)
        self.deadlines_empty.setVisible(not summary.deadlines)

    def _show_safety(self, summary: CaseSummary) -> None:
        self.chart.set_scores([(s.day, s.score) for s in summary.scores], summary.bottom_line)
        if not summary.scores:
            self.safety_note.setText(self.tr("Nog geen schaalvraag gesteld."))
            self.safety_note.setStyleSheet("")
            return
        last = summary.scores[-1]
        below = last.score < summary.bottom_line
        note = (
            self.tr("Nu {score} van 10 ({date}): onder de ondergrens {bottom}. Eerst veiligheid.")
            if below
            else self.tr("Nu {score} van 10 ({date}): op of boven de ondergrens {bottom}.")
        )
        self.safety_note.setText(
            note.format(
                score=last.score, date=dutch_date(last.day) or "?", bottom=summary.bottom_line
            )
        )
        self.safety_note.setStyleSheet(OVERDUE_STYLE if below else ON_TIME_STYLE)

    def _show_meeting(self, summary: CaseSummary) -> None:
        due, today = summary.next_netwerkberaad, summary.today
        if due is None:
            self.meeting_status.setText(
                self.tr("Er is nog geen netwerkberaad gepland of gehouden.")
            )
            self.meeting_status.setStyleSheet(OVERDUE_STYLE)
        elif summary.netwerkberaad_overdue:
            days = (today - due).days
            self.meeting_status.setText(
                self.tr(
                    "Te laat: het volgende netwerkberaad moest uiterlijk {date} "
                    "({days} dagen geleden)."
                ).format(date=dutch_date(due), days=days)
                if days != 1
                else self.tr(
                    "Te laat: het volgende netwerkberaad moest uiterlijk {date} (gisteren)."
                ).format(date=dutch_date(due))
            )
            self.meeting_status.setStyleSheet(OVERDUE_STYLE)
        else:
            days = (due - today).days
            self.meeting_status.setText(
                self.tr("Volgend netwerkberaad uiterlijk {date} (nog {days} dagen).").format(
                    date=dutch_date(due), days=days
                )
            )
            self.meeting_status.setStyleSheet(ON_TIME_STYLE)
        last = summary.last_netwerkberaad
        self.meeting_last.setText(
            self.tr("Het laatste netwerkberaad was op {date}.").format(date=dutch_date(last))
            if last
            else self.tr("Er is nog geen netwerkberaad gehouden.")
        )

    def _show_handover(self, summary: CaseSummary) -> None:
        self.handover_text.setText(
            self.tr("{done} van {total} onderdelen compleet").format(
                done=summary.handover_done, total=summary.handover_total
            )
        )
        self.handover_bar.setRange(0, summary.handover_total)
        self.handover_bar.setValue(summary.handover_done)
        self._drop_gap_buttons()
        for gap in summary.handover_missing:
            button = LinkButton(
                self.tr("Ontbreekt: {part}").format(part=gap.label),
                self.tr("Naar het onderdeel waar u dit invult"),
            )
            button.setAccessibleName(
                self.tr("Ontbreekt voor de overdracht: {part}").format(part=gap.label)
            )
            button.clicked.connect(lambda _=False, t=gap.target: self.target_requested.emit(t))
            self.handover_missing.addWidget(button)
            self._gap_buttons.append(button)

    def _drop_gap_buttons(self) -> None:
        for button in self._gap_buttons:
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self._gap_buttons = []

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Narrow (a small window, 200% scaling): the right column goes under the left
        one, so nothing needs a sideways scroll."""
        super().resizeEvent(event)
        left, right = self._left.minimumSize().width(), self._right.minimumSize().width()
        two = max(TWO_COLUMNS_WIDTH, left + right + self._grid.horizontalSpacing() + 24)
        self._set_columns(self.viewport().width() < two)

    def minimumSizeHint(self) -> QSize:
        """As wide as one column needs (no sideways scrolling, however small)."""
        hint = super().minimumSizeHint()
        column = max(self._left.minimumSize().width(), self._right.minimumSize().width())
        need = column + 24 + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), need), hint.height())

    def _set_columns(self, one: bool) -> None:
        if one == self.one_column:
            return
        self.one_column = one
        self._grid.removeItem(self._right)
        if one:
            self._grid.addLayout(self._right, 1, 0)
            self._grid.setColumnStretch(1, 0)
        else:
            self._grid.addLayout(self._right, 0, 1)
            self._grid.setColumnStretch(1, 1)

    def _finding_size(self, text: str, font: Any) -> QSize:
        view = self.findings_view
        metrics = QFontMetrics(font if isinstance(font, QFont) else view.font())
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        width = max(40, view.viewport().width() - 2 * view.spacing() - 2 * margin - 2)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        height = metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height()
        return QSize(width, height + 4)

    def _order_tabs(self) -> None:
        """Tab in reading order: the links are made per case, so they would otherwise
        come last. Left column top to bottom, then the right one."""
        chain = [
            self.meeting_button,
            *self._deadline_buttons,
            self.phase_box,
            *self._gap_buttons,
            self.findings_view,
            self.children_view,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fit_children_soon(self) -> None:
        """Fit the rows once the columns have their final widths (after a resize)."""
        if not self._children_fit_pending:
            self._children_fit_pending = True
            QTimer.singleShot(0, self._fit_children)

    def _fit_children(self) -> None:
        self._children_fit_pending = False
        view = self.children_view
        view.resizeRowsToContents()
        height = view.horizontalHeader().height() + 2 * view.frameWidth()
        height += sum(view.rowHeight(r) for r in range(self.children_model.rowCount()))
        view.setFixedHeight(max(height, view.horizontalHeader().height() * 2))

    @Slot(QModelIndex)
    @Slot(QModelIndex)
    def _clicked(self, index: QModelIndex) -> None:
        view = self.findings_view
        hint = QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick
        if view.style().styleHint(hint, None, view):
            return  # 'activated' comes too: one click opens a group once, not twice
        self._go(index)

    def _go(self, index: QModelIndex) -> None:
        group = index.data(GROUP_ROLE) if index.isValid() else None
        if isinstance(group, int) and index.model() is self.findings_model:
            row = index.row()
            self.findings_model.toggle(group)
            self.findings_view.setCurrentIndex(self.findings_model.index(row, 0))
            return
        target = index.data(TARGET_ROLE) if index.isValid() else None
        if isinstance(target, Target):
            self.target_requested.emit(target)

    def clear(self) -> None:
        """Forget the case: no figures, no names."""
        self._generation += 1
        self._summary = None
        for label in (
            self.as_of,
            self.phase_value,
            self.regie_value,
            self.taxatie_value,
            self.kernbesluiten_value,
            self.stage_value,
            self.roles_value,
            self.safety_note,
            self.meeting_status,
            self.meeting_last,
            self.handover_text,
            self.agreements_text,
        ):
            label.setText("")
        self.meeting_status.setStyleSheet(ON_TIME_STYLE)
        self.chart.clear()
        self.handover_bar.setValue(0)
        self._drop_gap_buttons()
        for button in self._deadline_buttons:
            button.hide()
            button.setParent(None)
            button.deleteLater()
        self._deadline_buttons = []
        self.roles_note.setText("")
        self.findings_model.clear()
        self.children_model.clear()
