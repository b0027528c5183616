"""The office's deployment examples (installer/office/) say what the README promises.

Proves: the systemd unit runs as a non-root account with a 0700 state folder, umask 077
and the hardening options, and its command line is one ``casusregie-office`` accepts;
the Containerfile runs as a non-root user, checks ``/health`` and starts a valid
command; the compose example keeps PostgreSQL off the host and its password in a secret.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from casusregie.office.cli import build_parser

OFFICE = Path(__file__).resolve().parents[1] / "installer" / "office"


def _unit() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in (OFFICE / "casusregie-office.service").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            out.setdefault(key.strip(), []).append(value.strip())
    return out


def test_systemd_unit_is_non_root_private_and_hardened() -> None:
    unit = _unit()
    assert unit["User"] != ["root"] and unit["User"]
    assert unit["StateDirectory"] == ["casusregie-office"]
    assert unit["StateDirectoryMode"] == ["0700"]
    assert unit["UMask"] == ["0077"]
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
        "CapabilityBoundingSet": "",
    }.items():
        assert unit[key] == [value], key


def test_systemd_command_line_is_accepted_by_the_office() -> None:
    (exec_start,) = _unit()["ExecStart"]
    argv = shlex.split(exec_start.replace("${STATE_DIRECTORY}", "/var/lib/casusregie-office"))
    assert argv[0].endswith("/casusregie-office")
    args = build_parser().parse_args(argv[1:])
    assert args.command == "serve" and args.data == "/var/lib/casusregie-office"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_unit_verifies(tmp_path: Path) -> None:
    """``systemd-analyze verify`` on the unit (its binary pointed at a real program)."""
    text = (OFFICE / "casusregie-office.service").read_text(encoding="utf-8")
    unit = tmp_path / "casusregie-office.service"
    unit.write_text(
        text.replace("/opt/casusregie-office/bin/casusregie-office", "/bin/true"),
        encoding="utf-8",
    )
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_containerfile_runs_unprivileged_and_checks_health() -> None:
    text = (OFFICE / "Containerfile").read_text(encoding="utf-8")
    users = re.findall(r"^USER (\S+)", text, re.M)
    assert users and all(not u.startswith(("root", "0")) for u in users)
    assert "install -d -m 0700" in text
    (health,) = re.findall(r"^HEALTHCHECK .*?CMD (\[.*\])$", text, re.M | re.S)
    assert "/health" in health and "'ok'" in health
    entry = json.loads(re.findall(r"^ENTRYPOINT (\[.*\])$", text, re.M)[-1])
    cmd = json.loads(re.findall(r"^CMD (\[.*\])$", text, re.M)[-1])
    assert entry == ["casusregie-office"]
    assert build_parser().parse_args(cmd).command == "serve"
    ignored = (OFFICE / "Containerfile.dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", ".git"} <= set(ignored)


def test_compose_keeps_postgres_internal_and_its_password_secret() -> None:
    compose = yaml.safe_load((OFFICE / "compose.yaml").read_text(encoding="utf-8"))
    office, db = compose["services"]["kantoor"], compose["services"]["db"]
    assert "ports" not in db  # only the office reaches PostgreSQL
    assert db["environment"]["POSTGRES_PASSWORD_FILE"].startswith("/run/secrets/")
    assert "POSTGRES_PASSWORD" not in db["environment"]
    assert office["read_only"] is True and office["cap_drop"] == ["ALL"]
    script = office["entrypoint"][-1]
    assert "/run/secrets/pg-wachtwoord" in script and "@db:5432/" in script
    serve = shlex.split(script.split("exec ", 1)[1])
    assert serve[0] == "casusregie-office"
    assert build_parser().parse_args(serve[1:]).command == "serve"
