"""The monthly bill and the detailed records (详单), assembled once for every channel.

消费明明白白: the counter print-out, the kiosk screen and the CLI all call :func:`bill_data`
and :func:`records_data` and show the dataclasses they return; documents/bill.py and
documents/records.py only lay them out. Labels are picked for the language asked for, so
the data is ready to show.

Detailed records are private: they are read only for a subscriber verified at this terminal
(``services.verification``), and every read (screen, print, export) is an audit event naming
the check, written here so no channel can forget it. The other party's number is masked.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from counter_app import clock
from counter_app.db import read_snapshot
from counter_app.errors import HubUnavailable, NotFound, UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import (
    Account,
    Bill,
    BillItem,
    Customer,
    SpProvider,
    TariffPlan,
    UsageRecord,
    db,
)
from counter_app.models.billing import BILL_GROUPS
from counter_app.models.rows import primary_key, stored_value, tuples
from counter_app.services import audit, ledger, signing, verification
from counter_app.services.ledger import Entry, Statement
from counter_app.services.permissions import Permission, require
from counter_app.services.report_period import not_in_future_month
from counter_app.services.session import Session
from counter_app.services.validation import mask_id_number, mask_name, mask_phone, normalize_phone
from counter_app.services.verification import Verified

GROUP_NAMES = {
    "plan": ("套餐及固定费", "Plan and fixed fees"),
    "voice": ("语音通信费", "Voice calls"),
    "sms": ("短彩信费", "SMS and MMS"),
    "data": ("上网及数据通信费", "Mobile data"),
    "vas": ("增值业务费", "Value-added services"),
    "sp": ("代收费（按服务提供商）", "Collected for service providers"),
    "discount": ("优惠减免", "Discounts"),
    "adjustment": ("调账", "Adjustments"),
    "late_fee": ("滞纳金", "Late fee"),
}
# Which bill item each kind of record adds up to.
USAGE_ITEM = {("call", "local"): "VOICE_LOCAL", ("call", "long"): "VOICE_LONG", ("call", "roam"): "VOICE_ROAM",
              ("sms", ""): "SMS", ("data", ""): "DATA"}
USAGE_CODES = ("VOICE_LOCAL", "VOICE_LONG", "VOICE_ROAM", "SMS", "DATA")

_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> str:
    value = (text or "").strip()
    match = _MONTH_RE.match(value)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the month as YYYY-MM, e.g. 2026-10: “{text}”."),
                              field="month", text=value)
    return value


@dataclass(frozen=True)
class StatementHeader:
    hall_name: str
    hall_address: str
    phone: str
    customer_name: str  # masked: the kiosk screen is seen by others
    masked_id: str
    plan_name: str
    period: str
    period_start: dt.date
    period_end: dt.date
    printed_at: dt.datetime
    lang: str


@dataclass(frozen=True)
class BillLine:
    code: str
    name: str
    explanation: str  # 发票项目说明
    amount_fen: int
    sp_code: str = ""
    sp_name: str = ""
    service_code: str = ""


@dataclass(frozen=True)
class BillGroup:
    code: str
    name: str
    lines: tuple[BillLine, ...]

    @property
    def subtotal_fen(self) -> int:
        return sum(line.amount_fen for line in self.lines)


@dataclass(frozen=True)
class CreditLine:
    """One payment or credit of the bill's month, as the statement lists it."""

    day: dt.date
    name: str  # what it was and how: "缴费 · 现金", "Payment · bank debit"
    ref: str  # receipt number, or "" for the centre's
    hall: str
    amount_fen: int
    confirmed: bool  # False: taken at this terminal, not yet confirmed by the hub


@dataclass(frozen=True)
class PlanAdvice:
    """A cheaper plan for the line (消费引导, ``services.guidance``), printed with the bill."""

    plan_code: str
    plan_name: str
    saving_month_fen: int
    months: int  # how many months of use the comparison read
    reason: str  # the sentence the clerk reads aloud


@dataclass(frozen=True)
class ClubLines:
    """What the VIP club gives this member (``services.club``), printed on their bill."""

    tier_name: str
    member_no: str
    privileges: tuple[str, ...]
    partner_offers: tuple[str, ...]


