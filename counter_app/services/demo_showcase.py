"""The showcase lines printed at the end of ``counter-app demo``, which the README's examples
use: the fixed first customer, a VIP club member, a line another plan would have cost less,
another city's number."""

from __future__ import annotations

from counter_app.models import Account
from counter_app.models.rows import primary_key, stored_value
from counter_app.money import format_yuan
from counter_app.services.demo_people import SHOWCASE_PHONE
from counter_app.services.demo_rows import Line


def _cheaper_plan_line(lines: list[Line], tries: int = 200) -> list[str] | None:
    """The first demo line another plan would have cost less (消费引导), for the README."""
    from counter_app.services import guidance

    for line in lines[:tries]:
        account = Account.get_or_none(Account.id == line.id)
        if account is None:
            continue
        raw_id = stored_value(primary_key(Account), account.id)
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
