"""The technician commands as a technician runs them: ``kiosk sim printer`` in its own process
on a real port, ``kiosk device …`` against it, ``kiosk sim control`` to change its state, and
``kiosk device scan`` through libsane."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image

from .conftest import kiosk_cmd

ITEM = "11110101000013645D07001000200001"  # 出生登记（户口登记） in the sample catalog


def run(env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*kiosk_cmd(), *args], env=env, capture_output=True, text=True, timeout=timeout
    )


@pytest.fixture
def sim_proc(tmp_path: Path, cli_env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    out = tmp_path / "sim"
    proc = subprocess.Popen(
        [*kiosk_cmd(), "sim", "printer", "--port", "0", "--out", str(out)],
        env=cli_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        assert first.startswith("listening on 127.0.0.1:"), first + proc.stderr.read()  # type: ignore[union-attr]
        port = first.strip().rsplit(":", 1)[1]
        yield f"tcp://127.0.0.1:{port}", out
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _jobs(out: Path, wait_for: int = 0) -> list[dict]:
    """The simulator's job index; it writes a job just after the connection closes, so wait
    (up to 10 s) until ``wait_for`` jobs are there."""
    path = out / "jobs.jsonl"
    deadline = time.monotonic() + 10
    while True:
        jobs = (
            [json.loads(ln) for ln in path.read_text("utf-8").splitlines()] if path.exists() else []
        )
        if len(jobs) >= wait_for or time.monotonic() > deadline:
            return jobs
        time.sleep(0.02)


def test_print_receipt_sample_against_the_simulator(
    sim_proc: tuple[str, Path], cli_env: dict[str, str]
) -> None:
    uri, out = sim_proc
    r = run(cli_env, "device", "print-receipt", "--printer", uri, "--sample", "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["result"] == "Printed"
    (job,) = _jobs(out, 1)
    text = (out / "job-0001.txt").read_text("utf-8")
    assert "出生登记（户口登记）" in text
    assert "110105********002X" in text and "11010519491231002X" not in text
    (qr,) = job["qr"]
    assert qr["payload"] == "https://zwfw.example.gov.cn/status?ref=SAMPLE-000001"
    png = Image.open(out / "job-0001.png").convert("L")
    assert [c.text for c in zxingcpp.read_barcodes(png)] == [qr["payload"]]
    # the job is in the technician's journal, without personal data
    journal = Path(cli_env["BIANMIN_DATA"]) / "printer" / "print-jobs.jsonl"
    lines = journal.read_text("utf-8").splitlines()
    assert json.loads(lines[-1])["state"] == "printed"
    assert "张" not in journal.read_text("utf-8")
    r = run(cli_env, "device", "print-jobs", "--json")
    assert r.returncode == 0
    (rec,) = [json.loads(ln) for ln in r.stdout.splitlines()]
    assert rec["state"] == "printed" and rec["kind"] == "receipt"


def test_paper_out_and_dropped_connection_exit_4_with_the_problem_named(
    sim_proc: tuple[str, Path], cli_env: dict[str, str]
) -> None:
    uri, out = sim_proc
    assert run(cli_env, "sim", "control", str(out), "--set", "paper=out").returncode == 0
    r = run(cli_env, "device", "print-receipt", "--printer", uri, "--sample")
    assert r.returncode == 4 and "paper out" in r.stderr and "缺纸" in r.stderr
    r = run(cli_env, "device", "printer-status", "--printer", uri)
    assert r.returncode == 4 and "paper out" in r.stderr

    run(cli_env, "sim", "control", str(out), "--set", "paper=ok", "--set", "cover=open")
    r = run(cli_env, "device", "print-test", "--printer", uri)
    assert r.returncode == 4 and "cover open" in r.stderr

    run(
        cli_env, "sim", "control", str(out), "--set", "cover=closed", "--fault", "drop-mid-job:once"
    )
    r = run(cli_env, "device", "print-receipt", "--printer", uri, "--sample")
    assert r.returncode == 4
    assert "unknown after printing" in r.stderr and "reprint" in r.stderr
    assert "paper out" not in r.stderr
    assert [j["outcome"] for j in _jobs(out, 1)] == ["dropped"]

    r = run(cli_env, "device", "print-receipt", "--printer", uri, "--sample")
    assert r.returncode == 0, r.stderr


def test_offline_printer_exits_4(cli_env: dict[str, str]) -> None:
    r = run(
        cli_env,
        "device",
        "print-receipt",
        "--printer",
        "tcp://127.0.0.1:1",
        "--sample",
        "--timeout",
        "1",
    )
    assert r.returncode == 4 and "offline" in r.stderr


def test_print_guide_and_test_page(sim_proc: tuple[str, Path], cli_env: dict[str, str]) -> None:
    uri, out = sim_proc
    r = run(cli_env, "device", "print-guide", "--printer", uri, "--item", ITEM, "--paper", "58")
    assert r.returncode == 0, r.stderr
    r = run(cli_env, "device", "print-test", "--printer", uri)
    assert r.returncode == 0, r.stderr
    assert len(_jobs(out, 2)) == 2
    guide = (out / "job-0001.txt").read_text("utf-8")
    assert "办 事 指 南" in guide or "办事指南" in guide
    assert "出生登记" in guide and "申请材料" in guide
    test_page = (out / "job-0002.txt").read_text("utf-8")
    assert "￥12.50" in test_page and "，。、；：？！" in test_page
    r = run(cli_env, "device", "print-guide", "--printer", uri, "--item", "NOSUCHITEM")
    assert r.returncode == 3 and "NOSUCHITEM" in r.stderr


def test_bad_uri_is_a_usage_error(cli_env: dict[str, str]) -> None:
    r = run(cli_env, "device", "print-test", "--printer", "lpt://1")
    assert r.returncode == 2 and "tcp://HOST:PORT" in r.stderr
    r = run(cli_env, "device", "print-receipt", "--printer", "tcp://127.0.0.1:9")
    assert r.returncode == 2 and "--sample" in r.stderr


def test_scan_to_a_file(tmp_path: Path, cli_env: dict[str, str]) -> None:
    out = tmp_path / "page.jpg"
    r = run(
        cli_env,
        "device",
        "scan",
        "--device",
        "test:0",
        "--option",
        "test-picture=Color pattern",
        "--out",
        str(out),
        "--json",
    )
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert (
        info["mime"] == "image/jpeg" and info["dpi"] == 200 and info["bytes"] == out.stat().st_size
    )
    img = Image.open(io.BytesIO(out.read_bytes()))
    assert img.format == "JPEG" and img.size == (info["width_px"], info["height_px"])


@pytest.mark.parametrize(
    ("status", "code", "words"),
    [
        ("SANE_STATUS_NO_DOCS", 3, "no paper"),
        ("SANE_STATUS_JAMMED", 4, "jammed"),
        ("SANE_STATUS_COVER_OPEN", 4, "cover open"),
    ],
)
def test_scan_problems(
    tmp_path: Path, cli_env: dict[str, str], status: str, code: int, words: str
) -> None:
    out = tmp_path / "page.jpg"
    r = run(
        cli_env, "device", "scan", "--device", "test:0", "--timeout", "3",
        "--option", f"read-return-value={status}", "--out", str(out),
    )  # fmt: skip
    assert r.returncode == code and words in r.stderr
    assert not out.exists()


def test_help_works_without_loading_drivers(cli_env: dict[str, str]) -> None:
    r = run(cli_env, "device", "--help")
    assert r.returncode == 0 and "print-receipt" in r.stdout and "scan" in r.stdout
