"""How strong a new passphrase looks: a rough, honest hint, not a guarantee.

Pure Python (no Qt), so the rule is easy to test. The page shows the level in Dutch.
"""

from __future__ import annotations

from enum import IntEnum

from casusregie.store.profile import MIN_PASSPHRASE

__all__ = ["MIN_PASSPHRASE", "Strength", "strength"]

#: passphrases people pick first; they count as weak whatever their length
_COMMON = frozenset(
    {
        "wachtwoord",
        "wachtwoord1",
        "wachtwoord123",
        "welkom01",
        "welkom123",
        "password",
        "password1",
        "12345678",
        "123456789",
        "1234567890",
        "qwertyui",
        "qwerty123",
        "casusregie",
        "demo-wachtwoord",
        "azertyui",
        "iloveyou",
    }
)


class Strength(IntEnum):
    TOO_SHORT = 0
    WEAK = 1
    FAIR = 2
    STRONG = 3


def _variety(text: str) -> int:
    kinds = (str.islower, str.isupper, str.isdigit)
    count = sum(any(test(c) for c in text) for test in kinds)
    return count + any(not c.isalnum() for c in text)


def strength(passphrase: str) -> Strength:
    """TOO_SHORT under the minimum; else WEAK, FAIR or STRONG by length and variety
    (lower case, capitals, digits, other signs and spaces)."""
    if len(passphrase) < MIN_PASSPHRASE:
        return Strength.TOO_SHORT
    if passphrase.lower() in _COMMON or len(set(passphrase)) <= 3:
        return Strength.WEAK
    points = _variety(passphrase)
    if len(passphrase) >= 12:
        points += 1
    if len(passphrase) >= 16:
        points += 2
    if points >= 5:
        return Strength.STRONG
    if points >= 3:
        return Strength.FAIR
    return Strength.WEAK
