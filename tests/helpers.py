"""Shared helpers for the store, CLI and import tests (fixtures live in conftest.py).

``sample_document`` builds a small but complete case-v1 document in code, so the tests
do not depend on the demo family in ``resources/demo``.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from casusregie.store.keyfile import KdfParams

ROOT = Path(__file__).resolve().parents[1]

#: Cheap Argon2id cost for tests. The production defaults (``KdfParams()``) are checked
#: on their own in test_keyfile.py; every other test uses this so the suite stays fast.
FAST_KDF = KdfParams(time_cost=1, memory_cost_kib=8192, parallelism=1)

PASSPHRASE = "paard-batterij-nietje 'ß' \"ok\""
CASE_ID = "casus-2024-001"


def sample_document(case_id: str = CASE_ID) -> dict[str, Any]:
    """A valid case-v1 document: Unicode names, relations, events, help, a form, an item."""
    return {
        "format": "casusregie-case",
        "version": 1,
        "case": {
            "id": case_id,
            "family_name": "Çelik-Nguyễn",
            "aanleiding": "Zorgmelding school: veel verzuim van Anaïs.",
            "phase": "lokaal_team",
            "regisseur": "R. de Vries",
            "opened_on": "2024-02",
        },
        "persons": [
            {
                "id": "p-moeder",
                "name": "Anaïs Çelik",
                "birth_date": "1988-03-14",
                "gender": "v",
                "role": "moeder",
                "phone": "06-12345678",
            },
            {
                "id": "p-vader",
                "name": "Nguyễn Văn Minh",
                "birth_date": "1985",
                "gender": "m",
                "role": "vader",
                "address": "Straße 1, Ærø",
            },
            {
                "id": "p-kind",
                "name": "Nguyễn Thị Lan",
                "birth_date": "2012-09",
                "gender": "v",
                "role": "kind",
                "index_child": True,
            },
            {
                "id": "p-oma",
                "name": "Ayşe Özdemir",
                "gender": "v",
                "role": "grootouder",
                "deceased": True,
                "death_date": "2020",
                "relation_to_child": "oma (mz)",
            },
        ],
        "relations": [
            {
                "id": "r-1",
                "kind": "partner",
                "type": "gescheiden",
                "person_a": "p-moeder",
                "person_b": "p-vader",
                "start": "2010",
                "end": "2016-05",
            },
            {
                "id": "r-2",
                "kind": "ouder_kind",
                "type": "biologisch",
                "person_a": "p-moeder",
                "person_b": "p-kind",
            },
            {
                "id": "r-3",
                "kind": "ouder_kind",
                "type": "biologisch",
                "person_a": "p-vader",
                "person_b": "p-kind",
            },
        ],
        "life_events": [
            {
                "id": "e-1",
                "date": "2016",
                "description": "Ouders uit elkaar 💔",
                "persons": ["p-moeder", "p-vader"],
                "certainty": "feit",
                "source": "moeder",
            },
            {
                "id": "e-2",
                "date": "2019-11-02",
                "end_date": "2020-01",
                "description": "Oma Özdemir ziek, overleden in 2020",
                "persons": ["p-oma"],
                "certainty": "aanname",
                "leefgebied": "gezondheid",
            },
        ],
        "help_episodes": [
            {
                "id": "h-1",
                "provider": "Jeugdteam Zuid",
                "start": "2023-01",
                "status": "lopend",
                "aimed_at": "gezin",
                "persons": ["p-moeder", "p-kind"],
                "goals": "Rust thuis",
            },
            {
                "id": "h-2",
                "provider": "GGZ",
                "start": "2018",
                "end": "2019",
                "status": "afgesloten",
                "aimed_at": None,
                "result": "Gestopt",
            },
        ],
        "forms": [
            {
                "template": "gezinspatroon",
                "section": "hulpvraag",
                "person": None,
                "version": 1,
                "answers": {
                    "directe_hulpvraag": "Lan weer naar school.",
                    "leefgebieden": ["school", "opgroeiproblemen"],
                },
            },
            {
                "template": "gezinspatroon",
                "section": "moeder",
                "person": "p-moeder",
                "version": 1,
                "answers": {"gedrag": "Trekt zich terug."},
            },
        ],
        "items": [
            {
                "id": "i-1",
                "template": "veiligheidsplan",
                "section": "afspraken",
                "position": 0,
                "version": 2,
                "answers": {
                    "what": "Oma Özdemir belt elke avond.",
                    "owner": "Anaïs",
                    "status": "open",
                },
            },
        ],
    }


def write_json(path: Path, doc: Any) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def without_exported_at(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "exported_at"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_hashes(directory: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``directory`` (empty if missing)."""
    if not directory.exists():
        return {}
    return {
        str(p.relative_to(directory)): sha256(p)
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a CLI subprocess: no passphrase from the environment, no OS
    keyring (so a developer's real keyring is never read or written)."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("CASUSREGIE_PASSPHRASE", "CASUSREGIE_NEW_PASSPHRASE")
    }
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_cli(
    *args: str | os.PathLike[str],
    store: Path | None = None,
    passphrase_file: Path | None = None,
    stdin: Any = subprocess.DEVNULL,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``python -m casusregie [--store DIR] [--passphrase-file F] args...``"""
    cmd: list[str] = [sys.executable, "-m", "casusregie"]
    if store is not None:
        cmd += ["--store", str(store)]
    if passphrase_file is not None:
        cmd += ["--passphrase-file", str(passphrase_file)]
    cmd += [str(a) for a in args]
    return subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        stdin=stdin,
        env=env or cli_env(),
        cwd=ROOT,
        check=False,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    """The CLI contract for errors: exit code, exactly one line on stderr, no traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "Traceback" not in result.stdout
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("casusregie: "), lines[0]
    return lines[0]


def flip_byte(path: Path, offset: int | None = None) -> None:
    """Invert one byte (the middle one by default)."""
    data = bytearray(path.read_bytes())
    where = len(data) // 2 if offset is None else offset
    data[where] ^= 0xFF
    path.write_bytes(bytes(data))
