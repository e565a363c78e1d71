"""No personal data in logs: a full ID number or phone number never reaches a log line."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from kiosk.logs import setup_logging


def test_full_id_number_never_reaches_a_log_line(tmp_path: Path) -> None:
    log = tmp_path / "kiosk.log"
    setup_logging("DEBUG", str(log), as_json=True)
    lg = logging.getLogger("kiosk.test")
    lg.info("card read for %s", "11010519491231002X")
    lg.warning("platform said: applicant 11010519491231002X phone 13812345678 refused")
    lg.info("submitted", extra={"applicant": {"id_number": "440524188001010014"}, "n": 3})
    try:
        raise ValueError("bad id 11010519491231002X")
    except ValueError:
        lg.exception("while validating")
    for h in logging.getLogger().handlers:
        h.flush()
    text = log.read_text(encoding="utf-8")
    for secret in ("11010519491231002X", "13812345678", "440524188001010014"):
        assert secret not in text
    lines = [json.loads(ln) for ln in text.splitlines()]
    assert lines[0]["msg"] == "card read for 110105********002X"
    assert lines[2]["applicant"]["id_number"] == "440524********0014" and lines[2]["n"] == 3
    assert "110105********002X" in lines[3]["exc"]
    logging.getLogger().handlers.clear()
