"""Retention: what a terminal still holds about a resident once the platform has answered."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from kiosk.domain.records import HelpRequest, ProblemReport, Review
from kiosk.store.db import Store
from kiosk.store.retention import last_purge
from kiosk.usecases.feedback import report_problem, request_help, submit_review
from kiosk.usecases.submit import submit_application

from .test_cli_core import run
from .test_submit import draft

DAY = 86400.0


def confirm(store: Store, app_no: str = "A-0001", now: float | None = None) -> None:
    """The sync agent's part: lease the next row and store the platform's answer."""
    row = store.outbox.lease_next(now)
    store.outbox.mark_sent(row, 201, {"application_no": app_no, "status": "received"}, now=now)


def refuse(store: Store, now: float) -> None:
    row = store.outbox.lease_next(now)
    store.outbox.mark_rejected(row, "item_withdrawn", "the item was withdrawn", 422, now=now)
    store.applications.mark_refused(row.ref_id, "item_withdrawn", "the item was withdrawn")


def personal(store: Store, app_id: str) -> tuple:
    return store.conn.execute(
        "SELECT applicant_enc, form_enc FROM applications WHERE id = ?", (app_id,)
    ).fetchone()


def body_of(store: Store, ref_id: str) -> bytes | None:
    (row,) = [r for r in store.outbox.rows() if r.ref_id == ref_id]
    try:
        return store.outbox.body(row)
    except LookupError:
        return None


def scan_of(store: Store, app_id: str) -> Path:
    (sha,) = [s for s, _, _ in store.applications.materials_of(app_id)]
    return store.blobs.path(sha)


def test_an_old_confirmed_application_keeps_only_what_a_status_lookup_needs(
    store: Store,
) -> None:
    sub = submit_application(store, draft())
    confirm(store, "A-0001")
    scan = scan_of(store, sub.id)
    assert scan.exists()
    report = store.purge_expired(time.time() + 31 * DAY)
    assert (report.applications, report.files) == (1, 1)
    assert personal(store, sub.id) == (None, None)
    assert store.applications.applicant(sub.id) is None and store.applications.form(sub.id) is None
    assert body_of(store, sub.id) is None
    assert not scan.exists()
    for ref in (sub.local_ref, "A-0001"):  # the resident's status lookup still answers
        app = store.applications.get_by_ref(ref)
        assert (app.status, app.item_code, app.purged) == ("received", sub.item_code, True)
    assert store.purge_expired(time.time() + 32 * DAY).applications == 0  # once is enough


def test_a_young_confirmed_application_is_kept(store: Store) -> None:
    sub = submit_application(store, draft())
    confirm(store)
    assert store.purge_expired(time.time() + 29 * DAY).applications == 0
    assert store.applications.applicant(sub.id)["name"] == "张三"
    assert body_of(store, sub.id) is not None and scan_of(store, sub.id).exists()


@pytest.mark.parametrize("state", ["pending", "retry", "sending"])
def test_an_old_unconfirmed_application_is_kept_whole(store: Store, state: str) -> None:
    sub = submit_application(store, draft())
    if state != "pending":
        row = store.outbox.lease_next()
        if state == "retry":
            store.outbox.mark_retry(row, time.time() + 60, "503: unavailable", 503)
    report = store.purge_expired(time.time() + 3650 * DAY)
    assert report.removed == 0
    assert store.applications.applicant(sub.id)["id_number"] == "11010519491231002X"
    assert json.loads(body_of(store, sub.id))["local_ref"] == sub.local_ref
    assert scan_of(store, sub.id).exists()


def test_an_application_the_platform_refused_is_purged_after_the_period(store: Store) -> None:
    sub = submit_application(store, draft())
    refused_at = time.time()
    refuse(store, refused_at)
    assert store.purge_expired(refused_at + 29 * DAY).refused == 0
    assert store.applications.applicant(sub.id) is not None
    report = store.purge_expired(refused_at + 31 * DAY)
    assert (report.refused, report.files) == (1, 1)
    assert personal(store, sub.id) == (None, None) and body_of(store, sub.id) is None
    assert store.applications.get_by_ref(sub.local_ref).status == "refused"


def test_reviews_problems_and_help_requests_lose_their_contact(store: Store) -> None:
    ids = [
        submit_review(store, Review(rating=5, contact="13800138000")),
        report_problem(
            store, ProblemReport(category="device", description="没纸", contact="13800138000")
        ),
        request_help(store, HelpRequest(reason="看不懂")),
    ]
    for _ in ids:
        confirm(store)
    waiting = submit_review(store, Review(rating=4, contact="13900139000"))
    report = store.purge_expired(time.time() + 31 * DAY)
    assert report.feedback == 3
    assert [body_of(store, i) for i in ids] == [None, None, None]
    assert json.loads(body_of(store, waiting))["contact"] == "13900139000"  # not yet sent
    assert store.conn.execute("SELECT count(*) FROM feedback").fetchone()[0] == 4


def test_a_scan_still_cited_by_a_kept_application_is_never_deleted(store: Store) -> None:
    old = submit_application(store, draft())
    confirm(store)
    kept = submit_application(store, draft())  # the same page again: the same file
    scan = scan_of(store, old.id)
    assert scan == scan_of(store, kept.id)
    report = store.purge_expired(time.time() + 31 * DAY)
    assert (report.applications, report.files) == (1, 0)
    assert store.blobs.get(scan.name)  # still readable for the application still waiting


def test_a_scan_written_again_just_now_is_not_deleted(store: Store) -> None:
    """A new session scanned the same bytes (not yet submitted): the file is fresh again."""
    old = submit_application(store, draft())
    confirm(store)
    scan = scan_of(store, old.id)
    stale = time.time() - 40 * DAY
    os.utime(scan, (stale, stale))  # written 40 days ago…
    store.blobs.put(store.blobs.get(scan.name))  # …and scanned again now
    report = store.purge_expired(time.time(), retention_days=0)
    assert (report.applications, report.files) == (1, 0)
    assert scan.exists()


def test_each_purge_is_recorded_with_counts_only_for_kiosk_status(store: Store) -> None:
    assert last_purge(store) is None
    sub = submit_application(store, draft())
    confirm(store)
    at = time.time() + 31 * DAY
    store.purge_expired(at)
    last = last_purge(store)
    assert last == {
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(at)),
        "applications": 1,
        "refused": 0,
        "feedback": 0,
        "files": 1,
    }
    (entry,) = [e for e in store.audit.entries() if e["event"] == "store.purged"]
    text = json.dumps(entry, ensure_ascii=False)
    assert sub.local_ref not in text and sub.id not in text and "张三" not in text
    store.purge_expired(at + 3600)  # nothing left to remove: the run is still recorded
    assert last_purge(store)["applications"] == 0
    assert len([e for e in store.audit.entries() if e["event"] == "store.purged"]) == 1


def test_kiosk_status_json_shows_the_last_purge(tmp_path: Path, store: Store) -> None:
    data = tmp_path / "data"
    submit_application(store, draft())
    confirm(store)
    store.purge_expired(time.time() + 31 * DAY)
    r = run(data, "status", "--json")
    assert r.returncode == 0, r.stderr
    last = json.loads(r.stdout)["last_purge"]
    assert last["applications"] == 1 and last["files"] == 1 and last["at"].endswith("Z")
