"""The dashboard: every finding of the demo family, each leading to where it is
resolved; the score chart's data; netwerkberaad, vergewisplicht, handover, agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from casusregie.domain.overview import summarize
from casusregie.domain.rules import RuleSettings, check_case
from casusregie.domain.rules.safety import bottom_line_score, score_history
from casusregie.store.caseio import validate_document
from casusregie.store.demo import demo_document
from casusregie.store.profile import Profile
from casusregie.ui.models.dashboard import GROUP_ROLE, TARGET_ROLE, ChildrenModel, FindingsModel
from casusregie.ui.models.entity import ENTITY_ID_ROLE
from casusregie.ui.pages.dashboard import OVERDUE_STYLE
from casusregie.ui.pages.focus import section_box

Make = Callable[..., Any]
#: the demo family's "now" (its tijdlijn is brought up to date until 18 December 2025)
DAY = dt.date(2025, 12, 18)


@pytest.fixture(scope="module")
def demo_cf() -> Any:
    return validate_document(demo_document())


@pytest.fixture
def dashboard_window(qtbot: Any, make_window: Make, demo_profile: Profile, unlock: Any) -> Any:
    window = make_window(demo_profile)
    window.case_page.dashboard.today = lambda: DAY
    unlock(window)
    qtbot.keyClick(window.case_list.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.case_page.dashboard.is_ready, timeout=10_000)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _rows(model: Any) -> list[str]:
    return [str(model.index(r, 0).data()) for r in range(model.rowCount())]


def test_every_finding_of_the_case_is_listed(dashboard_window: Any, demo_cf: Any) -> None:
    page = dashboard_window.case_page
    assert page.tabs.currentWidget() is page.dashboard
    expected = check_case(demo_cf, DAY)
    model = page.dashboard.findings_model
    collapsed = _rows(model)
    assert len(collapsed) <= len(expected)
    # the most urgent first, and the severity is said in words
    order = ["Acuut", "Aandacht", "Administratief", "Ter info"]
    levels = [text.split(":", 1)[0].split(" (")[0] for text in collapsed]
    assert levels == sorted(levels, key=order.index)
    assert {"Acuut", "Ter info"} <= set(levels)
    model.expand_all()
    shown = _rows(model)
    for finding in expected:
        assert any(text.endswith(finding.message) for text in shown), finding.message


def test_repeated_findings_are_one_line_that_opens(
    qtbot: Any, dashboard_window: Any, demo_cf: Any
) -> None:
    dash = dashboard_window.case_page.dashboard
    model, view = dash.findings_model, dash.findings_view
    # five weeks on, the standing agreements are due for review: one line, with a count
    model.set_findings(check_case(demo_cf, DAY + dt.timedelta(weeks=5)))
    groups = [r for r in range(model.rowCount()) if model.index(r, 0).data(GROUP_ROLE) is not None]
    assert groups, _rows(model)
    row = groups[0]
    header = model.index(row, 0)
    assert header.data(TARGET_ROLE) is None
    assert "van deze soort" in header.data()
    before = model.rowCount()
    view.setFocus()
    view.setCurrentIndex(header)
    qtbot.keyClick(view, Qt.Key.Key_Return)  # opens
    opened = model.rowCount()
    assert opened > before
    member = model.index(row + 1, 0)
    assert member.data(TARGET_ROLE) is not None  # each one still leads somewhere
    with qtbot.waitSignal(dash.target_requested):
        view.setCurrentIndex(member)
        qtbot.keyClick(view, Qt.Key.Key_Return)
    page = dashboard_window.case_page
    page.tabs.setCurrentWidget(page.dashboard)
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # closes
    assert model.rowCount() == before


def _focus_path(widget: QWidget | None) -> list[QWidget]:
    out = []
    while widget is not None:
        out.append(widget)
        widget = widget.parentWidget()
    return out


def test_every_finding_leads_to_where_it_is_resolved(
    qtbot: Any, dashboard_window: Any, demo_cf: Any
) -> None:
    page = dashboard_window.case_page
    view = page.dashboard.findings_view
    model = page.dashboard.findings_model
    model.expand_all()
    templates = {v.template.id: v for v in page.views}
    checked = rows_checked = 0
    for row in range(model.rowCount()):
        target = model.index(row, 0).data(TARGET_ROLE)
        if target is None:
            continue
        page.tabs.setCurrentWidget(page.dashboard)
        view.setFocus()
        view.setCurrentIndex(model.index(row, 0))
        qtbot.keyClick(view, Qt.Key.Key_Return)  # Enter, without the mouse
        if not target.template:  # the case itself: its phase, on the dashboard
            assert page.tabs.currentWidget() is page.dashboard
            assert page.dashboard.phase_box.hasFocus()
            continue
        tab = templates[target.template]
        assert page.tabs.currentWidget() is tab, target
        qtbot.waitUntil(lambda t=tab: t.is_rendered, timeout=10_000)
        if not target.section:
            continue
        box = section_box(tab, tab.template, target.section)
        assert box is not None, target
        qtbot.waitUntil(lambda b=box: b.isAncestorOf(QApplication.focusWidget()), timeout=3_000)
        qtbot.waitUntil(lambda b=box: not b.visibleRegion().isEmpty())
        focused = QApplication.focusWidget()
        if target.entity_id and target.instance in (None, getattr(tab, "instance", None)):
            table = next(w for w in _focus_path(focused) if isinstance(w, QAbstractItemView))
            assert table.currentIndex().data(ENTITY_ID_ROLE) == target.entity_id, target
            rows_checked += 1
        elif target.field and not target.entity_id:
            keys = [w.property("field_key") for w in _focus_path(focused)]
            assert target.field in keys, target
        checked += 1
    with_section = [f for f in check_case(demo_cf, DAY) if f.target and f.target.section]
    assert checked == len(with_section) >= 8  # on five templates
    assert rows_checked >= 3  # a life event, and agreements of an earlier netwerkberaad


def test_a_click_leads_there_too(qtbot: Any, dashboard_window: Any) -> None:
    page = dashboard_window.case_page
    view = page.dashboard.findings_view
    model = page.dashboard.findings_model
    row = next(
        r
        for r in range(model.rowCount())
        if getattr(model.index(r, 0).data(TARGET_ROLE), "template", "") == "netwerkberaad"
    )
    view.scrollTo(model.index(row, 0))
    rect = view.visualRect(model.index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    tab = next(v for v in page.views if v.template.id == "netwerkberaad")
    assert page.tabs.currentWidget() is tab


def test_missing_handover_parts_and_children_lead_there(qtbot: Any, dashboard_window: Any) -> None:
    dash = dashboard_window.case_page.dashboard
    assert dash.handover_text.text() == "10 van 11 onderdelen compleet"
    assert dash.handover_bar.value() == 10 and dash.handover_bar.maximum() == 11
    button = dash._gap_buttons[0]
    assert button.text() == "Ontbreekt: Hulpverlening met de resultaten van afgesloten hulp"
    with qtbot.waitSignal(dash.target_requested) as sent:
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
    assert sent.args[0].section == "eerdere_hulpverlening"
    dashboard_window.case_page.tabs.setCurrentWidget(dash)
    children = dash.children_view
    children.setFocus()
    children.setCurrentIndex(dash.children_model.index(0, 0))
    with qtbot.waitSignal(dash.target_requested) as sent:
        qtbot.keyClick(children, Qt.Key.Key_Return)
    assert sent.args[0].template == "gesprekken_kinderen"


def test_score_chart_follows_the_score_history(dashboard_window: Any, demo_cf: Any) -> None:
    chart = dashboard_window.case_page.dashboard.chart
    history = [s for s in score_history(demo_cf) if s.phase == "directe_veiligheid"]
    assert chart.points() == [(s.day, s.score) for s in history]
    assert chart.points() == [
        (dt.date(2025, 3, 27), 4),
        (dt.date(2025, 6, 12), 7),
        (dt.date(2025, 11, 27), 5),
    ]
    assert chart.bottom == bottom_line_score(demo_cf, RuleSettings()) == 6
    assert "27 nov 2025: 5" in chart.accessibleDescription()
    assert "ondergrens: 6" in chart.accessibleDescription()
    chart.grab()  # draws without error


def test_netwerkberaad_children_and_agreements(dashboard_window: Any, demo_cf: Any) -> None:
    dash = dashboard_window.case_page.dashboard
    status = dash.meeting_status
    assert status.text().startswith("Te laat:")  # said in words, not only in colour
    assert "10 december 2025" in status.text() and "(8 dagen geleden)" in status.text()
    assert status.styleSheet() == OVERDUE_STYLE
    assert dash.meeting_last.text() == "Het laatste netwerkberaad was op 24 september 2025."
    names = _rows(dash.children_model)
    assert names == ["Jayden Kok", "Lotte de Vries", "Daan de Vries"]
    summary = summarize(demo_cf, DAY)
    counts = summary.agreements
    assert dash.agreements_text.text() == (
        f"{counts.open} open · {counts.overdue} over tijd · {counts.without_owner} zonder "
        f"eigenaar · {counts.without_rationale} zonder onderbouwing"
    )
    assert dash.phase_value.text() == "Lokaal team"
    assert dash.stage_value.text() == "Directe veiligheid"


def test_on_time_netwerkberaad_reads_calmly(dashboard_window: Any, demo_cf: Any) -> None:
    dash = dashboard_window.case_page.dashboard
    dash._show(summarize(demo_cf, dt.date(2025, 12, 1)), dash._generation)
    assert dash.meeting_status.text() == (
        "Volgend netwerkberaad uiterlijk 10 december 2025 (nog 9 dagen)."
    )
    assert dash.meeting_status.styleSheet() != OVERDUE_STYLE


def test_locking_clears_the_dashboard(qtbot: Any, dashboard_window: Any) -> None:
    dash = dashboard_window.case_page.dashboard
    dashboard_window.lock()
    assert dash.findings_model.rowCount() == 0 and dash.children_model.rowCount() == 0
    assert dash.chart.points() == [] and dash.regie_value.text() == ""
    assert not dash.is_ready


def test_models_pass_the_model_tester(qtmodeltester: Any, demo_cf: Any) -> None:
    summary = summarize(demo_cf, DAY)
    findings = FindingsModel()
    findings.set_findings(summary.findings)
    qtmodeltester.check(findings)
    children = ChildrenModel()
    children.set_children(summary.children)
    qtmodeltester.check(children)
    assert [children.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Kind",
        "Leeftijd",
        "Gesproken",
        "Stand",
    ]
    tip = Qt.ItemDataRole.ToolTipRole
    assert "Vergewisplicht" in children.headerData(3, Qt.Orientation.Horizontal, tip)
    jayden = children.index(0, 1)
    assert jayden.data() == "15 jaar"  # the age group in the tooltip, not the narrow cell
    assert jayden.data(tip) == "15 jaar (12 tot 16 jaar)"
    assert children.index(2, 2).data() == "nog nooit"
    assert children.index(2, 3).data() == "Let op: nog nooit gesproken"
    findings.clear()
    children.clear()
    qtmodeltester.check(findings)
    qtmodeltester.check(children)


def test_next_three_deadlines(demo_cf: Any) -> None:
    day = dt.date(2025, 1, 1)  # before every agreement's deadline in the demo
    summary = summarize(demo_cf, day)
    assert 1 <= len(summary.deadlines) <= 3
    days = [d.day for d in summary.deadlines]
    assert days == sorted(days) and all(d >= day for d in days)
    later = summarize(demo_cf, dt.date(2100, 1, 1))
    assert later.deadlines == ()  # all past: they are findings, not deadlines


def test_roles_only_where_they_say_something(dashboard_window: Any, demo_cf: Any) -> None:
    dash = dashboard_window.case_page.dashboard
    summary = summarize(demo_cf, DAY)
    dash._show(summary, dash._generation)
    form = dash.phase_form
    same = summary.roles.regie == summary.phase_label
    assert form.isRowVisible(dash.regie_value) is not same
    if same:
        assert summary.phase_label in dash.roles_note.text()
    assert form.isRowVisible(dash.phase_value)


@pytest.mark.parametrize("size", [(1280, 800), None])  # None: the window's minimum
def test_nothing_is_cut_off_at_the_right(qtbot: Any, dashboard_window: Any, size: Any) -> None:
    window = dashboard_window
    width, height = size or (window.minimumSizeHint().width(), 600)
    window.resize(width, height)
    dash = window.case_page.dashboard
    view = dash.children_view

    def settled() -> bool:
        QApplication.processEvents()
        return dash.viewport().width() > 0 and not dash._children_fit_pending

    qtbot.waitUntil(settled)
    # the overview never needs a horizontal scroll bar: it fits the window
    assert dash.horizontalScrollBar().maximum() == 0
    assert dash.widget().width() <= dash.viewport().width()
    # the vergewisplicht table: every column inside it, every row as tall as it needs
    header = view.horizontalHeader()
    assert header.length() <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    for row in range(dash.children_model.rowCount()):
        assert view.rowHeight(row) >= view.sizeHintForRow(row)
    fits = view.height() >= header.height() + sum(
        view.rowHeight(r) for r in range(dash.children_model.rowCount())
    )
    assert fits
    # every finding as tall as its wrapped text (Qt's own guess was a line short)
    findings = dash.findings_view
    for row in range(dash.findings_model.rowCount()):
        index = dash.findings_model.index(row, 0)
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else findings.font())
        rect = findings.visualRect(index)
        wrapped = metrics.boundingRect(
            QRect(0, 0, rect.width() - 8, 100_000),
            int(Qt.TextFlag.TextWordWrap),
            str(index.data()),
        )
        assert rect.height() >= wrapped.height(), index.data()
    # a long deadline is cut with "…" in its box, whole in its name and tooltip
    for button in dash._deadline_buttons:
        assert button.width() <= button.parentWidget().width()
        assert button.accessibleName() == button.full_text
        assert button.full_text in button.toolTip()
        shown = button.text()
        assert shown == button.full_text or (shown.endswith("…") and len(shown) > 8)
