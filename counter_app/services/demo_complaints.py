"""Complaints at the demo hall: taken at the after-sales counter, SP charge disputes with their
advance compensation and claims, and each complaint's life up to now (answered in time
mostly, a few late, some escalated, the newest still open).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from counter_app.ids import uuid7
from counter_app.models import (
    Bill,
    BillItem,
    Complaint,
    ComplaintStep,
    SpClaim,
)
from counter_app.models.rows import tuples
from counter_app.services.demo_rows import Business, Line, Visit, _pick
from counter_app.services.demo_state import DayState

COMPLAINT_TEXTS = {
    "billing": ("上月话费比平时高出许多，怀疑长途费计算有误", "核对长途费并说明"),
    "sp_charge": ("从未订购的手机报每月扣费", "退还费用并退订"),
    "network": ("小区室内信号差，经常掉话", "尽快改善信号"),
    "attitude": ("上次办理业务时营业员态度冷淡", "希望改进服务"),
    "repair": ("送修手机超过一周仍未修好", "尽快修好或更换"),
    "other": ("营业厅停车位不足", "增加停车位"),
}


class Complaints(DayState):
    """Complaint orders, compensations and the complaints' steps."""

    def _biz_complaint(self, day: dt.date, visit: Visit, at: dt.datetime,
                       category: str | None = None) -> Business | None:
        line = self.line_for(visit)
        if line is None:
            return None
        category = category or _pick(self.rng, (("billing", 30), ("network", 25), ("attitude", 12), ("repair", 15),
                                                ("other", 18)))
        order_id = uuid7()
        complaint = self._complaint(day, at, line, category, order_id)
        text, wish = COMPLAINT_TEXTS[category]
        names = {"billing": "计费", "sp_charge": "SP收费", "network": "网络质量", "attitude": "服务态度",
                 "repair": "手机维修", "other": "其他"}
        return ("complaint", line, line.customer_id,
                {**self._base(line), "category": category, "description": text, "wish": wish},
                {"phone": line.phone, "category": names[category], "description": text, "wish": wish},
                {"complaint_id": complaint["id"].hex, "complaint_no": complaint["no"], "_order_id": order_id}, 0, "")

    def _biz_sp_dispute(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: any(c in self.monthly for c in x.subs.values()))
        if line is None:
            return self._biz_complaint(day, visit, at)
        order_id = uuid7()
        sub_hex, code = sorted((k, c) for k, c in line.subs.items() if c in self.monthly)[-1]
        complaint = self._complaint(day, at, line, "sp_charge", order_id,
                                    linked=[{"kind": "sp_subscription", "id": sub_hex, "service_code": code}])
        self.writer.later("UPDATE sp_subscription SET end_date = ? WHERE id = ?", day, sub_hex)
        del line.subs[sub_hex]
        service = self.services[code]
        effect: dict[str, Any] = {"complaint_id": complaint["id"].hex, "complaint_no": complaint["no"],
                  "subscription_id": sub_hex, "stopped_on": day.isoformat(), "_order_id": order_id}
        refund = self._compensate(day, at, line, complaint, code, visit)
        lines = [["停止收费", "Charges stop", f"{day:%Y-%m-%d} 起退订 cancelled"]]
        if refund:
            effect.update(refunded_fen=refund[0], refund_receipt=refund[1], pending_fen=0)
            lines.append(["先行赔付", "Refunded now",
                          f"¥{refund[0] / 100:.2f} 已退至话费账户 to the phone account  收据 {refund[1]}"])
        effect["slip_lines"] = lines
        text = f"未订购{service.name_zh}却被扣费"
        return ("sp_dispute", line, line.customer_id,
                {**self._base(line), "subscription": sub_hex, "description": text, "action": "refund"},
                {"phone": line.phone, "subscription": service.name_zh, "description": text,
                 "action": "退订并当场先行赔付"}, effect, 0, "")

    def _complaint(self, day: dt.date, at: dt.datetime, line: Line, category: str, order_id: uuid.UUID,
                   linked: list[dict[str, str]] | None = None) -> dict[str, Any]:
        from counter_app.services.complaints import deadline_for

        cid = uuid7()
        no = self.number("C", day)
        deadline = deadline_for(self.hall, category, at)
        text, wish = COMPLAINT_TEXTS[category]
        staff = self.staff_now or "2001"
        row = {"id": cid, "no": no, "opened": at, "deadline": deadline, "category": category, "line": line,
               "order_id": order_id, "linked": linked or [], "text": text, "wish": wish, "by": staff}
        self.complaints.append(row)
        self.counts["complaints"] += 1
        return row

    def _compensate(self, day: dt.date, at: dt.datetime, line: Line, complaint: dict[str, Any], code: str,
                    visit: Visit) -> tuple[int, str] | None:
        """先行赔付: the SP charges of the line's last bills refunded as a credit, claimed from the SP."""
        items = list(tuples(BillItem.select(BillItem.id, BillItem.amount_fen, BillItem.sp_code,
                                            BillItem.service_code, Bill.period)
                            .join(Bill).where((Bill.account == line.id) & (BillItem.group == "sp")
                                              & (BillItem.service_code == code))
                            .order_by(Bill.period.desc()).limit(2)))
        items = [i for i in items if i[0] not in self.claimed]  # a charge is claimed at most once
        self.claimed.update(i[0] for i in items)
        if not items:
            return None
        total = sum(int(amount) for _i, amount, *_rest in items)
        pid = self._payment_row(day, at, complaint["by"], None, line, "compensation", "credit", -total,
                                reference=complaint["no"], reason="先行赔付 SP advance compensation")
        receipt = self.day_payments[-1]["receipt_no"]
        for item_id, amount, sp_code, service_code, period in items:
            self.writer.add(SpClaim, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                            complaint_id=complaint["id"], sp_code=sp_code, service_code=service_code, period=period,
                            amount_fen=int(amount), payment_id=pid, approved_by="", bill_item_id=item_id,
                            account_id=line.id, business_date=day)
        complaint["compensated"] = (total, receipt)
        self.audit.append((at, complaint["by"], "complaint.refund", complaint["no"],
                           {"amount_fen": total, "receipt": receipt, "approved_by": "",
                            "items": [i[0] for i in items], "cancelled": [code]}))
        return total, receipt

    def _write_complaints(self) -> None:
        """Each complaint's life up to now: answered in time mostly, a few late, some
        escalated to the manager, the newest still open."""
        rng = self.rng
        w = self.writer
        for n, c in enumerate(self.complaints):
            opened, deadline = c["opened"], c["deadline"]
            window = deadline - opened
            steps = [("opened", opened, c["by"], "")]
            assigned_to, escalated, replied, closed, view = "1003", None, None, None, ""
            steps.append(("assigned", opened + dt.timedelta(minutes=5), c["by"], "1003"))
            late = n % 7 == 3
            escalate = n % 5 == 1 or late
            if escalate:
                escalated = opened + window * 0.8
                assigned_to = "2001"
            if c.get("compensated"):
                total, receipt = c["compensated"]
                steps.append(("compensated", opened + dt.timedelta(minutes=1), c["by"], f"{total / 100:.2f} {receipt}"))
                replied = opened + dt.timedelta(minutes=2)
            else:
                replied = opened + (window * (1.3 if late else rng.uniform(0.2, 0.7)))
            if escalated is not None and escalated <= self.now and (replied is None or escalated < replied):
                steps.append(("escalated", escalated, "", "near deadline"))
            else:
                escalated = None
            if replied > self.now:
                replied = None
            else:
                steps.append(("replied", replied, assigned_to, "已电话回复客户，说明原因并致歉"))
                done = replied + dt.timedelta(hours=rng.uniform(2, 30))
                if done <= self.now:
                    closed = done
                    view = "unsatisfied" if n % 9 == 4 else "satisfied"
                    steps.append(("closed", closed, assigned_to, view))
            status = "closed" if closed else "replied" if replied else "assigned"
            line = c["line"]
            w.add(Complaint, id=c["id"], hall=self.hall, terminal=self.terminal, created_at=opened, hlc="",
                  complaint_no=c["no"], customer_id=line.customer_id, account_id=line.id, phone=line.phone,
                  category=c["category"], description=c["text"], wish=c["wish"], linked=c["linked"], status=status,
                  opened_by=c["by"], opened_at=opened, deadline_at=deadline, assigned_to=assigned_to,
                  escalated_at=escalated, replied_at=replied, closed_at=closed, customer_view=view,
                  order_id=c["order_id"], idempotency_key=None)
            for kind, at, staff, note in steps:
                w.add(ComplaintStep, id=uuid7(), hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                      complaint_id=c["id"], kind=kind, at=at, staff_no=staff, note=note)
                action = {"opened": "complaint.open", "assigned": "complaint.assign", "replied": "complaint.reply",
                          "closed": "complaint.close", "escalated": "complaint.escalate"}.get(kind)
                if action:
                    detail = {"category": c["category"]} if kind == "opened" else {"to": note} if kind == "assigned" \
                        else {"auto": True} if kind == "escalated" else {}
                    self.audit.append((at, staff, action, c["no"], detail))

