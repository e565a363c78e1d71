"""TLS for production: the adapter verifies the platform against a CA file and can present a
client certificate; the simulator serves HTTPS (optionally requiring client certificates).
Certificates are made for the test with ``cryptography``; everything runs on loopback."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sync_helpers import make_kiosk

from kiosk.ports.platform import Ok, Unreachable


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _cert(
    subject: str, key, issuer_name: x509.Name, issuer_key, *, ca: bool = False, server: bool = False
):
    now = dt.datetime.now(dt.UTC)
    b = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if server:
        b = b.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return b.sign(issuer_key, hashes.SHA256())


def _write(path: Path, cert=None, key=None) -> Path:
    data = b""
    if cert is not None:
        data += cert.public_bytes(serialization.Encoding.PEM)
    if key is not None:
        data += key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    path.write_bytes(data)
    return path


@pytest.fixture
def pki(tmp_path: Path) -> dict[str, Path]:
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("Test Provincial CA", ca_key, _name("Test Provincial CA"), ca_key, ca=True)
    srv_key = ec.generate_private_key(ec.SECP256R1())
    srv = _cert("platform.test", srv_key, ca.subject, ca_key, server=True)
    cli_key = ec.generate_private_key(ec.SECP256R1())
    cli = _cert("KIOSK-TEST-0001", cli_key, ca.subject, ca_key)
    return {
        "ca": _write(tmp_path / "ca.pem", ca),
        "server_cert": _write(tmp_path / "server.pem", srv),
        "server_key": _write(tmp_path / "server.key", key=srv_key),
        "client_cert": _write(tmp_path / "client.pem", cli),
        "client_key": _write(tmp_path / "client.key", key=cli_key),
    }


def _sim(tmp_path: Path, pki: dict[str, Path], mutual: bool):
    from sync.simulator import PlatformSimulator

    return PlatformSimulator(
        tmp_path / "platform",
        secrets_dirs=[tmp_path / "secrets"],
        tls_cert=pki["server_cert"],
        tls_key=pki["server_key"],
        tls_client_ca=pki["ca"] if mutual else None,
    ).start()


def test_https_verified_against_the_ca_file(tmp_path: Path, pki: dict[str, Path]) -> None:
    sim = _sim(tmp_path, pki, mutual=False)
    k = make_kiosk(tmp_path, sim.url)
    try:
        assert sim.url.startswith("https://")
        assert isinstance(k.platform(ca_file=str(pki["ca"])).server_time(), Ok)
        # the system store does not know the provincial CA: refused before anything is sent
        untrusted = k.platform().server_time()
        assert isinstance(untrusted, Unreachable) and "TLS" in untrusted.reason
        platform = k.platform(ca_file=str(pki["ca"]))
        from sync.agent import SyncAgent

        agent = SyncAgent.from_config(k.store, platform, k.cfg)
        assert agent.pull_catalog()[0] == "applied"
        from sync.selftest import add_samples

        add_samples(k.store, 2, 1, 500)
        assert agent.drain().sent == 2
        bad = SyncAgent.from_config(k.store, k.platform(), k.cfg)
        add_samples(k.store, 1, 1, 500)
        assert bad.drain().stopped == "unreachable"
    finally:
        k.store.close()
        sim.stop()


def test_mutual_tls_needs_the_client_certificate(tmp_path: Path, pki: dict[str, Path]) -> None:
    sim = _sim(tmp_path, pki, mutual=True)
    k = make_kiosk(tmp_path, sim.url)
    try:
        without = k.platform(ca_file=str(pki["ca"])).server_time()
        assert not isinstance(without, Ok)
        with_cert = k.platform(
            ca_file=str(pki["ca"]),
            client_cert=str(pki["client_cert"]),
            client_key=str(pki["client_key"]),
        )
        assert isinstance(with_cert.server_time(), Ok)
        assert isinstance(with_cert.catalog(None), Ok)
    finally:
        k.store.close()
        sim.stop()
