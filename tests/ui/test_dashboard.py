"""The dashboard: every finding of the demo family, each leading to where it is
resolved; the score chart's data; netwerkberaad, vergewisplicht, handover, agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from casusregie.domain.rules import RuleSettings, check_case
from casusregie.domain.rules.safety import bottom_line_score, score_history
from casusregie.store.caseio import validate_document
from casusregie.store.demo import demo_document
from casusregie.store.profile import Profile
from casusregie.ui.dashboard import OVERDUE_STYLE
from casusregie.ui.dashboard_data import summarize
from casusregie.ui.dashboard_models import COUNT_ROLE, TARGET_ROLE, ChildrenModel, FindingsModel
from casusregie.ui.entity_model import ENTITY_ID_ROLE
from casusregie.ui.focus import section_box

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
    shown = _rows(model)
    assert sorted(map(repr, model.findings())) == sorted(map(repr, expected))  # none lost
    kinds = {(f.level, f.rule, f.code) for f in expected}
    assert len(shown) == len(kinds) <= len(expected)  # repeated ones are one row
    for row, text in enumerate(shown):
        group = model.group(row)
        assert model.index(row, 0).data(COUNT_ROLE) == len(group)
        if len(group) == 1:
            assert text.endswith(group[0].message)
        else:
            assert f"({len(group)}×)" in text or f"(en nog {len(group) - 1} vergelijkbare)" in text
            tip = str(model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole))
            assert group[0].message in tip


def test_repeated_findings_are_one_row_with_a_count(demo_cf: Any) -> None:
    expected = check_case(demo_cf, dt.date(2026, 12, 7))  # a year on: much is overdue
    model = FindingsModel()
    model.set_findings(expected)
    shown = _rows(model)
    overdue = [f for f in expected if f.code == "over_tijd"]
    assert len(overdue) > 1
    assert f"Let op: Afspraak over tijd ({len(overdue)}×)" in shown
    assert len(shown) < len(expected)
    assert sorted(map(repr, model.findings())) == sorted(map(repr, expected))
    # the ones to act on first, and the level is said in words
    levels = [text.split(":", 1)[0] for text in shown]
    assert levels == sorted(levels, key=lambda level: level != "Let op")
    assert set(levels) == {"Let op", "Ter info"}


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
    with_section = [
        row
        for row in range(model.rowCount())
        if getattr(model.index(row, 0).data(TARGET_ROLE), "section", "")
    ]
    assert checked == len(with_section) >= 5  # on five templates
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
    assert dash.handover_text.text() == "8 van 9 onderdelen compleet"
    assert dash.handover_bar.value() == 8 and dash.handover_bar.maximum() == 9
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
        "Laatst gesproken",
        "Vergewisplicht",
    ]
    assert children.index(2, 2).data() == "nog nooit"
    assert children.index(2, 3).data() == "Let op: nog nooit gesproken"
    findings.clear()
    children.clear()
    qtmodeltester.check(findings)
    qtmodeltester.check(children)


def test_findings_rank_acute_first_by_severity_or_fallback() -> None:
    from dataclasses import dataclass

    from casusregie.domain.rules import agreements, children, facts, safety
    from casusregie.domain.rules.base import Finding

    plain = [
        Finding(facts.RULE, "aanname", "Een aanname."),
        Finding(agreements.RULE, "over_tijd", "Afspraak over tijd: 'a'."),
        Finding(children.RULE, "nooit", "Daan is nooit gesproken."),
        Finding(safety.RULE, "onder", "Veiligheid onder de ondergrens."),
        Finding(agreements.RULE, "over_tijd", "Afspraak over tijd: 'b'."),
        Finding(facts.RULE, "info", "Ter informatie.", level="info"),
    ]
    model = FindingsModel()
    model.set_findings(plain)  # no severity: the fallback ranks safety, then children
    assert _rows(model) == [
        "Let op: Veiligheid onder de ondergrens.",
        "Let op: Daan is nooit gesproken.",
        "Let op: Afspraak over tijd (2×)",
        "Let op: Een aanname.",
        "Ter info: Ter informatie.",
    ]

    @dataclass(frozen=True)
    class Rated(Finding):  # as the rules may give it: a severity on the finding
        severity: str = "laag"

    rated = [
        Rated(safety.RULE, "onder", "Veiligheid onder de ondergrens.", severity="midden"),
        Rated(facts.RULE, "aanname", "Een aanname.", severity="acuut"),
    ]
    model.set_findings(rated)
    assert _rows(model) == ["Let op: Een aanname.", "Let op: Veiligheid onder de ondergrens."]


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
