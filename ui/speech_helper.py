"""The speech engine in its own process: ``python -m ui.speech_helper ENGINE``.

``QTextToSpeech("speechd")`` talks to speech-dispatcher with calls that wait without a limit
(a speech-dispatcher that cannot open its audio accepts the connection and never answers), so
the kiosk never makes or drives the engine in its own process: :mod:`ui.voice` starts this
helper from a worker thread, sends it one JSON line per call and waits for each answer with a
deadline. A helper that misses one is killed and the voice is reported unavailable.

Protocol (one JSON object a line, stdin → stdout):

- at start the helper answers ``{"ready": true, "engine": ..., "voices": [...]}`` or
  ``{"ready": false, "error": ...}``;
- ``{"op": "voice", "language": "zh_CN"}`` → ``{"ok": true, "voice": name}``;
- ``{"op": "say", "text": ...}`` → ``{"ok": true}`` once the engine took the text;
- ``{"op": "stop"}`` → ``{"ok": true}``;
- end of input: the helper quits.

Nothing here is logged: the text spoken is guidance, but the helper has no business logging.
"""

from __future__ import annotations

import json
import sys
import threading
from typing import Any

MANDARIN_VOICE = "Chinese (Mandarin, latin as Pinyin)"


def pick_voice(names: list[str], language: str) -> str | None:
    """The Mandarin voice by name for Chinese, an English voice for English (see ui.voice)."""
    if language.startswith("zh"):
        if MANDARIN_VOICE in names:
            return MANDARIN_VOICE
        return next((n for n in names if "Mandarin" in n), None)
    return next((n for n in names if n.startswith("English")), None)


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

    engine = argv[0] if argv else "speechd"
    app = QCoreApplication(["bianmin-speech"])
    out = sys.stdout

    def answer(obj: dict[str, Any]) -> None:
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        out.flush()

    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        answer({"ready": False, "error": "qttexttospeech_missing"})
        return 0
    if engine not in QTextToSpeech.availableEngines():
        answer({"ready": False, "error": "no_engine"})
        return 0
    tts = QTextToSpeech(engine)  # may wait for ever on a wedged speech-dispatcher
    voices = list(tts.availableVoices())
    answer({"ready": True, "engine": engine, "voices": [v.name() for v in voices]})

    class Relay(QObject):
        command = Signal(str)
        eof = Signal()

        @Slot(str)
        def handle(self, line: str) -> None:
            try:
                cmd = json.loads(line)
                op = cmd.get("op")
                if op == "say":
                    tts.stop()
                    tts.say(str(cmd.get("text", "")))
                    answer({"ok": True})
                elif op == "stop":
                    tts.stop()
                    answer({"ok": True})
                elif op == "voice":
                    name = pick_voice([v.name() for v in voices], str(cmd.get("language", "")))
                    chosen = next((v for v in voices if v.name() == name), None)
                    if chosen is not None:
                        tts.setVoice(chosen)
                    answer({"ok": True, "voice": name or ""})
                else:
                    answer({"ok": False, "error": "unknown_op"})
            except Exception as exc:  # noqa: BLE001 - the parent hears of it, the helper lives
                answer({"ok": False, "error": type(exc).__name__})

    relay = Relay()
    relay.command.connect(relay.handle)  # queued: emitted from the reader thread
    relay.eof.connect(app.quit)

    def read() -> None:
        for line in sys.stdin:
            if line.strip():
                relay.command.emit(line)
        relay.eof.emit()  # queued to the main thread's loop

    threading.Thread(target=read, name="speech-stdin", daemon=True).start()
    return int(app.exec())


if __name__ == "__main__":  # pragma: no cover - run as a process
    sys.exit(main(sys.argv[1:]))
