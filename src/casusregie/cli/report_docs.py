"""``casusregie report veiligheidsplan|dossier|overdracht|gedeeld CASUS_ID -o FILE.pdf``.

Each command builds the PDF in memory, writes it to the file given with ``-o`` (nowhere
else), and adds a line to the case's disclosure log (what, for whom, on which basis,
when, by whom). ``--voor PERSOON_ID`` makes the copy for one person: nothing marked
"niet delen met" that person is in it. Without it, the family's shared copy leaves out
everything marked for anyone.

A copy of the veiligheidsplan for one person is made for their kind (gezinslid, kind,
netwerk, professional, kantoor; ``--soort`` to choose another) and shows the least that
kind needs. ``--ook DEEL`` widens it (logged with the disclosure); ``--voorbeeld``
prints the copy's text instead ("wat ziet X?"), with what does not go out listed apart;
``--vrijgeven SLEUTEL`` lets one hidden part of a typed-again value through.
"""

from __future__ import annotations

import argparse
import sys
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
            "-o",
            "--output",
            metavar="BESTAND.pdf",
            type=Path,
            required=kind != "veiligheidsplan",
            help="PDF-bestand",
        )
        if kind == "veiligheidsplan":
            _copy_options(cmd)
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


def _copy_options(cmd: argparse.ArgumentParser) -> None:
    from casusregie.domain.copies import KIND_LABELS, PARTS, TOPICS

    cmd.add_argument(
        "--soort",
        choices=[k.value for k in KIND_LABELS],
        help="soort ontvanger (standaard: volgt uit de rol van de persoon)",
    )
    cmd.add_argument(
        "--ook",
        action="append",
        default=[],
        metavar="DEEL",
        help="toch meegeven (komt in het verstrekkingenlog): " + ", ".join([*PARTS, *TOPICS]),
    )
    cmd.add_argument(
        "--vrijgeven",
        action="append",
        default=[],
        metavar="SLEUTEL",
        help="een verborgen stuk tekst toch laten staan (de sleutel uit --voorbeeld)",
    )
    cmd.add_argument(
        "--voorbeeld",
        action="store_true",
        help="toon de tekst van dit exemplaar (en wat er niet in staat); er gaat niets weg",
    )


def _run(args: argparse.Namespace) -> int:
    from casusregie.cli.main import CliError, _open  # the one way the CLI unlocks a store
    from casusregie.reports.service import make_report, save_report, spec_for

    preview = getattr(args, "voorbeeld", False)
    if args.output is None and not preview:
        raise CliError("Geef aan waar het bestand komt: -o BESTAND.pdf (of --voorbeeld).")
    store = _open(args)
    try:
        spec = None
        if args.action == "veiligheidsplan":
            spec = spec_for(
                store,
                args.case_id,
                args.voor,
                as_kind=args.soort,
                widen=args.ook,
                released=args.vrijgeven,
            )
        if preview and spec is not None:
            from casusregie.reports.copy_preview import preview as make_preview
            from casusregie.reports.copy_preview import preview_text
            from casusregie.reports.service import plan_version_of

            cf = store.load_case(args.case_id)
            version = plan_version_of(store, cf)
            print(preview_text(make_preview(cf, spec, version=version)), end="")
            return 0
        report = make_report(
            store,
            args.action,
            args.case_id,
            getattr(args, "voor", None),
            recipient=getattr(args, "ontvanger", None),
            spec=spec,
        )
        for warning in report.warnings:
            print(f"Let op: {warning}", file=sys.stderr)
        path = save_report(store, report, args.output)
    finally:
        store.close()
    print(f"{report.what} geschreven naar {path} ({report.pages} blz., voor {report.recipient}).")
    return 0


COMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("report", kind): _run for kind in KINDS
}
