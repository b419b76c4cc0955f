"""A province's busy hour against one hub: H halls × T terminals syncing every minute.

    python benchmarks/bench_hub_province.py [--halls 1200] [--terminals 3] [--scale 1.0]
        [--minutes 3] [--interval 60] [--workers 12] [--week-halls 12] [--hub-admin postgresql://…]

Each terminal is a light client (a job on a pool of threads, not a process). Its sync runs
the app's own hub-side code paths: it connects as its hall's login (``sync.hub.connect``),
sends the operations its counter made since its last sync with the push's own batch sender
(``sync.push._Batch``: COPY into a scratch table, one upsert per table, the op ledger), then
reads every change since its watermark with the pull's own page reader
(``sync.pull._read_page``), and disconnects. What stays on the terminal (reading the SQLite
outbox, writing pulled rows locally) is measured by ``bench_sync.py``, not here.

Load: the demo hall's busiest day (``services/demo_activity.py``: a Saturday of some 240
visits, its busiest hour about 40) per hall, spread over the hall's terminals. A visit makes
a ticket (inserted, called, finished: three edits), its three ticket events, a bill payment
on one of the hall's accounts (which the hub posts to the account's ledger and balance, two
reference changes every terminal of the hall pulls) or a service order (two edits), a rating
half the time, and one visit in sixteen a complaint with its first step. One sync in fifty
sends its previous batch again (an answer lost). During the run the province changes a plan's
price and adds an SP service; every terminal must pull both.

Reported: syncs per second, p50/p99 of a terminal's sync (from the minute it was due to its
end, so a hub falling behind shows), the hub's CPU per sync (the server's processes, read from
/proc, when the server is local), rows pushed and pulled per second, every op arrived exactly
once (counted on the hub at the end), and the change log and op ledger after a simulated
week of ``--week-halls`` halls' busiest days, run through ``hub prune``, extrapolated to the
province and a year. Target: p99 under 2 s, nothing lost or doubled.

Without ``--hub-admin`` a throwaway PostgreSQL server is started (as the tests do: fsync
off, trust authentication, so a real hub's password check and disk add to these figures).
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

BUSY_HOUR_VISITS = 40  # per hall
BUSY_DAY_VISITS = 240
ACCOUNTS_PER_HALL = 40
RESEND_EVERY = 50
DAY = dt.date(2026, 11, 28)  # a Saturday
PLAN = "BENCH-PLAN"
SP_PROVIDER = "BENCH-SP"


def hall_code(n: int) -> str:
    return f"SD{n:04d}"


# --------------------------------------------------------------------------- the hub

def _insert(conn: psycopg.Connection, rows: list) -> None:
    """Model instances (defaults filled in as the app fills them) into their hub table."""
    from psycopg.types.json import Jsonb

    from counter_app.models.base import to_payload

    for i in range(0, len(rows), 5000):
        part = rows[i:i + 5000]
        table = type(part[0])._meta.table_name
        conn.execute(f"INSERT INTO {table} SELECT * FROM jsonb_populate_recordset(NULL::{table}, %s) "
                     f"ON CONFLICT DO NOTHING", (Jsonb([to_payload(r) for r in part]),))


def seed_hub(admin: str, halls: int, password: str) -> dict[str, list[uuid.UUID]]:
    """``hub init``, the halls with their logins, and each hall's customers and accounts."""
    from counter_app.models import Account, Customer, Hall, SpProvider, TariffPlan
    from counter_app.sync.hub import install_hub
    from counter_app.sync.hub_halls import add_hall

    install_hub(admin)
    accounts: dict[str, list[uuid.UUID]] = {}
    customers, lines = [], []
    for n in range(halls):
        for a in range(ACCOUNTS_PER_HALL):
            customer = Customer(id=uuid.uuid4(), name=f"客户{n}-{a}", id_number=f"3701{n:06d}{a:08d}",
                                phone=f"13{n:05d}{a:04d}", hall=hall_code(n))
            customers.append(customer)
            line = Account(id=uuid.uuid4(), customer=customer.id, phone=f"13{n:05d}{a:04d}", plan=PLAN,
                           balance_fen=-5000, status="active")
            lines.append(line)
            accounts.setdefault(hall_code(n), []).append(line.id)
    with psycopg.connect(admin) as conn:
        _insert(conn, [TariffPlan(code=PLAN, name_zh="省内畅享套餐", monthly_fee_fen=5800)])
        _insert(conn, [SpProvider(code=SP_PROVIDER, name="省内内容服务商")])
        _insert(conn, [Hall(code=hall_code(n), name=f"第{n}营业厅", city="济南") for n in range(halls)])
        _insert(conn, customers)
        _insert(conn, lines)
    for n in range(halls):
        add_hall(admin, hall_code(n), password)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return accounts


