"""The consent ledger's writes: recording consent and withdrawing it (no Qt; run on a
worker through ``Session.change``). The ledger itself is ``store.consents``; the page is
``ui.pages.consent``.
"""

from __future__ import annotations

from typing import Any

from casusregie.store.consents import record_consent, withdraw_consent
from casusregie.store.database import Change, Store

__all__ = ["record", "withdraw"]


def record(store: Store, case_id: str, values: dict[str, Any]) -> list[Change]:
    """Toestemming vastleggen: one line per category, one user action."""
    made = record_consent(store, case_id, **values)
    return [ch for c in made for ch in store.history("consent", c.id)]


def withdraw(store: Store, consent_id: str) -> list[Change]:
    """Toestemming intrekken, from today."""
    withdraw_consent(store, consent_id)
    return store.history("consent", consent_id, "withdrawn_on")[-1:]
