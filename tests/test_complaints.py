"""Complaints through the services: intake and deadlines, handling steps, escalation."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.errors import Conflict, PermissionDenied, ValidationError
from counter_app.models import AuditEvent, Complaint, DayClose, Outbox, db
from counter_app.services import complaints
from tests.complaint_data import plain_line


def _open(session, account, category="billing", **kw):
    return complaints.open_complaint(session, customer_id=account.customer_id, account_id=account.id,
                                     phone=account.phone, category=category,
                                     description=kw.pop("description", "上月话费比平时多了一倍"), **kw)


@pytest.mark.parametrize(("filed", "category", "due"), [
    # filed at 23:59 on the last day of a month: the deadline lands in the next month, same minute
    ("2026-11-30 23:59", "sp_charge", "2026-12-01 23:59"),
    ("2026-11-30 23:59", "billing", "2026-12-03 23:59"),
    ("2026-11-30 23:59", "other", "2026-12-10 23:59"),  # the hall's 10 days, below the legal 15
    ("2026-12-31 23:59", "sp_charge", "2027-01-01 23:59"),
    ("2027-02-28 23:59", "network", "2027-03-07 23:59"),
    ("2028-02-28 23:59", "sp_charge", "2028-02-29 23:59"),  # a leap year
])
def test_the_reply_deadline_follows_the_category_across_month_ends(session, frozen_clock, filed, category, due):
    frozen_clock.current = dt.datetime.fromisoformat(filed)
    complaint = _open(session, plain_line(), category)
    assert complaint.deadline_at == dt.datetime.fromisoformat(due)
    # the number carries the business day of filing, not the deadline's
    assert dt.datetime.fromisoformat(filed).strftime("%Y%m%d") in complaint.complaint_no
    assert complaint.deadline_at - complaint.opened_at <= dt.timedelta(days=15)


def test_a_manager_configures_targets_but_always_below_the_legal_fifteen_days(session, manager_session, frozen_clock):
    complaints.set_deadline_hours(manager_session, "sp_charge", 12)
    assert complaints.deadline_hours(session.hall_code)["sp_charge"] == 12
    assert _open(session, plain_line(), "sp_charge").deadline_at == frozen_clock.current + dt.timedelta(hours=12)
    with pytest.raises(ValidationError, match="legal 15 days"):
        complaints.set_deadline_hours(manager_session, "other", 15 * 24)
    with pytest.raises(ValidationError, match="legal 15 days"):
        complaints.set_deadline_hours(manager_session, "other", 12 * 24 + 1)  # no time left to escalate
    with pytest.raises(PermissionDenied):
        complaints.set_deadline_hours(session, "billing", 24)
    assert complaints.deadline_hours(session.hall_code)["other"] == 240
    assert AuditEvent.select().where(AuditEvent.action == "complaint.settings").count() == 1


def test_a_complaint_without_a_description_is_refused_and_nothing_is_stored(session, frozen_clock):
    before = (Complaint.select().count(), AuditEvent.select().count(), Outbox.select().count())
    with pytest.raises(ValidationError, match="Describe"):
        _open(session, plain_line(), description="   ")
    with pytest.raises(ValidationError, match="kind of complaint"):
        _open(session, plain_line(), category="weather")
    assert (Complaint.select().count(), AuditEvent.select().count(), Outbox.select().count()) == before


def test_intake_inside_an_order_rolls_back_with_the_order(session, frozen_clock):
    before = (Complaint.select().count(), Outbox.select().count())
    with pytest.raises(RuntimeError), db.atomic():
        _open(session, plain_line(), order_id="01931f00-0000-7000-8000-000000000001")
        raise RuntimeError("the order's signature step failed")
    assert (Complaint.select().count(), Outbox.select().count()) == before
    with db.atomic():
        first = _open(session, plain_line(), order_id="01931f00-0000-7000-8000-000000000001")
        again = _open(session, plain_line(), order_id="01931f00-0000-7000-8000-000000000001")
    assert first.id == again.id and Complaint.select().count() == before[0] + 1


def test_a_double_submit_records_one_complaint(session, frozen_clock):
    a = _open(session, plain_line(), idempotency_key="form-1")
    b = _open(session, plain_line(), idempotency_key="form-1")
    assert a.id == b.id and Complaint.select().count() == 1
    assert Outbox.select().where(Outbox.table == "complaint").count() == 1


def test_a_closed_day_takes_no_complaint(session, frozen_clock):
    DayClose.create(hall=session.hall_code, business_date=frozen_clock.current.date(), closed_by="2001")
    with pytest.raises(Conflict, match="closed"):
        _open(session, plain_line())


def test_each_handling_step_is_timed_and_audited(session, manager_session, frozen_clock):
    c = _open(session, plain_line(), "attitude", wish="营业员道歉")
    frozen_clock.advance(minutes=5)
    complaints.assign(manager_session, c.id, "1003")
    frozen_clock.advance(minutes=30)
    complaints.add_note(session, c.id, "已调取录像")
    with pytest.raises(Conflict, match="Reply"):
        complaints.close(session, c.id, "satisfied")
    frozen_clock.advance(hours=2)
    complaints.reply(session, c.id, "已向客户致歉，并对营业员批评教育")
    frozen_clock.advance(minutes=1)
    closed = complaints.close(session, c.id, "satisfied")
    assert closed.status == "closed" and closed.customer_view == "satisfied" and closed.assigned_to == "1003"
    kinds = [(s.kind, s.at - c.opened_at, s.staff_no) for s in complaints.steps(session, c.id)]
    assert kinds == [
        ("opened", dt.timedelta(0), "1001"),
        ("assigned", dt.timedelta(minutes=5), "2001"),
        ("note", dt.timedelta(minutes=35), "1001"),
        ("replied", dt.timedelta(hours=2, minutes=35), "1001"),
        ("closed", dt.timedelta(hours=2, minutes=36), "1001"),
    ]
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.target == c.complaint_no).order_by(AuditEvent.at)]
    assert actions == ["complaint.open", "complaint.assign", "complaint.note", "complaint.reply", "complaint.close"]
    with pytest.raises(Conflict, match="already closed"):
        complaints.reply(session, c.id, "again")
    with pytest.raises(ValidationError):
        complaints.assign(session, _open(session, plain_line()).id, "7777")


def test_near_complaints_escalate_once_before_their_deadline_is_breached(session, frozen_clock):
    start = frozen_clock.current
    sp = _open(session, plain_line(0), "sp_charge")  # due in 24 h
    billing = _open(session, plain_line(1), "billing")  # due in 72 h
    answered = _open(session, plain_line(2), "sp_charge")
    complaints.reply(session, answered.id, "已核实并退费")
    assert complaints.flag_counts(session) == {"near": 0, "overdue": 0, "escalated": 0}

    frozen_clock.current = start + dt.timedelta(hours=17)  # 7 of 24 hours left: not near yet
    assert complaints.check_escalations(session) == []
    frozen_clock.current = start + dt.timedelta(hours=19)  # 5 of 24 hours left: under a quarter
    assert complaints.urgency(Complaint.get_by_id(sp.id)) == "near"
    assert complaints.check_escalations(session) == [sp.complaint_no]  # the manager still has 5 hours
    assert Complaint.get_by_id(sp.id).escalated_at < Complaint.get_by_id(sp.id).deadline_at

    frozen_clock.current = start + dt.timedelta(hours=24, minutes=1)
    assert complaints.check_escalations(session) == []  # the timer fires again: nothing new
    rows = complaints.list_complaints(session)
    assert [(r.complaint_no, r.urgency, r.escalated) for r in rows][:2] == [
        (sp.complaint_no, "overdue", True), (billing.complaint_no, "ok", False)]
    assert complaints.flag_counts(session) == {"near": 0, "overdue": 1, "escalated": 1}
    assert [r.complaint_no for r in complaints.list_complaints(session, escalated_only=True)] \
        == [sp.complaint_no]
    steps = [s.kind for s in complaints.steps(session, sp.id)]
    assert steps == ["opened", "escalated"]
    assert AuditEvent.select().where(AuditEvent.action == "complaint.escalate").count() == 1
    assert Complaint.get_by_id(answered.id).escalated_at is None  # answered in time: never escalates


@pytest.mark.slow
def test_a_headless_terminal_escalates_from_the_command_line(session, db_path, frozen_clock):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    frozen_clock.current = dt.datetime(2020, 1, 6, 9, 0)  # long past by the machine's clock
    late = _open(session, plain_line(), "sp_charge")
    env = {**os.environ, "PYTHONPATH": str(root), "COUNTER_APP_PASSWORD": "123456"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "counter_app", "--db", str(db_path), "complaints", *args],
                              cwd=root, env=env, capture_output=True, text=True, timeout=120)

    first = cli("escalate", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"database": str(db_path), "escalated": [late.complaint_no]}
    assert json.loads(cli("escalate", "--json").stdout)["escalated"] == []
    listed = json.loads(cli("list", "--staff", "1001", "--json").stdout)
    assert [(r["complaint_no"], r["urgency"], r["escalated"]) for r in listed] == [(late.complaint_no, "overdue", True)]
    assert "****" in listed[0]["phone"]


@pytest.mark.slow
def test_two_terminals_escalating_at_once_take_each_complaint_exactly_once(session, db_path, frozen_clock):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    from counter_app.models import Account, ComplaintStep

    root = Path(__file__).resolve().parent.parent
    frozen_clock.current = dt.datetime(2020, 1, 6, 9, 0)  # long past by the machine's clock
    lines = list(Account.select().limit(250))  # more than one batch per terminal
    numbers = {_open(session, line, "sp_charge").complaint_no for line in lines}
    env = {**os.environ, "PYTHONPATH": str(root)}
    command = [sys.executable, "-m", "counter_app", "--db", str(db_path), "complaints", "escalate", "--json"]
    runs = [subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(3)]
    results = [run.communicate(timeout=120) for run in runs]
    assert all(run.returncode == 0 for run in runs), [err for _out, err in results]
    taken = [json.loads(out)["escalated"] for out, _err in results]
    assert sorted(n for part in taken for n in part) == sorted(numbers)  # every one, none twice
    assert ComplaintStep.select().where(ComplaintStep.kind == "escalated").count() == len(numbers)


def test_overdue_counts_replies_after_the_deadline_not_late_closing(session, frozen_clock):
    start = frozen_clock.current
    on_time = _open(session, plain_line(0), "sp_charge")
    late = _open(session, plain_line(1), "sp_charge")
    silent = _open(session, plain_line(2), "sp_charge")
    frozen_clock.advance(hours=2)
    complaints.reply(session, on_time.id, "已处理")
    frozen_clock.advance(hours=30)  # past every deadline
    complaints.close(session, on_time.id, "satisfied")  # closed late, but answered in time
    complaints.reply(session, late.id, "已处理")
    window = (start, start + dt.timedelta(days=2))
    assert complaints.overdue_in_period(session.hall_code, *window) == 2  # the late reply and the silent one
    assert silent.complaint_no and complaints.overdue_in_period(session.hall_code, start + dt.timedelta(days=2),
                                                                start + dt.timedelta(days=3)) == 0
