"""The monthly bill run: every line's bill for a month that is over, written as the ledger's
statement for the month. Run at the hub (``counter-app hub bill-run``; a single-PC hall runs it
on its own file) and by the demo for its months. Terminals pull the bills, the lines and the
ledger like any other reference data.

One run of month M, in this order (docs/billing.md):

1. the orders the halls pushed are brought into the lines: plan changes (the line's pending
   plan and its month), SP subscriptions and cancellations, and the voids of those orders,
   each once (``applied_order``, keyed by the order's hall and id);
2. plan changes due by M take effect (a run that was missed catches up);
3. each line active in M is billed: its monthly fee under the plan in force in M, its usage
   rated under that plan (allowances used up in time order; each detailed record gets its
   fee, so the records add up to the bill's items), every SP service subscribed on any day of
   M, and the plan's discount; or, with ``--import``, the items of the operator's bill file;
4. plan changes due on the first of M+1 take effect: the lines show the new plan from then.

A bill is written by :func:`write_bill`: the bill, its items, the charge of their total in the
account's ledger and the cached balance, in one transaction. A line already billed for M is
left alone, so a run that stopped half-way is simply run again.
"""

from __future__ import annotations

import calendar
import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from peewee import JOIN, IntegrityError

from counter_app import clock
from counter_app.errors import Conflict, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import as_uuid, uuid7
from counter_app.models import (
    Account,
    Bill,
    BillItem,
    BusinessType,
    ServiceOrder,
    SpService,
    SpSubscription,
    TariffPlan,
    UsageRecord,
    db,
)
from counter_app.models.base import _insert_sql, insert_values
from counter_app.models.billing import BILL_GROUPS
from counter_app.models.billrun import AppliedOrder, BillRun
from counter_app.models.rows import tuples
from counter_app.services import ledger
from counter_app.services.bill_import import read_bill_file
from counter_app.services.bill_writer import BillSpec, ItemSpec, id_list, write_bills
from counter_app.services.statements import parse_month

Progress = Callable[[str, int, int], None]


CHUNK = 500
# Plans of 88 yuan a month and more carry the 如意千万家 family discount.
FAMILY_DISCOUNT_FROM_FEN = 8800
FAMILY_DISCOUNT_FEN = 500


@dataclass
class BillRunResult:
    month: str
    source: str
    billed: int = 0
    already: int = 0  # lines that had their bill of the month already
    total_fen: int = 0
    orders_applied: int = 0
    plans_changed: int = 0
    suspended: int = 0  # lines suspended for arrears (owing more than their hall's limit)
    records_rated: int = 0


def write_bill(account_id: uuid.UUID, period: str, plan_code: str, items: list[ItemSpec], *,
               issued_at: dt.datetime | None = None) -> Bill:
    """Write the bill of ``period`` for an account: its items, one charge of their total in
    the ledger (the statement of the month shows it) and the cached balance, in one
    transaction. A second bill for the same month is refused (Conflict).

    The statements are made once per table (``models.base``): the run writes thousands."""
    for item in items:
        if isinstance(item.amount_fen, bool) or not isinstance(item.amount_fen, int):
            raise TypeError("amount_fen must be int fen")
        if item.group not in BILL_GROUPS:
            raise ValueError(f"unknown bill group {item.group!r}")
    total = sum(item.amount_fen for item in items)
    issued_at = issued_at or clock.now()
    # The bill's own summary columns keep the statement as issued (owed positive, as they
    # always were): for reference only; every channel reads the ledger.
    before = ledger.statement(account_id, period)
    bill_id = uuid7()
    try:
        with db.atomic():
            insert_values(Bill, {"id": bill_id, "account": account_id, "period": period, "plan_code": plan_code,
                                 "previous_balance_fen": -before.opening_fen, "payments_fen": before.credits_fen,
                                 "total_fen": total, "due_fen": ledger.amount_due_of(before.closing_fen - total),
                                 "issued_at": issued_at, "seq": 0})
            if items:
                sql, fields = _insert_sql(BillItem, ITEM_COLUMNS, db.param, db.quote)
                rows = [(bill_id, i.group, i.code, i.name_zh, i.name_en, i.explanation_zh, i.explanation_en,
                         i.amount_fen, i.sp_code, i.service_code, n) for n, i in enumerate(items)]
                db.cursor().executemany(sql, [[f.db_value(v) for f, v in zip(fields, row, strict=True)]
                                              for row in rows])
            ledger.post(account_id, period=period, kind="charge", amount_fen=-total, ref=bill_id.hex,
                        posted_at=issued_at)
    except IntegrityError:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The bill of {month} has already been issued."),
                       month=period) from None
    return Bill(id=bill_id, account=account_id, period=period, plan_code=plan_code, total_fen=total,
                issued_at=issued_at)


