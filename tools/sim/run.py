"""The simulation's driver: the hub, the terminals (separate processes on their own database
files, reaching the hub through a proxy each), the days, the fault schedule, and at the end
the reconciliation (``tools/sim/reconcile.py``)."""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools.sim.hub import HALLS, ROOT, HallSpec, cli_env, run_cli, seed_hub, start_server
from tools.sim.proxy import Proxy

START = dt.date(2026, 10, 5)  # a Monday; fixed, so a seed replays the same month
SYNC_STEPS = ("push.read", "push.sent", "push.committed", "push.marked", "pull.fetched", "pull.applying",
              "pull.applied")
FAULT_KINDS = ("clock-skew", "kill-payment", "kill-worker", "kill-display", "kill-sync", "hub-stop", "net-cut",
               "kill-backup", "restore-backup")


def new_terminal(path: Path) -> None:
    """An empty terminal database, as ``counter-app --db PATH init`` leaves it."""
    from counter_app.db import close_database, open_database
    from counter_app.services.reference import load_reference_data

    open_database(str(path))
    try:
        load_reference_data()
    finally:
        close_database()


class SimulationFailed(AssertionError):
    pass


# Every process the simulation starts, so that a failed run leaves none behind.
SPAWNED: list[subprocess.Popen] = []


def spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    SPAWNED[:] = [p for p in SPAWNED if p.poll() is None]
    SPAWNED.append(proc)
    return proc


@dataclass
class Terminal:
    name: str
    hall: HallSpec
    db: Path
    proxy: Proxy
    dbname: str
    counter: int
    queue: bool  # the hall's queue PC: the kiosk's tickets are issued here
    staff: str
    facts: dict[str, set[str]] = field(default_factory=dict)
    # What the hall's calling display did (queue PCs): (day, display process, line) per line.
    displayed: list[tuple[str, int, str]] = field(default_factory=list)
    displays: int = 0
    syncs: int = 0
    failed_syncs: int = 0

    @property
    def hub_url(self) -> str:
        return f"postgresql://{self.hall.role}@127.0.0.1:{self.proxy.port}/{self.dbname}"

    def record(self, line: str) -> None:
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "FACT":
            self.facts.setdefault(parts[1], set()).add(parts[2])


@dataclass
class Fault:
    day: int
    kind: str
    terminal: str
    step: str = ""
    at: int = 0  # which payment (kill-payment), after how many facts (kill-worker), minutes (clock-skew)

    def __str__(self) -> str:
        if self.kind == "clock-skew":
            return f"day {self.day + 1}: clock-skew {self.terminal} {self.at:+d} min"
        extra = f" at {self.step}" if self.step else (f" #{self.at}" if self.at else "")
        return f"day {self.day + 1}: {self.kind} {self.terminal}{extra}"


