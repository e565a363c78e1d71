"""``kiosk device read-id/read-ssc/scan-qr`` as subprocesses against ``kiosk sim …`` processes."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest

from .conftest import CARDS, KIOSK, REPO, card_json, run_kiosk, wait_for_reader_state

FOUR_TYPES = [
    "resident.json",
    "hmt_residence.json",
    "foreign_permanent_2017.json",
    "foreign_permanent_2023.json",
]


@pytest.fixture
def idr(tmp_path: Path, sim_proc) -> Path:
    link = tmp_path / "idr"
    proc = sim_proc("sim", "id-reader", "--link", str(link), "--card", str(CARDS / "resident.json"))
    assert proc.first_line.startswith(f"listening on {link}")
    return link


def read_id(link: Path, *extra: str) -> subprocess.CompletedProcess:
    return run_kiosk("device", "read-id", "--port", str(link), "--json", *extra)


def control(link: Path, *args: str) -> None:
    r = run_kiosk("sim", "control", str(link), *args)
    assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("name", FOUR_TYPES)
def test_read_id_prints_each_card_type(idr: Path, name: str) -> None:
    control(idr, "--set", f"card={json.dumps(str(CARDS / name))}")
    r = read_id(idr, "--address")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for k, v in card_json(name).items():
        assert out[k] == v, k
    assert out["photo_bytes"] == 1024
    assert out["expired"] is False
    # a field this card type does not carry is null
    if name == "resident.json":
        assert out["english_name"] is None and out["pass_number"] is None
    else:
        assert out["ethnicity"] is None
    if name == "foreign_permanent_2017.json":
        assert out["id_number_valid"] is None
    else:
        assert out["id_number_valid"] is True


def test_expired_card(idr: Path) -> None:
    control(idr, "--set", f"card={json.dumps(str(CARDS / 'resident_expired.json'))}")
    r = read_id(idr)
    assert r.returncode == 0
    assert json.loads(r.stdout)["expired"] is True


def test_human_output_is_chinese_first_and_never_prints_the_photo(idr: Path) -> None:
    r = run_kiosk("device", "read-id", "--port", str(idr))
    assert r.returncode == 0
    assert "姓名 Name: 王秀英" in r.stdout
    assert "照片 Photo (bytes): 1024" in r.stdout
    assert "WLf" not in r.stdout


@pytest.mark.parametrize(
    "fault, code, stderr",
    [
        ("no-card", 3, "no card"),
        ("pull-mid-read", 4, "removed"),
        ("bad-checksum", 4, "checksum"),
        ("sam-error", 4, "60"),
        ("noise-before", 0, ""),
        ("stray-after", 0, ""),
        ("fragmented", 0, ""),
        ("slow", 0, ""),
    ],
)
def test_read_id_exit_codes_for_every_standing_fault(
    idr: Path, fault: str, code: int, stderr: str
) -> None:
    control(idr, "--clear-faults", "--fault", fault, "--set", "slow_s=0.5")
    for _ in range(2):  # on every read
        r = read_id(idr)
        assert r.returncode == code, r.stderr
        assert stderr in r.stderr
        if code == 0:
            assert json.loads(r.stdout)["name"] == "王秀英"


@pytest.mark.parametrize(
    "fault, code",
    [
        ("no-card", 3),
        ("pull-mid-read", 4),
        ("bad-checksum", 0),  # the driver's one retry gets a good frame
        ("sam-error", 4),
        ("noise-before", 0),
        ("stray-after", 0),
        ("fragmented", 0),
        ("slow", 0),
    ],
)
def test_read_id_once_faults_hit_the_next_read_only(idr: Path, fault: str, code: int) -> None:
    control(idr, "--clear-faults", "--fault", fault + ":once", "--set", "slow_s=0.5")
    assert read_id(idr).returncode == code
    r = read_id(idr)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "王秀英"


def test_no_card_in_the_simulator(idr: Path) -> None:
    control(idr, "--unset", "card")
    r = read_id(idr)
    assert r.returncode == 3 and r.stdout == ""


def test_read_id_on_a_missing_port_is_a_device_failure(tmp_path: Path) -> None:
    r = read_id(tmp_path / "nothing")
    assert r.returncode == 4
    assert "no such device" in r.stderr


def test_sim_id_reader_refuses_a_bad_card_and_an_unknown_fault(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(card_json("resident.json") | {"birth_date": "31.12.1949"}))
    r = run_kiosk("sim", "id-reader", "--link", str(tmp_path / "x"), "--card", str(bad))
    assert r.returncode == 2 and "birth_date" in r.stderr
    r = run_kiosk("sim", "id-reader", "--link", str(tmp_path / "x"), "--fault", "gremlins")
    assert r.returncode == 2 and "unknown fault" in r.stderr


def test_sim_id_reader_removes_its_link_on_sigterm(tmp_path: Path, sim_proc) -> None:
    link = tmp_path / "idr"
    proc = sim_proc("sim", "id-reader", "--link", str(link))
    assert link.is_symlink()
    assert proc.stop() == 0
    assert not link.exists()


# ----------------------------------------------------------------------- social security
def test_read_ssc_through_pcscd_and_vpcd(pcscd, tmp_path: Path, sim_proc) -> None:
    link = tmp_path / "ssc"
    proc = sim_proc("sim", "ssc", "--card", str(CARDS / "ssc.json"), "--link", str(link))
    assert proc.first_line.startswith("connecting to vpcd at 127.0.0.1:35963")
    wait_for_reader_state(True)
    r = run_kiosk("device", "read-ssc", "--reader", "Virtual PCD 00 00", "--json")
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    for k, v in card_json("ssc.json").items():
        assert out[k] == v, k
    control(link, "--unset", "card")
    wait_for_reader_state(False)
    r = run_kiosk("device", "read-ssc", "--reader", "Virtual PCD 00 00", "--json")
    assert r.returncode == 3 and "no card" in r.stderr


def test_read_ssc_with_a_pin_from_stdin(pcscd, tmp_path: Path, sim_proc) -> None:
    sim_proc("sim", "ssc", "--card", str(CARDS / "ssc_pin.json"), "--link", str(tmp_path / "ssc"))
    wait_for_reader_state(True)
    args = ("device", "read-ssc", "--reader", "Virtual PCD 00 00", "--json")
    r = run_kiosk(*args)
    assert r.returncode == 4 and "PIN" in r.stderr
    r = run_kiosk(*args, "--pin-stdin", input="000000\n")
    assert r.returncode == 4 and "2 PIN tries left" in r.stderr
    r = run_kiosk(*args, "--pin-stdin", input="123456\n")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["name"] == "李国强"


def test_read_ssc_without_pcscd_says_so(tmp_path: Path) -> None:
    env_cmd = ["env", f"PCSCLITE_CSOCK_NAME={tmp_path / 'no-pcscd.comm'}", *KIOSK]
    r = subprocess.run(
        [*env_cmd, "device", "read-ssc", "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=30,
    )
    assert r.returncode == 4
    assert "pcscd" in r.stderr


# ----------------------------------------------------------------------- QR
def test_scan_qr_gets_one_code_and_times_out_without_one(tmp_path: Path, sim_proc) -> None:
    link = tmp_path / "qr"
    sim_proc("sim", "qr", "--link", str(link))
    scan = subprocess.Popen(
        [*KIOSK, "device", "scan-qr", "--port", str(link), "--timeout", "10", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    time.sleep(0.5)
    control(link, "--set", 'scan="https://zwfw.example.gov.cn/m?c=一码办事-42"')
    out, err = scan.communicate(timeout=20)
    assert scan.returncode == 0, err
    assert json.loads(out) == {
        "text": "https://zwfw.example.gov.cn/m?c=一码办事-42",
        "source": "serial",
    }
    r = run_kiosk("device", "scan-qr", "--port", str(link), "--timeout", "0.5")
    assert r.returncode == 3 and "no code" in r.stderr


def test_sim_qr_repeating_code_for_wiring_checks(tmp_path: Path, sim_proc) -> None:
    link = tmp_path / "qr"
    sim_proc("sim", "qr", "--link", str(link), "--code", "WIRING-CHECK", "--every", "0.3")
    r = run_kiosk("device", "scan-qr", "--port", str(link), "--timeout", "10")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "WIRING-CHECK"


def test_a_card_with_damaged_data_is_shown_with_its_problem_and_exits_4(
    idr: Path, tmp_path: Path
) -> None:
    """A technician reading a card the kiosk would refuse sees why, and a script sees failure."""
    card = card_json("resident.json") | {"name": "王\u202e英"}
    path = tmp_path / "bidi.json"
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    control(idr, "--set", f"card={json.dumps(str(path))}")
    r = run_kiosk("device", "read-id", "--port", str(idr))
    assert r.returncode == 4, r.stderr
    assert "问题 Problem: name: contains control or bidi-override characters" in r.stdout
    assert "damaged" in r.stderr and "Traceback" not in r.stderr
