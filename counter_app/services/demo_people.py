"""The demo's customers: names, ID numbers and addresses drawn from a seeded stream, each
customer's lines (one, sometimes two) with their plan, SIM card, SP subscriptions and opening
balance, written through ``executemany`` a batch of customers at a time (a million customers
stay in bounded memory). The first customer is the showcase line the README's examples name."""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from faker import Faker
from stdnum.cn import ric

from counter_app import clock
from counter_app.ids import uuid7_hex
from counter_app.models import (
    Account,
    Customer,
    LedgerEntry,
    SimCard,
    SpService,
    SpSubscription,
    TariffPlan,
    db,
)
from counter_app.services.demo_load import BATCH, bulk_insert
from counter_app.services.demo_rows import Line
from counter_app.services.passwords import hash_light
from counter_app.services.validation import id_region

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
# The showcase customer the README's examples use: the same number and ID card in every demo.
SHOWCASE_PHONE = "13012345678"
SHOWCASE_ID_NUMBER = "370102199001011231"
ENTRY_COLUMNS = ["id", "account_id", "period", "kind", "amount_fen", "method", "ref", "hall", "posted_at"]
# (account id, phone, plan, SP services, opening balance) of a line that gets bills
Detailed = tuple[str, str, TariffPlan, list[SpService], int]
# (customer id, name, ID number, home city, VIP member number) of a customer whose line is made
Person = tuple[str, str, str, str, str | None]


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


@dataclass
class Source:
    """What the customers, their lines, SIM cards and subscriptions are drawn from."""

    rng: random.Random
    puk_rng: random.Random
    info: dict[str, Any]
    cities: list[str]
    plans: list[TariffPlan]
    services: list[SpService]
    surnames: list[str]
    given: list[str]
    streets: list[str]
    service_hash: str
    phones: list[int]
    today: dt.date
    opening_period: str
    regions: RegionPicker = field(default_factory=RegionPicker)

    @property
    def opened(self) -> str:
        return (self.today - dt.timedelta(days=400)).isoformat()

    @property
    def opened_at(self) -> str:
        return f"{self.opening_period}-01 00:00:00"


