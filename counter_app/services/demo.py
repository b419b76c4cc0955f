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
costs ~20x more), with their tables' indexes built after the load (``demo_load``); bills and
detailed records are made for every line up to :data:`DETAILED_ALL_UP_TO` lines (the first
``detailed`` ones when given), which keeps a million-customer build in minutes. docs/demo.md
has the figures.

The parts, each its own module: the hall and its staff (``demo_hall``), the customers and
their lines (``demo_people``), their detailed records (``demo_usage``), the bill months
(``demo_bills``), the working days (``demo_activity`` and the modules it names), the lines
the README shows (``demo_showcase``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from faker import Faker

from counter_app import clock
from counter_app.models import Account, Bill, Customer, LedgerEntry, SimCard, SpSubscription, UsageRecord
from counter_app.services.demo_bills import BillMonths
from counter_app.services.demo_hall import (
    DEMO_COUNTERS,
    DEMO_MANAGER_PIN,
    DEMO_PASSWORD,
    DEMO_SERVICE_PASSWORD,
    DEMO_STAFF,
    set_up_hall,
)
from counter_app.services.demo_load import indexes_after
from counter_app.services.demo_people import (
    SHOWCASE_ID_NUMBER,
    SHOWCASE_PHONE,
    CustomerLoader,
    RegionPicker,
    check_digit,
    draw_source,
    make_id_number,
)
from counter_app.services.demo_showcase import showcase
from counter_app.services.ledger import shift_month
from counter_app.services.passwords import hash_password
from counter_app.services.reference import load_reference_data, read_catalogue

__all__ = ["DEMO_COUNTERS", "DEMO_MANAGER_PIN", "DEMO_PASSWORD", "DEMO_SERVICE_PASSWORD", "DEMO_STAFF",
           "DETAILED_ALL_UP_TO", "SHOWCASE_ID_NUMBER", "SHOWCASE_PHONE", "DemoResult", "Progress", "RegionPicker",
           "build_demo", "check_digit", "make_id_number"]

if TYPE_CHECKING:
    from counter_app.services.demo_activity import HallActivity

Progress = Callable[[str, int, int], None]

# Every line gets six months of bills and detailed records up to this many lines (the default
# demo's 2,170 all do); a bigger demo gives them to its first lines only.
DETAILED_ALL_UP_TO = 3000


@dataclass
class DemoResult:
    hall: str
    customers: int
    accounts: int
    bills: int
    records: int
    activity: dict[str, int] = field(default_factory=dict)  # tickets, payments, orders, complaints of the working days
    showcase: list[list[str]] = field(default_factory=list)  # [phone, what it shows] for the README's examples


def _months_back(today: dt.date, count: int) -> list[str]:
    months: list[str] = []
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

    report("catalogue", 0, 1)
    load_reference_data()
    *passwords, pin_hash = list(staff_hashes)
    hashing.shutdown()
    set_up_hall(info, passwords, pin_hash)
    report("catalogue", 1, 1)
    if Customer.select().exists():
        return DemoResult(info["code"], Customer.select().count(), Account.select().count(),
                          Bill.select().count(), UsageRecord.select().count())

    months = _months_back(clock.today(), 6)
    source = draw_source(rng, puk_rng, fake, info, cities, customers, shift_month(months[0], -1))
    loader = CustomerLoader(source, detailed)
    report("customers", 0, customers)
    with indexes_after([Customer, Account, SimCard, SpSubscription, LedgerEntry]):  # built after the load
        loader.load(customers, report)
    report("customers", customers, customers)

    report("bills", 0, len(months))
    activity = _working_days(seed, days, info, cities, loader, source.service_hash)
    bills = BillMonths(rng, loader.detailed, cities, activity)
    made = bills.run(months, report)
    from counter_app.services.demo_supervision import build_supervision_demo

    build_supervision_demo(info["code"], seed)  # a month of drills and service checks
    return DemoResult(info["code"], customers, Account.select().count(), Bill.select().count(), bills.records,
                      activity=made, showcase=showcase(loader.lines[:len(loader.detailed)], info["city"]))


def _working_days(seed: int, days: int, info: dict[str, Any], cities: list[str], loader: CustomerLoader,
                  service_hash: str) -> HallActivity | None:
    """The hall's working days (their own random stream), or None without days."""
    if days <= 0:
        return None
    from counter_app.services.demo_activity import HallActivity
    from counter_app.services.session import terminal_id

    return HallActivity(rng=random.Random(seed + 2), hall=info, terminal=terminal_id(), lines=loader.lines,
                        now=clock.now(), days=days, cities=cities, service_hash=service_hash)
