"""Voice guidance through QtTextToSpeech where the OS has a speech engine — never on the GUI
thread.

Only the ``speechd`` engine (speech-dispatcher + espeak-ng) reads Chinese here. Its Mandarin
voice is chosen *by name* — "Chinese (Mandarin, latin as Pinyin)" (``cmn-latn-pinyin``) —
because Qt lists it under the "C" locale and the plain ``cmn`` voice reads many characters as
English. With no engine the kiosk is silent and says so in its log; nothing else changes.

Making a ``QTextToSpeech("speechd")`` and speaking with it wait on speech-dispatcher without
any limit (one that could not open its audio accepts the connection and never answers: the
kiosk froze for minutes). So the engine lives in a helper process (:mod:`ui.speech_helper`)
that a dedicated thread (``voice``) starts and drives, one call at a time, each with a
deadline. The GUI thread only puts requests in a queue. A helper that misses a deadline is
killed: the voice is reported unavailable (``voice`` in the devices' health, a line in the
status strip), the journey goes on silently, and the engine is tried again after
``retry_s``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Property, QCoreApplication, QObject, Signal, Slot

from kiosk.service import DeviceHealth, Ready, Unavailable, Unknown
from ui.speech_helper import MANDARIN_VOICE, pick_voice

log = logging.getLogger("kiosk.ui.voice")

__all__ = ["MANDARIN_VOICE", "PROMPTS", "Voice"]

START_DEADLINE_S = 20.0
"""Starting the helper, connecting to the engine and listing its voices (speechd: seconds)."""
CALL_DEADLINE_S = 3.0
"""One call (say, stop, choose a voice): the engine takes the text, it does not speak it."""
RETRY_S = 300.0
"""After a wedged or failed engine, when it is tried again."""

PROMPTS = {
    "attract": QT_TRANSLATE_NOOP("Voice", "您好，请点击开始办事。需要大字和语音，请点长辈版。"),
    "attract-elder": QT_TRANSLATE_NOOP(
        "Voice", "您好，这是长辈版。请点您要办的事，找人帮忙请点找人帮忙。"
    ),
    "finder": QT_TRANSLATE_NOOP("Voice", "请选择要办的事，或者在上方输入关键词搜索。"),
    "guide": QT_TRANSLATE_NOOP("Voice", "这是办事指南。看好后，请点开始办理。"),
    "identify": QT_TRANSLATE_NOOP("Voice", "请选择身份证、社保卡或二维码来确认身份。"),
    "form": QT_TRANSLATE_NOOP("Voice", "请核对并填写表格。"),
    "materials": QT_TRANSLATE_NOOP("Voice", "请逐项提交材料。"),
    "review": QT_TRANSLATE_NOOP("Voice", "请核对所有信息，确认无误后点提交。"),
    "submit": QT_TRANSLATE_NOOP("Voice", "正在提交，请稍候。"),
    "receipt": QT_TRANSLATE_NOOP("Voice", "已提交。请取走回执。"),
    "result": QT_TRANSLATE_NOOP("Voice", "这是办理结果，请看屏幕上的说明。"),
    "myspace": QT_TRANSLATE_NOOP("Voice", "这是您的空间，可以查看办件、证照和可享受的待遇。"),
    "rating": QT_TRANSLATE_NOOP("Voice", "欢迎评价本次服务，也可以直接跳过。"),
    "done": QT_TRANSLATE_NOOP("Voice", "办理结束，请带好您的证件和回执。"),
    "status": QT_TRANSLATE_NOOP("Voice", "请扫描回执上的二维码，或输入受理编号。"),
    "problem": QT_TRANSLATE_NOOP("Voice", "请告诉我们遇到了什么问题。"),
    "help": QT_TRANSLATE_NOOP("Voice", "请选择需要什么帮助，工作人员会来协助。"),
}


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """The helper dies with the thread that started it (a wedged helper reads no stdin)."""
    import ctypes
    import signal

    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


class _Helper:
    """One running helper process and the lines it answered (read on their own thread)."""

    def __init__(self, engine: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ui.speech_helper", engine],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,  # noqa: PLW1509
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        threading.Thread(target=self._read, name="voice-helper-out", daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def answer(self, deadline_s: float) -> dict[str, Any] | None:
        """The next answer, or None when the helper missed the deadline or ended."""
        end = time.monotonic() + deadline_s
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                line = self.lines.get(timeout=left)
            except queue.Empty:
                return None
            if line is None:
                return None
            with contextlib.suppress(ValueError):
                obj = json.loads(line)
                if isinstance(obj, dict):
                    return obj

    def call(self, cmd: dict[str, Any], deadline_s: float) -> dict[str, Any] | None:
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(cmd, ensure_ascii=False) + "\n")
            self.proc.stdin.flush()
        except (OSError, ValueError):
            return None
        return self.answer(deadline_s)

    def close(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            if self.proc.stdin is not None:
                self.proc.stdin.close()
        try:
            self.proc.wait(0.5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.proc.wait(2)


_CLOSE = object()


class _SpeechLink:
    """The ``voice`` thread: owns the helper, runs each request with its deadline, reports
    what it learns through ``report(dict)`` (called on this thread)."""

    def __init__(
        self,
        engine: str,
        report: Callable[[dict[str, Any]], None],
        deadlines: tuple[float, float, float],
    ) -> None:
        self.engine = engine
        self.report = report
        # starting the helper, one call, and the wait before trying a failed engine again
        self.start_deadline_s, self.call_deadline_s, self.retry_s = deadlines
        self.requests: queue.Queue[Any] = queue.Queue()
        self.closed = False
        self.language = "zh_CN"
        self._helper: _Helper | None = None
        self._retry_at = 0.0
        self._absent = False
        self.thread = threading.Thread(target=self._run, name="voice", daemon=True)
        self.thread.start()

    def put(self, request: Any) -> None:
        self.requests.put(request)

    def _tell(self, what: dict[str, Any]) -> None:
        if self.closed:
            return
        with contextlib.suppress(RuntimeError):  # the interface went away meanwhile
            self.report(what)

    def _run(self) -> None:
        try:
            while True:
                self._ensure_helper()
                try:
                    req = self.requests.get(timeout=self._wait_s())
                except queue.Empty:
                    continue
                batch = [req]
                while True:  # only the newest say matters: a resident hears the current screen
                    try:
                        batch.append(self.requests.get_nowait())
                    except queue.Empty:
                        break
                if any(r is _CLOSE for r in batch):
                    return
                self._handle(batch)
        finally:
            self._drop()

    def _wait_s(self) -> float | None:
        if self._helper is None and not self._absent:
            return max(0.05, self._retry_at - time.monotonic())
        return None

    def _handle(self, batch: list[Any]) -> None:
        for r in batch:
            if r[0] == "voice":
                self.language = r[1]
        says = [r for r in batch if r[0] in ("say", "stop")]
        if any(r[0] == "voice" for r in batch):
            self._call({"op": "voice", "language": self.language})
        if says:
            op, text = says[-1]
            self._call({"op": "say", "text": text} if op == "say" else {"op": "stop"})

    def _ensure_helper(self) -> None:
        if self._helper is not None or self._absent or time.monotonic() < self._retry_at:
            return
        try:
            helper = _Helper(self.engine)
        except OSError as exc:
            self._fail(f"helper_failed: {exc.strerror or exc}")
            return
        first = helper.answer(self.start_deadline_s)
        if first is None or not first.get("ready"):
            helper.close()
            if first is not None and first.get("error") == "no_engine":
                self._absent = True
                log.info("voice: no %s speech engine; guidance is silent", self.engine)
                self._tell({"health": Unavailable("absent")})
                return
            self._fail("unresponsive" if first is None else str(first.get("error", "failed")))
            return
        self._helper = helper
        voices = [str(v) for v in first.get("voices", [])]
        self._tell({"health": Ready(), "engine": self.engine, "voices": voices})
        self._call({"op": "voice", "language": self.language})

    def _call(self, cmd: dict[str, Any]) -> None:
        if self._helper is None:
            return  # silent: the journey goes on without guidance
        got = self._helper.call(cmd, self.call_deadline_s)
        if got is None:
            self._fail("unresponsive")

    def _fail(self, reason: str) -> None:
        self._drop()
        self._retry_at = time.monotonic() + self.retry_s
        log.warning(
            "voice: speech engine %s (%s); silent, retry in %.0f s",
            reason,
            self.engine,
            self.retry_s,
        )
        self._tell({"health": Unavailable(reason)})

    def _drop(self) -> None:
        h, self._helper = self._helper, None
        if h is not None:
            h.close()

    def close(self) -> None:
        self.closed = True
        self.requests.put(_CLOSE)


class _Relay(QObject):
    report = Signal(object)


class Voice(QObject):
    """What the QML and the shell use: ``sayScreen``, ``say``, ``setEnabled``; every call
    returns at once (the ``voice`` thread does the work)."""

    enabledChanged = Signal()
    healthChanged = Signal()

    def __init__(
        self,
        enabled: bool = True,
        engine: str | None = None,
        *,
        defer: bool = False,
        start_deadline_s: float | None = None,
        call_deadline_s: float | None = None,
        retry_s: float | None = None,
    ) -> None:
        super().__init__()
        self._enabled = enabled
        self._wanted_engine = engine
        self._language = "zh_CN"
        self._deadlines = (
            START_DEADLINE_S if start_deadline_s is None else start_deadline_s,
            CALL_DEADLINE_S if call_deadline_s is None else call_deadline_s,
            RETRY_S if retry_s is None else retry_s,
        )
        self._link: _SpeechLink | None = None
        self._available = False
        self._voices: list[str] = []
        self._health: DeviceHealth = Unknown("not started")
        self.engine = ""
        self.voice_name = ""
        self._relay = _Relay()
        self._relay.report.connect(self._on_report)  # queued from the voice thread
        self.listeners: list[Callable[[DeviceHealth], None]] = []
        if enabled and not defer:
            self.start()

    @Slot()
    def start(self) -> None:
        """Start the ``voice`` thread, which starts the engine (listing speechd's voices takes
        seconds; the shell calls this after the first frame). Returns at once."""
        if self._link is not None or not self._enabled:
            return
        try:
            from PySide6.QtTextToSpeech import QTextToSpeech
        except ImportError:  # pragma: no cover - Addons missing
            log.info("voice: QtTextToSpeech not installed; guidance is silent")
            return
        # the list of plugins is read from disk, not from the engine: it cannot wait
        engines = QTextToSpeech.availableEngines()
        name = self._wanted_engine or ("speechd" if "speechd" in engines else "")
        if not name:
            log.info("voice: no speech engine (%s); guidance is silent", engines)
            return
        self.engine = name
        self._link = _SpeechLink(name, self._relay.report.emit, self._deadlines)
        self._link.put(("voice", self._language))

    @Slot(object)
    def _on_report(self, report: dict[str, Any]) -> None:
        if "voices" in report:
            self._voices = list(report["voices"])
            self.voice_name = pick_voice(self._voices, self._language) or ""
        health = report["health"]
        self._available = isinstance(health, Ready)
        if health != self._health:
            self._health = health
            self.healthChanged.emit()
            for fn in self.listeners:
                fn(health)
        self.enabledChanged.emit()

    available = Property(bool, lambda self: self._available, notify=enabledChanged)

    def _enabled_get(self) -> bool:
        return self._enabled and self._available

    enabled = Property(bool, _enabled_get, notify=enabledChanged)

    @property
    def health(self) -> DeviceHealth:
        """The engine's health: ready, unavailable (``absent``, ``unresponsive``…), or unknown
        while it starts."""
        return self._health

    def add_listener(self, fn: Callable[[DeviceHealth], None]) -> None:
        self.listeners.append(fn)

    @Slot(bool)
    def setEnabled(self, on: bool) -> None:  # noqa: N802
        self._enabled = on
        if on and self._link is None:
            self.start()
        if not on and self._link is not None:
            self._link.put(("stop", ""))
        self.enabledChanged.emit()

    def voices(self) -> list[str]:
        return list(self._voices)

    def select_voice(self, language: str) -> str:
        """Pick the Mandarin voice by name for Chinese, an English voice for English (the
        engine switches on the voice thread)."""
        self._language = language
        if self._link is None:
            return ""
        self._link.put(("voice", language))
        self.voice_name = pick_voice(self._voices, language) or ""
        return self.voice_name

    @Slot(str)
    def sayScreen(self, screen: str) -> None:  # noqa: N802
        text = PROMPTS.get(screen)
        if text:
            self.say(QCoreApplication.translate("Voice", text))

    @Slot(str)
    def say(self, text: str) -> None:
        if self._link is None or not self._enabled or not text:
            return
        self._link.put(("say", text))

    def close(self) -> None:
        """Stop the voice thread (it ends the helper); returns at once."""
        link, self._link = self._link, None
        if link is not None:
            link.close()
