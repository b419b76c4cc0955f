"""One queue for the whole hall, shared by separate processes: eight counters calling at once
never call the same ticket and lose none; four kiosks taking numbers at once never hand out
the same number. Run on a SQLite file (the default one-PC hall) and on a real PostgreSQL
server (the hub), each with real processes, not threads."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counter_app import clock
from counter_app.db import close_database, open_database
from counter_app.models import Counter, Hall, NumberSequence, Staff, Ticket, TicketEvent, db
from counter_app.models.base import unsynced_writes
from counter_app.models.staff import SPECIALTIES

ROOT = Path(__file__).resolve().parent.parent
COUNTERS = range(11, 19)  # eight counters that serve every category
TICKETS = 1000
KIOSKS, TAKES = 4, 50


def all_day_hall(hall_code: str = "JN001") -> None:
    """An airport hall open round the clock, so the test runs at any hour of the real clock."""
    from counter_app.services.reference import load_reference_data

    load_reference_data()
    Hall.insert(code=hall_code, name="测试营业厅", city="济南", opens="00:00", closes="24:00").on_conflict(
        conflict_target=[Hall.code], update={Hall.opens: "00:00", Hall.closes: "24:00"}).execute()
    categories = ["payment", "general", "new_data", "plan", "complaint", "vip", "green"]
    for number in COUNTERS:
        Counter.insert(hall=hall_code, number=number, categories=categories).on_conflict_ignore().execute()
    # The clerk signed in at every counter, skilled for everything (routing by the counter alone).
    Staff.insert(staff_no="1001", hall=hall_code, name="王芳", role="clerk", password_hash="x",
                 specialties=list(SPECIALTIES)).on_conflict_ignore().execute()


def waiting_tickets(count: int, hall_code: str = "JN001") -> None:
    """``count`` waiting tickets of three categories, one second apart (test setup)."""
    today = clock.today()
    start = clock.now() - dt.timedelta(seconds=count)
    rows = []
    for i in range(count):
        cat, prefix = (("payment", "A"), ("general", "B"), ("green", "G"))[i % 3]
        number = i // 3 + 1
        at = start + dt.timedelta(seconds=i)
        rows.append(dict(hall=hall_code, business_date=today, category=cat, issued_category=cat, number=number,
                         code=f"{prefix}{number:03d}", priority=2 if cat == "green" else 0, status="waiting",
                         issued_at=at, queued_at=at))
    with db.atomic(), unsynced_writes():  # tickets as if issued before: no outbox to fill
        for chunk in range(0, len(rows), 200):
            Ticket.insert_many(rows[chunk:chunk + 200]).execute()


def run_workers(argv_list: list[list[str]]) -> list:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", *argv], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for argv in argv_list]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err[-3000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


CALLER = """
import sys, json, time
from counter_app.db import open_database
from counter_app.services import queue
from counter_app.models import Staff
from counter_app.services.session import open_session
url, counter, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
open_database(url, migrate=False)
session = open_session(counter_number=counter)
session.staff = Staff.get_by_id("1001")  # a clerk signed in at every counter
time.sleep(max(0.0, start - time.time()))
called = []
while True:
    ticket = queue.call_next(session, counter)
    if ticket is None:
        break
    called.append(str(ticket.id))
print(json.dumps(called))
"""

TAKER = """
import sys, json, time
from counter_app.db import open_database
from counter_app.services import queue
from counter_app.services.session import open_session
url, count, start = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
open_database(url, migrate=False)
session = open_session()
time.sleep(max(0.0, start - time.time()))
print(json.dumps([queue.take_ticket(session, "payment").number for _ in range(count)]))
"""


def eight_counters_call_everything(url: str) -> None:
    start = time.time() + 2.5  # every process is up and waiting before the first call
    results = run_workers([[CALLER, url, str(n), str(start)] for n in COUNTERS])
    called = [ticket for per_counter in results for ticket in per_counter]
    assert len(called) == TICKETS, "every ticket is called"
    assert len(set(called)) == TICKETS, "no ticket is called twice"
    assert sum(1 for per_counter in results if per_counter) >= 4, "the counters really ran side by side"
    assert Ticket.select().where(Ticket.status == "waiting").count() == 0
    calls = TicketEvent.select().where(TicketEvent.kind == "called").count()
    assert calls == TICKETS


def four_kiosks_take_distinct_numbers(url: str) -> None:
    start = time.time() + 2.5
    results = run_workers([[TAKER, url, str(TAKES), str(start)] for _ in range(KIOSKS)])
    numbers = [n for per_kiosk in results for n in per_kiosk]
    assert sorted(numbers) == list(range(1, KIOSKS * TAKES + 1)), "no number twice, none skipped"
    codes = [t.code for t in Ticket.select(Ticket.code).where(Ticket.category == "payment")]
    assert len(set(codes)) == KIOSKS * TAKES
    assert NumberSequence.get().last_number == KIOSKS * TAKES


@pytest.fixture
def sqlite_hall(db_path):
    open_database(str(db_path))
    all_day_hall()
    yield str(db_path)
    close_database()


@pytest.fixture
def postgres_hall(pg_url):
    open_database(pg_url)
    all_day_hall()
    yield pg_url
    close_database()


@pytest.mark.slow
def test_eight_counters_on_one_sqlite_file_call_each_of_1000_tickets_exactly_once(sqlite_hall):
    waiting_tickets(TICKETS)
    eight_counters_call_everything(sqlite_hall)


@pytest.mark.slow
def test_four_kiosks_on_one_sqlite_file_never_get_the_same_number(sqlite_hall):
    four_kiosks_take_distinct_numbers(sqlite_hall)


@pytest.mark.slow
@pytest.mark.postgres
def test_eight_counters_on_postgresql_call_each_of_1000_tickets_exactly_once(postgres_hall):
    waiting_tickets(TICKETS)
    eight_counters_call_everything(postgres_hall)


@pytest.mark.slow
@pytest.mark.postgres
def test_four_kiosks_on_postgresql_never_get_the_same_number(postgres_hall):
    four_kiosks_take_distinct_numbers(postgres_hall)
