"""The command line, run as a subprocess (``python -m casusregie``): exit codes, one Dutch
line on stderr and never a traceback, lossless import/export, refused imports that
write nothing, and the disclosure row that an export leaves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from casusregie import __version__
from casusregie.domain.caseformat import from_document, to_document
from casusregie.store.keyfile import KdfParams, KeyFile
from casusregie.store.profile import Profile
from casusregie.templates import resource_path
from helpers import (
    CASE_ID,
    FAST_KDF,
    PASSPHRASE,
    assert_one_line_error,
    flip_byte,
    run_cli,
    sample_document,
    sha256,
    tree_hashes,
    without_exported_at,
    write_json,
)


def _state(profile: Profile) -> tuple[int, int, list[str]]:
    """(changes rows, transactions rows, case ids) of a closed profile."""
    with profile.unlock(PASSPHRASE, sleep=lambda s: None) as s:
        changes = s._db.execute("SELECT count(*) FROM changes").fetchone()[0]
        txns = s._db.execute("SELECT count(*) FROM transactions").fetchone()[0]
        return changes, txns, [c.id for c in s.list_cases()]


@pytest.fixture
def empty_profile(profile: Profile) -> Profile:
    profile.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
    return profile


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"casusregie {__version__}"


def test_unknown_command_is_dutch() -> None:
    result = run_cli("vlieg")
    assert result.returncode == 2
    assert "ongeldige opdracht" in result.stderr
    assert "Traceback" not in result.stderr


def test_templates_list() -> None:
    result = run_cli("templates", "list")
    assert result.returncode == 0, result.stderr
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert "gezinspatroon" in ids


def test_store_init_twice(profile: Profile, passphrase_file: Path) -> None:
    first = run_cli(
        "store",
        "init",
        "--naam",
        "Eva Ünal",
        "--geen-sleutelbos",
        store=profile.directory,
        passphrase_file=passphrase_file,
    )
    assert first.returncode == 0, first.stderr
    assert str(profile.directory) in first.stdout
    assert profile.exists()
    assert KeyFile.load(profile.key_path).kdf == KdfParams()  # production cost from the CLI
    with profile.unlock(PASSPHRASE) as s:
        assert s.author == "Eva Ünal"
    before = tree_hashes(profile.directory)
    second = run_cli(
        "store",
        "init",
        "--geen-sleutelbos",
        store=profile.directory,
        passphrase_file=passphrase_file,
    )
    line = assert_one_line_error(second, 5)
    assert "al een opslag" in line
    assert tree_hashes(profile.directory) == before


def test_store_init_short_passphrase(profile: Profile, tmp_path: Path) -> None:
    short = tmp_path / "kort.txt"
    short.write_text("kort\n", encoding="utf-8")
    result = run_cli(
        "store", "init", "--geen-sleutelbos", store=profile.directory, passphrase_file=short
    )
    assert "minstens" in assert_one_line_error(result, 1)
    assert not profile.exists()


def test_wrong_passphrase(filled_profile: Profile, tmp_path: Path) -> None:
    wrong = tmp_path / "fout.txt"
    wrong.write_text("dit is het niet\n", encoding="utf-8")
    db_before = sha256(filled_profile.db_path)
    key_before = sha256(filled_profile.key_path)
    names_before = {p.name for p in filled_profile.directory.iterdir()}
    result = run_cli("case", "list", store=filled_profile.directory, passphrase_file=wrong)
    line = assert_one_line_error(result, 3)
    assert "wachtwoord klopt niet" in line
    assert "dit is het niet" not in result.stderr
    assert result.stdout == ""
    assert sha256(filled_profile.db_path) == db_before
    assert sha256(filled_profile.key_path) == key_before
    # only the failed-attempt counter was added
    assert {p.name for p in filled_profile.directory.iterdir()} - names_before == {"unlock.json"}


def test_missing_passphrase_without_tty(filled_profile: Profile) -> None:
    result = run_cli("case", "list", store=filled_profile.directory)
    line = assert_one_line_error(result, 2)
    assert "Geen wachtwoord" in line
    assert "--passphrase-file" in line


def test_missing_store(tmp_path: Path, passphrase_file: Path) -> None:
    result = run_cli("case", "list", store=tmp_path / "nergens", passphrase_file=passphrase_file)
    assert "store init" in assert_one_line_error(result, 4)


def test_default_store_is_casusregie_home(_isolated_home: Path, passphrase_file: Path) -> None:
    result = run_cli("store", "init", "--geen-sleutelbos", passphrase_file=passphrase_file)
    assert result.returncode == 0, result.stderr
    assert (_isolated_home / "casusregie.db").exists()


def test_damaged_store_one_line_exit_6(filled_profile: Profile, passphrase_file: Path) -> None:
    flip_byte(filled_profile.db_path)
    result = run_cli(
        "case", "list", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 6)
    assert "beschadigd" in line
    check = run_cli(
        "store", "check", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert_one_line_error(check, 6)


def test_store_check(filled_profile: Profile, passphrase_file: Path) -> None:
    result = run_cli(
        "store", "check", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert result.returncode == 0, result.stderr
    assert "SQLCipher 4." in result.stdout
    assert "Casussen: 1" in result.stdout
    assert "in orde" in result.stdout


def test_passwd(filled_profile: Profile, passphrase_file: Path, tmp_path: Path) -> None:
    new = tmp_path / "nieuw.txt"
    new.write_text("een nieuw lang wachtwoord\n", encoding="utf-8")
    db_before = sha256(filled_profile.db_path)
    result = run_cli(
        "store",
        "passwd",
        "--new-passphrase-file",
        new,
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert result.returncode == 0, result.stderr
    assert sha256(filled_profile.db_path) == db_before
    old = run_cli("case", "list", store=filled_profile.directory, passphrase_file=passphrase_file)
    assert_one_line_error(old, 3)
    ok = run_cli("case", "list", store=filled_profile.directory, passphrase_file=new)
    assert ok.returncode == 0, ok.stderr


# -- import, list, export ------------------------------------------------------------


def test_import_list_export_round_trip(
    tmp_path: Path, empty_profile: Profile, passphrase_file: Path
) -> None:
    source = write_json(tmp_path / "invoer.json", sample_document())
    imported = run_cli(
        "case", "import", source, store=empty_profile.directory, passphrase_file=passphrase_file
    )
    assert imported.returncode == 0, imported.stderr
    assert CASE_ID in imported.stdout
    assert "4 personen" in imported.stdout

    listed = run_cli("case", "list", store=empty_profile.directory, passphrase_file=passphrase_file)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines() == [f"{CASE_ID}\tÇelik-Nguyễn\tlokaal_team"]

    out1 = tmp_path / "uit1.json"
    exported = run_cli(
        "case",
        "export",
        CASE_ID,
        "-o",
        out1,
        store=empty_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert exported.returncode == 0, exported.stderr
    doc1 = json.loads(out1.read_text(encoding="utf-8"))
    assert doc1["exported_at"]
    # lossless with respect to what went in (defaults written out in full)
    assert without_exported_at(doc1) == to_document(from_document(sample_document()))

    other = Profile(tmp_path / "ander")
    other.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
    again = run_cli("case", "import", out1, store=other.directory, passphrase_file=passphrase_file)
    assert again.returncode == 0, again.stderr
    to_screen = run_cli(
        "case", "export", CASE_ID, store=other.directory, passphrase_file=passphrase_file
    )
    assert to_screen.returncode == 0, to_screen.stderr
    doc2 = json.loads(to_screen.stdout)
    assert without_exported_at(doc2) == without_exported_at(doc1)
    assert not list(tmp_path.glob("*.deel"))


def test_export_writes_disclosure_row(
    tmp_path: Path, filled_profile: Profile, passphrase_file: Path
) -> None:
    out = tmp_path / "dossier.json"
    result = run_cli(
        "case",
        "export",
        CASE_ID,
        "-o",
        out,
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert result.returncode == 0, result.stderr
    screen = run_cli(
        "case", "export", CASE_ID, store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert screen.returncode == 0, screen.stderr
    with filled_profile.unlock(PASSPHRASE) as s:
        rows = s.disclosures(CASE_ID)
    assert [r.recipient for r in rows] == [str(out), "het scherm"]
    assert all(r.case_id == CASE_ID and r.by_author == "Test-regisseur" for r in rows)
    assert all(r.what and r.basis and r.purpose and r.at for r in rows)


def test_export_unknown_case(filled_profile: Profile, passphrase_file: Path) -> None:
    result = run_cli(
        "case",
        "export",
        "bestaat-niet",
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert "bestaat niet" in assert_one_line_error(result, 2)
    with filled_profile.unlock(PASSPHRASE) as s:
        assert s.disclosures("bestaat-niet") == []


def _other(doc: dict[str, Any]) -> dict[str, Any]:
    doc["case"]["id"] = "casus-ander"
    return doc


def _bad_documents() -> dict[str, tuple[Any, str]]:
    """name -> (file content: bytes or a document, a word the message must hold)"""
    role = _other(sample_document())
    role["persons"][0]["role"] = "tante"
    dangling = _other(sample_document())
    dangling["relations"][0]["person_b"] = "p-bestaat-niet"
    section = _other(sample_document())
    section["forms"][0]["section"] = "bestaat_niet"
    field = _other(sample_document())
    field["forms"][0]["answers"]["geen_veld"] = "x"
    date = _other(sample_document())
    date["life_events"][0]["date"] = "2021-02-30"
    fmt = _other(sample_document())
    fmt["format"] = "iets-anders"
    v2 = _other(sample_document())
    v2["version"] = 2
    not_utf8 = json.dumps(_other(sample_document()), ensure_ascii=False).encode(
        "latin-1", "replace"
    )
    return {
        "invalid JSON": (b'{"format": "casusregie-case", "version": 1, "case": {', "JSON"),
        "not UTF-8": (not_utf8, "UTF-8"),
        "not an object": (b"[1, 2, 3]", "geen casusbestand"),
        "wrong format": (fmt, "format"),
        "version 2": (v2, "versie 2"),
        "unknown role": (role, "persons/0/role"),
        "dangling person": (dangling, "onbekende persoon"),
        "duplicate case id": (sample_document(), "bestaat al"),
        "unknown section": (section, "onbekend sjabloononderdeel 'gezinspatroon.bestaat_niet'"),
        "unknown answer": (field, "onbekend veld"),
        "impossible date": (date, "geen geldige datum"),
    }


BAD = _bad_documents()


@pytest.mark.parametrize("name", list(BAD))
def test_bad_import_refused_and_nothing_written(
    name: str, tmp_path: Path, filled_profile: Profile, passphrase_file: Path
) -> None:
    content, word = BAD[name]
    path = tmp_path / "invoer.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        write_json(path, content)
    before = _state(filled_profile)
    result = run_cli(
        "case", "import", path, store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 8)
    assert word in line, line
    for private in ("Anaïs", "Çelik", "Özdemir", "Nguyễn", "06-12345678"):
        assert private not in result.stderr  # the problem is named, not the data
    assert _state(filled_profile) == before


def test_import_of_missing_file(
    tmp_path: Path, filled_profile: Profile, passphrase_file: Path
) -> None:
    before = _state(filled_profile)
    result = run_cli(
        "case",
        "import",
        tmp_path / "weg.json",
        store=filled_profile.directory,
        passphrase_file=passphrase_file,
    )
    assert "bestaat niet" in assert_one_line_error(result, 8)
    assert _state(filled_profile) == before


def test_demo_smoke(passphrase_file: Path) -> None:
    """The only test that reads resources/demo/familie-demo.json."""
    if not resource_path("demo", "familie-demo.json").exists():
        pytest.skip("resources/demo/familie-demo.json is not there yet (being written)")
    result = run_cli("--demo", "case", "list")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) >= 1
    check = run_cli("--demo", "store", "check")
    assert check.returncode == 0, check.stderr
