"""ui.boot's quicker answer to PySide's per-import question gives PySide's own answers."""

from __future__ import annotations

import sys


def test_the_quick_probe_answers_as_pyside_does() -> None:
    import ui.boot  # noqa: F401  (installs the probe)

    feature = sys.modules["shibokensupport.feature"]
    quick = feature._mod_uses_pyside
    assert getattr(quick, "bianmin_quick", False), "ui.boot did not install its probe"
    import inspect

    def pyside_answer(module: object) -> bool:  # the original rule, restated
        try:
            return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
        except (TypeError, OSError, SyntaxError):
            return False

    import json

    import ui.qtprops
    import ui.theme

    modules = [ui.boot, ui.qtprops, ui.theme, json, sys]
    answers = {m.__name__: quick(m) for m in modules}
    assert answers == {m.__name__: pyside_answer(m) for m in modules}
    assert answers["ui.theme"] and not answers["json"]
