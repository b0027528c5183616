"""Repository-wide pytest hooks.

In CI (``CASUSREGIE_NO_SKIPS=1``, set by ``.ci/run``) a skipped test is a failure: CI
installs everything the tests need (an OS keyring, PostgreSQL), so a skip there means
a test silently did not run.

Every test that makes a Qt window runs offscreen, wherever it lives (tests/ui, the
installer's and the sync tests too), so the suite passes on a machine with no screen.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if (
        os.environ.get("CASUSREGIE_NO_SKIPS") == "1"
        and report.skipped
        and not hasattr(report, "wasxfail")
    ):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, where every test must run: {report.longrepr}"
