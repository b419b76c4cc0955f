"""Invoice requests (开票申请) and their export for the operator's e-invoice system.

The hall does not issue invoices: the operator's e-invoice system does (发票管理办法), from the
requests this module records and exports. A request is made at the counter through the
catalogue business ``invoice`` (effect ``invoice_request``):

* the buyer: a person (the title is their name) or a company (its name and its unified social
  credit code, checked with python-stdnum's ``cn.uscc``);
* the amount is what the customer actually paid for the line in the month asked for at this
  hall: bill payments and business fees, less any reversed; credits given to the customer are
  no payment;
* each payment is in at most one request that is not voided: a second request for the same
  payments is refused, naming the first; a request covers the month's payments not yet
  requested.

``export`` writes the requests not yet exported as a CSV file whose layout is documented in
docs/invoices.md, and marks them exported in the same step.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from stdnum import exceptions as stdnum_exc
from stdnum.cn import uscc

from counter_app import clock
from counter_app.errors import Conflict, NotFound, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, InvoiceRequest, Payment, db
from counter_app.money import format_yuan
from counter_app.services import audit
from counter_app.services.effects import EffectContext, effect
from counter_app.services.numbering import next_document_no
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

BUYER_TYPES = ("person", "company")
REQUEST_LETTER = "I"  # I<hall><date><terminal><seq>
INVOICED_KINDS = ("payment", "fee")
LIVE = ("requested", "exported")
ITEM_NAME = "通信服务费"
EXPORT_COLUMNS = ("request_no", "requested_at", "hall", "phone", "period", "buyer_type", "buyer_title", "buyer_tax_id",
                  "amount_yuan", "item", "payment_count", "receipts")


def normalize_tax_id(text: str) -> str:
    """A company's unified social credit code (统一社会信用代码, GB 32100), or a message."""
    value = (text or "").strip().replace(" ", "").upper()
    try:
        return uscc.validate(value)
    except stdnum_exc.InvalidChecksum:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The check character of the unified social credit code is "
                                                          "wrong (last character)."), field="tax_id") from None
    except stdnum_exc.ValidationError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A unified social credit code has 18 digits and capital "
                                                          "letters."), field="tax_id") from None


def _month_range(period: str) -> tuple[dt.date, dt.date]:
    year, month = map(int, period.split("-"))
    start = dt.date(year, month, 1)
    stop = dt.date(year + month // 12, month % 12 + 1, 1)
    return start, stop


@dataclass(frozen=True)
class Invoiceable:
    period: str
    payments: tuple[Payment, ...]  # paid in the period, not reversed, not yet requested
    amount_fen: int
    already: tuple[str, ...]  # numbers of live requests covering other payments of the period


def invoiceable(account_id: uuid.UUID | str, period: str) -> Invoiceable:
    """What a request for this line and month would cover now."""
    start, stop = _month_range(period)
    paid = list(Payment.select().where((Payment.account_id == account_id) & Payment.kind.in_(INVOICED_KINDS)
                                       & (Payment.business_date >= start) & (Payment.business_date < stop))
                .order_by(Payment.created_at))
    reversed_ids = {p.reverses_id for p in Payment.select(Payment.reverses_id).where(
        Payment.reverses_id.in_([p.id for p in paid]))} if paid else set()
    live = list(InvoiceRequest.select().where((InvoiceRequest.account_id == account_id)
                                              & InvoiceRequest.status.in_(LIVE)))
    requested = {pid for r in live for pid in (r.payment_ids or [])}
    left = tuple(p for p in paid if p.id not in reversed_ids and p.id.hex not in requested)
    already = tuple(r.request_no for r in live if any(p.id.hex in (r.payment_ids or []) for p in paid))
    return Invoiceable(period, left, sum(p.amount_fen for p in left), already)


def check_period(account: Account | None, period: str) -> Invoiceable:
    """Refuse a request that would cover nothing: no payment in the month, or all requested."""
    if account is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Find the customer first."), field="customer")
    found = invoiceable(account.id, period)
    if not found.payments:
        if found.already:
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "The payments of {phone} in {month} are already in invoice "
                                                       "request {request}."), phone=account.phone, month=period,
                           request="、".join(found.already))
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "{phone} paid nothing at this hall in {month}: there is "
                                                          "nothing to invoice."), field="month", phone=account.phone,
                              month=period)
    return found


