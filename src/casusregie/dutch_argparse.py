"""Dutch for argparse's own messages (usage, help, errors).

argparse looks its texts up through ``gettext`` at the moment it prints them; the
standard library ships no Dutch catalogue, so we hand it one. Used by both command
lines (``casusregie`` and ``casusregie-office``); it imports nothing of Casusregie.
"""

from __future__ import annotations

import argparse

__all__ = ["install"]

_NL = {
    "usage: ": "gebruik: ",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "ongeldige keuze: %(value)r (kies uit %(choices)s)"
    ),
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "expected one argument": "verwacht één waarde",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": (
        "dubbelzinnige optie: %(option)s kan %(matches)s zijn"
    ),
    "not allowed with argument %s": "niet samen met %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "invalid choice: %(value)r": "ongeldige keuze: %(value)r",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
}


def _dutch(message: str) -> str:
    return _NL.get(message, message)


def install() -> None:
    argparse._ = _dutch  # type: ignore[attr-defined]
