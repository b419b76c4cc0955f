"""A scripted business day at the demo hall, written through the models (``Model.create``, so
every row also reaches the sync outbox), and the figures a person works out from it by hand.

The clock is frozen at 16:00 on 2026-11-25 when the script ends. What happened (times hh:mm):

=====  ========  ======  ===============================================================
code   category  issued  life
=====  ========  ======  ===============================================================
A001   payment   09:00   called 09:04 at counter 1 by 1001, finished 09:07
A002   payment   09:02   called 09:10 (1001), recalled 09:12, finished 09:15
B001   general   09:05   called 09:08 at counter 3 by 1002, transferred 09:14 to new_data;
                         called 09:25 at counter 4 by 1003, finished 09:40
A003   payment   09:30   called 09:50 (1001), no-show 09:52, requeued;
                         called 10:05 at counter 2 by 1004, finished 10:08
E001   complaint 10:00   called 10:10 at counter 5 by 1003, no-show 10:12, requeued;
                         called 10:30, no-show 10:32: dropped
A004   payment   15:30   still waiting at 16:00
B002   general   15:45   still waiting at 16:00
V001   vip       15:50   called 15:55 at counter 2 by 1004, being served at 16:00
=====  ========  ======  ===============================================================
"""

from __future__ import annotations

import datetime as dt

from counter_app import clock
from counter_app.models import (
    Account,
    Complaint,
    CounterState,
    Payment,
    Rating,
    ServiceOrder,
    ShiftHandover,
    Ticket,
    TicketEvent,
)

DAY = dt.date(2026, 11, 25)
HALL = "JN001"
PREFIX = {"payment": "A", "general": "B", "new_data": "C", "complaint": "E", "vip": "V"}

# (code, category, issued, [(event, hh:mm, counter, staff, detail)])
SCRIPT = [
    ("A001", "payment", "09:00", [("called", "09:04", 1, "1001", ""), ("finished", "09:07", 1, "1001", "")]),
    ("A002", "payment", "09:02", [("called", "09:10", 1, "1001", ""), ("recalled", "09:12", 1, "1001", "1"),
                                  ("finished", "09:15", 1, "1001", "")]),
    ("B001", "general", "09:05", [("called", "09:08", 3, "1002", ""),
                                  ("transferred", "09:14", 3, "1002", "category=new_data"),
                                  ("called", "09:25", 4, "1003", ""), ("finished", "09:40", 4, "1003", "")]),
    ("A003", "payment", "09:30", [("called", "09:50", 1, "1001", ""), ("noshow", "09:52", 1, "1001", ""),
                                  ("requeued", "09:52", 1, "1001", ""), ("called", "10:05", 2, "1004", ""),
                                  ("finished", "10:08", 2, "1004", "")]),
    ("E001", "complaint", "10:00", [("called", "10:10", 5, "1003", ""), ("noshow", "10:12", 5, "1003", ""),
                                    ("requeued", "10:12", 5, "1003", ""), ("called", "10:30", 5, "1003", ""),
                                    ("noshow", "10:32", 5, "1003", "")]),
    ("A004", "payment", "15:30", []),
    ("B002", "general", "15:45", []),
    ("V001", "vip", "15:50", [("called", "15:55", 2, "1004", "")]),
]
FINAL = {"A001": "done", "A002": "done", "B001": "done", "A003": "done", "E001": "noshow", "A004": "waiting",
         "B002": "waiting", "V001": "called"}


def at(hhmm: str, day: dt.date = DAY) -> dt.datetime:
    hour, minute = map(int, hhmm.split(":"))
    return dt.datetime.combine(day, dt.time(hour, minute))


