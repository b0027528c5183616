"""Operations on the conversations with a child (no Qt): run through the session.

Each is one user action, one transaction, and returns the changes it made, so the
session announces them and every open view refreshes (``Session.change``).
"""

from __future__ import annotations

from collections.abc import Sequence

from casusregie.domain.child_talks import ChildTalk, drawing_from_bytes
from casusregie.domain.model import new_id
from casusregie.store.database import Change, Store

__all__ = ["add_drawing", "delete_drawing", "delete_talk", "save_talk"]


def save_talk(store: Store, talk: ChildTalk) -> Sequence[Change]:
    """A new conversation, or what changed in one already recorded."""
    exists = any(t.id == talk.id for t in store.load_case(talk.case_id).child_talks)
    label = "Gesprek met kind gewijzigd" if exists else "Gesprek met kind vastgelegd"
    with store.write(label) as tx:
        if exists:
            tx.update(talk)
        else:
            tx.create(talk)
    return tx.changes


def add_drawing(
    store: Store,
    case_id: str,
    talk_id: str,
    raw: bytes,
    house: str | None = None,
    caption: str = "",
) -> Sequence[Change]:
    """A drawing (the bytes of a PNG or JPEG) to a conversation. ValueError (Dutch) if
    it is no such image or too large; nothing is stored then."""
    drawing = drawing_from_bytes(new_id(), case_id, talk_id, raw, house=house, caption=caption)
    with store.write("Tekening toegevoegd") as tx:
        tx.create(drawing)
    return tx.changes


def delete_drawing(store: Store, drawing_id: str) -> Sequence[Change]:
    with store.write("Tekening verwijderd") as tx:
        tx.delete("child_drawing", drawing_id)
    return tx.changes


def delete_talk(store: Store, case_id: str, talk_id: str) -> Sequence[Change]:
    """A conversation and its drawings, as one action."""
    cf = store.load_case(case_id)
    with store.write("Gesprek met kind verwijderd") as tx:
        for drawing in cf.child_drawings:
            if drawing.talk == talk_id:
                tx.delete("child_drawing", drawing.id)
        tx.delete("child_talk", talk_id)
    return tx.changes
