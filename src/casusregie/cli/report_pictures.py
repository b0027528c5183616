"""``casusregie report genogram|tijdlijn CASUS_ID -o BESTAND``: a picture as a file.

The extension of BESTAND chooses the format: ``.pdf`` (one page, vector, via reportlab),
``.svg`` (straight from the layout) or ``.png`` (the PDF page as an image, drawn by
pdfium from the ``pypdfium2`` wheel: no program of the OS is needed).
No Qt is loaded. Writing the file is logged as a disclosure, as ``case export`` does.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casusregie.domain.dates import PartialDate
from casusregie.domain.errors import CasusregieError, NotFound
from casusregie.store.files import write_whole

__all__ = ["PICTURES", "add_parsers", "cmd_report_picture"]

#: report name -> what it is called in headings and in the disclosure log
PICTURES = {"genogram": "Genogram", "tijdlijn": "Tijdlijn"}
FORMATS = (".pdf", ".svg", ".png")


class ReportError(CasusregieError):
    exit_code = 2


def add_parsers(reports: Any) -> None:
    """Add ``genogram`` and ``tijdlijn`` to the ``report`` sub-commands."""
    for name, title in PICTURES.items():
        p = reports.add_parser(name, help=f"{title.lower()} als PDF, SVG of PNG")
        p.add_argument("case_id", metavar="CASUS_ID")
        p.add_argument(
            "-o",
            "--output",
            metavar="BESTAND",
            type=Path,
            required=True,
            help="het bestand; .pdf, .svg of .png kiest de vorm",
        )
        p.add_argument(
            "--datum",
            metavar="JJJJ-MM-DD",
            help="de stand op die dag: leeftijden en wie nu samenwonen (standaard vandaag)",
        )
        if name == "tijdlijn":
            p.add_argument("--van", metavar="JJJJ[-MM]", help="begin van de periode")
            p.add_argument("--tot", metavar="JJJJ[-MM]", help="einde van de periode (tot en met)")
            p.add_argument(
                "--persoon",
                metavar="PERSOON_ID",
                action="append",
                help="alleen wat deze persoon aangaat (mag vaker)",
            )
            p.add_argument(
                "--per",
                choices=("leefgebied", "persoon"),
                default="leefgebied",
                help="hulpverlening per leefgebied (standaard) of per persoon",
            )


def _date(text: str | None, latest: bool = False) -> dt.date | None:
    if not text:
        return None
    try:
        d = PartialDate.parse(text)
    except ValueError:
        raise ReportError("Ongeldige datum; gebruik JJJJ, JJJJ-MM of JJJJ-MM-DD.") from None
    return d.latest() if latest else d.earliest()


def cmd_report_picture(
    args: argparse.Namespace, open_store: Callable[[argparse.Namespace], Any]
) -> int:
    """Draw the asked picture of one case and write it in the format of the extension."""
    suffix = args.output.suffix.lower()
    if suffix not in FORMATS:
        raise ReportError("Gebruik een bestandsnaam die eindigt op .pdf, .svg of .png.")
    as_of = _date(args.datum) or dt.date.today()
    store = open_store(args)
    try:
        try:
            cf = store.load_case(args.case_id)
        except NotFound:
            raise ReportError(f"Casus {args.case_id} bestaat niet.") from None
        data = _render(args, cf, as_of, suffix)
        write_whole(args.output, data)
        title = PICTURES[args.action]
        with store.write(f"{title} uitgevoerd") as tx:
            tx.log_disclosure(
                args.case_id,
                f"{title} als {suffix[1:].upper()}-bestand",
                str(args.output),
                "Eigen dossier van de regisseur",
                "Uitvoer door de regisseur",
            )
    finally:
        store.close()
    print(f"{PICTURES[args.action]} geschreven naar {args.output}.")
    return 0


def _render(args: argparse.Namespace, cf: Any, as_of: dt.date, suffix: str) -> bytes:
    from casusregie.layout import genogram, timeline, to_svg  # light start-up: only when drawing

    if args.action == "genogram":
        picture = genogram(cf, as_of=as_of)
    else:
        from casusregie.reports.drawing import picture_labels

        start, end = _date(args.van), _date(args.tot, latest=True)
        if start and end and end < start:
            raise ReportError("De periode klopt niet: --tot ligt voor --van.")
        known = {p.id for p in cf.persons}
        if args.persoon and not set(args.persoon) <= known:
            raise ReportError("Onbekende persoon bij --persoon; zie 'case export' voor de ids.")
        picture = timeline(
            cf,
            start=start,
            end=end,
            persons=args.persoon,
            group_by=args.per,
            as_of=as_of,
            labels=picture_labels()["tijdlijn"],
        )
    if suffix == ".svg":
        return to_svg(picture).encode("utf-8")
    from casusregie.reports import drawing  # reportlab only when needed

    if suffix == ".png":
        return drawing.png_bytes(picture, dpi=150)
    out = io.BytesIO()
    heading = f"{PICTURES[args.action]} gezin {cf.case.family_name}".strip()
    drawing.write_pdf(picture, out, heading, f"Stand van {PartialDate.from_date(as_of).dutch()}")
    return out.getvalue()
