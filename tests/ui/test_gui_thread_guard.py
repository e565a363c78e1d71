"""The GUI-thread guard of the UI tests (gui_thread_guard.py) sees what it is meant to see:
an interface call that waits on the GUI thread for the printer's network round trip, and a
store write made there. (The guard then fails the test; here the findings are
taken and checked instead.)"""

from __future__ import annotations

from typing import Any

import gui_thread_guard


def test_guard_sees_a_health_poll_done_on_the_gui_thread(kiosk: Any, ui: Any) -> None:
    gui_thread_guard.take()
    ui.backend.forget_health()  # the next health asks the printer and the platform
    ui.devices.poll_now()  # the synchronous poll: on the GUI thread, as it used to be at start
    found = gui_thread_guard.take()
    # the printer driver hands the TCP round trip to its thread and waits for it
    assert any(
        "a wait for another thread" in f
        and "ui/viewmodels/devices.py" in f
        and "drivers/printer/driver.py" in f
        for f in found
    ), found


def test_guard_sees_a_store_write_on_the_gui_thread_but_not_the_tests_own(
    kiosk: Any, ui: Any
) -> None:
    import sqlite3

    gui_thread_guard.take()
    kiosk.store.conn.execute("CREATE TEMP TABLE t_test_own (x)")  # the test's own: allowed
    assert gui_thread_guard.take() == []
    # the same from the interface's code (a view-model's slot run by the event loop)
    code = compile(
        "def write(conn):\n    conn.execute('CREATE TEMP TABLE t_ui (x)')\n",
        str(gui_thread_guard.REPO / "ui" / "viewmodels" / "pretend.py"),
        "exec",
    )
    ns: dict[str, Any] = {}
    exec(code, ns)
    ns["write"](kiosk.store.conn)
    found = gui_thread_guard.take()
    assert len(found) == 1 and "store write (CREATE)" in found[0]
    assert sqlite3.connect is not None