ITEM_COLUMNS = ("bill", "group", "code", "name_zh", "name_en", "explanation_zh", "explanation_en", "amount_fen",
                "sp_code", "service_code", "sort")


# -- the month ---------------------------------------------------------------------------------


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    year, number = map(int, month.split("-"))
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def check_month_is_over(month: str) -> str:
    month = parse_month(month)
    if month >= ledger.month_of(clock.today()):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{month} is not over yet: a month is billed from the first "
                                                          "day of the next month."), field="month", month=month)
    return month


def run_month(month: str, *, accounts: Iterable[Any] | None = None, import_file: str | Path | None = None,
              issued_at: dt.datetime | None = None, progress: Progress | None = None,
              suspend: bool = True) -> BillRunResult:
    """Bill every line (or the given ``accounts``) for ``month``; see the module docstring.
    With ``import_file`` the bills come from the operator's billing system instead of the
    rating here (``bill_import.read_bill_file``; nothing is written when the file has an error).
    ``suspend``: lines owing more than their hall's arrears limit afterwards are suspended
    for arrears (the demo builds its history without, see docs/billing.md)."""
    month = check_month_is_over(month)
    chosen_ids = None if accounts is None else [as_uuid(a) for a in accounts]
    report = progress or (lambda stage, done, total: None)
    imported = read_bill_file(import_file, month) if import_file else None
    source = f"import:{Path(import_file).name}" if import_file else "rated"
    result = BillRunResult(month, source)
    first, last = month_bounds(month)
    started = clock.now()
    with db.atomic():
        BillRun.insert(month=month, source=source, started_at=started).on_conflict(
            conflict_target=[BillRun.month], update={BillRun.source: source, BillRun.started_at: started}).execute()
        result.orders_applied = apply_orders(last)
        result.plans_changed = apply_due_plan_changes(month)
    issued = issued_at or clock.now()
    if imported is not None:
        report("bills", 0, len(imported))
        with db.atomic():
            for n, bill in enumerate(imported):
                if Bill.select().where((Bill.account == bill.account_id) & (Bill.period == month)).exists():
                    result.already += 1
                    continue
                write_bill(bill.account_id, month, bill.plan_code, bill.items, issued_at=issued)
                result.billed += 1
                result.total_fen += sum(i.amount_fen for i in bill.items)
                if n % 200 == 0:
                    report("bills", n, len(imported))
    else:
        wanted = _lines_to_bill(chosen_ids, last)
        report("bills", 0, len(wanted))
        for start in range(0, len(wanted), CHUNK):
            with db.atomic():
                _rate_chunk(wanted[start:start + CHUNK], month, first, last, issued, result)
            report("bills", min(start + CHUNK, len(wanted)), len(wanted))
    with db.atomic():
        result.plans_changed += apply_due_plan_changes(ledger.shift_month(month, 1))
        if suspend:
            result.suspended = ledger.suspend_for_arrears(chosen_ids)
        BillRun.update(finished_at=clock.now(), bills=BillRun.bills + result.billed,
                       total_fen=BillRun.total_fen + result.total_fen).where(BillRun.month == month).execute()
    return result


def _lines_to_bill(chosen_ids: list[Any] | None, last: dt.date) -> list[Any]:
    """The lines opened by ``last`` (of ``chosen_ids`` when given), in id order. Given lines
    are read by their keys, a chunk at a time: the demo bills its first 3,000 lines of a
    million, and reading every line's id to keep 3,000 of them cost seconds a month."""
    if chosen_ids is None:
        query = Account.select(Account.id).where(Account.opened_at <= last).order_by(Account.id)
        return [a for (a,) in tuples(query)]
    found: set[Any] = set()
    for start in range(0, len(chosen_ids), CHUNK):
        chunk = id_list(chosen_ids[start:start + CHUNK])
        found.update(a for (a,) in tuples(Account.select(Account.id).where(Account.id.in_(chunk)
                                                                          & (Account.opened_at <= last))))
    return sorted(found)  # as ORDER BY id: a UUID sorts as its 32 hex digits do


# -- orders from the halls ---------------------------------------------------------------------

