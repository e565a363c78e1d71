"""Issue technician card files for the emulator (and a test CA): what
``tools/issue_technician_card.py`` runs.

A card is an EC P-256 key and an X.509 certificate for it, issued by the technician CA: subject
CN = the technician's name, a random serial (the card id the audit log names), key usage
``digitalSignature`` only, ``basicConstraints CA:FALSE``. The CA is EC P-256 too,
``basicConstraints CA:TRUE, pathlen 0``.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def _pem_key(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def _pem_cert(cert: x509.Certificate) -> str:
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def make_ca(
    name: str, *, days: int = 7300, now: dt.datetime | None = None
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    """A self-signed technician CA (for tests and the simulator; a real one is kept offline)."""
    now = now or dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    return key, cert


def issue_certificate(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    name: str,
    card_key: ec.EllipticCurvePublicKey,
    *,
    days: int = 3650,
    not_before: dt.datetime | None = None,
) -> x509.Certificate:
    start = not_before or dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)]))
        .issuer_name(ca_cert.subject)
        .public_key(card_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )


def card_json(cert: x509.Certificate, key: ec.EllipticCurvePrivateKey, name: str) -> dict[str, Any]:
    return {
        "type": "technician",
        "name": name,
        "certificate_pem": _pem_cert(cert),
        "private_key_pem": _pem_key(key),
    }


def issue_card(
    ca_key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    name: str,
    *,
    days: int = 3650,
    not_before: dt.datetime | None = None,
) -> dict[str, Any]:
    """A technician card file: a fresh key and its certificate from the CA."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = issue_certificate(
        ca_key, ca_cert, name, key.public_key(), days=days, not_before=not_before
    )
    return card_json(cert, key, name)


def copied_card(original: dict[str, Any]) -> dict[str, Any]:
    """A copy of a card's certificate on a card with another key (what a copier could make:
    the certificate is public, the key never leaves the real card)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return {**original, "private_key_pem": _pem_key(key)}


def load_ca(key_path: Path, cert_path: Path) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = serialization.load_pem_private_key(key_path.read_bytes(), None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{key_path}: expected an EC private key")
    return key, x509.load_pem_x509_certificate(cert_path.read_bytes())


def save_ca(key: ec.EllipticCurvePrivateKey, cert: x509.Certificate, key_path: Path,
            cert_path: Path) -> None:  # fmt: skip
    key_path.parent.mkdir(parents=True, exist_ok=True)
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_path.write_text(_pem_key(key), encoding="ascii")
    key_path.chmod(0o600)
    cert_path.write_text(_pem_cert(cert), encoding="ascii")


def write_card(card: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(card, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
