"""``casusregie report veiligheidsplan|dossier|overdracht|gedeeld CASUS_ID -o FILE.pdf``.

Each command builds the PDF in memory, writes it to the file given with ``-o`` (nowhere
else), and adds a line to the case's disclosure log (what, for whom, on which basis,
when, by whom). ``--voor PERSOON_ID`` makes the copy for one person: nothing marked
"niet delen met" that person is in it. Without it, the family's shared copy leaves out
everything marked for anyone.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["COMMANDS", "add_parsers"]

P = TypeVar("P", bound=argparse.ArgumentParser)

#: kind -> help; for the family's documents a copy can be for one person (``--voor``).
#: (ReportLab is imported only when a report is made: starting the app stays quick.)
KINDS = {
    "veiligheidsplan": "het veiligheidsplan voor het gezin (of voor één persoon)",
    "dossier": "het dossier: alle onderdelen van de casus",
    "overdracht": "het overdrachtsdossier voor wie de regie overneemt",
    "gedeeld": "voor het gezin: wat is er over ons gedeeld?",
}
PER_PERSON = ("veiligheidsplan", "gedeeld")


def add_parsers(actions: argparse._SubParsersAction[P]) -> None:
    """Add the document reports to the ``report`` command's actions."""
    for kind, text in KINDS.items():
        cmd = actions.add_parser(kind, help=text)
        cmd.add_argument("case_id", metavar="CASUS_ID")
        cmd.add_argument(
            "-o", "--output", metavar="BESTAND.pdf", type=Path, required=True, help="PDF-bestand"
        )
        if kind in PER_PERSON:
            cmd.add_argument(
                "--voor",
                metavar="PERSOON_ID",
                help="exemplaar voor deze persoon (zonder: het gezamenlijke exemplaar)",
            )
        else:
            cmd.add_argument(
                "--ontvanger",
                metavar="NAAM",
                help="voor wie het bestand is (komt in het verstrekkingenlog)",
            )


def _run(args: argparse.Namespace) -> int:
    from casusregie.cli.main import _open  # the one way the CLI unlocks a store
    from casusregie.reports.service import make_report, save_report

    store = _open(args)
    try:
        report = make_report(
            store,
            args.action,
            args.case_id,
            getattr(args, "voor", None),
            recipient=getattr(args, "ontvanger", None),
        )
        path = save_report(store, report, args.output)
    finally:
        store.close()
    print(f"{report.what} geschreven naar {path} ({report.pages} blz., voor {report.recipient}).")
    return 0


COMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("report", kind): _run for kind in KINDS
}
