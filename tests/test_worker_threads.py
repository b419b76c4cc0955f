"""Workers and the GUI thread under load: every op's result reaches the window, and the
program survives it.

PySide6 6.12.0 on Python 3.11 corrupts reference counts when Python code runs in a pool
thread while the GUI thread handles events: the program dies ("deallocating None/True",
or a segmentation fault) within seconds of a busy morning's worth of ops, far sooner than
one test of the suite notices. The load runs in a child process so that such a crash fails
this test, with the child's report, instead of ending the whole run."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD = textwrap.dedent("""
    import sys

    import peewee
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from counter_app.models import db
    from counter_app.ui import ops

    app = QCoreApplication(sys.argv)
    db.initialize(peewee.SqliteDatabase(sys.argv[1]))
    total = int(sys.argv[2])
    delivered = []


    def work(n):
        # what a worker does: a query on its own connection, then the result goes back
        return db.execute_sql("select ?", (n,)).fetchone()[0]


    started = 0
    while started < total:
        for _ in range(50):
            ops.Op(None, lambda n=started: work(n)).success(delivered.append).run()
            started += 1
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
    if not ops.wait_idle(120_000):
        sys.exit("ops still running after two minutes")
    assert sorted(delivered) == list(range(total)), "a result was lost or delivered twice"
    print("delivered", len(delivered))
""")


def test_twenty_thousand_ops_from_pool_threads_all_deliver_and_nothing_crashes(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONFAULTHANDLER": "1"}
    result = subprocess.run([sys.executable, "-c", LOAD, str(tmp_path / "load.db"), "20000"], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-4000:]}"
    assert result.stdout.split() == ["delivered", "20000"]
