"""Canary scan: distinctive strings entered through the CLI and the store API must not
appear in clear in any byte of any file the store writes (database, WAL, shared memory,
key file, unlock counter, backups), whether the store was closed cleanly or not.

The scanner itself is shown to work on an unencrypted store and on an exported file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from casusregie.domain.model import Case, Form, LifeEvent, Person
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from helpers import (
    FAST_KDF,
    PASSPHRASE,
    ROOT,
    cli_env,
    run_cli,
    sample_document,
    write_json,
)

SHORT = "KANARIE-7f3a-Özdemir"
LONG = "KANARIE-lang-" + "".join(
    f"Nguyễn Thị Lan {i} woont bij Anaïs Çelik in de Ærøstraße; " for i in range(60)
)
ANSWER = "KANARIE-antwoord-9c1e Ĳsselmeer ‘aanhalingstekens’ 🎈"
EVENT = "KANARIE-gebeurtenis-55d2 ürün"
UPDATED = "KANARIE-bijgewerkt-b0b0 Ünal"
DELETED = "KANARIE-verwijderd-d3d3 Şahin"
CANARIES = (SHORT, LONG, ANSWER, EVENT, UPDATED, DELETED)


def _needles(text: str) -> list[bytes]:
    """The text in UTF-8, UTF-16 (LE and BE) and Latin-1 where it fits; for long texts
    also a fragment, so that a partial leak is caught as well."""
    pieces = [text] if len(text) <= 40 else [text, text[:24], text[len(text) // 2 :][:24]]
    out = []
    for piece in pieces:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "latin-1"):
            try:
                out.append(piece.encode(encoding))
            except UnicodeEncodeError:
                continue
    out.append(b"KANARIE")
    out.append("KANARIE".encode("utf-16-le"))
    return out


NEEDLES = sorted({n for c in CANARIES for n in _needles(c)})


def scan(directory: Path) -> list[str]:
    """Every (file, needle) where a canary occurs. Reads every file under ``directory``."""
    hits = []
    files = [p for p in directory.rglob("*") if p.is_file()]
    assert files, f"nothing to scan in {directory}"
    for path in files:
        data = path.read_bytes()
        for needle in NEEDLES:
            if needle in data:
                hits.append(f"{path.relative_to(directory)}: {needle[:30]!r}")
    return hits


def canary_document(case_id: str = "casus-kanarie") -> dict[str, object]:
    doc = sample_document(case_id)
    doc["case"]["family_name"] = SHORT  # type: ignore[index]
    doc["case"]["aanleiding"] = LONG  # type: ignore[index]
    doc["persons"][0]["name"] = SHORT  # type: ignore[index]
    doc["persons"][1]["address"] = LONG  # type: ignore[index]
    doc["life_events"][0]["description"] = EVENT  # type: ignore[index]
    doc["forms"][0]["answers"]["directe_hulpvraag"] = ANSWER  # type: ignore[index]
    doc["items"][0]["answers"]["what"] = LONG  # type: ignore[index]
    return doc


def _fill_through_api(store: Store) -> None:
    """Names, answers and life events; then updates and deletes."""
    with store.write("Kanaries") as tx:
        tx.create(Case(id="c-api", case_id="c-api", family_name=SHORT, aanleiding=LONG))
        tx.create(Person(id="p-1", case_id="c-api", name=SHORT, address=LONG))
        tx.create(Person(id="p-2", case_id="c-api", name=DELETED, role="netwerk"))
        tx.create(
            LifeEvent(id="e-1", case_id="c-api", date="2016", description=EVENT, persons=["p-1"])
        )
        tx.create(
            Form(
                id=Form.make_id("c-api", "gezinspatroon", "patroon"),
                case_id="c-api",
                template="gezinspatroon",
                section="patroon",
                answers={"patroon": ANSWER, "nobele_intentie": LONG},
            )
        )
    with store.write("Bijgewerkt") as tx:
        tx.set("person", "p-1", "name", UPDATED)
        tx.set("life_event", "e-1", "description", UPDATED)
        tx.set("form", Form.make_id("c-api", "gezinspatroon", "patroon"), "answer.patroon", UPDATED)
    with store.write("Verwijderd") as tx:
        tx.delete("person", "p-2")
        tx.log_disclosure("c-api", SHORT, DELETED, "wettelijke grondslag", EVENT)


def _assert_canaries_stored(store: Store) -> None:
    """The scan means something only if the canaries really are in the store."""
    case = store.load_case("c-api")
    assert case.case.family_name == SHORT
    assert case.persons[0].name == UPDATED
    assert store.history("person", "p-2", "name")[0].new == DELETED


# -- the scanner can find a leak -----------------------------------------------------


def test_scanner_finds_canaries_in_plain_store_and_export(tmp_path: Path) -> None:
    plain_dir = tmp_path / "onversleuteld"
    plain_dir.mkdir()
    store = Store.open(plain_dir / "casusregie.db", None, create=True, plain=True)
    try:
        _fill_through_api(store)
        assert scan(plain_dir)  # found in the open WAL/database
    finally:
        store.close()
    assert scan(plain_dir)  # and in the checkpointed database
    export_dir = tmp_path / "uitvoer"
    export_dir.mkdir()
    (export_dir / "x.json").write_text(
        json.dumps(canary_document(), ensure_ascii=False), encoding="utf-8"
    )
    assert scan(export_dir)
    utf16 = tmp_path / "utf16"
    utf16.mkdir()
    (utf16 / "x.bin").write_bytes(b"\0" * 100 + UPDATED.encode("utf-16-le") + b"\0")
    assert scan(utf16)


# -- the encrypted store -------------------------------------------------------------


def test_no_canary_after_cli_import(
    tmp_path: Path, profile: Profile, passphrase_file: Path
) -> None:
    profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
    source = write_json(tmp_path / "invoer.json", canary_document())  # outside the store
    result = run_cli(
        "case", "import", source, store=profile.directory, passphrase_file=passphrase_file
    )
    assert result.returncode == 0, result.stderr
    assert SHORT not in result.stdout + result.stderr
    assert scan(profile.directory) == []
    # a wrong passphrase writes unlock.json: still nothing
    wrong = tmp_path / "fout.txt"
    wrong.write_text(SHORT, encoding="utf-8")
    assert run_cli("case", "list", store=profile.directory, passphrase_file=wrong).returncode == 3
    assert (profile.attempts_path).exists()
    assert scan(profile.directory) == []
    with profile.unlock(PASSPHRASE, sleep=lambda s: None) as s:
        assert s.load_case("casus-kanarie").case.family_name == SHORT


def test_no_canary_with_open_store_and_unflushed_wal(profile: Profile) -> None:
    store = profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False)
    try:
        _fill_through_api(store)
        _assert_canaries_stored(store)
        wal = profile.directory / "casusregie.db-wal"
        assert wal.exists() and wal.stat().st_size > 0  # not checkpointed yet
        assert (profile.directory / "casusregie.db-shm").exists()
        assert scan(profile.directory) == []
        # a second connection reading at the same time (as a sync worker would)
        other = Store.open(profile.db_path, bytes(store._key))  # type: ignore[arg-type]
        try:
            _assert_canaries_stored(other)
            assert scan(profile.directory) == []
        finally:
            other.close()
    finally:
        store.close()
    assert scan(profile.directory) == []  # and after a clean close (checkpointed)


WRITER = textwrap.dedent("""
    import sys
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from casusregie.store.profile import Profile
    import test_canary
    store = Profile(Path(sys.argv[1])).unlock(sys.argv[2])
    test_canary._fill_through_api(store)
    print("klaar", flush=True)
    sys.stdin.read()  # wait to be killed, never closing the store
