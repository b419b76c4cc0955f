"""What a business order changes, and how a void undoes it.

Each business type names an ``effect`` in the catalogue; this module maps effect names to an
``apply`` and an ``undo``. Both run inside the order's transaction (``services.orders``), so
an effect that fails leaves nothing behind. ``apply`` returns ``effect_data``: what it changed,
stored on the order, which is everything ``undo`` needs. Effects check the state they change
(a suspended line cannot be suspended twice) and raise ``Conflict`` with a clear message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from counter_app import clock
from counter_app.errors import Conflict, UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import (
    Account,
    Customer,
    Job,
    SimCard,
    SpSubscription,
    TariffPlan,
    ValueCardSale,
)
from counter_app.services.catalogue import Business, as_uuid


@dataclass
class EffectContext:
    session: Any
    biz: Business
    order_id: Any
    account: Account | None
    customer: Customer | None
    values: dict[str, Any]
    secrets: dict[str, str] = field(default_factory=dict)
    # Set by an effect: the line and customer the order ends up belonging to, and a fee that
    # depends on the form (value cards: the face value of the cards sold).
    fee_fen: int | None = None

    @property
    def today(self) -> dt.date:
        return clock.today()


Apply = Callable[[EffectContext], dict]
Undo = Callable[[EffectContext, dict], None]
_EFFECTS: dict[str, tuple[Apply, Undo | None]] = {}


def effect(name: str, undo: Undo | None = None):
    def register(func: Apply) -> Apply:
        _EFFECTS[name] = (func, undo)
        return func
    return register


def known_effects() -> set[str]:
    return set(_EFFECTS) | {"payment"}


def apply(ctx: EffectContext) -> dict:
    if ctx.biz.effect not in _EFFECTS:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The business “{code}” has an effect this terminal does not know "
                                                    "({effect}); update the software."),
                        code=ctx.biz.code, effect=ctx.biz.effect)
    return _EFFECTS[ctx.biz.effect][0](ctx)


def undo(ctx: EffectContext, data: dict) -> None:
    undoer = _EFFECTS.get(ctx.biz.effect, (None, None))[1]
    if undoer is None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "A “{business}” order cannot be voided."), business=ctx.biz.name_zh)
    undoer(ctx, data)


def _line(ctx: EffectContext) -> Account:
    # Re-read inside the transaction: another counter may have changed the line meanwhile.
    return Account.get_by_id(ctx.account.id)


def _month_start(day: dt.date, months_ahead: int) -> str:
    index = day.year * 12 + day.month - 1 + months_ahead
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# -- records only -----------------------------------------------------------------------------


@effect("record", undo=lambda ctx, data: None)
def _record(ctx: EffectContext) -> dict:
    return {}


@effect("puk_unlock", undo=lambda ctx, data: None)
def _puk(ctx: EffectContext) -> dict:
    sim = SimCard.get_or_none((SimCard.account == ctx.account.id) & (SimCard.status == "active"))
    if sim is None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} has no active SIM card to unlock."),
                       phone=ctx.account.phone)
    return {"sim_serial": sim.serial}


# -- plan -------------------------------------------------------------------------------------


def _undo_plan(ctx: EffectContext, data: dict) -> None:
    Account.update(next_plan=data.get("previous_next_plan"), next_plan_from=data.get("previous_next_from", "")
                   ).where(Account.id == ctx.account.id).execute()


@effect("plan_change", undo=_undo_plan)
def _plan_change(ctx: EffectContext) -> dict:
    line = _line(ctx)
    new_plan = TariffPlan.get_by_id(ctx.values["plan"])
    if new_plan.code == line.plan_id:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line is already on this plan; choose another one."))
    effective = _month_start(ctx.today, 1)
    data = {"previous_next_plan": line.next_plan_id, "previous_next_from": line.next_plan_from,
            "from_plan": line.plan_id, "to_plan": new_plan.code, "effective": effective}
    Account.update(next_plan=new_plan.code, next_plan_from=effective).where(Account.id == line.id).execute()
    return data


def apply_due_plan_changes(period: str) -> int:
    """Billing-month roll-over: plan changes due by ``period`` (YYYY-MM) take effect."""
    due = Account.select().where(Account.next_plan.is_null(False) & (Account.next_plan_from <= period))
    count = 0
    for line in due:
        Account.update(plan=line.next_plan_id, next_plan=None, next_plan_from="").where(Account.id == line.id).execute()
        count += 1
    return count


# -- line status ------------------------------------------------------------------------------

_STATUS_RULES = {
    # effect: (allowed from, to)
    "suspend": (("active",), "suspended"),
    "resume": (("suspended",), "active"),
    "loss_report": (("active", "suspended"), "lost"),
}


def _undo_status(ctx: EffectContext, data: dict) -> None:
    Account.update(status=data["previous_status"]).where(Account.id == ctx.account.id).execute()


def _status_effect(name: str) -> None:
    allowed, target = _STATUS_RULES[name]

    def run(ctx: EffectContext) -> dict:
        line = _line(ctx)
        if line.status not in allowed:
            if name == "resume" and line.status == "lost":
                raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} was reported lost: it resumes when a "
                                                           "new SIM card is issued (SIM replacement)."), phone=line.phone)
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} is {status}; this business needs it {allowed}."),
                           phone=line.phone, status=line.status, allowed=" / ".join(allowed))
        Account.update(status=target).where(Account.id == line.id).execute()
        return {"previous_status": line.status, "status": target}

    effect(name, undo=_undo_status)(run)


for _name in _STATUS_RULES:
    _status_effect(_name)


# -- SIM --------------------------------------------------------------------------------------


def _undo_sim(ctx: EffectContext, data: dict) -> None:
    SimCard.delete().where(SimCard.id == data["new_sim_id"]).execute()
    SimCard.update(status="active", retired_at=None).where(SimCard.id.in_(data["retired_ids"])).execute()
    Account.update(status=data["previous_status"]).where(Account.id == ctx.account.id).execute()


@effect("sim_replace", undo=_undo_sim)
def _sim_replace(ctx: EffectContext) -> dict:
    line = _line(ctx)
    if line.status == "closed":
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} is closed."), phone=line.phone)
    old = list(SimCard.select().where((SimCard.account == line.id) & (SimCard.status == "active")))
    now = clock.now()
    SimCard.update(status="retired", retired_at=now).where(SimCard.id.in_([s.id for s in old])).execute()
    new = SimCard.create(account=line.id, serial=ctx.values["sim_serial"], status="active", issued_at=now)
    # A line reported lost comes back with its new card.
    status = "active" if line.status == "lost" else line.status
    Account.update(status=status).where(Account.id == line.id).execute()
    return {"retired_ids": [s.id.hex for s in old], "retired_serials": [s.serial for s in old],
            "new_sim_id": new.id.hex, "new_serial": new.serial, "previous_status": line.status}


# -- SP services ------------------------------------------------------------------------------


def _undo_sp_subscribe(ctx: EffectContext, data: dict) -> None:
    SpSubscription.delete().where(SpSubscription.id == as_uuid(data["subscription_id"])).execute()


@effect("sp_subscribe", undo=_undo_sp_subscribe)
def _sp_subscribe(ctx: EffectContext) -> dict:
    code = ctx.values["service"]
    if SpSubscription.select().where((SpSubscription.account == ctx.account.id) & (SpSubscription.service == code)
                                     & SpSubscription.end_date.is_null()).exists():
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line already has this service."))
    row = SpSubscription.create(account=ctx.account.id, service=code, start_date=ctx.today)
    return {"subscription_id": row.id.hex, "service": code}


def _undo_sp_cancel(ctx: EffectContext, data: dict) -> None:
    SpSubscription.update(end_date=None).where(SpSubscription.id == as_uuid(data["subscription_id"])).execute()


@effect("sp_cancel", undo=_undo_sp_cancel)
def _sp_cancel(ctx: EffectContext) -> dict:
    sub_id = as_uuid(ctx.values["subscription"])
    # Today is the last day charged: the catalogue's terms say "no charge from tomorrow".
    changed = (SpSubscription.update(end_date=ctx.today)
               .where((SpSubscription.id == sub_id) & (SpSubscription.account == ctx.account.id)
                      & SpSubscription.end_date.is_null()).execute())
    if not changed:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "This subscription has already ended."))
    return {"subscription_id": sub_id.hex, "service": SpSubscription.get_by_id(sub_id).service_id}


# -- jobs and sales ---------------------------------------------------------------------------


def _undo_job(ctx: EffectContext, data: dict) -> None:
    job = Job.get_by_id(as_uuid(data["job_id"]))
    job.status = "cancelled"
    job.save()


@effect("job", undo=_undo_job)
def _job(ctx: EffectContext) -> dict:
    job = Job.create(hall=ctx.session.hall_code, terminal=ctx.session.terminal_id, order_id=ctx.order_id,
                     kind=ctx.biz.code, status="open", detail=dict(ctx.values))
    return {"job_id": job.id.hex}


def _undo_value_card(ctx: EffectContext, data: dict) -> None:
    for sale in ValueCardSale.select().where(ValueCardSale.order_id == ctx.order_id):
        sale.status = "voided"
        sale.save()


@effect("value_card", undo=_undo_value_card)
def _value_card(ctx: EffectContext) -> dict:
    face = int(ctx.values["face_value"])
    serials = ctx.values["serials"]
    for serial in serials:
        if ValueCardSale.select().where((ValueCardSale.serial == serial) & (ValueCardSale.status == "sold")).exists():
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "The card {serial} has already been sold."), serial=serial)
        ValueCardSale.create(hall=ctx.session.hall_code, terminal=ctx.session.terminal_id, order_id=ctx.order_id,
                             serial=serial, face_value_fen=face, status="sold")
    ctx.fee_fen = face * len(serials)
    return {"serials": serials, "face_value_fen": face}


# -- new subscription -------------------------------------------------------------------------


def _undo_new_subscription(ctx: EffectContext, data: dict) -> None:
    account_id = as_uuid(data["account_id"])
    now = clock.now()
    Account.update(status="closed").where(Account.id == account_id).execute()
    SimCard.update(status="retired", retired_at=now).where(SimCard.account == account_id).execute()


@effect("new_subscription", undo=_undo_new_subscription)
def _new_subscription(ctx: EffectContext) -> dict:
    from counter_app.services.passwords import hash_light

    values = ctx.values
    customer = Customer.get_or_none(Customer.id_number == values["id_number"])
    created = customer is None
    if customer is not None and customer.name != values["name"]:
        # Real-name rule: the name on the card must be the one registered with this ID.
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The ID number is registered to another name; check the "
                                                          "name on the ID card."), field="name")
    if Account.select().where(Account.phone == values["new_phone"]).exists():
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The number {phone} is already in use."), phone=values["new_phone"])
    city = ctx.session.hall.city
    if created:
        customer = Customer.create(name=values["name"], id_number=values["id_number"], phone=values["new_phone"],
                                   address=values.get("address", ""), home_city=city)
    elif values.get("address"):
        Customer.update(address=values["address"]).where(Customer.id == customer.id).execute()
    account = Account.create(customer=customer.id, phone=values["new_phone"], plan=values["plan"], status="active",
                             balance_fen=0, service_password_hash=hash_light(ctx.secrets["service_password"]),
                             home_city=city, opened_at=ctx.today)
    sim = SimCard.create(account=account.id, serial=values["sim_serial"], status="active", issued_at=clock.now())
    ctx.account, ctx.customer = account, customer
    return {"customer_id": customer.id.hex, "customer_created": created, "account_id": account.id.hex,
            "sim_id": sim.id.hex}


# -- complaints -------------------------------------------------------------------------------


@effect("complaint")
def _complaint(ctx: EffectContext) -> dict:
    from counter_app.services.complaints import open_complaint  # complaints builds on orders

    values = ctx.values
    linked: list[dict] = []
    if values.get("subscription"):
        sub = SpSubscription.get_by_id(as_uuid(values["subscription"]))
        linked.append({"kind": "sp_subscription", "id": sub.id.hex, "service_code": sub.service_id})
    complaint = open_complaint(
        ctx.session, customer_id=ctx.customer.id if ctx.customer else None,
        account_id=ctx.account.id if ctx.account else None, phone=ctx.account.phone if ctx.account else "",
        category=values.get("category") or "sp_charge", description=values.get("description", ""),
        wish=values.get("wish", ""), linked=linked, order_id=ctx.order_id)
    return {"complaint_id": complaint.id.hex, "complaint_no": complaint.complaint_no}
