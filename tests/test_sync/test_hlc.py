"""The hybrid logical clock and the outbox capture, on a terminal's own file (no hub)."""

from __future__ import annotations

import datetime as dt

from counter_app import clock
from counter_app.db import close_database, open_database
from counter_app.models.hlc import COUNTER_LIMIT, HybridClock, format_stamp, parse_stamp


def test_stamps_keep_increasing_when_the_wall_clock_stands_still_or_goes_back():
    wall = [1_000_000]
    hlc = HybridClock(lambda: wall[0], node="T-a")
    stamps = [hlc.now()]
    for step in (0, 0, -3_600_000, -1, 5, 0):
        wall[0] += step
        stamps.append(hlc.now())
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert parse_stamp(stamps[-1])[0] == 1_000_000  # never went back with the clock


def test_a_time_seen_elsewhere_moves_the_next_stamps_past_it():
    behind = HybridClock(lambda: 1_000, node="T-slow")
    remote = format_stamp(9_000_000, 3, "T-hub")
    behind.receive(remote)
    assert behind.now() > remote
    behind.receive(50)  # an older time changes nothing
    assert parse_stamp(behind.now())[0] == 9_000_000


def test_the_counter_borrows_a_millisecond_instead_of_overflowing():
    hlc = HybridClock(lambda: 5, node="x")
    stamps = [hlc.now() for _ in range(COUNTER_LIMIT + 2)]
    assert stamps == sorted(stamps) and parse_stamp(stamps[-1]) == (6, 1)


def test_a_terminal_restarted_with_its_clock_set_back_still_stamps_later(tmp_path, frozen_clock):
    from counter_app.models import Outbox, Rating
    from counter_app.models.sync import forget_clocks
    from counter_app.services.session import terminal_id

    path = tmp_path / "t.db"
    open_database(str(path))
    terminal = terminal_id()
    Rating.create(hall="JN001", score=5)
    first = Outbox.select().order_by(Outbox.seq.desc()).get()
    close_database()
    forget_clocks()
    frozen_clock.current = frozen_clock.current - dt.timedelta(hours=6)  # someone "fixed" the clock
    open_database(str(path))
    try:
        rating = Rating.create(hall="JN001", score=4)
        second = Outbox.select().order_by(Outbox.seq.desc()).get()
        assert second.hlc > first.hlc
        assert rating.terminal == terminal and second.payload["terminal"] == terminal
        assert clock.now() < dt.datetime(2026, 11, 25, 10)
    finally:
        close_database()


def test_the_outbox_payload_reads_back_into_postgresql_column_types(tmp_path):
    from counter_app.models import AuditEvent, Outbox, ServiceOrder

    open_database(str(tmp_path / "t.db"))
    try:
        AuditEvent.create(hall="JN001", at=dt.datetime(2026, 11, 25, 9, 30), action="x", detail={"金额": 5})
        ServiceOrder.create(hall="JN001", order_no="O1", business_date=dt.date(2026, 11, 25), business_code="puk",
                            staff_no="1001", idempotency_key="k", signature_png=b"\x89PNG")
        audit, order = [o.payload for o in Outbox.select().order_by(Outbox.seq)]
        assert audit["detail"] == '{"金额": 5}'  # JSON columns travel as their stored text
        assert audit["at"] == "2026-11-25T09:30:00"
        assert order["signature_png"] == "\\x89504e47"  # bytea hex input
        assert order["business_date"] == "2026-11-25"
    finally:
        close_database()
