"""免证办 and QR identity over real HTTP against the platform simulator: the licenses a holder
gets are of the catalog's e-license types, an application citing one is accepted (and one
citing a license the platform never issued is not), and a QR code the platform issued
identifies its holder to the kiosk (the v1 extension documented in openapi.json)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
from sync_helpers import Kiosk, Sim, app_body, dumps, signed_request

from kiosk.ports.platform import IdentityClaim, Ok, Refused
from sync.simulator import licenses as lic

ID_NUMBER = "11010519491231002X"
NAME = "王秀英"


def _catalog_types(sim: Sim) -> dict[str, str]:
    return lic.catalog_license_types(sim.get("/_sim/catalog")["items"])


def _verify(k: Kiosk, sim: Sim, **claim: Any) -> Any:
    body = {
        "card_type": "resident",
        "id_number": ID_NUMBER,
        "name": NAME,
        "valid_to": None,
        "channel": "id_card",
        "qr_payload": None,
    } | claim
    r, _ = signed_request(sim.url, k.kiosk_id, k.secret, "POST", "/v1/identity/verify", dumps(body))
    return r


def _licenses(k: Kiosk, sim: Sim, token: str) -> list[dict[str, Any]]:
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "GET", "/v1/licenses", headers={"X-Holder-Token": token}
    )
    assert r.status_code == 200, r.text
    return r.json()["licenses"]


def _post_app(k: Kiosk, sim: Sim, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    hdr = {"Idempotency-Key": body["id"], "Content-Type": "application/json"}
    r, _ = signed_request(
        sim.url, k.kiosk_id, k.secret, "POST", "/v1/applications", dumps(body), hdr
    )
    return r.status_code, r.json()


def test_licenses_are_of_the_catalogs_types_and_plausible(kiosk: Kiosk, sim: Sim) -> None:
    types = _catalog_types(sim)
    assert {"居民身份证", "居民户口簿"} <= set(types.values())
    first = _licenses(kiosk, sim, _verify(kiosk, sim).json()["token"])
    again = _licenses(kiosk, sim, _verify(kiosk, sim).json()["token"])
    assert first == again  # the same holder has the same licenses every time
    today = dt.datetime.now(dt.UTC).date().isoformat()
    for x in first:
        assert types[x["type_code"]] == x["type_name"]
        assert lic.is_well_formed_license_no(x["license_no"]), x
        assert x["type_code"] in x["license_no"]
        assert x["issuer"].startswith("北京市")
        assert x["valid_from"] < today and (x["valid_to"] is None or x["valid_to"] > today)
        assert len(x["verify_code"]) == 8
    assert {"居民身份证", "居民户口簿", "社会保障卡"} <= {x["type_name"] for x in first}
    other = _licenses(
        kiosk, sim, _verify(kiosk, sim, id_number="110102198506120035").json()["token"]
    )
    assert {x["license_no"] for x in other}.isdisjoint({x["license_no"] for x in first})


def test_licenses_follow_catalog_changes(kiosk: Kiosk, sim: Sim) -> None:
    items = sim.get("/_sim/catalog")["items"]
    code = "11100000000013028T002"  # 居民户口簿
    citing = [
        it["item_code"]
        for it in items
        if any((m.get("elicense") or {}).get("type_code") == code for m in it["materials"])
    ]
    assert citing
    sim.post("/_sim/catalog", {"withdrawn": citing})
    assert code not in _catalog_types(sim)
    got = _licenses(kiosk, sim, _verify(kiosk, sim).json()["token"])
    assert code not in {x["type_code"] for x in got} and got


def _item_with(sim: Sim, type_name: str) -> tuple[str, str]:
    for it in sim.get("/_sim/catalog")["items"]:
        for m in it["materials"]:
            if (m.get("elicense") or {}).get("type_name") == type_name:
                return it["item_code"], m["material_id"]
    raise AssertionError(type_name)


def test_application_citing_an_issued_license_is_accepted(kiosk: Kiosk, sim: Sim) -> None:
    got = _licenses(kiosk, sim, _verify(kiosk, sim).json()["token"])
    id_card = next(x for x in got if x["type_name"] == "居民身份证")
    hukou = next(x for x in got if x["type_name"] == "居民户口簿")
    item, mid = _item_with(sim, "居民身份证")

    def cite(seq: int, license_no: str) -> dict[str, Any]:
        mat = {
            "material_id": mid,
            "name": "居民身份证",
            "source": "elicense",
            "sha256": None,
            "size": None,
            "mime": None,
            "license_no": license_no,
        }
        return app_body(kiosk.kiosk_id, item, seq, materials=[mat], test=False)

    status, answer = _post_app(kiosk, sim, cite(1, id_card["license_no"]))
    assert status == 201, answer
    (entry,) = sim.ledger()["applications"]
    assert entry["elicenses"] == [{"material_id": mid, "license_no": id_card["license_no"]}]
    # a license the platform never issued, and one of another type than the material accepts
    forged = id_card["license_no"].replace(".001.", ".002.")
    assert _post_app(kiosk, sim, cite(2, forged)) == (
        422,
        {
            "error": "invalid",
            "reason": "materials[0].license_no: not an e-license this platform issued",
        },
    )
    status, answer = _post_app(kiosk, sim, cite(3, hukou["license_no"]))
    assert status == 422 and "license type" in answer["reason"]
    assert len(sim.ledger()["applications"]) == 1


def test_qr_code_identifies_its_holder_to_the_kiosk(kiosk: Kiosk, sim: Sim) -> None:
    code = lic.make_qr_payload(NAME, ID_NUMBER)
    r = _verify(kiosk, sim, id_number="", name="", channel="qr", qr_payload=code)
    assert r.status_code == 200, r.text
    holder = r.json()["holder"]
    assert holder == {
        "name_masked": "王**",
        "name": NAME,
        "id_number": ID_NUMBER,
        "card_type": "resident",
    }
    # the same licenses as when the same person identifies with the card
    by_qr = _licenses(kiosk, sim, r.json()["token"])
    assert by_qr == _licenses(kiosk, sim, _verify(kiosk, sim).json()["token"])
    # a card identification never answers the unmasked identity
    assert set(_verify(kiosk, sim).json()["holder"]) == {"name_masked"}


def _forged(code: str) -> str:
    """The code with the last signature digit changed (always a different digit)."""
    return code[:-1] + ("1" if code[-1] == "0" else "0")


@pytest.mark.parametrize(
    "payload",
    [
        "not a platform code",
        _forged(lic.make_qr_payload(NAME, ID_NUMBER)),  # forged signature
        lic.make_qr_payload(NAME, ID_NUMBER, valid_s=-60),  # expired
        lic.make_qr_payload(NAME, ID_NUMBER, key=b"someone else's key"),
        lic.make_qr_payload(NAME, "110105194912310021"),  # signed, but not a valid ID number
        "",
    ],
)
def test_bad_qr_codes_are_refused(kiosk: Kiosk, sim: Sim, payload: str) -> None:
    r = _verify(kiosk, sim, id_number="", name="", channel="qr", qr_payload=payload)
    assert r.status_code == 422 and r.json()["error"] == "invalid"


def test_qr_identity_through_the_adapter_is_never_logged(
    kiosk: Kiosk, sim: Sim, caplog: pytest.LogCaptureFixture
) -> None:
    p = kiosk.platform()
    caplog.set_level(logging.DEBUG)
    claim = IdentityClaim("resident", "", "", None, "qr", lic.make_qr_payload(NAME, ID_NUMBER))
    tok = p.verify_identity(claim)
    assert isinstance(tok, Ok) and tok.data.holder is not None
    h = tok.data.holder
    assert (h.name, h.id_number, h.card_type) == (NAME, ID_NUMBER, "resident")
    assert ID_NUMBER not in repr(tok) and NAME not in repr(tok)
    assert ID_NUMBER not in caplog.text and NAME not in caplog.text
    bad = p.verify_identity(IdentityClaim("resident", "", "", None, "qr", "garbage"))
    assert isinstance(bad, Refused) and bad.code == "invalid"


def test_qr_code_command_prints_a_code_the_platform_accepts(
    kiosk: Kiosk, sim: Sim, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "code.png"
    assert lic.main(["--name", NAME, "--id-number", ID_NUMBER, "--png", str(png)]) == 0
    code = capsys.readouterr().out.strip()
    assert png.stat().st_size > 0
    r = _verify(kiosk, sim, id_number="", name="", channel="qr", qr_payload=code)
    assert r.status_code == 200 and r.json()["holder"]["id_number"] == ID_NUMBER
    # and it decodes from the printed image as the reader would see it
    import zxingcpp
    from PIL import Image

    (found,) = zxingcpp.read_barcodes(Image.open(png))
    assert found.text == code
    assert lic.main(["--name", NAME, "--id-number", "12345"]) == 2
