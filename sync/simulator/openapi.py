"""The OpenAPI 3.1 document of the platform contract (platform-api.md), as served and committed.

``python -m sync.simulator.openapi > sync/simulator/openapi.json`` regenerates the committed
copy; a test checks that the two agree and that every route the simulator serves is in it.
"""

from __future__ import annotations

import json
from typing import Any

from kiosk.ports.platform import ERROR_CODES, STATUSES

APPLICATION_REQUIRED = (
    "id",
    "local_ref",
    "item_code",
    "catalog_version",
    "applicant",
    "form",
    "materials",
    "created_at",
    "kiosk_id",
)
"""The keys every application body has; the simulator refuses one without them (422)."""

_SIGNED = [
    {"$ref": "#/components/parameters/KioskId"},
    {"$ref": "#/components/parameters/Timestamp"},
    {"$ref": "#/components/parameters/Nonce"},
    {"$ref": "#/components/parameters/ContentSha256"},
    {"$ref": "#/components/parameters/SignatureAlg"},
    {"$ref": "#/components/parameters/Signature"},
]


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _err(description: str) -> dict[str, Any]:
    return _json({"$ref": "#/components/schemas/Error"}, description)


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


_COMMON = {
    "401": _err("bad_signature, clock_skew, replay or unknown_kiosk"),
    "429": {"$ref": "#/components/responses/RateLimited"},
    "503": {"$ref": "#/components/responses/Unavailable"},
}


def _idempotent_post(summary: str, body: str, answer: str) -> dict[str, Any]:
    return {
        "post": {
            "summary": summary,
            "parameters": [*_SIGNED, {"$ref": "#/components/parameters/IdempotencyKey"}],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(body)}},
            },
            "responses": {
                "201": _json(_ref(answer), "created"),
                "200": _json(
                    _ref(answer), "the same key with the same JSON value: the first answer again"
                ),
                "409": _err("idempotency_conflict: the same key with a different value"),
                "422": _err(
                    "refused for good: invalid, item_unknown, item_withdrawn, blob_missing"
                ),
                **_COMMON,
            },
        }
    }


def _holder_paths(holder_token: dict[str, Any]) -> dict[str, Any]:
    """The resident's own space (issue 16): applications on every channel, 免申即享 benefits."""
    s = {"type": "string"}
    ns = {"type": ["string", "null"]}
    holder = {
        "type": "object",
        "required": ["id_digest"],
        "properties": {"id_digest": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
        "description": "SHA-256 hex of '<holder token>|<SHA-256 hex of the ID number>': the "
        "kiosk refuses an answer whose digest is not its resident's",
    }
    forbidden = _err("unknown or expired holder token")
    app = {
        "type": "object",
        "required": ["application_no", "channel", "status", "updated_at", "next_step"],
        "properties": {
            "application_no": s,
            "item_code": ns,
            "item_name": s,
            "channel": {"enum": ["kiosk", "web", "window"]},
            "status": s,
            "updated_at": s,
            "next_step": s,
            "next_step_en": ns,
            "deadline": ns,
        },
    }
    benefit = {
        "type": "object",
        "required": ["benefit_id", "name", "policy", "amount", "needs_confirmation", "status"],
        "properties": {
            "benefit_id": s,
            "name": s,
            "policy": s,
            "amount": s,
            "needs_confirmation": {"type": "boolean"},
            "status": {"enum": ["granted", "awaiting_confirmation", "confirmed"]},
            "confirm_by": ns,
            "confirmation_no": ns,
        },
    }
    benefit_id = {"name": "benefit_id", "in": "path", "required": True, "schema": s}
    confirm_body = {
        "type": "object",
        "required": ["id", "benefit_id", "kiosk_id", "confirmed_at"],
        "properties": {"id": s, "benefit_id": s, "kiosk_id": s, "confirmed_at": s},
    }
    confirmed = {
        "type": "object",
        "required": ["confirmation_no", "benefit_id", "status", "holder"],
        "properties": {"confirmation_no": s, "benefit_id": s, "status": s, "holder": holder},
    }

    def listing(key: str, item: dict[str, Any], summary: str) -> dict[str, Any]:
        return {
            "get": {
                "summary": summary,
                "description": "Added by this project (issue 16). Only the token's holder.",
                "parameters": [*_SIGNED, holder_token],
                "responses": {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["holder", key],
                            "properties": {"holder": holder, key: {"type": "array", "items": item}},
                        },
                        summary,
                    ),
                    "403": forbidden,
                    **_COMMON,
                },
            }
        }

    return {
        "/v1/holder/applications": listing(
            "applications", app, "The holder's applications on every channel"
        ),
        "/v1/holder/benefits": listing(
            "benefits", benefit, "The 免申即享 benefits the holder qualifies for"
        ),
        "/v1/holder/benefits/{benefit_id}/confirm": {
            "post": {
                "summary": "The holder confirms a benefit that needs it (once)",
                "description": (
                    "Idempotency-Key equal to the body's id: 201 the first time, 200 with the "
                    "same answer on a retry, 409 on a different body under the same key; 422 "
                    "when already confirmed under another key or the benefit needs none; 404 "
                    "when it is not the holder's."
                ),
                "parameters": [
                    *_SIGNED,
                    {"$ref": "#/components/parameters/IdempotencyKey"},
                    holder_token,
                    benefit_id,
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": confirm_body}},
                },
                "responses": {
                    "201": _json(confirmed, "confirmed"),
                    "200": _json(confirmed, "the same key and body: the first answer again"),
                    "404": _err("not a benefit of this holder"),
                    "409": _err("idempotency_conflict"),
                    "422": _err("invalid"),
                    "403": forbidden,
                    **_COMMON,
                },
            }
        },
    }


