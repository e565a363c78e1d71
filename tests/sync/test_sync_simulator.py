"""The platform simulator over real HTTP: authentication, replay and forgery refusal,
idempotency, refusals, statuses on a sped-up clock, catalog versions, identity, OpenAPI."""

from __future__ import annotations

import json
import time
from pathlib import Path

import requests
from sync_helpers import (
    REPO,
    Sim,
    app_body,
    dumps,
    make_kiosk,
    post_application,
    sha,
    signed_request,
)

from sync import signing


def _setup(tmp_path: Path, sim: Sim):
    k = make_kiosk(tmp_path, sim.url)
    k.store.close()
    item = sim.get("/_sim/catalog")["items"][0]["item_code"]
    return k, item


def test_replayed_request_is_refused(tmp_path: Path, sim: Sim) -> None:
    k, _ = _setup(tmp_path, sim)
    r, headers = signed_request(sim.url, k.kiosk_id, k.secret, "GET", "/v1/catalog?since=0")
    assert r.status_code == 200 and "Date" in r.headers
    again = requests.get(sim.url + "/v1/catalog?since=0", headers=headers, timeout=10)
    assert again.status_code == 401
    assert again.json()["error"] == "replay"


def test_forged_requests_are_refused(tmp_path: Path, sim: Sim) -> None:
    k, item = _setup(tmp_path, sim)
    body = dumps(app_body(k.kiosk_id, item))
    # signed with another secret
    r, _ = signed_request(
        sim.url, k.kiosk_id, b"not-the-kiosk-secret", "POST", "/v1/applications", body
    )
    assert (r.status_code, r.json()["error"]) == (401, "bad_signature")
    # a valid signature over one body, another body sent
    h = signing.signed_headers(
        kiosk_id=k.kiosk_id,
        secret=k.secret,
        method="POST",
        path_and_query="/v1/applications",
        body=body,
    )
    tampered = body.replace(b'"test": true', b'"test": false')
    r = requests.post(sim.url + "/v1/applications", data=tampered, headers=h, timeout=10)
    assert (r.status_code, r.json()["error"]) == (401, "bad_signature")
    # a body hash header recomputed but the signature not
    h2 = dict(h, **{"X-Content-SHA256": sha(tampered)})
    r = requests.post(sim.url + "/v1/applications", data=tampered, headers=h2, timeout=10)
    assert (r.status_code, r.json()["error"]) == (401, "bad_signature")
    # the query is covered by the signature
    h3 = signing.signed_headers(
        kiosk_id=k.kiosk_id,
        secret=k.secret,
        method="GET",
        path_and_query="/v1/catalog?since=1",
        body=None,
    )
    r = requests.get(sim.url + "/v1/catalog?since=0", headers=h3, timeout=10)
    assert (r.status_code, r.json()["error"]) == (401, "bad_signature")
    # an unknown kiosk
    r, _ = signed_request(sim.url, "KIOSK-NOBODY", k.secret, "GET", "/v1/catalog?since=0")
    assert (r.status_code, r.json()["error"]) == (401, "unknown_kiosk")
    # a stale timestamp, correctly signed
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", "/v1/catalog?since=0", now=time.time() - 400
    )
    assert (r.status_code, r.json()["error"]) == (401, "clock_skew")
    # acting for another kiosk
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", "/v1/kiosks/KIOSK-OTHER/applications"
    )
    assert r.status_code == 403
    assert sim.ledger()["applications"] == []


def test_idempotency_compares_parsed_json(tmp_path: Path, sim: Sim) -> None:
    k, item = _setup(tmp_path, sim)
    app = app_body(k.kiosk_id, item)
    hdr = {"Idempotency-Key": app["id"], "Content-Type": "application/json"}
    r1, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "POST", "/v1/applications", dumps(app), hdr
    )
    assert r1.status_code == 201 and r1.json()["status"] == "received"
    # same JSON value, other bytes (key order, whitespace)
    other_bytes = json.dumps(
        dict(reversed(list(app.items()))), indent=2, ensure_ascii=True
    ).encode()
    r2, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "POST", "/v1/applications", other_bytes, hdr
    )
    assert r2.status_code == 200 and r2.json() == r1.json()
    changed = dict(app, form={"note": "different"})
    r3, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "POST", "/v1/applications", dumps(changed), hdr
    )
    assert (r3.status_code, r3.json()["error"]) == (409, "idempotency_conflict")
    (entry,) = sim.ledger()["applications"]
    assert entry["key"] == app["id"] and entry["key_seen"] == 3 and entry["conflicts"] == 1


def test_refusals_for_good(tmp_path: Path, sim: Sim) -> None:
    k, item = _setup(tmp_path, sim)

    def post(body: dict, key: str | None = None):
        hdr = {"Idempotency-Key": key or body["id"], "Content-Type": "application/json"}
        r, _ = signed_request(
            sim.url, k.kiosk_id, k.secret, "POST", "/v1/applications", dumps(body), hdr
        )
        return r.status_code, r.json().get("error")

    assert post(app_body(k.kiosk_id, "11110000MB0000000X9999", 1)) == (422, "item_unknown")
    missing = {
        "material_id": "m",
        "name": "x",
        "source": "scan",
        "sha256": "a" * 64,
        "size": 3,
        "mime": "image/png",
        "license_no": None,
    }
    assert post(app_body(k.kiosk_id, item, 2, materials=[missing])) == (422, "blob_missing")
    assert post(app_body(k.kiosk_id, item, 3), key="00000000-0000-4000-8000-000000000000") == (
        422,
        "invalid",
    )
    assert post(app_body(k.kiosk_id, item, 4, local_ref="OTHER-20261127-0004")) == (422, "invalid")
    sim.post("/_sim/catalog", {"withdrawn": [item]})
    assert post(app_body(k.kiosk_id, item, 5)) == (422, "item_withdrawn")
    # a blob whose bytes do not match its name
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "PUT", "/v1/blobs/" + "b" * 64, b"hello")
    assert (r.status_code, r.json()["error"]) == (400, "hash_mismatch")
    assert sim.ledger()["applications"] == [] and sim.ledger()["blobs"] == []


