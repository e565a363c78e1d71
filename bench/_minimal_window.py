"""The baseline of ``bench/ui_start.py``: a minimal PySide6 QML window, nothing else.

An ApplicationWindow with one Text, loaded the standard way (``QQmlApplicationEngine``). Like
``kiosk run`` it sends ``READY=1`` to ``$NOTIFY_SOCKET`` once the first frame is swapped and
the event loop is idle, then quits.
"""

import os
import socket
import sys

from PySide6.QtCore import QByteArray, QTimer, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow  # noqa: F401  (as the kiosk does)

QML = """
import QtQuick
import QtQuick.Controls.Basic
ApplicationWindow { width: 1080; height: 1920; visible: true
    Text { anchors.centerIn: parent; text: "便民"; font.pixelSize: 40 } }
"""


def ready() -> None:
    address = os.environ.get("NOTIFY_SOCKET")
    if address:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.connect(address)
            sock.sendall(b"READY=1")
    else:
        print("READY=1", flush=True)
    if "--stay" not in sys.argv:  # bench/idle_cpu.py keeps it open, idle, as its baseline
        QGuiApplication.quit()


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    engine = QQmlApplicationEngine()
    # a local base URL: with an unknown scheme the engine waits for a network fetch of imports
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "minimal.qml")
    engine.loadData(QByteArray(QML.encode("utf-8")), QUrl.fromLocalFile(here))
    window = engine.rootObjects()[0]

    def swapped() -> None:
        window.frameSwapped.disconnect(swapped)
        QTimer.singleShot(0, ready)

    window.frameSwapped.connect(swapped)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
