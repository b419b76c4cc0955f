"""The demo hall's payments: bill payments at the counter (the lines due that month), fees of
orders, the odd same-day reversal, and each clerk's drawer counted at the end of the day.
"""

from __future__ import annotations

import datetime as dt
import uuid

from counter_app.ids import uuid7
from counter_app.models import (
    Payment,
    ShiftHandover,
)
from counter_app.services.demo_rows import Line, Segment, Visit, _pick
from counter_app.services.demo_state import DayState

REVERSAL_REASONS = ("金额输错，客户当场发现", "客户改用银行卡支付", "号码输错")
HANDOVER_NOTES = ("找零少收一元硬币", "一张五十元假币已上交")
METHODS_LOCAL = (("cash", 56), ("pos", 30), ("card", 14))


class Payments(DayState):
    """Payment rows, reversals and the end-of-day handovers."""

    def _payment_row(self, day: dt.date, at: dt.datetime, staff: str, counter: int | None, line: Line | None,
                     kind: str, method: str, amount: int, *, tendered: int | None = None, change: int | None = None,
                     reference: str = "", reverses: uuid.UUID | None = None, order: uuid.UUID | None = None,
                     reason: str = "", phone: str = "") -> uuid.UUID:
        letter = {"payment": "R", "fee": "F", "reversal": "X", "compensation": "D", "refund": "D"}[kind]
        pid = uuid7()
        receipt = self.number(letter, day)
        if line is not None and kind in ("payment", "reversal", "compensation", "refund"):
            # As ledger.payment_effect: a reversal here only ever reverses a bill payment.
            self.pending_effect[line.id] = self.pending_effect.get(line.id, 0) + (
                -amount if kind in ("compensation", "refund") else amount)
        self.day_payments.append({"id": pid, "receipt_no": receipt, "staff_no": staff, "kind": kind, "method": method,
                                  "amount_fen": amount, "line": line, "counter": counter, "at": at,
                                  "reverses": reverses})
        self.writer.add(Payment, id=pid, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        receipt_no=receipt, business_date=day, staff_no=staff,
                        account_id=line.id if line else None, phone=line.phone if line else phone, kind=kind,
                        method=method, amount_fen=amount, tendered_fen=tendered, change_fen=change,
                        reference=reference, reverses_id=reverses, order_id=order, counter_number=counter,
                        reason=reason, idempotency_key=f"demo-{pid.hex}")
        self.counts["payments"] += 1
        return pid

    def _method(self, line: Line) -> str:
        return "remote" if line.home_city != self.city else _pick(self.rng, METHODS_LOCAL)

    def _reference(self, method: str) -> str:
        if method == "pos":
            return f"{self.rng.randrange(10**11, 10**12)}"
        if method == "card":
            return f"JF{self.rng.randrange(10**9, 10**10)}"
        return ""

    def _pay(self, day: dt.date, visit: Visit, seg: Segment, at: dt.datetime,
             pool: list[tuple[uuid.UUID, int]]) -> None:
        """A bill payment: a line due to pay this month's bill, else a top-up."""
        rng = self.rng
        line, amount = None, 0
        if pool and day.day >= 4:  # bills are issued on the 3rd
            aid, amount = pool.pop()
            line = self.by_id[aid]
        if line is None or amount <= 0:
            line = visit.line or self.visitor()
            amount = rng.choice((3000, 5000, 5000, 10000, 10000, 20000))
        method = self._method(line)
        tendered = change = None
        if method in ("cash", "remote"):
            step = 1000 if amount < 5000 else 5000
            tendered = -(-amount // step) * step
            change = tendered - amount
        pid = self._payment_row(day, at, seg.staff, seg.counter, line, "payment", method, amount, tendered=tendered,
                                change=change, reference=self._reference(method))
        self.paid_here.setdefault((line.id, f"{day:%Y-%m}"), []).append((pid, amount))

    def _reversals(self, day: dt.date, until: dt.datetime | None) -> None:
        """Every third day or so a payment is reversed the same day (by 1004, who may; else
        the manager authorises it)."""
        if until is not None or self.rng.random() > 0.35:
            return
        taken = [p for p in self.day_payments if p["kind"] == "payment"]
        if not taken:
            return
        original = self.rng.choice(taken)
        at = original["at"] + dt.timedelta(minutes=self.rng.randrange(2, 9))
        by = original["staff_no"]
        reason = self.rng.choice(REVERSAL_REASONS)
        rid = self._payment_row(day, at, by, original["counter"], original["line"], "reversal", original["method"],
                                -original["amount_fen"], reference=original["receipt_no"], reverses=original["id"],
                                reason=reason)
        approver = by if by == "1004" else "2001"
        self.audit.append((at, by, "payment.reverse", original["receipt_no"],
                           {"amount_fen": -original["amount_fen"], "method": original["method"], "reason": reason,
                            "reverses": str(original["id"]), "approved_by": approver, "reversal": rid.hex}))
        for paid in self.paid_here.values():
            paid[:] = [(p, a) for p, a in paid if p != original["id"]]

    def _handovers(self, day: dt.date, staff: list[str]) -> None:
        """Each clerk counts the drawer at the end of the day: what the drawer methods took,
        less what was given back from it (settlement.drawer_cash_since_last_handover)."""
        by_id = {p["id"]: p for p in self.day_payments}
        cash: dict[str, int] = {}
        for p in self.day_payments:
            if p["method"] not in ("cash", "remote"):
                continue
            owner = p["staff_no"]
            if p["kind"] == "reversal" and p["reverses"] in by_id:
                owner = by_id[p["reverses"]]["staff_no"]
            cash[owner] = cash.get(owner, 0) + p["amount_fen"]
        for staff_no in staff:
            expected = cash.get(staff_no, 0)
            counted, note = expected, ""
            if self.rng.random() < 0.06:
                note = self.rng.choice(HANDOVER_NOTES)
                counted = expected - (100 if "一元" in note else 5000)
            at = self.at(day, self.closes + self.rng.randrange(2, 12))
            self.writer.add(ShiftHandover, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            business_date=day, staff_no=staff_no, expected_cash_fen=expected,
                            counted_cash_fen=counted, note=note, idempotency_key=None)
            self.audit.append((at, staff_no, "shift.handover", staff_no,
                               {"expected_fen": expected, "counted_fen": counted,
                                "difference_fen": counted - expected}))

