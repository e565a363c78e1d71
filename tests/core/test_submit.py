"""Submitting an application: validated, durable, encrypted, queued — or refused with reasons."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.domain.records import (
    Applicant,
    ApplicationDraft,
    HelpRequest,
    MaterialInput,
    ProblemReport,
    Review,
)
from kiosk.store.db import DB_NAME, Store, StoreFull
from kiosk.usecases.feedback import report_problem, request_help, submit_review
from kiosk.usecases.submit import SubmissionRefused, submit_application

from .conftest import make_item

ZHANG = Applicant(name="张三", id_number="11010519491231002X", phone="13812345678")
CODE = make_item(1)["item_code"]
PAGE = b"\x89PNG-fake-page-" + os.urandom(300_000)


def draft(**over) -> ApplicationDraft:
    d = dict(
        item_code=CODE,
        applicant=ZHANG,
        form={
            "applicant_name": "张三",
            "id_number": "11010519491231002X",
            "phone": "13812345678",
            "reason": "expired",
        },
        materials=(
            MaterialInput("M1", "原居民身份证", "scan", content=PAGE, mime="image/png"),
            MaterialInput("M2", "户口簿", "missing"),
            MaterialInput("M4", "无犯罪记录证明", "promise"),
        ),
        commitment_accepted=True,
    )
    d.update(over)
    return ApplicationDraft(**d)


NOW = dt.datetime(2026, 11, 27, 8, 30, tzinfo=dt.UTC)  # a Friday, 16:30 in Beijing


def test_submit_stores_everything_in_one_go(store: Store) -> None:
    res = submit_application(store, draft(), now=NOW)
    assert res.local_ref == "K-TEST-01-20261127-0001"
    # the supply-by date skips the weekend: 5 working days after Friday is next Friday
    assert res.missing == (("M2", "户口簿", dt.date(2026, 12, 4)),)
    app = store.applications.get(res.id)
    assert app.status == "queued" and app.item_name == "居民身份证换领1"
    assert store.applications.applicant(res.id)["id_number"] == "11010519491231002X"
    assert store.applications.form(res.id)["reason"] == "expired"
    ((sha, size, mime),) = store.applications.materials_of(res.id)
    assert size == len(PAGE) and mime == "image/png" and store.blobs.get(sha) == PAGE
    row = store.outbox.rows()[0]
    assert (row.kind, row.idempotency_key) == ("application", res.id)
    body = json.loads(store.outbox.body(row))
    assert body["local_ref"] == res.local_ref and body["catalog_version"] == 7
    assert [m["source"] for m in body["materials"]] == ["scan", "missing", "promise"]
    assert body["materials"][0]["sha256"] == sha and body["commitment"]["accepted"] is True
    assert [e["event"] for e in store.audit.entries()][-1] == "application.submitted"


def test_daily_sequence_counts_per_day(store: Store) -> None:
    refs = [submit_application(store, draft(), now=NOW).local_ref for _ in range(3)]
    assert refs[-1].endswith("-0003")
    nxt = submit_application(store, draft(), now=NOW + dt.timedelta(days=1))
    assert nxt.local_ref == "K-TEST-01-20261128-0001"


def test_personal_data_is_not_readable_on_disk(store: Store) -> None:
    submit_application(store, draft(), now=NOW)
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    files = [store.data_dir / DB_NAME, *(p for _, p in store.blobs.iter_files())]
    for f in files:
        raw = f.read_bytes()
        assert b"11010519491231002X" not in raw
        assert "张三".encode() not in raw
        assert b"PNG-fake-page" not in raw


def test_refusals_say_what_is_wrong(store: Store) -> None:
    with pytest.raises(SubmissionRefused) as err:
        submit_application(store, draft(materials=(), form={"applicant_name": ""}), now=NOW)
    p = err.value.problems
    assert {"applicant_name", "id_number", "materials.M1", "materials.M2", "materials.M4"} <= set(p)
    assert "materials.M3" not in p  # optional
    with pytest.raises(SubmissionRefused) as err:
        submit_application(store, draft(commitment_accepted=False), now=NOW)
    assert "commitment" in str(err.value.problems)
    with pytest.raises(SubmissionRefused) as err:
        submit_application(
            store,
            draft(
                materials=(
                    MaterialInput("M1", "原居民身份证", "missing"),
                    MaterialInput("M2", "户口簿", "missing"),
                    MaterialInput("M4", "x", "promise"),
                ),
                commitment_accepted=True,
            ),
            now=NOW,
        )
    assert err.value.problems["materials.M1"].code == "not_missable"
    with pytest.raises(SubmissionRefused):
        submit_application(store, draft(item_code="NOPE"), now=NOW)
    assert store.outbox.counts().pending == 0 and list(store.blobs.iter_files()) == []


def test_elicense_replaces_a_scan(store: Store) -> None:
    res = submit_application(
        store,
        draft(
            materials=(
                MaterialInput("M1", "原居民身份证", "elicense", license_no="LIC-1100-0001"),
                MaterialInput("M2", "户口簿", "missing"),
                MaterialInput("M4", "无犯罪记录证明", "promise"),
            )
        ),
        now=NOW,
    )
    body = json.loads(store.outbox.body(store.outbox.rows()[0]))
    assert body["materials"][0]["license_no"] == "LIC-1100-0001"
    assert store.applications.materials_of(res.id) == []


def test_hostile_values_come_back_verbatim(store: Store) -> None:
    note = "'); DROP TABLE applications;-- <script>alert('x')</script> 𠮷 \\u0000"
    res = submit_application(store, draft(form=draft().form | {"note": note}), now=NOW)
    assert store.applications.form(res.id)["note"] == note
    assert store.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 1


def test_feedback_is_queued_and_bad_reviews_need_reasons(store: Store) -> None:
    with pytest.raises(SubmissionRefused, match="reason"):
        submit_review(store, Review(rating=1))
    submit_review(store, Review(rating=2, reasons=("slow",), local_ref="K-TEST-01-20261127-0001"))
    submit_review(store, Review(rating=5))
    report_problem(store, ProblemReport(category="materials", description="缺少户口簿怎么办"))
    request_help(store, HelpRequest(reason="看不清屏幕"))
    kinds = [r.kind for r in store.outbox.rows()]
    assert kinds == ["review", "review", "problem", "help"]


CRASH_SCRIPT = textwrap.dedent("""
    import os, sys, datetime as dt
    sys.path.insert(0, {tests!r})
    from kiosk.config import parse_config
    from kiosk.store.db import Store
    import kiosk.store.db as db
    from core.test_submit import draft, NOW
    from core.conftest import make_item
    from kiosk.usecases.submit import submit_application
    s = Store.open({data!r}, parse_config({{"terminal": {{"kiosk_id": "K-TEST-01"}}}}))
    s.catalog.replace_all([make_item(1)], version=7)
    real_tx = s.tx
    def dying_tx():
        os.kill(os.getpid(), 9)   # power cut: files written, row not committed
    s.tx = dying_tx
    submit_application(s, draft(), now=NOW)
