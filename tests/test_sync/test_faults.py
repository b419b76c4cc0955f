"""Faults against a real PostgreSQL hub: the sync process killed at every step, the hub
gone before, during and after a batch, two senders at once, clocks hours wrong, and a
scripted day of three terminals with the hub killed twice. After each: every op on the hub
exactly once, payments per terminal and day equal on both sides, reference checksums equal."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from counter_app import clock
from counter_app.errors import UserError
from counter_app.faults import PULL_STEPS, PUSH_STEPS
from counter_app.sync.runner import sync_once, sync_state
from tests.test_sync.support import (
    HALL_A,
    HALL_B,
    ROLE_A,
    ROLE_B,
    ROOT,
    assert_agrees_with_hub,
    assert_each_op_once_on_hub,
    cli_env,
    new_terminal,
    outbox_counts,
    take_payments,
    use,
)

pytestmark = pytest.mark.postgres


def start_paused(db: Path, url: str, step: str, flag: Path) -> subprocess.Popen:
    """``counter-app sync --once`` that stops at ``step`` until told to go (or is killed)."""
    env = cli_env(COUNTER_APP_SYNC_PAUSE_AT=step, COUNTER_APP_SYNC_PAUSE_FILE=str(flag))
    proc = subprocess.Popen([sys.executable, "-m", "counter_app", "--db", str(db), "sync", "--once", "--hub", url],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reached = Path(f"{flag}.reached")
    deadline = time.monotonic() + 60
    while not reached.exists():
        if proc.poll() is not None:
            raise AssertionError(f"sync ended before {step}: {proc.communicate()}")
        assert time.monotonic() < deadline, f"sync never reached {step}"
        time.sleep(0.02)
    return proc


def go(flag: Path) -> None:
    Path(f"{flag}.go").touch()


def all_ops() -> list[tuple]:
    """Every outbox op of the bound terminal: (op id, table, row id, kind)."""
    from counter_app.models import db

    return db.execute_sql('SELECT op_id, "table", row_id, kind FROM outbox').fetchall()


def day_of_business(n: int, start: int = 0) -> None:
    """Payments plus a ticket that is issued, called and finished (edits of one row)."""
    from counter_app.models import Ticket

    take_payments(n, start=start)
    now = clock.now()
    ticket = Ticket.create(hall=HALL_A, business_date=now.date(), category="payment", number=100 + start,
                           code=f"A{100 + start}", issued_at=now, queued_at=now)
    for status in ("called", "done"):
        ticket.status = status
        ticket.save()


@pytest.mark.parametrize("step", PUSH_STEPS + PULL_STEPS)
def test_a_sync_killed_at_any_step_loses_and_doubles_nothing(terminal, hub, tmp_path, step):
    path, url = terminal
    day_of_business(6)
    with hub.admin() as conn:  # reference changes so the pull has pages to apply
        conn.execute("UPDATE customer SET address = address || ' 2号' WHERE vip_tier = ''")
    proc = start_paused(path, url, step, tmp_path / "pause")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    report = sync_once(url)
    assert report.pending == 0 and report.pushed.rejected == 0
    assert outbox_counts() == {"sent": 9}
    assert_each_op_once_on_hub(hub, all_ops())
    assert_agrees_with_hub(url)


def test_hub_down_before_a_batch_keeps_everything_pending_and_says_why(terminal, hub, pg_server):
    _, url = terminal
    take_payments(4)
    pg_server.stop()
    try:
        with pytest.raises(UserError, match="cannot be reached"):
            sync_once(url)
        state = sync_state()
        assert state["pending"] == 4 and "cannot be reached" in state["last_error"]
        take_payments(2, start=4)  # the counter goes on taking money meanwhile
    finally:
        pg_server.start()
    assert sync_once(url).pushed.applied == 6
    assert sync_state()["last_error"] == ""
    assert_each_op_once_on_hub(hub, all_ops())
    assert_agrees_with_hub(url)


def test_hub_down_during_a_batch_rolls_it_back_and_the_next_run_sends_it(terminal, hub, pg_server, tmp_path):
    path, url = terminal
    day_of_business(5)
    proc = start_paused(path, url, "push.sent", tmp_path / "pause")
    pg_server.stop()
    try:
        go(tmp_path / "pause")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode != 0 and "hub" in err
    finally:
        pg_server.start()
    assert hub.scalar("SELECT count(*) FROM payment") == hub.scalar("SELECT count(*) FROM counter_sync.op") == 0
    assert sync_once(url).pushed.applied == 8
    assert_each_op_once_on_hub(hub, all_ops())
    assert_agrees_with_hub(url)


def test_hub_down_after_a_batch_the_terminal_still_marks_what_the_hub_took(terminal, hub, pg_server, tmp_path):
    path, url = terminal
    day_of_business(5)
    proc = start_paused(path, url, "push.committed", tmp_path / "pause")
    pg_server.stop()
    try:
        go(tmp_path / "pause")
        _, err = proc.communicate(timeout=60)
        assert proc.returncode != 0  # the pull after the push found the hub gone
    finally:
        pg_server.start()
    assert outbox_counts() == {"sent": 8}
    again = sync_once(url)
    assert again.pushed.sent == 0
    assert_each_op_once_on_hub(hub, all_ops())
    assert_agrees_with_hub(url)


def test_the_same_batch_from_two_processes_at_once_lands_once(terminal, hub, tmp_path):
    path, url = terminal
    day_of_business(20)
    first = start_paused(path, url, "push.read", tmp_path / "one")
    second = start_paused(path, url, "push.read", tmp_path / "two")
    go(tmp_path / "one")
    go(tmp_path / "two")
    outs = [p.communicate(timeout=60) for p in (first, second)]
    assert first.returncode == 0 and second.returncode == 0, outs
    assert hub.scalar("SELECT count(*) FROM counter_sync.op") == 3  # the ticket's edits
    assert hub.scalar("SELECT count(*) FROM payment") == 20
    use(path)
    assert outbox_counts() == {"sent": 23}
    assert_each_op_once_on_hub(hub, all_ops())
    assert_agrees_with_hub(url)


def test_a_terminal_clock_hours_off_neither_loses_nor_misorders_edits(terminal, hub):
    from counter_app.models import Ticket
    from counter_app.models.hlc import format_stamp

    _, url = terminal
    real = dt.datetime.now()
    behind = clock.FrozenClock(real - dt.timedelta(hours=5))
    clock.set_clock(behind)
    try:
        take_payments(3, day=behind.current.date())
        ticket = Ticket.create(hall=HALL_A, business_date=behind.current.date(), category="payment", number=1,
                               code="A001", issued_at=behind.current, queued_at=behind.current)
        sync_once(url)
        # Another terminal with a correct clock edited the ticket a second ago.
        with hub.admin() as conn:
            conn.execute("UPDATE ticket SET status = 'called', hlc = %s WHERE id = %s",
                         (format_stamp(int(time.time() * 1000) - 1000, 0, "T-other"), ticket.id))
        sync_once(url)  # this terminal now knows the hub's time
        behind.advance(minutes=1)
        ticket.status = "done"
        ticket.save()  # made after the other edit was seen: it must win despite the clock
        assert sync_once(url).pushed.applied == 1
        assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (ticket.id,)) == "done"

        # A clock hours ahead, then corrected: the edit after the correction is still the newest.
        ahead = clock.FrozenClock(real + dt.timedelta(hours=3))
        clock.set_clock(ahead)
        ticket.status = "noshow"
        ticket.save()
        sync_once(url)
        clock.set_clock(behind)
        ticket.status = "transferred"
        ticket.save()
        assert sync_once(url).pushed.applied == 1
        assert hub.scalar("SELECT status FROM ticket WHERE id = %s", (ticket.id,)) == "transferred"
    finally:
        clock.set_clock(None)
    assert_each_op_once_on_hub(hub, all_ops())
    assert_agrees_with_hub(url)


def test_a_scripted_day_two_halls_three_terminals_hub_killed_twice(hub, pg_server, tmp_path):
    terminals = {
        "A1": (new_terminal(tmp_path / "a1.db"), hub.url_for(ROLE_A)),
        "A2": (new_terminal(tmp_path / "a2.db"), hub.url_for(ROLE_A)),
        "B1": (new_terminal(tmp_path / "b1.db"), hub.url_for(ROLE_B)),
    }
    ops: dict[str, list[tuple]] = {}

    def at(name: str):
        path, url = terminals[name]
        use(path)
        return path, url

    def try_sync(name: str) -> bool:
        _, url = at(name)
        try:
            sync_once(url)
            return True
        except UserError:
            return False

    for name in terminals:
        assert try_sync(name)
    for hour in range(6):
        if hour == 2:
            pg_server.stop("immediate")  # first kill: between runs
        for name in terminals:
            at(name)
            take_payments(4, start=hour * 10, staff_no="5001" if name == "B1" else "1001")
        if hour == 4:  # second kill: in the middle of A1's batch
            path, url = at("A1")
            flag = tmp_path / f"pause{hour}"
            proc = start_paused(path, url, "push.sent", flag)
            pg_server.stop("immediate")
            go(flag)
            proc.communicate(timeout=60)
            assert proc.returncode != 0
        results = {name: try_sync(name) for name in terminals}
        assert all(results.values()) == (hour not in (2, 4)), results
        if hour in (2, 4):
            pg_server.start()
    for name in terminals:
        assert try_sync(name)
        ops[name] = all_ops()
        assert outbox_counts() == {"sent": len(ops[name])}
        assert_agrees_with_hub(terminals[name][1])
    assert_each_op_once_on_hub(hub, [op for name in terminals for op in ops[name]])
    with hub.admin() as conn:
        per_hall = dict(conn.execute("SELECT hall, count(*) FROM payment GROUP BY hall").fetchall())
    assert per_hall == {HALL_A: 48, HALL_B: 24}
    assert sum(len(v) for v in ops.values()) == 72
    with psycopg.connect(hub.url_for(ROLE_B)) as b:
        assert b.execute("SELECT DISTINCT hall FROM payment").fetchall() == [(HALL_B,)]
    assert os.environ.get("COUNTER_APP_SYNC_PAUSE_AT") is None


@pytest.mark.parametrize("step", ["pull.applying", "pull.applied"])
def test_a_first_load_killed_half_way_is_finished_by_the_next_run(hub, tmp_path, step):
    path = new_terminal(tmp_path / "new.db")
    url = hub.url_for(ROLE_A)
    proc = start_paused(path, url, step, tmp_path / "pause")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    use(path)
    report = sync_once(url)
    assert not report.pulled.full  # it goes on from where the killed run stopped
    assert_agrees_with_hub(url)