def script_day(frozen) -> dict[str, Ticket]:
    """Write the day; ``frozen`` is the frozen_clock fixture, left at 16:00."""
    tickets: dict[str, Ticket] = {}
    numbers: dict[str, int] = {}
    for code, category, issued, events in SCRIPT:
        frozen.current = at(issued)
        numbers[category] = int(code[1:])
        ticket = Ticket.create(hall=HALL, business_date=DAY, category=category, number=int(code[1:]), code=code,
                               issued_at=at(issued), queued_at=at(issued), vip=category == "vip")
        TicketEvent.create(hall=HALL, ticket_id=ticket.id, kind="issued", at=at(issued))
        for kind, hhmm, counter, staff, detail in events:
            frozen.current = at(hhmm)
            TicketEvent.create(hall=HALL, ticket_id=ticket.id, kind=kind, at=at(hhmm), counter_number=counter,
                               staff_no=staff, detail=detail)
            if kind == "transferred":
                ticket.category = detail.split("=")[1]
        ticket.status = FINAL[code]
        ticket.save()
        tickets[code] = ticket
    frozen.current = at("16:00")
    CounterState.create(hall=HALL, counter_number=1, status="open", staff_no="1001", since=at("10:00"))
    CounterState.create(hall=HALL, counter_number=2, status="open", staff_no="1004",
                        current_ticket=tickets["V001"].id, since=at("15:55"))
    CounterState.create(hall=HALL, counter_number=5, status="paused", staff_no="1003", since=at("10:40"))

    orders = [("1001", "pay_bill", 0, "done"), ("1001", "pay_bill", 0, "done"), ("1001", "invoice", 0, "done"),
              ("1003", "sim_replace", 2000, "done"), ("1004", "pay_bill", 0, "done"),
              ("1004", "new_subscription", 2000, "voided")]
    for i, (staff, business, fee, status) in enumerate(orders):
        ServiceOrder.create(hall=HALL, order_no=f"OJN001T{i:03d}", business_date=DAY, business_code=business,
                            staff_no=staff, fee_fen=fee, status=status, idempotency_key=f"day-order-{i}")
    payments = [("1001", "payment", "cash", 5000), ("1001", "payment", "cash", 3000), ("1004", "payment", "pos", 10000),
                ("1001", "reversal", "cash", -3000), ("1003", "fee", "cash", 2000), ("1003", "refund", "credit", -1000)]
    line = Account.select().order_by(Account.phone).first()  # every payment is for one customer's line
    made: list[Payment] = []
    for i, (staff, kind, method, amount) in enumerate(payments):
        made.append(Payment.create(
            hall=HALL, receipt_no=f"RJN001T{i:03d}", business_date=DAY, staff_no=staff, kind=kind, method=method,
            amount_fen=amount, idempotency_key=f"day-pay-{i}", account_id=line.id, phone=line.phone,
            reverses_id=made[1].id if kind == "reversal" else None))
    ShiftHandover.create(hall=HALL, business_date=DAY, staff_no="1001", expected_cash_fen=5000,
                         counted_cash_fen=5000, note="")
    # Complaints: one opened today, one overdue since yesterday, one closed today.
    Complaint.create(hall=HALL, complaint_no="CJN001T1", category="billing", description="话费有疑问",
                     opened_by="1003", opened_at=at("10:15"), deadline_at=at("10:15", DAY + dt.timedelta(days=15)))
    Complaint.create(hall=HALL, complaint_no="CJN001T2", category="sp_charge", description="SP扣费",
                     opened_by="1003", opened_at=at("09:00", DAY - dt.timedelta(days=5)),
                     deadline_at=at("09:00", DAY - dt.timedelta(days=1)), escalated_at=at("09:30"))
    Complaint.create(hall=HALL, complaint_no="CJN001T3", category="network", description="信号差",
                     opened_by="1002", opened_at=at("09:00", DAY - dt.timedelta(days=10)),
                     deadline_at=at("09:00", DAY + dt.timedelta(days=5)), status="closed", closed_at=at("11:00"))
    for staff, score in (("1001", 5), ("1001", 4), ("1003", 2), ("1004", 5)):
        Rating.create(hall=HALL, staff_no=staff, score=score)
    clock.now()  # the clock stays at 16:00 for whatever reads it next
    return tickets


# What a person counts from the script above (minutes).
# Services: A001 wait 4 / service 3; A002 wait 8 / 5 (the recall at 09:12 moves nothing: the
# service runs from the first call); B001 in general wait 3 / 6, then in new_data wait 11
# (09:14 → 09:25) / 15; A003 wait 35 (from issue, the requeue keeps the clock) / 3.
# Waits 3, 4, 8, 11, 35; services 3, 3, 5, 6, 15.
EXPECTED_BOARD = {
    "waiting": "2", "longest": "30.0", "served": "5", "avg_wait": "12.2", "avg_service": "6.4",
    "within": "80.0%", "satisfaction": "75.0%",
}
# category rows of the print-out: issued, served, no-show, waiting, avg wait, P90 wait, avg service,
# P90 service, within target (payment's target is 10 min: A003 missed it)
EXPECTED_CATEGORIES = {
    "缴费 (目标 10)": "4 3 0 1 15.7 35.0 3.7 5.0 66.7%",
    "综合业务 (目标 15)": "2 1 0 1 3.0 3.0 6.0 6.0 100.0%",
    "新业务与数据业务 (目标 15)": "0 1 0 0 11.0 11.0 15.0 15.0 100.0%",
    "投诉与售后 (目标 20)": "1 0 1 0 — — — — —",
    "俱乐部会员 (目标 5)": "1 0 0 0 — — — — —",
    "合计": "8 5 1 2 12.2 35.0 6.4 15.0 80.0%",
}
# per clerk: served, businesses done (voided ones not), service total, average service, idle while customers waited, ratings, average score.
# 1001 idles 09:07–09:10 (A002 waiting) and 09:15–09:50 while B001 (09:15–09:25) and A003
# (09:30–09:50) waited: 3 + 10 + 20 = 33. 1003 idles 09:40–10:10 while A003 (09:40–09:50, then
# requeued 09:52–10:05) and E001 (10:00–10:10) waited: 10 + 18, and 10:12–10:30 while E001 waited
# again: 18; 46 in all. Only the gaps between a clerk's own calls count.
EXPECTED_CLERKS = {
    "1001 王芳": "2 缴费 2，开票申请 1 8.0 4.0 33.0 2 4.50",
    "1002 李强": "1 — 6.0 6.0 0.0 0 —",
    "1003 张丽": "1 补换卡 1 15.0 15.0 46.0 1 2.00",
    "1004 刘洋": "1 缴费 1 3.0 3.0 0.0 1 5.00",
}


def signed_in_manager():
    """A session at the hall with the manager 2001 signed in (reports are the manager's)."""
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    session = open_session(counter_number=6)
    session.staff = Staff.get_by_id("2001")
    return session