""")


def test_crash_between_files_and_commit_leaves_nothing_half_done(
    tmp_path: Path, cfg: KioskConfig
) -> None:
    data = tmp_path / "data"
    script = CRASH_SCRIPT.format(tests=str(Path(__file__).parents[1]), data=str(data))
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert r.returncode == -signal.SIGKILL
    s = Store.open(data, cfg, reconcile=False)
    assert s.conn.execute("SELECT count(*) FROM applications").fetchone()[0] == 0
    assert len(list(s.blobs.iter_files())) == 1  # the orphan the crash left
    removed, refused = s.reconcile(grace_s=0)
    assert (removed, refused) == (1, 0) and list(s.blobs.iter_files()) == []
    s.close()


def test_missing_material_file_is_refused_locally_not_sent(store: Store) -> None:
    res = submit_application(store, draft(), now=NOW)
    ((sha, _, _),) = store.applications.materials_of(res.id)
    store.blobs.delete(sha)
    removed, refused = store.reconcile(grace_s=0)
    assert refused == 1
    (row,) = store.outbox.rejected_rows()
    assert row.reject_code == "blob_missing_local"


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)")
def test_full_disk_gives_a_clear_message_and_keeps_data(
    tmp_path: Path, cfg: KioskConfig, items
) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(mnt)], check=True)
    try:
        s = Store.open(mnt, cfg)
        s.catalog.replace_all(items, version=7)
        first = submit_application(
            s,
            draft(
                materials=(
                    MaterialInput(
                        "M1", "原居民身份证", "scan", content=b"small page", mime="image/png"
                    ),
                    MaterialInput("M2", "户口簿", "missing"),
                    MaterialInput("M4", "无犯罪记录证明", "promise"),
                )
            ),
            now=NOW,
        )
        big = os.urandom(2_000_000)
        with pytest.raises(StoreFull, match="disk is full"):
            submit_application(
                s,
                draft(
                    materials=(
                        MaterialInput("M1", "原居民身份证", "scan", content=big, mime="image/png"),
                        MaterialInput("M2", "户口簿", "missing"),
                        MaterialInput("M4", "无犯罪记录证明", "promise"),
                    )
                ),
                now=NOW,
            )
        assert s.applications.get(first.id) is not None
        assert s.outbox.counts().pending == 1
        assert s.audit.verify().ok
        s.close()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)
