"""The demo profile: a separate store holding an invented family, for trying the app.

Its passphrase is public (shown on the unlock screen): it holds no real data.
"""

from __future__ import annotations

import json

from casusregie.store.profile import Profile, demo_profile_dir

__all__ = ["DEMO_PASSPHRASE", "demo_document", "ensure_demo_profile"]

DEMO_PASSPHRASE = "demo-wachtwoord"


def demo_document() -> dict[str, object]:
    from casusregie.templates import resource_path  # loaded late: not needed to start

    data: dict[str, object] = json.loads(
        resource_path("demo", "familie-demo.json").read_text(encoding="utf-8")
    )
    return data


def ensure_demo_profile() -> Profile:
    """The demo profile, created and filled on first use."""
    profile = Profile(demo_profile_dir())
    if not profile.exists():
        from casusregie.store.caseio import import_case  # jsonschema: only when making it

        store = profile.create(DEMO_PASSPHRASE, author="Demo-regisseur", use_keyring=False)
        try:
            import_case(store, demo_document(), action="Demogezin ingelezen")
        finally:
            store.close()
    return profile
