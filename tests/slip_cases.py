"""One realistic order of each business of the catalogue, with the longest values a clerk
types (for the slip layout and QR tests)."""

from __future__ import annotations

from collections.abc import Iterator

from counter_app import clock
from counter_app.models import Account, Customer, Job, ServiceOrder, SpService, SpSubscription
from tests.service_data import submit

LONG = ("客户反映自本月起家中室内手机信号时有时无，通话经常中断，上网缓慢；" * 12).strip()
ADDRESS = "山东省济南市历下区泉城路街道泉城路188号恒隆广场写字楼A座二十三层2301室"


def _line() -> Account:
    return (Account.select().join(SpSubscription).where((Account.home_city == "济南") & (Account.status == "active")
                                                        & SpSubscription.end_date.is_null())
            .order_by(Account.phone).first())


def _free_service(line: Account) -> str:
    taken = {s.service_id for s in SpSubscription.select().where((SpSubscription.account == line.id)
                                                                 & SpSubscription.end_date.is_null())}
    return next(s.code for s in SpService.select().order_by(SpService.code) if s.code not in taken)


def _sub(line: Account) -> str:
    return SpSubscription.get((SpSubscription.account == line.id) & SpSubscription.end_date.is_null()).id.hex


def catalogue_orders(session, code: str, **overrides) -> Iterator[ServiceOrder]:
    """Orders of ``code`` as a clerk would do them (after what each needs first)."""
    line = _line()
    plan = "RY88" if line.plan_id != "RY88" else "RY58"
    values: dict = {
        "new_subscription": dict(name="欧阳明月", id_number="370102197501010017", address=ADDRESS,
                                 new_phone="18612345678", plan=plan, sim_serial="89860112345678901234",
                                 service_password="246810", id_checked=True, fee_method="pos",
                                 fee_reference="123456789012"),
        "plan_change": dict(plan=plan),
        "sim_replace": dict(sim_serial="89860112345678901235", reason="damaged", id_checked=True, fee_method="card",
                            fee_reference="PC2026112500001234"),
        "suspend": dict(reason="travel"),
        "resume": {},
        "loss_report": dict(lost_at="2026年11月24日晚在经十路公交车上遗失", id_checked=True),
        "puk_unlock": {},
        "sp_subscribe": dict(service=_free_service(line)),
        "sp_cancel": dict(subscription=_sub(line)),
        "sp_dispute": dict(subscription=_sub(line), description=LONG[:200]),
        "phonebook": dict(handset="摩托罗拉 MOTO RAZR V3 刀锋 银色", entries="350"),
        "repair_intake": dict(handset="诺基亚 Nokia N73 音乐版 黑色", imei="490154203237518", fault=LONG[:120]),
        "value_card": dict(face_value="10000", serials="VC0000001, VC0000002, VC0000003, VC0000004, VC0000005, "
                                                       "VC0000006, VC0000007, VC0000008", fee_method="cash"),
        "invoice": dict(month=f"{clock.today():%Y-%m}", buyer_type="company", tax_id="91110000600037341L",
                        title="山东省济南市历下区泉城路恒隆广场某某商贸有限责任公司"),
        "statement_print": dict(month="2026-10", id_checked=True),
        "complaint": dict(category="network", description=LONG[:300], wish="尽快派人检测室内信号并给予话费补偿"),
        "loss_cancel": dict(id_checked=True),
        "transfer": dict(owner_id_number=Customer.get_by_id(line.customer_id).id_number, new_name="欧阳明月",
                         new_id_number="370102197501010017", new_address=ADDRESS, service_password="112233",
                         id_checked=True),
        "repair_close": dict(result="repaired", charge="35", note="更换主板排线及电池，已通电测试十二小时正常"),
        "repair_pickup": dict(fee_method="pos", fee_reference="998877665544"),
    }[code]
    values.update(overrides)
    if code == "invoice":  # a request covers what the customer paid at the hall in the month
        from counter_app.services import payments

        payments.take_payment(session, account_id=line.id, method="pos", amount_fen=12345, reference="880099990000",
                              idempotency_key=f"slip-case-invoice-{line.id.hex}")
    if code == "resume":
        submit(session, "suspend", line, reason="travel")
    if code == "loss_cancel":
        submit(session, "loss_report", line, id_checked=True)
    if code == "invoice":  # a request covers what the customer paid in the month
        from counter_app.services import payments

        payments.take_payment(session, account_id=line.id, method="cash", amount_fen=5000,
                              idempotency_key=f"invoice-{line.id.hex}")
        values["month"] = clock.today().strftime("%Y-%m")
    if code in ("repair_close", "repair_pickup"):
        intake = submit(session, "repair_intake", line, handset="诺基亚 N73", imei="490154203237518", fault="不开机")
        job = Job.get(Job.order_id == intake.id)
        if code == "repair_close":
            values["job"] = job.id.hex
        else:
            submit(session, "repair_close", line, job=job.id.hex, result="repaired", charge="35")
            values["claim"] = intake.order_no
    account = None if code in ("new_subscription", "value_card") else line
    yield submit(session, code, account, **values)
