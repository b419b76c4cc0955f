"""The demo hall: a deterministic (seeded) hall in Jinan with customers, six months of bills
made by the monthly bill run (``services.billrun``: usage rated under each line's plan, so
the detailed records add up to the bill's items to the fen), each line's ledger (an opening
balance, payments through the bank and online; some lines in credit, some owing, a few in
arrears past the limit), SP subscriptions, staff with specialties, counters, and the
catalogue from resources/.

With ``days`` (the command line's and the GUI's demo: 30) the hall also has its working days:
the last ``days`` days and today up to now (``services.demo_activity``), interleaved with the
bill months so that a month's counter payments and orders are in before its bill.

Scale: ``customers`` may be a million. Customers, accounts, SIM cards and subscriptions go
in through the driver's ``executemany`` in large batches (peewee's per-row query building
costs ~20x more); bills and detailed records are made for every line up to
:data:`DETAILED_ALL_UP_TO` lines (the first ``detailed`` ones when given), which keeps a
million-customer build in minutes. docs/demo.md has the figures.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from faker import Faker
from peewee import fn
from stdnum.cn import ric

from counter_app import clock
from counter_app.ids import uuid7_hex
from counter_app.models import (
    Account,
    Bill,
    Counter,
    Customer,
    Hall,
    LedgerEntry,
    SimCard,
    SpService,
    SpSubscription,
    Staff,
    TariffPlan,
    UsageRecord,
    db,
)
from counter_app.money import format_yuan
from counter_app.services.billrun import run_month
from counter_app.services.demo_activity import Line
from counter_app.services.demo_load import BATCH, bulk_insert, indexes_after
from counter_app.services.ledger import shift_month
from counter_app.services.passwords import hash_light, hash_password
from counter_app.services.reference import load_reference_data, read_catalogue
from counter_app.services.session import HALL_KEY, set_local_setting
from counter_app.services.validation import id_region

Progress = Callable[[str, int, int], None]

DEMO_PASSWORD = "123456"
DEMO_SERVICE_PASSWORD = "123456"
DEMO_MANAGER_PIN = "8888"

# (staff_no, name, role, specialties)
DEMO_STAFF = [
    ("1001", "王芳", "clerk", ["billing", "etiquette"]),
    ("1002", "李强", "clerk", ["new_business", "data"]),
    ("1003", "张丽", "clerk", ["plans", "calming"]),
    ("1004", "刘洋", "clerk", ["billing", "new_business", "plans"]),
    ("2001", "陈静", "manager", ["calming", "plans", "billing", "new_business", "data"]),
    ("9001", "赵磊", "admin", []),
    ("7001", "孙敏", "inspector", []),  # the province's inspector: service checks only
]
# counter number -> queue categories it serves
DEMO_COUNTERS = {
    1: ["payment", "general"],
    2: ["payment", "general", "vip", "green"],
    3: ["new_data", "general"],
    4: ["plan", "general"],
    5: ["complaint", "general"],
    6: ["vip", "green", "general", "payment", "new_data", "plan", "complaint"],
}
# Unicom-era mobile prefixes
PHONE_PREFIXES = ("130", "131", "132", "155", "156", "185", "186")
# Shandong county codes, old and new. A card carries the code in force where and when it was
# issued, so a Jinan 历下区 (370102, created 1983) resident born in 1975 holds 370102: the demo
# picks from every code regardless of the birth year, as the hall's real customers are.
REGION_CANDIDATES = (
    "370102", "370103", "370104", "370105", "370112", "370113", "370120", "370121", "370122",
    "370202", "370203", "370211", "370212", "370220", "370302", "370303", "370320", "370602", "370611",
    "370620", "370702", "370703", "370720", "370802", "370811", "370820", "370902", "370920", "371002",
    "371020", "371302", "371320",
)
# Every line gets six months of bills and detailed records up to this many lines (the default
# demo's 2,170 all do); a bigger demo gives them to its first lines only.
DETAILED_ALL_UP_TO = 3000
# The showcase customer the README's examples use: the same number and ID card in every demo.
SHOWCASE_PHONE = "13012345678"
SHOWCASE_ID_NUMBER = "370102199001011231"
# Of the lines that pay a month's bill while the hall's working days run, this share comes to
# the counter to pay; the others pay through the bank or online, as before.
COUNTER_SHARE = 0.6


@dataclass
class DemoResult:
    hall: str
    customers: int
    accounts: int
    bills: int
    records: int
    activity: dict = field(default_factory=dict)  # tickets, payments, orders, complaints of the working days
    showcase: list = field(default_factory=list)  # [phone, what it shows] for the README's examples


def check_digit(body17: str) -> str:
    """GB 11643 check digit of the first 17 digits (stdnum wants the full number)."""
    return ric.calc_check_digit(body17 + "0")


class RegionPicker:
    """Region codes for the demo's ID numbers: every candidate that exists or ever existed."""

    def __init__(self) -> None:
        self._codes: list[str] | None = None

    def codes(self, year: int) -> list[str]:
        if self._codes is None:
            self._codes = [region for region in REGION_CANDIDATES if id_region(region + "0" * 12) is not None]
        return self._codes


