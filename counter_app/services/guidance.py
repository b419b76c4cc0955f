"""Consumption guidance (消费引导): which plan of the catalogue would have cost a line least.

The plan specialists (套餐小专家) guide each customer to the plan that fits their use. For one
line this takes its detailed usage of the last three months that have any (voice minutes by
kind, messages, data), rates it under every active plan with the bill run's own rating rule
(:func:`services.billrun.rate`: the plan's allowance first, then its rates) and adds each
plan's monthly fee. SP information fees do not depend on the plan and are left out of the
comparison. A plan is recommended only when it would have cost less than the current plan
over the same months, by at least :data:`MIN_SAVING_FEN` a month on average; the saving and a
sentence a clerk can read aloud come with it.

Hot path: one prepared statement on the usage index ``(account, period, started_at)``; the
rating is plain arithmetic. Well under 20 ms for a line at a million customers
(benchmarks/bench_guidance.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counter_app.errors import NotFound
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.ids import RawId
from counter_app.models import TariffPlan, db
from counter_app.money import format_yuan
from counter_app.services.billrun import rate
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session
from counter_app.services.validation import normalize_phone

MONTHS = 3
MIN_SAVING_FEN = 500  # 5 yuan a month: below that a plan change is not worth the customer's time

_PLAN_COLUMNS = ("code", "name_zh", "name_en", "monthly_fee_fen", "voice_minutes", "sms_included", "data_mb",
                 "local_per_min_fen", "long_per_min_fen", "roam_per_min_fen", "sms_fen", "data_per_mb_fen", "active")
_PLANS = f"SELECT {', '.join(_PLAN_COLUMNS)} FROM tariff_plan"
_LINE = "SELECT id, phone, plan_id FROM account WHERE phone = ?"
_PERIODS = ("SELECT DISTINCT period FROM usage_record WHERE account_id = ? ORDER BY period DESC LIMIT ?")
_RECORDS = ("SELECT id, kind, subtype, direction, duration_s, volume_kb, period FROM usage_record "
            "WHERE account_id = ? AND period >= ? AND period <= ? ORDER BY period, started_at, id")


def _sql(text: str) -> str:
    """The statement in the database's placeholder style (``?`` on a terminal's SQLite,
    ``%s`` on the hub's PostgreSQL, where the demo build and hub-side bills run it too)."""
    return text if db.param == "?" else text.replace("?", db.param)


@dataclass(frozen=True)
class Plan:
    """A plan's rating terms, as :func:`services.billrun.rate` reads them."""

    code: str
    name_zh: str
    name_en: str
    monthly_fee_fen: int
    voice_minutes: int
    sms_included: int
    data_mb: int
    local_per_min_fen: int
    long_per_min_fen: int
    roam_per_min_fen: int
    sms_fen: int
    data_per_mb_fen: int
    active: bool


@dataclass(frozen=True)
class Line:
    id: RawId  # the account id as the driver gives it
    phone: str
    plan_code: str


@dataclass(frozen=True)
class Usage:
    """A month's use, in the units a customer knows."""

    period: str
    local_min: int
    long_min: int
    roam_min: int
    sms: int
    data_mb: int


@dataclass(frozen=True)
class PlanCost:
    code: str
    name: str
    monthly_fee_fen: int
    total_fen: int  # the months together: monthly fees and usage charges


@dataclass(frozen=True)
class Recommendation:
    phone: str
    periods: tuple[str, ...]
    usage: tuple[Usage, ...]
    current: PlanCost
    costs: tuple[PlanCost, ...]  # every active plan, cheapest first
    best: PlanCost | None  # None: the current plan is already the cheapest that fits
    saving_month_fen: int  # average saving a month with ``best`` (0 without one)
    reason: str  # what the clerk reads aloud, in the session's language

    def as_dict(self) -> dict[str, Any]:
        return {
            "phone": self.phone, "periods": list(self.periods),
            "current": {"code": self.current.code, "name": self.current.name, "cost_fen": self.current.total_fen},
            "recommended": None if self.best is None else {
                "code": self.best.code, "name": self.best.name, "cost_fen": self.best.total_fen,
                "saving_month_fen": self.saving_month_fen},
            "plans": [{"code": c.code, "name": c.name, "cost_fen": c.total_fen} for c in self.costs],
            "reason": self.reason,
        }


