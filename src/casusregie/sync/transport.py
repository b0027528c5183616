"""HTTPS to the office with a pinned certificate (stdlib ``http.client``).

The office's certificate is self-signed, so it is not checked against a CA: instead the
SHA-256 fingerprint of its DER bytes must equal the one pinned at enrolment, checked
right after the TLS handshake and before a single byte of a request is sent. At
enrolment the pin is the 16-hex-digit prefix printed with the enrolment code.

Every request is idempotent in this protocol (pushes carry op ids), so a cut connection
is retried a few times with a short pause; then ``Offline`` is raised. Error messages
are Dutch and never carry a request or response body.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import ssl
import time
from typing import Any
from urllib.parse import urlsplit

from casusregie.domain.errors import CasusregieError

__all__ = ["Connection", "OfficeError", "Offline", "PinMismatch", "Rejected", "Unauthorized"]

ATTEMPTS = 3
PAUSES = (0.2, 0.6)


class OfficeError(CasusregieError):
    exit_code = 12


class Offline(OfficeError):
    """The office cannot be reached now (no network, server down, connection cut)."""


class PinMismatch(OfficeError):
    """The server's certificate is not the pinned one: maybe not our office."""


class Unauthorized(OfficeError):
    """401: this device is not (or no longer) enrolled."""


class Rejected(OfficeError):
    """Any other 4xx/5xx answer; ``status`` says which."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, pin: str, timeout: float) -> None:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # trust comes from the pin, checked in connect()
        super().__init__(host, port, timeout=timeout, context=ctx)
        self._pin = pin.lower()
        self.peer_fingerprint = ""

    def connect(self) -> None:
        super().connect()
        assert isinstance(self.sock, ssl.SSLSocket)
        der = self.sock.getpeercert(binary_form=True) or b""
        found = hashlib.sha256(der).hexdigest()
        expected = self._pin
        if not hmac.compare_digest(found[: len(expected)], expected) or len(expected) < 16:
            self.sock.close()
            self.sock = None
            raise PinMismatch(
                "Het certificaat van de server hoort niet bij het kantoor waarmee dit "
                "apparaat is gekoppeld; er is niets verstuurd."
            )
        self.peer_fingerprint = found


class Connection:
    """One keep-alive HTTPS connection to the office. Not thread-safe; one per sync."""

    def __init__(
        self,
        url: str,
        pin: str,
        token: str | None = None,
        timeout: float = 30.0,
        attempts: int = ATTEMPTS,
    ) -> None:
        parts = urlsplit(url)
        if parts.scheme != "https" or not parts.hostname:
            raise OfficeError("Het adres van het kantoor moet met https:// beginnen.")
        self.host = parts.hostname
        self.port = parts.port or 443
        self.pin = pin
        self.token = token
        self.timeout = timeout
        self.attempts = max(1, attempts)
        self._conn: _PinnedHTTPS | None = None
        self.peer_fingerprint = ""

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def request(self, method: str, path: str, body: Any = None) -> bytes:
        """Send one request; returns the 200 body. Raises an ``OfficeError`` otherwise."""
        payload = (
            None
            if body is None
            else (body if isinstance(body, bytes) else json.dumps(body).encode("utf-8"))
        )
        headers = {"Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(PAUSES[min(attempt - 1, len(PAUSES) - 1)])
            try:
                if self._conn is None:
                    self._conn = _PinnedHTTPS(self.host, self.port, self.pin, self.timeout)
                    self._conn.connect()
                    self.peer_fingerprint = self._conn.peer_fingerprint
                self._conn.request(method, path, body=payload, headers=headers)
                response = self._conn.getresponse()
                data = response.read()
                status = response.status
            except PinMismatch:
                self.close()
                raise
            except (TimeoutError, OSError, http.client.HTTPException):
                self.close()
                continue
            if status == 200:
                return data
            self._raise(status, data)
        raise Offline(
            "Het kantoor is niet bereikbaar; alles blijft bewaard en gaat mee bij de "
            "volgende synchronisatie."
        ) from None

    @staticmethod
    def _raise(status: int, data: bytes) -> None:
        try:
            detail = str(json.loads(data.decode("utf-8")).get("detail", ""))[:300]
        except (ValueError, AttributeError, UnicodeDecodeError):
            detail = ""
        if status == 401:
            raise Unauthorized(
                detail or "Dit apparaat is niet (meer) ingeschreven bij het kantoor."
            )
        raise Rejected(status, detail or f"Het kantoor weigerde het verzoek ({status}).")