APPLIED_EFFECTS = ("plan_change", "sp_subscribe", "sp_cancel", "sp_dispute")


def apply_orders(up_to: dt.date) -> int:
    """Bring the plan changes and SP subscriptions or cancellations done (or voided) up to
    ``up_to`` into the lines, each once. At the hub the halls' orders are applied on arrival
    by the order trigger (``sync/hub_orders.py``), which marks each one it decided here: the
    run applies only the orders it never saw (pushed before ``hub init`` installed it), as a
    safety net; at a single-PC hall the order already changed the line and applying it again
    changes nothing."""
    effects = {code: effect for code, effect in tuples(BusinessType.select(BusinessType.code, BusinessType.effect)
                                                       .where(BusinessType.effect.in_(APPLIED_EFFECTS)))}
    if not effects:
        return 0
    orders = (ServiceOrder.select(ServiceOrder, AppliedOrder.status.alias("applied"))
              .join(AppliedOrder, JOIN.LEFT_OUTER, on=((AppliedOrder.hall == ServiceOrder.hall)
                                                        & (AppliedOrder.order_id == ServiceOrder.id)))
              .where(ServiceOrder.business_code.in_(list(effects)) & (ServiceOrder.business_date <= up_to)
                     & ServiceOrder.account_id.is_null(False)
                     & (AppliedOrder.order_id.is_null() | (AppliedOrder.status != ServiceOrder.status)))
              .order_by(ServiceOrder.created_at, ServiceOrder.id).objects())
    count = 0
    for order in orders:
        if not Account.select().where(Account.id == order.account_id).exists():
            continue  # a line not here yet: its orders wait for it
        effect, data, seen = effects[order.business_code], order.effect_data or {}, order.applied
        if order.status == "done" and seen is None:
            _apply(effect, order, data)
        elif order.status == "voided" and seen == "done":
            _undo(effect, order, data)
        AppliedOrder.insert(hall=order.hall, order_id=order.id, status=order.status, applied_at=clock.now()
                            ).on_conflict(
            conflict_target=[AppliedOrder.hall, AppliedOrder.order_id],
            update={AppliedOrder.status: order.status, AppliedOrder.applied_at: clock.now()}).execute()
        count += 1
    return count


def _apply(effect: str, order: ServiceOrder, data: dict[str, Any]) -> None:
    if effect == "plan_change" and data.get("to_plan"):
        line = Account.get_by_id(order.account_id)
        if line.plan_id == data["to_plan"] and line.next_plan_id is None:
            return  # already in force
        Account.update(next_plan=data["to_plan"], next_plan_from=data.get("effective", "")).where(
            Account.id == order.account_id).execute()
    elif effect == "sp_subscribe" and data.get("subscription_id"):
        sub_id = as_uuid(data["subscription_id"])
        if not SpSubscription.select().where(SpSubscription.id == sub_id).exists():
            SpSubscription.insert(id=sub_id, account=order.account_id, service=data["service"],
                                  start_date=order.business_date).execute()
    elif effect == "sp_cancel" and data.get("subscription_id"):
        SpSubscription.update(end_date=order.business_date).where(
            (SpSubscription.id == as_uuid(data["subscription_id"])) & SpSubscription.end_date.is_null()).execute()
    elif effect == "sp_dispute" and data.get("subscription_id") and data.get("stopped_on"):
        # The dispute stopped the service at the counter (a dispute is never voided).
        SpSubscription.update(end_date=dt.date.fromisoformat(data["stopped_on"])).where(
            (SpSubscription.id == as_uuid(data["subscription_id"])) & SpSubscription.end_date.is_null()).execute()


def _undo(effect: str, order: ServiceOrder, data: dict[str, Any]) -> None:
    if effect == "plan_change" and data.get("to_plan"):
        Account.update(next_plan=data.get("previous_next_plan"), next_plan_from=data.get("previous_next_from", "")
                       ).where((Account.id == order.account_id) & (Account.next_plan == data["to_plan"])
                               & (Account.next_plan_from == data.get("effective", ""))).execute()
    elif effect == "sp_subscribe" and data.get("subscription_id"):
        SpSubscription.delete().where(SpSubscription.id == as_uuid(data["subscription_id"])).execute()
    elif effect == "sp_cancel" and data.get("subscription_id"):
        SpSubscription.update(end_date=None).where(
            (SpSubscription.id == as_uuid(data["subscription_id"])) & (SpSubscription.end_date == order.business_date)
        ).execute()