""")


def test_no_canary_after_killed_process(tmp_path: Path, profile: Profile) -> None:
    profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
    script = tmp_path / "schrijver.py"
    script.write_text(WRITER, encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            str(profile.directory),
            PASSPHRASE,
            str(Path(__file__).parent),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
        cwd=ROOT,
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        assert line.strip() == "klaar", proc.stderr.read() if proc.stderr else ""
        assert scan(profile.directory) == []  # while the writer holds the store open
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.communicate()
    assert (profile.directory / "casusregie.db-wal").stat().st_size > 0
    assert scan(profile.directory) == []  # as the killed process left it
    with profile.unlock(PASSPHRASE) as s:  # recovery from the WAL
        _assert_canaries_stored(s)
    assert scan(profile.directory) == []


def test_no_canary_in_backup(tmp_path: Path, profile: Profile, passphrase_file: Path) -> None:
    store = profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False)
    try:
        _fill_through_api(store)
        backup = profile.backup(store, tmp_path / "back-ups")
    finally:
        store.close()
    assert scan(tmp_path / "back-ups") == []
    result = run_cli(
        "store",
        "backup",
        tmp_path / "cli-back-ups",
        store=profile.directory,
        passphrase_file=passphrase_file,
    )
    assert result.returncode == 0, result.stderr
    assert scan(tmp_path / "cli-back-ups") == []
    restored = Profile(tmp_path / "teruggezet")
    restored.restore(backup, PASSPHRASE)
    with restored.unlock(PASSPHRASE) as s:
        _assert_canaries_stored(s)
    assert scan(restored.directory) == []
    assert scan(backup) == []  # restore opened the backup in place: still nothing
