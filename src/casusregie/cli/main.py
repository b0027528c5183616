"""``casusregie`` on the command line.

Every command exits 0 on success. On an error it prints one Dutch line to stderr and
exits non-zero; it never shows a traceback (which could hold case data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from casusregie import __version__
from casusregie.cli import dutch_argparse, report_docs, report_pictures, report_sheets, sync_cmds
from casusregie.domain.errors import CasusregieError, NotFound, WrongPassphrase
from casusregie.domain.rules import SEVERITIES, SEVERITY_LABELS, check_case, grouped
from casusregie.store import keyring_store
from casusregie.store.caseio import export_case, import_case, parse_case_file
from casusregie.store.database import Store
from casusregie.store.demo import DEMO_PASSPHRASE, ensure_demo_profile
from casusregie.store.files import write_whole
from casusregie.store.profile import Profile, default_profile_dir
from casusregie.templates import load_templates

__all__ = ["build_parser", "main", "run"]

log = logging.getLogger("casusregie")


class CliError(CasusregieError):
    exit_code = 2


#: options of the whole program that may also be given after the (sub-)command
HOISTED = ("--passphrase-file", "--store")


def hoist_global_options(argv: Sequence[str]) -> list[str]:
    """Move ``--passphrase-file F`` and ``--store DIR`` (also ``--opt=value``) to the
    front, so that ``casusregie case list --passphrase-file F`` works as well as
    ``casusregie --passphrase-file F case list``. Nothing after ``--`` is touched."""
    front: list[str] = []
    rest: list[str] = []
    items = list(argv)
    i = 0
    while i < len(items):
        arg = items[i]
        if arg == "--":
            rest += items[i:]
            break
        if arg.split("=", 1)[0] in HOISTED:
            take = 1 if "=" in arg else 2
            front += items[i : i + take]
            i += take
            continue
        rest.append(arg)
        i += 1
    return front + rest


class DutchArgumentParser(argparse.ArgumentParser):
    hoist = False  # only the top-level parser reorders

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"casusregie: ongeldige opdracht ({message})\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        if self.hoist:
            args = hoist_global_options(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)


def build_parser() -> argparse.ArgumentParser:
    dutch_argparse.install()
    p = DutchArgumentParser(
        prog="casusregie",
        description="Casusregie: werkplek voor casusregisseurs. Zonder opdracht start de app.",
    )
    p.hoist = True
    p.add_argument(
        "--version",
        action="version",
        version=f"casusregie {__version__}",
        help="toon het versienummer en stop",
    )
    p.add_argument(
        "--store",
        metavar="MAP",
        type=Path,
        help="map van het profiel (standaard: CASUSREGIE_HOME of de gebruikersmap)",
    )
    p.add_argument(
        "--demo", action="store_true", help="gebruik het demoprofiel met een verzonnen gezin"
    )
    p.add_argument(
        "--passphrase-file",
        metavar="BESTAND",
        type=Path,
        help="lees het wachtwoord uit dit bestand (of zet CASUSREGIE_PASSPHRASE)",
    )
    p.add_argument(
        "--screenshots",
        metavar="MAP",
        type=Path,
        help="(app) maak schermafbeeldingen in MAP en stop",
    )
    sub = p.add_subparsers(dest="command", metavar="OPDRACHT")

    store = sub.add_parser("store", help="de versleutelde opslag beheren")
    ss = store.add_subparsers(dest="action", metavar="ACTIE", required=True)
    init = ss.add_parser("init", help="nieuwe opslag maken (vraagt het wachtwoord twee keer)")
    init.add_argument("--naam", default="", help="uw naam, zoals die in de historie komt")
    init.add_argument(
        "--geen-sleutelbos",
        action="store_true",
        help="de sleutel niet in de sleutelbos van het systeem bewaren",
    )
    pw = ss.add_parser("passwd", help="wachtwoord wijzigen (de database blijft zoals hij is)")
    pw.add_argument(
        "--new-passphrase-file",
        metavar="BESTAND",
        type=Path,
        help="lees het nieuwe wachtwoord uit dit bestand (of zet CASUSREGIE_NEW_PASSPHRASE)",
    )
    ss.add_parser("check", help="versleuteling en samenhang van de opslag controleren")
    bk = ss.add_parser("backup", help="versleutelde back-up maken, ook terwijl de app open is")
    bk.add_argument("target", metavar="MAP", type=Path)
    rs = ss.add_parser("restore", help="een back-up terugzetten (vraagt het wachtwoord)")
    rs.add_argument("backup", metavar="BACKUPMAP", type=Path)
    rs.add_argument(
        "--vervang",
        action="store_true",
        help="bestaande opslag opzij zetten (niet wissen) en vervangen",
    )

    case = sub.add_parser("case", help="casussen bekijken, inlezen en uitvoeren")
    cs = case.add_subparsers(dest="action", metavar="ACTIE", required=True)
    cs.add_parser("list", help="alle casussen")
    imp = cs.add_parser("import", help="een casus inlezen uit een JSON-bestand")
    imp.add_argument("file", metavar="BESTAND.json", type=Path)
    exp = cs.add_parser("export", help="een casus als JSON uitvoeren")
    exp.add_argument("case_id", metavar="CASUS_ID")
    chk = cs.add_parser("check", help="bevindingen: overdracht, netwerkberaad, kinderen, ...")
    chk.add_argument("case_id", metavar="CASUS_ID")
    chk.add_argument("--datum", metavar="JJJJ-MM-DD", help="controleer alsof het die dag is")
    chk.add_argument(
        "--json",
        action="store_true",
        help="als JSON: een lijst van {rule, code, severity, message, target}, acuut eerst",
    )
    exp.add_argument(
        "-o",
        "--output",
        metavar="BESTAND",
        type=Path,
        help="schrijf naar dit bestand (standaard: het scherm)",
    )

    report = sub.add_parser("report", help="PDF's maken: veiligheidsplan, dossier, overdracht")
    reports = report.add_subparsers(dest="action", metavar="ACTIE", required=True)
    report_docs.add_parsers(reports)
    report_pictures.add_parsers(reports)
    report_sheets.add_parsers(reports)

    tpl = sub.add_parser("templates", help="de sjablonen (invulformats)")
    ts = tpl.add_subparsers(dest="action", metavar="ACTIE", required=True)
    ts.add_parser("list", help="id, titel en versie van elk sjabloon")
    sync_cmds.add_parsers(sub)
    return p


# -- passphrases ---------------------------------------------------------------------


def _read_secret_file(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise CliError(f"Wachtwoordbestand {path} is niet te lezen.") from None
    return text.rstrip("\r\n")


def _passphrase(
    args: argparse.Namespace, *, confirm: bool = False, prompt: str = "Wachtwoord: "
) -> str:
    if args.demo:
        return DEMO_PASSPHRASE
    if args.passphrase_file:
        return _read_secret_file(args.passphrase_file)
    env = os.environ.get("CASUSREGIE_PASSPHRASE")
    if env:
        return env
    return _ask(prompt, confirm)


def _ask(prompt: str, confirm: bool) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError("Geen wachtwoord: gebruik --passphrase-file of CASUSREGIE_PASSPHRASE.")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nog een keer: ") != first:
        raise CliError("De twee wachtwoorden zijn niet gelijk; er is niets veranderd.")
    return first


def _profile(args: argparse.Namespace) -> Profile:
    if args.demo:
        return ensure_demo_profile()
    return Profile(args.store or default_profile_dir())


def _open(args: argparse.Namespace) -> Store:
    """Unlock: an explicit passphrase first, else the OS keyring, else ask."""
    profile = _profile(args)
    explicit = args.demo or args.passphrase_file or os.environ.get("CASUSREGIE_PASSPHRASE")
    store = None
    if not explicit and profile.exists():
        store = profile.unlock_with_keyring()
    if store is None:
        store = profile.unlock(_passphrase(args))
    return store  # migrated and checked by the profile's one unlock sequence


# -- commands ------------------------------------------------------------------------


def cmd_store_init(args: argparse.Namespace) -> int:
    profile = _profile(args)
    store = profile.create(
        _passphrase(args, confirm=True), author=args.naam, use_keyring=not args.geen_sleutelbos
    )
    store.close()
    where = (
        "; de sleutel staat ook in de sleutelbos"
        if (not args.geen_sleutelbos and keyring_store.available())
        else ""
    )
    print(f"Nieuwe versleutelde opslag gemaakt in {profile.directory}{where}.")
    return 0


def cmd_store_passwd(args: argparse.Namespace) -> int:
    profile = _profile(args)
    old = _passphrase(args, prompt="Huidig wachtwoord: ")
    if args.new_passphrase_file:
        new = _read_secret_file(args.new_passphrase_file)
    elif os.environ.get("CASUSREGIE_NEW_PASSPHRASE"):
        new = os.environ["CASUSREGIE_NEW_PASSPHRASE"]
    else:
        new = _ask("Nieuw wachtwoord: ", confirm=True)
    profile.change_passphrase(old, new)
    print(
        "Wachtwoord gewijzigd. De database is niet opnieuw versleuteld; alleen de sleutel "
        "is opnieuw ingepakt."
    )
    return 0


def cmd_store_check(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        problems = store.integrity_problems()
        cases = store.list_cases()
        print(f"SQLCipher {store.cipher_version()}")
        print(f"Schemaversie {store.schema_version()}")
        print(f"Casussen: {len(cases)}")
        if problems:
            print("Controle: NIET in orde", file=sys.stderr)
            return 6
        print("Controle: in orde (versleuteling en samenhang)")
        return 0
    finally:
        store.close()


def cmd_store_backup(args: argparse.Namespace) -> int:
    profile = _profile(args)
    store = _open(args)
    try:
        target = profile.backup(store, args.target)
    finally:
        store.close()
    print(
        f"Back-up geschreven naar {target} (versleuteld; terugzetten kan alleen met het "
        "wachtwoord)."
    )
    return 0


def cmd_store_restore(args: argparse.Namespace) -> int:
    profile = _profile(args)
    moved = profile.restore(args.backup, _passphrase(args), replace=args.vervang)
    if moved is not None:
        print(f"De vorige opslag staat nu in {moved}.")
    print(f"Back-up teruggezet in {profile.directory}.")
    return 0


def cmd_case_list(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        for case in store.list_cases():
            print(f"{case.id}\t{case.family_name}\t{case.phase}")
    finally:
        store.close()
    return 0


def cmd_case_import(args: argparse.Namespace) -> int:
    doc = parse_case_file(args.file)
    store = _open(args)
    try:
        cf = import_case(store, doc)
    finally:
        store.close()
    print(
        f"Casus {cf.case.id} ingelezen ({len(cf.persons)} personen, "
        f"{len(cf.life_events)} gebeurtenissen)."
    )
    return 0


def cmd_case_export(args: argparse.Namespace) -> int:
    store = _open(args)
    try:
        try:
            doc = export_case(store, args.case_id)
        except NotFound:
            raise CliError(f"Casus {args.case_id} bestaat niet.") from None
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
        target = str(args.output) if args.output else "het scherm"
        if args.output:
            write_whole(args.output, text.encode("utf-8"))
        else:
            sys.stdout.write(text)
        with store.write("Casus uitgevoerd") as tx:
            tx.log_disclosure(
                args.case_id,
                "De hele casus als JSON-bestand",
                target,
                "Eigen dossier van de regisseur",
                "Uitvoer door de regisseur",
            )
    finally:
        store.close()
    return 0


def cmd_case_check(args: argparse.Namespace) -> int:
    try:
        today = dt.date.fromisoformat(args.datum) if args.datum else dt.date.today()
    except ValueError:
        raise CliError("Ongeldige datum; gebruik JJJJ-MM-DD.") from None
    store = _open(args)
    try:
        try:
            cf = store.load_case(args.case_id)
        except NotFound:
            raise CliError(f"Casus {args.case_id} bestaat niet.") from None
    finally:
        store.close()
    findings = check_case(cf, today)
    if args.json:
        print(json.dumps([f.to_json() for f in findings], ensure_ascii=False, indent=2))
        return 0
    for severity in SEVERITIES:
        groups = [g for g in grouped(findings) if g[0].severity == severity]
        if not groups:
            continue
        print(SEVERITY_LABELS[severity])
        for group in groups:
            first = group[0]
            more = f" (en nog {len(group) - 1} van deze soort)" if len(group) > 1 else ""
            print(f"  {'!' if first.level == 'let_op' else '-'} {first.message}{more}")
            for f in group[1:]:
                print(f"      {f.message}")
    return 0


def cmd_report_picture(args: argparse.Namespace) -> int:
    return report_pictures.cmd_report_picture(args, _open)


def cmd_templates_list(args: argparse.Namespace) -> int:
    for tpl in load_templates().ordered():
        print(f"{tpl.id}\t{tpl.title}\tversie {tpl.version}")
    return 0


COMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("store", "init"): cmd_store_init,
    ("store", "passwd"): cmd_store_passwd,
    ("store", "check"): cmd_store_check,
    ("store", "backup"): cmd_store_backup,
    ("store", "restore"): cmd_store_restore,
    ("case", "list"): cmd_case_list,
    ("case", "import"): cmd_case_import,
    ("case", "export"): cmd_case_export,
    ("case", "check"): cmd_case_check,
    ("templates", "list"): cmd_templates_list,
    ("report", "genogram"): cmd_report_picture,
    ("report", "tijdlijn"): cmd_report_picture,
    **report_docs.COMMANDS,
    **report_sheets.COMMANDS,
    **sync_cmds.COMMANDS,
}


def run(args: argparse.Namespace) -> int:
    """Run a parsed command; errors become one Dutch line on stderr."""
    logging.basicConfig(level=logging.WARNING, format="casusregie: %(message)s")
    try:
        return COMMANDS[(args.command, args.action)](args)
    except WrongPassphrase as exc:
        print(f"casusregie: {exc}", file=sys.stderr)
        return exc.exit_code
    except CasusregieError as exc:
        print(f"casusregie: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("casusregie: afgebroken.", file=sys.stderr)
        return 130
    except Exception as exc:  # never a traceback: it could carry case data
        print(
            f"casusregie: onverwachte fout ({type(exc).__name__}). Wat al was opgeslagen, "
            "is bewaard.",
            file=sys.stderr,
        )
        return 70


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run(args)