def draw_source(rng: random.Random, puk_rng: random.Random, fake: Faker, info: dict[str, Any], cities: list[str],
                customers: int, opening_period: str) -> Source:
    """The plans, services, names and phone numbers the customers are made from (``rng``
    draws the numbers after ``fake`` the names, as it always did)."""
    plans = list(TariffPlan.select().order_by(TariffPlan.monthly_fee_fen))
    services = list(SpService.select())
    surnames = [fake.last_name() for _ in range(400)]
    given = [fake.first_name() for _ in range(3000)]
    streets = [fake.street_address() for _ in range(2000)]
    from counter_app.services.demo_hall import DEMO_SERVICE_PASSWORD

    service_hash = hash_light(DEMO_SERVICE_PASSWORD)
    phones = rng.sample(range(10**8), customers + customers // 10 + 10)
    return Source(rng, puk_rng, info, cities, plans, services, surnames, given, streets, service_hash, phones,
                  clock.today(), opening_period)


class CustomerLoader:
    """Makes the customers one by one and writes them ``BATCH`` at a time; keeps the lines
    that get bills (``detailed``) and the same lines as the working days see them (``lines``)."""

    def __init__(self, source: Source, detailed: int) -> None:
        self.source = source
        self.limit = detailed
        self.now_text = str(clock.now())
        self.used_ids: set[str] = set()
        self.customer_rows: list[tuple[Any, ...]] = []
        self.account_rows: list[tuple[Any, ...]] = []
        self.sim_rows: list[tuple[Any, ...]] = []
        self.sub_rows: list[tuple[Any, ...]] = []
        self.entry_rows: list[tuple[Any, ...]] = []
        self.detailed: list[Detailed] = []  # for bills
        self.lines: list[Line] = []  # the same lines, as the working days see them
        self.phone_i = 0
        self.vip_seq = 0

    def load(self, customers: int, report: Callable[[str, int, int], None]) -> None:
        for i in range(customers):
            self.customer(i)
            if len(self.customer_rows) >= BATCH:
                self.flush()
                report("customers", i + 1, customers)
        self.flush()

    def _phone(self) -> str:
        rng, phones = self.source.rng, self.source.phones
        phone = rng.choice(PHONE_PREFIXES) + f"{phones[self.phone_i]:08d}"
        self.phone_i += 1
        return phone

    def customer(self, i: int) -> None:
        src, rng = self.source, self.source.rng
        cid = uuid7_hex()
        name = rng.choice(src.surnames) + rng.choice(src.given)
        id_number = make_id_number(rng, src.regions, self.used_ids)
        home_city = src.info["city"] if rng.random() < 0.9 else rng.choice(src.cities[1:])
        vip = ""
        member_no = None
        roll = rng.random()
        if roll < 0.05:
            vip = rng.choice(["silver", "gold", "diamond"])
            self.vip_seq += 1
            member_no = f"VIP{self.vip_seq:06d}"
        phone = self._phone()
        if i == 0:  # the showcase customer: a Jinan line the README's examples can name
            phone, id_number, home_city = SHOWCASE_PHONE, SHOWCASE_ID_NUMBER, src.info["city"]
        elif phone == SHOWCASE_PHONE:
            phone = rng.choice(PHONE_PREFIXES[1:]) + f"{src.phones[self.phone_i]:08d}"
        address = f"{home_city}市{rng.choice(src.streets)}"
        self.customer_rows.append((cid, name, id_number, phone, address, vip, member_no, home_city, self.now_text, 0,
                                   "resident", src.info["code"]))
        n_accounts = 2 if rng.random() < 0.08 else 1
        for k in range(n_accounts):
            phone = self.line(i, k, (cid, name, id_number, home_city, member_no), phone)

    def line(self, i: int, k: int, person: Person, phone: str) -> str:
        """The customer's ``k``-th line (the first has the customer's phone); returns its phone."""
        src, rng = self.source, self.source.rng
        cid, name, id_number, home_city, member_no = person
        aid = uuid7_hex()
        if k:
            phone = self._phone()
            if phone == SHOWCASE_PHONE:
                phone = rng.choice(PHONE_PREFIXES[1:]) + f"{src.phones[self.phone_i]:08d}"
        plan = src.plans[rng.randrange(len(src.plans))]
        balance = rng.randrange(-5000, 20000)
        self.account_rows.append((aid, cid, phone, plan.code, None, "", "active", balance, src.service_hash,
                                  home_city, src.opened, 0))
        if balance:  # the ledger holds what the line was brought in with
            self.entry_rows.append((aid, aid, src.opening_period, "opening", balance, "", "", "", src.opened_at))
        serial = f"8986011{rng.randrange(10**12):012d}{len(self.sim_rows) % 10}"
        sim_id = uuid7_hex()
        self.sim_rows.append((sim_id, aid, serial, "active", self.now_text, None,
                              f"{src.puk_rng.randrange(10**8):08d}"))
        subs = [s for s in src.services if rng.random() < 0.15]
        if i == 0 and k == 0 and not any(s.monthly_fee_fen for s in subs):
            subs.append(next(s for s in src.services if s.monthly_fee_fen))  # an SP charge to dispute
        sub_ids = {}
        for service in subs:
            start = (src.today - dt.timedelta(days=rng.randrange(30, 400))).isoformat()
            sub_id = uuid7_hex()
            self.sub_rows.append((sub_id, aid, service.code, start, None))
            sub_ids[sub_id] = service.code
        if len(self.detailed) < self.limit:
            self.detailed.append((aid, phone, plan, subs, balance))
            self.lines.append(Line(uuid.UUID(hex=aid), phone, uuid.UUID(hex=cid), name, id_number, home_city,
                                   plan.code, sims=[serial], sim_ids=[sim_id], subs=sub_ids, vip_no=member_no or ""))
        return phone

    def flush(self) -> None:
        with db.atomic():
            bulk_insert(Customer, ["id", "name", "id_number", "phone", "address", "vip_tier", "vip_member_no",
                                   "home_city", "created_at", "seq", "id_type", "hall"], self.customer_rows)
            bulk_insert(Account, ["id", "customer_id", "phone", "plan_id", "next_plan_id", "next_plan_from",
                                  "status", "balance_fen", "service_password_hash", "home_city", "opened_at", "seq"],
                        self.account_rows)
            bulk_insert(SimCard, ["id", "account_id", "serial", "status", "issued_at", "retired_at", "puk"],
                        self.sim_rows)
            bulk_insert(SpSubscription, ["id", "account_id", "service_id", "start_date", "end_date"], self.sub_rows)
            bulk_insert(LedgerEntry, ENTRY_COLUMNS, self.entry_rows)
        for rows in (self.customer_rows, self.entry_rows, self.account_rows, self.sim_rows, self.sub_rows):
            rows.clear()