def openapi_document() -> dict[str, Any]:
    nullable_str = {"type": ["string", "null"]}
    material = {
        "type": "object",
        "required": ["material_id", "name", "source"],
        "properties": {
            "material_id": {"type": "string"},
            "name": {"type": "string"},
            "source": {"enum": ["scan", "elicense", "missing", "promise"]},
            "sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
            "size": {"type": ["integer", "null"]},
            "mime": nullable_str,
            "license_no": nullable_str,
        },
    }
    status_schema = {
        "type": "object",
        "required": ["application_no", "local_ref", "item_code", "status", "updated_at", "history"],
        "properties": {
            "application_no": {"type": "string"},
            "local_ref": {"type": "string"},
            "item_code": {"type": "string"},
            "status": {"enum": list(STATUSES)},
            "updated_at": {"type": "string"},
            "history": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["status", "at"],
                    "properties": {
                        "status": {"type": "string"},
                        "at": {"type": "string"},
                        "note": nullable_str,
                        "note_en": nullable_str,
                    },
                },
            },
            "supplement": {
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "properties": {
                            "materials": {"type": "array"},
                            "deadline": {"type": "string"},
                        },
                    },
                ]
            },
            "acceptance_seal": {
                "description": (
                    "From `accepted` on: the platform's electronic seal on the acceptance "
                    "record, as a sealed bundle (docs/seals.md). The document is canonical "
                    "UTF-8 JSON {document_type: acceptance-record, application_no, local_ref, "
                    "item_code, accepted_at, issuer, holder: {id_digest}}, id_digest = "
                    'SHA-256 hex of "<application_no>|<SHA-256 hex of the ID number>". '
                    "Null (or absent) before acceptance."
                ),
                "oneOf": [
                    {"type": "null"},
                    {
                        "type": "object",
                        "required": ["format", "doc_id", "mime", "document", "signature"],
                        "properties": {
                            "format": {"const": "bianmin-sealed/1"},
                            "doc_id": {"type": "string"},
                            "mime": {"type": "string"},
                            "document": {"type": "string", "contentEncoding": "base64"},
                            "signature": {"type": "string", "contentEncoding": "base64"},
                        },
                    },
                ],
            },
        },
    }
    header = {"type": "string"}
    holder_token = {"name": "X-Holder-Token", "in": "header", "required": True, "schema": header}
    result_request = {
        "type": "object",
        "required": ["item_code", "request_id"],
        "properties": {
            "item_code": {"type": "string", "maxLength": 36},
            "request_id": {"type": "string", "format": "uuid"},
        },
    }
    sealed_bytes = {  # a sealed document's bytes and seal, in an answer
        "document": {
            "type": "string",
            "contentEncoding": "base64",
            "description": "the document bytes",
        },
        "signature": {
            "type": "string",
            "contentEncoding": "base64",
            "description": "DER of the SES_Signature",
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Provincial platform reference protocol (省级政务服务平台 参考协议)",
            "version": "1.0.0",
            "description": (
                "The contract between Bianmin Kiosk terminals and the provincial platform "
                "(docs: platform-api.md). Every /v1/ request is signed: X-Signature is the "
                "lowercase hex HMAC (HMAC-SHA256 or HMAC-SM3, per X-Signature-Alg), keyed with the "
                "kiosk's secret, of METHOD\\nPATH[?QUERY]\\nTIMESTAMP\\nNONCE\\nCONTENT_SHA256. "
                "Timestamps more than 300 s from the platform's clock and nonces seen within that "
                "window are refused with 401. Every response carries Date. Additions to v1 made "
                "by this project: 413 for oversized bodies; 403 when a kiosk acts "
                "for another kiosk or an identity token is unknown. /_sim/ endpoints exist only "
                "in the simulator (unsigned, loopback only)."
            ),
        },
        "servers": [
            {"url": "http://127.0.0.1:8765", "description": "the local platform simulator"}
        ],
        "paths": {
            "/v1/catalog": {
                "get": {
                    "summary": "Catalog delta since a version (or a full snapshot)",
                    "parameters": [
                        *_SIGNED,
                        {"name": "since", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {"200": _json(_ref("CatalogDelta"), "the delta"), **_COMMON},
                }
            },
            "/v1/blobs/{sha256}": {
                "parameters": [
                    {
                        "name": "sha256",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                    }
                ],
                "head": {
                    "summary": "Does the platform have this blob?",
                    "parameters": _SIGNED,
                    "responses": {
                        "200": {"description": "present"},
                        "404": {"description": "absent"},
                        "401": {"description": "refused (no body on HEAD)"},
                    },
                },
                "put": {
                    "summary": "Upload a material's bytes (or a screenshot the screenshot "
                    "command took), named by their SHA-256",
                    "parameters": _SIGNED,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/octet-stream": {
                                "schema": {"type": "string", "format": "binary"}
                            }
                        },
                    },
                    "responses": {
                        "201": {"description": "created"},
                        "200": {"description": "already there"},
                        "400": _err("hash_mismatch"),
                        "413": _err("too large"),
                        **_COMMON,
                    },
                },
            },
            "/v1/applications": _idempotent_post(
                "Submit an application (办件)", "Application", "ApplicationAnswer"
            ),
            "/v1/applications/{ref}": {
                "get": {
                    "summary": "Status of an application by application_no or local_ref",
                    "parameters": [
                        *_SIGNED,
                        {"name": "ref", "in": "path", "required": True, "schema": header},
                    ],
                    "responses": {
                        "200": _json(status_schema, "the status"),
                        "404": _err("unknown"),
                        **_COMMON,
                    },
                }
            },
            "/v1/kiosks/{kiosk_id}/applications": {
                "get": {
                    "summary": "Status changes of this terminal's applications since a time",
                    "parameters": [
                        *_SIGNED,
                        {"name": "kiosk_id", "in": "path", "required": True, "schema": header},
                        {"name": "since", "in": "query", "schema": header},
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["changes", "until"],
                                "properties": {
                                    "changes": {"type": "array", "items": status_schema},
                                    "until": header,
                                },
                            },
                            "the changes",
                        ),
                        "403": _err("another kiosk's id"),
                        **_COMMON,
                    },
                }
            },
            "/v1/kiosks/{kiosk_id}/heartbeat": {
                "post": {
                    "summary": "Terminal heartbeat: device health, queue depth, versions",
                    "parameters": [
                        *_SIGNED,
                        {"name": "kiosk_id", "in": "path", "required": True, "schema": header},
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("Heartbeat")}},
                    },
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "server_time": header,
                                    "ring": {
                                        "type": "string",
                                        "enum": ["canary", "early", "all"],
                                        "description": "Optional: the rollout ring this "
                                        "terminal is in; it takes the releases published for "
                                        "it (docs/fleet.md).",
                                    },
                                    "commands": {
                                        "type": "array",
                                        "items": _ref("Command"),
                                    },
                                },
                            },
                            "accepted",
                        ),
                        "422": _err("invalid"),
                        **_COMMON,
                    },
                }
            },
            "/v1/kiosks/{kiosk_id}/support": {
                "post": {
                    "summary": "Upload a technician's support archive (an extension of v1)",
                    "description": (
                        "The body is the archive's exact bytes (tar.gz: logs already masked, "
                        "health, configuration without secrets, the audit head), signed like "
                        "every request (X-Content-SHA256 covers it). X-Archive-Name names it "
                        "(NAME.tar.gz, percent-encoded); X-Archive-Signature is the base64 of "
                        "its detached signature file: JSON {alg: Ed25519, kiosk_id, sha256, "
                        "size, public_key, signature} over the archive's bytes, made with the "
                        "terminal's support-signing key (kiosk support verify checks it). "
                        "422 invalid when the signature does not verify."
                    ),
                    "parameters": [
                        *_SIGNED,
                        {"name": "kiosk_id", "in": "path", "required": True, "schema": header},
                        {
                            "name": "X-Archive-Name",
                            "in": "header",
                            "required": True,
                            "schema": header,
                        },
                        {
                            "name": "X-Archive-Signature",
                            "in": "header",
                            "required": True,
                            "schema": header,
                        },
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/gzip": {"schema": {"type": "string", "format": "binary"}}
                        },
                    },
                    "responses": {
                        "201": _json(
                            {
                                "type": "object",
                                "required": ["upload_id", "sha256", "size"],
                                "properties": {
                                    "upload_id": header,
                                    "sha256": header,
                                    "size": {"type": "integer"},
                                },
                            },
                            "stored",
                        ),
                        "400": _err("invalid name or signature header"),
                        "403": _err("another kiosk's id"),
                        "413": _err("archive too large"),
                        "422": _err("invalid: the signature does not verify"),
                        **_COMMON,
                    },
                }
            },
            "/v1/identity/verify": {
                "post": {
                    "summary": "Verify an identity (免证办) and get a holder token",
                    "description": (
                        "channel id_card/ssc: the kiosk sends what it read from the card. "
                        "channel qr: the kiosk sends only qr_payload (id_number and name empty); "
                        "the platform decodes its own code (一码办事 / 电子证照亮证码) and, to the "
                        "verified kiosk only, answers the holder's identity in holder.name, "
                        "holder.id_number and holder.card_type (an extension of v1: older "
                        "platforms answer holder.name_masked alone and the kiosk then asks the "
                        "resident). An undecodable, forged or expired code is 422 invalid."
                    ),
                    "parameters": _SIGNED,
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["card_type", "id_number", "name", "channel"],
                                    "properties": {
                                        "card_type": header,
                                        "id_number": header,
                                        "name": header,
                                        "valid_to": nullable_str,
                                        "channel": {"enum": ["id_card", "ssc", "qr"]},
                                        "qr_payload": nullable_str,
                                    },
                                }
                            }
                        },
                    },
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "token": header,
                                    "expires_at": header,
                                    "holder": {
                                        "type": "object",
                                        "required": ["name_masked"],
                                        "properties": {
                                            "name_masked": header,
                                            "name": {
                                                **header,
                                                "description": "channel qr only: full name",
                                            },
                                            "id_number": {
                                                **header,
                                                "description": "channel qr only: ID number",
                                            },
                                            "card_type": {
                                                **header,
                                                "description": (
                                                    "channel qr only: resident, "
                                                    "residence_permit, foreign_permanent"
                                                ),
                                            },
                                        },
                                    },
                                },
                            },
                            "verified",
                        ),
                        "422": _err("invalid"),
                        **_COMMON,
                    },
                }
            },
            "/v1/licenses": {
                "get": {
                    "summary": "The holder's e-licenses",
                    "description": (
                        "type_code is the e-license type a catalog material names in "
                        "elicense.type_code; license_no is the national e-license identifier "
                        "(GB/T 36904 shape). An application cites license_no for such a "
                        "material; citing a license the platform did not issue, or one of "
                        "another type than the material accepts, is 422 invalid."
                    ),
                    "parameters": [
                        *_SIGNED,
                        holder_token,
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {
                                    "licenses": {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                k: nullable_str
                                                for k in (
                                                    "license_no",
                                                    "type_code",
                                                    "type_name",
                                                    "issuer",
                                                    "valid_from",
                                                    "valid_to",
                                                    "verify_code",
                                                )
                                            },
                                        },
                                    }
                                },
                            },
                            "the licenses",
                        ),
                        "403": _err("unknown or expired holder token"),
                        **_COMMON,
                    },
                }
            },
            **_holder_paths(holder_token),
            "/v1/licenses/{license_no}/document": {
                "get": {
                    "summary": "One of the holder's e-licenses as a sealed document",
                    "description": (
                        "Added by this project (issue 14, docs/seals.md). The document bytes "
                        "and their electronic seal: an SES_Signature (GB/T 38540-2020, "
                        "version 4, SM2/SM3) whose dataHash is the SM3 of the document bytes. "
                        "The kiosk verifies it offline against the seal trust store before it "
                        "offers the license. 404 when license_no is not the holder's."
                    ),
                    "parameters": [
                        *_SIGNED,
                        {
                            "name": "license_no",
                            "in": "path",
                            "required": True,
                            "schema": header,
                        },
                        holder_token,
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["license_no", "mime", "document", "signature"],
                                "properties": {
                                    "license_no": {"type": "string"},
                                    "issuer": {"type": "string"},
                                    "mime": {"type": "string"},
                                    **sealed_bytes,
                                },
                            },
                            "the sealed document",
                        ),
                        "403": _err("unknown or expired holder token"),
                        "404": _err("not a license of this holder"),
                        **_COMMON,
                    },
                }
            },
            "/v1/kiosks/{kiosk_id}/results": {
                "post": {
                    "summary": "The sealed result document of an instant item (即时办结)",
                    "description": (
                        "Added by this project (issue 14, docs/sync.md). For an item the "
                        "catalog marks instant: true, the platform issues its result_document "
                        "at once for the holder of X-Holder-Token (from /v1/identity/verify): "
                        "the document bytes and their electronic seal (SES_Signature, GB/T "
                        "38540-2020 v4, SM2/SM3, dataHash = SM3 of the bytes) by the issuing "
                        "body. Not idempotent: every call issues a new result_id. The "
                        "reference document is canonical UTF-8 JSON {document_type: "
                        "instant-result, result_id, type, title, item_code, issuer, holder: "
                        "{name_masked, id_digest}, issued_at, facts: [[label, value]...], "
                        "status}; holder.id_digest is the lowercase hex SHA-256 of "
                        "'<result_id>|<lowercase hex SHA-256 of the ID number>', which the "
                        "kiosk checks against the card it read. The kiosk verifies the seal "
                        "offline and shows or prints only what verified. 422 item_unknown for "
                        "an item not in the catalog, invalid for one not issued at once."
                    ),
                    "parameters": [
                        *_SIGNED,
                        {"name": "kiosk_id", "in": "path", "required": True, "schema": header},
                        holder_token,
                    ],
                    "requestBody": {
                        "required": True,
                        **_json(result_request, "the instant item, and a new UUID per request"),
                    },
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": [
                                    "result_id",
                                    "item_code",
                                    "type",
                                    "title",
                                    "issuer",
                                    "issued_at",
                                    "mime",
                                    "document",
                                    "signature",
                                ],
                                "properties": {
                                    "result_id": header,
                                    "item_code": {"type": "string", "maxLength": 36},
                                    "type": {
                                        "type": "string",
                                        "description": "the item's result_document.type",
                                    },
                                    "title": header,
                                    "issuer": {
                                        "type": "string",
                                        "description": "the issuing body (the seal's signer)",
                                    },
                                    "issued_at": header,
                                    "mime": header,
                                    **sealed_bytes,
                                },
                            },
                            "the sealed result document",
                        ),
                        "403": _err("unknown or expired holder token, or another kiosk's id"),
                        "422": _err("item_unknown, or invalid (not an instant item)"),
                        **_COMMON,
                    },
                }
            },
            "/v1/seal-trust": {
                "get": {
                    "summary": "The province's seal-issuer certificates and revocation list",
                    "description": (
                        "Added by this project (issue 14, docs/seals.md); the kiosk pulls it "
                        "with the catalog and keeps the last good answer. issuers: base64 DER "
                        "of self-signed SM2 X.509 CA certificates (SM2-with-SM3, "
                        "1.2.156.10197.1.501); revoked.certs: SM3 (hex) of the DER of revoked "
                        "certificates (issuer, seal maker or signer); revoked.seals: esIDs of "
                        "revoked seals. Versions only grow."
                    ),
                    "parameters": [*_SIGNED],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["version", "issuers"],
                                "properties": {
                                    "version": {"type": "integer", "minimum": 1},
                                    "issued_at": {"type": "string"},
                                    "issuers": {
                                        "type": "array",
                                        "minItems": 1,
                                        "items": {"type": "string", "contentEncoding": "base64"},
                                    },
                                    "revoked": {
                                        "type": "object",
                                        "properties": {
                                            "certs": {
                                                "type": "array",
                                                "items": {
                                                    "type": "string",
                                                    "pattern": "^[0-9a-f]{64}$",
                                                },
                                            },
                                            "seals": {
                                                "type": "array",
                                                "items": {"type": "string"},
                                            },
                                        },
                                    },
                                },
                            },
                            "the trust store",
                        ),
                        **_COMMON,
                    },
                }
            },
            "/v1/reviews": _idempotent_post("Rate a service (好差评)", "Review", "ReviewAnswer"),
            "/v1/problems": _idempotent_post("Report 办不成事", "Problem", "ProblemAnswer"),
            "/v1/help-requests": _idempotent_post(
                "Ask for a person to help (帮办代办)", "HelpRequest", "HelpAnswer"
            ),
        },
        "components": {
            "parameters": {
                "KioskId": {
                    "name": "X-Kiosk-Id",
                    "in": "header",
                    "required": True,
                    "schema": header,
                },
                "Timestamp": {
                    "name": "X-Timestamp",
                    "in": "header",
                    "required": True,
                    "schema": {
                        "type": "string",
                        "pattern": "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$",
                    },
                },
                "Nonce": {
                    "name": "X-Nonce",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
                },
                "ContentSha256": {
                    "name": "X-Content-SHA256",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
                "SignatureAlg": {
                    "name": "X-Signature-Alg",
                    "in": "header",
                    "required": True,
                    "schema": {"enum": ["HMAC-SHA256", "HMAC-SM3"]},
                },
                "Signature": {
                    "name": "X-Signature",
                    "in": "header",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                },
                "IdempotencyKey": {
                    "name": "Idempotency-Key",
                    "in": "header",
                    "required": True,
                    "description": "equal to the body's id",
                    "schema": {"type": "string", "format": "uuid"},
                },
            },
            "responses": {
                "RateLimited": {
                    "description": "rate_limited",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": _ref("Error")}},
                },
                "Unavailable": {
                    "description": "unavailable",
                    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                    "content": {"application/json": {"schema": _ref("Error")}},
                },
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "reason"],
                    "properties": {
                        "error": {"enum": list(ERROR_CODES)},
                        "reason": header,
                    },
                },
                "ServiceItem": {
                    "$ref": "https://bianmin.invalid/schemas/service_item.schema.json",
                    "description": "kiosk/schemas/service_item.schema.json",
                },
                "CatalogDelta": {
                    "type": "object",
                    "required": ["version", "full", "items", "withdrawn"],
                    "properties": {
                        "version": {"type": "integer"},
                        "full": {"type": "boolean"},
                        "items": {"type": "array", "items": _ref("ServiceItem")},
                        "withdrawn": {"type": "array", "items": header},
                    },
                },
                "Application": {
                    "type": "object",
                    "required": list(APPLICATION_REQUIRED),
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "local_ref": {
                            "type": "string",
                            "pattern": "^[A-Za-z0-9-]{1,32}-\\d{8}-\\d{4}$",
                        },
                        "item_code": {"type": "string", "maxLength": 36},
                        "catalog_version": {"type": "integer"},
                        "applicant": {"type": "object"},
                        "form": {"type": "object"},
                        "materials": {"type": "array", "items": material},
                        "commitment": {"type": ["object", "null"]},
                        "created_at": header,
                        "kiosk_id": header,
                        "test": {"type": "boolean"},
                        "receiving_region": {
                            "type": "string",
                            "pattern": "^[0-9]{6}$",
                            "description": "通办 (optional, with tongban_mode): the GB/T 2260 "
                            "code of the region where the application was received (the "
                            "terminal's terminal.region_code)",
                        },
                        "handling_region": {
                            "type": "string",
                            "pattern": "^[0-9]{6}$",
                            "description": "通办: the GB/T 2260 code of the region whose body "
                            "handles it (the registered region the resident confirmed, else the "
                            "implementing body's); a historical code is taken as its successor; "
                            "422 invalid when it does not exist or lies outside the item's "
                            "tongban.regions (or, for 省内通办, outside the receiving province)",
                        },
                        "tongban_mode": {
                            "enum": ["全程网办", "异地代收代办", "多地联办"],
                            "description": "通办: one of the item's tongban.modes (422 invalid "
                            "otherwise, or when the item has no tongban); statuses then come "
                            "from the handling body in handling_region, named in the history "
                            "notes",
                        },
                        "delivery": {
                            "type": "object",
                            "required": ["method"],
                            "properties": {
                                "method": {"enum": ["window", "post", "elicense"]},
                                "address": {"type": ["string", "null"], "maxLength": 60},
                            },
                            "description": "办理结果: how the result reaches the resident, one "
                            "of the item's result.delivery; post needs the address (at most 60 "
                            "characters)",
                        },
                        "agent": {
                            "type": "object",
                            "required": ["name", "id_number", "card_type", "id_channel", "way"],
                            "properties": {
                                "name": {"type": "string", "maxLength": 100},
                                "id_number": header,
                                "card_type": header,
                                "id_channel": {"enum": ["id_card", "ssc", "qr", "manual"]},
                                "way": {"enum": ["card", "qr_authorisation", "power_of_attorney"]},
                                "authorisation_id": {"type": ["string", "null"], "maxLength": 64},
                            },
                            "description": "委托代办 (optional): the agent (代理人) who applied "
                            "for the applicant — then the applicant is the principal (委托人) — "
                            "identified by their own card, and how they showed the principal's "
                            "consent: card (the principal's ID card was read), qr_authorisation "
                            "(the principal's QR authorisation this platform issued, by its id; "
                            "the terminal verified it offline against the seal trust store), "
                            "power_of_attorney (its scan is the material power_of_attorney). "
                            "422 invalid when the item takes no agent or must be applied for in "
                            "person (the reason is the item's agent.reason_in_person), the way "
                            "is not among the item's agent.ways, the agent is the applicant, the "
                            "authorisation was not issued for this item, applicant and agent, or "
                            "a power of attorney has no scan",
                        },
                    },
                },
                "ApplicationAnswer": {
                    "type": "object",
                    "properties": {
                        "application_no": header,
                        "local_ref": header,
                        "status": {"const": "received"},
                    },
                },
                "Review": {
                    "type": "object",
                    "required": ["id", "kiosk_id", "rating", "created_at"],
                    "properties": {
                        "id": header,
                        "kiosk_id": header,
                        "application_no": nullable_str,
                        "local_ref": nullable_str,
                        "item_code": nullable_str,
                        "channel": {"const": "kiosk"},
                        "rating": {"type": "integer", "minimum": 1, "maximum": 5},
                        "reasons": {"type": "array", "items": header},
                        "comment": nullable_str,
                        "dimensions": {"type": ["object", "null"]},
                        "contact": nullable_str,
                        "created_at": header,
                    },
                },
                "ReviewAnswer": {"type": "object", "properties": {"review_no": header}},
                "Problem": {
                    "type": "object",
                    "required": ["id", "kiosk_id", "category", "description", "created_at"],
                    "properties": {
                        "id": header,
                        "kiosk_id": header,
                        "item_code": nullable_str,
                        "category": header,
                        "description": header,
                        "contact": nullable_str,
                        "created_at": header,
                    },
                },
                "ProblemAnswer": {"type": "object", "properties": {"problem_no": header}},
                "HelpRequest": {
                    "type": "object",
                    "required": ["id", "kiosk_id", "reason", "created_at"],
                    "properties": {
                        "id": header,
                        "kiosk_id": header,
                        "reason": header,
                        "created_at": header,
                    },
                },
                "HelpAnswer": {
                    "type": "object",
                    "properties": {
                        "request_no": header,
                        "expected_wait_s": {"type": ["integer", "null"]},
                    },
                },
                "Command": {
                    "type": "object",
                    "description": "A remote command (docs/fleet.md). signature: lowercase hex "
                    "Ed25519 signature, made with the platform's command key, over the "
                    "canonical JSON (sorted keys, no spaces, UTF-8) of the command without "
                    "signature. The terminal runs a command at most once by id and refuses, "
                    "with the reason in command_results, one that is forged, for another "
                    "terminal, expired (expires_at more than 300 s behind its corrected "
                    "clock), a replay or unknown. Names: restart, resync_catalog, selftest, "
                    "upload_support, screenshot, set_ring (args.ring: canary, early or all), "
                    "update_now. screenshot: only on the idle start screen (refused while a "
                    "resident is in session or a technician in maintenance mode); the PNG of "
                    "the terminal's window is uploaded as a blob (PUT /v1/blobs/{sha256}) and "
                    "the result's detail names it: 'screenshot uploaded: sha256=<64 hex> "
                    "<width>x<height> png (<n> bytes)'.",
                    "required": ["id", "kiosk_id", "name", "args", "expires_at", "signature"],
                    "properties": {
                        "id": header,
                        "kiosk_id": header,
                        "name": header,
                        "args": {"type": "object"},
                        "expires_at": header,
                        "signature": {"type": "string", "pattern": "^[0-9a-f]{128}$"},
                    },
                },
                "Heartbeat": {
                    "type": "object",
                    "required": ["at"],
                    "properties": {
                        "command_results": {
                            "type": "array",
                            "description": "Optional: the result or refusal of each command "
                            "since the last heartbeat the platform took, each reported once.",
                            "items": {
                                "type": "object",
                                "required": ["id", "ok", "detail"],
                                "properties": {
                                    "id": header,
                                    "ok": {"type": "boolean"},
                                    "detail": header,
                                },
                            },
                        },
                        "display": {
                            "type": "string",
                            "enum": ["asleep", "awake"],
                            "description": "Optional: the screen's state, sent by a terminal "
                            "whose agent runs in the interface's process: asleep outside the "
                            "opening hours or after the idle time ([terminal] opening_hours, "
                            "[ui] sleep_after_s), awake otherwise.",
                        },
                        "ring": {
                            "type": ["string", "null"],
                            "enum": ["canary", "early", "all", None],
                            "description": "Optional: the rollout ring (set_ring or the "
                            "heartbeat answer's ring).",
                        },
                        "update": {
                            "type": "object",
                            "description": "Optional: the software update's state "
                            "(docs/fleet.md): state (none, current, available, refused, "
                            "applying, switching, pending_boot, rolled_back, failed), the "
                            "running, available and pending versions, the ring, and the last "
                            "refusal's reason.",
                            "properties": {
                                "state": header,
                                "running": header,
                                "ring": header,
                                "available": header,
                                "pending": header,
                                "refusal": header,
                                "catalog": {
                                    "type": "object",
                                    "description": "Optional: the catalog-snapshot target "
                                    "(docs/fleet.md): state, the served and staged catalog "
                                    "versions, the last refusal's reason.",
                                    "properties": {
                                        "state": header,
                                        "served": {"type": ["integer", "string", "null"]},
                                        "staged": {"type": ["integer", "string", "null"]},
                                        "refusal": header,
                                    },
                                },
                                "config": {
                                    "type": "object",
                                    "description": "Optional: the configuration target: "
                                    "state, the installed, available and pending versions, "
                                    "the last refusal's reason.",
                                    "properties": {
                                        "state": header,
                                        "installed": header,
                                        "available": header,
                                        "pending": header,
                                        "refusal": header,
                                    },
                                },
                            },
                        },
                        "at": header,
                        "versions": {
                            "type": "object",
                            "properties": {"app": header, "catalog": {"type": ["integer", "null"]}},
                        },
                        "devices": {
                            "type": "object",
                            "additionalProperties": {
                                "type": "object",
                                "properties": {"status": header, "detail": nullable_str},
                            },
                        },
                        "queue": {
                            "type": "object",
                            "properties": {
                                k: {"type": ["number", "null"]}
                                for k in (
                                    "pending",
                                    "retry",
                                    "rejected",
                                    "quarantined",
                                    "oldest_pending_s",
                                )
                            },
                        },
                        "sync": {
                            "type": "object",
                            "description": "Optional (kiosk addition): the sync agent's health —"
                            " unusable answers per pull (bad_answers), unexpected 4xx, the"
                            " platform's pause (paused_until), full-disk writes (store_full),"
                            " scans deleted early for space (low_space_files). Counts and codes"
                            " only.",
                        },
                        "alerts": {
                            "type": "array",
                            "description": "Optional (kiosk addition): what needs a technician,"
                            " e.g. outbox_quarantined, disk_low.",
                            "items": {
                                "type": "object",
                                "required": ["code"],
                                "properties": {"code": header, "detail": nullable_str},
                            },
                        },
                        "audit": {
                            "description": "The terminal's signed audit head (a project "
                            "addition): entries counted, the last entry's hash, the first entry "
                            "of the keyed chain, and an HMAC over the three under the terminal's "
                            "audit key. The platform keeps it as an anchor: a later head that "
                            "counts fewer entries, or another hash for the same count, means "
                            "the terminal's log lost entries. null before the first entry.",
                            "type": ["object", "null"],
                            "required": ["count", "hash", "anchor", "mac"],
                            "properties": {
                                "count": {"type": "integer", "minimum": 0},
                                "hash": header,
                                "anchor": {"type": "integer", "minimum": 1},
                                "mac": header,
                            },
                        },
                    },
                },
            },
        },
    }


if __name__ == "__main__":
    print(json.dumps(openapi_document(), ensure_ascii=False, indent=1))