class HubCpu:
    """CPU seconds of a local server: the postmaster, its live backends and those ended."""

    def __init__(self, data_dir: Path | None) -> None:
        self.pid = None
        if data_dir is not None:
            try:
                self.pid = int((data_dir / "postmaster.pid").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                self.pid = None
        self.tick = os.sysconf("SC_CLK_TCK")

    def seconds(self) -> float | None:
        if self.pid is None:
            return None
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total = sum(int(v) for v in fields[11:15])  # utime stime cutime cstime
        children = Path(f"/proc/{self.pid}/task/{self.pid}/children")
        for child in children.read_text().split() if children.exists() else []:
            try:
                f = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
                total += int(f[11]) + int(f[12])
            except OSError:  # ended meanwhile: counted in cutime from now on
                pass
        return total / self.tick


# --------------------------------------------------------------------------- a terminal

@dataclass
class Made:
    """What the whole province made, to compare with the hub at the end."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    rows: dict[str, set] = field(default_factory=dict)  # table → row ids
    edits: int = 0
    paid: dict[uuid.UUID, int] = field(default_factory=dict)  # account → fen

    def add(self, table: str, row_id: str, edit: bool) -> None:
        with self.lock:
            self.rows.setdefault(table, set()).add(row_id)
            self.edits += edit


@dataclass
class Kept:
    lock: threading.Lock = field(default_factory=threading.Lock)
    conn: psycopg.Connection | None = None


class Terminal:
    def __init__(self, hall: str, number: int, url: str, accounts: list[uuid.UUID], seed: int) -> None:
        from counter_app.models.hlc import HybridClock

        self.hall = hall
        self.id = f"{hall}-T{number}"
        self.short = f"T{number:03d}"
        self.url = url
        self.accounts = accounts
        self.rng = random.Random(seed)
        self.clock = HybridClock(lambda: int(time.time() * 1000), node=self.id)
        self.seq = 0
        self.tickets = 0
        self.watermark = (0, 0)
        self.seen: set[tuple[str, str]] = set()
        self.last_batch: list[tuple] = []
        self.syncs = 0
        self.kept: Kept | None = None  # a connection kept between syncs (--connections)

    def _number(self, letter: str) -> str:
        self.seq += 1
        return f"{letter}{self.hall}{DAY:%Y%m%d}{self.short}{self.seq % 100_000:05d}"

    def make_ops(self, visits: int, made: Made, day: dt.date = DAY) -> list[tuple]:
        """The outbox rows of ``visits`` visits, as capture writes them."""
        from counter_app.models import (
            Complaint,
            ComplaintStep,
            Payment,
            Rating,
            ServiceOrder,
            Ticket,
            TicketEvent,
        )
        from counter_app.models.base import to_payload
        from counter_app.models.sync import column_order, copy_line, shape_of

        rows: list[tuple] = []
        now = dt.datetime.now().replace(microsecond=0)

        def op(row, edit: bool) -> None:
            row.hlc = self.clock.now()
            payload = to_payload(row)
            columns = column_order(type(row))
            table = type(row)._meta.table_name
            rows.append((len(rows), uuid.uuid4().hex, table, row.id.hex, "edit" if edit else "fact", row.hlc,
                         json.dumps(payload), copy_line(payload, columns), shape_of(columns)))
            made.add(table, row.id.hex, edit)

        for _ in range(visits):
            self.tickets += 1
            number = int(self.short[1:]) * 100_000 + self.tickets
            ticket = Ticket(id=uuid.uuid4(), hall=self.hall, business_date=day, category="payment", number=number,
                            code=f"{chr(65 + int(self.short[1:]))}{self.tickets % 10_000:04d}", issued_at=now,
                            queued_at=now,
                            status="waiting")
            op(ticket, True)
            for kind, status in (("called", "called"), ("finished", "done")):
                op(TicketEvent(id=uuid.uuid4(), hall=self.hall, ticket_id=ticket.id, kind=kind, at=now), False)
                ticket.status = status
                op(ticket, True)
            op(TicketEvent(id=uuid.uuid4(), hall=self.hall, ticket_id=ticket.id, kind="issued", at=now), False)
            if self.rng.random() < 0.55:
                account = self.rng.choice(self.accounts)
                amount = self.rng.choice((3000, 5000, 10000))
                op(Payment(id=uuid.uuid4(), hall=self.hall, terminal=self.id, receipt_no=self._number("R"),
                           business_date=day, staff_no="1001", method="cash", amount_fen=amount, kind="payment",
                           account_id=account, idempotency_key=uuid.uuid4().hex, created_at=now), False)
                with made.lock:
                    made.paid[account] = made.paid.get(account, 0) + amount
            else:
                order = ServiceOrder(id=uuid.uuid4(), hall=self.hall, order_no=self._number("O"), business_date=day,
                                     business_code="plan_change", staff_no="1001", idempotency_key=uuid.uuid4().hex,
                                     status="submitted")
                op(order, True)
                order.status = "done"
                op(order, True)
            if self.rng.random() < 0.5:
                op(Rating(id=uuid.uuid4(), hall=self.hall, score=self.rng.randint(3, 5)), False)
            if self.rng.random() < 1 / 16:
                complaint = Complaint(id=uuid.uuid4(), hall=self.hall, complaint_no=self._number("C"),
                                      category="billing", description="话费有疑问", opened_by="1001", opened_at=now,
                                      deadline_at=now + dt.timedelta(days=2))
                op(complaint, True)
                op(ComplaintStep(id=uuid.uuid4(), hall=self.hall, complaint_id=complaint.id, kind="note", at=now),
                   False)
        return rows

    def sync(self, rows: list[tuple], watched: set[tuple[str, str]]) -> tuple[int, int, int]:
        """One sync: push ``rows`` (and, now and then, the previous batch again), pull every
        change. Returns (ops sent, duplicates answered, changes pulled)."""
        from counter_app.sync.hub import connect

        resend = self.last_batch if self.last_batch and self.rng.randrange(RESEND_EVERY) == 0 else []
        pulled = duplicates = 0
        kept = self.kept
        if kept is None:
            with connect(self.url) as conn:
                pulled, duplicates = self._sync_on(conn, rows, resend, watched)
        else:
            with kept.lock:  # one terminal at a time on the connection, as a pooler's transaction
                if kept.conn is None or kept.conn.closed:
                    kept.conn = connect(self.url)
                pulled, duplicates = self._sync_on(kept.conn, rows, resend, watched)
        if rows:
            self.last_batch = rows
        self.syncs += 1
        return len(rows) + len(resend), duplicates, pulled

    def _sync_on(self, conn, rows: list[tuple], resend: list[tuple], watched: set) -> tuple[int, int]:
        from counter_app.sync.pull import PAGE, _read_page
        from counter_app.sync.push import DUPLICATE, _Batch

        pulled = duplicates = 0
        sender = _Batch(conn, self.hall, self.id)
        for batch in (resend, rows):
            if batch:
                answers = sender.send(sender.prepare(batch))
                duplicates += sum(1 for result, _ in answers.values() if result == DUPLICATE)
        first = True
        while True:
            page = _read_page(conn, self.watermark, PAGE, want_total=first, complete_to=(0, 0))
            first = False
            pulled += page.changes
            for name, keys in page.deletes.items():
                self.seen.update((name, k) for k in keys if (name, k) in watched)
            for name, got in page.rows.items():
                if any(w[0] == name for w in watched):
                    self.seen.update((name, str(r[0])) for r in got if (name, str(r[0])) in watched)
            self.watermark = page.last
            if page.changes < PAGE:
                break
        return pulled, duplicates


# --------------------------------------------------------------------------- the busy hour

@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: list[float] = field(default_factory=list)  # due → done
    service: list[float] = field(default_factory=list)  # start → done
    pushed: int = 0
    duplicates: int = 0
    pulled: int = 0
    errors: list[str] = field(default_factory=list)


def busy_hour(terminals: list[Terminal], args, made: Made, watched: set, admin: str, cpu: HubCpu) -> dict:
    """Every terminal syncs every ``interval`` s for ``minutes`` minutes; the province's
    changes land at a third and two thirds of the run. Returns the figures."""
    per_terminal_per_s = BUSY_HOUR_VISITS / args.terminals / 3600
    stats = Stats()
    start = time.monotonic() + 1.0
    end = start + args.minutes * 60
    heap = [(start + random.Random(i).random() * args.interval, i) for i in range(len(terminals))]
    heapq.heapify(heap)
    heap_lock = threading.Lock()
    last_sync = [start] * len(terminals)
    changes_at = [start + (end - start) / 3, start + 2 * (end - start) / 3]

    def worker() -> None:
        while True:
            with heap_lock:
                if not heap:
                    return
                due, i = heapq.heappop(heap)
                if due >= end:
                    return
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            terminal = terminals[i]
            began = time.monotonic()
            # the visits of the time since its last sync, a Poisson draw at the busy-hour rate
            expected = (began - last_sync[i]) * per_terminal_per_s
            visits = _poisson(terminal.rng, expected)
            last_sync[i] = began
            try:
                rows = terminal.make_ops(visits, made)
                sent, dup, pulled = terminal.sync(rows, watched)
            except Exception as exc:  # reported, and counted against the target
                with stats.lock:
                    stats.errors.append(f"{terminal.id}: {exc}")
                sent = dup = pulled = 0
            done = time.monotonic()
            with stats.lock:
                stats.latencies.append(done - due)
                stats.service.append(done - began)
                stats.pushed += sent
                stats.duplicates += dup
                stats.pulled += pulled
            with heap_lock:
                heapq.heappush(heap, (due + args.interval, i))

    def province_changes() -> None:
        for n, at in enumerate(changes_at):
            time.sleep(max(0.0, at - time.monotonic()))
            with psycopg.connect(admin, autocommit=True) as conn:
                if n == 0:
                    conn.execute("UPDATE tariff_plan SET monthly_fee_fen = monthly_fee_fen - 800 WHERE code = %s",
                                 (PLAN,))
                else:
                    from counter_app.models import SpService

                    _insert(conn, [SpService(code="BENCH-SP-NEW", provider=SP_PROVIDER, name_zh="新视频会员",
                                             monthly_fee_fen=1500)])

    cpu0, client0, wall0 = cpu.seconds(), time.process_time(), time.monotonic()
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(args.workers)]
    threads.append(threading.Thread(target=province_changes, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - max(wall0, start)
    cpu1, client1 = cpu.seconds(), time.process_time()
    syncs = len(stats.latencies)
    q = statistics.quantiles(stats.latencies, n=100) if syncs > 1 else [0.0] * 99
    qs = statistics.quantiles(stats.service, n=100) if syncs > 1 else [0.0] * 99
    return {
        "syncs": syncs, "wall": wall, "rate": syncs / wall, "needed": len(terminals) / args.interval,
        "p50": q[49], "p99": q[98], "max": max(stats.latencies, default=0.0),
        "service_p50": qs[49], "service_p99": qs[98],
        "hub_cpu_per_sync": (cpu1 - cpu0) / syncs if cpu0 is not None and syncs else None,
        "client_cpu_per_sync": (client1 - client0) / syncs if syncs else 0.0,
        "pushed": stats.pushed, "pulled": stats.pulled, "duplicates": stats.duplicates,
        "errors": stats.errors,
    }


def _poisson(rng: random.Random, mean: float) -> int:
    n, p, limit = 0, 1.0, pow(2.718281828459045, -mean)
    while True:
        p *= rng.random()
        if p <= limit:
            return n
        n += 1


def drain(terminals: list[Terminal], watched: set, workers: int) -> None:
    """One last sync of every terminal, nothing new to send: each catches up with the log."""
    todo = list(terminals)
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not todo:
                    return
                terminal = todo.pop()
            terminal.sync([], watched)

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def exactly_once(admin: str, made: Made) -> list[str]:
    """Each op made is on the hub once; every payment posted once to its account."""
    problems = []
    with psycopg.connect(admin) as conn:
        for table, ids in made.rows.items():
            on_hub = conn.execute(f"SELECT count(*), count(DISTINCT id) FROM {table} "  # noqa: S608
                                  f"WHERE hall LIKE 'SD%%'").fetchone()
            if on_hub != (len(ids), len(ids)):
                problems.append(f"{table}: made {len(ids)}, on the hub {on_hub[0]} ({on_hub[1]} distinct)")
        ledger = conn.execute("SELECT count(*) FROM counter_sync.op WHERE hall LIKE 'SD%%'").fetchone()[0]
        if ledger != made.edits:
            problems.append(f"op ledger: {made.edits} edits made, {ledger} on the hub")
        entries = conn.execute("SELECT count(*) FROM ledger_entry WHERE hall LIKE 'SD%%'").fetchone()[0]
        if entries != len(made.rows.get("payment", ())):
            problems.append(f"ledger entries: {entries} for {len(made.rows.get('payment', ()))} payments")
        balances = dict(conn.execute("SELECT id, balance_fen + 5000 FROM account WHERE id = ANY(%s)",
                                     (list(made.paid),)).fetchall())
        wrong = sum(1 for a, fen in made.paid.items() if balances.get(a) != fen)
        if wrong:
            problems.append(f"{wrong} account balances differ from their payments")
    return problems


# --------------------------------------------------------------------------- a week, a year

def week_growth(admin: str, terminals: list[Terminal], halls: int, sample: int, made: Made) -> dict:
    """``sample`` halls each push seven busiest days through the push; then ``hub prune``.
    Sizes per hall-day, extrapolated to ``halls`` halls and 365 days."""
    from counter_app.sync.hub import connect
    from counter_app.sync.hub_prune import prune_tombstones

    def sizes() -> dict[str, tuple[int, int]]:
        with psycopg.connect(admin) as conn:
            return {name: conn.execute(f"SELECT count(*), pg_total_relation_size('{name}') FROM {name}").fetchone()
                    for name in ("counter_sync.op", "counter_sync.change")}

    before = sizes()
    chosen = [t for t in terminals if t.id.endswith("-T0")][:sample]
    for terminal in chosen:
        for day in range(1, 8):
            rows = terminal.make_ops(BUSY_DAY_VISITS, made, DAY + dt.timedelta(days=day))
            with connect(terminal.url) as conn:
                from counter_app.sync.push import BATCH, _Batch

                sender = _Batch(conn, terminal.hall, terminal.id)
                for i in range(0, len(rows), BATCH):
                    sender.send(sender.prepare(rows[i:i + BATCH]))
    started = time.monotonic()
    pruned = prune_tombstones(admin, 30)
    prune_s = time.monotonic() - started
    after = sizes()
    out = {"halls": len(chosen), "prune_s": prune_s, "pruned": pruned}
    hall_days = len(chosen) * 7
    for name in after:
        rows = after[name][0] - before[name][0]
        size = after[name][1] - before[name][1]
        per_row = size / rows if rows else 0
        per_hall_day = rows / hall_days if hall_days else 0
        # The op ledger keeps LEDGER_MIN_KEEP_DAYS after prune; the change log keeps one row per
        # reference row (each ledger entry is one), which prune never removes.
        from counter_app.sync.hub_prune import LEDGER_MIN_KEEP_DAYS

        days = LEDGER_MIN_KEEP_DAYS if name == "counter_sync.op" else 365
        out[name] = {"rows_per_hall_day": per_hall_day, "bytes_per_row": per_row,
                     "year_rows": per_hall_day * halls * days, "year_bytes": per_row * per_hall_day * halls * days}
    return out


def quiet_hall(admin: str, terminal: Terminal, others: int) -> tuple[float, int]:
    """An up-to-date terminal of a hall with nothing new, after ``others`` changes of other
    halls: the mean time of its pull's page read (the change log read by its hall)."""
    from counter_app.sync.hub import connect
    from counter_app.sync.pull import PAGE, _read_page

    with psycopg.connect(admin) as conn:
        conn.execute("INSERT INTO counter_sync.change (tbl, key, hall) SELECT 'ledger_entry', "
                     "gen_random_uuid()::text, 'SX' || (g %% 1200) FROM generate_series(1, %s) g", (others,))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE counter_sync.change")
    terminal.kept = None
    terminal.sync([], set())  # up to date
    with connect(terminal.url) as conn:
        _read_page(conn, terminal.watermark, PAGE, want_total=True, complete_to=(0, 0))
        started = time.monotonic()
        for _ in range(10):
            page = _read_page(conn, terminal.watermark, PAGE, want_total=True, complete_to=(0, 0))
        return (time.monotonic() - started) / 10, page.changes


# --------------------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--halls", type=int, default=1200)
    parser.add_argument("--terminals", type=int, default=3, help="terminals per hall")
    parser.add_argument("--scale", type=float, default=1.0, help="run this fraction of the halls")
    parser.add_argument("--minutes", type=float, default=3.0, help="length of the measured busy run")
    parser.add_argument("--interval", type=float, default=60.0, help="seconds between a terminal's syncs")
    parser.add_argument("--workers", type=int, default=12, help="threads running the terminals' syncs")
    parser.add_argument("--week-halls", type=int, default=12, help="halls whose week is simulated for growth")
    parser.add_argument("--log-rows", type=int, default=1_000_000,
                        help="other halls' changes a quiet hall's pull is measured under")
    parser.add_argument("--connections", choices=("sync", "terminal", "hall"), default="sync",
                        help="a new connection per sync (as the app does), one kept per terminal, or one kept "
                             "per hall and shared by its terminals in turn (a transaction pooler's pattern)")
    parser.add_argument("--hub-admin", default="", help="administrator URL of an empty PostgreSQL database")
    args = parser.parse_args()
    halls = max(1, round(args.halls * args.scale))
    password = "bench-password"
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.setdefault("COUNTER_APP_CONFIG_DIR", str(Path(tmp) / "cfg"))
        os.environ.setdefault("COUNTER_APP_LOG_DIR", str(Path(tmp) / "log"))
        server = None
        if args.hub_admin:
            admin, cpu = args.hub_admin, HubCpu(None)
        else:
            from tests.pg import PgServer

            class Server(PgServer):
                def start(self) -> None:  # room for a kept connection per terminal or hall
                    opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                            f"-c synchronous_commit=off -c full_page_writes=off "
                            f"-c max_connections={len(range(halls)) * args.terminals + 50}")
                    self._run(f"{self.bindir}/pg_ctl -D {self.data} -w -t 60 -l {self.dir}/log -o '{opts}' start")

            server = Server()
            admin, cpu = server.url(server.create_database("province")), HubCpu(server.data)
        try:
            from counter_app.sync.hub_halls import hall_url, role_for_hall

            print(f"seeding {halls:,} halls × {args.terminals} terminals ...", flush=True)
            t0 = time.monotonic()
            accounts = seed_hub(admin, halls, password)
            print(f"  seeded in {time.monotonic() - t0:.0f} s", flush=True)
            terminals = [Terminal(hall_code(n), k, hall_url(admin, role_for_hall(hall_code(n)), password),
                                  accounts[hall_code(n)], seed=n * 10 + k)
                         for n in range(halls) for k in range(args.terminals)]
            if args.connections != "sync":
                by_hall: dict[str, Kept] = {}
                for t in terminals:
                    t.kept = by_hall.setdefault(t.hall, Kept()) if args.connections == "hall" else Kept()
            made = Made()
            watched = {("tariff_plan", PLAN), ("sp_service", "BENCH-SP-NEW")}
            # every terminal's first load, then the measured run
            print("first load of every terminal ...", flush=True)
            drain(terminals, set(), args.workers)
            print(f"busy run: {args.minutes:g} min, a sync every {args.interval:g} s per terminal ...", flush=True)
            figures = busy_hour(terminals, args, made, watched, admin, cpu)
            drain(terminals, watched, args.workers)
            missed = sum(1 for t in terminals if not watched <= t.seen)
            problems = exactly_once(admin, made)
            print(f"a simulated week of {min(args.week_halls, halls)} halls ...", flush=True)
            growth = week_growth(admin, terminals, args.halls, args.week_halls, made)
            problems += exactly_once(admin, made)
            print(f"a quiet hall's pull under {args.log_rows:,} other halls' changes ...", flush=True)
            growth["quiet"] = quiet_hall(admin, terminals[-1], args.log_rows)
        finally:
            if server is not None:
                server.close()
    report(args, halls, figures, missed, problems, growth)
    ok = figures["p99"] < 2.0 and not problems and not missed and not figures["errors"]
    return 0 if ok else 1


