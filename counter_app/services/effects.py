"""What a business order changes, and how a void undoes it.

Each business type names an ``effect`` in the catalogue; this module maps effect names to an
``apply`` and an ``undo``. Both run inside the order's transaction (``services.orders``), so
an effect that fails leaves nothing behind. ``apply`` returns ``effect_data``: what it changed,
stored on the order, which is everything ``undo`` needs. Which states a business accepts and
which it leaves is ``services.lifecycle``'s: ``orders.check_allowed`` asks it before an effect
runs. An undo is a compensation computed against the line's current state: it first checks
that the line is still as the order left it (``orders.void`` has already refused the void when
a later business depends on the order) and raises ``Conflict`` otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from counter_app import clock
from counter_app.errors import Conflict, UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.ids import as_uuid
from counter_app.models import (
    Account,
    Customer,
    Job,
    SimCard,
    SpSubscription,
    TariffPlan,
    ValueCardSale,
)
from counter_app.models.base import to_payload
from counter_app.services import lifecycle
from counter_app.services.catalogue import Business


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
    # Set for a void: the order being undone.
    order_no: str = ""
    order_date: dt.date | None = None

    @property
    def today(self) -> dt.date:
        return clock.today()


Apply = Callable[[EffectContext], dict[str, Any]]
Undo = Callable[[EffectContext, dict[str, Any]], None]
_EFFECTS: dict[str, tuple[Apply, Undo | None]] = {}


def effect(name: str, undo: Undo | None = None) -> Callable[[Apply], Apply]:
    def register(func: Apply) -> Apply:
        _EFFECTS[name] = (func, undo)
        return func
    return register


def known_effects() -> set[str]:
    return set(_EFFECTS) | {"payment"}


def apply(ctx: EffectContext) -> dict[str, Any]:
    if ctx.biz.effect not in _EFFECTS:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The business “{code}” has an effect this terminal does not know "
                                                    "({effect}); update the software."),
                        code=ctx.biz.code, effect=ctx.biz.effect)
    return _EFFECTS[ctx.biz.effect][0](ctx)


def undo(ctx: EffectContext, data: dict[str, Any]) -> None:
    undoer = _EFFECTS.get(ctx.biz.effect, (None, None))[1]
    if undoer is None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "A “{business}” order cannot be voided."), business=ctx.biz.name_zh)
    undoer(ctx, data)


def _line(ctx: EffectContext) -> Account:
    # Re-read inside the transaction: another counter may have changed the line meanwhile.
    return Account.get_by_id(_account(ctx).id)


def _account(ctx: EffectContext) -> Account:  # the order's line: an effect on a line needs one
    if ctx.account is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Find the customer first."), field="customer")
    return ctx.account


def _month_start(day: dt.date, months_ahead: int) -> str:
    index = day.year * 12 + day.month - 1 + months_ahead
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# -- records only -----------------------------------------------------------------------------


@effect("record", undo=lambda ctx, data: None)
def _record(ctx: EffectContext) -> dict[str, Any]:
    return {}


@effect("puk_unlock", undo=lambda ctx, data: None)
def _puk(ctx: EffectContext) -> dict[str, Any]:
    sim = SimCard.get_or_none((SimCard.account == _account(ctx).id) & (SimCard.status == "active"))
    if sim is None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} has no active SIM card to unlock."),
                       phone=_account(ctx).phone)
    return {"sim_serial": sim.serial}


# -- plan -------------------------------------------------------------------------------------


def _undo_plan(ctx: EffectContext, data: dict[str, Any]) -> None:
    line = _line(ctx)
    if (line.next_plan_id, line.next_plan_from) != (data.get("to_plan"), data.get("effective")):
        raise lifecycle.changed_since(ctx.order_no)
    Account.update(next_plan=data.get("previous_next_plan"), next_plan_from=data.get("previous_next_from", "")
                   ).where(Account.id == _account(ctx).id).execute()


@effect("plan_change", undo=_undo_plan)
def _plan_change(ctx: EffectContext) -> dict[str, Any]:
    line = _line(ctx)
    new_plan = TariffPlan.get_by_id(ctx.values["plan"])
    if new_plan.code == line.plan_id:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line is already on this plan; choose another one."))
    effective = _month_start(ctx.today, 1)
    if new_plan.code == line.next_plan_id and line.next_plan_from == effective:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line already changes to this plan from {month}."),
                       month=effective)
    # A second change in the same month replaces the pending one; the data keeps it for a void.
    data = {"previous_next_plan": line.next_plan_id, "previous_next_from": line.next_plan_from,
            "from_plan": line.plan_id, "to_plan": new_plan.code, "effective": effective}
    Account.update(next_plan=new_plan.code, next_plan_from=effective).where(Account.id == line.id).execute()
    return data


def apply_due_plan_changes(period: str) -> int:
    """Billing-month roll-over: plan changes due by ``period`` (YYYY-MM) take effect."""
    return lifecycle.apply_due_plan_changes(period)


# -- line status ------------------------------------------------------------------------------


def _undo_status(ctx: EffectContext, data: dict[str, Any]) -> None:
    line = _line(ctx)
    if line.status != data["status"]:
        raise lifecycle.changed_since(ctx.order_no)
    Account.update(status=data["previous_status"]).where(Account.id == line.id).execute()


def _status_effect(name: str) -> None:
    def run(ctx: EffectContext) -> dict[str, Any]:
        line = _line(ctx)
        target = lifecycle.next_status(ctx.biz.code, name, line)
        Account.update(status=target).where(Account.id == line.id).execute()
        data = {"previous_status": line.status, "status": target}
        sims = lifecycle.issued_sims(line.id)
        if sims:
            data["sim_serial"] = sims[-1].serial  # the card reported lost, or found again
        return data

    effect(name, undo=_undo_status)(run)


for _name in lifecycle.STATUS_EFFECTS:
    _status_effect(_name)


# -- SIM --------------------------------------------------------------------------------------


def _undo_sim(ctx: EffectContext, data: dict[str, Any]) -> None:
    line = _line(ctx)
    issued = [s.id.hex for s in lifecycle.issued_sims(line.id)]
    status_after = data.get("status", data["previous_status"] if data["previous_status"] != "lost" else "active")
    status_changed = status_after != data["previous_status"]
    if issued != [data["new_sim_id"]] or (status_changed and line.status != status_after):
        raise lifecycle.changed_since(ctx.order_no)
    SimCard.delete().where(SimCard.id == as_uuid(data["new_sim_id"])).execute()
    SimCard.update(status=lifecycle.SIM_ISSUED, retired_at=None).where(
        SimCard.id.in_([as_uuid(i) for i in data["retired_ids"]])).execute()
    if status_changed:
        Account.update(status=data["previous_status"]).where(Account.id == line.id).execute()


@effect("sim_replace", undo=_undo_sim)
def _sim_replace(ctx: EffectContext) -> dict[str, Any]:
    line = _line(ctx)
    old = lifecycle.issued_sims(line.id)
    now = clock.now()
    SimCard.update(status=lifecycle.SIM_RETIRED, retired_at=now).where(SimCard.id.in_([s.id for s in old])).execute()
    new = SimCard.create(account=line.id, serial=ctx.values["sim_serial"], status=lifecycle.SIM_ISSUED, issued_at=now)
    status = lifecycle.next_status(ctx.biz.code, "sim_replace", line)  # a lost line comes back with its new card
    Account.update(status=status).where(Account.id == line.id).execute()
    # Every column of the new card (its PUK too) and the retirement time: the hub makes the
    # same rows from the pushed order (sync/hub_orders.py). Older orders lack both.
    new_sim = {"id": new.id.hex, "serial": new.serial, "status": new.status, "issued_at": now.isoformat(sep=" "),
               "puk": new.puk}
    return {"retired_ids": [s.id.hex for s in old], "retired_serials": [s.serial for s in old],
            "new_sim_id": new.id.hex, "new_serial": new.serial, "previous_status": line.status, "status": status,
            "new_sim": new_sim, "retired_at": now.isoformat(sep=" ")}


# -- SP services ------------------------------------------------------------------------------


def _undo_sp_subscribe(ctx: EffectContext, data: dict[str, Any]) -> None:
    deleted = SpSubscription.delete().where((SpSubscription.id == as_uuid(data["subscription_id"]))
                                            & SpSubscription.end_date.is_null()).execute()
    if not deleted:
        raise lifecycle.changed_since(ctx.order_no)


@effect("sp_subscribe", undo=_undo_sp_subscribe)
def _sp_subscribe(ctx: EffectContext) -> dict[str, Any]:
    code, account = ctx.values["service"], _account(ctx)
    if SpSubscription.select().where((SpSubscription.account == account.id) & (SpSubscription.service == code)
                                     & SpSubscription.end_date.is_null()).exists():
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line already has this service."))
    row = SpSubscription.create(account=account.id, service=code, start_date=ctx.today)
    return {"subscription_id": row.id.hex, "service": code}


def _undo_sp_cancel(ctx: EffectContext, data: dict[str, Any]) -> None:
    ended = dt.date.fromisoformat(data["end_date"]) if data.get("end_date") else ctx.order_date
    changed = SpSubscription.update(end_date=None).where((SpSubscription.id == as_uuid(data["subscription_id"]))
                                                         & (SpSubscription.end_date == ended)).execute()
    if not changed:
        raise lifecycle.changed_since(ctx.order_no)


@effect("sp_cancel", undo=_undo_sp_cancel)
def _sp_cancel(ctx: EffectContext) -> dict[str, Any]:
    sub_id = as_uuid(ctx.values["subscription"])
    # Today is the last day charged: the catalogue's terms say "no charge from tomorrow".
    changed = (SpSubscription.update(end_date=ctx.today)
               .where((SpSubscription.id == sub_id) & (SpSubscription.account == _account(ctx).id)
                      & SpSubscription.end_date.is_null()).execute())
    if not changed:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "This subscription has already ended."))
    return {"subscription_id": sub_id.hex, "service": SpSubscription.get_by_id(sub_id).service_id,
            "end_date": ctx.today.isoformat()}


# -- jobs and sales ---------------------------------------------------------------------------


def _undo_job(ctx: EffectContext, data: dict[str, Any]) -> None:
    job = Job.get_by_id(as_uuid(data["job_id"]))
    if job.status != "open":
        raise lifecycle.changed_since(ctx.order_no)
    job.status = "cancelled"
    job.save()


@effect("job", undo=_undo_job)
def _job(ctx: EffectContext) -> dict[str, Any]:
    job = Job.create(hall=ctx.session.hall_code, terminal=ctx.session.terminal_id, order_id=ctx.order_id,
                     kind=ctx.biz.code, status="open", detail=dict(ctx.values))
    return {"job_id": job.id.hex, "kind": job.kind}


# -- repair jobs: done, then picked up with the claim slip ---------------------------------------


def _job_step(name: str, before: str, after: str, field_name: str) -> None:
    def undo(ctx: EffectContext, data: dict[str, Any]) -> None:
        changed = (Job.update(status=before, detail=data["previous_detail"])
                   .where((Job.id == as_uuid(data["job_id"])) & (Job.status == after)).execute())
        if not changed:
            raise lifecycle.changed_since(ctx.order_no)

    def run(ctx: EffectContext) -> dict[str, Any]:
        job = Job.get_or_none(Job.id == as_uuid(ctx.values[field_name]))
        if job is None or job.status != before:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "This repair job has changed meanwhile; open the form again."))
        previous = dict(job.detail or {})
        detail = dict(previous)
        if name == "job_close":
            detail.update(result=ctx.values.get("result", ""), charge_fen=int(ctx.values.get("charge") or 0),
                          note=ctx.values.get("note", ""), done_order=str(ctx.order_id))
        else:
            detail.update(picked_up_order=str(ctx.order_id))
            ctx.fee_fen = int(previous.get("charge_fen") or 0)  # what the close said is due at pickup
        Job.update(status=after, detail=detail).where(Job.id == job.id).execute()
        return {"job_id": job.id.hex, "previous_detail": previous, "job_status": after}

    effect(name, undo=undo)(run)


_job_step("job_close", "open", "ready", "job")
_job_step("job_pickup", "ready", "picked_up", "claim")


def pickup_fee(job_id: str) -> int:
    """What a repair pickup takes: the charge its close recorded."""
    job = Job.get_or_none(Job.id == as_uuid(job_id))
    return int((job.detail or {}).get("charge_fen") or 0) if job else 0


def _undo_value_card(ctx: EffectContext, data: dict[str, Any]) -> None:
    for sale in ValueCardSale.select().where(ValueCardSale.order_id == ctx.order_id):
        sale.status = "voided"
        sale.save()


@effect("value_card", undo=_undo_value_card)
def _value_card(ctx: EffectContext) -> dict[str, Any]:
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


def _undo_new_subscription(ctx: EffectContext, data: dict[str, Any]) -> None:
    # The line never was: its number, its SIM card and (when this order registered them) the
    # customer's record are free again for the order done right. ``orders.void`` has refused
    # the void when anything else happened on the line since.
    account_id = as_uuid(data["account_id"])
    line = Account.get_or_none(Account.id == account_id)
    if line is None or line.status != lifecycle.ACTIVE:
        raise lifecycle.changed_since(ctx.order_no)
    SpSubscription.delete().where(SpSubscription.account == account_id).execute()
    SimCard.delete().where(SimCard.account == account_id).execute()
    Account.delete().where(Account.id == account_id).execute()
    customer_id = as_uuid(data["customer_id"])
    if data.get("customer_created") and not Account.select().where(Account.customer == customer_id).exists():
        Customer.delete().where(Customer.id == customer_id).execute()


@effect("new_subscription", undo=_undo_new_subscription)
def _new_subscription(ctx: EffectContext) -> dict[str, Any]:
    from counter_app.services import real_name
    from counter_app.services.passwords import hash_light

    values = ctx.values
    customer = Customer.get_or_none(Customer.id_number == values["id_number"])
    created = customer is None
    if customer is not None and customer.name != values["name"]:
        # Real-name rule: the name on the card must be the one registered with this ID.
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The ID number is registered to another name; check the "
                                                          "name on the ID card."), field="name")
    id_type = values.get("id_type") or "resident"
    if customer is not None and customer.id_type != id_type:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This number is registered with another type of document; "
                                                          "check the document type."), field="id_type")
    registration = real_name.check_registration(ctx.session, values)  # holder, guardian, agent, 一证五号
    if Account.select().where(Account.phone == values["new_phone"]).exists():
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The number {phone} is already in use."), phone=values["new_phone"])
    city = ctx.session.hall.city
    if customer is None:  # created
        customer = Customer.create(name=values["name"], id_number=values["id_number"], id_type=id_type,
                                   phone=values["new_phone"], address=values.get("address", ""), home_city=city,
                                   hall=ctx.session.hall_code)
    elif values.get("address"):
        Customer.update(address=values["address"]).where(Customer.id == customer.id).execute()
    account = Account.create(customer=customer.id, phone=values["new_phone"], plan=values["plan"], status="active",
                             balance_fen=0, service_password_hash=hash_light(ctx.secrets["service_password"]),
                             home_city=city, opened_at=ctx.today)
    sim = SimCard.create(account=account.id, serial=values["sim_serial"], status="active", issued_at=clock.now())
    ctx.account, ctx.customer = account, customer
    # The rows as written here, every column: the hub makes the same rows from the pushed order
    # (sync/hub_orders.py). Older orders lack them.
    rows = {"account": to_payload(account), "sim_card": to_payload(sim)}
    if created:
        rows["customer"] = to_payload(customer)
    return {"customer_id": customer.id.hex, "customer_created": created, "account_id": account.id.hex,
            "sim_id": sim.id.hex, "real_name": registration, "rows": rows}


# -- transfer of ownership (过户) ----------------------------------------------------------------


def _undo_transfer(ctx: EffectContext, data: dict[str, Any]) -> None:
    line = _line(ctx)
    new_owner = as_uuid(data["customer_id"])
    if line.customer_id != new_owner:
        raise lifecycle.changed_since(ctx.order_no)
    Account.update(customer=as_uuid(data["previous_customer_id"]),
                   service_password_hash=data["previous_password_hash"]).where(Account.id == line.id).execute()
    if data.get("customer_created") and not Account.select().where(Account.customer == new_owner).exists():
        Customer.delete().where(Customer.id == new_owner).execute()


@effect("transfer", undo=_undo_transfer)
def _transfer(ctx: EffectContext) -> dict[str, Any]:
    from counter_app.services.passwords import hash_light

    line = _line(ctx)
    owner = Customer.get_by_id(line.customer_id)
    values = ctx.values
    if values["owner_id_number"] != owner.id_number:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This ID number is not the one the number {phone} is "
                                                          "registered to: the current owner must show their own "
                                                          "ID card."), field="owner_id_number", phone=line.phone)
    if values["new_id_number"] == owner.id_number:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The new owner's ID number is the current owner's."),
                              field="new_id_number")
    new_owner = Customer.get_or_none(Customer.id_number == values["new_id_number"])
    created = new_owner is None
    if new_owner is not None and new_owner.name != values["new_name"]:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The ID number is registered to another name; check the "
                                                          "name on the ID card."), field="new_name")
    if new_owner is None:  # created; the line stays with its hall, so does the new owner's record
        new_owner = Customer.create(name=values["new_name"], id_number=values["new_id_number"], phone=line.phone,
                                    address=values.get("new_address", ""), home_city=ctx.session.hall.city,
                                    hall=owner.hall or ctx.session.hall_code)
    password_hash = hash_light(ctx.secrets["service_password"])
    Account.update(customer=new_owner.id, service_password_hash=password_hash).where(Account.id == line.id).execute()
    ctx.customer = new_owner
    # The new owner's record and password as written here: the hub makes the same change from the
    # pushed order (sync/hub_orders.py). Older orders lack them.
    return {"previous_customer_id": owner.id.hex, "customer_id": new_owner.id.hex, "customer_created": created,
            "previous_password_hash": line.service_password_hash, "password_hash": password_hash,
            "rows": {"customer": to_payload(new_owner)} if created else {}}


# Effects defined beside the rules they serve register themselves on import.
from counter_app.services import complaint_effects as _complaint_effects  # noqa: E402,F401
from counter_app.services import invoices as _invoices  # noqa: E402,F401
