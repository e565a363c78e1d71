"""Voice guidance through QtTextToSpeech where the OS has a speech engine.

Only the ``speechd`` engine (speech-dispatcher + espeak-ng) reads Chinese here. Its Mandarin
voice is chosen *by name* — "Chinese (Mandarin, latin as Pinyin)" (``cmn-latn-pinyin``) —
because Qt lists it under the "C" locale and the plain ``cmn`` voice reads many characters as
English. With no engine the kiosk is silent and says so in its log; nothing else changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QCoreApplication, QObject, Signal, Slot

log = logging.getLogger("kiosk.ui.voice")

MANDARIN_VOICE = "Chinese (Mandarin, latin as Pinyin)"

PROMPTS = {
    "attract": QT_TRANSLATE_NOOP("Voice", "您好，请点击开始办事。需要大字和语音，请点长辈版。"),
    "finder": QT_TRANSLATE_NOOP("Voice", "请选择要办的事，或者在上方输入关键词搜索。"),
    "guide": QT_TRANSLATE_NOOP("Voice", "这是办事指南。看好后，请点开始办理。"),
    "identify": QT_TRANSLATE_NOOP("Voice", "请选择身份证、社保卡或二维码来确认身份。"),
    "form": QT_TRANSLATE_NOOP("Voice", "请核对并填写表格。"),
    "materials": QT_TRANSLATE_NOOP("Voice", "请逐项提交材料。"),
    "review": QT_TRANSLATE_NOOP("Voice", "请核对所有信息，确认无误后点提交。"),
    "submit": QT_TRANSLATE_NOOP("Voice", "正在提交，请稍候。"),
    "receipt": QT_TRANSLATE_NOOP("Voice", "已提交。请取走回执。"),
    "rating": QT_TRANSLATE_NOOP("Voice", "欢迎评价本次服务，也可以直接跳过。"),
    "done": QT_TRANSLATE_NOOP("Voice", "办理结束，请带好您的证件和回执。"),
    "status": QT_TRANSLATE_NOOP("Voice", "请扫描回执上的二维码，或输入受理编号。"),
    "problem": QT_TRANSLATE_NOOP("Voice", "请告诉我们遇到了什么问题。"),
    "help": QT_TRANSLATE_NOOP("Voice", "请选择需要什么帮助，工作人员会来协助。"),
}


class Voice(QObject):
    enabledChanged = Signal()

    def __init__(
        self, enabled: bool = True, engine: str | None = None, *, defer: bool = False
    ) -> None:
        super().__init__()
        self._tts = None
        self._enabled = enabled
        self._wanted_engine = engine
        self._language = "zh_CN"
        self.engine = ""
        self.voice_name = ""
        if enabled and not defer:
            self.start()

    @Slot()
    def start(self) -> None:
        """Connect to the speech engine (listing speechd's voices takes seconds: the shell
        calls this after the first frame)."""
        if self._tts is not None or not self._enabled:
            return
        engine = self._wanted_engine
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:  # pragma: no cover - Addons missing
            log.info("voice: QtTextToSpeech not installed; guidance is silent")
            return
        engines = QTextToSpeech.availableEngines()
        name = engine or ("speechd" if "speechd" in engines else "")
        if not name:
            log.info("voice: no speech engine (%s); guidance is silent", engines)
            return
        self._tts = QTextToSpeech(name, self)
        self.engine = name
        self.select_voice(self._language)
        self.enabledChanged.emit()

    available = Property(bool, lambda self: self._tts is not None, notify=enabledChanged)

    def _enabled_get(self) -> bool:
        return self._enabled and self._tts is not None

    enabled = Property(bool, _enabled_get, notify=enabledChanged)

    @Slot(bool)
    def setEnabled(self, on: bool) -> None:  # noqa: N802
        self._enabled = on
        if on and self._tts is None:
            self.start()
        if not on and self._tts is not None:
            self._tts.stop()
        self.enabledChanged.emit()

    def voices(self) -> list[str]:
        return [v.name() for v in self._tts.availableVoices()] if self._tts else []

    def select_voice(self, language: str) -> str:
        """Pick the Mandarin voice by name for Chinese, an English voice for English."""
        self._language = language
        if self._tts is None:
            return ""
        voices = list(self._tts.availableVoices())
        wanted = None
        if language.startswith("zh"):
            wanted = next((v for v in voices if v.name() == MANDARIN_VOICE), None)
            wanted = wanted or next((v for v in voices if "Mandarin" in v.name()), None)
        else:
            wanted = next((v for v in voices if v.name().startswith("English")), None)
        if wanted is not None:
            self._tts.setVoice(wanted)
            self.voice_name = wanted.name()
        return self.voice_name

    @Slot(str)
    def sayScreen(self, screen: str) -> None:  # noqa: N802
        text = PROMPTS.get(screen)
        if text:
            self.say(QCoreApplication.translate("Voice", text))

    @Slot(str)
    def say(self, text: str) -> None:
        if self._tts is None or not self._enabled or not text:
            return
        self._tts.stop()
        self._tts.say(text)
