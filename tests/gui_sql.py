"""No SQL on the GUI thread: a test fails when window code runs a statement on the main
thread.

Every statement goes through ``peewee.Database.cursor``. On the main thread, the Python stack
of that call is read outwards: if the first frame of our own code is window code
(``counter_app/ui``), the window ran SQL where it should have started an op
(``counter_app.ui.ops``). Test code that sets up data by calling services directly has no
window frame between it and the statement, so it is not caught.

``PENDING`` lists window packages still being moved to ops: SQL from them is tolerated until
they are (remove a package from the list once it is converted).
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path

UI_DIR = str(Path(__file__).resolve().parent.parent / "counter_app" / "ui")
APP_DIR = str(Path(__file__).resolve().parent.parent / "counter_app")
PENDING = ("worker.py",)
# Window code that runs SQL on the GUI thread on purpose, and why.
ALLOWED = {
    "shell.py:shut_down",  # the program is ending: no event loop is left to report to
    "restore_offer.py:open_or_restore",  # start-up, before any window: the file is checked before it is used
}


def offending_frame(frame) -> str | None:
    """The window code that ran this statement, or None when the app's caller is not UI."""
    while frame is not None:
        path = frame.f_code.co_filename
        if path.startswith(UI_DIR):
            relative = path[len(UI_DIR) + 1:]
            if relative.split("/")[0] in PENDING or f"{relative}:{frame.f_code.co_name}" in ALLOWED:
                return None
            return f"{relative}:{frame.f_lineno} in {frame.f_code.co_name}"
        if not path.startswith((APP_DIR, "<")) and "site-packages" not in path and "/lib/python" not in path:
            return None  # test code (or a benchmark) called the services itself
        frame = frame.f_back
    return None


class Guard:
    def __init__(self) -> None:
        self.offences: list[str] = []

    def check(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        where = offending_frame(sys._getframe(2))
        if where is not None:
            self.offences.append(f"{where}\n" + "".join(traceback.format_stack(sys._getframe(2), limit=12)))


def install(monkeypatch) -> Guard:
    import peewee

    guard = Guard()
    original = peewee.Database.cursor

    def cursor(self, *args, **kwargs):
        guard.check()
        return original(self, *args, **kwargs)

    monkeypatch.setattr(peewee.Database, "cursor", cursor)
    return guard