def _usage(period: str, records: list[tuple[Any, ...]]) -> Usage:
    minutes = {"local": 0, "long": 0, "roam": 0}
    sms = kb = 0
    for _id, kind, subtype, direction, seconds, volume_kb in records:
        if kind == "call" and (direction == "out" or subtype == "roam"):
            minutes[subtype if subtype in minutes else "local"] += -(-seconds // 60)
        elif kind == "sms" and direction == "out":
            sms += 1
        elif kind == "data":
            kb += volume_kb
    return Usage(period, minutes["local"], minutes["long"], minutes["roam"], sms, -(-kb // 1024))


def plan_cost(plan: Plan | TariffPlan, months: list[list[tuple[Any, ...]]]) -> int:
    """What ``plan`` would have cost for these months' records: fees plus usage charges."""
    return sum(plan.monthly_fee_fen + sum(rate(plan, records)[0].values()) for records in months)


def compare(line: Line, lang: str) -> Recommendation:
    """The comparison for ``line`` (read by the caller, who checked the clerk). Plain SQL on
    the usage index: the query builder would cost more than the rating (docs/guidance.md)."""
    periods = [row[0] for row in db.execute_sql(_sql(_PERIODS), (line.id, MONTHS)).fetchall()][::-1]
    by_period: dict[str, list[tuple[Any, ...]]] = {p: [] for p in periods}
    if periods:
        for row in db.execute_sql(_sql(_RECORDS), (line.id, periods[0], periods[-1])).fetchall():
            by_period[row[6]].append(row[:6])
    months = [by_period[p] for p in periods]
    every = [Plan(*row) for row in db.execute_sql(_PLANS).fetchall()]
    plans = [p for p in every if p.active or p.code == line.plan_code]
    current_plan = next(p for p in every if p.code == line.plan_code)

    def cost(plan: Plan) -> PlanCost:
        return PlanCost(plan.code, pick(lang, plan.name_zh, plan.name_en), plan.monthly_fee_fen,
                        plan_cost(plan, months))

    costs = sorted((cost(p) for p in plans), key=lambda c: (c.total_fen, c.monthly_fee_fen, c.code))
    current = next(c for c in costs if c.code == current_plan.code)
    usage = tuple(_usage(p, r) for p, r in zip(periods, months, strict=True))
    best = costs[0] if periods and costs[0].code != current.code else None
    saving = (current.total_fen - best.total_fen) // len(periods) if best else 0
    if best is not None and saving < MIN_SAVING_FEN:
        best, saving = None, 0
    return Recommendation(line.phone, tuple(periods), usage, current, tuple(costs), best, saving,
                          _reason(lang, usage, current, best, saving))


def _reason(lang: str, usage: tuple[Usage, ...], current: PlanCost, best: PlanCost | None, saving: int) -> str:
    if not usage:
        return pick(lang, "近三个月没有使用记录，暂不推荐套餐。", "No use in the last three months: no plan to suggest.")
    n = len(usage)
    minutes = sum(u.local_min + u.long_min + u.roam_min for u in usage) // n
    sms = sum(u.sms for u in usage) // n
    data = sum(u.data_mb for u in usage) // n
    used = pick(lang, f"您近{n}个月平均每月通话{minutes}分钟、短信{sms}条、上网{data}MB",
                f"Over the last {n} months you used on average {minutes} minutes, {sms} messages and {data} MB "
                "a month")
    if best is None:
        return pick(lang, f"{used}，现在的{current.name}已是最省钱的套餐。",
                    f"{used}; your {current.name} is already the cheapest plan for that.")
    return pick(lang, f"{used}，改用{best.name}每月可省约{format_yuan(saving)}元。",
                f"{used}; {best.name} would save you about {format_yuan(saving)} yuan a month.")


def recommend(session: Session, phone: str) -> Recommendation:
    """The plan specialist's comparison for a line, in the session's language."""
    require(session, Permission.SERVE)
    number = normalize_phone(phone)
    row = db.execute_sql(_sql(_LINE), (number,)).fetchone()
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer has the number {phone}."), phone=number)
    return compare(Line(*row), session.lang)
