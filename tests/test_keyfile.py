"""The key file (database key wrapped by the passphrase), the growing unlock delay,
changing the passphrase, and that no passphrase or user text is spliced into SQL."""

from __future__ import annotations

import ast
import base64
import json
from pathlib import Path

import pytest

from casusregie.domain.errors import CasusregieError, StoreDamaged, WrongPassphrase
from casusregie.store.keyfile import KdfParams, KeyFile, new_database_key
from casusregie.store.profile import Profile, unlock_delay
from helpers import CASE_ID, FAST_KDF, PASSPHRASE, sha256

SRC = Path(__file__).resolve().parents[1] / "src" / "casusregie"


def _key_of(profile: Profile, passphrase: str = PASSPHRASE) -> bytes:
    return KeyFile.load(profile.key_path).unwrap(passphrase)


def test_key_is_32_random_bytes_different_per_profile(tmp_path: Path) -> None:
    keys = []
    for name in ("a", "b"):
        p = Profile(tmp_path / name)
        p.create(PASSPHRASE, kdf=FAST_KDF, use_keyring=False).close()
        keys.append(_key_of(p))
    assert all(len(k) == 32 for k in keys)
    assert keys[0] != keys[1]
    assert len({new_database_key() for _ in range(20)}) == 20


def test_keyfile_holds_no_key_in_clear(filled_profile: Profile) -> None:
    key = _key_of(filled_profile)
    text = filled_profile.key_path.read_text(encoding="utf-8")
    raw = filled_profile.key_path.read_bytes()
    for form in (
        key.hex(),
        key.hex().upper(),
        base64.b64encode(key).decode(),
        base64.urlsafe_b64encode(key).decode(),
        base64.b64encode(key).decode()[:40],
    ):
        assert form not in text
    assert key not in raw
    data = json.loads(text)
    assert data["format"] == "casusregie-keyfile"
    assert data["kdf"]["name"] == "argon2id"
    assert PASSPHRASE not in text


def test_wrong_passphrase(filled_profile: Profile) -> None:
    with pytest.raises(WrongPassphrase):
        filled_profile.unlock("helemaal-verkeerd", sleep=lambda s: None)
    with pytest.raises(WrongPassphrase):
        KeyFile.load(filled_profile.key_path).unwrap(PASSPHRASE + " ")


@pytest.mark.parametrize(
    "change",
    [
        {"time_cost": 1},
        {"memory_cost_kib": 8192},
        {"parallelism": 2},
        {"time_cost": 5},
    ],
)
def test_tampered_kdf_params_refused(profile: Profile, change: dict[str, int]) -> None:
    # Made with a higher cost than FAST_KDF, so lowering it is possible.
    kdf = KdfParams(time_cost=2, memory_cost_kib=16384, parallelism=1)
    profile.create(PASSPHRASE, kdf=kdf, use_keyring=False).close()
    data = json.loads(profile.key_path.read_text(encoding="utf-8"))
    data["kdf"].update(change)
    profile.key_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises((StoreDamaged, WrongPassphrase)):
        KeyFile.load(profile.key_path).unwrap(PASSPHRASE)
    with pytest.raises((StoreDamaged, WrongPassphrase)):
        profile.unlock(PASSPHRASE, sleep=lambda s: None)


@pytest.mark.parametrize(
    "change",
    [
        {"time_cost": 0},
        {"memory_cost_kib": 1024},
        {"name": "pbkdf2"},
        {"salt": "@@"},
    ],
)
def test_trivial_or_unknown_kdf_refused_as_damaged(
    filled_profile: Profile, change: dict[str, object]
) -> None:
    data = json.loads(filled_profile.key_path.read_text(encoding="utf-8"))
    data["kdf"].update(change)
    filled_profile.key_path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(StoreDamaged):
        filled_profile.unlock(PASSPHRASE, sleep=lambda s: None)


def test_tampered_profile_id_or_nonce_refused(filled_profile: Profile) -> None:
    """Edited without recomputing the checksum: damaged (issue 16 item 4). Edited with a
    recomputed checksum: indistinguishable from a wrong passphrase (keyfile.py says why)."""
    from casusregie.store.keyfile import _checksum

    original = filled_profile.key_path.read_text(encoding="utf-8")
    for edit in ("profile_id", "nonce"):
        data = json.loads(original)
        if edit == "profile_id":
            data["profile_id"] = "0" * 32
        else:
            nonce = bytearray(base64.b64decode(data["nonce"]))
            nonce[0] ^= 1
            data["nonce"] = base64.b64encode(bytes(nonce)).decode()
        filled_profile.key_path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(StoreDamaged):
            KeyFile.load(filled_profile.key_path).unwrap(PASSPHRASE)
        data.pop("checksum")
        data["checksum"] = _checksum(data)
        filled_profile.key_path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(WrongPassphrase):
            KeyFile.load(filled_profile.key_path).unwrap(PASSPHRASE)


