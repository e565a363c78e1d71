"""The store: migrations, encryption at rest, corrupt files, the audit chain, the outbox."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from kiosk.catalog.validate import CatalogInvalid
from kiosk.config import KioskConfig, parse_config
from kiosk.store.crypto import KeyFileError, Sealer, SealError
from kiosk.store.db import DB_NAME, Store, migrations

from .conftest import make_item


def test_migrations_apply_once_and_wal_full(tmp_path: Path, cfg: KioskConfig) -> None:
    numbers = [m.number for m in migrations()]
    assert numbers == list(range(1, len(numbers) + 1))  # numbered in order, none skipped
    s = Store.open(tmp_path, cfg)
    assert s.applied_migrations() == numbers
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    s.close()
    s = Store.open(tmp_path, cfg)
    assert s.applied_migrations() == numbers
    s.close()


def test_key_file_is_owner_only_and_checked(tmp_path: Path, cfg: KioskConfig) -> None:
    Store.open(tmp_path, cfg).close()
    key = tmp_path / "keys" / "kiosk.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    key.chmod(0o644)
    with pytest.raises(KeyFileError, match="chmod 600"):
        Store.open(tmp_path, cfg)


@pytest.mark.parametrize("cipher", ["AES-256-GCM", "SM4-GCM"])
def test_sealing_round_trip_and_tamper(cipher: str) -> None:
    s = Sealer(b"k" * 32, cipher)
    sealed = s.seal("张三 11010519491231002X".encode(), aad=b"a1")
    assert "张三".encode() not in sealed
    assert s.open(sealed, aad=b"a1").decode() == "张三 11010519491231002X"
    with pytest.raises(SealError):
        s.open(sealed, aad=b"a2")  # moved to another row
    with pytest.raises(SealError):
        s.open(sealed[:-1] + bytes([sealed[-1] ^ 1]), aad=b"a1")
    with pytest.raises(SealError):
        Sealer(b"x" * 32, cipher).open(sealed, aad=b"a1")


def test_switching_cipher_keeps_old_data_readable() -> None:
    old = Sealer(b"k" * 32, "AES-256-GCM").seal(b"data")
    assert Sealer(b"k" * 32, "SM4-GCM").open(old) == b"data"


def test_corrupt_database_is_moved_aside(tmp_path: Path, cfg: KioskConfig, items) -> None:
    s = Store.open(tmp_path, cfg)
    s.catalog.replace_all(items, version=3)
    s.close()
    db = tmp_path / DB_NAME
    for side in ("-wal", "-shm"):
        (tmp_path / (DB_NAME + side)).unlink(missing_ok=True)
    data = bytearray(db.read_bytes())
    data[0:100] = b"\xff" * 100  # the header is gone
    db.write_bytes(bytes(data))
    s = Store.open(tmp_path, cfg)
    assert s.recovered_from is not None and s.recovered_from.exists()
    assert s.recovered_from.name.startswith("kiosk.db.corrupt-")
    assert s.catalog.count() == 0
    # the rebuilt database's chain goes on, explicitly, from the signed head of the old one
    assert [e["event"] for e in s.audit.entries()] == ["audit.reanchored", "store.recovered"]
    assert s.audit.verify().ok
    s.close()


def test_audit_chain_detects_edits_made_behind_the_triggers(store: Store) -> None:
    for i in range(5):
        with store.tx() as c:
            store.audit.__class__(c).append("test.event", n=i)
    report = store.audit.verify()
    assert report.ok and report.entries == 6  # + catalog.replaced
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.conn.execute("UPDATE audit_log SET details = '{}' WHERE seq = 3")
    # a tamperer who drops the triggers and edits entry 3
    store.conn.execute("DROP TRIGGER audit_log_no_update")
    store.conn.execute("UPDATE audit_log SET details = '{\"n\": 99}' WHERE seq = 3")
    report = store.audit.verify()
    assert not report.ok and report.first_break.seq == 3
    assert "changed" in report.first_break.reason


def test_audit_chain_detects_a_deleted_entry(store: Store) -> None:
    for i in range(3):
        with store.tx() as c:
            store.audit.__class__(c).append("test.event", n=i)
    store.conn.execute("DROP TRIGGER audit_log_no_delete")
    store.conn.execute("DELETE FROM audit_log WHERE seq = 2")
    report = store.audit.verify()
    assert report.first_break.seq == 2 and "missing" in report.first_break.reason


def test_audit_details_never_hold_id_numbers(store: Store) -> None:
    with store.tx() as c:
        store.audit.__class__(c).append("oops", note="id 11010519491231002X")
    assert "11010519491231002X" not in str(store.audit.entries())


def test_catalog_refuses_bad_sets_and_keeps_serving(store: Store, items) -> None:
    before = store.catalog.item_dicts()
    bad = [make_item(5), make_item(5)]  # duplicate codes
    with pytest.raises(CatalogInvalid, match="duplicate"):
        store.catalog.replace_all(bad)
    huge = make_item(6, name="名" * 10_000_000)
    with pytest.raises(CatalogInvalid, match="too long"):
        store.catalog.replace_all([huge])
    wrong_type = make_item(7, visits="one")
    with pytest.raises(CatalogInvalid) as err:
        store.catalog.replace_all([wrong_type])
    assert "item #1" in str(err.value) and "visits" in str(err.value)
    assert store.catalog.item_dicts() == before and store.catalog.version() == 7


def test_catalog_delta_rules(store: Store) -> None:
    assert store.catalog.apply_delta(7, False, [make_item(9)], []) is None  # not newer
    change = store.catalog.apply_delta(8, False, [make_item(9)], [make_item(2)["item_code"]])
    assert (change.added, change.withdrawn, change.total) == (1, 1, 2)
    bundle = make_item(10, bundle={"items": [make_item(1)["item_code"], "NOPE"]})
    with pytest.raises(CatalogInvalid, match="unknown item"):
        store.catalog.apply_delta(9, False, [bundle], [])
    assert store.catalog.version() == 8


def test_outbox_lease_retry_reject_release(store: Store) -> None:
    with store.tx() as c:
        for i in range(3):
            store.outbox.enqueue(
                c,
                kind="help",
                ref_id=f"r{i}",
                idempotency_key=f"k{i}",
                method="POST",
                body=b'{"i":%d}' % i,
                now=1000.0,
            )
    a = store.outbox.lease_next(now=1001, lease_s=10)
    assert a.state == "sending" and a.attempts == 1 and store.outbox.body(a) == b'{"i":0}'
    b = store.outbox.lease_next(now=1001, lease_s=10)
    assert b.id != a.id
    store.outbox.mark_retry(b, next_at=2000, error="503", http_status=503, now=1002)
    c_ = store.outbox.lease_next(now=1002, lease_s=10)
    assert c_.ref_id == "r2"  # the next row never waits behind a retrying one
    store.outbox.release(c_, "auth failure", now=1003)
    assert store.outbox.get(c_.id).state == "pending" and store.outbox.get(c_.id).attempts == 0
    # a crashed sender: the lease of `a` expires and it is taken again
    again = store.outbox.lease_next(now=1012, lease_s=10)
    assert again.id == a.id and again.attempts == 2
    store.outbox.mark_sent(again, 201, {"request_no": "H1"}, now=1013)
    store.outbox.mark_rejected(store.outbox.lease_next(now=1014), "invalid", "bad", 422, now=1014)
    counts = store.outbox.counts(now=1020)
    assert (counts.sent, counts.rejected, counts.retry) == (1, 1, 1)
    assert counts.oldest_pending_s == 20.0
    hist = store.outbox.attempts(a.id)
    assert [h["to"] for h in hist] == ["sending", "sending", "sent"]


def test_outbox_body_is_encrypted_at_rest(store: Store, tmp_path: Path) -> None:
    with store.tx() as c:
        store.outbox.enqueue(
            c,
            kind="help",
            ref_id="r",
            idempotency_key="k",
            method="POST",
            body="张三 13812345678".encode(),
        )
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = (store.data_dir / DB_NAME).read_bytes()
    assert b"13812345678" not in raw


def test_parse_config_sm4_store(tmp_path: Path) -> None:
    cfg = parse_config({"storage": {"cipher": "SM4-GCM"}})
    s = Store.open(tmp_path, cfg)
    sha = s.blobs.put(b"page")
    assert s.blobs.get(sha) == b"page"
    assert s.blobs.path(sha).read_bytes()[3] == 2  # SM4 id
    s.close()


def test_threads_sharing_the_store_never_see_each_others_rows(store: Store) -> None:
    """The UI thread, device workers and sync workers share one store per process."""
    import threading

    errors: list[BaseException] = []
    stop = threading.Event()

    def writer() -> None:
        try:
            for i in range(300):
                with store.tx() as c:
                    store.outbox.enqueue(
                        c,
                        kind="help",
                        ref_id=f"w{i}",
                        idempotency_key=f"w{i}",
                        method="POST",
                        body=b"{}",
                    )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            stop.set()

    def reader() -> None:
        try:
            while not stop.is_set():
                counts = store.outbox.counts()
                assert counts.pending >= 0
                store.outbox.next_due_at()
                for row in store.outbox.rows(limit=20):
                    assert isinstance(row.kind, str)
                store.catalog.version()
                store.applications.list()
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [
        threading.Thread(target=writer),
        *(threading.Thread(target=reader) for _ in range(3)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert store.outbox.counts().pending == 300


def test_the_platforms_catalog_replaces_the_bundled_sample_whatever_its_version(
    tmp_path: Path, cfg: KioskConfig
) -> None:
    from kiosk.catalog.seed import open_serving_store

    store = open_serving_store(tmp_path / "fresh", cfg)
    try:
        assert store.catalog.source() == "sample" and store.catalog.count() == 109
        sample_version = store.catalog.version()
        assert store.catalog.apply_delta(sample_version, False, [make_item(1)], []) is None
        change = store.catalog.apply_delta(sample_version, True, [make_item(1), make_item(2)], [])
        assert change is not None and change.total == 2
        assert store.catalog.source() == "platform" and store.catalog.count() == 2
        # from now on the platform's own numbers count
        assert store.catalog.apply_delta(sample_version, True, [make_item(3)], []) is None
    finally:
        store.close()
