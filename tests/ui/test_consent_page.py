"""The 'Toestemming' tab: record consent through the dialog, see it in the table and
in the store, withdraw it; Dutch only; the table model passes the model tester."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from test_texts import _english
from ui_casedata import CHILD1, MOTHER
from ui_walk import all_texts

from casusregie.store.consents import consentable_categories, list_consents
from casusregie.store.profile import Profile
from casusregie.ui.pages.consent import ConsentDialog, ConsentPage

Make = Callable[..., Any]


def _consent_tab(qtbot: Any, window: Any) -> ConsentPage:
    page = window.case_page
    page.tabs.setCurrentWidget(page.consent)
    qtbot.waitUntil(lambda: page.consent.is_ready, timeout=10_000)
    return page.consent


def _fill(dialog: ConsentDialog) -> None:
    """What the regisseur ticks during the visit."""
    keys = list(dialog.category_boxes)
    dialog.category_boxes[keys[0]].setChecked(True)
    dialog.category_boxes[keys[1]].setChecked(True)
    dialog.person_boxes[MOTHER].setChecked(True)
    dialog.person_boxes[CHILD1].setChecked(True)
    dialog.purpose.setText("overdracht aan het kantoor")


def test_record_and_withdraw(
    qtbot: Any,
    make_window: Make,
    profile: Profile,
    unlock: Any,
    open_case: Any,
    monkeypatch: Any,
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = _consent_tab(qtbot, window)
    assert page.model.rowCount() == 0
    assert page.empty.isVisible()
    assert not page.withdraw_button.isEnabled()

    def fake_exec(dialog: ConsentDialog) -> int:
        assert not dialog.ok_button.isEnabled()  # nothing ticked yet
        assert not dialog.afweging_box.isVisibleTo(dialog)
        _fill(dialog)
        assert dialog.ok_button.isEnabled()
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(ConsentDialog, "exec", fake_exec)
    page.record_button.click()  # ask() opens the dialog; the write runs on a worker
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)

    case_id = window.case_page.case_id
    stored = list_consents(window.session.store, case_id)
    assert [line.status for line in stored] == ["actief", "actief"]
    assert set(stored[0].consent.given_by) == {MOTHER, CHILD1}
    labels = dict(consentable_categories())
    ticked = list(labels)[:2]
    assert {line.consent.category for line in stored} == set(ticked)
    row = [page.model.index(0, c).data() for c in range(page.model.columnCount())]
    assert row[0] in {labels[k] for k in ticked}
    assert row[1] == "Kantoor"
    assert row[2] == "Toestemming"
    assert "Sanne Verbeek" in row[3] and "Noor Verbeek" in row[3]
    assert row[4] == "Mondeling"
    assert row[7] == "actief"

    page.table.selectRow(0)
    assert page.withdraw_button.isEnabled()
    asked: list[Any] = []
    monkeypatch.setattr(page, "confirm_withdraw", lambda line: asked.append(line) or True)
    page.withdraw_button.click()
    qtbot.waitUntil(
        lambda: (
            page.model.rowCount() == 2
            and str(page.model.index(0, 7).data()).startswith("ingetrokken")
        ),
        timeout=10_000,
    )
    assert len(asked) == 1
    after = {line.consent.id: line.status for line in list_consents(window.session.store, case_id)}
    assert after[asked[0].consent.id] == "ingetrokken"

    window.lock()
    assert page.model.rowCount() == 0
    assert not page.record_button.isEnabled()


def test_incomplete_consent_shows_what_is_missing(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any, monkeypatch: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = _consent_tab(qtbot, window)

    def ask(cls: Any, cf: Any, categories: Any, parent: Any) -> dict[str, Any]:
        dialog = ConsentDialog(cf, categories, parent)
        dialog.basis.setCurrentIndex(1)  # wettelijke verplichting: the afweging instead
        assert dialog.afweging_box.isVisibleTo(dialog)
        assert not dialog.consent_box.isVisibleTo(dialog)
        next(iter(dialog.category_boxes.values())).setChecked(True)
        dialog.purpose.setText("melding")
        dialog.afweging["why_no_consent"].setText("acute zorg")
        values = dialog.values()
        dialog.deleteLater()
        return values

    monkeypatch.setattr(ConsentDialog, "ask", classmethod(ask))
    page.record_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    status = page.model.index(0, 7)
    assert status.data() == "onvolledig"
    assert "afweging onvolledig" in status.data(Qt.ItemDataRole.ToolTipRole)
    assert page.model.index(0, 2).data() == "Wettelijke verplichting"


def test_dialog_and_tab_speak_dutch(
    qtbot: Any,
    make_window: Make,
    profile: Profile,
    unlock: Any,
    open_case: Any,
    secrets: set[str],
    qtmodeltester: Any,
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = _consent_tab(qtbot, window)
    qtmodeltester.check(page.model)
    assert _english(window, secrets) == []
    cf = page._cf
    assert cf is not None
    dialog = ConsentDialog(cf, consentable_categories(), window)
    qtbot.addWidget(dialog)
    texts = all_texts(dialog)
    assert "Toestemming vastleggen" in texts
    assert any("ouders en jeugdige samen" in t for t in texts)  # advice by age
    assert _english(dialog, secrets) == []
    dialog.basis.setCurrentIndex(2)
    assert _english(dialog, secrets) == []


def test_model_with_lines_passes_the_model_tester(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any, qtmodeltester: Any
) -> None:
    from casusregie.store.consents import record_consent

    window = make_window(profile)
    unlock(window)
    open_case(window)
    store = window.session.store
    case_id = window.case_page.case_id
    keys = [k for k, _ in consentable_categories()]
    record_consent(store, case_id, keys[:3], given_by=[MOTHER], purpose="overleg")
    page = _consent_tab(qtbot, window)
    page.show_case(page._cf)
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)
    qtmodeltester.check(page.model)
    # a child of 12 to 16 must consent too: the problem is the tooltip
    tip = page.model.index(0, 7).data(Qt.ItemDataRole.ToolTipRole)
    assert page.model.index(0, 7).data() == "onvolledig"
    assert "12 tot 16" in tip
    page.clear()
    qtmodeltester.check(page.model)


def test_dialog_opens_on_29_february(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any
) -> None:
    """'Geldig tot' starts a year on; from 29 February that is 28 February, not an error."""
    import datetime as dt

    window = make_window(profile)
    unlock(window)
    open_case(window)
    cf = _consent_tab(qtbot, window)._cf
    assert cf is not None
    dialog = ConsentDialog(cf, consentable_categories(), window, today=dt.date(2028, 2, 29))
    qtbot.addWidget(dialog)
    assert dialog.given_on.date().toPython() == dt.date(2028, 2, 29)
    assert dialog.valid_until.date().toPython() == dt.date(2029, 2, 28)
