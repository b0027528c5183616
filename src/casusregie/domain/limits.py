"""Limits on values, shared by the desktop (store, forms, import) and the office (the
wire protocol), so that what one side accepts the other side accepts too.

``MAX_TEXT`` is per free-text value: about ten pages of typed text, far more than any
field of a format needs, small enough that one value cannot fill a disk or a request.
"""

from __future__ import annotations

import math
from typing import Any

__all__ = ["MAX_DEPTH", "MAX_TEXT", "text_problem", "value_problem"]

MAX_TEXT = 20_000
#: nesting of lists and objects inside one field value
MAX_DEPTH = 8


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
