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
