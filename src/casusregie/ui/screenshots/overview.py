"""Screenshots of the case list's filters and of the case discussion (part of
``casusregie --demo --screenshots DIR``; the dashboard is taken in ``screenshots``).

The case list filtered on a phase and on "Kind niet gesproken"; the latest meeting of
the demo family in the steps Oordeelsvorming (the scale with its anchors) and
Besluitvorming (the brainstorm apart from the decisions, the actions below); and
"Overleg afsluiten" refused because of an action without an owner. That action is
added for the picture and removed again after it (the change log keeps both); a family
without any meeting gets one, dated today.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from casusregie.ui.main_window import MainWindow
from casusregie.ui.ops.edit import delete_entity

__all__ = ["overview_steps"]

Wait = Callable[[Callable[[], bool], str], None]


def _save(window: MainWindow, directory: Path, name: str, saved: list[Path]) -> None:
    path = directory / name
    if not window.grab().save(str(path)):
        raise OSError(name)
    saved.append(path)


def overview_steps(window: MainWindow, directory: Path, wait: Wait, saved: list[Path]) -> None:
    case_id = window.case_page.case_id
    listing = window.case_list
    window.show_case_list()
    wait(lambda: listing.model.flags_known, "aandachtspunten")
    listing.phase_filter.setCurrentIndex(1)  # the first phase: Lokaal team
    listing.flag_boxes["kind_niet_gesproken"].setChecked(True)
    wait(lambda: True, "filters")
    _save(window, directory, "02-casussen-filters.png", saved)
    listing.flag_boxes["kind_niet_gesproken"].setChecked(False)
    listing.phase_filter.setCurrentIndex(0)
    if case_id is None:
        return

    window.open_case(case_id)
    page = window.case_page
    wait(lambda: page.dashboard.is_ready, "overzicht")
    meeting = page.meeting
    page.tabs.setCurrentWidget(meeting)
    wait(lambda: meeting.is_ready, "casusbespreking")
    if meeting.tabs is None:  # a family without a meeting yet: start one
        meeting.start_new()
        wait(lambda: meeting.is_ready and meeting.tabs is not None, "nieuwe casusbespreking")
    panel = meeting.phases["directe_veiligheid"]
    assert meeting.tabs is not None
    meeting.tabs.setCurrentWidget(panel)
    panel.show_step(1)
    wait(lambda: True, "oordeelsvorming")
    _save(window, directory, "05-bespreking-oordeelsvorming.png", saved)
    panel.show_step(2)
    wait(lambda: True, "besluitvorming")
    _save(window, directory, "05-bespreking-besluitvorming.png", saved)

    before = panel.action_panel().model.rowCount()
    panel.action_panel().add_action()
    wait(lambda: panel.action_panel().model.rowCount() > before, "nieuwe actie")
    added = panel.action_panel().model.items()[-1].id
    meeting.close_meeting()
    wait(lambda: meeting.message.isVisible(), "afsluiten geweigerd")
    _save(window, directory, "05-bespreking-afsluiten-geweigerd.png", saved)
    window.session.change(
        None, lambda store: delete_entity(store, "item", added, "Voorbeeldactie verwijderd")
    )
    wait(lambda: panel.action_panel().model.row_of(added) < 0, "voorbeeldactie weg")
