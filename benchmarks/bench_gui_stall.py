"""How long the GUI thread stops answering while heavy work runs, measured with a heartbeat.

    python benchmarks/bench_gui_stall.py [--only a,b,c,d] [--ops 10000] [--records 5500] [--lock-s 2]

A 10 ms timer on the GUI thread notes how late each of its beats comes; a late beat is a
moment the window could not repaint or take a key. Each case drives the real widgets the way
a clerk or a manager does, and reports the worst lateness (and the 99th percentile) from the
click until the result is on screen:

a. the background sync pushes ``--ops`` operations to the hub (a throwaway PostgreSQL server,
   as the tests start one) while the status bar and the manager's sync tab show its state;
b. a 100-page detailed records PDF is built and opened in the print preview, which is then
   scrolled to its last page;
c. a complaint is recorded at the counter while another process holds the database's write
   lock for ``--lock-s`` seconds;
d. the manager builds the daily summary of a busy day (3,000 tickets, 2,500 orders, 4,000
   payments) and it is shown in the tab.

Target: the worst stall under 50 ms in each case. On a machine without a display the Qt
"offscreen" platform is used (painting still happens on the GUI thread).
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

TARGET_MS = 50.0
BEAT_MS = 10
DAY = dt.date(2026, 11, 25)


class Heartbeat:
    """A 10 ms precise timer on the GUI thread; ``lateness`` holds each beat's delay in ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(BEAT_MS)
        self.timer.timeout.connect(self._beat)
        self.lateness: list[float] = []
        self.errors: list[str] = []  # an error the application would have shown: the case fails
        self.last = 0.0
        self.check: Callable[[], bool] = lambda: False
        self.loop = None
        self.current_phase = ""
        self.phases: dict[str, float] = {}  # the worst lateness in each phase a case names
        self.worst_cpu = (0.0, 0.0)  # the worst beat: its lateness and the GUI thread's CPU time in it
        self.last_cpu = 0.0

    def phase(self, name: str) -> None:
        """What the case does from now on (``--why`` prints the worst beat of each)."""
        self.current_phase = name

    def _beat(self) -> None:
        now = time.perf_counter()
        late = max(0.0, (now - self.last) * 1000 - BEAT_MS)
        self.lateness.append(late)
        self.phases[self.current_phase] = max(self.phases.get(self.current_phase, 0.0), late)
        cpu = time.thread_time()
        if late > self.worst_cpu[0]:
            self.worst_cpu = (late, (cpu - self.last_cpu) * 1000)
        self.last, self.last_cpu = now, cpu
        if (self.errors or self.check()) and self.loop is not None:
            self.loop.quit()

    def run(self, start: Callable[[], None], done: Callable[[], bool], timeout_s: float = 300) -> tuple[float, float,
                                                                                                          float]:
        """Start the beat, call ``start`` from inside the event loop, run until ``done``;
        returns (worst ms, p99 ms, seconds)."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.lateness = []
        self.phases = {}
        self.worst_cpu = (0.0, 0.0)
        self.last_cpu = time.thread_time()
        self.current_phase = "start"
        self.loop = QEventLoop()
        self.check = done
        began = time.perf_counter()
        QTimer.singleShot(timeout_s * 1000, self.loop.quit)
        self.last = time.perf_counter()
        self.timer.start()
        QTimer.singleShot(0, start)
        self.loop.exec()
        self.timer.stop()
        self.loop = None
        took = time.perf_counter() - began
        if self.errors:
            raise RuntimeError(self.errors[0])
        if not done():
            raise RuntimeError(f"the case did not finish within {timeout_s:.0f} s")
        beats = sorted(self.lateness)
        return beats[-1], beats[int(len(beats) * 0.99) - 1] if len(beats) > 1 else beats[-1], took


class Why:
    """``--why``: what the GUI thread was doing during a stall. A thread samples the GUI
    thread's Python stack whenever the heartbeat is more than ``late_ms`` overdue, and the
    garbage collector's passes longer than 10 ms are noted (a pass holds the interpreter lock,
    whichever thread runs it). Printed after each case, most frequent first."""

    def __init__(self, beat: Heartbeat, late_ms: float = 25.0) -> None:
        import collections
        import gc
        import threading

        self.beat, self.late_ms = beat, late_ms
        self.stacks: collections.Counter[str] = collections.Counter()
        self.collections: list[tuple[int, float]] = []
        self.main = threading.main_thread().ident
        self._gc_started = self._gc_cpu = 0.0
        self._stop = threading.Event()
        self._gc_module = gc  # still at hand while the interpreter shuts down
        gc.callbacks.append(self._gc)
        threading.Thread(target=self._watch, daemon=True).start()

    def _gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_started, self._gc_cpu = time.perf_counter(), time.thread_time()
        elif (took := (time.perf_counter() - self._gc_started) * 1000) > 10:
            cpu = (time.thread_time() - self._gc_cpu) * 1000
            self.collections.append((info["generation"], took, cpu, info["collected"], len(self._gc_module.get_objects(info["generation"]))))

    def _watch(self) -> None:
        import threading
        import traceback

        while not self._stop.wait(0.005):
            if self.beat.loop is not None and (time.perf_counter() - self.beat.last) * 1000 > BEAT_MS + self.late_ms:
                for ident, frame in sys._current_frames().items():
                    if ident == threading.get_ident():
                        continue
                    lines = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_stack(frame)[-5:]]
                    who = "GUI" if ident == self.main else "worker"
                    self.stacks[f"{who}: " + " <- ".join(reversed(lines))] += 1

    def report(self) -> None:
        print("   worst beat per phase: " + ", ".join(f"{k} {v:.0f} ms" for k, v in self.beat.phases.items()))
        late, cpu = self.beat.worst_cpu
        print(f"   the worst beat ({late:.0f} ms late): the GUI thread ran {cpu:.1f} ms of CPU in it")
        for stack, n in self.stacks.most_common(8):
            print(f"   [{n} samples] {stack}")
        for generation, took, cpu, collected, left in self.collections:
            print(f"   gc generation {generation}: {took:.0f} ms ({cpu:.0f} ms CPU), {collected} collected, "
                  f"{left} left in it")
        self.stacks.clear()
        self.collections.clear()


def settle(seconds: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.time() + seconds
    while time.time() < end:
        QApplication.processEvents()
        time.sleep(0.01)


def clerk(staff_no: str, counter: int):
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    s = open_session(counter_number=counter)
    s.staff = Staff.get_by_id(staff_no)
    return s


# ---------------------------------------------------------------------------- the cases

def case_sync(beat: Heartbeat, folder: Path, ops: int) -> tuple[float, float, float]:
    """A counter PC of the demo hall, loaded from a seeded hub, with ``ops`` payments waiting
    in its outbox; the measured run is the GUI's own background sync."""
    from bench_sync import fill_outbox

    from counter_app.config import TerminalConfig
    from counter_app.db import close_database, open_database
    from counter_app.models import db
    from counter_app.sync.hub import install_hub
    from counter_app.sync.hub_halls import add_hall
    from counter_app.sync.hub_halls import hall_url as make_hall_url
    from counter_app.sync.runner import sync_once
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.sync_tab import SyncTab
    from counter_app.ui.sync_runner import SyncRunner
    from counter_app.ui.widgets.status_bar import HallStatusBar
    from tests.pg import PgServer

    server = PgServer()
    try:
        admin = server.url(server.create_database("stall"))
        subprocess.run([sys.executable, "-m", "counter_app", "--db", admin, "demo", "--customers", "200",
                        "--detailed", "2"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True,
                       capture_output=True)
        install_hub(admin)
        hall_url = make_hall_url(admin, add_hall(admin, "JN001", "bench-password"), "bench-password")
        db_path = folder / "terminal.db"
        open_database(str(db_path))
        sync_once(hall_url)  # the new counter PC loads its hall
        fill_outbox(ops)
        ctx = AppContext(clerk("2001", 6), TerminalConfig(mode="manager", hub=hall_url, sync_interval_s=3600),
                         str(db_path))
        ctx.sync_runner = SyncRunner(ctx, parent=ctx)
        bar, tab = HallStatusBar(ctx), SyncTab(ctx)
        bar.show()
        tab.show()
        settle(0.5)
        seen: list[dict] = []
        ctx.syncState.connect(seen.append)
        result = beat.run(ctx.sync_runner.run_now,
                          lambda: not ctx.sync_runner.running and any(s.get("pending") == 0 for s in seen))
        if seen[-1].get("last_error"):
            raise RuntimeError(seen[-1]["last_error"])
        refused = db.execute_sql("SELECT count(*) FROM outbox WHERE status <> 'sent'").fetchone()[0]
        if refused:  # a refused op is sent again alone: that would measure the slow path
            raise RuntimeError(f"{refused} of {ops} ops were not accepted by the hub")
        bar.close()
        tab.close()
        close_database()
        return result
    finally:
        server.close()


def case_records(beat: Heartbeat, db_path: Path, records: int) -> tuple[float, float, float]:
    from counter_app.config import TerminalConfig
    from counter_app.documents import records as records_doc
    from counter_app.documents.apart import build_apart
    from counter_app.models import Account, Bill, Customer, UsageRecord, db
    from counter_app.services import statements, verification
    from counter_app.ui.context import AppContext
    from counter_app.ui.printing import close_previews, open_previews, print_document

    account = Account.get_by_id(Bill.select().first().account_id)
    period = "2001-01"
    rng = random.Random(7)
    rows = []
    for n in range(records):
        at = dt.datetime(2001, 1, 1 + n * 31 // records, rng.randrange(7, 23), rng.randrange(60), rng.randrange(60))
        kind = rng.choice(("call", "call", "sms", "data"))
        rows.append(dict(account=account.id, period=period, kind=kind,
                         subtype=rng.choice(("local", "long", "roam")) if kind == "call" else "",
                         direction="out", started_at=at, other_party=f"13{rng.randrange(10**9):09d}", location="济南",
                         duration_s=rng.randrange(5, 900) if kind == "call" else 0,
                         volume_kb=rng.randrange(50, 8000) if kind == "data" else 0, fee_fen=rng.randrange(0, 90)))
    with db.atomic():
        for start in range(0, len(rows), 500):
            UsageRecord.insert_many(rows[start:start + 500]).execute()
    session = clerk("1001", 1)
    ctx = AppContext(session, TerminalConfig(mode="counter"), str(db_path))
    phone = account.phone
    # 详单 are the subscriber's only: they showed their ID card first.
    verification.by_id_document(session, account.id, id_number=Customer.get_by_id(account.customer_id).id_number)
    scrolled: list[bool] = []

    def build() -> bytes:
        data = statements.records_data(session, phone, period, purpose="print")
        beat.phase("build")
        return build_apart(records_doc.build, data)  # as the counter's bills tab prints them

    def start() -> None:
        beat.phase("read")
        print_document(None, ctx, build, title="records", kind="records", ref=f"{phone}-{period}", on_open=scroll)

    def scroll(preview) -> None:
        beat.phase("open")
        # Read to the end, as a clerk checking a long statement does: every page is painted.
        bar = preview.view.verticalScrollBar()
        steps = 20

        def step(i: int = 0) -> None:
            bar.setValue(bar.maximum() * i // steps)
            beat.phase("scroll")
            if i < steps:
                from PySide6.QtCore import QTimer

                QTimer.singleShot(50, lambda: step(i + 1))
            else:
                scrolled.append(True)

        preview.show()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(300, step)  # the preview is on screen first (its opening is measured as "open")

    result = beat.run(start, lambda: bool(scrolled))
    pages = open_previews()[0].page_count
    close_previews()
    print(f"   (records PDF: {pages} pages)")
    return result


def case_complaint(beat: Heartbeat, db_path: Path, lock_s: float) -> tuple[float, float, float]:
    from counter_app.config import TerminalConfig
    from counter_app.models import Account
    from counter_app.ui.context import AppContext
    from counter_app.ui.counter.complaint_dialogs import IntakeDialog, load_intake

    session = clerk("1001", 1)
    ctx = AppContext(session, TerminalConfig(mode="counter"), str(db_path))
    account = Account.select().where(Account.home_city == "济南").first()
    dialog = IntakeDialog(ctx, load_intake(session, account.id))
    dialog.description.setPlainText("话费比上月多了二十元，客户不认可")
    dialog.show()
    settle(0.3)
    recorded: list[object] = []
    dialog.recorded.connect(recorded.append)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
                               "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                               "c.execute('BEGIN IMMEDIATE'); print('locked', flush=True)\n"
                               "time.sleep(float(sys.argv[2])); c.execute('COMMIT')",
         str(db_path), str(lock_s)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    try:
        return beat.run(dialog.submit, lambda: bool(recorded))
    finally:
        holder.wait()
        dialog.close()


def case_daily(beat: Heartbeat, db_path: Path) -> tuple[float, float, float]:
    from bench_daily import fill_busy_day
    from PySide6.QtCore import QDate

    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.reports_tab import ReportsTab

    fill_busy_day("JN001", DAY, 3000, 2500, 4000)
    tab = ReportsTab(AppContext(clerk("2001", 6), TerminalConfig(mode="manager"), str(db_path)))
    tab.resize(1280, 760)
    tab.show()
    tab.day.setDate(QDate(DAY.year, DAY.month, DAY.day))
    settle(0.3)
    result = beat.run(tab.build, lambda: tab.builds == 1)
    tab.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="a,b,c,d", help="the cases to run, e.g. a,c")
    parser.add_argument("--ops", type=int, default=10_000)
    parser.add_argument("--records", type=int, default=5500, help="detailed records (about 100 pages)")
    parser.add_argument("--lock-s", type=float, default=2.0)
    parser.add_argument("--why", action="store_true", help="sample the GUI thread's stack during stalls")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="bench-stall-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)  # its databases take about 20 MB
    os.environ.setdefault("COUNTER_APP_CONFIG_DIR", str(folder / "cfg"))
    os.environ.setdefault("COUNTER_APP_DATA_DIR", str(folder / "data"))
    os.environ.setdefault("COUNTER_APP_LOG_DIR", str(folder / "log"))

    from counter_app import clock
    from counter_app.app import make_application
    from counter_app.db import open_database
    from counter_app.services.demo import build_demo
    from counter_app.ui.i18n import install_translations
    from counter_app.ui.ops import wait_idle

    app = make_application([])
    install_translations(app, "zh_CN")
    clock.set_clock(clock.FrozenClock(dt.datetime.combine(DAY, dt.time(16, 0))))
    db_path = folder / "hall.db"
    open_database(str(db_path))
    build_demo(200, detailed=2)
    # As the application does once its window is up (counter_app.app.run_gui).
    from counter_app.ui.latency import preload_fonts, settle_memory, start_quiet_collection

    settle_memory()
    start_quiet_collection(app)
    preload_fonts()
    wait_idle()
    app.processEvents()
    from counter_app.db import close_database

    close_database()
    beat = Heartbeat()
    from counter_app.ui import errors

    errors.show_crash_report = lambda parent, report: beat.errors.append(report)
    why = Why(beat) if args.why else None
    idle = beat.run(lambda: None, lambda: len(beat.lateness) >= 200)
    print(f"idle GUI thread, 2 s of beats: worst {idle[0]:.1f} ms, p99 {idle[1]:.1f} ms (the machine's own noise)",
          flush=True)
    cases = {
        "a": (f"a. sync pushes {args.ops:,} operations", lambda: case_sync(beat, folder, args.ops)),
        "b": ("b. 100-page detailed records built, previewed, read to the end",
              lambda: case_records(beat, db_path, args.records)),
        "c": (f"c. complaint saved while another process holds the write lock {args.lock_s:g} s",
              lambda: case_complaint(beat, db_path, args.lock_s)),
        "d": ("d. busy-day summary built and shown", lambda: case_daily(beat, db_path)),
    }
    failed = False
    for key in [k.strip() for k in args.only.split(",") if k.strip()]:
        name, run = cases[key]
        print(name, flush=True)
        if key != "a":
            open_database(str(db_path))  # the demo hall's counter PC
        worst, p99, took = run()
        wait_idle()
        if key != "a":
            close_database()
        if why is not None:
            why.report()
        ok = worst < TARGET_MS
        failed |= not ok
        print(f"   worst stall {worst:.1f} ms, p99 {p99:.1f} ms, over {took:.2f} s "
              f"({'PASS' if ok else 'FAIL'} target < {TARGET_MS:.0f} ms)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
