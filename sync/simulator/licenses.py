"""E-licenses (电子证照) the simulator issues to a verified holder, and its QR identity codes.

The license *types* come from the catalog the simulator serves: every material of a served item
that carries ``elicense: {type_code, type_name}`` names a type, so the licenses a holder gets
always match materials the kiosk can show — and stay matching when the catalog changes.

Which types a holder has is decided deterministically from a hash of the holder's ID number
(the simulator never stores the number itself): identity documents everyone has (居民身份证,
户口簿, 社会保障卡) always, the others with a plausible share of holders. Numbers follow the
shape of the national e-license identifier (GB/T 36904 电子证照标识)::

    1.2.156.3005.2.<type_code>.<issuer code>.<serial>.001.<check digit>

where the check digit is the simulator's own (ISO 7064 MOD 11-2 over the serial's digits).

QR identity codes (一码办事 / 电子证照亮证码) of this simulator are
``BMKQR1.<base64url JSON {"n": name, "i": id_number, "t": card_type, "e": expiry UTC}>.<sig>``
where ``sig`` is the first 16 hex digits of HMAC-SHA256 over ``BMKQR1.<payload>`` keyed with the
simulator's QR key. A real platform's codes are opaque to the kiosk too: only the platform
decodes them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kiosk.domain.checks import uscc_check_char

QR_PREFIX = "BMKQR1"
QR_KEY = b"bianmin-platform-sim-qr-key-0001"
"""The simulator's QR signing key (a real platform keeps its own secret)."""


@dataclass(frozen=True)
class _Profile:
    issuer: str
    issuer_region: str  # 6-digit division code of the issuing body
    share: int  # per cent of holders who have this license
    valid_years: int | None  # None: does not expire


# Matched by substring of the type name, first match wins.
_PROFILES: list[tuple[str, _Profile]] = [
    ("居民身份证", _Profile("北京市公安局西城分局", "110102", 100, 20)),
    ("户口", _Profile("北京市公安局西城分局德胜门派出所", "110102", 100, None)),
    ("社会保障卡", _Profile("北京市人力资源和社会保障局", "110000", 100, 10)),
    ("结婚证", _Profile("北京市西城区民政局婚姻登记处", "110102", 70, None)),
    ("出生医学证明", _Profile("北京市西城区妇幼保健院", "110102", 40, None)),
    ("不动产", _Profile("北京市规划和自然资源委员会", "110000", 50, None)),
    ("营业执照", _Profile("北京市西城区市场监督管理局", "110102", 30, None)),
    ("学历", _Profile("北京市教育委员会", "110000", 60, None)),
    ("残疾人证", _Profile("北京市西城区残疾人联合会", "110102", 10, 10)),
    ("居住证", _Profile("北京市公安局西城分局", "110102", 10, 1)),
]
_GENERIC = _Profile("北京市政务服务管理局", "110000", 30, 5)


def _profile(type_name: str) -> _Profile:
    for key, p in _PROFILES:
        if key in type_name:
            return p
    return _GENERIC


def catalog_license_types(items: list[dict[str, Any]]) -> dict[str, str]:
    """``{type_code: type_name}`` of every e-license type that materials of ``items`` accept."""
    out: dict[str, str] = {}
    for item in items:
        for m in item.get("materials") or []:
            el = m.get("elicense") if isinstance(m, dict) else None
            if isinstance(el, dict) and el.get("type_code"):
                out.setdefault(str(el["type_code"]), str(el.get("type_name") or ""))
    return out


def _num(seed: str, *parts: str) -> int:
    return int(hashlib.sha256("|".join((seed, *parts)).encode()).hexdigest(), 16)


def mod11_2(digits: str) -> str:
    """ISO 7064 MOD 11-2 check character (as in the citizen ID number)."""
    total = 0
    for ch in digits:
        total = (total + int(ch)) * 2 % 11
    return "0123456789X"[(12 - total) % 11]


def issuer_code(profile: _Profile) -> str:
    """A well-formed unified social credit code for the issuing body (机关: 11)."""
    serial = f"{_num(profile.issuer, 'org') % 10**9:09d}"
    body = "11" + profile.issuer_region + serial
    return body + uscc_check_char(body)


def license_no(type_code: str, issuer: str, serial: str) -> str:
    return f"1.2.156.3005.2.{type_code}.{issuer}.{serial}.001.{mod11_2(serial)}"


def is_well_formed_license_no(value: str) -> bool:
    parts = value.split(".")
    if len(parts) != 10 or parts[:5] != ["1", "2", "156", "3005", "2"]:
        return False
    serial = parts[7]
    return serial.isdigit() and parts[8] == "001" and parts[9] == mod11_2(serial)


