"""The platform contract as a strict platform reads it (issue 11, findings 7 and 8): a
``platform.url`` with a path, no ``/v1/time``, the clock offset kept between ``--once`` passes,
a ``since`` on the first status poll, the secret file's exact bytes, and a 401 (not a 500) for
a signature that is not even ASCII."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sync_helpers import Kiosk, Sim, make_kiosk, signed_request

from sync import signing


@pytest.fixture
def gateway_sim(tmp_path: Path) -> Iterator[Sim]:
    """The simulator served under /zwfw, as behind a provincial gateway."""
    from sync.simulator import PlatformSimulator

    server = PlatformSimulator(
        tmp_path / "platform", secrets_dirs=[tmp_path / "secrets"], prefix="/zwfw"
    ).start()
    try:
        yield Sim(server, server.url)
    finally:
        server.stop()


def test_an_application_is_delivered_through_a_platform_url_with_a_path(
    tmp_path: Path, gateway_sim: Sim
) -> None:
    assert gateway_sim.url.endswith("/zwfw")
    k = make_kiosk(tmp_path, gateway_sim.url + "/")
    try:
        refs = k.queue(2, materials=1, size=700)
    finally:
        k.store.close()
    r = k.kiosk("sync", "--once", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    rep = json.loads(r.stdout)
    assert rep["catalog"] in ("applied", "current") and rep["heartbeat"] == "ok", rep
    arrived = Counter(a["local_ref"] for a in gateway_sim.ledger()["applications"])
    assert arrived == Counter(refs)
    stats = gateway_sim.stats()
    assert not [key for key in stats if key.endswith(" 401")], stats
    # the gateway really serves only under its path: the bare /v1/ is not the platform
    bare = urlsplit(gateway_sim.url)
    r2, _ = signed_request(
        f"http://{bare.netloc}", k.kiosk_id, k.secret, "GET", "/v1/catalog?since=0"
    )
    assert r2.status_code == 404


def test_a_signature_over_the_path_without_the_prefix_is_refused(
    tmp_path: Path, gateway_sim: Sim
) -> None:
    k = make_kiosk(tmp_path, gateway_sim.url)
    k.store.close()
    h = signing.signed_headers(
        kiosk_id=k.kiosk_id,
        secret=k.secret,
        method="GET",
        path_and_query="/v1/catalog?since=0",  # what the old adapter signed
        body=None,
    )
    import requests

    r = requests.get(gateway_sim.url + "/v1/catalog?since=0", headers=h, timeout=10)
    assert (r.status_code, r.json()["error"]) == (401, "bad_signature")


def test_once_passes_never_ask_for_v1_time_and_keep_the_clock_offset(
    kiosk: Kiosk, sim: Sim
) -> None:
    kiosk.store.close()
    sim.faults(clock_skew_s=900)  # the platform's clock is 15 minutes ahead of ours
    r = kiosk.kiosk("sync", "--once", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    rep = json.loads(r.stdout)
    assert rep["time"] == "ok" and rep["statuses"] == "ok" and rep["heartbeat"] == "ok", rep
    first = sim.stats()
    assert not [key for key in first if key.startswith("GET time")], first
    assert sum(n for key, n in first.items() if key.endswith(" 401")) == 1, first
    kept = json.loads((kiosk.data_dir / "sync" / "clock.json").read_text())
    assert 890 < kept["clock_offset_s"] < 910
    for _ in range(2):  # the next passes start on the platform's time: not one 401
        r = kiosk.kiosk("sync", "--once", "--json")
        assert r.returncode == 0, r.stdout + r.stderr
        assert json.loads(r.stdout)["statuses"] == "ok"
    after = sim.stats()
    assert sum(n for key, n in after.items() if key.endswith(" 401")) == 1, after
    # nothing outside the contract: no time endpoint, no status poll without its since
    assert not [k for k in after if k.endswith((" 400", " 404")) and k != "HEAD blobs 404"], after


def test_the_first_status_poll_sends_a_since(kiosk: Kiosk, sim: Sim) -> None:
    from kiosk.ports.platform import Ok

    refs = kiosk.queue(1, materials=0)
    assert kiosk.agent().drain().sent == 1
    sim.post("/_sim/clock", {"advance_s": 3600})
    answer = kiosk.platform().status_changes(None)
    assert isinstance(answer, Ok), answer
    assert [c.local_ref for c in answer.data.changes] == refs


def _write_secret(kiosk: Kiosk, data: bytes) -> None:
    path = kiosk.data_dir / "keys" / "platform.secret"
    path.write_bytes(data)
    path.chmod(0o600)


def test_the_secret_file_keys_with_its_bytes_less_one_newline(kiosk: Kiosk, sim: Sim) -> None:
    kiosk.store.close()
    # one trailing newline (as every editor writes) is not part of the key
    _write_secret(kiosk, kiosk.secret + b"\n")
    r = kiosk.kiosk("sync", "--once")
    assert r.returncode == 0, r.stdout + r.stderr
    # any other whitespace would make a key the platform does not have: exit 5, one line
    for bad in (b"\n\n", b"\r\n", b" \n", b"  "):
        _write_secret(kiosk, kiosk.secret + bad)
        r = kiosk.kiosk("sync", "--once")
        assert r.returncode == 5, (bad, r.stdout, r.stderr)
        assert "whitespace" in r.stderr and "Traceback" not in r.stderr
    _write_secret(kiosk, b" " + kiosk.secret)
    assert kiosk.kiosk("sync", "--once").returncode == 5


def test_a_non_ascii_signature_is_refused_with_401(kiosk: Kiosk, sim: Sim) -> None:
    kiosk.store.close()
    # http.client sends the header as Latin-1 bytes: the platform sees non-ASCII characters
    r, _ = signed_request(
        sim.url,
        kiosk.kiosk_id,
        kiosk.secret,
        "GET",
        "/v1/catalog?since=0",
        headers={"X-Signature": "é" * 64},
    )
    assert (r.status_code, r.json()["error"]) == (401, "bad_signature")
