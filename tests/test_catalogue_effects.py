"""Every business of the catalogue does what its slip says, and a void undoes all of it.

For each business, as a clerk does it (after what it needs first): the acceptance slip is
printed and read back (pypdf), and the line, its cards, services, jobs, sales and money are
checked against what the slip says. Then the manager voids it where the business allows a
void: everything is as it was before the order (a fee is reversed by a new row, so the money
adds up to what it was), and the reprinted slip still names what was done, stamped 作废.
A business added to the catalogue without a row here fails the first test."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from counter_app.documents import slip
from counter_app.errors import Conflict
from counter_app.models import (
    Account,
    BusinessType,
    Complaint,
    Customer,
    InvoiceRequest,
    Job,
    LedgerEntry,
    Payment,
    ServiceOrder,
    SimCard,
    SpService,
    SpSubscription,
    TariffPlan,
    ValueCardSale,
)
from counter_app.services import ledger, orders
from tests.helpers import pdf_text
from tests.service_data import submit

TODAY = "2026-11-25"  # frozen_clock
NEW_ID = "370102197501010017"  # a 1975 card of 历下区 (a code younger than its holder)


def line_with_services() -> Account:
    return (Account.select().join(SpSubscription).where((Account.home_city == "济南") & (Account.status == "active")
                                                        & SpSubscription.end_date.is_null())
            .order_by(Account.phone).first())


def open_subscription(line: Account) -> SpSubscription:
    return (SpSubscription.select().where((SpSubscription.account == line.id) & SpSubscription.end_date.is_null())
            .order_by(SpSubscription.start_date).first())


def issued(line_id) -> list[str]:
    return [s.serial for s in SimCard.select().where((SimCard.account == line_id) & (SimCard.status == "active"))]


def owner(line: Account) -> Customer:
    return Customer.get_by_id(Account.get_by_id(line.id).customer_id)


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def money(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


@dataclass
class Case:
    """``prepare(session, line)`` does what the business needs first and returns the form's
    values; ``says(order, slip_text, line)`` checks the world against the slip."""
    prepare: Callable[..., dict]
    says: Callable[..., None]
    on_line: bool = True
    voidable: bool = True
    changes: bool = True  # False: a record only (the slip is the record)


# -- what each business needs first, and what its slip says ----------------------------------------

def _new_line(session, line) -> dict:
    return dict(name="欧阳明月", id_number=NEW_ID, address="山东省济南市历下区泉城路188号", new_phone="18612345678",
                plan="RY88", sim_serial="89860112345678901234", service_password="246810", id_checked=True,
                fee_method="pos", fee_reference="123456789012")


def _says_new_line(order, text, _line) -> None:
    line = Account.get(Account.phone == "18612345678")
    assert order.account_id == line.id and line.status == "active"
    assert line.plan_id == "RY88" and TariffPlan.get_by_id("RY88").name_zh in text
    assert issued(line.id) == ["89860112345678901234"] and "89860112345678901234" in text
    assert owner(line).name == "欧阳明月" and "欧阳明月" in text and "370102********0017" in text
    fee = Payment.get((Payment.order_id == order.id) & (Payment.kind == "fee"))
    assert (fee.amount_fen, fee.method, fee.reference, fee.account_id) == (2000, "pos", "123456789012", line.id)
    assert money(fee.amount_fen) in text and fee.receipt_no in text and "123456789012" in text


def _plan(session, line) -> dict:
    return dict(plan="RY88" if line.plan_id != "RY88" else "RY58")


def _says_plan(order, text, line) -> None:
    new = order.fields["values"]["plan"]
    assert (line.next_plan_id, line.next_plan_from) == (new, "2026-12")  # in force from the next month
    assert line.plan_id != new and TariffPlan.get_by_id(new).name_zh in text and "2026-12" in text
    assert TariffPlan.get_by_id(line.plan_id).name_zh in text  # the plan it changes from


def _sim(session, line) -> dict:
    return dict(sim_serial="89860112345678901235", reason="damaged", id_checked=True, fee_method="card",
                fee_reference="PC2026112500001234")


def _says_sim(order, text, line) -> None:
    old = order.effect_data["retired_serials"]
    assert issued(line.id) == ["89860112345678901235"] and "89860112345678901235" in text
    assert old and all(s in text for s in old)
    assert SimCard.select().where(SimCard.serial.in_(old) & (SimCard.status == "active")).count() == 0
    fee = Payment.get((Payment.order_id == order.id) & (Payment.kind == "fee"))
    assert (fee.amount_fen, fee.method, fee.reference) == (2000, "card", "PC2026112500001234")
    assert money(2000) in text and "PC2026112500001234" in text and line.status == "active"


def _status(expected: str) -> Callable[..., None]:
    def says(order, text, line) -> None:
        assert line.status == expected
        assert BusinessType.get_by_id(order.business_code).name_zh in text
        if expected == "lost":  # the card reported lost no longer works
            assert order.effect_data["sim_serial"] in issued(line.id)
    return says


def _suspended_first(session, line) -> dict:
    submit(session, "suspend", line, reason="travel")
    return {}


def _lost_first(session, line) -> dict:
    submit(session, "loss_report", line, lost_at="公交车上", id_checked=True)
    return dict(id_checked=True)


def _says_found_again(order, text, line) -> None:
    assert line.status == "active"
    card = order.fields["values"].get("sim_serial") or order.effect_data["sim_serial"]
    assert issued(line.id) == [card] and card in text  # the same card works again


def _says_puk(order, text, line) -> None:
    card = order.effect_data["sim_serial"]
    assert issued(line.id) == [card] and card in text and line.status == "active"


def _subscribe(session, line) -> dict:
    taken = {s.service_id for s in SpSubscription.select().where((SpSubscription.account == line.id)
                                                                 & SpSubscription.end_date.is_null())}
    return dict(service=next(s.code for s in SpService.select().order_by(SpService.code) if s.code not in taken))


def _says_subscribed(order, text, line) -> None:
    code = order.fields["values"]["service"]
    sub = SpSubscription.get((SpSubscription.account == line.id) & (SpSubscription.service == code)
                             & SpSubscription.end_date.is_null())
    assert str(sub.start_date) == TODAY and SpService.get_by_id(code).name_zh in text


def _cancel(session, line) -> dict:
    return dict(subscription=open_subscription(line).id.hex)


def _says_cancelled(order, text, line) -> None:
    sub = SpSubscription.get_by_id(order.effect_data["subscription_id"])
    assert str(sub.end_date) == TODAY and SpService.get_by_id(sub.service_id).name_zh in text


def _dispute(session, line) -> dict:
    return dict(subscription=open_subscription(line).id.hex, description="未订购却被收取彩铃费", action="refund")


def _says_disputed(order, text, line) -> None:
    sub = SpSubscription.get_by_id(order.effect_data["subscription_id"])
    assert str(sub.end_date) == TODAY and f"{TODAY}起退订" in text  # charges stop, as the slip says
    complaint = Complaint.get_by_id(order.effect_data["complaint_id"])
    assert complaint.account_id == line.id and complaint.category == "sp_charge"
    refunded = order.effect_data["refunded_fen"]
    assert f"¥{money(refunded)}" in text
    if refunded:  # credited to the line at once, as the slip says, with its receipt
        credit = Payment.get((Payment.account_id == line.id) & (Payment.kind == "compensation"))
        assert credit.amount_fen == -refunded and credit.receipt_no in text


def _phonebook(session, line) -> dict:
    return dict(handset="摩托罗拉 V3", entries="350")


def _repair(session, line) -> dict:
    return dict(handset="诺基亚 N73", imei="490154203237518", fault="不开机")


def _says_job(kind: str) -> Callable[..., None]:
    def says(order, text, line) -> None:
        job = Job.get(Job.order_id == order.id)
        assert (job.kind, job.status) == (kind, "open")
        assert flat(job.detail["handset"]) in text
        if kind == "repair_intake":
            assert "490154203237518" in text
    return says


SERIALS = ["VC0000001", "VC0000002", "VC0000003"]


def _cards(session, line) -> dict:
    return dict(face_value="10000", serials=", ".join(SERIALS), fee_method="cash")


def _says_cards(order, text, _line) -> None:
    sold = [v.serial for v in ValueCardSale.select().where((ValueCardSale.order_id == order.id)
                                                           & (ValueCardSale.status == "sold"))]
    assert sorted(sold) == SERIALS and all(s in text for s in SERIALS)
    fee = Payment.get((Payment.order_id == order.id) & (Payment.kind == "fee"))
    assert fee.amount_fen == 30000 == order.fee_fen and money(30000) in text


def _invoice(session, line) -> dict:
    from counter_app.services import payments

    payments.take_payment(session, account_id=line.id, method="pos", amount_fen=5000, reference="880011112222",
                          idempotency_key="before-invoice")
    return dict(month="2026-11", title="个人")


def _says_invoice(order, text, line) -> None:
    request = InvoiceRequest.get(InvoiceRequest.order_id == order.id)
    assert (request.account_id, request.period, request.amount_fen, request.status) == (line.id, "2026-11", 5000,
                                                                                          "requested")
    assert "2026-11" in text and money(5000) in text


def _says_statement(order, text, line) -> None:
    assert "2026-10" in text and line.status == "active"


def _complaint(session, line) -> dict:
    return dict(category="network", description="家中信号时有时无", wish="派人检测")


def _says_complaint(order, text, line) -> None:
    complaint = Complaint.get_by_id(order.effect_data["complaint_id"])
    assert (complaint.account_id, complaint.category, complaint.status) == (line.id, "network", "open")
    assert "家中信号时有时无" in text and "网络质量" in text


def _transfer(session, line) -> dict:
    return dict(owner_id_number=owner(line).id_number, new_name="欧阳明月", new_id_number=NEW_ID,
                new_address="山东省济南市历下区泉城路188号", service_password="112233", id_checked=True)


def _says_transferred(order, text, line) -> None:
    before = Customer.get_by_id(order.effect_data["previous_customer_id"])
    assert owner(line).name == "欧阳明月" and owner(line).id_number == NEW_ID
    assert "欧阳明月" in text and "370102********0017" in text and before.name in text
    assert line.balance_fen == Account.get_by_id(line.id).balance_fen  # the balance moves with the line


def _intake(session, line) -> ServiceOrder:
    return submit(session, "repair_intake", line, handset="诺基亚 N73", imei="490154203237518", fault="不开机")


def _close(session, line) -> dict:
    job = Job.get(Job.order_id == _intake(session, line).id)
    return dict(job=job.id.hex, result="repaired", charge="35", note="更换电池")


def _says_closed(order, text, line) -> None:
    job = Job.get_by_id(order.effect_data["job_id"])
    assert job.status == "ready" and job.detail["charge_fen"] == 3500 and "35.00" in text and "已修复" in text


def _pickup(session, line) -> dict:
    intake = _intake(session, line)
    submit(session, "repair_close", line, job=Job.get(Job.order_id == intake.id).id.hex, result="repaired",
           charge="35")
    return dict(claim=intake.order_no, fee_method="pos", fee_reference="998877665544")


def _says_picked_up(order, text, line) -> None:
    job = Job.get_by_id(order.effect_data["job_id"])
    assert job.status == "picked_up"
    fee = Payment.get((Payment.order_id == order.id) & (Payment.kind == "fee"))
    assert (fee.amount_fen, fee.reference) == (3500, "998877665544") and "35.00" in text and "998877665544" in text
    intake = ServiceOrder.get_by_id(job.order_id)
    assert intake.order_no in text


CASES: dict[str, Case] = {
    "new_subscription": Case(_new_line, _says_new_line, on_line=False),
    "plan_change": Case(_plan, _says_plan),
    "sim_replace": Case(_sim, _says_sim),
    "suspend": Case(lambda s, line: dict(reason="travel"), _status("suspended")),
    "resume": Case(_suspended_first, _status("active")),
    "loss_report": Case(lambda s, line: dict(lost_at="经十路公交车上", id_checked=True), _status("lost")),
    "puk_unlock": Case(lambda s, line: {}, _says_puk, changes=False),
    "sp_subscribe": Case(_subscribe, _says_subscribed),
    "sp_cancel": Case(_cancel, _says_cancelled),
    "sp_dispute": Case(_dispute, _says_disputed, voidable=False),  # a complaint is answered, not voided
    "phonebook": Case(_phonebook, _says_job("phonebook")),
    "repair_intake": Case(_repair, _says_job("repair_intake")),
    "value_card": Case(_cards, _says_cards, on_line=False),
    "invoice": Case(_invoice, _says_invoice),
    "statement_print": Case(lambda s, line: dict(month="2026-10", id_checked=True), _says_statement, changes=False),
    "complaint": Case(_complaint, _says_complaint, voidable=False),
    "loss_cancel": Case(_lost_first, _says_found_again),
    "transfer": Case(_transfer, _says_transferred),
    "repair_close": Case(_close, _says_closed),
    "repair_pickup": Case(_pickup, _says_picked_up),
}


def test_every_business_of_the_catalogue_has_a_row_here(demo_db):
    codes = {b.code for b in BusinessType.select()} - {"pay_bill"}  # the Payment panel's (test_payments.py)
    assert codes == set(CASES)


# -- the world a void must give back ------------------------------------------------------------

def world(line: Account) -> dict:
    """Everything a business may change, in a form two moments can be compared by."""
    return {
        "balance": ledger.balance(line.id),
        "lines": {a.id: (a.customer_id, a.phone, a.plan_id, a.next_plan_id, a.next_plan_from, a.status,
                         a.service_password_hash, a.balance_fen) for a in Account.select()},
        "customers": {c.id: (c.name, c.id_number, c.address) for c in Customer.select()},
        "sims": {(s.account_id, s.serial, s.status) for s in SimCard.select()},
        "subscriptions": {(s.id, s.account_id, s.service_id, s.start_date, s.end_date) for s in SpSubscription.select()},
        "jobs": {j.id: (j.status, j.detail) for j in Job.select().where(Job.status != "cancelled")},
        "cards sold": {v.serial for v in ValueCardSale.select().where(ValueCardSale.status == "sold")},
        "invoice requests": {r.id for r in InvoiceRequest.select().where(InvoiceRequest.status != "voided")},
        "complaints": {c.id: c.status for c in Complaint.select()},
        "money": (Payment.select().count() and sum(p.amount_fen for p in Payment.select()),
                  sum(e.amount_fen for e in LedgerEntry.select())),
    }


def slip_text(session, order) -> str:
    return flat(pdf_text(slip.build(orders.slip_data(session, order))))


@pytest.mark.parametrize("code", CASES)
def test_the_business_does_what_its_slip_says_and_a_void_undoes_it(code, manager_session, frozen_clock):
    case = CASES[code]
    session = manager_session  # 2001 has every specialty
    line = line_with_services()
    values = case.prepare(session, line)
    before = world(line)
    order = submit(session, code, line if case.on_line else None, **values)
    printed = orders.slip_data(session, order)
    text = slip_text(session, order)
    assert flat(BusinessType.get_by_id(code).name_zh) in text and order.order_no in text
    case.says(order, text, Account.get_by_id(line.id))
    assert (world(line) != before) == case.changes  # the business did something (a record changes nothing)

    if not case.voidable:
        with pytest.raises(Conflict, match="cannot be voided"):
            orders.void(session, order.id, reason="clerk's mistake")
        assert ServiceOrder.get_by_id(order.id).status == "done"
        return
    orders.void(session, order.id, reason="clerk's mistake")
    after = world(line)
    assert {k: after[k] for k in after if after[k] != before[k]} == {}  # all of it given back
    voided = ServiceOrder.get_by_id(order.id)
    assert voided.status == "voided"
    # The reprint still says what was done and for whom, stamped void.
    assert dataclasses.replace(orders.slip_data(session, voided), voided=False) == printed
    assert "作废" in slip_text(session, voided)


def test_a_slip_reprinted_after_the_line_changed_hands_names_the_customer_who_signed_it(manager_session,
                                                                                        frozen_clock):
    session = manager_session
    line = line_with_services()
    signed_by = owner(line)
    plan_change = submit(session, "plan_change", line, **_plan(session, line))
    printed = orders.slip_data(session, plan_change)
    submit(session, "transfer", line, **_transfer(session, line))
    assert owner(line).name == "欧阳明月"
    again = orders.slip_data(session, plan_change)
    assert (again.customer_name, again.masked_id) == (signed_by.name, printed.masked_id) != ("欧阳明月", "")
    assert again == printed
