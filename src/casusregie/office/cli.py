"""``casusregie-office``: run and administer the central office server.

    casusregie-office [--data DIR] [--db URL] serve [--host H] [--port P] [--cert F --key F]
    casusregie-office device add NAME         prints the one-time enrolment code
    casusregie-office device list
    casusregie-office device revoke DEVICE_ID
    casusregie-office case assign CASE_ID DEVICE_ID
    casusregie-office case show CASE_ID       exactly what the office holds, as JSON
    casusregie-office audit [--case CASE_ID] [--limit N]
    casusregie-office openapi                 the API as OpenAPI 3 (JSON)

``--data`` (or ``CASUSREGIE_OFFICE_HOME``) holds the SQLite database and the TLS
certificate; ``--db`` (or ``CASUSREGIE_OFFICE_DB``) a PostgreSQL URL instead. Errors are
one Dutch line on stderr and a non-zero exit, never a traceback.

The data folder is the service account's alone: made 0700, its files 0600, and the
process runs with umask 077 so nothing it creates is readable by others; a looser mode
found there is narrowed (one Dutch line says so) or, if that is not allowed, the
command stops with exit 78 (``office.private``).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from casusregie import dutch_argparse
from casusregie.office import repo, tls
from casusregie.office.private import NotPrivate, private_dir
from casusregie.office.storage import Database

__all__ = ["DB_NAME", "enrolment_code", "main"]

#: the SQLite database in the data folder
DB_NAME = "kantoor.db"


def _data_dir(args: argparse.Namespace) -> Path:
    """The data folder (made 0700, or narrowed to it)."""
    if args.data:
        directory = Path(args.data)
    elif os.environ.get("CASUSREGIE_OFFICE_HOME"):
        directory = Path(os.environ["CASUSREGIE_OFFICE_HOME"])
    else:
        directory = Path(platformdirs.user_data_dir("casusregie-office", appauthor=False))
    return private_dir(directory)


def _db(args: argparse.Namespace) -> Database:
    url = args.db or os.environ.get("CASUSREGIE_OFFICE_DB")
    if not url:
        url = str(_data_dir(args) / DB_NAME)
    return Database(url)


def enrolment_code(code: str, fingerprint: str) -> str:
    """What the admin hands to the regisseur: the secret plus the certificate's first 16
    hex digits, so the device can check it reached this office before pinning it."""
    return f"{code}-{fingerprint[:16]}"


def _fingerprint(args: argparse.Namespace, db: Database) -> str:
    with db.transaction() as tx:
        row = tx.one("SELECT value FROM office_meta WHERE key = 'tls_fingerprint'")
    if row:
        return str(row[0])
    cert, _ = tls.ensure_certificate(_data_dir(args))
    return tls.fingerprint(cert)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from casusregie.office.app import create_app

    logging.basicConfig(level=logging.INFO, format="casusregie-office: %(message)s")
    db = _db(args)
    if args.cert or args.key:
        if not (args.cert and args.key):
            raise SystemExit("casusregie-office: geef --cert en --key samen.")
        cert, key = Path(args.cert), Path(args.key)
    else:
        cert, key = tls.ensure_certificate(_data_dir(args), [args.host])
    fp = tls.fingerprint(cert)
    with db.transaction() as tx:
        tx.run(
            "INSERT INTO office_meta (key, value) VALUES ('tls_fingerprint', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (fp,),
        )
    app = create_app(db, name=args.name)
    print(f"Kantoor luistert op https://{args.host}:{args.port} (certificaat {fp[:16]}…)")
    sys.stdout.flush()
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=str(cert),
        ssl_keyfile=str(key),
        ssl_ciphers=tls.CIPHERS,
        access_log=False,  # our own line per request: method, path template, status
        log_level="warning",
        lifespan="off",
        timeout_keep_alive=30,
    )
    try:
        uvicorn.Server(config).run()
    finally:
        db.close()
    return 0


def cmd_device_add(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        device_id, code = repo.add_device(db, args.name)
        fp = _fingerprint(args, db)
    finally:
        db.close()
    print(f"Apparaat {device_id} toegevoegd.")
    print(f"Inschrijfcode (eenmalig, {repo.ENROL_DAYS} dagen geldig):")
    print(enrolment_code(code, fp))
    return 0


def cmd_device_list(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        devices = repo.list_devices(db)
    finally:
        db.close()
    for d in devices:
        state = (
            "ingetrokken" if d["revoked_at"] else "ingeschreven" if d["enrolled_at"] else "wacht"
        )
        print(f"{d['device_id']}\t{d['name']}\t{state}\t{d['cases']} casussen")
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        done = repo.revoke(db, args.device_id)
    finally:
        db.close()
    if not done:
        print(
            f"casusregie-office: apparaat {args.device_id} bestaat niet of is al ingetrokken.",
            file=sys.stderr,
        )
        return 10
    print(f"Apparaat {args.device_id} ingetrokken; de sleutel werkt niet meer.")
    return 0


def cmd_case_assign(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        previous = repo.assign(db, args.case_id, args.device_id)
    except KeyError:
        print(
            f"casusregie-office: apparaat {args.device_id} bestaat niet of is ingetrokken.",
            file=sys.stderr,
        )
        return 10
    finally:
        db.close()
    was = f" (was {previous})" if previous and previous != args.device_id else ""
    print(f"Casus {args.case_id} toegewezen aan {args.device_id}{was}.")
    return 0


def cmd_case_show(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        shown = repo.show_case(db, args.case_id)
    finally:
        db.close()
    if shown is None:
        print(f"casusregie-office: casus {args.case_id} is onbekend.", file=sys.stderr)
        return 10
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        shown = repo.audit(db, args.limit, args.case)
    finally:
        db.close()
    sys.stdout.write(json.dumps(shown, ensure_ascii=False, indent=2) + "\n")
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from casusregie.office.app import openapi_document

    db = Database(":memory:")
    try:
        sys.stdout.write(json.dumps(openapi_document(db), ensure_ascii=False, indent=2) + "\n")
    finally:
        db.close()
    return 0


class _DutchParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"casusregie-office: ongeldige opdracht ({message})\n")


def build_parser() -> argparse.ArgumentParser:
    """The office's command line, in Dutch (help, usage and errors alike)."""
    dutch_argparse.install()
    p = _DutchParser(prog="casusregie-office", description="Centraal kantoor van Casusregie.")
    p.add_argument("--data", metavar="MAP", help="map voor database en certificaat")
    p.add_argument("--db", metavar="URL", help="postgresql://... (standaard: SQLite in --data)")
    sub = p.add_subparsers(dest="command", metavar="OPDRACHT", required=True)
    serve = sub.add_parser("serve", help="de server starten (HTTPS)")
    serve.add_argument(
        "--host",
        metavar="ADRES",
        default="127.0.0.1",
        help="adres om op te luisteren (standaard: 127.0.0.1)",
    )
    serve.add_argument(
        "--port", metavar="POORT", type=int, default=8443, help="poort (standaard: 8443)"
    )
    serve.add_argument("--cert", metavar="PEM", help="eigen certificaat (anders zelf gemaakt)")
    serve.add_argument("--key", metavar="PEM", help="sleutel bij --cert")
    serve.add_argument(
        "--name", metavar="NAAM", default="Centraal kantoor", help="naam van het kantoor"
    )
    serve.set_defaults(func=cmd_serve)

    device = sub.add_parser("device", help="apparaten van regisseurs")
    ds = device.add_subparsers(dest="action", metavar="ACTIE", required=True)
    add = ds.add_parser("add", help="apparaat toevoegen; toont de inschrijfcode")
    add.add_argument("name", metavar="NAAM")
    add.set_defaults(func=cmd_device_add)
    ds.add_parser("list", help="alle apparaten").set_defaults(func=cmd_device_list)
    rv = ds.add_parser("revoke", help="apparaat intrekken (bij verlies of vertrek)")
    rv.add_argument("device_id", metavar="APPARAAT_ID")
    rv.set_defaults(func=cmd_device_revoke)

    case = sub.add_parser("case", help="casussen")
    cs = case.add_subparsers(dest="action", metavar="ACTIE", required=True)
    assign = cs.add_parser("assign", help="casus toewijzen of overdragen aan een apparaat")
    assign.add_argument("case_id", metavar="CASUS_ID")
    assign.add_argument("device_id", metavar="APPARAAT_ID")
    assign.set_defaults(func=cmd_case_assign)
    show = cs.add_parser("show", help="precies wat het kantoor van een casus heeft (JSON)")
    show.add_argument("case_id", metavar="CASUS_ID")
    show.set_defaults(func=cmd_case_show)

    audit = sub.add_parser("audit", help="auditlog en verstrekkingen (JSON)")
    audit.add_argument("--case", metavar="CASUS_ID", help="alleen deze casus")
    audit.add_argument(
        "--limit", metavar="AANTAL", type=int, default=200, help="hoeveel regels (standaard: 200)"
    )
    audit.set_defaults(func=cmd_audit)
    sub.add_parser("openapi", help="de API als OpenAPI-document").set_defaults(func=cmd_openapi)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # whatever the office writes (db, WAL, certificate) is its own
    old_umask = os.umask(0o077) if os.name == "posix" else None
    try:
        code: int = args.func(args)
        return code
    except KeyboardInterrupt:
        return 130
    except NotPrivate as exc:
        print(f"casusregie-office: {exc}", file=sys.stderr)
        return 78
    except Exception as exc:  # never a traceback: it could carry case data
        print(
            f"casusregie-office: fout ({type(exc).__name__}); niets is half gewijzigd.",
            file=sys.stderr,
        )
        return 70
    finally:
        if old_umask is not None:
            os.umask(old_umask)


if __name__ == "__main__":
    sys.exit(main())
