"""How long a free text may be: one limit, used by the app, the import and the reports.

A note of 5 MB was once accepted on import, and the dossier then did not finish in four
minutes. Every stored text (an attribute or a template answer, also inside a list) may
be at most ``MAX_TEXT_LENGTH`` characters; longer is refused with a Dutch message that
names the limit, never the text.
"""

from __future__ import annotations

from typing import Any

from casusregie.domain.errors import CasusregieError

__all__ = ["MAX_TEXT_LENGTH", "TextTooLong", "longest_text", "too_long_message"]

#: characters in one free-text field (about eight pages of text)
MAX_TEXT_LENGTH = 20_000


class TextTooLong(CasusregieError):
    """A text over the limit was offered for storing."""

    exit_code = 8


def longest_text(value: Any) -> int:
    """The length of the longest text in ``value`` (a text, or a list or dict of them)."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        return max((longest_text(v) for v in value), default=0)
    if isinstance(value, dict):
        return max((longest_text(v) for v in value.values()), default=0)
    return 0


def too_long_message(label: str = "") -> str:
    """'De tekst bij Zorgen is te lang: ten hoogste 20.000 tekens.'"""
    where = f" bij {label}" if label else ""
    limit = f"{MAX_TEXT_LENGTH:,}".replace(",", ".")
    return f"De tekst{where} is te lang: ten hoogste {limit} tekens."
