"""``casusregie enroll``, ``casusregie sync`` and ``casusregie consent ...``.

    casusregie enroll URL CODE [--naam LABEL]
    casusregie sync [--bevestig-verwijderen CASUS_ID ...]
    casusregie sync --voorbeeld [--casus CASUS_ID ...] [--alleen-nieuw]
    casusregie consent list CASUS_ID [--json]
    casusregie consent add CASUS_ID CATEGORIE... --door PERSOON_ID... [--doel TEKST] ...
    casusregie consent withdraw TOESTEMMING_ID [--datum JJJJ-MM-DD]

Registered by ``cli.main`` (``add_parsers``, ``COMMANDS``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from casusregie.domain.consent import Basis, ConsentForm
from casusregie.domain.errors import CasusregieError
from casusregie.store.consents import list_consents, record_consent, withdraw_consent

P = TypeVar("P", bound=argparse.ArgumentParser)

if TYPE_CHECKING:
    from casusregie.store.database import Store

__all__ = ["COMMANDS", "add_parsers"]


def add_parsers(sub: argparse._SubParsersAction[P]) -> None:
    enroll = sub.add_parser("enroll", help="dit apparaat koppelen aan het kantoor")
    enroll.add_argument("url", metavar="URL", help="adres van het kantoor (https://...)")
    enroll.add_argument("code", metavar="CODE", help="inschrijfcode van het kantoor")
    enroll.add_argument("--naam", default="", help="naam van dit apparaat bij het kantoor")
    enroll.set_defaults(action="")

    sync = sub.add_parser("sync", help="gedeelde gegevens uitwisselen met het kantoor")
    sync.add_argument(
        "--bevestig-verwijderen",
        metavar="CASUS_ID",
        nargs="*",
        default=[],
        help="veel verwijderingen van het kantoor in deze casussen toch uitvoeren",
    )
    sync.add_argument(
        "--voorbeeld",
        action="store_true",
        help="laat per casus en categorie zien wat er naar het kantoor zou gaan; "
        "verstuurt niets (werkt ook zonder netwerk)",
    )
    sync.add_argument(
        "--casus", metavar="CASUS_ID", nargs="*", default=[], help="alleen deze casussen"
    )
    sync.add_argument(
        "--alleen-nieuw",
        action="store_true",
        help="bij --voorbeeld: alleen wat het kantoor nog niet heeft",
    )
    sync.set_defaults(action="")

    consent = sub.add_parser("consent", help="toestemming en grondslag per categorie")
    cs = consent.add_subparsers(dest="action", metavar="ACTIE", required=True)
    ls = cs.add_parser("list", help="de regels van het toestemmingsoverzicht")
    ls.add_argument("case_id", metavar="CASUS_ID")
    ls.add_argument(
        "--json",
        action="store_true",
        help="als JSON: id, categorie, ontvanger, grondslag, geldig en reden",
    )
    add = cs.add_parser("add", help="toestemming of grondslag vastleggen")
    add.add_argument("case_id", metavar="CASUS_ID")
    add.add_argument("categories", metavar="CATEGORIE", nargs="+")
    add.add_argument(
        "--door",
        metavar="PERSOON_ID",
        nargs="*",
        default=[],
        help="wie gaf toestemming (ouder, jeugdige)",
    )
    add.add_argument("--grondslag", choices=Basis.values(), default=Basis.TOESTEMMING.value)
    add.add_argument("--vorm", choices=ConsentForm.values(), default="mondeling")
    add.add_argument("--datum", metavar="JJJJ-MM-DD", help="wanneer (standaard: vandaag)")
    add.add_argument("--tot", metavar="JJJJ-MM-DD", help="geldig tot en met")
    add.add_argument("--doel", default="", help="waarvoor")
    add.add_argument("--reikwijdte", default="", help="welke gegevens precies")
    add.add_argument("--waarom-geen-toestemming", default="")
    add.add_argument("--geraadpleegd", default="", help="wie is geraadpleegd")
    add.add_argument("--wat", default="", help="wat wordt gedeeld")
    add.add_argument("--met-wie", default="", help="met wie")
    add.add_argument("--waarom", default="", help="waarom (de afweging)")
    wd = cs.add_parser("withdraw", help="toestemming intrekken (stopt het delen meteen)")
    wd.add_argument("consent_id", metavar="TOESTEMMING_ID")
    wd.add_argument("--datum", metavar="JJJJ-MM-DD", help="vanaf (standaard: vandaag)")


def _open(args: argparse.Namespace) -> object:
    from casusregie.cli.main import _open as open_store

    return open_store(args)


def cmd_enroll(args: argparse.Namespace) -> int:
    from casusregie.store.database import Store
    from casusregie.sync import enroll

    store = _open(args)
    assert isinstance(store, Store)
    try:
        done = enroll(store, args.url, args.code, args.naam)
    finally:
        store.close()
    print(
        f"Gekoppeld aan {done.office_name} als apparaat {done.device_id}; "
        f"certificaat vastgelegd ({done.fingerprint[:16]}…)."
    )
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from casusregie.store.database import Store
    from casusregie.sync import run_sync

    store = _open(args)
    assert isinstance(store, Store)
    if args.voorbeeld:
        return _preview(store, args)
    try:
        result = run_sync(store, confirm_deletions=args.bevestig_verwijderen)
    finally:
        store.close()
    if result.state != "ok":
        print(f"casusregie: {result.message}", file=sys.stderr)
        return {"offline": 12, "not_enrolled": 13, "refused": 14, "cancelled": 130}.get(
            result.state, 12
        )
    print(result.summary())
    for case_id, n in sorted(result.held.items()):
        print(
            f"Let op: casus {case_id}: het kantoor wil {n} gegevens verwijderen; niet "
            f"uitgevoerd. Bevestig met: casusregie sync --bevestig-verwijderen {case_id}"
        )
    return 3 if result.mismatches else 0


def _preview(store: Store, args: argparse.Namespace) -> int:
    """``sync --voorbeeld``: print what would go, note it as shown, send nothing."""
    from casusregie.domain.errors import NotFound
    from casusregie.sync.preview import build_preview, format_preview, record_shown

    try:
        for case_id in args.casus:
            if not store.has_case(case_id):
                raise NotFound(f"Casus {case_id} bestaat niet.")
        previews = build_preview(store, case_ids=args.casus or None)
        print(format_preview(previews, only_new=args.alleen_nieuw), end="")
        record_shown(store, previews)
    finally:
        store.close()
    print("Er is niets verstuurd. Dit overzicht geldt als bekeken: bij de volgende "
          "synchronisatie mogen deze categorieën mee.")  # fmt: skip
    return 0


def cmd_consent_list(args: argparse.Namespace) -> int:
    from casusregie.store.database import Store

    store = _open(args)
    assert isinstance(store, Store)
    try:
        lines = list_consents(store, args.case_id)
    finally:
        store.close()
    if args.json:
        rows = [
            {
                "id": line.consent.id,
                "category": line.consent.category,
                "recipient": line.consent.recipient,
                "basis": line.consent.basis,
                "valid": line.status == "actief",
                "reason": "; ".join(line.problems)
                or ("" if line.status == "actief" else line.status),
            }
            for line in lines
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for line in lines:
        c = line.consent
        until = f" t/m {c.valid_until}" if c.valid_until else ""
        print(
            f"{c.id}\t{c.category}\t{c.recipient}\t{Basis.label_of(c.basis)}\t"
            f"{c.given_on or '-'}{until}\t{line.status}"
        )
        for problem in line.problems:
            print(f"  ! {problem}")
    return 0


def cmd_consent_add(args: argparse.Namespace) -> int:
    from casusregie.store.database import Store

    store = _open(args)
    assert isinstance(store, Store)
    afweging = {
        "why_no_consent": args.waarom_geen_toestemming,
        "consulted": args.geraadpleegd,
        "what_shared": args.wat,
        "shared_with": args.met_wie,
        "reasons": args.waarom,
    }
    try:
        made = record_consent(
            store,
            args.case_id,
            args.categories,
            basis=args.grondslag,
            given_by=args.door,
            form=args.vorm if args.grondslag == Basis.TOESTEMMING.value else None,
            given_on=args.datum,
            scope=args.reikwijdte,
            purpose=args.doel,
            valid_until=args.tot,
            afweging=afweging,
        )
        lines = {line.consent.id: line for line in list_consents(store, args.case_id)}
    finally:
        store.close()
    for consent in made:
        line = lines[consent.id]
        print(f"{consent.id}\t{consent.category}\t{line.status}")
        for problem in line.problems:
            print(f"  ! {problem}")
    return 0


def cmd_consent_withdraw(args: argparse.Namespace) -> int:
    from casusregie.store.database import Store

    store = _open(args)
    assert isinstance(store, Store)
    try:
        withdraw_consent(store, args.consent_id, args.datum)
    except CasusregieError:
        raise
    finally:
        store.close()
    print("Toestemming ingetrokken; bij de volgende synchronisatie wist het kantoor die gegevens.")
    return 0


COMMANDS: dict[tuple[str, str], Callable[[argparse.Namespace], int]] = {
    ("enroll", ""): cmd_enroll,
    ("sync", ""): cmd_sync,
    ("consent", "list"): cmd_consent_list,
    ("consent", "add"): cmd_consent_add,
    ("consent", "withdraw"): cmd_consent_withdraw,
}
