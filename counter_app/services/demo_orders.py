"""The demo hall's business orders of the lines themselves: statements, PUK codes, SIM
replacements, suspensions and losses, plan changes, SP subscriptions, value cards and
invoices, each with the fields, effect data, fee and audit of ``services.orders``; and the
manager's occasional void.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

from counter_app.ids import uuid7
from counter_app.models import (
    ServiceOrder,
    SimCard,
    SpSubscription,
    TariffPlan,
    ValueCardSale,
)
from counter_app.models.regulatory import InvoiceRequest
from counter_app.services.demo_payments import METHODS_LOCAL
from counter_app.services.demo_rows import Business, Line, Segment, Visit, _pick, _shift
from counter_app.services.demo_state import DayState

# A business's maker: ``_biz_<code>(day, visit, at)``, None when no visitor's line suits it.
Maker = Callable[[dt.date, Visit, dt.datetime], Business | None]


class Orders(DayState):
    """One order per served visit that did not pay a bill, made by the business's maker."""

    def _order(self, day: dt.date, visit: Visit, seg: Segment, at: dt.datetime, kind: str) -> uuid.UUID:
        biz = self.business.get(kind)
        role, specs = self.specialties.get(seg.staff, ("clerk", set()))
        if biz is not None and biz.restricted and role != "manager" and biz.specialty not in specs:
            kind = "statement_print"  # only a specialist (or a manager) does it
        maker: Maker | None = getattr(self, f"_biz_{kind}", None)
        self.staff_now = seg.staff
        self.remote_ok = bool(self.business[kind].remote_allowed) if kind in self.business else False
        made = maker(day, visit, at) if maker else None
        if made is None:
            self.remote_ok = bool(self.business["statement_print"].remote_allowed)
            made = self._biz_statement_print(day, visit, at)
        if made is None:  # not one of 40 visitors has a line of the hall's city (its customers mostly do)
            raise RuntimeError(f"no line for an order of {kind} on {day}")
        code, line, customer_id, values, shown, effect, fee, fee_method = made
        biz = self.business[code]
        order_id = effect.pop("_order_id", None) or uuid7()
        order_no = self.number("S", day)
        display: list[tuple[str, str, Any]] = []
        for spec in biz.fields or []:
            name = spec["name"]
            if name in shown:
                display.append((spec["label_zh"], spec.get("label_en") or spec["label_zh"], shown[name]))
        started = seg.called + dt.timedelta(seconds=30)
        self.writer.add(ServiceOrder, id=order_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        order_no=order_no, business_date=day, business_code=code, staff_no=seg.staff,
                        counter_number=seg.counter, customer_id=customer_id, account_id=line.id if line else None,
                        ticket_id=visit.ticket_id if visit.number else None,
                        fields={"values": values, "display": display},
                        effect_data=effect, fee_fen=fee, fee_method=fee_method if fee else "",
                        id_checked=bool(biz.real_name_required), status="done", signature_png=None,
                        idempotency_key=f"demo-{order_id.hex}", started_at=started, voided_at=None, voided_by="",
                        void_reason="", prints=1)
        if fee:
            self._payment_row(day, at, seg.staff, seg.counter, line, "fee", fee_method, fee, order=order_id,
                              tendered=fee if fee_method == "cash" else None, change=0 if fee_method == "cash" else None,
                              reference=self._reference(fee_method))
        if code in VERIFIED and line is not None:  # the subscriber showed their ID card first
            self.audit.append((at - dt.timedelta(minutes=1), seg.staff, "subscriber.verify", line.phone,
                               {"method": "id_document", "business": code}))
        self.audit.append((at, seg.staff, "order.create", order_no,
                           {"business": code, "fee_fen": fee, "account": str(line.id) if line else ""}))
        self.day_orders.append((day, order_id, order_no, code, at))
        self.counts["orders"] += 1
        return order_id

    def _base(self, line: Line) -> dict[str, Any]:
        return {"phone": line.phone}

    def _biz_statement_print(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.line_for(visit)
        if line is None:
            return None
        month = _shift(f"{day:%Y-%m}", -1)
        return ("statement_print", line, line.customer_id, {**self._base(line), "month": month},
                {"phone": line.phone, "month": month}, {}, 0, "")

    def _biz_puk_unlock(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "active" and bool(x.sims))
        if line is None:
            return None
        return ("puk_unlock", line, line.customer_id, {**self._base(line), "sim_serial": line.sims[-1]},
                {"phone": line.phone, "sim_serial": line.sims[-1]}, {"sim_serial": line.sims[-1]}, 0, "")

    def _new_serial(self) -> str:
        self.sims += 1
        return f"89860112{self.rng.randrange(10**11):011d}{self.sims % 10}"

    def _biz_sim_replace(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status in ("active", "lost") and bool(x.sims))
        if line is None:
            return None
        serial = self._new_serial()
        reason = "lost" if line.status == "lost" else self.rng.choice(("damaged", "upgrade"))
        old, retired_ids = list(line.sims), list(line.sim_ids)
        new_id = uuid7()
        for sim_hex in retired_ids:
            self.writer.later("UPDATE sim_card SET status = 'retired', retired_at = ? WHERE id = ?", at, sim_hex)
        self.writer.add(SimCard, id=new_id, account=line.id, serial=serial, status="active", issued_at=at,
                        retired_at=None, puk=f"{self.rng.randrange(10**8):08d}")
        before = line.status
        line.status, line.sims, line.sim_ids = "active", [serial], [new_id.hex]
        if before != "active":
            self.writer.later("UPDATE account SET status = 'active' WHERE id = ?", line.id.hex)
        names = {"lost": "丢失", "damaged": "损坏", "upgrade": "换卡升级"}
        effect = {"retired_ids": retired_ids, "retired_serials": old, "new_sim_id": new_id.hex,
                  "new_serial": serial, "previous_status": before, "status": "active"}
        return ("sim_replace", line, line.customer_id, {**self._base(line), "old_sim": old[-1] if old else "",
                                                        "sim_serial": serial, "reason": reason},
                {"phone": line.phone, "old_sim": old[-1] if old else "", "sim_serial": serial, "reason": names[reason]},
                effect, self.business["sim_replace"].fee_fen,
                _pick(self.rng, METHODS_LOCAL) if line.home_city == self.city else "cash")

    def _status(self, day: dt.date, at: dt.datetime, line: Line, code: str, target: str, shown_extra: dict[str, Any],
                values_extra: dict[str, Any]) -> Business:
        before = line.status
        line.status = target
        self.writer.later("UPDATE account SET status = ? WHERE id = ?", target, line.id.hex)
        effect = {"previous_status": before, "status": target}
        if line.sims:
            effect["sim_serial"] = line.sims[-1]
        return (code, line, line.customer_id, {**self._base(line), **values_extra},
                {"phone": line.phone, **shown_extra}, effect, 0, "")

    def _biz_suspend(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "active")
        if line is None:
            return None
        return self._status(day, at, line, "suspend", "suspended", {"reason": "外出停机保号"}, {"reason": "travel"})

    def _biz_resume(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "suspended", tries=len(self.lines))
        if line is None:
            return None
        return self._status(day, at, line, "resume", "active", {}, {})

    def _biz_loss_report(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "active" and bool(x.sims))
        if line is None:
            return None
        return self._status(day, at, line, "loss_report", "lost", {"lost_at": f"{day:%m月%d日} 公交车上"},
                            {"lost_at": f"{day:%m月%d日} 公交车上"})

    def _biz_loss_cancel(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "lost", tries=len(self.lines))
        if line is None:
            return None
        shown = {"sim_serial": line.sims[-1] if line.sims else ""}
        return self._status(day, at, line, "loss_cancel", "active", shown, dict(shown))

    def _biz_plan_change(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "active" and x.next_plan is None)
        if line is None:
            return None
        others = [p for p in self.plans if p != line.plan]
        to = self.rng.choice(others)
        effective = _shift(f"{day:%Y-%m}", 1)
        effect = {"previous_next_plan": None, "previous_next_from": "", "from_plan": line.plan, "to_plan": to,
                  "effective": effective}
        line.next_plan, line.next_from = to, effective
        self.writer.later("UPDATE account SET next_plan_id = ?, next_plan_from = ? WHERE id = ?", to, effective,
                          line.id.hex)
        names = self._plan_names()
        return ("plan_change", line, line.customer_id, {**self._base(line), "current_plan": names[line.plan],
                                                        "plan": to, "effective": effective},
                {"phone": line.phone, "current_plan": names[line.plan], "plan": names[to], "effective": effective},
                effect, 0, "")

    def _plan_names(self) -> dict[str, str]:
        if not hasattr(self, "_names"):
            self._names = {p.code: p.name_zh for p in TariffPlan.select()}
        return self._names

    def _biz_sp_subscribe(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "active" and not set(self.monthly) <= set(x.subs.values()))
        if line is None:
            return None
        code = self.rng.choice([c for c in self.monthly if c not in line.subs.values()])
        sub_id = uuid7()
        self.writer.add(SpSubscription, id=sub_id, account=line.id, service=code, start_date=day, end_date=None)
        line.subs[sub_id.hex] = code
        service = self.services[code]
        return ("sp_subscribe", line, line.customer_id, {**self._base(line), "service": code},
                {"phone": line.phone, "service": f"{service.name_zh} {service.monthly_fee_fen // 100}元/月"},
                {"subscription_id": sub_id.hex, "service": code}, 0, "")

    def _biz_sp_cancel(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: bool(x.subs))
        if line is None:
            return None
        sub_hex, code = sorted(line.subs.items())[0]
        self.writer.later("UPDATE sp_subscription SET end_date = ? WHERE id = ?", day, sub_hex)
        del line.subs[sub_hex]
        service = self.services[code]
        return ("sp_cancel", line, line.customer_id, {**self._base(line), "subscription": sub_hex},
                {"phone": line.phone, "subscription": service.name_zh},
                {"subscription_id": sub_hex, "service": code, "end_date": day.isoformat()}, 0, "")

    def _biz_value_card(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.line_for(visit)
        if line is None:
            return None
        face = self.rng.choice((5000, 10000, 10000, 30000))
        count = self.rng.choice((1, 1, 1, 2))
        order_id = uuid7()
        serials = []
        for _ in range(count):
            self.cards += 1
            serial = f"YJK{day:%y%m}{self.cards:06d}"
            serials.append(serial)
            self.writer.add(ValueCardSale, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            order_id=order_id, serial=serial, face_value_fen=face, status="sold")
        return ("value_card", line, line.customer_id, {"face_value": str(face), "serials": serials},
                {"face_value": f"{face // 100}元", "serials": "，".join(serials)},
                {"serials": serials, "face_value_fen": face, "_order_id": order_id}, face * count,
                _pick(self.rng, (("cash", 70), ("pos", 30))))

    def _biz_invoice(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        month = f"{day:%Y-%m}"
        candidates = [(key, paid) for key, paid in self.paid_here.items()
                      if key[1] == month and key not in self.invoiced and paid
                      and self.by_id[key[0]].home_city == self.city]
        if not candidates:
            return None
        (aid, _month), paid = candidates[self.rng.randrange(len(candidates))]
        line = self.by_id[aid]
        self.invoiced.add((aid, month))
        amount = sum(a for _p, a in paid)
        request_id, order_id = uuid7(), uuid7()
        request_no = self.number("I", day)
        self.writer.add(InvoiceRequest, id=request_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        request_no=request_no, order_id=order_id, account_id=aid, phone=line.phone, period=month,
                        buyer_type="person", title=line.name, tax_id="", amount_fen=amount,
                        payment_ids=[p.hex for p, _a in paid], status="requested", staff_no=self.staff_now,
                        exported_at=None)
        self.audit.append((at, self.staff_now, "invoice.request", request_no, {"amount_fen": amount, "period": month,
                                                                  "payments": len(paid), "buyer": "person"}))
        return ("invoice", line, line.customer_id,
                {**self._base(line), "month": month, "buyer_type": "person", "title": line.name, "tax_id": ""},
                {"phone": line.phone, "month": month, "buyer_type": "个人", "title": line.name},
                {"request_id": request_id.hex, "request_no": request_no, "amount_fen": amount,
                 "payments": [p.hex for p, _a in paid], "_order_id": order_id}, 0, "")

    def _voids(self, day: dt.date, until: dt.datetime | None) -> None:
        """Now and then a manager voids a statement print of the day (the wrong month)."""
        if until is not None or self.rng.random() > 0.25:
            return
        mine = [o for o in self.day_orders if o[3] == "statement_print"]
        if not mine:
            return
        _day, order_id, order_no, _code, at = mine[-1]
        when = at + dt.timedelta(minutes=3)
        self.writer.later("UPDATE service_order SET status = 'voided', voided_at = ?, voided_by = '2001', "
                          "void_reason = ? WHERE id = ?", when, "打印月份选错，客户要求重打", order_id.hex)
        self.audit.append((when, "2001", "order.void", order_no, {"reason": "打印月份选错，客户要求重打",
                                                                  "business": "statement_print"}))


# Businesses done for the line's verified subscriber only (services.verification).
VERIFIED = ("puk_unlock", "sim_replace", "loss_report", "sp_subscribe", "transfer")
