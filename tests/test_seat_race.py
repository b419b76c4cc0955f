"""Two sign-ins of one clerk at two counters in the same instant (two PCs, one queue): 王芳
(1001) must end up at one counter, never shown at both. On the hall's PostgreSQL queue server
the sign-ins take turns on a lock per clerk; on a SQLite file the write lock already makes them
take turns. The second sign-in then finds the counter the first took and follows the usual
rule (docs/queue.md "One clerk, one counter"): idle, it is closed on the way (the window there
says so); with a customer in service, the sign-in is refused and asks. Real PostgreSQL, a real
SQLite file, one connection per sign-in."""

from __future__ import annotations

import sqlite3
import threading
import time

import psycopg
import pytest

from counter_app.db import close_database, open_database
from counter_app.errors import Conflict
from counter_app.models import AuditEvent, CounterState, Staff, db
from counter_app.services import auth, queue, seat
from counter_app.services.passwords import hash_password
from counter_app.services.session import open_session
from tests.test_queue_concurrency import all_day_hall

PASSWORD = "123456"


def held_by_1001() -> list[int]:
    return sorted(s.counter_number for s in CounterState.select().where(
        (CounterState.staff_no == "1001") & CounterState.status.in_(seat.HELD)))


def sign_in_at(number: int, results: dict, move: bool, start: threading.Barrier | None,
               staff_no: str = "1001") -> None:
    """One PC's sign-in, on its own thread and so its own connection; what it returned (or
    raised) goes into ``results``."""
    try:
        session = open_session(counter_number=number)
        if start is not None:
            start.wait(timeout=10)
        results[number] = auth.sign_in_at_counter(session, staff_no, PASSWORD, move=move)[1]
    except Exception as exc:  # noqa: BLE001 - the test reads what each sign-in met
        results[number] = exc
    finally:
        db.close()


def race(*numbers: int, moving: int | None = None, start: threading.Barrier | None = None,
         clerks: dict[int, str] | None = None) -> dict:
    """Sign-ins at ``numbers`` at once (at ``moving`` with the move confirmed), of 1001 unless
    ``clerks`` names who signs in at a counter."""
    results: dict = {}
    clerks = clerks or {}
    threads = [threading.Thread(target=sign_in_at, args=(n, results, n == moving, start, clerks.get(n, "1001")))
               for n in numbers]
    for thread in threads:
        thread.start()
    return {"threads": threads, "results": results}


def finish(running: dict) -> dict:
    for thread in running["threads"]:
        thread.join(timeout=60)
        assert not thread.is_alive()
    return running["results"]


def waiting_backends(pg_url: str) -> int:
    with psycopg.connect(pg_url, autocommit=True) as watcher:
        row = watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                              "AND wait_event_type = 'Lock'").fetchone()
    return int(row[0]) if row else 0


def one_winner(results: dict, numbers: tuple[int, int], moved_before: int = 0) -> int:
    """Both sign-ins passed, in turn: the later one closed the counter the earlier one took
    (idle), so 1001 is held at exactly one counter; returns it."""
    assert all(not isinstance(r, BaseException) for r in results.values()), results
    held = held_by_1001()
    assert len(held) == 1, f"1001 shown at counters {held}"
    seated = held[0]
    left = next(n for n in numbers if n != seated)
    assert results[seated] == seat.Moved(left), results  # the usual rule: the idle counter closes on the way
    assert results[left] is None
    moved = AuditEvent.select().where(AuditEvent.action == "counter.moved").order_by(AuditEvent.seq)
    assert [(e.target, e.detail["from_counter"]) for e in moved][moved_before:] == [(str(seated), left)]
    return seated


@pytest.fixture
def pg_hall(pg_url, frozen_clock):
    open_database(pg_url)
    all_day_hall()
    Staff.update(password_hash=hash_password(PASSWORD)).where(Staff.staff_no == "1001").execute()
    for number in (11, 12):
        CounterState.insert(hall="JN001", counter_number=number).on_conflict_ignore().execute()
    yield pg_url
    close_database()


