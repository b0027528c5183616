"""The case discussion's own operations: closing a meeting, and what it needs (pure
Python, no Qt; run on a worker through ``Session.change``).

A meeting is one occasion (``instance``) of the gespreksleidraad. It is closed by
recording the day in the answer ``samenwerking.afgesloten_op`` of that occasion (a
template field, so it is exported, synced and printed like any answer). Closing is
refused while an interventie of the meeting has no owner ("wie"): the check runs on the
stored case, inside the closing transaction, so no unsaved screen state can fool it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from casusregie.domain.errors import CasusregieError
from casusregie.domain.model import ANSWER_PREFIX, CaseFile, Form, Item
from casusregie.domain.rules.base import answer, filled, parse_day
from casusregie.store.database import Change, Store

__all__ = [
    "ACTIONS",
    "CLOSED_KEY",
    "CLOSED_SECTION",
    "MEETING",
    "MeetingNotClosable",
    "actions_without_owner",
    "close_meeting",
    "closed_on",
    "meeting_actions",
]

MEETING = "gespreksleidraad"
ACTIONS = "interventies"
CLOSED_SECTION = "samenwerking"
CLOSED_KEY = "afgesloten_op"


class MeetingNotClosable(CasusregieError):
    """Closing refused; ``item_ids`` are the actions without an owner. The message
    names no case data (the screen names the actions itself)."""

    def __init__(self, item_ids: Sequence[str]) -> None:
        super().__init__(
            "Het overleg kan nog niet worden afgesloten: niet bij elke actie staat wie het doet."
        )
        self.item_ids = tuple(item_ids)


def meeting_actions(cf: CaseFile, instance: str) -> list[Item]:
    """The interventies of one meeting, in their order."""
    rows = [
        i for i in cf.items if (i.template, i.section, i.instance) == (MEETING, ACTIONS, instance)
    ]
    return sorted(rows, key=lambda i: (i.position, i.id))


def actions_without_owner(cf: CaseFile, instance: str) -> list[Item]:
    return [i for i in meeting_actions(cf, instance) if not filled(i.answers.get("owner"))]


def closed_on(cf: CaseFile, instance: str) -> dt.date | None:
    return parse_day(answer(cf, MEETING, CLOSED_SECTION, CLOSED_KEY, instance=instance))


def close_meeting(
    store: Store, case_id: str, instance: str, today: dt.date, version: int = 1
) -> Sequence[Change]:
    """Record that the meeting is closed today; refused while an action has no owner."""
    with store.write("Overleg afgesloten") as tx:
        cf = store.load_case(case_id)
        missing = actions_without_owner(cf, instance)
        if missing:
            raise MeetingNotClosable([i.id for i in missing])
        form_id = Form.make_id(case_id, MEETING, CLOSED_SECTION, None, instance)
        if not any(f.id == form_id for f in cf.forms):
            tx.create(
                Form(
                    id=form_id,
                    case_id=case_id,
                    template=MEETING,
                    section=CLOSED_SECTION,
                    instance=instance,
                    version=version,
                )
            )
        tx.set("form", form_id, ANSWER_PREFIX + CLOSED_KEY, today.isoformat())
        return list(tx.changes)
