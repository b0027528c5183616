"""``casusregie report drie-huizen|woorden-en-plaatjes CASUS_ID --kind PERSOON_ID -o FILE.pdf``.

A worksheet for a conversation with a child, with the child's name: empty to use at the
kitchen table, or filled (``--gesprek ID`` or ``--datum JJJJ-MM-DD``) with what the child
said and drew in a recorded conversation. A filled sheet is for the child (``--voor`` the
child) or the regisseur's own file (no ``--voor``); for anyone else only with
``--kind-vindt-het-goed``. Every sheet is written to the disclosure log.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

__all__ = ["COMMANDS", "add_parsers"]

P = TypeVar("P", bound=argparse.ArgumentParser)

KINDS = {
    "drie-huizen": "werkblad De drie huizen voor een kind (leeg of ingevuld)",
    "woorden-en-plaatjes": "werkblad Woorden en plaatjes voor een kind (leeg of ingevuld)",
}


def add_parsers(actions: argparse._SubParsersAction[P]) -> None:
    """Add the worksheets to the ``report`` command's actions."""
    for kind, text in KINDS.items():
        cmd = actions.add_parser(kind, help=text)
        cmd.add_argument("case_id", metavar="CASUS_ID")
        cmd.add_argument("--kind", required=True, metavar="PERSOON_ID", help="het kind")
        which = cmd.add_mutually_exclusive_group()
        which.add_argument("--gesprek", metavar="GESPREK_ID", help="ingevuld uit dit gesprek")
        which.add_argument(
            "--datum", metavar="JJJJ-MM-DD", help="ingevuld uit het gesprek van die dag"
        )
        cmd.add_argument(
            "--voor",
            metavar="PERSOON_ID",
            help="voor wie (zonder: het eigen dossier van de regisseur)",
        )
        cmd.add_argument(
            "--kind-vindt-het-goed",
            action="store_true",
            dest="child_agreed",
            help="het kind vindt het goed dat deze persoon ziet wat het vertelde",
        )
        cmd.add_argument(
            "-o", "--output", metavar="BESTAND.pdf", type=Path, required=True, help="PDF-bestand"
        )


def _run(args: argparse.Namespace) -> int:
    from casusregie.cli.main import CliError, _open  # the one way the CLI unlocks a store
    from casusregie.reports.service import save_report
    from casusregie.reports.worksheets import make_worksheet, talk_on

    store = _open(args)
    try:
        talk_id = args.gesprek
        if args.datum:
            talk = talk_on(store.load_case(args.case_id), args.kind, args.datum)
            if talk is None:
                raise CliError(f"Er is geen gesprek met dit kind vastgelegd op {args.datum}.")
            talk_id = talk.id
        report = make_worksheet(
            store,
            args.action,
            args.case_id,
            args.kind,
            talk_id,
            args.voor,
            child_agreed=args.child_agreed,
        )
        path = save_report(store, report, args.output)
    finally:
        store.close()
    print(f"{report.what} geschreven naar {path} ({report.pages} blz., voor {report.recipient}).")
    return 0


COMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("report", kind): _run for kind in KINDS
}
