"""The office's TLS: authenticated encryption only (issue 16 item 8).

The probe found two CBC (non-AEAD) suites still offered in TLS 1.2. The office started
the way an administrator starts it (``casusregie-office serve``, a real process) must
refuse a client that offers only CBC suites, and accept AES-GCM and ChaCha20-Poly1305.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator

import pytest

# isort: off
from adversarial import probekit  # puts tests/sync (officekit) on sys.path
from officekit import ProcessOffice
# isort: on

from casusregie.office import tls

CBC_SUITES = [
    "ECDHE-ECDSA-AES128-SHA",
    "ECDHE-ECDSA-AES256-SHA",
    "ECDHE-ECDSA-AES128-SHA256",
    "ECDHE-ECDSA-AES256-SHA384",
]
AEAD_SUITES = [
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
]

device = probekit.device  # the fixture, shared with the other office tests


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProcessOffice]:
    base = tmp_path_factory.mktemp("tls")
    server = ProcessOffice(str(base / "kantoor.db"), base / "kantoor")
    try:
        yield server
    finally:
        server.stop()


def _handshake(port: int, cipher: str) -> str:
    """Connect with TLS 1.2 offering only ``cipher``; the suite agreed, or raise."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.set_ciphers(cipher + ":@SECLEVEL=0")
    with (
        socket.create_connection(("127.0.0.1", port), timeout=10) as raw,
        ctx.wrap_socket(raw, server_hostname="127.0.0.1") as conn,
    ):
        agreed = conn.cipher()
        assert agreed is not None
        return agreed[0]


@pytest.mark.parametrize("cipher", CBC_SUITES)
def test_cbc_suites_are_refused(served: ProcessOffice, cipher: str) -> None:
    """Issue 16 item 8: a client offering only a CBC suite gets no connection."""
    with pytest.raises(ssl.SSLError):
        _handshake(served.port, cipher)


@pytest.mark.parametrize("cipher", AEAD_SUITES)
def test_aead_suites_are_accepted(served: ProcessOffice, cipher: str) -> None:
    """Issue 16 item 8: the AEAD suites still work (TLS 1.2)."""
    assert _handshake(served.port, cipher) == cipher


def test_tls13_works(served: ProcessOffice) -> None:
    """Issue 16 item 8: TLS 1.3 (AEAD by definition) is offered."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    with (
        socket.create_connection(("127.0.0.1", served.port), timeout=10) as raw,
        ctx.wrap_socket(raw, server_hostname="127.0.0.1") as conn,
    ):
        assert conn.version() == "TLSv1.3"


def test_cipher_list_is_aead_only() -> None:
    """Issue 16 item 8: the configured list itself holds no CBC suite."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.set_ciphers(tls.CIPHERS)
    names = [c["name"] for c in ctx.get_ciphers()]
    assert names
    for name in names:
        assert "GCM" in name or "CHACHA20" in name, name
