"""Command lines (issue 16 items 9 and 10).

Item 9: importing a second case that reuses entity ids of a case already in the store
exited 70 ("onverwachte fout (ValueError)"); it is refused whole, exit 8, Dutch.
Item 10: ``--passphrase-file`` (and ``--store``) work after the sub-command too; the
office's command line speaks Dutch in its help and its errors.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from casusregie.office import cli as office_cli
from casusregie.store.profile import Profile
from helpers import (
    CASE_ID,
    PASSPHRASE,
    ROOT,
    assert_one_line_error,
    cli_env,
    run_cli,
    sample_document,
    write_json,
)


def test_import_reusing_entity_ids_of_another_case_is_refused(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    """Issue 16 item 9: a second case whose persons, events... carry the ids of the case
    already in the store: exit 8, one Dutch line, nothing written."""
    doc = write_json(tmp_path / "tweede.json", sample_document("casus-2024-002"))
    result = run_cli(
        "case", "import", doc, store=filled_profile.directory, passphrase_file=passphrase_file
    )
    line = assert_one_line_error(result, 8)
    assert "niets ingelezen" in line
    assert "Çelik" not in result.stderr and "p-moeder" not in result.stderr
    listed = run_cli(
        "case", "list", store=filled_profile.directory, passphrase_file=passphrase_file
    )
    assert listed.stdout.count("\n") == 1
    assert CASE_ID in listed.stdout


def test_import_reusing_ids_of_a_deleted_entity_is_refused(
    filled_profile: Profile, tmp_path: Path
) -> None:
    """Issue 16 item 9: a deleted entity's id is still taken: re-creating it would revive
    it inside the other case."""
    from casusregie.domain.errors import ImportRefused
    from casusregie.store.caseio import import_case

    store = filled_profile.unlock(PASSPHRASE)
    try:
        with store.write("Persoon verwijderd") as tx:
            tx.delete("person", "p-vader")
        doc = sample_document("casus-2024-003")
        doc["persons"] = [p for p in doc["persons"] if p["id"] == "p-vader"]
        doc = {k: v for k, v in doc.items() if k in ("format", "version", "case", "persons")}
        with pytest.raises(ImportRefused):
            import_case(store, doc)
        assert not store.has_case("casus-2024-003")
    finally:
        store.close()


@pytest.mark.parametrize(
    "where",
    [
        ["case", "list", "--passphrase-file", "{pw}"],
        ["case", "--passphrase-file", "{pw}", "list"],
        ["case", "list", "--passphrase-file={pw}"],
        ["store", "check", "--passphrase-file", "{pw}", "--store", "{store}"],
    ],
)
def test_passphrase_file_anywhere(
    filled_profile: Profile, passphrase_file: Path, where: list[str]
) -> None:
    """Issue 16 item 10: ``--passphrase-file`` after the sub-command (it used to work
    only before it)."""
    args = [a.format(pw=passphrase_file, store=filled_profile.directory) for a in where]
    store = None if "--store" in args else filled_profile.directory
    result = run_cli(*args, store=store)
    assert result.returncode == 0, result.stderr


def test_passphrase_file_after_export_arguments(
    filled_profile: Profile, passphrase_file: Path, tmp_path: Path
) -> None:
    """Issue 16 item 10: also after a command's own arguments."""
    out = tmp_path / "uit.json"
    result = run_cli(
        "case", "export", CASE_ID, "-o", out, "--passphrase-file", passphrase_file,
        store=filled_profile.directory,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert out.exists()


def test_hoisting_leaves_arguments_after_double_dash() -> None:
    """Issue 16 item 10: nothing after ``--`` is moved."""
    from casusregie.cli.main import hoist_global_options

    assert hoist_global_options(["case", "list", "--passphrase-file", "f"]) == [
        "--passphrase-file", "f", "case", "list",
    ]  # fmt: skip
    assert hoist_global_options(["x", "--", "--store", "d"]) == ["x", "--", "--store", "d"]


ENGLISH = ("usage:", "show this help", "positional arguments", "optional arguments", "error:")


def _office_help(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit):
        office_cli.main([*args, "--help"])
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "args",
    [[], ["serve"], ["device"], ["device", "add"], ["device", "list"], ["device", "revoke"],
     ["case"], ["case", "assign"], ["case", "show"], ["audit"], ["openapi"]],
)  # fmt: skip
def test_office_help_is_dutch(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 16 item 10: the office CLI's help was English ("usage", "show this help",
    untranslated options)."""
    text = _office_help(args, capsys)
    assert text.startswith("gebruik: casusregie-office")
    for word in ENGLISH:
        assert word not in text
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") and "  " not in stripped and not line.startswith("gebruik"):
            pytest.fail(f"option without Dutch help: {stripped}")


def test_office_cli_error_is_dutch() -> None:
    """Issue 16 item 10: a wrong office command is one Dutch line, exit 2."""
    result = subprocess.run(
        [sys.executable, "-m", "casusregie.office.cli", "onzin"],
        capture_output=True, text=True, encoding="utf-8", env=cli_env(), cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("casusregie-office: ongeldige opdracht")
    assert "invalid choice" not in result.stderr
    assert "usage" not in result.stderr