def test_statuses_advance_on_the_sped_up_clock(tmp_path: Path, sim: Sim) -> None:
    k, item = _setup(tmp_path, sim)
    refs = []
    for seq in range(1, 9):
        app = app_body(k.kiosk_id, item, seq)
        r = post_application(sim, k, app)
        assert r.status_code == 201
        refs.append((app["local_ref"], r.json()["application_no"]))
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", f"/v1/applications/{refs[0][0]}")
    assert r.json()["status"] == "received" and r.json()["application_no"] == refs[0][1]
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", f"/v1/kiosks/{k.kiosk_id}/applications"
    )
    assert (r.status_code, r.json()["error"]) == (400, "invalid")  # the contract's since
    r, _ = signed_request(
        sim.url,
        k.kiosk_id,
        k.secret,
        "GET",
        f"/v1/kiosks/{k.kiosk_id}/applications?since=1970-01-01T00%3A00%3A00Z",
    )
    first = r.json()
    until = first["until"]
    sim.post("/_sim/clock", {"advance_s": 3 * 86400})
    r, _ = signed_request(
        sim.url,
        k.kiosk_id,
        k.secret,
        "GET",
        f"/v1/kiosks/{k.kiosk_id}/applications?since={until.replace(':', '%3A')}",
    )
    changes = r.json()["changes"]
    assert len(changes) == 8
    finals = {c["status"] for c in changes}
    assert finals <= {"completed", "rejected", "supplement_required"} and "completed" in finals
    for c in changes:
        assert c["history"][0]["status"] == "received"
        if c["status"] == "supplement_required":
            assert c["supplement"]["deadline"]
    # by application number too
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", f"/v1/applications/{refs[0][1]}")
    assert r.json()["local_ref"] == refs[0][0]


def test_catalog_versions_and_malformed_versions(tmp_path: Path, sim: Sim) -> None:
    k, item = _setup(tmp_path, sim)
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", "/v1/catalog")
    full = r.json()
    assert full["full"] is True and full["version"] == 1 and len(full["items"]) > 10
    v = sim.post("/_sim/catalog", {"withdrawn": [item]})["version"]
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", "/v1/catalog?since=1")
    delta = r.json()
    assert (delta["version"], delta["full"], delta["items"], delta["withdrawn"]) == (
        v,
        False,
        [],
        [item],
    )
    bad = sim.post("/_sim/catalog/malformed", {})["version"]
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "GET", f"/v1/catalog?since={v}")
    assert r.json()["version"] == bad and "name" not in r.json()["items"][0]


def test_identity_and_licenses(tmp_path: Path, sim: Sim) -> None:
    k, _ = _setup(tmp_path, sim)
    claim = {
        "card_type": "resident",
        "id_number": "11010519491231002X",
        "name": "张三",
        "valid_to": None,
        "channel": "id_card",
        "qr_payload": None,
    }
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "POST", "/v1/identity/verify", dumps(claim)
    )
    assert r.status_code == 200 and r.json()["holder"]["name_masked"] == "张*"
    token = r.json()["token"]
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", "/v1/licenses", headers={"X-Holder-Token": token}
    )
    assert r.status_code == 200
    assert {"居民身份证", "居民户口簿"} <= {x["type_name"] for x in r.json()["licenses"]}
    r, _ = signed_request(
        sim.url,
        k.kiosk_id,
        k.secret,
        "POST",
        "/v1/identity/verify",
        dumps(dict(claim, id_number="110105194912310021")),
    )
    assert r.status_code == 422
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", "/v1/licenses", headers={"X-Holder-Token": "nope"}
    )
    assert r.status_code == 403


def test_oversized_request_body_is_refused(tmp_path: Path, sim: Sim) -> None:
    k, _ = _setup(tmp_path, sim)
    big = b"{" + b" " * (3 * 1024 * 1024) + b"}"
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "POST", "/v1/reviews", big)
    assert r.status_code == 413


def test_openapi_is_served_and_matches_the_committed_copy(sim: Sim) -> None:
    served = sim.get("/openapi.json")
    committed = json.loads((REPO / "sync/simulator/openapi.json").read_text("utf-8"))
    assert served == committed
    paths = set(served["paths"])
    for p in [
        "/v1/catalog",
        "/v1/blobs/{sha256}",
        "/v1/applications",
        "/v1/applications/{ref}",
        "/v1/kiosks/{kiosk_id}/applications",
        "/v1/kiosks/{kiosk_id}/heartbeat",
        "/v1/identity/verify",
        "/v1/licenses",
        "/v1/reviews",
        "/v1/problems",
        "/v1/help-requests",
    ]:
        assert p in paths
    assert "/v1/time" not in paths  # not in the contract: the Date of every answer tells the time


def test_latency_fault_trips_a_short_client_timeout(tmp_path: Path, sim: Sim) -> None:
    from kiosk.ports.platform import Ok, Retryable

    k, _ = _setup(tmp_path, sim)
    sim.faults(latency_ms=400)
    assert isinstance(k.platform(timeout_s=0.1).server_time(), Retryable)
    assert isinstance(k.platform(timeout_s=5.0).server_time(), Ok)
    sim.faults(reset=True)
    assert sim.get("/_sim/faults")["latency_ms"] == 0