@dataclass(frozen=True)
class BillData:
    """A bill: the month's items and the ledger's statement for the month (services.ledger).
    Every channel shows these figures; ``due_fen`` is what is owed now."""

    header: StatementHeader
    bill_ref: str
    groups: tuple[BillGroup, ...]
    total_fen: int  # the sum of the items
    statement: Statement
    credit_lines: tuple[CreditLine, ...]
    issued_at: dt.datetime | None
    qr_payload: str
    advice: PlanAdvice | None = None  # the plan specialist's cheaper plan, when one fits
    club: ClubLines | None = None  # a VIP club member's tier, privileges and partner discounts

    def usage_fen(self, code: str) -> int:
        return sum(line.amount_fen for group in self.groups for line in group.lines if line.code == code)

    @property
    def opening_fen(self) -> int:
        return self.statement.opening_fen

    @property
    def charges_fen(self) -> int:
        return self.statement.charges_fen

    @property
    def credits_fen(self) -> int:
        return self.statement.credits_fen

    @property
    def closing_fen(self) -> int:
        return self.statement.closing_fen

    @property
    def later_fen(self) -> int:
        return self.statement.later_fen

    @property
    def balance_fen(self) -> int:
        return self.statement.balance_fen

    @property
    def due_fen(self) -> int:
        return self.statement.due_fen


# How the ledger's entries are named on a bill.
ENTRY_NAMES = {
    "opening": ("期初余额", "Opening balance"), "charge": ("月度账单", "Monthly bill"),
    "payment": ("缴费", "Payment"), "reversal": ("冲正", "Reversal"), "refund": ("退款", "Refund"),
    "compensation": ("先行赔付", "Advance compensation"), "adjustment": ("调账", "Adjustment"),
}
METHOD_NAMES = {
    "cash": ("现金", "cash"), "pos": ("银行卡", "bank card"), "card": ("缴费卡", "payment card"),
    "remote": ("异地缴费", "cross-city"), "credit": ("记入账户", "to the account"), "bank": ("银行代扣", "bank debit"),
    "online": ("网上缴费", "online"), "billed": ("原账单已缴", "paid as billed"),
}


def credit_line(entry: Entry, lang: str) -> CreditLine:
    name = pick(lang, *ENTRY_NAMES.get(entry.kind, (entry.kind, entry.kind)))
    if entry.method:
        name += " · " + pick(lang, *METHOD_NAMES.get(entry.method, (entry.method, entry.method)))
    ref = entry.ref if entry.kind != "charge" and entry.hall else ""
    return CreditLine(entry.posted_at.date(), name, ref, entry.hall, entry.amount_fen, entry.confirmed)


@dataclass(frozen=True)
class RecordLine:
    started_at: dt.datetime
    kind: str  # call | sms | data
    kind_name: str
    subtype: str
    direction: str
    other_party: str  # masked
    location: str
    duration_s: int
    volume_kb: int
    fee_fen: int


@dataclass(frozen=True)
class RecordDay:
    date: dt.date
    lines: tuple[RecordLine, ...]

    @property
    def subtotal_fen(self) -> int:
        return sum(line.fee_fen for line in self.lines)


@dataclass(frozen=True)
class RecordsData:
    header: StatementHeader
    days: tuple[RecordDay, ...]
    totals_fen: dict[str, int] = field(default_factory=dict)  # per bill usage item code
    item_names: dict[str, str] = field(default_factory=dict)
    count: int = 0
    qr_payload: str = ""

    @property
    def total_fen(self) -> int:
        return sum(self.totals_fen.values())


def _account_row(phone_text: str) -> Account:
    phone = normalize_phone(phone_text)
    row: Account | None = (Account.select(Account, Customer).join(Customer).where(Account.phone == phone).first())
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer has the number {phone}."), phone=phone)
    return row


def _header(session: Session, account: Account, period: str, lang: str, plan_code: str) -> StatementHeader:
    year, month = map(int, period.split("-"))
    plan = TariffPlan.get_or_none(TariffPlan.code == plan_code)
    return StatementHeader(
        hall_name=session.hall.name, hall_address=session.hall.address, phone=account.phone,
        customer_name=mask_name(account.customer.name), masked_id=mask_id_number(account.customer.id_number),
        plan_name=pick(lang, plan.name_zh, plan.name_en) if plan else plan_code, period=period,
        period_start=dt.date(year, month, 1), period_end=dt.date(year, month, calendar.monthrange(year, month)[1]),
        printed_at=clock.now(), lang=lang,
    )


def available_months(session: Session, phone_text: str) -> list[str]:
    """Months with a bill for this number, newest first."""
    require(session, Permission.SERVE)
    account = _account_row(phone_text)
    return [b.period for b in Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc())]


def bill_data(session: Session, phone: str, month: str, *, lang: str | None = None) -> BillData:
    """The bill of ``phone`` for ``month`` (YYYY-MM); NotFound when there is none."""
    require(session, Permission.SERVE)
    return _bill_data(session, phone, month, lang=lang)