def fault_schedule(rng: random.Random, days: int, names: list[str], per_day: float) -> list[Fault]:
    """The short run gets one of each fault of the network and process kinds; a longer run draws
    ``per_day`` faults a day on average, of every kind."""
    faults: list[Fault] = []
    basic = ["kill-payment", "kill-sync", "hub-stop", "net-cut", "clock-skew", "kill-backup", "kill-display"]
    for i, kind in enumerate(basic):
        faults.append(Fault(min(i * days // len(basic), days - 1), kind, rng.choice(names)))
    for day in range(days):
        for _ in range(int(per_day) + (1 if rng.random() < per_day % 1 else 0)):
            faults.append(Fault(day, rng.choice(FAULT_KINDS), rng.choice(names)))
    for f in faults:
        if f.kind == "kill-sync":
            f.step = rng.choice(SYNC_STEPS)
        elif f.kind == "net-cut":
            f.step = rng.choice(("push.sent", "pull.fetched"))
        elif f.kind == "kill-payment":
            f.at = rng.randrange(1, 6)
        elif f.kind == "kill-worker":
            f.at = rng.randrange(2, 12)
        elif f.kind == "kill-display":
            f.at = rng.randrange(1, 5)
        elif f.kind == "clock-skew":
            f.at = rng.choice((-1, 1)) * rng.randrange(3, 16)
    if days > 1 and not any(f.kind == "restore-backup" for f in faults) and per_day > 1:
        faults.append(Fault(days // 2, "restore-backup", rng.choice(names)))
    return sorted(faults, key=lambda f: (f.day, FAULT_KINDS.index(f.kind)))


class Process:
    """A process of the simulation whose stdout lines are read as they come."""

    def __init__(self, t: Terminal, args: list[str]) -> None:
        self.t = t
        self.lines: list[str] = []
        self.proc = spawn(args, cli_env())
        self.err = ""
        self._readers = [threading.Thread(target=self._read, daemon=True),
                         threading.Thread(target=self._read_err, daemon=True)]
        for r in self._readers:
            r.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.append(line.strip())
            self.took(line)

    def took(self, line: str) -> None:
        pass

    def _read_err(self) -> None:
        self.err = self.proc.stderr.read()

    def wait_for(self, predicate, what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if self.proc.poll() is not None and not predicate():
                for r in self._readers:
                    r.join(timeout=10)
                if predicate():
                    return
                raise SimulationFailed(f"{self.t.name}: the {type(self).__name__.lower()} ended before {what}: "
                                       f"{self.err[-2000:]}")
            if time.monotonic() > deadline:
                raise SimulationFailed(f"{self.t.name}: no {what} within {timeout} s")
            time.sleep(0.02)

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=60)
        for r in self._readers:
            r.join(timeout=10)


class Display(Process):
    """The hall's calling display for a day (``tools/sim/worker.py``'s queue, read as the
    display window reads it)."""

    def __init__(self, sim: Simulation, t: Terminal, day: dt.date) -> None:
        t.displays += 1
        self.number = t.displays
        self.day = day.isoformat()
        self.stop = sim.workdir / f"display-{t.name}-{self.number}.stop"
        super().__init__(t, [sys.executable, "-m", "tools.sim.display", str(t.db), "--date", self.day, "--hall",
                             t.hall.code, "--stop", str(self.stop)])

    def took(self, line: str) -> None:
        if line.startswith(("SPOKEN", "CURRENT")):
            self.t.displayed.append((self.day, self.number, line.strip()))

    @property
    def spoken(self) -> int:
        return sum(1 for line in self.lines if line.startswith("SPOKEN"))

    def finish(self) -> None:
        self.stop.touch()
        try:
            self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.kill()
            raise SimulationFailed(f"{self.t.name}: the calling display did not stop") from None
        for r in self._readers:
            r.join(timeout=10)
        if self.proc.returncode != 0 or "STOPPED" not in self.lines:
            raise SimulationFailed(f"{self.t.name}: the calling display failed ({self.proc.returncode}): "
                                   f"{self.err[-3000:]}")


class Worker(Process):
    """A terminal's business day as a process."""

    def __init__(self, sim: Simulation, t: Terminal, day: dt.date, *, stall_at: int = 0, skew: int = 0) -> None:
        args = [sys.executable, "-m", "tools.sim.worker", str(t.db), "--date", day.isoformat(), "--seed",
                str(sim.seed), "--name", t.name, "--visits", str(sim.visits), "--staff", t.staff, "--manager",
                t.hall.manager, "--counter", str(t.counter), "--hub", t.hub_url, "--visitors",
                str(sim.workdir / f"visitors-{t.hall.code}.txt")]
        if t.queue:
            args += ["--queue"]  # the day is closed after both PCs synced (Simulation.close_days)
        if stall_at:
            args += ["--stall-at", str(stall_at)]
        if skew:
            args += ["--clock-offset", str(skew)]
        super().__init__(t, args)

    def took(self, line: str) -> None:
        self.t.record(line)

    def finish(self) -> None:
        self.proc.wait(timeout=600)
        for r in self._readers:
            r.join(timeout=10)
        if self.proc.returncode != 0 or "DAY-DONE" not in self.lines:
            raise SimulationFailed(f"{self.t.name}: the day's worker failed ({self.proc.returncode}): "
                                   f"{self.err[-3000:]}")


class Simulation:
    def __init__(self, *, days: int, seed: int, visits: int = 10, customers: int = 150, faults_per_day: float = 0.0,
                 workdir: Path | None = None, server=None, log=print, start: dt.date = START) -> None:
        self.days, self.seed, self.visits, self.customers = days, seed, visits, customers
        self.rng = random.Random(seed)
        self.log = log
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="counter-sim-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.faults_per_day = faults_per_day
        self.start = start
        self.billed: list[str] = []  # the months the hub's bill run billed during the run
        self.server = server  # a PostgreSQL server to use (tests/pg.py); None: one of its own
        self._own_server = server is None
        self.terminals: list[Terminal] = []
        self.faults: list[Fault] = []
        self.events: list[str] = []
        self.timings: dict[str, float] = {}

    # ------------------------------------------------------------------ set-up
    def setup(self) -> None:
        began = time.monotonic()
        if self.server is None:
            self.server = start_server()
        dbname = seed_hub(self.server, self.customers)
        self.log(f"hub seeded ({time.monotonic() - began:.0f} s)")
        self.write_visitors(dbname)
        for hall in HALLS:
            for n in (1, 2):
                name = f"{hall.code[-1] == '1' and 'A' or 'B'}{n}"
                t = Terminal(name, hall, self.workdir / f"{name}.db", Proxy(self.server.port), dbname, counter=n,
                             queue=n == 1, staff=hall.clerks[n - 1])
                new_terminal(t.db)
                self.sync(t, must=True)
                self.terminals.append(t)
        self.faults = fault_schedule(self.rng, self.days, [t.name for t in self.terminals], self.faults_per_day)
        self.timings["set-up"] = time.monotonic() - began

    def write_visitors(self, dbname: str) -> None:
        """Each hall's cross-city customers: numbers of the other city, which its counters find
        on the hub when the customer walks in (异地缴费)."""
        import psycopg

        with psycopg.connect(self.server.url(dbname), autocommit=True) as hub:
            for hall in HALLS:
                phones = [r[0] for r in hub.execute(
                    "SELECT phone FROM account WHERE status = 'active' AND home_city <> %s ORDER BY phone LIMIT 40",
                    (hall.city,))]
                (self.workdir / f"visitors-{hall.code}.txt").write_text("\n".join(phones), encoding="utf-8")

    def close(self, keep: bool = False) -> None:
        while SPAWNED:  # a failed run's workers, displays, paused syncs and backups
            proc = SPAWNED.pop()
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=60)
        for t in self.terminals:
            t.proxy.close()
        if self.server is not None and self._own_server:
            self.server.close()
        if not keep:
            shutil.rmtree(self.workdir, ignore_errors=True)

    # ------------------------------------------------------------------ sync
    def sync(self, t: Terminal, *, must: bool = False) -> bool:
        result = subprocess.run([sys.executable, "-m", "counter_app", "--db", str(t.db), "sync", "--once", "--hub",
                                 t.hub_url], cwd=ROOT, env=cli_env(), capture_output=True, text=True, timeout=300)
        t.syncs += 1
        if result.returncode != 0:
            t.failed_syncs += 1
            if must:
                raise SimulationFailed(f"{t.name}: sync failed with the hub up: {result.stdout}{result.stderr}")
            return False
        return True

    def paused_sync(self, t: Terminal, step: str) -> tuple[subprocess.Popen, Path]:
        flag = self.workdir / f"pause-{t.name}-{time.monotonic_ns()}"
        env = cli_env(COUNTER_APP_SYNC_PAUSE_AT=step, COUNTER_APP_SYNC_PAUSE_FILE=str(flag))
        proc = spawn([sys.executable, "-m", "counter_app", "--db", str(t.db), "sync", "--once", "--hub", t.hub_url],
                     env)
        reached = Path(f"{flag}.reached")
        deadline = time.monotonic() + 120
        while not reached.exists():
            if proc.poll() is not None:  # nothing to do at that step: the caller says so
                return proc, flag
            if time.monotonic() > deadline:
                proc.kill()
                raise SimulationFailed(f"{t.name}: sync never reached {step}")
            time.sleep(0.02)
        t.syncs += 1
        return proc, flag

    def by_name(self, name: str) -> Terminal:
        return next(t for t in self.terminals if t.name == name)

    # ------------------------------------------------------------------ faults
    def give_work(self, t: Terminal, step: str, worker: Worker) -> None:
        """Make sure the run reaches ``step``: a push step needs something done at the terminal
        since its last sync, a pull step a change of the hall's reference data on the hub (here
        a customer's address corrected centrally)."""
        if step.startswith("push."):
            worker.wait_for(lambda: self.pending(t) > 0 or worker.proc.poll() is not None, "business to send")
            return
        import psycopg

        with psycopg.connect(self.server.url(t.dbname), autocommit=True) as hub:
            hub.execute("UPDATE customer SET address = address || '号' WHERE id = (SELECT id FROM customer "
                        "WHERE hall = %s ORDER BY id LIMIT 1)", (t.hall.code,))

    def pending(self, t: Terminal) -> int:
        import sqlite3

        # closed at once: an open connection would keep the file "in use" for a restore
        with contextlib.closing(sqlite3.connect(f"file:{t.db}?mode=ro", uri=True, timeout=60)) as conn:
            return conn.execute("SELECT count(*) FROM outbox WHERE status = 'pending'").fetchone()[0]

    def sync_fault(self, f: Fault, workers: dict[str, Worker]) -> None:
        t = self.by_name(f.terminal)
        if f.kind in ("kill-sync", "net-cut"):
            self.give_work(t, f.step, workers[t.name])
            if f.step.startswith("push.") and not self.pending(t):
                # The day's work was sent already (a second fault of the same kind that day).
                self.events.append(f"{f}: nothing left to send, skipped")
                return
        if f.kind == "kill-sync":
            proc, _ = self.paused_sync(t, f.step)
            if proc.poll() is not None:
                raise SimulationFailed(f"{t.name}: the sync ended before {f.step}: {proc.communicate()}")
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=60)
            t.failed_syncs += 1
            self.events.append(f"{f}: sync killed")
        elif f.kind == "net-cut":
            proc, flag = self.paused_sync(t, f.step)
            if proc.poll() is not None:
                raise SimulationFailed(f"{t.name}: the sync ended before {f.step}: {proc.communicate()}")
            t.proxy.cut()
            try:
                Path(f"{flag}.go").touch()
                proc.communicate(timeout=120)
                # A pull may have received its last page before the cut: then it ends well.
                if proc.returncode == 0 and f.step.startswith("push."):
                    raise SimulationFailed(f"{t.name}: a sync cut off at {f.step} reported success")
                t.failed_syncs += proc.returncode != 0
                ok = self.sync(t)  # a scheduled run while the line is down
                if ok:
                    raise SimulationFailed(f"{t.name}: a sync succeeded with the network cut")
            finally:
                t.proxy.restore()
            self.events.append(f"{f}: cut during the run and for the next")
        elif f.kind == "hub-stop":
            self.server.stop("immediate")
            try:
                if self.sync(t):
                    raise SimulationFailed(f"{t.name}: a sync succeeded with the hub stopped")
            finally:
                self.server.start()
            self.events.append(f"{f}: hub stopped (immediate) and started")
        elif f.kind == "restore-backup":
            self.restore_backup(t, f)
        elif f.kind == "kill-backup":
            self.kill_backup(t, f, workers[t.name])

    def kill_backup(self, t: Terminal, f: Fault, worker: Worker) -> None:
        """``counter-app backup --out`` killed after copying the pages, before checking and
        renaming the copy, while the terminal's counter goes on working. The target must not
        exist; the next backup to it must be whole and leave no part file behind."""
        from counter_app.services.backups import inspect

        worker.wait_for(lambda: len(worker.lines) >= 2 or worker.proc.poll() is not None, "business to back up")
        out = self.workdir / f"killed-backup-{t.name}-{f.day}.db"
        flag = self.workdir / f"pause-{t.name}-{time.monotonic_ns()}"
        env = cli_env(COUNTER_APP_SYNC_PAUSE_AT="backup.copied", COUNTER_APP_SYNC_PAUSE_FILE=str(flag))
        proc = spawn([sys.executable, "-m", "counter_app", "--db", str(t.db), "backup", "--out", str(out)], env)
        reached = Path(f"{flag}.reached")
        deadline = time.monotonic() + 120
        while not reached.exists():
            if proc.poll() is not None:
                raise SimulationFailed(f"{t.name}: the backup ended before it copied: {proc.communicate()}")
            if time.monotonic() > deadline:
                proc.kill()
                raise SimulationFailed(f"{t.name}: the backup never finished copying")
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        if out.exists():
            raise SimulationFailed(f"{t.name}: a backup killed while copying left {out.name} behind as if whole")
        run_cli("--db", str(t.db), "backup", "--out", str(out))
        inspect(out)  # a UserError naming what is wrong if the copy is not whole
        left = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.")]
        if left:
            raise SimulationFailed(f"{t.name}: the next backup left {left[0]} of the killed one")
        self.events.append(f"{f}: backup killed while copying; the next one whole, no part file left")

    def restore_backup(self, t: Terminal, f: Fault) -> None:
        """A backup is taken, the terminal syncs, and the backup is restored over it: the restored
        file's outbox holds entries the hub already has (sent again, answered duplicate) and
        an older pull watermark. No business happens between the backup and the restore, so
        every figure must still agree."""
        out = self.workdir / f"backup-{t.name}-{f.day}.db"
        run_cli("--db", str(t.db), "backup", "--out", str(out))
        self.sync(t, must=True)
        run_cli("restore", str(out), "--db", str(t.db))
        self.events.append(f"{f}: backup taken, synced, the backup restored over the terminal")

    def kill_display(self, f: Fault, displays: dict[str, Display], workers: dict[str, Worker]) -> None:
        """The calling display's process killed after it spoke ``f.at`` calls, and started
        again while the counters go on calling: it must speak no call twice and none made
        before it started."""
        queue_pc = next(t for t in self.terminals if t.queue and t.hall == self.by_name(f.terminal).hall)
        d, w = displays[queue_pc.name], workers[queue_pc.name]
        d.wait_for(lambda: d.spoken >= f.at or w.proc.poll() is not None, f"{f.at} calls spoken")
        d.kill()
        displays[queue_pc.name] = Display(self, queue_pc, dt.date.fromisoformat(d.day))
        self.events.append(f"day {f.day + 1}: {queue_pc.name}'s calling display killed after {d.spoken} calls "
                           "spoken, started again")

    # ------------------------------------------------------------------ days
    def bill_run(self, day: dt.date) -> None:
        """The month boundary: the hub bills the month that ended (``counter-app hub bill-run``)
        before the halls open; each terminal pulls the bills at its next sync."""
        import json

        month = f"{day - dt.timedelta(days=1):%Y-%m}"
        result = json.loads(run_cli("hub", "bill-run", "--url", self.server.url(self.terminals[0].dbname),
                                    "--month", month, "--json").stdout)
        self.billed.append(month)
        self.events.append(f"{day}: bill run {month} on the hub: {result['billed']} bills, "
                           f"{result['already']} lines billed already")
        for t in self.terminals:
            self.sync(t, must=True)

    def run_day(self, index: int) -> None:
        day = self.start + dt.timedelta(days=index)
        if index and day.day == 1:
            self.bill_run(day)
        today = [f for f in self.faults if f.day == index]
        stall = {f.terminal: f.at for f in today if f.kind == "kill-payment"}
        kill_after = {f.terminal: f.at for f in today if f.kind == "kill-worker"}
        skew = {f.terminal: f.at for f in today if f.kind == "clock-skew"}
        for name, minutes in skew.items():
            self.events.append(f"day {index + 1}: {name}'s clock {minutes:+d} min off the hall's all day")
        # The calling displays are on before the hall opens: every call of the day is new to them.
        displays = {t.name: Display(self, t, day) for t in self.terminals if t.queue}
        for d in displays.values():
            d.wait_for(lambda d=d: "READY" in d.lines, "first read of the queue")
        workers = {t.name: Worker(self, t, day, stall_at=stall.get(t.name, 0), skew=skew.get(t.name, 0))
                   for t in self.terminals}
        for name in stall:
            w = workers[name]
            w.wait_for(lambda w=w: any(line.startswith("IN-FLIGHT") for line in w.lines), "a payment in flight")
            w.kill()
            self.events.append(f"day {index + 1}: {name} killed inside a payment "
                               f"({[x for x in w.lines if x.startswith('IN-FLIGHT')][0]})")
            workers[name] = Worker(self, w.t, day, skew=skew.get(name, 0))
        for name, at in kill_after.items():
            w = workers[name]
            w.wait_for(lambda w=w, at=at: len(w.lines) >= at or "DAY-DONE" in w.lines, f"{at} facts")
            if w.proc.poll() is None:
                w.kill()
                self.events.append(f"day {index + 1}: {name} killed after {len(w.lines)} lines")
                workers[name] = Worker(self, w.t, day, skew=skew.get(name, 0))
        for f in today:
            if f.kind == "kill-display":
                self.kill_display(f, displays, workers)
        # The scheduled syncs and the network's faults happen while the counters work.
        for f in today:
            if f.kind in ("kill-sync", "net-cut", "hub-stop", "kill-backup"):
                self.sync_fault(f, workers)
        for t in self.terminals:
            self.sync(t)
        for w in workers.values():
            w.finish()
        for d in displays.values():  # one more read after the last call, then the hall closes
            d.finish()
        for f in today:
            if f.kind == "restore-backup":
                self.sync_fault(f, workers)
        for t in self.terminals:
            self.sync(t, must=True)
        self.close_days(day)

    def close_days(self, day: dt.date) -> None:
        """Each hall's manager closes the day at its queue PC through the hub, which counts both
        PCs' rows (tools/sim/close.py); the halls close at once, each in its own process."""
        began = time.monotonic()
        procs = {t.name: (t, spawn([sys.executable, "-m", "tools.sim.close", str(t.db), "--date", day.isoformat(),
                                    "--manager", t.hall.manager, "--hub", t.hub_url], cli_env()))
                 for t in self.terminals if t.queue}
        for name, (t, proc) in procs.items():
            out, err = proc.communicate(timeout=300)
            for line in out.splitlines():
                t.record(line)
            t.syncs += 1
            if proc.returncode != 0 or "CLOSED" not in out.splitlines():
                raise SimulationFailed(f"{name}: the day close of {day} through the hub failed ({proc.returncode}): "
                                       f"{out[-1000:]}{err[-3000:]}")
        self.timings["closes"] = self.timings.get("closes", 0.0) + time.monotonic() - began

    def run(self) -> dict:
        from tools.sim.reconcile import reconcile

        began = time.monotonic()
        self.setup()
        self.log(f"seed {self.seed}: {self.days} days, 2 halls x 2 terminals, {self.visits} visits per terminal "
                 f"and day; faults: " + "; ".join(str(f) for f in self.faults))
        days_began = time.monotonic()
        for index in range(self.days):
            self.run_day(index)
            self.log(f"day {index + 1} done ({time.monotonic() - began:.0f} s)")
        self.timings["days"] = time.monotonic() - days_began
        for _ in range(2):  # the second round pulls the ledger entries the first one's pushes made
            for t in self.terminals:
                self.sync(t, must=True)
        checked = time.monotonic()
        report = reconcile(self)
        self.timings["reconcile"] = time.monotonic() - checked
        self.timings["total"] = time.monotonic() - began
        report["timings"] = self.timings
        report["events"] = self.events
        return report