def display_rows(account: Account | None, period: str) -> list[tuple[str, str, str]]:
    """The slip's lines under the month: the amount and how many payments make it."""
    found = check_period(account, period)
    return [("开票金额", "Amount to invoice",
             f"{format_yuan(found.amount_fen)}元（{len(found.payments)}笔缴费 / {len(found.payments)} payments）")]


@effect("invoice_request", undo=lambda ctx, data: _void(ctx, data))
def _invoice_request(ctx: EffectContext) -> dict[str, Any]:
    values = ctx.values
    account = ctx.account
    if account is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Find the customer first."), field="customer")
    buyer = values.get("buyer_type") or "person"
    title = (values.get("title") or "").strip()
    tax_id = values.get("tax_id") or ""
    if buyer not in BUYER_TYPES:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Choose who the invoice is made out to."), field="buyer_type")
    if len(title) < 2:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the invoice title (the buyer's full name)."),
                              field="title")
    if buyer == "company" and not tax_id:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A company's invoice needs its unified social credit code."),
                              field="tax_id")
    if buyer == "person":
        tax_id = ""
    found = check_period(Account.get_by_id(account.id), values["month"])  # again, inside the transaction
    request = InvoiceRequest.create(
        hall=ctx.session.hall_code, terminal=ctx.session.terminal_id,
        request_no=next_document_no(REQUEST_LETTER, ctx.session.hall_code, ctx.session.terminal_id, ctx.today),
        order_id=ctx.order_id, account_id=account.id, phone=account.phone, period=found.period,
        buyer_type=buyer, title=title, tax_id=tax_id, amount_fen=found.amount_fen,
        payment_ids=[p.id.hex for p in found.payments], status="requested", staff_no=ctx.session.staff_no)
    audit.record(ctx.session, "invoice.request", request.request_no, amount_fen=found.amount_fen,
                 period=found.period, payments=len(found.payments), buyer=buyer)
    return {"request_id": request.id.hex, "request_no": request.request_no, "amount_fen": found.amount_fen,
            "payments": request.payment_ids}


def _void(ctx: EffectContext, data: dict[str, Any]) -> None:
    request = InvoiceRequest.get_by_id(uuid.UUID(hex=data["request_id"]))
    if request.status == "exported":
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Invoice request {request} was already sent to the e-invoice "
                                                   "system; it cannot be voided here."), request=request.request_no)
    request.status = "voided"
    request.save()


def export(session: Session, write: Callable[[str], None], *, period: str | None = None,
           include_exported: bool = False) -> int:
    """Write the hall's requests not yet exported (or all of ``period`` with
    ``include_exported``) as CSV text in the documented layout through ``write``, and mark
    them exported in the same transaction: a file that could not be written leaves them
    waiting for the next export. Returns how many were written."""
    session.require_role("manager")
    if period:
        from counter_app.services.report_period import not_in_future_month

        not_in_future_month(period)
    with db.atomic():
        query = InvoiceRequest.select().where(InvoiceRequest.hall == session.hall_code)
        query = query.where(InvoiceRequest.status.in_(LIVE) if include_exported else
                            (InvoiceRequest.status == "requested"))
        if period:
            query = query.where(InvoiceRequest.period == period)
        rows = list(query.order_by(InvoiceRequest.created_at, InvoiceRequest.request_no))
        receipts = {p.id.hex: p.receipt_no for p in Payment.select(Payment.id, Payment.receipt_no).where(
            Payment.id.in_([uuid.UUID(hex=h) for r in rows for h in (r.payment_ids or [])]))} if rows else {}
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(EXPORT_COLUMNS)
        for r in rows:
            writer.writerow([r.request_no, f"{r.created_at:%Y-%m-%d %H:%M:%S}", r.hall, r.phone, r.period, r.buyer_type,
                             r.title, r.tax_id, format_yuan(r.amount_fen).replace(",", ""), ITEM_NAME,
                             len(r.payment_ids or []), " ".join(receipts.get(h, h) for h in (r.payment_ids or []))])
        write(out.getvalue())
        now = clock.now()
        for r in rows:
            if r.status == "requested":
                r.status, r.exported_at = "exported", now
                r.save()
        audit.record(session, "invoice.export", period or "", count=len(rows))
    return len(rows)


def get(session: Session, request_no: str) -> InvoiceRequest:
    """One invoice request (the buyer's title and credit code are the customer's)."""
    require(session, Permission.SERVE)
    found = InvoiceRequest.get_or_none(InvoiceRequest.request_no == (request_no or "").strip().upper())
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no invoice request {request}."), request=request_no)
    return found
