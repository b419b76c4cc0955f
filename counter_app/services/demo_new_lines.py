"""New lines and new owners at the demo hall's counters: a new subscription (customer, line
and SIM card) and a transfer of a line to another person.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from counter_app.ids import uuid7
from counter_app.models import (
    Account,
    Customer,
    SimCard,
)
from counter_app.services.demo_rows import Business, Line, Visit, _mask, _pick
from counter_app.services.demo_state import DayState


def _new_id(rng: random.Random, n: int) -> str:
    from counter_app.services.demo_people import check_digit

    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 40))
    body = f"370103{birth:%Y%m%d}{(700 + n) % 1000:03d}"
    return body + check_digit(body)


class NewLines(DayState):
    """Orders that make a customer: new subscriptions and transfers."""

    def _biz_new_subscription(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business:
        rng = self.rng
        customer_id, account_id = uuid7(), uuid7()
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        id_number = self._free_id()
        phone = self._free_phone()
        plan = rng.choice(self.plans)
        serial = self._new_serial()
        address = f"{self.city}市历下区泉城路{rng.randrange(1, 300)}号"
        self.writer.add(Customer, id=customer_id, name=name, id_number=id_number, phone=phone, address=address,
                        vip_tier="", vip_member_no=None, home_city=self.city, created_at=at, seq=0, id_type="resident",
                        hall=self.hall)
        from counter_app.services.passwords import hash_light

        self.writer.add(Account, id=account_id, customer=customer_id, phone=phone, plan=plan, next_plan=None,
                        next_plan_from="", status="active", balance_fen=0,
                        service_password_hash=self._light(hash_light), home_city=self.city, opened_at=day, seq=0)
        sim_id = uuid7()
        self.writer.add(SimCard, id=sim_id, account=account_id, serial=serial, status="active", issued_at=at,
                        retired_at=None, puk=f"{rng.randrange(10**8):08d}")
        line = Line(account_id, phone, customer_id, name, id_number, self.city, plan, sims=[serial],
                    sim_ids=[sim_id.hex], opened=day)
        self.lines.append(line)
        self.by_id[account_id] = line
        self.new_lines.append(line)
        names = self._plan_names()
        values = {"name": name, "id_type": "resident", "id_number": id_number, "birth_date": "", "address": address,
                  "new_phone": phone, "plan": plan, "sim_serial": serial}
        shown = {"name": name, "id_type": "居民身份证", "id_number": id_number[:6] + "********" + id_number[-4:],
                 "address": address, "new_phone": phone, "plan": names[plan], "sim_serial": serial,
                 "service_password": "******"}
        effect = {"customer_id": customer_id.hex, "customer_created": True, "account_id": account_id.hex,
                  "sim_id": sim_id.hex, "real_name": {"holder": "resident"}}
        return ("new_subscription", line, customer_id, values, shown, effect,
                self.business["new_subscription"].fee_fen, _pick(rng, (("cash", 60), ("pos", 40))))

    def _free_phone(self) -> str:
        """A number no line has (the demo's numbers are random, so it is asked)."""
        while True:
            phone = f"186{self.rng.randrange(10**8):08d}"
            if phone not in self._issued and not Account.select().where(Account.phone == phone).exists():
                self._issued.add(phone)
                return phone

    def _free_id(self) -> str:
        while True:
            self._new_people += 1
            value = _new_id(self.rng, self._new_people)
            if value not in self._issued and not Customer.select().where(Customer.id_number == value).exists():
                self._issued.add(value)
                return value

    def _light(self, hash_light: Callable[[str], str]) -> str:
        if not hasattr(self, "_password_hash"):
            from counter_app.services.demo_hall import DEMO_SERVICE_PASSWORD

            self._password_hash = hash_light(DEMO_SERVICE_PASSWORD)
        return self._password_hash

    def _biz_transfer(self, day: dt.date, visit: Visit, at: dt.datetime) -> Business | None:
        line = self.find(lambda x: x.status == "active" and x.opened is None)
        if line is None:
            return None
        rng = self.rng
        new_id, new_name = self._free_id(), rng.choice(SURNAMES) + rng.choice(GIVEN)
        customer_id = uuid7()
        address = f"{self.city}市市中区经七路{rng.randrange(1, 300)}号"
        self.writer.add(Customer, id=customer_id, name=new_name, id_number=new_id, phone=line.phone, address=address,
                        vip_tier="", vip_member_no=None, home_city=self.city, created_at=at, seq=0, id_type="resident",
                        hall=self.hall)
        old_hash = self.service_hash
        self.writer.later("UPDATE account SET customer_id = ? WHERE id = ?", customer_id.hex, line.id.hex)
        effect = {"previous_customer_id": line.customer_id.hex, "customer_id": customer_id.hex,
                  "customer_created": True, "previous_password_hash": old_hash}
        values = {**self._base(line), "owner": line.name, "owner_id_number": line.id_number, "new_name": new_name,
                  "new_id_number": new_id, "new_address": address}
        shown = {"phone": line.phone, "owner": line.name, "owner_id_number": _mask(line.id_number),
                 "new_name": new_name, "new_id_number": _mask(new_id), "new_address": address,
                 "service_password": "******"}
        line.customer_id, line.name, line.id_number = customer_id, new_name, new_id
        return ("transfer", line, customer_id, values, shown, effect, 0, "")


SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭")

GIVEN = ("伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超")
