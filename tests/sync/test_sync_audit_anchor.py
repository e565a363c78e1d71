"""The platform holds an anchor of the terminal's audit log: every heartbeat carries the signed
head, and the simulator reports a head that went back (real HTTP to the simulator)."""

from __future__ import annotations

import sqlite3

from sync_helpers import Kiosk, Sim

from kiosk.store.db import Store


def test_heartbeat_carries_the_signed_head_and_the_platform_notices_a_regression(
    kiosk: Kiosk, sim: Sim
) -> None:
    kiosk.queue(2, materials=0)
    agent = kiosk.agent()
    assert agent.heartbeat()[0] == "ok"
    sent = sim.get("/_sim/heartbeats")[kiosk.kiosk_id]["audit"]
    head = kiosk.store.audit.head()
    assert sent == head and head["count"] == len(kiosk.store.audit.entries())
    assert set(sent) == {"count", "hash", "anchor", "mac"}
    anchor = sim.get("/_sim/audit")["anchors"][kiosk.kiosk_id]
    assert anchor["count"] == head["count"] and anchor["hash"] == head["hash"]
    assert sim.get("/_sim/audit")["regressions"] == []

    # an attacker with the disk removes the whole log and both copies of the head
    kiosk.store.close()
    (kiosk.data_dir / "audit.head").unlink()
    conn = sqlite3.connect(kiosk.data_dir / "kiosk.db")
    conn.execute("DROP TABLE audit_log")
    conn.execute("DELETE FROM store_meta WHERE name = 'audit_head'")
    conn.commit()
    conn.close()
    kiosk.store = Store.open(kiosk.data_dir, kiosk.cfg)
    kiosk.store.audit.append("catalog.imported", version=1)
    assert kiosk.agent().heartbeat()[0] == "ok"
    (regression,) = sim.get("/_sim/audit")["regressions"]
    assert regression["kiosk_id"] == kiosk.kiosk_id
    assert regression["reason"] == (
        f"the audit head went back from {head['count']} to "
        f"{kiosk.store.audit.head()['count']} entries"
    )
    assert regression["anchor"]["hash"] == head["hash"]