def _bill_data(session: Session, phone: str, month: str, *, lang: str | None = None) -> BillData:
    """The bill, for a caller already checked (the counter's staff, or the kiosk's customer
    after their service password)."""
    lang = lang or session.lang
    period = not_in_future_month(parse_month(month))
    account = _account_row(phone)
    bill = Bill.get_or_none((Bill.account == account) & (Bill.period == period))
    if bill is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no bill for {phone} for {month}."),
                       phone=account.phone, month=period)
    providers = {p.code: p.name for p in SpProvider.select()}
    items = list(BillItem.select().where(BillItem.bill == bill).order_by(BillItem.sort, BillItem.id))
    groups = []
    for code in BILL_GROUPS:
        mine = [i for i in items if i.group == code]
        if code == "sp":
            mine.sort(key=lambda i: (i.sp_code, i.service_code))
        if not mine:
            continue
        lines = tuple(BillLine(i.code, pick(lang, i.name_zh, i.name_en), pick(lang, i.explanation_zh, i.explanation_en),
                               i.amount_fen, i.sp_code, providers.get(i.sp_code, i.sp_code), i.service_code)
                      for i in mine)
        groups.append(BillGroup(code, pick(lang, *GROUP_NAMES[code]), lines))
    known = set(BILL_GROUPS)
    strays = [i for i in items if i.group not in known]  # a group the centre added later still shows
    if strays:
        groups.append(BillGroup("other", pick(lang, "其他费用", "Other charges"),
                                tuple(BillLine(i.code, pick(lang, i.name_zh, i.name_en),
                                               pick(lang, i.explanation_zh, i.explanation_en), i.amount_fen)
                                      for i in strays)))
    total = sum(g.subtotal_fen for g in groups)
    statement = ledger.statement(account.id, period)
    return BillData(
        header=_header(session, account, period, lang, bill.plan_code),
        bill_ref=f"{account.phone}-{period}", groups=tuple(groups), total_fen=total, statement=statement,
        credit_lines=tuple(credit_line(e, lang) for e in statement.lines), issued_at=bill.issued_at,
        qr_payload=signing.payload(session.hall_code, "bill", f"{account.phone}:{period}"),
        advice=_advice(account, lang), club=_club(account.customer, lang),
    )


def _advice(account: Account, lang: str) -> PlanAdvice | None:
    """The cheapest plan for the line's last three months of use, when it saves enough
    (docs/guidance.md); the caller checked who asks. Imported here: the bill run, which
    guidance rates with, imports this module."""
    from counter_app.services import guidance

    line = guidance.Line(stored_value(primary_key(Account), account.id), account.phone, account.plan_id)
    rec = guidance.compare(line, lang)
    if rec.best is None:
        return None
    return PlanAdvice(rec.best.code, rec.best.name, rec.saving_month_fen, len(rec.periods), rec.reason)


def _club(customer: Customer, lang: str) -> ClubLines | None:
    from counter_app.services import club

    tier = club.tier(customer.vip_tier or "", lang)
    if tier is None:
        return None
    return ClubLines(tier.name, customer.vip_member_no or "", tier.privileges, tier.partner_offers)


KIND_NAMES = {"call": ("通话", "Call"), "sms": ("短信", "SMS"), "data": ("上网", "Data")}
SUBTYPE_NAMES = {"local": ("本地", "local"), "long": ("长途", "long dist."), "roam": ("漫游", "roaming")}


def records_data(session: Session, phone: str, month: str, *, purpose: str = "view", lang: str | None = None,
                 channel: str = "counter") -> RecordsData:
    """The detailed records of ``phone`` for ``month``, grouped by day with subtotals.

    Audited (``records.<purpose>``) before anything is returned: the read is a snapshot, the
    audit row its own (immediate) write after it. Writing inside the deferred snapshot would
    fail at once with "database is locked" whenever another terminal committed in between.
    NotFound when the month has no records."""
    require(session, Permission.VIEW_RECORDS)
    lang = lang or session.lang
    period = not_in_future_month(parse_month(month))
    account = _account_row(phone)
    # 详单 are the subscriber's private communications: only for a verified subscriber.
    verified = verification.require(session, account.id, verification.RECORDS)
    bill = Bill.get_or_none((Bill.account == account) & (Bill.period == period))
    hub = getattr(session, "hub", None)
    if hub is not None:
        # Not kept at the terminal: fetched from the hub for this one verified view.
        from counter_app.models import SubscriberCheck

        try:
            rows = hub.usage_records(SubscriberCheck.get_by_id(verified.check_id), account.id, period)
        except HubUnavailable:
            raise UserError(QT_TRANSLATE_NOOP("Errors", "Detailed records come from the hub, which cannot be reached "
                                                        "now; try again later.")) from None
        if not rows:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "There are no detailed records for {phone} for {month}."),
                           phone=account.phone, month=period)
        with db.atomic():
            audit.record(session, f"records.{purpose}", f"{account.phone}:{period}", channel=channel,
                         phone=account.phone, period=period, count=len(rows), check=verified.check_id.hex,
                         method=verified.method, source="hub")
    else:
        rows = _local_records(session, account, period, purpose, channel, verified)
    return _records(session, account, period, lang, bill, rows)


