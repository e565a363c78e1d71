"""Quiet logs (issue 11, finding 10): an idle kiosk's log says nothing every few seconds.

``kiosk run`` on the embedded defaults (the simulated devices, the TCP printer polled for its
status every few seconds, voice on) runs idle on its start screen; its log carries no
python-escpos connection chatter ("Network printer enabled" / "Closing Network connection",
two lines per printer poll before) and no Qt multimedia PipeWire warnings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

NOISE = ("Network printer enabled", "Closing Network connection", "pipewire")


def test_an_idle_kiosk_logs_no_library_noise(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("BIANMIN_CONFIG", None)
    env.pop("QT_LOGGING_RULES", None)
    r = subprocess.run(
        [sys.executable, "-m", "terminal", "--data-dir", str(tmp_path / "data")]
        + ["run", "--offscreen", "--quit-after", "8"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr[-3000:]
    log = r.stdout + r.stderr
    # the printer was connected and polled meanwhile (its status is logged once, on change)
    assert "drivers.printer.driver" in log and "PrinterReady" in log, log[-3000:]
    noisy = [line for line in log.splitlines() if any(n in line for n in NOISE)]
    assert noisy == []
