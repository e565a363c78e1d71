"""Helpers and fixtures for the sync tests: a real platform simulator on loopback and a real kiosk store.

The simulator runs in a thread of the test process (its own SQLite store, its own HTTP server
on 127.0.0.1:0); the kiosk side is the real store, outbox and submit use case, talking to it
over real HTTP through the reference adapter. CLI tests run ``kiosk`` in subprocesses.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from kiosk.config import KioskConfig, parse_config
from sync import signing

REPO = Path(__file__).resolve().parents[2]
KIOSK_BIN = str(Path(sys.executable).with_name("kiosk"))


@dataclass
class Sim:
    server: Any
    url: str

    def get(self, path: str) -> Any:
        return requests.get(self.url + path, timeout=10).json()

    def post(self, path: str, value: dict[str, Any]) -> Any:
        r = requests.post(self.url + path, json=value, timeout=10)
        r.raise_for_status()
        return r.json()

    def faults(self, **changes: Any) -> Any:
        return self.post("/_sim/faults", changes)

    def once(self, *faults: dict[str, Any]) -> Any:
        return self.post("/_sim/faults", {"once": list(faults)})

    def ledger(self) -> dict[str, Any]:
        return self.get("/_sim/ledger")

    def stats(self) -> dict[str, int]:
        return self.get("/_sim/stats")["requests"]


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[Sim]:
    from sync.simulator import PlatformSimulator

    server = PlatformSimulator(tmp_path / "platform", secrets_dirs=[tmp_path / "secrets"]).start()
    try:
        yield Sim(server, server.url)
    finally:
        server.stop()


@dataclass
class Kiosk:
    kiosk_id: str
    secret: bytes
    data_dir: Path
    cfg: KioskConfig
    store: Any
    config_path: Path

    def platform(self, **kw: Any) -> Any:
        from sync.client import HttpPlatform

        return HttpPlatform(
            self.cfg.platform.url,
            self.kiosk_id,
            kw.pop("secret", self.secret),
            timeout_s=kw.pop("timeout_s", 5.0),
            **kw,
        )

    def agent(self, platform: Any = None, **kw: Any) -> Any:
        from sync.agent import SyncAgent

        return SyncAgent.from_config(self.store, platform or self.platform(), self.cfg, **kw)

    def queue(self, count: int, materials: int = 2, size: int = 2048) -> list[str]:
        from sync.selftest import add_samples

        if self.store.catalog.count() == 0:
            assert self.agent().pull_catalog()[0] == "applied"
        return add_samples(self.store, count, materials, size).local_refs

    def kiosk(self, *args: str, timeout: float = 120) -> Any:
        import subprocess

        return subprocess.run(
            [KIOSK_BIN, "--config", str(self.config_path), "--data-dir", str(self.data_dir), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=cli_env(),
        )


def capture_printer(port: int) -> Any:
    """The real ESC/POS receipt-printer driver on the capture printer (``PrinterSimulator``)
    listening on ``port``, with short waits; close it after use."""
    from drivers.printer.driver import EscposReceiptPrinter
    from kiosk.config import PrinterProfile

    return EscposReceiptPrinter(
        f"tcp://127.0.0.1:{port}",
        PrinterProfile(),
        timeout_s=2.0,
        status_timeout_s=0.3,
        print_wait_s=1.0,
    )


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("BIANMIN_CONFIG", None)
    env.pop("BIANMIN_DATA", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def make_kiosk(tmp_path: Path, url: str, kiosk_id: str = "KIOSK-TEST-0001", **sync: Any) -> Kiosk:
    from kiosk.store.db import Store

    data_dir = tmp_path / f"kiosk-{kiosk_id}"
    secret = secrets.token_hex(24).encode()
    (tmp_path / "secrets").mkdir(exist_ok=True)
    (tmp_path / "secrets" / f"{kiosk_id}.secret").write_bytes(secret)
    keys = data_dir / "keys"
    keys.mkdir(parents=True, exist_ok=True)
    (keys / "platform.secret").write_bytes(secret)
    (keys / "platform.secret").chmod(0o600)  # the kiosk refuses a secret others can read
    sync_cfg = {
        "lease_s": 2.0,
        "backoff_base_s": 5.0,
        "backoff_max_s": 60.0,
        "interval_s": 1.0,
        "heartbeat_s": 5.0,
        "status_poll_s": 5.0,
        "catalog_poll_s": 60.0,
    } | sync
    raw = {
        "terminal": {"kiosk_id": kiosk_id},
        "platform": {"kind": "http", "url": url, "timeout_s": 5.0},
        "sync": sync_cfg,
        "logging": {"level": "INFO"},
    }
    cfg = parse_config(raw, source="test")
    config_path = tmp_path / f"{kiosk_id}.toml"
    lines = [
        f'[terminal]\nkiosk_id = "{kiosk_id}"\n',
        f'[platform]\nkind = "http"\nurl = "{url}"\ntimeout_s = 5.0\n',
        "[sync]\n",
    ]
    lines += [f"{k} = {float(v) if isinstance(v, float) else v}\n" for k, v in sync_cfg.items()]
    config_path.write_text("\n".join(lines), "utf-8")
    store = Store.open(data_dir, cfg)
    return Kiosk(kiosk_id, secret, data_dir, cfg, store, config_path)


@pytest.fixture
def kiosk(tmp_path: Path, sim: Sim) -> Iterator[Kiosk]:
    k = make_kiosk(tmp_path, sim.url)
    try:
        yield k
    finally:
        k.store.close()


def signed_request(
    url: str,
    kiosk_id: str,
    secret: bytes,
    method: str,
    target: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    now: float | None = None,
) -> tuple[requests.Response, dict[str, str]]:
    """A hand-signed request, for refusal tests; returns the response and the headers sent."""
    h = signing.signed_headers(
        kiosk_id=kiosk_id, secret=secret, method=method, path_and_query=target, body=body, now=now
    )
    h.update(headers or {})
    r = requests.request(method, url + target, data=body, headers=h, timeout=10)
    return r, h


def post_application(sim: Sim, k: Kiosk, body: dict[str, Any]) -> requests.Response:
    """``body`` sent as kiosk ``k``'s application, signed by hand (for refusal tests)."""
    r, _ = signed_request(
        sim.url,
        k.kiosk_id,
        k.secret,
        "POST",
        "/v1/applications",
        dumps(body),
        {"Idempotency-Key": body["id"]},
    )
    return r


def app_body(kiosk_id: str, item_code: str, seq: int = 1, **over: Any) -> dict[str, Any]:
    import uuid

    body = {
        "id": str(uuid.uuid4()),
        "local_ref": f"{kiosk_id}-20261127-{seq:04d}",
        "item_code": item_code,
        "catalog_version": 1,
        "applicant": {"name": "测试", "id_number": "110105199003070011"},
        "form": {},
        "materials": [],
        "commitment": None,
        "created_at": "2026-11-27T08:30:00Z",
        "kiosk_id": kiosk_id,
        "test": True,
    }
    body.update(over)
    return body


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def wait_for(pred: Any, timeout: float = 30.0, step: float = 0.05) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()
