"""Reviews (好差评), problem reports (办不成事) and help requests (帮办代办).

Each is stored and queued in one transaction, like an application, and reaches the platform
through the outbox. Rating is voluntary; a bad rating (1 or 2) needs a reason.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from kiosk.domain.forms import FieldProblem
from kiosk.domain.records import (
    BAD_REVIEW_REASONS,
    PROBLEM_CATEGORIES,
    HelpRequest,
    ProblemReport,
    Review,
)
from kiosk.store.audit import AuditLog
from kiosk.store.db import Store
from kiosk.usecases.submit import SubmissionRefused, utc_stamp

MAX_TEXT = 500


def _queue(store: Store, kind: str, body: dict[str, Any], now: dt.datetime) -> str:
    body_bytes = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with store.tx() as c:
        c.execute(
            "INSERT INTO feedback (id, kind, created_at) VALUES (?,?,?)",
            (body["id"], kind, body["created_at"]),
        )
        store.outbox.enqueue(
            c,
            kind=kind,
            ref_id=body["id"],
            idempotency_key=body["id"],
            method="POST",
            body=body_bytes,
            now=now.timestamp(),
        )
        AuditLog(c).append(f"{kind}.queued", id=body["id"])
    return body["id"]


def _text_ok(text: str) -> bool:
    return len(text) <= MAX_TEXT and not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)


def submit_review(store: Store, review: Review, *, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    problems: dict[str, FieldProblem] = {}
    if review.rating not in (1, 2, 3, 4, 5):
        problems["rating"] = FieldProblem(
            "rating", "请选择1到5级评价", "Choose a rating from 1 to 5"
        )
    if review.rating in (1, 2) and not review.reasons:
        problems["reasons"] = FieldProblem(
            "reasons", "请至少选择一项不满意的原因", "Please choose at least one reason"
        )
    unknown = [r for r in review.reasons if r not in BAD_REVIEW_REASONS]
    if unknown:
        problems["reasons"] = FieldProblem(
            "reasons", "原因不在列表中", f"Unknown reasons: {unknown}"
        )
    if not _text_ok(review.comment):
        problems["comment"] = FieldProblem(
            "comment",
            f"意见最多{MAX_TEXT}字，且不能含特殊字符",
            f"Comment: at most {MAX_TEXT} characters",
        )
    if problems:
        raise SubmissionRefused(problems)
    body = {
        "id": str(uuid.uuid4()),
        "kiosk_id": store.cfg.terminal.kiosk_id,
        "application_no": review.application_no,
        "local_ref": review.local_ref,
        "item_code": review.item_code,
        "channel": "kiosk",
        "rating": review.rating,
        "reasons": list(review.reasons),
        "comment": review.comment,
        "dimensions": review.dimensions,
        "contact": review.contact,
        "created_at": utc_stamp(now),
    }
    return _queue(store, "review", body, now)


def report_problem(store: Store, report: ProblemReport, *, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    if report.category not in PROBLEM_CATEGORIES:
        raise SubmissionRefused(
            {"category": FieldProblem("category", "请选择问题类别", "Choose a category")}
        )
    if not report.description.strip() or not _text_ok(report.description):
        raise SubmissionRefused(
            {
                "description": FieldProblem(
                    "description",
                    f"请用不超过{MAX_TEXT}字描述遇到的问题",
                    f"Describe the problem in at most {MAX_TEXT} characters",
                )
            }
        )
    body = {
        "id": str(uuid.uuid4()),
        "kiosk_id": store.cfg.terminal.kiosk_id,
        "item_code": report.item_code,
        "category": report.category,
        "description": report.description,
        "contact": report.contact,
        "created_at": utc_stamp(now),
    }
    return _queue(store, "problem", body, now)


def request_help(store: Store, request: HelpRequest, *, now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now(dt.UTC)
    if not _text_ok(request.reason):
        raise SubmissionRefused({"reason": FieldProblem("reason", "原因过长", "Reason too long")})
    body = {
        "id": str(uuid.uuid4()),
        "kiosk_id": store.cfg.terminal.kiosk_id,
        "reason": request.reason or "resident asked for help",
        "created_at": utc_stamp(now),
    }
    return _queue(store, "help", body, now)