def report(args, halls: int, f: dict, missed: int, problems: list[str], growth: dict) -> None:
    terminals = halls * args.terminals
    print(f"\nprovince: {halls:,} halls × {args.terminals} terminals = {terminals:,} terminals, "
          f"a sync every {args.interval:g} s, {args.minutes:g} min, {args.workers} client threads, "
          f"connections: {args.connections}")
    print(f"syncs: {f['syncs']:,} in {f['wall']:.0f} s = {f['rate']:.1f}/s (needed {f['needed']:.1f}/s)")
    print(f"a terminal's sync, due → done: p50 {f['p50'] * 1000:.0f} ms, p99 {f['p99'] * 1000:.0f} ms, "
          f"max {f['max'] * 1000:.0f} ms ({'PASS' if f['p99'] < 2 else 'FAIL'} target p99 < 2 s); "
          f"connect → done: p50 {f['service_p50'] * 1000:.0f} ms, p99 {f['service_p99'] * 1000:.0f} ms")
    hub = f"{f['hub_cpu_per_sync'] * 1000:.1f} ms" if f["hub_cpu_per_sync"] is not None else "n/a (remote hub)"
    print(f"CPU per sync: hub {hub}, clients {f['client_cpu_per_sync'] * 1000:.1f} ms")
    print(f"rows: pushed {f['pushed']:,} ({f['pushed'] / f['wall']:.0f}/s, {f['duplicates']:,} resent, answered "
          f"duplicate), pulled {f['pulled']:,} ({f['pulled'] / f['wall']:.0f}/s)")
    print(f"province changes pulled by every terminal: {'yes' if not missed else f'NO, {missed} missed'}")
    print("exactly once: " + ("yes, every op on the hub once, every payment posted once" if not problems
                              else "NO: " + "; ".join(problems)))
    if f["errors"]:
        print(f"{len(f['errors'])} syncs failed, e.g. {f['errors'][0]}")
    quiet_s, quiet_changes = growth["quiet"]
    print(f"a quiet hall's up-to-date pull under {args.log_rows:,} other halls' changes: {quiet_s * 1000:.1f} ms "
          f"({quiet_changes} changes)")
    print(f"a week of {growth['halls']} halls' busiest days, then hub prune ({growth['prune_s']:.2f} s):")
    for name in ("counter_sync.op", "counter_sync.change"):
        g = growth[name]
        print(f"  {name}: {g['rows_per_hall_day']:,.0f} rows per hall-day, {g['bytes_per_row']:.0f} B/row; "
              f"a year of {args.halls:,} halls: {g['year_rows'] / 1e6:,.1f} M rows, {g['year_bytes'] / 1e9:,.1f} GB")


if __name__ == "__main__":
    raise SystemExit(main())
