"""The issue's scenario, end to end through both command lines and a real office:
record consent for two categories, sync, withdraw one, sync again; the office holds
exactly the one consented category (``casusregie-office case show``), on SQLite and on
PostgreSQL, and both sides logged the retraction."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from officekit import ThreadOffice

from casusregie.store.profile import Profile
from helpers import CASE_ID, PASSPHRASE, ROOT, cli_env, run_cli


def office_cli(office: ThreadOffice, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "casusregie.office.cli", "--data", str(office.data),
           "--db", office.db_url, *args]  # fmt: skip
    return subprocess.run(
        cmd, capture_output=True, text=True, encoding="utf-8", env=cli_env(), cwd=ROOT,
        check=False, timeout=120,
    )  # fmt: skip


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stdout


def test_consent_two_sync_withdraw_one_sync(
    office: ThreadOffice, filled_profile: Profile, passphrase_file: Path
) -> None:
    store_dir = filled_profile.directory

    def cli(*args: str) -> str:
        return ok(run_cli(*args, store=store_dir, passphrase_file=passphrase_file))

    code = ok(office_cli(office, "device", "add", "Laptop Ilse")).strip().splitlines()[-1]
    cli("enroll", office.url, code, "--naam", "laptop-1")
    added = cli(
        "consent", "add", CASE_ID, "identiteit", "hulpverlening",
        "--door", "p-moeder", "p-kind", "--vorm", "schriftelijk", "--doel", "Afstemming",
    )  # fmt: skip
    ids = {line.split("\t")[1]: line.split("\t")[0] for line in added.splitlines() if "\t" in line}
    assert set(ids) == {"identiteit", "hulpverlening"}
    assert "actief" in added
    # nothing goes the first time before it was shown
    assert "wachten tot u ze hebt bekeken" in cli("sync")
    shown = json.loads(ok(office_cli(office, "case", "show", CASE_ID)))
    assert set(shown["categories"]) == {"grondslag"}  # only the ledger, for a handover
    preview = cli("sync", "--voorbeeld")
    assert "Jeugdteam Zuid" in preview and "VOOR HET EERST" in preview
    assert "verstuurd" in cli("sync")

    shown = json.loads(ok(office_cli(office, "case", "show", CASE_ID)))
    assert set(shown["categories"]) == {"identiteit", "hulpverlening", "grondslag"}
    assert "Jeugdteam Zuid" in json.dumps(shown, ensure_ascii=False)

    cli("consent", "withdraw", ids["hulpverlening"])
    assert "intrekking" in cli("sync")

    shown = json.loads(ok(office_cli(office, "case", "show", CASE_ID)))
    assert shown["categories"] == ["grondslag", "identiteit"]
    text = json.dumps(shown, ensure_ascii=False)
    for value in ("Jeugdteam Zuid", "Rust thuis", "GGZ", "Gestopt"):  # help episodes
        assert value not in text
    assert "Anaïs Çelik" in text  # identiteit stays
    categories = {f["category"] for e in shown["entities"] for f in e["fields"].values()}
    assert categories == {"identiteit", "_structuur", "grondslag"}
    assert not any(e["entity_type"] == "help_episode" for e in shown["entities"])

    audit = json.loads(ok(office_cli(office, "audit", "--case", CASE_ID)))
    assert any(
        d["kind"] == "ingetrokken" and d["category"] == "hulpverlening" and d["n_values"] > 0
        for d in audit["disclosures"]
    )
    received = {d["category"] for d in audit["disclosures"] if d["kind"] == "ontvangen"}
    assert received == {"identiteit", "hulpverlening", "grondslag"}
    assert all(
        d["basis"] == "toestemming"
        for d in audit["disclosures"]
        if d["kind"] == "ontvangen" and d["category"] != "grondslag"
    )
    assert "Anaïs" not in json.dumps(audit, ensure_ascii=False)  # no names in the audit

    store = filled_profile.unlock(PASSPHRASE)
    try:
        log = store.disclosures(CASE_ID)
    finally:
        store.close()
    assert any("Intrekking" in d.what and d.basis == "Toestemming ingetrokken" for d in log)
    assert any("Hulpverlening" in d.what and d.recipient == "Centraal kantoor" for d in log)
    assert "Anaïs" not in " ".join(f"{d.what} {d.basis} {d.purpose}" for d in log)
