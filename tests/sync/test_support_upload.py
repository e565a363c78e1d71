"""The support archive uploaded to the platform's support endpoint over real HTTP: it reaches
the simulator (signed like every request), the simulator checks its Ed25519 signature, and the
stored copy verifies with ``kiosk support verify`` against this terminal's key; a forged
signature is refused (422) and the platform down is exit 6."""

from __future__ import annotations

import json
from pathlib import Path

from sync_helpers import Kiosk, Sim

from kiosk.maintenance import support
from kiosk.ports import platform as pp
from kiosk.service import KioskService
from kiosk.service.maintenance_api import ExportDone, ExportFailed


def service(kiosk: Kiosk, platform: object) -> KioskService:
    svc = KioskService(kiosk.cfg, kiosk.data_dir)
    svc.open(kiosk.store)
    svc.attach(platform=platform)
    return svc


def test_upload_reaches_the_platform_and_its_signature_verifies(kiosk: Kiosk, sim: Sim) -> None:
    platform = kiosk.platform()
    try:
        m = service(kiosk, platform).maintenance
        out = m.export_support("platform")
    finally:
        platform.close()
    assert isinstance(out, ExportDone), out
    (up,) = sim.get("/_sim/support")["uploads"]
    assert up["upload_id"] == out.location and up["kiosk_id"] == kiosk.kiosk_id
    stored = Path(up["path"])
    data, sig = stored.read_bytes(), stored.with_name(stored.name + ".sig").read_bytes()
    assert support.verify_archive(data, sig, m.public_key()).ok
    assert up["sha256"] == out.sha256 and up["public_key"] == m.public_key()

    r = kiosk.kiosk("support", "verify", str(stored))
    assert r.returncode == 0, r.stderr
    assert "signature valid" in r.stdout and "this terminal's key" in r.stdout
    broken = stored.with_name("broken.tar.gz")
    broken.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    broken.with_name("broken.tar.gz.sig").write_bytes(sig)
    r = kiosk.kiosk("support", "verify", str(broken))
    assert r.returncode == 4 and "NOT valid" in r.stderr

    audit = [
        e for e in kiosk.store.audit.entries(limit=50) if e["event"] == "maintenance.support_export"
    ]
    assert audit and audit[-1]["details"]["target"] == "platform" and audit[-1]["details"]["ok"]


def test_a_forged_signature_is_refused(kiosk: Kiosk, sim: Sim) -> None:
    import os

    platform = kiosk.platform()
    try:
        m = service(kiosk, platform).maintenance
        name, data, _sig = m.support_archive()
        other = support.signing_key(os.urandom(32))
        r = platform.upload_support(name, data, support.sign_archive(data + b"x", other, "X"))
        assert isinstance(r, pp.Refused) and r.reason.endswith("hash_mismatch")
        # the right hash and this terminal's public key, signed by another key
        forged = json.loads(support.sign_archive(data, other, kiosk.kiosk_id))
        forged["public_key"] = m.public_key()
        r = platform.upload_support(name, data, json.dumps(forged).encode())
        assert isinstance(r, pp.Refused) and r.reason.endswith("bad_signature")
    finally:
        platform.close()
    assert sim.get("/_sim/support")["uploads"] == []


def test_cli_upload_and_platform_down(kiosk: Kiosk, sim: Sim) -> None:
    r = kiosk.kiosk("support", "export", "--platform")
    assert r.returncode == 0, r.stderr
    assert "support archive SUP-" in r.stdout
    assert len(sim.get("/_sim/support")["uploads"]) == 1
    sim.server.stop()
    r = kiosk.kiosk("support", "export", "--platform")
    assert r.returncode == 6, r.stdout + r.stderr
    assert "support export failed: offline" in r.stderr


def test_export_failed_is_an_outcome_without_a_platform(kiosk: Kiosk) -> None:
    out = service(kiosk, None).maintenance.export_support("platform")
    assert isinstance(out, ExportFailed) and out.reason == "unavailable"