def licenses_for(id_hash: str, types: dict[str, str], today: date | None = None) -> list[dict]:
    """The holder's licenses among ``types``, the same every time for the same holder."""
    today = today or datetime.now(UTC).date()
    out = []
    for type_code, type_name in sorted(types.items()):
        p = _profile(type_name)
        n = _num(id_hash, type_code)
        if n % 100 >= p.share:
            continue
        if p.valid_years:
            # issued some time within its validity, at least a month before today
            age = 30 + (n >> 8) % (p.valid_years * 365 - 60)
        else:
            age = 30 + (n >> 8) % (15 * 365)
        valid_from = today - timedelta(days=age)
        valid_to = (
            valid_from + timedelta(days=round(365.25 * p.valid_years)) if p.valid_years else None
        )
        serial = f"{valid_from:%Y}{(n >> 40) % 10**8:08d}"
        verify = base64.b32encode(hashlib.sha256(f"{id_hash}|{serial}".encode()).digest())
        out.append(
            {
                "license_no": license_no(type_code, issuer_code(p), serial),
                "type_code": type_code,
                "type_name": type_name,
                "issuer": p.issuer,
                "valid_from": valid_from.isoformat(),
                "valid_to": valid_to.isoformat() if valid_to else None,
                "verify_code": verify[:8].decode(),
            }
        )
    return out


# ---------------------------------------------------------------- QR identity codes


class QrInvalid(Exception):
    """A QR payload this platform cannot decode, or one whose signature or expiry fails."""


def make_qr_payload(
    name: str,
    id_number: str,
    card_type: str = "resident",
    *,
    valid_s: float = 365 * 86400,
    now: float | None = None,
    key: bytes = QR_KEY,
) -> str:
    """A QR identity code for this simulator (for tests and ``python -m sync.simulator.licenses``)."""
    exp = datetime.fromtimestamp((now or time.time()) + valid_s, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = json.dumps(
        {"n": name, "i": id_number, "t": card_type, "e": exp},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()
    b64 = base64.urlsafe_b64encode(body).rstrip(b"=").decode()
    signed = f"{QR_PREFIX}.{b64}"
    sig = hmac.new(key, signed.encode(), hashlib.sha256).hexdigest()[:16]
    return f"{signed}.{sig}"


def decode_qr_payload(payload: str, *, now: float | None = None, key: bytes = QR_KEY) -> dict:
    """``{"name", "id_number", "card_type"}`` from a code; :class:`QrInvalid` otherwise."""
    parts = payload.strip().split(".")
    if len(parts) != 3 or parts[0] != QR_PREFIX:
        raise QrInvalid("not a platform identity code")
    signed = f"{parts[0]}.{parts[1]}"
    sig = hmac.new(key, signed.encode(), hashlib.sha256).hexdigest()[:16]
    if not hmac.compare_digest(sig, parts[2]):
        raise QrInvalid("signature does not match")
    try:
        raw = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        v = json.loads(raw)
        name, id_number, card_type, exp = str(v["n"]), str(v["i"]), str(v["t"]), str(v["e"])
        expires = datetime.strptime(exp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except (ValueError, KeyError, TypeError) as e:
        raise QrInvalid("malformed code") from e
    if expires.timestamp() < (now or time.time()):
        raise QrInvalid("code expired")
    return {"name": name, "id_number": id_number, "card_type": card_type}


def add_arguments(p: Any) -> None:
    """The options of ``kiosk sim identity-code`` (and of ``python -m sync.simulator.licenses``)."""
    p.add_argument("--name", required=True, help="the resident's name, as on the card")
    p.add_argument("--id-number", required=True, help="a valid 18-digit citizen ID number")
    p.add_argument("--card-type", default="resident", help="resident (default)")
    p.add_argument("--days", type=float, default=365.0, help="valid for this many days (365)")
    p.add_argument("--png", help="also write the code as a QR image here (to print or show)")


def run(a: Any) -> int:
    """Print a QR identity code the platform simulator accepts; 2 for a bad ID number."""
    import sys

    from kiosk.domain.checks import is_valid_citizen_id

    if not is_valid_citizen_id(a.id_number):
        sys.stderr.write("--id-number: not a valid citizen ID number (check digit, date)\n")
        return 2
    code = make_qr_payload(a.name, a.id_number, a.card_type, valid_s=a.days * 86400)
    print(code)
    if a.png:
        import qrcode

        qrcode.make(code).save(a.png)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Prints a QR identity code the platform simulator accepts (feed it to the simulated
    reader with ``kiosk sim qr --link … --code CODE``, or print the PNG and hold it to a real
    reader). The same as ``kiosk sim identity-code``."""
    import argparse

    p = argparse.ArgumentParser(prog="python -m sync.simulator.licenses", description=main.__doc__)
    add_arguments(p)
    return run(p.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
