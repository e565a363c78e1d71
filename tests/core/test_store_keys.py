"""The data key is never silently replaced (issue 10, finding 1) and every store error ends a
command with exit 7 and one line (finding 7): real stores on disk, the real CLI in subprocesses."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.store.db import Store
from kiosk.store.errors import KeyBackupError, KeyMismatch, KeyMissing
from kiosk.store.keys import backup_key, key_check_value, open_backup, restore_key

from .test_config import kiosk

PASS = {"BIANMIN_KEY_PASSPHRASE": "correct horse battery staple"}


def run(data: Path, *args: str, env: dict[str, str] | None = None):
    return kiosk("--data-dir", str(data), *args, env=env)


def assert_one_line_7(r: subprocess.CompletedProcess[str], *words: str) -> None:
    assert r.returncode == 7, (r.returncode, r.stderr)
    assert "Traceback" not in r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    for w in words:
        assert w in lines[0], lines[0]


def queued(data: Path, count: int = 2) -> None:
    r = run(data, "queue", "add-sample", "--count", str(count), "--material-size", "200")
    assert r.returncode == 0, r.stderr


def key_of(data: Path) -> Path:
    return data / "keys" / "kiosk.key"


def test_first_start_on_an_empty_data_dir_creates_the_key_and_its_check(
    tmp_path: Path, cfg: KioskConfig
) -> None:
    s = Store.open(tmp_path / "d", cfg)
    key = bytes.fromhex(key_of(tmp_path / "d").read_text().strip())
    assert s.meta("key_check") == key_check_value(key)
    assert key.hex() not in s.meta("key_check")
    s.close()
    # a store without sealed data may be given a new key (nothing can be lost)
    key_of(tmp_path / "d").unlink()
    Store.open(tmp_path / "d", cfg).close()
    assert key_of(tmp_path / "d").exists()


def test_key_deleted_or_replaced_with_data_is_refused(tmp_path: Path, cfg: KioskConfig) -> None:
    data = tmp_path / "d"
    queued(data)
    original = key_of(data).read_bytes()
    key_of(data).unlink()
    with pytest.raises(KeyMissing, match="kiosk store key restore"):
        Store.open(data, cfg)
    assert not key_of(data).exists()  # never silently replaced
    fd = os.open(key_of(data), os.O_WRONLY | os.O_CREAT, 0o600)
    os.write(fd, secrets.token_bytes(32).hex().encode())
    os.close(fd)
    with pytest.raises(KeyMismatch, match="does not match"):
        Store.open(data, cfg)
    key_of(data).write_bytes(original)
    Store.open(data, cfg).close()


def test_cli_key_deleted_or_replaced_exits_7_with_one_line(tmp_path: Path) -> None:
    data = tmp_path / "d"
    queued(data)
    key_of(data).unlink()
    r = run(data, "status", "--json")
    assert_one_line_7(r, "missing", "kiosk store key restore")
    import json

    out = json.loads(r.stdout)  # what can be said without the key: the rows that wait
    assert out["store"] == {"usable": False, "reason": "key_missing"}
    assert out["unreadable"]["count"] == 2 and len(out["unreadable"]["refs"]) == 2
    assert not key_of(data).exists()
    key_of(data).parent.joinpath("kiosk.key").write_text(secrets.token_bytes(32).hex() + "\n")
    key_of(data).chmod(0o600)
    assert_one_line_7(run(data, "status"), "does not match", "kiosk store key restore")
    assert_one_line_7(run(data, "queue", "--json"), "does not match")


def test_backup_restore_round_trip_and_refusals(tmp_path: Path, cfg: KioskConfig) -> None:
    data = tmp_path / "d"
    queued(data, 1)
    original = key_of(data).read_bytes()
    pf = tmp_path / "pass"
    pf.write_text("correct horse battery staple\n")
    r = run(
        data,
        "store",
        "key",
        "backup",
        "--to",
        str(tmp_path / "k.bak"),
        "--passphrase-file",
        str(pf),
    )
    assert r.returncode == 0, r.stderr
    backup = (tmp_path / "k.bak").read_text()
    assert stat.S_IMODE((tmp_path / "k.bak").stat().st_mode) == 0o600
    assert original.decode().strip() not in backup
    key_of(data).unlink()
    wrong = run(
        data,
        "store",
        "key",
        "restore",
        str(tmp_path / "k.bak"),
        env={"BIANMIN_KEY_PASSPHRASE": "wrong"},
    )
    assert_one_line_7(wrong, "wrong passphrase")
    assert not key_of(data).exists()
    # a backup of another store's key is refused before anything is installed
    other = tmp_path / "other.bak"
    backup_key(secrets.token_bytes(32), PASS["BIANMIN_KEY_PASSPHRASE"], other)
    assert_one_line_7(run(data, "store", "key", "restore", str(other), env=PASS), "another store")
    assert not key_of(data).exists()
    r = run(data, "store", "key", "restore", str(tmp_path / "k.bak"), env=PASS)
    assert r.returncode == 0, r.stderr
    assert key_of(data).read_bytes() == original
    assert stat.S_IMODE(key_of(data).stat().st_mode) == 0o600
    assert run(data, "status").returncode == 0


def test_restore_keeps_a_wrong_key_aside(tmp_path: Path, cfg: KioskConfig) -> None:
    data = tmp_path / "d"
    Store.open(data, cfg).close()
    queued(data, 1)
    key = bytes.fromhex(key_of(data).read_text())
    backup_key(key, "pw", tmp_path / "b")
    assert open_backup(tmp_path / "b", "pw") == key
    with pytest.raises(KeyBackupError):
        open_backup(tmp_path / "b", "pW")
    key_of(data).write_text(secrets.token_bytes(32).hex())
    aside = restore_key(tmp_path / "b", "pw", key_of(data), data / "kiosk.db")
    assert aside is not None and aside.exists() and key_of(data).read_text().strip() == key.hex()
    Store.open(data, cfg).close()


def test_database_wal_shm_and_key_are_owner_only(tmp_path: Path, cfg: KioskConfig) -> None:
    old = os.umask(0o022)
    try:
        s = Store.open(tmp_path / "d", cfg)
        with s.tx() as c:
            c.execute("INSERT INTO store_meta (name, value) VALUES ('x', 'y')")
        for name in ("kiosk.db", "kiosk.db-wal", "kiosk.db-shm", "keys/kiosk.key"):
            p = tmp_path / "d" / name
            assert p.exists(), name
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, name
        s.close()
    finally:
        os.umask(old)


def test_data_dir_that_is_a_file_and_key_folder_that_is_a_file_exit_7(tmp_path: Path) -> None:
    f = tmp_path / "afile"
    f.write_text("not a directory")
    assert_one_line_7(run(f, "status"), "not a directory")
    data = tmp_path / "d"
    data.mkdir()
    (data / "keys").write_text("not a folder")
    assert_one_line_7(run(data, "status"), "key folder")


def test_key_file_errors_exit_7(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert run(data, "status").returncode == 0
    key_of(data).chmod(0o644)
    assert_one_line_7(run(data, "status"), "chmod 600")
    key_of(data).chmod(0o600)
    key_of(data).write_text("zz")
    assert_one_line_7(run(data, "status"), "64 hex digits")


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting a small tmpfs needs root (CI runs as root)")
def test_store_full_from_add_sample_exits_7_without_traceback(tmp_path: Path) -> None:
    mnt = tmp_path / "small"
    mnt.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2500k", "tmpfs", str(mnt)], check=True)
    try:
        assert run(mnt, "status").returncode == 0
        r = run(mnt, "queue", "add-sample", "--count", "1", "--material-size", "4000000")
        assert_one_line_7(r, "disk is full")
    finally:
        subprocess.run(["umount", str(mnt)], check=False)


def test_platform_secret_readable_by_others_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "d"
    assert run(data, "status").returncode == 0
    secret = data / "keys" / "platform.secret"
    secret.write_text(secrets.token_hex(32))
    secret.chmod(0o644)
    r = run(data, "sync", "--once")
    assert r.returncode == 5 and "Traceback" not in r.stderr
    assert "chmod 600" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_new_key_asks_for_a_backup_until_one_is_made(tmp_path: Path) -> None:
    """The technician is told at first start (the log) and by every ``kiosk status`` that the
    new key has no backup, until ``kiosk store key backup`` makes one."""
    import json

    data = tmp_path / "d"
    r = run(data, "queue", "add-sample", "--count", "1")
    assert r.returncode == 0, r.stderr
    assert "a new data key was made" in r.stderr and "kiosk store key backup" in r.stderr
    st = run(data, "status", "--json")
    assert st.returncode == 0
    assert json.loads(st.stdout)["key_backup"]["last"] is None
    assert "no backup" in st.stderr
    r = run(data, "store", "key", "backup", "--to", str(tmp_path / "k.bak"), env=PASS)
    assert r.returncode == 0, r.stderr
    st = run(data, "status", "--json")
    assert json.loads(st.stdout)["key_backup"]["last"] is not None
    assert "no backup" not in st.stderr
    again = run(data, "status")
    assert "a new data key was made" not in again.stderr  # said once, when it was made
