"""Handset jobs at the demo hall: phonebook copies and repairs, taken in, closed and picked
up (with their charge) on later days.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

from counter_app.ids import uuid7
from counter_app.models import (
    Job,
)
from counter_app.models.base import JSONField
from counter_app.services.demo_rows import Business, Line, Visit
from counter_app.services.demo_state import DayState


def _imei(rng: random.Random) -> str:
    body = f"35{rng.randrange(10**12):012d}"
    total = 0
    for i, ch in enumerate(body):
        digit = int(ch)
        if i % 2:
            digit *= 2
            digit = digit - 9 if digit > 9 else digit
        total += digit
    return body + str((10 - total % 10) % 10)


class Repairs(DayState):
    """Jobs and their steps."""

    def _job(self, day: dt.date, at: dt.datetime, line: Line, kind: str, detail: dict[str, Any],
             order_id: uuid.UUID) -> uuid.UUID:
        job_id = uuid7()
        self.writer.add(Job, id=job_id, hall=self.hall, terminal=self.terminal, created_at=at, hlc="",
                        order_id=order_id, kind=kind, status="open", detail=detail)
        if kind == "repair_intake":
            self.jobs.append({"id": job_id, "line": line, "status": "open", "day": day, "detail": detail})
        return job_id

    def _biz_phonebook(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.line_for(visit)
        if line is None:
            return None
        order_id = uuid7()
        values = {**self._base(line), "handset": self.rng.choice(HANDSETS), "entries": str(self.rng.randrange(40, 400))}
        job_id = self._job(day, at, line, "phonebook", values, order_id)
        return ("phonebook", line, line.customer_id, values, dict(values),
                {"job_id": job_id.hex, "kind": "phonebook", "_order_id": order_id}, 0, "")

    def _biz_repair_intake(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.line_for(visit)
        if line is None:
            return None
        order_id = uuid7()
        imei = _imei(self.rng)
        values = {**self._base(line), "handset": self.rng.choice(HANDSETS), "imei": imei,
                  "fault": self.rng.choice(FAULTS)}
        job_id = self._job(day, at, line, "repair_intake", values, order_id)
        return ("repair_intake", line, line.customer_id, values, dict(values),
                {"job_id": job_id.hex, "kind": "repair_intake", "_order_id": order_id}, 0, "")

    def _job_step(self, day: dt.date, at: dt.datetime, status_before: str, status_after: str,
                  code: str) -> Business | None:
        ready = [j for j in self.jobs if j["status"] == status_before and (day - j["day"]).days >= 2]
        if not ready:
            return None
        job = ready[0]
        order_id = uuid7()
        line = job["line"]
        previous = dict(job["detail"])
        detail = dict(previous)
        fee = 0
        if code == "repair_close":
            charge = self.rng.choice((0, 0, 3000, 8000))
            result = "repaired" if self.rng.random() < 0.85 else "unrepairable"
            detail.update(result=result, charge_fen=charge, note="更换主板" if charge else "软件升级",
                          done_order=str(order_id))
            values = {**self._base(line), "job": job["id"].hex, "result": result, "charge": f"{charge / 100:.2f}",
                      "note": detail["note"]}
            shown = {"phone": line.phone, "job": f"{previous.get('handset', '')} {previous.get('imei', '')}",
                     "result": "已修复" if result == "repaired" else "无法修复", "charge": f"{charge / 100:.2f}",
                     "note": detail["note"]}
        else:
            detail.update(picked_up_order=str(order_id))
            fee = int(previous.get("charge_fen") or 0)
            values = {**self._base(line), "claim": job["id"].hex}
            shown = {"phone": line.phone, "claim": f"{previous.get('handset', '')} {previous.get('imei', '')}"}
        job["status"], job["detail"], job["day"] = status_after, detail, day
        self.writer.later("UPDATE job SET status = ?, detail = ? WHERE id = ?", status_after,
                          JSONField().db_value(detail), job["id"].hex)
        effect = {"job_id": job["id"].hex, "previous_detail": previous, "job_status": status_after,
                  "_order_id": order_id}
        return (code, line, line.customer_id, values, shown, effect, fee, "cash")

    def _biz_repair_close(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        return self._job_step(day, at, "open", "ready", "repair_close")

    def _biz_repair_pickup(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        return self._job_step(day, at, "ready", "picked_up", "repair_pickup")


HANDSETS = ("诺基亚 N73", "诺基亚 6300", "摩托罗拉 V3", "三星 E258", "索尼爱立信 K750c", "联想 i909", "波导 S1000")

FAULTS = ("不开机", "屏幕碎裂", "按键失灵", "充电无反应", "通话无声音", "频繁死机")
