"""How long a free text may be: one limit, used by the app, the import and the reports.

A note of 5 MB was once accepted on import, and the dossier then did not finish in four
minutes. Every stored text (an attribute or a template answer, also inside a list) may
be at most ``MAX_TEXT_LENGTH`` characters; longer is refused with a Dutch message that
names the limit, never the text. The office applies the same limit to values it
receives (``protocol.models``), with ``value_problem``: also no lone surrogates and no
non-finite numbers.
"""

from __future__ import annotations

import math
from typing import Any

from casusregie.domain.errors import CasusregieError

__all__ = [
    "MAX_DEPTH",
    "MAX_IMAGE_BYTES",
    "MAX_TEXT",
    "MAX_TEXT_LENGTH",
    "TextTooLong",
    "longest_text",
    "text_problem",
    "too_long_message",
    "value_problem",
]

#: characters in one free-text field (about eight pages of text)
MAX_TEXT_LENGTH = 20_000
#: bytes of one image (a child's drawing, photographed or scanned)
MAX_IMAGE_BYTES = 4_000_000
#: the same limit under the name the wire protocol uses (the office shares it)
MAX_TEXT = MAX_TEXT_LENGTH
#: nesting of lists and objects inside one field value
MAX_DEPTH = 8


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


def text_problem(text: str) -> str | None:
    """Why ``text`` is not acceptable as a value, or None. Never quotes the text."""
    if len(text) > MAX_TEXT:
        return f"een tekst is langer dan {MAX_TEXT} tekens"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "een tekst bevat een ongeldig teken (een losse surrogaat)"
    return None


def value_problem(value: Any, depth: int = 0, max_depth: int = MAX_DEPTH) -> str | None:
    """Why a field value (JSON: text, number, true/false, null, list, object) is not
    acceptable, or None: texts too long or not encodable, numbers not finite, nesting
    deeper than ``max_depth``. Integers of any size are JSON and stay exact."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else "een getal is geen eindig getal"
    if depth >= max_depth:
        return "een waarde is te diep genest"
    if isinstance(value, list):
        for item in value:
            problem = value_problem(item, depth + 1, max_depth)
            if problem:
                return problem
        return None
    if isinstance(value, dict):
        for key, item in value.items():
            problem = (
                text_problem(key) if isinstance(key, str) else "een sleutel is geen tekst"
            ) or value_problem(item, depth + 1, max_depth)
            if problem:
                return problem
        return None
    return "een waarde heeft een onbekend type"
