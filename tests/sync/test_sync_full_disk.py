"""A full disk degrades, it does not wedge (issue 10, the sync agent's side).

The kiosk's data directory lives on a small tmpfs filled to the last byte. ``kiosk sync
--once`` must run without a traceback (lock and state in memory), mark what it posted — or
leave it to be sent again, idempotently — and free space by deleting the scans of applications
the platform has confirmed, before ``purge_after_days``; ``kiosk status`` says so.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from sync_helpers import Kiosk, Sim, make_kiosk

needs_root = pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)"
)


def small_kiosk(tmp_path: Path, mnt: Path, sim: Sim) -> Kiosk:
    """A kiosk whose data directory is on a 4 MiB tmpfs at ``mnt`` (unmounted by the caller)."""
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], check=True)
    k = make_kiosk(mnt, sim.url)
    (tmp_path / "secrets").mkdir(exist_ok=True)  # where the simulator reads kiosk secrets
    shutil.copy(mnt / "secrets" / f"{k.kiosk_id}.secret", tmp_path / "secrets")
    return k


def fill(path: Path) -> None:
    """Write until the file system refuses one more byte."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for chunk in (65536, 4096, 512, 1):
            while True:
                try:
                    if os.write(fd, b"\0" * chunk) < chunk:
                        break
                except OSError:
                    break
    finally:
        os.close(fd)


@needs_root
def test_sync_on_a_full_disk_delivers_everything_once_and_frees_confirmed_scans(
    tmp_path: Path, sim: Sim
) -> None:
    mnt = tmp_path / "small"
    k = None
    try:
        k = small_kiosk(tmp_path, mnt, sim)
        first = k.queue(3, materials=2, size=60_000)
        r = k.kiosk("sync", "--once")
        assert r.returncode == 0, r.stdout + r.stderr  # confirmed by the platform
        second = k.queue(3, materials=2, size=60_000)
        k.store.close()
        k.store = None
        with contextlib.suppress(FileNotFoundError):
            (k.data_dir / "sync" / "state.json").unlink()
        fill(mnt / "filler")
        assert os.statvfs(mnt).f_bavail == 0
        outs = []
        for _ in range(3):
            r = k.kiosk("sync", "--once", "--json")
            outs.append(r)
            assert "Traceback" not in r.stderr, r.stderr
            assert r.returncode in (0, 10), r.stdout + r.stderr
            if r.returncode == 0:
                break
        assert r.returncode == 0, [o.stdout + o.stderr for o in outs]

        ledger = sim.ledger()
        refs = sorted(a["local_ref"] for a in ledger["applications"])
        assert refs == sorted(first + second), "every application exactly once"
        status = k.kiosk("status", "--json")
        assert status.returncode == 0, status.stderr
        st = json.loads(status.stdout)
        assert st["queue"]["sent"] == 6 and st["queue"]["pending"] == 0
        assert st["low_space_purge"]["files"] >= 6, st
        assert "low disk space" in status.stderr
    finally:
        if k is not None and k.store is not None:
            k.store.close()
        subprocess.run(["umount", "-l", str(mnt)], check=False)


@needs_root
def test_a_running_agent_on_a_disk_that_fills_up_goes_on_and_loses_nothing(
    tmp_path: Path, sim: Sim
) -> None:
    """The agent's store is open (as in ``kiosk sync`` beside ``kiosk run``) when the disk
    fills: leases, marks and state cannot be written; it leases in memory, frees confirmed
    scans, and every application reaches the platform exactly once, all marked sent."""
    mnt = tmp_path / "small"
    k = None
    try:
        k = small_kiosk(tmp_path, mnt, sim)
        first = k.queue(3, materials=2, size=60_000)
        agent = k.agent()
        agent.acquire()
        assert agent.run_once().drain.sent == 3
        second = k.queue(3, materials=2, size=60_000)
        fill(mnt / "filler")
        assert os.statvfs(mnt).f_bavail == 0
        for _ in range(4):
            agent.run_once()
            if k.store.outbox.counts().waiting == 0:
                break
        agent.release_lock()
        refs = sorted(a["local_ref"] for a in sim.ledger()["applications"])
        assert refs == sorted(first + second), "every application exactly once"
        counts = k.store.outbox.counts()
        assert counts.sent == 6 and counts.waiting == 0
        assert agent.health.store_full >= 1, "the full disk was met, and survived"
        assert agent.health.low_space_files >= 6
        assert json.loads(k.store.meta("low_space_purge"))["files"] >= 6
    finally:
        if k is not None:
            k.store.close()
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_row_whose_mark_was_lost_and_whose_scans_went_for_space_is_not_refused(
    kiosk, sim: Sim
) -> None:
    """A full disk let the agent post a row but not mark it, and its scans were deleted for
    space. Sent again, the platform asks for a material the terminal no longer has: the agent
    asks the platform whether it holds the application — it does — and marks it sent."""
    (ref,) = kiosk.queue(1, materials=1, size=300)
    agent = kiosk.agent()
    assert agent.drain().sent == 1
    (row,) = kiosk.store.outbox.rows("sent")
    app = kiosk.store.applications.get_by_ref(ref)
    with kiosk.store.tx() as c:  # as if the mark had never been written
        c.execute("UPDATE outbox SET state = 'pending' WHERE id = ?", (row.id,))
        c.execute("UPDATE applications SET confirmed_at = NULL WHERE id = ?", (app.id,))
    for sha, _, _ in kiosk.store.applications.materials_of(app.id):
        kiosk.store.blobs.path(sha).unlink()
    sim.once({"kind": "status", "status": 404, "path": "/v1/blobs/", "method": "HEAD"})
    rep = agent.drain()
    assert (rep.sent, rep.rejected) == (1, 0)
    assert kiosk.store.outbox.get(row.id).state == "sent"
    assert kiosk.store.applications.get_by_ref(ref).application_no == app.application_no
    assert [a["local_ref"] for a in sim.ledger()["applications"]] == [ref]


@needs_root
def test_a_full_disk_at_start_is_not_taken_for_a_damaged_database(tmp_path: Path, sim: Sim) -> None:
    """With no byte free, SQLite cannot even open the database to check it. That is a full
    disk, not damage: the database stays where it is (not moved aside for an empty one), the
    command says so in one line with exit 7, and once space is freed every row is there."""
    mnt = tmp_path / "small"
    k = None
    try:
        k = small_kiosk(tmp_path, mnt, sim)
        k.queue(3, materials=1, size=20_000)
        k.store.close()
        k.store = None
        before = (k.data_dir / "kiosk.db").read_bytes()
        fill(mnt / "filler")
        r = k.kiosk("status", "--json")
        assert "Traceback" not in r.stderr, r.stderr
        assert r.returncode == 7, r.stdout + r.stderr
        assert "too full" in r.stderr
        assert not list(k.data_dir.glob("kiosk.db.corrupt-*"))
        assert (k.data_dir / "kiosk.db").read_bytes() == before
        (mnt / "filler").unlink()
        r = k.kiosk("status", "--json")
        assert r.returncode == 0, r.stderr
        assert json.loads(r.stdout)["queue"]["pending"] == 3
        assert not list(k.data_dir.glob("kiosk.db.corrupt-*"))
    finally:
        if k is not None and k.store is not None:
            k.store.close()
        subprocess.run(["umount", "-l", str(mnt)], check=False)
