"""Real office servers on 127.0.0.1 for the sync tests, and a TCP proxy that cuts.

``ThreadOffice``: uvicorn in a thread of the test process, with every request body
captured (``bodies``): the wire as the server saw it, after TLS.
``ProcessOffice``: ``casusregie-office serve`` in a subprocess, to kill and restart.
``CutProxy``: forwards 127.0.0.1 traffic to the office and cuts connections after a
given number of bytes. Every loop here is bounded in count and time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from casusregie.domain.consent import LEDGER_CATEGORY, OFFICE
from casusregie.domain.model import new_id
from casusregie.office import repo, tls
from casusregie.office.cli import enrolment_code
from casusregie.office.storage import Database
from casusregie.store.consents import record_consent
from casusregie.store.database import Store
from casusregie.store.profile import Profile
from casusregie.store.syncstate import SyncState
from casusregie.sync import enroll
from helpers import FAST_KDF, PASSPHRASE, ROOT

PG_ENV = "CASUSREGIE_TEST_PG_URL"
#: who may consent for the sample family (child born 2012-09: 12-16 on most test dates)
GRANTORS = ["p-moeder", "p-kind"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"office on port {port} did not start")


class _Office:
    url: str
    db_url: str
    data: Path
    fingerprint: str

    def __init__(self, db_url: str, data: Path) -> None:
        self.db_url = db_url
        self.data = data
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        """The office database, opened from the test (as the admin CLI does)."""
        if self._db is None:
            self._db = Database(self.db_url, pool_size=2)
        return self._db

    def close_db(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def add_device(self, name: str = "Laptop") -> tuple[str, str]:
        device_id, code = repo.add_device(self.db, name)
        return device_id, enrolment_code(code, self.fingerprint)

    def show(self, case_id: str) -> dict[str, Any] | None:
        return repo.show_case(self.db, case_id)

    def categories(self, case_id: str) -> set[str]:
        """The content categories the office holds (not the ledger, which travels with
        the case for a handover: ``ledger``)."""
        shown = self.show(case_id)
        return set(shown["categories"]) - {LEDGER_CATEGORY} if shown else set()

    def ledger(self, case_id: str) -> dict[str, dict[str, Any]]:
        """The consent records the office keeps for a handover: id -> field values."""
        shown = self.show(case_id) or {"entities": []}
        return {
            e["entity_id"]: {k: v["value"] for k, v in e["fields"].items()}
            for e in shown["entities"]
            if e["entity_type"] == "consent"
        }


class ThreadOffice(_Office):
    def __init__(self, db_url: str, data: Path) -> None:
        import uvicorn

        from casusregie.office.app import create_app

        super().__init__(db_url, data)
        cert, key = tls.ensure_certificate(data)
        self.fingerprint = tls.fingerprint(cert)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.bodies: list[tuple[str, str, bytes]] = []
        self._server_db = Database(db_url)
        app = create_app(self._server_db, on_request=self._capture)
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=self.port,
            ssl_certfile=str(cert),
            ssl_keyfile=str(key),
            access_log=False,
            log_level="warning",
            lifespan="off",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        assert self.server.started, "office thread did not start"

    def _capture(self, method: str, path: str, body: bytes) -> None:
        self.bodies.append((method, path, body))

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self._server_db.close()
        self.close_db()


class ProcessOffice(_Office):
    def __init__(self, db_url: str, data: Path) -> None:
        super().__init__(db_url, data)
        cert, _ = tls.ensure_certificate(data)
        self.fingerprint = tls.fingerprint(cert)
        self.port = free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = data / "server.log"
        self.start()

    def start(self) -> None:
        cmd = [
            sys.executable, "-m", "casusregie.office.cli", "--data", str(self.data),
            "--db", self.db_url, "serve", "--port", str(self.port),
        ]  # fmt: skip
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, cwd=ROOT)
        wait_port(self.port)

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait(10)
        self.proc = None

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None
        self.close_db()


@contextlib.contextmanager
def database_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty office database for one test."""
    if backend == "sqlite":
        yield str(tmp_path / "kantoor.db")
        return
    import psycopg

    base = os.environ[PG_ENV]
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    head, _, _ = base.rpartition("/")
    try:
        yield f"{head}/{name}"
    finally:
        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def new_store(directory: Path, author: str = "Regisseur") -> Store:
    return Profile(directory).create(PASSPHRASE, author=author, kdf=FAST_KDF, use_keyring=False)


def enrolled(store: Store, office: _Office, name: str = "Laptop") -> str:
    device_id, code = office.add_device(name)
    enroll(store, office.url, code, name)
    return device_id


def consent(
    store: Store,
    case_id: str,
    categories: list[str],
    on: dt.date | None = None,
    **extra: Any,
) -> list[str]:
    made = record_consent(
        store,
        case_id,
        categories,
        given_by=extra.pop("given_by", GRANTORS),
        form="schriftelijk",
        given_on=(on or dt.date.today()).isoformat(),
        purpose=extra.pop("purpose", "Afstemming met het kantoor"),
        **extra,
    )
    shown(store, case_id, categories)
    return [c.id for c in made]


def shown(store: Store, case_id: str, categories: list[str]) -> None:
    """The regisseur looked at the preview of these categories (``sync --voorbeeld``):
    the engine sends nothing of a category the first time before that."""
    SyncState(store).mark_shown(case_id, categories, OFFICE)


class CutProxy:
    """127.0.0.1:port -> the office; the n-th connection is cut (RST) after
    ``cuts[n]`` bytes (both directions together); None lets it through."""

    def __init__(self, target: int, cuts: list[int | None]) -> None:
        self.target = target
        self.cuts = list(cuts)
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = int(self.sock.getsockname()[1])
        self.url = f"https://127.0.0.1:{self.port}"
        self.bytes = 0
        self.cut_count = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        deadline = time.monotonic() + 300
        while not self._stop.is_set() and time.monotonic() < deadline:
            try:
                client, _ = self.sock.accept()
            except OSError:
                continue
            limit = self.cuts.pop(0) if self.cuts else None
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), 5)
            except OSError:
                client.close()
                continue
            state = {"n": 0, "limit": limit}
            lock = threading.Lock()
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b, state, lock), daemon=True).start()

    def _pump(
        self, src: socket.socket, dst: socket.socket, state: dict[str, Any], lock: Any
    ) -> None:
        src.settimeout(60)
        try:
            for _ in range(1_000_000):
                data = src.recv(65536)
                if not data:
                    break
                with lock:
                    limit = state["limit"]
                    if limit is not None and state["n"] + len(data) > limit:
                        data = data[: max(0, limit - state["n"])]
                        if data:
                            dst.sendall(data)
                        self.cut_count += 1
                        for s in (src, dst):  # shutdown wakes the other pump at once
                            with contextlib.suppress(OSError):
                                s.setsockopt(
                                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                                )
                            with contextlib.suppress(OSError):
                                s.shutdown(socket.SHUT_RDWR)
                            with contextlib.suppress(OSError):
                                s.close()
                        return
                    state["n"] += len(data)
                    self.bytes += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
        self._thread.join(5)


def repoint(store: Store, url: str) -> None:
    """Send the store's sync through another address (the proxy); same pinned office."""
    from casusregie.store.syncstate import SyncState

    SyncState(store).set_meta(office_url=url)


def unique_id() -> str:
    return "c-" + new_id()[:8]
