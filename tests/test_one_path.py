"""One path for every change, one way in: the entity registry does not depend on what was
imported first, and the app's unlock runs the same sequence as the CLI's (integrity,
schema migrations, template-answer migrations)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from casusregie.domain.child_talks import ChildTalk, drawing_from_bytes
from casusregie.domain.consent import Consent
from casusregie.domain.entities import ENTITY_TYPES
from casusregie.domain.model import Form, Restriction
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from helpers import CASE_ID, PASSPHRASE, ROOT, cli_env

ONLY_THE_STORE = """
import json, sys
from pathlib import Path
from casusregie.store.profile import Profile
store = Profile(Path(sys.argv[1])).unlock(sys.argv[2])
try:
    cf = store.load_case(sys.argv[3])
    print(json.dumps(sorted({e.ENTITY_TYPE for e in cf.entities()})))
finally:
    store.close()
"""


def _every_type(store: Store) -> None:
    """Add the entity types the sample case lacks (restriction, consent, a conversation
    with a child and its drawing)."""
    with store.write("Alle soorten") as tx:
        tx.create(
            Restriction(
                id="r-1",
                case_id=CASE_ID,
                target_type="person",
                target_id="p-kind",
                hidden_from=["p-vader"],
            )
        )
        tx.create(Consent(id="c-1", case_id=CASE_ID, category="identiteit"))
        tx.create(ChildTalk("t-1", CASE_ID, child="p-kind", date="2026-11-20"))
        png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16  # the store keeps bytes; no decoding here
        tx.create(drawing_from_bytes("d-1", CASE_ID, "t-1", png))


def test_a_fresh_interpreter_importing_only_the_store_loads_every_entity_type(
    filled_profile: Profile,
) -> None:
    store = filled_profile.unlock(PASSPHRASE)
    try:
        _every_type(store)
        types = {e.ENTITY_TYPE for e in store.load_case(CASE_ID).entities()}
    finally:
        store.close()
    assert types == set(ENTITY_TYPES)  # the case holds one of every registered type
    done = subprocess.run(
        [sys.executable, "-c", ONLY_THE_STORE, str(filled_profile.directory), PASSPHRASE, CASE_ID],
        capture_output=True,
        text=True,
        env=cli_env(),
        cwd=ROOT,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == sorted(ENTITY_TYPES)


def test_the_registry_names_every_entity_class() -> None:
    assert set(ENTITY_TYPES) == {
        "case",
        "person",
        "relation",
        "life_event",
        "help_episode",
        "form",
        "item",
        "restriction",
        "consent",
        "child_talk",
        "child_drawing",
    }
    assert all(name == cls.ENTITY_TYPE for name, cls in ENTITY_TYPES.items())


def _current() -> int:
    from casusregie.templates import load_templates

    return load_templates().get("veiligheidsplan").version


def _stale_answers(profile: Profile) -> None:
    """Answers saved under template version 0 (older than every shipped template)."""
    store = profile.unlock(PASSPHRASE)
    try:
        with store.write("Oude antwoorden") as tx:
            tx.create(
                Form(
                    id=Form.make_id(CASE_ID, "veiligheidsplan", "oud", None, None),
                    case_id=CASE_ID,
                    template="veiligheidsplan",
                    section="oud",
                    version=0,
                    answers={"iets": "bewaard"},
                )
            )
        assert (CASE_ID, "veiligheidsplan", 0) in store.answer_versions()
    finally:
        store.close()


def test_the_apps_unlock_runs_the_template_answer_migrations(filled_profile: Profile) -> None:
    from casusregie.ui.ops.profile import unlock

    _stale_answers(filled_profile)
    store = unlock(filled_profile, PASSPHRASE)  # what the unlock screen runs on its worker
    try:
        versions = store.answer_versions()
    finally:
        store.close()
    assert (CASE_ID, "veiligheidsplan", 0) not in versions
    assert (CASE_ID, "veiligheidsplan", _current()) in versions


def test_the_keyring_unlock_runs_them_too(
    filled_profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casusregie.store import keyfile, keyring_store

    _stale_answers(filled_profile)
    key = keyfile.KeyFile.load(filled_profile.key_path).unwrap(PASSPHRASE)
    monkeypatch.setattr(keyring_store, "load", lambda profile_id: key)
    store = filled_profile.unlock_with_keyring()
    assert store is not None
    try:
        assert (CASE_ID, "veiligheidsplan", _current()) in store.answer_versions()
    finally:
        store.close()


def test_the_cli_and_the_app_share_the_sequence() -> None:
    """No second copy of the sequence: the CLI opens through the profile."""
    source = (Path(ROOT) / "src/casusregie/cli/main.py").read_text(encoding="utf-8")
    assert "migrate_all_answers" not in source
