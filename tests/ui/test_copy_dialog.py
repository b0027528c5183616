"""'Wat ziet X?' in the app: the regisseur sees the copy's text, what it leaves out and
each typed-again hit before anything is printed or saved, and can widen or release."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from casusregie.ui.dialogs.copy import CopyPreviewDialog
from report_helpers import FATHER, MOTHER, NEIGHBOUR, fled_case

TODAY = dt.date(2025, 7, 1)


def _save(dialog: CopyPreviewDialog, tmp_path: Path, name: str) -> None:
    """What the regisseur sees, as a picture (to look at while developing)."""
    dialog.show()
    target = Path(os.environ.get("CASUSREGIE_SHOTS", tmp_path)) / name
    assert dialog.grab().save(str(target))


def test_his_copy_hides_her_address_and_lets_the_regisseur_release_a_hit(
    qtbot: Any, tmp_path: Path
) -> None:
    dialog = CopyPreviewDialog(fled_case(), FATHER, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "gezin"
    assert "Lindenhof" not in dialog.text.toPlainText()
    assert "niet gedeeld" not in dialog.text.toPlainText()  # left out, without a trace
    shown = [dialog.hits.item(i).text() for i in range(dialog.hits.count())]
    assert any("Lindenhof" in line for line in shown)
    assert any("niet delen met" in dialog.withheld.item(i).text()
               for i in range(dialog.withheld.count()))  # fmt: skip
    _save(dialog, tmp_path, "wat-ziet-kerem.png")
    item = next(dialog.hits.item(i) for i in range(dialog.hits.count())
                if "Lindenhof" in dialog.hits.item(i).text())  # fmt: skip
    item.setCheckState(Qt.CheckState.Unchecked)
    assert "Lindenhof" in dialog.text.toPlainText()
    assert dialog.spec().released


def test_a_network_copy_is_widened_only_by_a_tick(qtbot: Any, tmp_path: Path) -> None:
    dialog = CopyPreviewDialog(fled_case(), NEIGHBOUR, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "netwerk"
    assert not dialog.boxes["zorgen"].isChecked()
    assert "Waar maken we ons zorgen" not in dialog.text.toPlainText()
    assert dialog.spec().widened == ()
    _save(dialog, tmp_path, "wat-ziet-de-buurman.png")
    dialog.boxes["zorgen"].setChecked(True)
    assert "Waar maken we ons zorgen" in dialog.text.toPlainText()
    assert dialog.spec().widened == ("zorgen",)
    assert "extra gedeeld: Zorgen" in dialog.spec().log_note()
    dialog.boxes["bellen"].setChecked(False)  # narrowing is no widening
    assert "Wie kun je bellen" not in dialog.text.toPlainText()
    assert dialog.spec().widened == ("zorgen",)


def test_choosing_another_kind_resets_the_ticks(qtbot: Any) -> None:
    dialog = CopyPreviewDialog(fled_case(), MOTHER, today=TODAY)
    qtbot.addWidget(dialog)
    assert dialog.boxes["zorgen"].isChecked()
    dialog.kind.setCurrentIndex(dialog.kind.findData("netwerk"))
    assert not dialog.boxes["zorgen"].isChecked()
    assert dialog.spec().kind.value == "netwerk"