def both_waiting_then_go(pg_url: str, rows: str, *numbers: int, moving: int | None = None,
                         clerks: dict[int, str] | None = None) -> dict:
    """A third connection holds the counter ``rows`` while the sign-ins at ``numbers`` start,
    so both are inside their transactions at once, past the point where each looks for the
    clerk's other counters; then lets them go. Returns what each sign-in met."""
    blocker = psycopg.connect(pg_url)
    try:
        blocker.execute(f"SELECT 1 FROM counter_state WHERE hall = 'JN001' AND counter_number IN ({rows}) FOR UPDATE")
        running = race(*numbers, moving=moving, clerks=clerks)
        deadline = time.monotonic() + 30
        while waiting_backends(pg_url) < 2:
            assert time.monotonic() < deadline, "the two sign-ins never both waited"
            time.sleep(0.05)
        blocker.rollback()
        return finish(running)
    finally:
        blocker.close()


def test_two_sign_ins_in_the_same_instant_on_postgresql_leave_the_clerk_at_one_counter(pg_hall):
    results = both_waiting_then_go(pg_hall, "11, 12", 11, 12)
    seated = one_winner(results, (11, 12))
    left = 23 - seated
    pc = open_session(counter_number=left)
    pc.staff = Staff.get_by_id("1001")
    with pytest.raises(Conflict, match=f"signed in at counter {seated} now"):
        seat.ensure_here(pc, left)  # the window at the closed counter calls nobody


def test_with_her_customer_in_service_one_sign_in_moves_and_the_other_is_asked_on_postgresql(pg_hall):
    """1001 serves A001 at counter 11. At counter 12 she confirms the move while a sign-in of
    hers at counter 13 runs at the same instant: A001 follows her to 12, and the sign-in at 13
    meets A001 in service (at 11 or, after the move, at 12) and is refused with the question."""
    first = open_session(counter_number=11)
    auth.sign_in_at_counter(first, "1001", PASSWORD)
    queue.take_ticket(first, "payment")
    queue.call_next(first)
    results = both_waiting_then_go(pg_hall, "11", 12, 13, moving=12)
    assert results[12] == seat.Moved(11, "A001"), results
    refused = results[13]
    assert isinstance(refused, seat.SeatTaken) and refused.code == "A001", results
    assert held_by_1001() == [12]
    assert queue.current_ticket(first, 12).code == "A001"
    assert AuditEvent.select().where(AuditEvent.action == "login.seat_refused").count() == 1


def test_two_clerks_swapping_counters_in_the_same_instant_on_postgresql_both_sit_down(pg_hall):
    """王芳 (1001) sits at counter 11 and 李强 (1002) at 12, both idle; she signs in at 12 as
    he signs in at 11. Each sign-in locks both counters; taken in counter order they take
    turns, where each locking its own counter first would deadlock and one clerk would see
    PostgreSQL's error. The first takes the other's idle counter over; the second finds their
    own old counter closed and sits there."""
    Staff.insert(staff_no="1002", hall="JN001", name="李强", role="clerk", password_hash=hash_password(PASSWORD),
                 specialties=Staff.get_by_id("1001").specialties).execute()
    for number, staff_no in ((11, "1001"), (12, "1002")):
        CounterState.update(status="open", staff_no=staff_no).where(CounterState.counter_number == number).execute()
    results = both_waiting_then_go(pg_hall, "11, 12", 12, 11, clerks={12: "1001", 11: "1002"})
    assert all(not isinstance(r, BaseException) for r in results.values()), results
    held = {s.counter_number: s.staff_no for s in CounterState.select().where(CounterState.status.in_(seat.HELD))}
    assert held == {11: "1002", 12: "1001"}
    took = [n for n, r in results.items() if r is not None]
    assert len(took) == 1, results  # the first took an idle counter over; the second just sat down
    assert results[took[0]].taken_from == {12: "1002", 11: "1001"}[took[0]]


def test_on_a_sqlite_file_the_write_lock_makes_two_sign_ins_take_turns(demo_db, db_path, frozen_clock):
    for _round in range(3):
        CounterState.delete().execute()
        moved_before = AuditEvent.select().where(AuditEvent.action == "counter.moved").count()
        # Another writer holds the file's write lock while both sign-ins start.
        blocker = sqlite3.connect(str(db_path), timeout=10)
        blocker.execute("BEGIN IMMEDIATE")
        running = race(1, 2, start=threading.Barrier(2))
        time.sleep(0.3)
        blocker.rollback()
        blocker.close()
        one_winner(finish(running), (1, 2), moved_before)
