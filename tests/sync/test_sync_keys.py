"""No application is ever refused because the terminal lost its own key (issue 10, finding 1):
the rows wait, are listed by reference, and arrive exactly once when the key is restored."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from collections import Counter

from sync_helpers import KIOSK_BIN, Kiosk, Sim, cli_env

from kiosk.store.crypto import Sealer
from kiosk.store.keys import backup_key

PASS = {"BIANMIN_KEY_PASSPHRASE": "correct horse battery staple"}


def test_lost_key_never_refuses_rows_and_restore_sends_them_once(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(3, materials=1, size=500)
    key_file = kiosk.data_dir / "keys" / "kiosk.key"
    backup = kiosk.data_dir.parent / "kiosk.key.bak"
    backup_key(bytes.fromhex(key_file.read_text()), PASS["BIANMIN_KEY_PASSPHRASE"], backup)
    kiosk.store.close()
    key_file.unlink()

    r = kiosk.kiosk("sync", "--once")
    assert r.returncode == 7 and "Traceback" not in r.stderr, r.stderr
    assert "missing" in r.stderr and "kiosk store key restore" in r.stderr
    r = kiosk.kiosk("status", "--json")
    assert r.returncode == 7
    waiting = json.loads(r.stdout)["unreadable"]
    assert waiting["count"] == 3 and sorted(waiting["refs"]) == sorted(refs)
    assert sim.ledger()["applications"] == []

    # a key made up by someone is refused too, and nothing is refused meanwhile
    key_file.write_text(secrets.token_bytes(32).hex() + "\n")
    key_file.chmod(0o600)
    assert kiosk.kiosk("sync", "--once").returncode == 7
    wrong = kiosk.kiosk("store", "key", "restore", str(backup), "--passphrase-file", "/dev/null")
    assert wrong.returncode == 7 and "wrong passphrase" in wrong.stderr

    r = subprocess.run(
        [KIOSK_BIN, "--config", str(kiosk.config_path), "--data-dir", str(kiosk.data_dir)]
        + ["store", "key", "restore", str(backup)],
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env() | PASS,
    )
    assert r.returncode == 0, r.stderr
    assert os.stat(key_file).st_mode & 0o777 == 0o600
    assert kiosk.kiosk("sync", "--once").returncode == 0
    assert kiosk.kiosk("sync", "--once").returncode == 0
    arrived = Counter(a["local_ref"] for a in sim.ledger()["applications"])
    assert arrived == Counter(refs)  # each exactly once
    q = json.loads(kiosk.kiosk("queue", "--json").stdout)
    assert q["counts"]["rejected"] == 0 and q["counts"]["sent"] == 3


def test_a_row_sealed_with_another_key_waits_and_is_listed(kiosk: Kiosk, sim: Sim) -> None:
    refs = kiosk.queue(2, materials=0)
    store = kiosk.store
    row = next(r for r in store.outbox.rows() if store.outbox.local_ref(r) == refs[0])
    (good,) = store.conn.execute("SELECT body_enc FROM outbox WHERE id = ?", (row.id,)).fetchone()
    foreign = Sealer(secrets.token_bytes(32)).seal(b"{}", aad=row.idempotency_key.encode())
    with store.tx() as c:
        c.execute("UPDATE outbox SET body_enc = ? WHERE id = ?", (foreign, row.id))
    agent = kiosk.agent()
    for _ in range(2):  # the second pass neither refuses it nor audits it again
        report = agent.drain()
        assert report.unreadable == [refs[0]] and report.rejected == 0
    assert store.outbox.get(row.id).state == "pending"
    assert store.outbox.get(row.id).attempts == 0
    audits = [e for e in store.audit.entries(limit=50) if e["event"] == "sync.unreadable"]
    assert len(audits) == 1 and audits[0]["details"] == {"rows": 1}
    r = kiosk.kiosk("status", "--json")
    assert r.returncode == 0
    assert json.loads(r.stdout)["unreadable"] == {"count": 1, "refs": [refs[0]]}
    with store.tx() as c:  # the key is back
        c.execute("UPDATE outbox SET body_enc = ? WHERE id = ?", (good, row.id))
    report = agent.drain()
    assert report.sent == 1 and report.unreadable == []
    assert json.loads(kiosk.kiosk("status", "--json").stdout)["unreadable"]["count"] == 0
    assert sorted(a["local_ref"] for a in sim.ledger()["applications"]) == sorted(refs)
