"""``casusregie consent list CASE --json`` on the demo family: gezag decides whose
consent counts (the stepfather has none), and each line says why it is not valid."""

from __future__ import annotations

import json

from helpers import run_cli


def test_consent_list_json_on_demo() -> None:
    result = run_cli("--demo", "consent", "list", "demo-bakker", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["id"]: row for row in json.loads(result.stdout)}
    for row in rows.values():
        assert set(row) == {"id", "category", "recipient", "basis", "valid", "reason"}
        assert isinstance(row["valid"], bool)
    # mother (gezag over all three), Mark (joint gezag over Lotte and Daan, kept after
    # the divorce) and Jayden (14) together: valid
    assert rows["ts-identiteit"]["valid"] is True
    assert rows["ts-identiteit"]["reason"] == ""
    assert rows["ts-aanleiding"] == {**rows["ts-aanleiding"], "valid": False,
                                     "reason": "ingetrokken"}  # fmt: skip
    # the stepfather and Jayden: not valid, and the reason names the role, not a name
    netwerk = rows["ts-netwerk"]
    assert netwerk["valid"] is False
    assert "partner van een ouder zonder gezag" in netwerk["reason"]
    assert "Ricardo" not in netwerk["reason"]


def test_sync_preview_on_demo_with_a_tijdlijn_consent() -> None:
    """``sync --voorbeeld`` without any office: per category exactly what would go; the
    health and police rows of the demo's tijdlijn are not among them."""
    added = run_cli(
        "--demo", "consent", "add", "demo-bakker", "relaties", "--door", "p-sanne", "p-mark",
        "p-jayden", "--vorm", "schriftelijk", "--datum", "2025-03-24", "--doel", "Afstemming",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    first = run_cli("--demo", "sync", "--voorbeeld")
    assert first.returncode == 0, first.stderr
    out = first.stdout
    assert "[relaties] Relaties en gezinsgeschiedenis — VOOR HET EERST" in out
    assert "[hulpverlening] Hulpverlening — VOOR HET EERST" in out
    assert "Mark verliest zijn baan" in out  # an everyday event goes
    assert "Kindergroep voor kinderen van gescheiden ouders" in out  # everyday help goes
    for secret in (
        "Intake bij de jeugd-GGZ voor Jayden",  # a jeugd-GGZ event (gezondheid)
        "Jeugd-GGZ (behandeling ADHD)",  # the jeugd-GGZ episode
        "postnatale depressie",
        "Buren bellen de politie",  # justitie
        "huisverbod van 10 dagen",
        "POH-GGZ bij de huisarts",
    ):
        assert secret not in out, secret
    assert "Gezondheid en verslaving:" in out and "Politie en justitie:" in out  # stay here
    assert "Er is niets verstuurd" in out
    again = run_cli("--demo", "sync", "--voorbeeld", "--casus", "demo-bakker")
    assert again.returncode == 0
    assert "VOOR HET EERST" not in again.stdout  # shown once: recorded in the store
    missing = run_cli("--demo", "sync", "--voorbeeld", "--casus", "bestaat-niet")
    assert missing.returncode == 10 and "Traceback" not in missing.stderr
