"""The dependency rule (architecture.md), with no exemptions: the core imports no Qt, no
drivers, no HTTP, no device libraries and nothing of the shell; drivers, sync and ui never
import each other nor the shell. Only ``terminal/`` (the composition root, process start-up
and the command line) wires them together."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FORBIDDEN_IN_CORE = (
    "PySide6",
    "drivers",
    "sync",
    "ui",
    "terminal",
    "requests",
    "serial",
    "smartcard",
    "sane",
    "escpos",
    "urllib3",
    "http.client",
)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def offending(package: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for f in sorted((REPO / package).rglob("*.py")):
        rel = f.relative_to(REPO).as_posix()
        for name in imports_of(f):
            if any(name == m or name.startswith(m + ".") for m in forbidden):
                bad.append(f"{rel} imports {name}")
    return bad


def test_core_imports_no_qt_drivers_http_or_shell() -> None:
    assert offending("kiosk", FORBIDDEN_IN_CORE) == []


def test_outer_packages_do_not_import_each_other_nor_the_shell() -> None:
    assert offending("drivers", ("ui", "sync", "terminal")) == []
    assert offending("sync", ("ui", "drivers", "terminal")) == []
    assert offending("ui", ("drivers", "sync", "terminal")) == []


def test_the_rule_catches_a_stray_import(tmp_path: Path) -> None:
    f = tmp_path / "m.py"
    f.write_text("import terminal.root\nfrom drivers.qr import reader\nimport json\n")
    assert imports_of(f) == {"terminal.root", "drivers.qr", "json"}


def test_ui_reaches_the_core_only_through_the_application_api() -> None:
    """The touch UI imports ``kiosk.service`` and nothing else of the core's internals."""
    bad = []
    for f in sorted((REPO / "ui").rglob("*.py")):
        for name in imports_of(f):
            if (name == "kiosk" or name.startswith("kiosk.")) and not (
                name == "kiosk.service" or name.startswith("kiosk.service.")
            ):
                bad.append(f"{f.relative_to(REPO).as_posix()} imports {name}")
    assert bad == []


def test_the_core_knows_no_platform_url_paths() -> None:
    """Routes belong to the platform adapter (sync/client.py RECORD_ROUTES), never the core."""
    hits = [
        f.relative_to(REPO).as_posix()
        for f in sorted((REPO / "kiosk").rglob("*"))
        if f.is_file() and f.suffix in (".py", ".sql") and "/v1/" in f.read_text(encoding="utf-8")
    ]
    assert hits == []