@pytest.mark.parametrize("content", ["", "{", "[]", '{"format": "iets anders"}', "\xff"])
def test_unreadable_keyfile_is_damaged(filled_profile: Profile, content: str) -> None:
    filled_profile.key_path.write_text(content, encoding="latin-1")
    with pytest.raises(StoreDamaged):
        filled_profile.unlock(PASSPHRASE, sleep=lambda s: None)


def test_production_kdf_defaults_are_strong() -> None:
    kdf = KdfParams()
    assert kdf.time_cost >= 3
    assert kdf.memory_cost_kib >= 64 * 1024
    assert kdf.parallelism >= 1


def test_production_defaults_wrap_and_unwrap() -> None:
    """One real round trip with the production cost (the rest of the suite uses FAST_KDF)."""
    key = new_database_key()
    kf = KeyFile.wrap(key, PASSPHRASE, "profiel-x")
    assert kf.kdf == KdfParams()
    again = KeyFile.from_json(json.loads(json.dumps(kf.to_json())))
    assert again.unwrap(PASSPHRASE) == key


# -- changing the passphrase ---------------------------------------------------------


def test_change_passphrase_keeps_database_bytes(filled_profile: Profile) -> None:
    db_before = sha256(filled_profile.db_path)
    key_before = _key_of(filled_profile)
    keyfile_before = filled_profile.key_path.read_bytes()
    filled_profile.change_passphrase(PASSPHRASE, "een heel nieuw wachtwoord")
    assert sha256(filled_profile.db_path) == db_before
    assert filled_profile.key_path.read_bytes() != keyfile_before
    assert _key_of(filled_profile, "een heel nieuw wachtwoord") == key_before
    with pytest.raises(WrongPassphrase):
        filled_profile.unlock(PASSPHRASE, sleep=lambda s: None)
    with filled_profile.unlock("een heel nieuw wachtwoord", sleep=lambda s: None) as s:
        assert [c.id for c in s.list_cases()] == [CASE_ID]
    assert not list(filled_profile.directory.glob("*.nieuw"))


def test_change_passphrase_with_wrong_old_changes_nothing(filled_profile: Profile) -> None:
    before = filled_profile.key_path.read_bytes()
    with pytest.raises(WrongPassphrase):
        filled_profile.change_passphrase("niet het wachtwoord", "een heel nieuw wachtwoord")
    assert filled_profile.key_path.read_bytes() == before


def test_change_passphrase_to_short_refused(filled_profile: Profile) -> None:
    before = filled_profile.key_path.read_bytes()
    with pytest.raises(CasusregieError):
        filled_profile.change_passphrase(PASSPHRASE, "kort")
    assert filled_profile.key_path.read_bytes() == before


# -- growing delay -------------------------------------------------------------------


class FakeClock:
    def __init__(self, start: float = 1_700_000_000.0) -> None:
        self.t = start
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)


def _try(profile: Profile, clock: FakeClock, passphrase: str) -> bool:
    try:
        profile.unlock(passphrase, sleep=clock.sleep, now=clock.now).close()
        return True
    except WrongPassphrase:
        return False


def test_unlock_delay_schedule() -> None:
    assert [unlock_delay(n) for n in range(6)] == [0.0, 0.5, 1.0, 2.0, 4.0, 8.0]
    assert unlock_delay(100) == 30.0


def test_wrong_attempts_wait_longer_each_time(filled_profile: Profile) -> None:
    clock = FakeClock()
    for _ in range(5):
        assert not _try(filled_profile, clock, "fout wachtwoord")
    assert clock.sleeps == [0.5, 1.0, 2.0, 4.0]
    assert filled_profile.wait_before_unlock(clock.now) == 8.0


def test_no_wait_once_the_delay_has_passed(filled_profile: Profile) -> None:
    clock = FakeClock()
    assert not _try(filled_profile, clock, "fout wachtwoord")
    assert not _try(filled_profile, clock, "fout wachtwoord")  # waits 0.5
    clock.t += 10.0  # the regisseur comes back later: the 1 s wait is over
    assert _try(filled_profile, clock, PASSPHRASE)
    assert clock.sleeps == [0.5]


