"""Chinese first; English through Qt's translation files (ui/i18n/kiosk_en.ts → .qm).

Source strings in QML and Python are Chinese. ``pyside6-lupdate`` extracts them into the .ts
file, the English is written there, and ``pyside6-lrelease`` (from the PySide6 wheel) compiles
the .qm that is loaded at run time. ``python -m ui.translations`` redoes both steps (and fills the .ts from ``ui/i18n/english.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

I18N_DIR = Path(__file__).resolve().parent / "i18n"
UI_DIR = Path(__file__).resolve().parent


def qm_path(language: str) -> Path:
    return I18N_DIR / f"kiosk_{language.split('_')[0]}.qm"


class Translations(QObject):
    """Installs the translator for the chosen language and asks QML to re-translate."""

    def __init__(self, engine: object | None = None) -> None:
        super().__init__()
        self._engine = engine
        self._translator: QTranslator | None = None
        self.language = "zh_CN"

    def set_language(self, language: str) -> bool:
        app = QCoreApplication.instance()
        if self._translator is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        ok = True
        if not language.startswith("zh"):
            t = QTranslator(self)
            ok = t.load(str(qm_path(language)))
            if ok:
                app.installTranslator(t)
                self._translator = t
        self.language = language
        if self._engine is not None:
            self._engine.retranslate()
        return ok

    def close(self) -> None:
        """Take this interface's translator off the application."""
        if self._translator is not None:
            QCoreApplication.instance().removeTranslator(self._translator)
            self._translator = None
        self._engine = None


def _tool(name: str) -> str:
    import shutil

    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    files = sorted(str(p) for p in (UI_DIR / "qml").rglob("*.qml"))
    files += sorted(str(p) for p in UI_DIR.rglob("*.py") if "i18n" not in p.parts)
    return files


def update_ts(language: str = "en") -> Path:
    import subprocess

    ts = I18N_DIR / f"kiosk_{language}.ts"
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources(),
            "-source-language",
            "zh_CN",
            "-target-language",
            language,
            "-no-obsolete",
            "-ts",
            str(ts),
        ],
        check=True,
        capture_output=True,
    )
    return ts


def release(language: str = "en", out: Path | None = None) -> Path:
    import subprocess

    ts = I18N_DIR / f"kiosk_{language}.ts"
    qm = out or qm_path(language)
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    return qm


def fill_ts(language: str = "en") -> int:
    """Write the translations of ``ui/i18n/english.py`` into the .ts file (those still
    unfinished or changed); returns how many messages have no translation."""
    import importlib.util
    import xml.etree.ElementTree as ET

    spec = importlib.util.spec_from_file_location("kiosk_ui_english", I18N_DIR / "english.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    table: dict[str, str | tuple[str, ...]] = mod.EN
    """A message's English, or for a numerus message its forms (English: one, other)."""
    ts = I18N_DIR / f"kiosk_{language}.ts"
    tree = ET.parse(ts)
    missing = 0
    for msg in tree.getroot().iter("message"):
        src = msg.findtext("source") or ""
        tr = msg.find("translation")
        assert tr is not None
        if src in table:
            value = table[src]
            if isinstance(value, tuple):  # plural forms of a qsTr("%n …", "", n) message
                for form in list(tr):
                    tr.remove(form)
                tr.text = None
                for text in value:
                    ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = value
            tr.attrib.pop("type", None)
        elif tr.get("type") == "unfinished":
            missing += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":  # pragma: no cover
    print(update_ts())
    print("untranslated:", fill_ts())
    print(release())