def apply_due_plan_changes(month: str) -> int:
    """Plan changes due by ``month`` take effect (the line's plan from the first of it)."""
    from counter_app.services.effects import apply_due_plan_changes as due

    return due(month)


# -- rating ------------------------------------------------------------------------------------

# Bill items of usage, in the order a bill lists them: (code, group, names, explanations).
USAGE_ITEMS = (
    ("VOICE_LOCAL", "voice", "本地通话费", "Local calls", "在本地拨打电话超出套餐部分的费用",
     "Local calls beyond the plan's minutes"),
    ("VOICE_LONG", "voice", "国内长途通话费", "Domestic long distance", "拨打外地号码的长途费用",
     "Calls to numbers in other cities"),
    ("VOICE_ROAM", "voice", "漫游通话费", "Roaming calls", "在外地使用手机通话的费用",
     "Calls made or received while in another city"),
    ("SMS", "sms", "短彩信费", "SMS and MMS", "超出套餐的短信费用", "Messages beyond the plan"),
    ("DATA", "data", "上网及数据通信费", "Mobile data", "超出套餐的上网流量费用", "Data beyond the plan"),
)
_CALL_CODE = {"local": "VOICE_LOCAL", "long": "VOICE_LONG", "roam": "VOICE_ROAM"}


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


class RatingTerms(Protocol):
    """What :func:`rate` reads of a plan: a TariffPlan row, or services.guidance.Plan."""

    @property
    def voice_minutes(self) -> int: ...

    @property
    def sms_included(self) -> int: ...

    @property
    def data_mb(self) -> int: ...

    @property
    def local_per_min_fen(self) -> int: ...

    @property
    def long_per_min_fen(self) -> int: ...

    @property
    def roam_per_min_fen(self) -> int: ...

    @property
    def sms_fen(self) -> int: ...

    @property
    def data_per_mb_fen(self) -> int: ...


def rate(plan: RatingTerms, records: list[tuple[Any, ...]]) -> tuple[dict[str, int], list[tuple[int, int]]]:
    """Rate a month's records ``(id, kind, subtype, direction, duration_s, volume_kb)`` in time
    order under ``plan``: outgoing local and long-distance minutes and messages use the plan's
    allowance first, roaming minutes are always charged (incoming too), data beyond the
    allowance is charged per started MB of each session. Returns the fee per usage item and
    ``(record id, fee)`` for every record."""
    free_minutes, free_sms, free_kb = plan.voice_minutes, plan.sms_included, plan.data_mb * 1024
    totals = dict.fromkeys(_CALL_CODE.values(), 0) | {"SMS": 0, "DATA": 0}
    fees: list[tuple[int, int]] = []
    rates = {"local": plan.local_per_min_fen, "long": plan.long_per_min_fen, "roam": plan.roam_per_min_fen}
    for record_id, kind, subtype, direction, seconds, kb in records:
        fee = 0
        if kind == "call":
            if direction == "out" or subtype == "roam":
                charged = _ceil_div(seconds, 60)
                if free_minutes and subtype != "roam":
                    used = min(free_minutes, charged)
                    free_minutes -= used
                    charged -= used
                fee = charged * rates.get(subtype, plan.local_per_min_fen)
            totals[_CALL_CODE.get(subtype, "VOICE_LOCAL")] += fee
        elif kind == "sms":
            if direction == "out":
                if free_sms:
                    free_sms -= 1
                else:
                    fee = plan.sms_fen
            totals["SMS"] += fee
        elif kind == "data":
            charged_kb = max(0, kb - free_kb)
            free_kb = max(0, free_kb - kb)
            fee = _ceil_div(charged_kb, 1024) * plan.data_per_mb_fen if charged_kb else 0
            totals["DATA"] += fee
        fees.append((record_id, fee))
    return totals, fees