def test_right_passphrase_resets_delay(filled_profile: Profile) -> None:
    clock = FakeClock()
    for _ in range(3):
        _try(filled_profile, clock, "fout wachtwoord")
    assert _try(filled_profile, clock, PASSPHRASE)
    assert clock.sleeps == [0.5, 1.0, 2.0]  # the right one waited its turn too
    clock.sleeps.clear()
    assert not _try(filled_profile, clock, "fout wachtwoord")
    assert not _try(filled_profile, clock, "fout wachtwoord")
    assert clock.sleeps == [0.5]


def test_delay_survives_restart(filled_profile: Profile) -> None:
    clock = FakeClock()
    for _ in range(3):
        _try(filled_profile, clock, "fout wachtwoord")
    restarted = Profile(filled_profile.directory)  # a new program run
    assert not _try(restarted, clock, "fout wachtwoord")
    assert clock.sleeps == [0.5, 1.0, 2.0]
    assert restarted.wait_before_unlock(clock.now) == 4.0
    state = json.loads(restarted.attempts_path.read_text(encoding="utf-8"))
    assert set(state) == {"failures", "last"}  # nothing secret in unlock.json


def test_wrong_passphrase_message_names_the_wait(filled_profile: Profile) -> None:
    clock = FakeClock()
    with pytest.raises(WrongPassphrase) as info:
        filled_profile.unlock("fout wachtwoord", sleep=clock.sleep, now=clock.now)
    assert "klopt niet" in str(info.value)
    assert "fout wachtwoord" not in str(info.value)


# -- no user text in SQL -------------------------------------------------------------


HOSTILE = "'; DROP TABLE x; --\" ) ; PRAGMA key = 'x"


def test_profile_with_sql_in_passphrase_works(profile: Profile) -> None:
    with profile.create(HOSTILE, author=HOSTILE, kdf=FAST_KDF, use_keyring=False) as s:
        assert s.author == HOSTILE
        with s.write(HOSTILE) as tx:
            from casusregie.domain.model import Case

            tx.create(Case(id="c1", case_id="c1", family_name=HOSTILE, aanleiding=HOSTILE))
            tx.log_disclosure("c1", HOSTILE, HOSTILE, HOSTILE, HOSTILE)
    with profile.unlock(HOSTILE) as s:
        case = s.load_case("c1").case
        assert case.family_name == HOSTILE
        assert s.disclosures("c1")[0].recipient == HOSTILE
        assert s.integrity_problems() == []


def _execute_calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("execute", "executemany", "executescript")
            and node.args
        ):
            yield node


def _allowed_interpolation(path: Path, value: ast.expr) -> bool:
    text = ast.unparse(value)
    # PRAGMA key with our own random key (checked against ^[0-9a-f]{64}$); PRAGMA
    # user_version with int(); the fixed migration scripts.
    return (path.name == "sqlite.py" and text == "hex_key") or (
        path.name == "migrations.py"
        and (text.startswith("int(") or text == "MIGRATIONS[version - 1]")
    )


def _problems_in(path: Path, sql: ast.expr) -> list[str]:
    problems = []
    for node in ast.walk(sql):
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                if isinstance(part, ast.FormattedValue) and not _allowed_interpolation(
                    path, part.value
                ):
                    problems.append(f"f-string splices {ast.unparse(part.value)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"
        ):
            problems.append("str.format")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            problems.append("% formatting")
    return problems


def test_no_user_text_spliced_into_sql() -> None:
    found = []
    calls = 0
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for call in _execute_calls(tree):
            calls += 1
            for problem in _problems_in(path, call.args[0]):
                found.append(f"{path.relative_to(SRC)}:{call.lineno}: {problem}")
    assert calls > 20  # the scan really looked at the store's SQL
    assert found == []


def test_sql_scan_catches_splicing(tmp_path: Path) -> None:
    """The static check above can fail."""
    bad = ast.parse(
        "db.execute(f\"SELECT * FROM t WHERE name = '{name}'\")\n"
        'db.execute("SELECT {}".format(x))\n'
        'db.execute("SELECT %s" % x)\n'
    )
    problems = [p for c in _execute_calls(bad) for p in _problems_in(tmp_path / "x.py", c.args[0])]
    assert len(problems) == 3