def make_id_number(rng: random.Random, regions: RegionPicker, used: set[str]) -> str:
    while True:
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
        body = f"{rng.choice(regions.codes(birth.year))}{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
        value = body + check_digit(body)
        if value not in used:
            used.add(value)
            return value


def _months_back(today: dt.date, count: int) -> list[str]:
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        months.append(f"{year:04d}-{month:02d}")
    return list(reversed(months))


def build_demo(customers: int = 2000, *, detailed: int | None = None, seed: int = 20041001, days: int = 0,
               progress: Progress | None = None) -> DemoResult:
    """Build the demo hall into the bound database (which must be empty of customers); with
    ``days``, its last ``days`` working days and today up to now too (SQLite only: a hub's
    halls bring their own days)."""
    report = progress or (lambda stage, done, total: None)
    detailed = DETAILED_ALL_UP_TO if detailed is None else detailed
    # Argon2 on two threads (it leaves the interpreter lock), while the catalogue loads.
    hashing = ThreadPoolExecutor(max_workers=2)
    staff_hashes = hashing.map(hash_password, [DEMO_PASSWORD] * len(DEMO_STAFF) + [DEMO_MANAGER_PIN])
    rng = random.Random(seed)
    puk_rng = random.Random(seed + 1)  # its own stream: the rest of the demo stays as it was
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    halls = read_catalogue("halls.json")
    info = halls["demo_hall"]
    cities: list[str] = halls["cities"]
    today = clock.today()

    report("catalogue", 0, 1)
    load_reference_data()
    *passwords, pin_hash = list(staff_hashes)
    hashing.shutdown()
    with db.atomic():
        Hall.insert(**info).on_conflict_ignore().execute()
        set_local_setting(HALL_KEY, info["code"])
        for number, categories in DEMO_COUNTERS.items():
            Counter.insert(hall=info["code"], number=number, name=f"{number}号窗口", categories=categories
                           ).on_conflict_ignore().execute()
        for (staff_no, name, role, specialties), password_hash in zip(DEMO_STAFF, passwords, strict=True):
            # Each its own hash (its own salt), though the demo password is the same for all.
            Staff.insert(staff_no=staff_no, hall=info["code"], name=name, role=role, specialties=specialties,
                         password_hash=password_hash, may_reverse=staff_no == "1004"
                         ).on_conflict_ignore().execute()
        from counter_app.services.session import Setting  # hall settings the other services read

        Setting.insert(hall=info["code"], key="manager_pin", value=pin_hash).on_conflict_ignore().execute()
        from counter_app.services.notices import demo_hall_notices

        Setting.insert(hall=info["code"], key="hall_notices", value=demo_hall_notices()).on_conflict_ignore().execute()
    from counter_app.services import signing

    signing.signing_key(info["code"])  # the hall is set up: its documents are signed from now on
    report("catalogue", 1, 1)

    if Customer.select().exists():
        return DemoResult(info["code"], Customer.select().count(), Account.select().count(),
                          Bill.select().count(), UsageRecord.select().count())

    plans = list(TariffPlan.select().order_by(TariffPlan.monthly_fee_fen))
    services = list(SpService.select())
    surnames = [fake.last_name() for _ in range(400)]
    given = [fake.first_name() for _ in range(3000)]
    streets = [fake.street_address() for _ in range(2000)]
    service_hash = hash_light(DEMO_SERVICE_PASSWORD)
    phones = rng.sample(range(10**8), customers + customers // 10 + 10)
    opened = (today - dt.timedelta(days=400)).isoformat()
    months = _months_back(today, 6)
    opening_period = shift_month(months[0], -1)
    opened_at = f"{opening_period}-01 00:00:00"
    now_text = str(clock.now())

    source = _Source(rng, puk_rng, RegionPicker(), surnames, given, streets, info, cities, plans, services,
                     service_hash, phones, today, opened, opening_period, opened_at, now_text)
    report("customers", 0, customers)
    with indexes_after([Customer, Account, SimCard, SpSubscription, LedgerEntry]):  # built after the load
        accounts_meta, lines = _load_customers(source, customers, detailed, report)
    report("customers", customers, customers)

    # Six months of the detailed lines through the same monthly bill run as the hub's: each
    # month the payments of the bill before it (bank, online; or at the counter, in the
    # working days), the month's usage, then the run.
    report("bills", 0, len(months))
    payers = {aid: _payer(rng, n) for n, (aid, *_rest) in enumerate(accounts_meta)}
    detailed_ids = [aid for aid, *_rest in accounts_meta]
    balances = {aid: opening for aid, _phone, _plan, _subs, opening in accounts_meta}
    activity = None
    if days > 0:
        from counter_app.services.demo_activity import HallActivity
        from counter_app.services.session import terminal_id

        activity = HallActivity(rng=random.Random(seed + 2), hall=info, terminal=terminal_id(), lines=lines,
                                now=clock.now(), days=days, cities=cities, service_hash=service_hash)
    records = 0
    now = clock.now()
    for index, period in enumerate(months + [f"{now.year:04d}-{now.month:02d}"]):
        current = index == len(months)
        year, month = map(int, period.split("-"))
        entry_rows: list[tuple] = []
        usage_rows: list[tuple] = []
        at_counter: dict[str, int] = {}
        for aid in detailed_ids:
            if current:  # this month: about half have paid the last bill already
                paid = _demo_payment(rng, payers[aid], -balances[aid], index) if rng.random() < 0.5 else 0
                if not paid or now.day == 1:
                    continue
                at = dt.datetime(year, month, rng.randrange(1, now.day), rng.randrange(8, 20), rng.randrange(60))
            else:
                paid = _demo_payment(rng, payers[aid], -balances[aid], index)
                at = dt.datetime(year, month, rng.randrange(5, 21), rng.randrange(8, 20), rng.randrange(60))
                usage_rows += _usage_for(rng, aid, period, cities)
            if not paid:
                continue
            if activity is not None and at.date() >= activity.first_day and rng.random() < COUNTER_SHARE:
                at_counter[aid] = paid
            else:
                entry_rows.append((uuid7_hex(), aid, period, "payment", paid, rng.choice(("bank", "online")), "",
                                   "", str(at)))
        if activity is not None:
            with db.atomic():
                came = activity.run_month(period, {uuid.UUID(hex=aid): fen for aid, fen in at_counter.items()})
            for aid, fen in came.items():  # due at the counter, never came: paid online on its last day
                last = min(calendar.monthrange(year, month)[1], now.day - 1 if current else 31)
                if last >= 1:
                    entry_rows.append((uuid7_hex(), aid.hex, period, "payment", fen, "online", "", "",
                                       str(dt.datetime(year, month, last, 21, 0))))
        with db.atomic():
            bulk_insert(LedgerEntry, ENTRY_COLUMNS, entry_rows)
            records += bulk_insert(UsageRecord, ["account_id", "period", "kind", "subtype", "direction", "started_at",
                                           "other_party", "location", "duration_s", "volume_kb", "fee_fen"],
                             usage_rows)
        if activity is not None:
            for line in activity.new_lines:  # lines opened at the counter are billed from their month
                if line.id.hex not in payers:
                    payers[line.id.hex] = "on_time"
                    detailed_ids.append(line.id.hex)
        if current:
            break
        last_day = calendar.monthrange(year, month)[1]
        issued = min(dt.datetime(year, month, last_day, 23, 0) + dt.timedelta(days=3), now)
        run_month(period, accounts=detailed_ids, suspend=False,  # its lines in arrears stay in service
                  issued_at=issued)
        balances = _balances(detailed_ids)
        if activity is not None:  # the counter's payments count before the hub confirms them
            for aid, extra in activity.pending_effect.items():
                if aid.hex in balances:
                    balances[aid.hex] += extra
        report("bills", index + 1, len(months))
    with db.atomic():
        made = activity.finish() if activity is not None else {}
        # The demo wrote its payments straight into the ledger: the cached balances follow.
        db.execute_sql("UPDATE account SET balance_fen = COALESCE((SELECT SUM(e.amount_fen) FROM ledger_entry e "
                       "WHERE e.account_id = account.id), 0) WHERE EXISTS (SELECT 1 FROM bill b "
                       "WHERE b.account_id = account.id)")
    from counter_app.services.demo_supervision import build_supervision_demo

    build_supervision_demo(info["code"], seed)  # a month of drills and service checks
    return DemoResult(info["code"], customers, Account.select().count(), Bill.select().count(), records,
                      activity=made, showcase=showcase(lines[:len(accounts_meta)], info["city"]))


@dataclass
class _Source:
    """What the customers, their lines, SIM cards and subscriptions are drawn from."""

    rng: random.Random
    puk_rng: random.Random
    regions: RegionPicker
    surnames: list[str]
    given: list[str]
    streets: list[str]
    info: dict
    cities: list[str]
    plans: list[TariffPlan]
    services: list[SpService]
    service_hash: str
    phones: list[int]
    today: dt.date
    opened: str
    opening_period: str
    opened_at: str
    now_text: str


def _load_customers(source: _Source, customers: int, detailed: int, report: Progress
                    ) -> tuple[list[tuple[str, str, TariffPlan, list[SpService], int]], list[Line]]:
    """The customers with their lines, SIM cards, subscriptions and opening balances, written
    ``BATCH`` customers at a time; returns the detailed lines (for the bills) and the same
    lines as the working days see them."""
    rng, puk_rng, regions, surnames, given, streets = (source.rng, source.puk_rng, source.regions, source.surnames,
                                                       source.given, source.streets)
    info, cities, plans, services, service_hash, phones = (source.info, source.cities, source.plans,
                                                           source.services, source.service_hash, source.phones)
    today, opened, opening_period, opened_at, now_text = (source.today, source.opened, source.opening_period,
                                                          source.opened_at, source.now_text)
    used_ids: set[str] = set()
    customer_rows: list[tuple] = []
    account_rows: list[tuple] = []
    sim_rows: list[tuple] = []
    sub_rows: list[tuple] = []
    entry_rows: list[tuple] = []
    accounts_meta: list[tuple[str, str, TariffPlan, list[SpService]]] = []  # for bills
    lines: list[Line] = []  # the same lines, as the working days see them
    phone_i = 0
    vip_seq = 0
    for i in range(customers):
        cid = uuid7_hex()
        name = rng.choice(surnames) + rng.choice(given)
        id_number = make_id_number(rng, regions, used_ids)
        home_city = info["city"] if rng.random() < 0.9 else rng.choice(cities[1:])
        vip = ""
        member_no = None
        roll = rng.random()
        if roll < 0.05:
            vip = rng.choice(["silver", "gold", "diamond"])
            vip_seq += 1
            member_no = f"VIP{vip_seq:06d}"
        phone = rng.choice(PHONE_PREFIXES) + f"{phones[phone_i]:08d}"
        phone_i += 1
        if i == 0:  # the showcase customer: a Jinan line the README's examples can name
            phone, id_number, home_city = SHOWCASE_PHONE, SHOWCASE_ID_NUMBER, info["city"]
        elif phone == SHOWCASE_PHONE:
            phone = rng.choice(PHONE_PREFIXES[1:]) + f"{phones[phone_i]:08d}"
        address = f"{home_city}市{rng.choice(streets)}"
        customer_rows.append((cid, name, id_number, phone, address, vip, member_no, home_city, now_text, 0, "resident",
                              info["code"]))
        n_accounts = 2 if rng.random() < 0.08 else 1
        for k in range(n_accounts):
            aid = uuid7_hex()
            if k:
                phone = rng.choice(PHONE_PREFIXES) + f"{phones[phone_i]:08d}"
                phone_i += 1
                if phone == SHOWCASE_PHONE:
                    phone = rng.choice(PHONE_PREFIXES[1:]) + f"{phones[phone_i]:08d}"
            plan = plans[rng.randrange(len(plans))]
            balance = rng.randrange(-5000, 20000)
            account_rows.append((aid, cid, phone, plan.code, None, "", "active", balance, service_hash,
                                 home_city, opened, 0))
            if balance:  # the ledger holds what the line was brought in with
                entry_rows.append((aid, aid, opening_period, "opening", balance, "", "", "", opened_at))
            serial = f"8986011{rng.randrange(10**12):012d}{len(sim_rows) % 10}"
            sim_id = uuid7_hex()
            sim_rows.append((sim_id, aid, serial, "active", now_text, None, f"{puk_rng.randrange(10**8):08d}"))
            subs = [s for s in services if rng.random() < 0.15]
            if i == 0 and k == 0 and not any(s.monthly_fee_fen for s in subs):
                subs.append(next(s for s in services if s.monthly_fee_fen))  # an SP charge to dispute
            sub_ids = {}
            for service in subs:
                start = (today - dt.timedelta(days=rng.randrange(30, 400))).isoformat()
                sub_id = uuid7_hex()
                sub_rows.append((sub_id, aid, service.code, start, None))
                sub_ids[sub_id] = service.code
            if len(accounts_meta) < detailed:
                accounts_meta.append((aid, phone, plan, subs, balance))
                lines.append(Line(uuid.UUID(hex=aid), phone, uuid.UUID(hex=cid), name, id_number, home_city,
                                  plan.code, sims=[serial], sim_ids=[sim_id], subs=sub_ids, vip_no=member_no or ""))
        if len(customer_rows) >= BATCH:
            _flush(customer_rows, account_rows, sim_rows, sub_rows, entry_rows)
            report("customers", i + 1, customers)
    _flush(customer_rows, account_rows, sim_rows, sub_rows, entry_rows)

    return accounts_meta, lines


def _cheaper_plan_line(lines: list[Line], tries: int = 200) -> list[str] | None:
    """The first demo line another plan would have cost less (消费引导), for the README."""
    from counter_app.services import guidance

    for line in lines[:tries]:
        account = Account.get_or_none(Account.id == line.id)
        if account is None:
            continue
        raw_id = Account._meta.primary_key.db_value(account.id)
        rec = guidance.compare(guidance.Line(raw_id, account.phone, account.plan_id), "en")
        if rec.best is not None:
            return [account.phone, f"a cheaper plan fits: {rec.best.code} saves {format_yuan(rec.saving_month_fen)} "
                                   "yuan a month (Ctrl+G at the counter, the kiosk bill)"]
    return None


def showcase(lines: list[Line], city: str) -> list[list[str]]:
    """The lines the README's examples use, with what each shows: the same in every demo of
    the same seed (the first is fixed in any demo)."""
    found = [[SHOWCASE_PHONE, "bills, detailed records (ID 370102199001011231), SP services, orders"]]
    vip = next((x for x in lines if x.vip_no), None)
    if vip is not None:
        found.append([vip.phone, f"VIP club member {vip.vip_no}: greeted at the counter, privileges on the bill"])
    cheaper = _cheaper_plan_line(lines)
    if cheaper is not None:
        found.append(cheaper)
    away = next((x for x in lines if x.home_city != city), None)
    if away is not None:
        found.append([away.phone, f"a {away.home_city} number: cross-city payment (异地缴费)"])
    return found


def _balances(account_ids: list[str]) -> dict[str, int]:
    sums = dict(LedgerEntry.select(LedgerEntry.account_id, fn.SUM(LedgerEntry.amount_fen))
                .where(LedgerEntry.account_id.in_(account_ids)).group_by(LedgerEntry.account_id).tuples())
    return {aid: int(sums.get(uuid.UUID(hex=aid), 0) or 0) for aid in account_ids}


ENTRY_COLUMNS = ["id", "account_id", "period", "kind", "amount_fen", "method", "ref", "hall", "posted_at"]


def _flush(customer_rows, account_rows, sim_rows, sub_rows, entry_rows) -> None:
    with db.atomic():
        bulk_insert(Customer, ["id", "name", "id_number", "phone", "address", "vip_tier", "vip_member_no",
                         "home_city", "created_at", "seq", "id_type", "hall"], customer_rows)
        bulk_insert(Account, ["id", "customer_id", "phone", "plan_id", "next_plan_id", "next_plan_from", "status",
                        "balance_fen", "service_password_hash", "home_city", "opened_at", "seq"], account_rows)
        bulk_insert(SimCard, ["id", "account_id", "serial", "status", "issued_at", "retired_at", "puk"], sim_rows)
        bulk_insert(SpSubscription, ["id", "account_id", "service_id", "start_date", "end_date"], sub_rows)
        bulk_insert(LedgerEntry, ENTRY_COLUMNS, entry_rows)
    customer_rows.clear()
    entry_rows.clear()
    account_rows.clear()
    sim_rows.clear()
    sub_rows.clear()


# How a demo line pays its bills (through the bank or online, in the month after the bill):
# on time, ahead (leaving credit), every other month, or never (arrears past the limit).
PAYERS = ("on_time", "ahead", "late", "never")


def _payer(rng: random.Random, n: int) -> str:
    if n % 20 == 3:  # a few lines in deep arrears
        return "never"
    return rng.choices(PAYERS[:3], weights=(75, 12, 13))[0]


def _demo_payment(rng: random.Random, payer: str, owed: int, index: int) -> int:
    if payer == "never" or (payer == "late" and index % 2) or (owed <= 0 and payer != "ahead"):
        return 0
    if payer == "ahead":  # rounds up to the next 50 yuan and 50 more
        return (max(owed, 0) // 5000 + 2) * 5000
    return owed


OTHER_PREFIXES = PHONE_PREFIXES + ("133", "139", "138")
CALL_KINDS = ("local",) * 7 + ("long",) * 2 + ("roam",)
_CLOCK: list[str] = []  # "HH:MM:SS" of every second from 07:00 to 23:00, made once


def _clock_texts() -> list[str]:
    if not _CLOCK:
        _CLOCK.extend(f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" for s in range(25_200, 82_800))
    return _CLOCK


def _usage_for(rng: random.Random, aid: str, period: str, cities: list[str]) -> list[tuple]:
    """A month of calls, messages and data sessions of one line, not yet rated (the bill run
    rates them under the plan in force and writes each record's fee).

    Made from ``rng.random()``, integer arithmetic and ready-made time texts only: the
    default demo makes a quarter of a million of these, and ``randrange``, ``choices`` and
    ``datetime`` cost several times as much per record."""
    year, month = map(int, period.split("-"))
    days = [f"{period}-{d:02d} " for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    clock_texts = _clock_texts()
    random_ = rng.random
    home = cities[0]
    span = len(days) * 57_600  # 07:00 to 23:00 of each day, in seconds
    rows = []
    for moment in sorted(int(random_() * span) for _ in range(8 + int(random_() * 13))):
        day, second = divmod(moment, 57_600)
        started = days[day] + clock_texts[second]
        number = int(random_() * 1_000_000_000)
        other = OTHER_PREFIXES[number // 100_000_000] + f"{number % 100_000_000:08d}"
        roll = number % 100  # the number's last digits are as random as a new draw
        if roll < 55:
            subtype = CALL_KINDS[number // 1000 % 10]
            direction = "in" if number // 100 % 3 == 0 else "out"
            location = cities[number // 10_000 % len(cities)] if subtype == "roam" else home
            rows.append((aid, period, "call", subtype, direction, started, other, location,
                         5 + number // 100_000 % 895, 0, 0))
        elif roll < 82:
            rows.append((aid, period, "sms", "", "out", started, other, home, 0, 0, 0))
        else:
            rows.append((aid, period, "data", "", "out", started, "CMNET", home, 0, 50 + number // 100 % 7950, 0))
    return rows
