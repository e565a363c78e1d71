"""The contract's signing test vectors (platform-api.md) and a sign/verify round trip."""

from __future__ import annotations

import pytest

from sync import signing

SECRET = b"k1-test-secret-0001"
TS = "2026-11-27T08:30:00Z"
NONCE = "00112233445566778899aabbccddeeff"
BODY = b'{"id":"6f1c2b9e-2d7a-4c1e-9b1a-0a5f3e8d7c21"}'


def test_body_hash_vector() -> None:
    assert (
        signing.content_sha256(BODY)
        == "242911f2fce06284363831d19b18df92f0171b34805af627f477a94152e12c74"
    )


@pytest.mark.parametrize(
    ("alg", "expected"),
    [
        ("HMAC-SHA256", "237d467791ae579e118d19ab23c7c8b3c07496fb1c3de3a5f342fd4f7112549a"),
        ("HMAC-SM3", "c282ef2dde4b1bc5f2958dcbb63b63f76453b33958b416202cf301196998c6ac"),
    ],
)
def test_post_vectors(alg: str, expected: str) -> None:
    sig = signing.sign(
        alg, SECRET, "POST", "/v1/applications", TS, NONCE, signing.content_sha256(BODY)
    )
    assert sig == expected


def test_get_with_query_vector() -> None:
    sig = signing.sign(
        "HMAC-SHA256", SECRET, "GET", "/v1/catalog?since=42", TS, NONCE, signing.EMPTY_SHA256
    )
    assert sig == "df38d94029c3eba0e9acf26bc5a4b3acce5574a971686df9b7bfe5d2706268c5"


def test_signed_headers_carry_everything_and_verify() -> None:
    h = signing.signed_headers(
        kiosk_id="K-1",
        secret=SECRET,
        method="post",
        path_and_query="/v1/applications",
        body=BODY,
        alg="HMAC-SM3",
        now=signing.parse_timestamp(TS),
        nonce=NONCE,
    )
    assert h["X-Timestamp"] == TS and h["X-Signature-Alg"] == "HMAC-SM3"
    assert h["X-Signature"] == "c282ef2dde4b1bc5f2958dcbb63b63f76453b33958b416202cf301196998c6ac"
    msg = signing.string_to_sign("POST", "/v1/applications", TS, NONCE, h["X-Content-SHA256"])
    assert signing.verify("HMAC-SM3", SECRET, msg, h["X-Signature"])
    assert not signing.verify("HMAC-SM3", b"another-secret", msg, h["X-Signature"])
    assert not signing.verify("HMAC-MD5", SECRET, msg, h["X-Signature"])


def test_new_nonce_is_32_lowercase_hex() -> None:
    n = signing.new_nonce()
    assert len(n) == 32 and all(c in "0123456789abcdef" for c in n)
    assert n != signing.new_nonce()


def test_unknown_algorithm_is_refused() -> None:
    with pytest.raises(ValueError):
        signing.hmac_hex("HMAC-SHA1", SECRET, b"x")


# A platform served under a path (https://gw.example/zwfw): the path is signed exactly as it
# appears on the request line, prefix included (issue 11, finding 7).
@pytest.mark.parametrize(
    ("alg", "target", "body", "expected"),
    [
        (
            "HMAC-SHA256",
            "/zwfw/v1/applications",
            BODY,
            "8993a1cb419b859e42e25f067e184a538568bec297f56c22a2288082836f3d1c",
        ),
        (
            "HMAC-SM3",
            "/zwfw/v1/applications",
            BODY,
            "b5b336b91fe5244f75287e331adab033f159d999f17852a0f4977484316c4601",
        ),
        (
            "HMAC-SHA256",
            "/zwfw/v1/catalog?since=42",
            b"",
            "fc237537ad5894c83ea9783475d980159d0f9116590857a69d534cc81164b0d7",
        ),
    ],
)
def test_vectors_under_a_path(alg: str, target: str, body: bytes, expected: str) -> None:
    method = "POST" if body else "GET"
    sig = signing.sign(alg, SECRET, method, target, TS, NONCE, signing.content_sha256(body))
    assert sig == expected
