"""The office's TLS certificate: made on first start (or given), pinned by devices.

A device pins the SHA-256 fingerprint of the certificate's DER bytes at enrolment; the
enrolment code that ``casusregie-office device add`` prints carries the first 16 hex
digits of it, so a device never has to trust a certificate blindly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
import socket
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from casusregie.office.private import FILE_MODE, private_dir, private_file

__all__ = ["CIPHERS", "ensure_certificate", "fingerprint", "fingerprint_of_der"]

#: TLS 1.2 suites the office offers: forward secret (ECDHE) and authenticated encryption
#: (AES-GCM, ChaCha20-Poly1305) only; no CBC. TLS 1.3 suites are all AEAD already and
#: are not affected by this list.
CIPHERS = "ECDHE+AESGCM:ECDHE+CHACHA20:!aNULL:!eNULL:!SHA1:!SHA256:!SHA384:!CBC"

CERT_NAME = "kantoor-cert.pem"
KEY_NAME = "kantoor-key.pem"


def fingerprint_of_der(der: bytes) -> str:
    return hashlib.sha256(der).hexdigest()


def fingerprint(cert_path: Path) -> str:
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    return fingerprint_of_der(cert.public_bytes(serialization.Encoding.DER))


def ensure_certificate(directory: Path, hosts: list[str] | None = None) -> tuple[Path, Path]:
    """(cert, key) in ``directory``; a self-signed EC P-256 certificate is made once.

    The folder is kept 0700 and both files 0600 (``office.private``)."""
    cert_path, key_path = directory / CERT_NAME, directory / KEY_NAME
    private_dir(directory)
    if cert_path.exists() and key_path.exists():
        return private_file(cert_path), private_file(key_path)
    key = ec.generate_private_key(ec.SECP256R1())
    names = ["localhost", socket.gethostname(), "127.0.0.1", "::1", *(hosts or [])]
    alt: list[x509.GeneralName] = []
    for name in dict.fromkeys(n for n in names if n):
        try:
            alt.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            alt.append(x509.DNSName(name))
    alt += [
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
        x509.IPAddress(ipaddress.ip_address("::1")),
    ]
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Casusregie kantoor")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=5 * 365))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    for path, data in ((key_path, pem), (cert_path, cert.public_bytes(serialization.Encoding.PEM))):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        private_file(path)  # O_CREAT's mode does not narrow a file that was already there
    return cert_path, key_path
