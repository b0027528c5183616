"""What a child told goes to the office only with a basis for ``kindgesprek``; that a
conversation took place goes under ``hulpverlening`` (a real office on 127.0.0.1)."""

from __future__ import annotations

import io

from officekit import ThreadOffice, consent, enrolled, shown

from casusregie.domain.child_talks import ChildTalk, drawing_from_bytes
from casusregie.store.database import Store
from casusregie.sync import run_sync
from casusregie.sync.preview import build_preview, format_preview
from helpers import CASE_ID

WORDS = "Ik ben bang als papa boos wordt [kindwoord-7]"
CAPTION = "Tekening van het huis [tekening-7]"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 10)).save(out, format="PNG")
    return out.getvalue()


def _record(store: Store) -> None:
    with store.write("Gesprek met kind vastgelegd") as tx:
        tx.create(
            ChildTalk(
                "talk-7",
                CASE_ID,
                child="p-kind",
                date="2026-11-20",
                held_by="Regisseur Zeven",
                worries=WORDS,
            )
        )
        tx.create(drawing_from_bytes("draw-7", CASE_ID, "talk-7", _png(), caption=CAPTION))


def _wire(office: ThreadOffice, since: int) -> str:
    return b"".join(body for _, _, body in office.bodies[since:]).decode("utf-8", "replace")


def test_the_child_s_words_need_their_own_basis(sqlite_office: ThreadOffice, device: Store) -> None:
    office = sqlite_office
    enrolled(device, office)
    _record(device)
    consent(device, CASE_ID, ["identiteit", "hulpverlening"])
    preview = format_preview(build_preview(device, case_ids=[CASE_ID]))
    assert "[kindwoord-7]" not in preview and "[tekening-7]" not in preview
    assert "Regisseur Zeven" in preview  # the fact of the conversation may go
    before = len(office.bodies)
    assert run_sync(device).ok
    wire = _wire(office, before)
    assert "Regisseur Zeven" in wire
    assert "[kindwoord-7]" not in wire and "[tekening-7]" not in wire
    assert "kindgesprek" not in office.categories(CASE_ID)

    consent(device, CASE_ID, ["kindgesprek"])
    preview = format_preview(build_preview(device, case_ids=[CASE_ID]))
    assert "[kindwoord-7]" in preview and "Huis van zorgen" in preview
    assert "Tekening van een kind | Tekening (nieuw): (een afbeelding)" in preview
    assert "iVBORw0KGgo" not in preview  # no base64 of the PNG
    shown(device, CASE_ID, ["kindgesprek"])
    before = len(office.bodies)
    assert run_sync(device).ok
    wire = _wire(office, before)
    assert "[kindwoord-7]" in wire and "[tekening-7]" in wire
