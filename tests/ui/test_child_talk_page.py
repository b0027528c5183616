"""The 'In hun eigen woorden' page under Kinderen: record what a child said per house,
add a drawing (stored in the encrypted store), see it by date, print a worksheet through
the one print path, and forget it all on lock."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from ui_casedata import CHILD1, CHILD2, MOTHER

from casusregie.domain.child_talks import ChildTalk
from casusregie.store.profile import Profile
from casusregie.ui.dialogs.child_talk import WorksheetChoice, WorksheetDialog
from casusregie.ui.models.child_talks import ChildTalkModel
from casusregie.ui.pages.child_talks import ChildTalkPage, shrink_image

Make = Callable[..., Any]
SHOTS = Path(__file__).resolve().parents[2] / "build" / "child-talks"


def _png(side: int = 80) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (side, side), "white")
    ImageDraw.Draw(image).ellipse((5, 5, side - 5, side - 5), outline=(0, 0, 200), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _page(qtbot: Any, window: Any) -> ChildTalkPage:
    page = window.case_page
    item = next(i for i in page._nav_items() if i.text(0) == "In hun eigen woorden")
    page.nav.setCurrentItem(item)
    assert page.tabs.currentWidget() is page.child_talks
    qtbot.waitUntil(lambda: page.child_talks.child.count() == 2, timeout=10_000)
    return page.child_talks


def _talk(day: str, worries: str) -> ChildTalk:
    return ChildTalk.from_fields(
        f"talk-{day}",
        "",
        {
            "child": CHILD1,
            "date": day,
            "held_by": "Testregisseur",
            "presence": "zonder_ouders",
            "worries": worries,
            "good_things": "Met Daan spelen [goed]",
            "dreams": "Samen op vakantie [droom]",
        },
    )


def test_record_by_date_draw_print_and_lock(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any, monkeypatch: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = _page(qtbot, window)
    assert [page.child.itemData(i) for i in range(2)] == [CHILD1, CHILD2]
    # the vergewisplicht line counts every record: here the template's last conversation
    assert "Laatste gesprek met Noor Verbeek: 1 februari 2024" in page.status.text()
    assert not page.edit_button.isEnabled()
    case_id = window.case_page.case_id

    answers = iter([_talk("2026-10-01", "Ruzie thuis [oud]"), _talk("2026-11-20", "Papa [nieuw]")])

    def ask(child: Any, talk: Any) -> ChildTalk:
        made = next(answers)
        made.case_id = case_id
        return made

    monkeypatch.setattr(page, "ask_talk", ask)
    page.new_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    page.new_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    # newest first; the new one is shown beside the list with its houses
    assert page.model.index(0, 0).data() == "20 november 2026"
    assert page.model.index(1, 0).data() == "1 oktober 2026"
    shown = " ".join(w.text() for w in page.details.widget().findChildren(type(page.status)))
    assert "Papa [nieuw]" in shown and "Huis van goede dingen" in shown
    assert "20 november 2026" in page.status.text()

    monkeypatch.setattr(page, "choose_image", lambda: _png())
    monkeypatch.setattr(page, "choose_house", lambda: "zorgen")
    page.drawing_button.click()
    store = window.session.store
    qtbot.waitUntil(lambda: len(store.load_case(case_id).child_drawings) == 1, timeout=10_000)
    drawing = store.load_case(case_id).child_drawings[0]
    assert drawing.talk == "talk-2026-11-20" and drawing.house == "zorgen"
    assert drawing.image() == _png()
    qtbot.waitUntil(
        lambda: any(
            label.pixmap() is not None and not label.pixmap().isNull()
            for label in page.details.widget().findChildren(type(page.status))
        ),
        timeout=10_000,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "eigen-woorden.png"))

    delivered: list[tuple[Any, str]] = []
    page.deliver = lambda report, channel: delivered.append((report, channel))
    choice = WorksheetChoice("drie-huizen", "talk-2026-11-20", CHILD1, False, "afdruk")
    monkeypatch.setattr(page, "ask_sheet", lambda cf, child, talks: choice)
    page.sheet_button.click()
    qtbot.waitUntil(lambda: len(delivered) == 1, timeout=10_000)
    report, channel = delivered[0]
    assert channel == "afdruk" and report.recipient == "Noor Verbeek"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(report.pdf)).pages)
    assert "De drie huizen van Noor" in text and "Papa [nieuw]" in text

    window.lock()
    qtbot.waitUntil(lambda: not window.session.is_unlocked, timeout=10_000)
    assert page.child.count() == 0 and page.model.rowCount() == 0
    texts = " ".join(w.text() for w in page.findChildren(type(page.status)))
    assert "[nieuw]" not in texts and "Noor" not in texts


def test_the_main_window_prints_a_sheet_through_its_report_actions(
    qtbot: Any, make_window: Make, profile: Profile, unlock: Any, open_case: Any
) -> None:
    window = make_window(profile)
    unlock(window)
    open_case(window)
    page = _page(qtbot, window)
    assert page.deliver == window.reports.deliver


def test_the_worksheet_dialog_asks_the_child_before_a_parent_sees(qtbot: Any) -> None:
    from casusregie.domain.model import Case, CaseFile, Person

    cf = CaseFile(Case("c", "c", family_name="X"))
    kid = Person(CHILD1, "c", name="Noor Verbeek", role="kind")
    mum = Person(MOTHER, "c", name="Sanne Verbeek", role="moeder")
    cf.persons += [kid, mum]
    talk = _talk("2026-11-20", "x")
    dialog = WorksheetDialog(cf, kid, [talk], talk.id)
    qtbot.addWidget(dialog)
    assert dialog.print_button.isEnabled()  # for Noor herself
    dialog.reader.setCurrentIndex(dialog.reader.findData(MOTHER))
    assert not dialog.print_button.isEnabled() and not dialog.pdf_button.isEnabled()
    assert "Vraag eerst" in dialog.note.text()
    dialog.agreed.setChecked(True)
    assert dialog.print_button.isEnabled()
    assert dialog.choice().child_agreed and dialog.choice().for_person == MOTHER
    dialog.source.setCurrentIndex(0)  # empty: no words of the child on it
    assert dialog.print_button.isEnabled() and not dialog.choice().child_agreed


def test_the_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = ChildTalkModel()
    model.set_talks([_talk("2026-11-20", "a"), _talk("2026-10-01", "b")])
    qtmodeltester.check(model)


def test_a_large_photo_is_made_smaller_in_memory(qtbot: Any) -> None:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (250, 250, 250)).save(out, format="PNG")
    small = shrink_image(out.getvalue())
    assert small.startswith(b"\xff\xd8\xff")  # JPEG
    assert Image.open(io.BytesIO(small)).size == (1800, 1350)
    tiny = _png()
    assert shrink_image(tiny) == tiny


def test_the_talk_dialog_refuses_words_over_the_limit_in_dutch(qtbot: Any) -> None:
    from casusregie.domain.limits import MAX_TEXT_LENGTH
    from casusregie.domain.model import Person
    from casusregie.ui.dialogs.child_talk import ChildTalkDialog

    kid = Person(CHILD1, "c", name="Noor Verbeek", role="kind")
    dialog = ChildTalkDialog(kid)
    qtbot.addWidget(dialog)
    dialog.words["dreams"].setPlainText("x" * (MAX_TEXT_LENGTH + 1))
    dialog._save()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "te lang: ten hoogste 20.000 tekens" in dialog.error.text()
    dialog.words["dreams"].setPlainText("Samen op vakantie")
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    talk = dialog.talk()
    assert talk.child == CHILD1 and talk.dreams == "Samen op vakantie" and talk.problems() == []