def rated_items(plan: TariffPlan, usage: dict[str, int], services: list[tuple[SpService, str]],
                active_days: int, month_days: int) -> list[ItemSpec]:
    """The items of one line's bill: the monthly fee (by the day for a line opened during the
    month), the usage items, one line per SP service subscribed in the month, the discount."""
    fee = plan.monthly_fee_fen
    explain_zh, explain_en = f"{plan.name_zh}月功能费", f"Monthly fee of {plan.name_en}"
    if active_days < month_days:
        fee = (plan.monthly_fee_fen * active_days * 2 + month_days) // (2 * month_days)
        explain_zh += f"（按 {active_days} 天折算）"
        explain_en += f" ({active_days} days of the month)"
    items = [ItemSpec("plan", "PLAN", "套餐及固定费", "Plan and fixed fees", fee, explain_zh, explain_en)]
    items += [ItemSpec(group, code, zh, en, usage.get(code, 0), ezh, een) for code, group, zh, en, ezh, een in USAGE_ITEMS]
    for service, provider in services:
        items.append(ItemSpec("sp", f"SP_{service.code}", f"代收费-{service.name_zh}", f"Collected for SP: {service.name_en}",
                              service.monthly_fee_fen, f"由{provider}提供的{service.name_zh}业务信息费，本公司代收",
                              f"{service.name_en} charged by {service.provider_id}, collected on its behalf",
                              service.provider_id, service.code))
    if plan.monthly_fee_fen >= FAMILY_DISCOUNT_FROM_FEN:
        items.append(ItemSpec("discount", "DISCOUNT", "优惠减免", "Discounts", -FAMILY_DISCOUNT_FEN, "如意千万家家庭优惠",
                              "Ruyi family discount"))
    return items


def _rate_chunk(account_ids: list[Any], month: str, first: dt.date, last: dt.date, issued: dt.datetime,
                result: BillRunResult) -> None:
    from counter_app.models import SpProvider

    chunk = id_list(account_ids)
    billed = {a for (a,) in tuples(Bill.select(Bill.account).where(Bill.account.in_(chunk) & (Bill.period == month)))}
    lines = list(tuples(Account.select(Account.id, Account.plan, Account.opened_at).where(Account.id.in_(chunk))))
    plans = {p.code: p for p in TariffPlan.select()}
    providers = {p.code: p.name for p in SpProvider.select()}
    records: dict[Any, list[tuple[Any, ...]]] = {}
    # A month's records are many: read as plain rows, without converting every value.
    sql, params = (UsageRecord.select(UsageRecord.account, UsageRecord.id, UsageRecord.kind, UsageRecord.subtype,
                                      UsageRecord.direction, UsageRecord.duration_s, UsageRecord.volume_kb,
                                      UsageRecord.fee_fen)
                   .where(UsageRecord.account.in_(chunk) & (UsageRecord.period == month))
                   .order_by(UsageRecord.account, UsageRecord.started_at, UsageRecord.id).sql())
    for row in db.execute_sql(sql, params).fetchall():
        records.setdefault(row[0], []).append(row[1:])
    records = {as_uuid(key): rows for key, rows in records.items()}  # one conversion per line, not per record
    catalogue = {s.code: s for s in SpService.select()}
    services: dict[Any, list[tuple[SpService, str]]] = {}
    for account_id, code in tuples(SpSubscription.select(SpSubscription.account, SpSubscription.service)
                                   .where(SpSubscription.account.in_(chunk) & (SpSubscription.start_date <= last)
                                          & (SpSubscription.end_date.is_null() | (SpSubscription.end_date >= first)))):
        service = catalogue[code]
        if service.monthly_fee_fen > 0:  # per-use charges come with the operator's bill file
            services.setdefault(account_id, []).append((service, providers.get(service.provider_id,
                                                                               service.provider_id)))
    for found in services.values():
        found.sort(key=lambda pair: (pair[0].provider_id, pair[0].code))
    month_days = (last - first).days + 1
    changed: list[tuple[int, int]] = []
    bills: list[BillSpec] = []
    for account_id, plan_code, opened in lines:
        if account_id in billed:
            result.already += 1
            continue
        plan = plans[plan_code]
        mine = records.get(account_id, [])
        usage, fees = rate(plan, [r[:6] for r in mine])
        changed += [(fee, rid) for (rid, fee), r in zip(fees, mine, strict=True) if fee != r[6]]
        result.records_rated += len(mine)
        opened = opened if isinstance(opened, dt.date) else dt.date.fromisoformat(str(opened)[:10])
        active = month_days - max(0, (opened - first).days)
        items = rated_items(plan, usage, services.get(account_id, []), active, month_days)
        bills.append(BillSpec(as_uuid(account_id), plan.code, items))
        result.billed += 1
        result.total_fen += sum(i.amount_fen for i in items)
    write_bills(bills, month, issued)  # as write_bill does for one, for the whole chunk at once
    if changed:  # each detailed record keeps the fee it was billed with
        sql = f"UPDATE usage_record SET fee_fen = {db.param} WHERE id = {db.param}"
        cursor = db.cursor()
        for start in range(0, len(changed), 1000):
            cursor.executemany(sql, changed[start:start + 1000])