def _local_records(session: Session, account: Account, period: str, purpose: str, channel: str,
                   verified: Verified) -> list[tuple[Any, ...]]:
    """A terminal without a hub (one PC, the demo) keeps the records in its own file."""
    with read_snapshot():
        # Tuples, not model instances: a month can hold thousands of records.
        rows = list(tuples(UsageRecord.select(UsageRecord.started_at, UsageRecord.kind, UsageRecord.subtype,
                                       UsageRecord.direction, UsageRecord.other_party, UsageRecord.location,
                                       UsageRecord.duration_s, UsageRecord.volume_kb, UsageRecord.fee_fen)
                    .where((UsageRecord.account == account) & (UsageRecord.period == period))
                    .order_by(UsageRecord.started_at, UsageRecord.id)))
    if not rows:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There are no detailed records for {phone} for {month}."),
                       phone=account.phone, month=period)
    with db.atomic():
        audit.record(session, f"records.{purpose}", f"{account.phone}:{period}", channel=channel,
                     phone=account.phone, period=period, count=len(rows), check=verified.check_id.hex,
                     method=verified.method)
    return rows


def _records(session: Session, account: Account, period: str, lang: str, bill: Bill | None, rows: list[tuple[Any, ...]]) -> RecordsData:
    kind_names = {k: pick(lang, *v) for k, v in KIND_NAMES.items()}
    sub_names = {k: pick(lang, *v) for k, v in SUBTYPE_NAMES.items()}
    totals = dict.fromkeys(USAGE_CODES, 0)
    days: list[RecordDay] = []
    current: list[RecordLine] = []
    current_day: dt.date | None = None
    for started, kind, subtype, direction, other, location, duration, volume, fee in rows:
        if isinstance(started, str):
            started = dt.datetime.fromisoformat(started)
        day = started.date()
        if day != current_day and current and current_day is not None:
            days.append(RecordDay(current_day, tuple(current)))
            current = []
        current_day = day
        name = kind_names.get(kind, kind)
        if kind == "call" and subtype:
            name = f"{name}·{sub_names.get(subtype, subtype)}"
        masked = other if kind == "data" else mask_phone(other)
        current.append(RecordLine(started, kind, name, subtype, direction, masked, location, duration, volume, fee))
        code = USAGE_ITEM.get((kind, subtype if kind == "call" else ""))
        if code:
            totals[code] += fee
    if current and current_day is not None:
        days.append(RecordDay(current_day, tuple(current)))
    names = {}
    if bill is not None:
        for item in BillItem.select().where((BillItem.bill == bill) & BillItem.code.in_(USAGE_CODES)):
            names[item.code] = pick(lang, item.name_zh, item.name_en)
    for code in USAGE_CODES:
        names.setdefault(code, code)
    return RecordsData(header=_header(session, account, period, lang, bill.plan_code if bill else account.plan_id),
                       days=tuple(days), totals_fen=totals, item_names=names, count=len(rows),
                       qr_payload=signing.payload(session.hall_code, "records", f"{account.phone}:{period}"))


# -- the kiosk ----------------------------------------------------------------------------------


def kiosk_bill(session: Session, phone_text: str, password: str, month: str | None = None, *,
               lang: str | None = None) -> BillData:
    """A customer at the kiosk: number + service password, then their bill (the latest if no
    month). Wrong passwords go through the throttle, counted per number: a few lock it for a
    while (``services/service_passwords.py``)."""
    from counter_app.services import service_passwords

    phone = normalize_phone(phone_text)
    if not password:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter your service password."), field="password")
    account = service_passwords.check(session, phone, password, channel="kiosk")
    if month is None:
        latest = Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc()).first()
        if latest is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no bill for {phone} yet."), phone=phone)
        month = latest.period
    data = _bill_data(session, phone, month, lang=lang)
    with db.atomic():
        audit.record(session, "kiosk.bill_view", phone, period=data.header.period)
    return data


def kiosk_months(session: Session, phone_text: str, password: str) -> list[str]:
    """The months with a bill, newest first, for the customer at the kiosk (password again)."""
    from counter_app.services import service_passwords

    account = service_passwords.check(session, phone_text, password, channel="kiosk")
    return [b.period for b in Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc())]


def months_of_account(session: Session, account_id: uuid.UUID | str) -> tuple[str, list[str]]:
    """(phone, months with a bill newest first) for the customer selected at the counter."""
    require(session, Permission.SERVE)
    account = Account.get_or_none(Account.id == account_id)
    if account is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such customer."))
    months = [b.period for b in Bill.select(Bill.period).where(Bill.account == account).order_by(Bill.period.desc())]
    return account.phone, months
