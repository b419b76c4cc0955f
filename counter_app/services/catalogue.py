"""The business catalogue as forms: field specs, prefill from the customer's record, the
choices a field offers, and validation with messages that name the field and what is wrong.

Every business type lives in ``resources/catalogue/business_types.json``; this module knows
field *types*, never individual businesses, so a new business type is a data change. A
field of the catalogue may carry:

``name``, ``label_zh``/``label_en``, ``type`` (see :data:`FIELD_TYPES`), ``required``,
``readonly``, ``prefill`` (a key of :func:`prefill_values`), ``choices`` (for ``choice``:
``[[code, zh, en], ...]``), ``exclude_current`` (for ``plan``: leave out the line's plan),
``max_length``, ``type_field`` (for ``id_document``: the field holding its document type, an
``id_type`` field before it; see ``services.id_documents``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from stdnum import exceptions as stdnum_exc
from stdnum import imei as stdnum_imei

from counter_app import clock
from counter_app.errors import NotFound, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import (
    Account,
    BusinessType,
    Customer,
    Job,
    ServiceOrder,
    SimCard,
    SpService,
    SpSubscription,
    TariffPlan,
    ValueCardSale,
)
from counter_app.money import format_yuan, parse_yuan
from counter_app.services import id_documents, ledger
from counter_app.services.validation import normalize_id_number, normalize_phone

FIELD_TYPES = ("text", "textarea", "phone", "money", "id_number", "plan", "sim_serial", "pin6", "choice",
               "sp_service", "sp_subscription", "number", "imei", "serials", "month", "repair_job", "claim_slip",
               "sp_disputable", "id_type", "id_document", "date", "invoice_period", "uscc")
SECRET_TYPES = ("pin6",)  # never printed or stored in clear
_ICCID_RE = re.compile(r"^8986\d{15,16}$")
_SERIAL_RE = re.compile(r"^[0-9A-Z]{6,32}$")
_MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Choice:
    value: str
    label_zh: str
    label_en: str

    def label(self, lang: str) -> str:
        return pick(lang, self.label_zh, self.label_en)


@dataclass(frozen=True)
class FieldSpec:
    name: str
    label_zh: str
    label_en: str
    type: str
    required: bool = False
    readonly: bool = False
    prefill: str = ""
    choices: tuple[Choice, ...] = ()
    exclude_current: bool = False
    max_length: int = 0
    default: str = ""  # the value a choice starts at when the record has none
    type_field: str = ""

    def label(self, lang: str) -> str:
        return pick(lang, self.label_zh, self.label_en)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> FieldSpec:
        return cls(name=data["name"], label_zh=data.get("label_zh", data["name"]),
                   label_en=data.get("label_en", ""), type=data.get("type", "text"),
                   required=bool(data.get("required")), readonly=bool(data.get("readonly")),
                   prefill=data.get("prefill", ""),
                   choices=tuple(Choice(str(c[0]), c[1], c[2] if len(c) > 2 else c[1]) for c in data.get("choices", [])),
                   exclude_current=bool(data.get("exclude_current")), max_length=int(data.get("max_length", 0)),
                   default=str(data.get("default", "")), type_field=data.get("type_field", ""))


@dataclass
class Business:
    """A business type with its fields parsed."""

    code: str
    name_zh: str
    name_en: str
    fee_fen: int
    real_name_required: bool
    specialty: str
    restricted: bool
    minutes: int
    effect: str
    remote_allowed: bool
    roles: list[str]
    needs_customer: bool
    fields: list[FieldSpec]
    terms_zh: str
    terms_en: str
    sort: int

    def name(self, lang: str) -> str:
        return pick(lang, self.name_zh, self.name_en)

    def terms(self, lang: str) -> str:
        return pick(lang, self.terms_zh, self.terms_en)

    @classmethod
    def from_row(cls, row: BusinessType) -> Business:
        return cls(code=row.code, name_zh=row.name_zh, name_en=row.name_en, fee_fen=row.fee_fen,
                   real_name_required=row.real_name_required, specialty=row.specialty, restricted=row.restricted,
                   minutes=row.minutes, effect=row.effect, remote_allowed=row.remote_allowed, roles=list(row.roles or []),
                   needs_customer=row.needs_customer,
                   fields=[FieldSpec.from_data(f) for f in row.fields or []], terms_zh=row.terms_zh,
                   terms_en=row.terms_en, sort=row.sort)


def businesses() -> list[Business]:
    return [Business.from_row(r) for r in BusinessType.select().order_by(BusinessType.sort, BusinessType.code)]


def business(code: str) -> Business:
    row = BusinessType.get_or_none(BusinessType.code == code)
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no business “{code}” in the catalogue."), code=code)
    return Business.from_row(row)


# -- prefill ----------------------------------------------------------------------------------


def _month_shift(day: dt.date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def prefill_values(account: Account | None, customer: Customer | None, lang: str = "zh_CN") -> dict[str, str]:
    """Everything a form may take from the record, as the text the form shows."""
    today = clock.today()
    values = {"next_month": _month_shift(today, 1), "last_month": _month_shift(today, -1),
              "this_month": _month_shift(today, 0), "buyer.person": "person",
              "resident_id": id_documents.RESIDENT}
    if customer is not None:
        values.update({"customer.name": customer.name, "customer.id_number": customer.id_number,
                       "customer.id_type": customer.id_type or id_documents.RESIDENT,
                       "customer.address": customer.address, "customer.phone": customer.phone})
    if account is not None:
        sim = (SimCard.select(SimCard.serial).where((SimCard.account == account.id) & (SimCard.status == "active"))
               .order_by(SimCard.issued_at.desc()).first())
        plan = TariffPlan.get_by_id(account.plan_id)
        values.update({"account.phone": account.phone, "account.plan_name": pick(lang, plan.name_zh, plan.name_en),
                       "account.sim_serial": sim.serial if sim else "", "account.due": format_yuan(_amount_due(account))})
    return values


def _amount_due(account: Account) -> int:
    return ledger.amount_due(account.id)  # the latest bill's due less what was paid since


def prefill(biz: Business, account: Account | None, customer: Customer | None, lang: str = "zh_CN") -> dict[str, str]:
    source = prefill_values(account, customer, lang)
    return {f.name: source.get(f.prefill, "") if f.prefill else f.default for f in biz.fields if f.prefill or f.default}


# -- choices ----------------------------------------------------------------------------------


def options(spec: FieldSpec, account: Account | None) -> list[Choice]:
    """What a choice-like field offers for this line."""
    if spec.type == "choice":
        return list(spec.choices)
    if spec.type == "id_type":
        return [Choice(d.code, d.name_zh, d.name_en) for d in id_documents.DOC_TYPES.values()]
    if spec.type == "plan":
        query = TariffPlan.select().where(TariffPlan.active == True).order_by(TariffPlan.monthly_fee_fen)  # noqa: E712
        plans = list(query)
        if spec.exclude_current and account is not None:
            plans = [p for p in plans if p.code != account.plan_id]
        return [Choice(p.code, f"{p.name_zh}（{format_yuan(p.monthly_fee_fen)}元/月）",
                       f"{p.name_en} ({format_yuan(p.monthly_fee_fen)} yuan/month)") for p in plans]
    if spec.type == "sp_service":
        active = set(_active_subscriptions(account).values()) if account else set()
        return [Choice(s.code, f"{s.name_zh}（{_sp_price(s, 'zh')}）", f"{s.name_en} ({_sp_price(s, 'en')})")
                for s in SpService.select().order_by(SpService.code) if s.code not in active]
    if spec.type == "sp_subscription":
        if account is None:
            return []
        rows = (SpSubscription.select(SpSubscription, SpService).join(SpService)
                .where((SpSubscription.account == account.id) & SpSubscription.end_date.is_null())
                .order_by(SpSubscription.start_date))
        return [Choice(r.id.hex, f"{r.service.name_zh}（{r.start_date:%Y-%m-%d}起）",
                       f"{r.service.name_en} (since {r.start_date:%Y-%m-%d})") for r in rows]
    if spec.type == "sp_disputable":
        from counter_app.services import disputes
        from counter_app.services.session import current_hall

        if account is None:
            return []
        names = {s.code: s for s in SpService.select()}
        out = []
        hall = current_hall()
        for sub in disputes.disputable(account.id, hall.code if hall is not None else ""):
            service = names[sub.service_id]
            if sub.end_date is None:
                zh, en = f"（{sub.start_date:%Y-%m-%d}起）", f" (since {sub.start_date:%Y-%m-%d})"
            else:
                zh = f"（{sub.start_date:%Y-%m-%d}起，{sub.end_date:%Y-%m-%d}已退订）"
                en = f" ({sub.start_date:%Y-%m-%d} to {sub.end_date:%Y-%m-%d}, cancelled)"
            out.append(Choice(sub.id.hex, service.name_zh + zh, service.name_en + en))
        return out
    if spec.type == "repair_job":
        return [Choice(job.id.hex, f"{no} {job.detail.get('handset', '')}（{at:%Y-%m-%d}收）",
                       f"{no} {job.detail.get('handset', '')} (taken in {at:%Y-%m-%d})")
                for job, no, at in repair_jobs(account, "open")] if account else []
    return []


REPAIR_KIND = "repair_intake"  # the business whose job a repair close and a pickup act on


def repair_jobs(account: Account, status: str) -> list[tuple[Job, str, dt.datetime]]:
    """The line's repair jobs in ``status``: (job, intake order number, intake time)."""
    rows = (Job.select(Job, ServiceOrder.order_no, ServiceOrder.created_at)
            .join(ServiceOrder, on=(Job.order_id == ServiceOrder.id), attr="intake")
            .where((ServiceOrder.account_id == account.id) & (Job.kind == REPAIR_KIND) & (Job.status == status)
                   & (ServiceOrder.status == "done"))
            .order_by(ServiceOrder.created_at))
    return [(job, job.intake.order_no, job.intake.created_at) for job in rows]


def _sp_price(service: SpService, lang: str) -> str:
    if service.monthly_fee_fen:
        return f"{format_yuan(service.monthly_fee_fen)}元/月" if lang == "zh" else f"{format_yuan(service.monthly_fee_fen)} yuan/month"
    return f"{format_yuan(service.per_use_fen)}元/次" if lang == "zh" else f"{format_yuan(service.per_use_fen)} yuan/use"


def _active_subscriptions(account: Account) -> dict[str, str]:
    rows = SpSubscription.select().where((SpSubscription.account == account.id) & SpSubscription.end_date.is_null())
    return {r.id.hex: r.service_id for r in rows}


# -- validation -------------------------------------------------------------------------------


@dataclass
class Cleaned:
    """Validated values (JSON-able, secrets kept apart) and their display text for the slip."""

    values: dict[str, Any] = field(default_factory=dict)
    display: list[tuple[str, str, str]] = field(default_factory=list)  # (label_zh, label_en, text)
    secrets: dict[str, str] = field(default_factory=dict)


def _fail(spec: FieldSpec, lang: str, message: str, **params: Any) -> ValidationError:
    return ValidationError(message, field=spec.name, label=spec.label(lang), **params)


def clean(biz: Business, raw: dict[str, str], account: Account | None, customer: Customer | None,
          lang: str = "zh_CN") -> Cleaned:
    """Check every field of ``biz``; read-only and prefilled fields come from the record, not
    from ``raw``, so a tampered form cannot change what the record says."""
    known = prefill(biz, account, customer, lang)
    out = Cleaned()
    for spec in biz.fields:
        text = known.get(spec.name, "") if spec.readonly else str(raw.get(spec.name, "") or "").strip()
        if not text and (spec.prefill or spec.default) and not spec.readonly:
            text = known.get(spec.name, "")
        if not text:
            if spec.required:
                raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "Fill in “{label}”."))
            out.values[spec.name] = ""
            continue
        if spec.max_length and len(text) > spec.max_length:
            raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” is too long (at most {count} characters)."),
                        count=spec.max_length)
        if spec.type == "id_document":
            value, shown = _clean_document(spec, text, out.values, lang)
        elif spec.type == "invoice_period":  # a month, and what a request for it would cover
            value, shown = _clean_one(replace(spec, type="month"), text, account, lang)
        else:
            value, shown = _clean_one(spec, text, account, lang)
        if spec.type in SECRET_TYPES:
            out.secrets[spec.name] = value
            shown = "******"
        else:
            out.values[spec.name] = value
        out.display.append((spec.label_zh, spec.label_en or spec.label_zh, shown))
        if spec.type == "invoice_period":
            from counter_app.services.invoices import display_rows

            out.display.extend(display_rows(account, value))
        if spec.type == "sp_service":  # what the subscriber confirms: SP, hotline, price, how to cancel
            from counter_app.services.sp_terms import confirmation_rows

            out.display.extend(confirmation_rows(value, lang))
    return out


def _clean_document(spec: FieldSpec, text: str, earlier: dict[str, Any], lang: str) -> tuple[Any, str]:
    """A document number, checked as its type (the ``type_field`` filled before it) allows."""
    kind = earlier.get(spec.type_field) or id_documents.RESIDENT
    try:
        value = id_documents.normalize_document(kind, text)
    except ValidationError as exc:
        exc.field = spec.name
        raise
    return value, id_documents.mask_document(value)


# One cleaner per field kind: (spec, typed text, the line, language) -> (value, as shown).
# A kind missing here is a choice: its value must be one the field offers for this line.
Cleaner = Callable[[FieldSpec, str, "Account | None", str], tuple[Any, str]]


def _clean_text(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    limit = spec.max_length or (1000 if spec.type == "textarea" else 200)
    if len(text) > limit:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” is too long (at most {count} characters)."), count=limit)
    return text, text


def _clean_phone(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    value = normalize_phone(text)
    return value, value


def _clean_id_number(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    value = normalize_id_number(text)
    return value, value[:6] + "*" * 8 + value[-4:]


def _clean_money(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    fen = parse_yuan(text, field=spec.name)
    return fen, format_yuan(fen)


def _clean_number(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    if not text.isdigit() or int(text) > 100_000:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” takes a whole number, e.g. 120."))
    return int(text), str(int(text))


def _clean_pin6(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    if not re.fullmatch(r"\d{6}", text):
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” must be exactly 6 digits."))
    return text, "******"


def _clean_imei(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    compact = re.sub(r"[\s-]", "", text)
    try:
        value = stdnum_imei.validate(compact)
    except stdnum_exc.InvalidChecksum:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The check digit of the IMEI is wrong (last digit).")) from None
    except stdnum_exc.ValidationError:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "An IMEI has 15 digits (dial *#06# to see it).")) from None
    return value, value


def _clean_uscc(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    from counter_app.services.invoices import normalize_tax_id

    try:
        value = normalize_tax_id(text)
    except ValidationError as exc:
        exc.field = spec.name
        raise
    return value, value


def _clean_date(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” is a date written as YYYY-MM-DD, "
                                                            "e.g. 1990-05-17.")) from None
    if day > clock.today():
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” cannot be in the future."))
    return day.isoformat(), day.isoformat()


def _clean_month(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    match = _MONTH_RE.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{label}” is a month written as YYYY-MM, e.g. 2026-10."))
    if text > _month_shift(clock.today(), 0):
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The month {month} has not come yet."), month=text)
    return text, text


def _clean_sim_serial(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    value = re.sub(r"\s", "", text)
    if not _ICCID_RE.match(value):
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "A SIM serial (ICCID) is 19 or 20 digits starting with 8986."))
    if SimCard.select().where(SimCard.serial == value).exists():
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The SIM card {serial} has already been issued."), serial=value)
    return value, value


def _clean_serials(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    items = [s.upper() for s in re.split(r"[\s,，、;；]+", text) if s]
    for item in items:
        if not _SERIAL_RE.match(item):
            raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{serial}” is not a card serial (6 to 32 letters or digits)."),
                        serial=item)
    if len(set(items)) != len(items):
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "A card serial is listed twice."))
    sold = (ValueCardSale.select(ValueCardSale.serial)
            .where(ValueCardSale.serial.in_(items) & (ValueCardSale.status == "sold")).first())
    if sold is not None:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The card {serial} has already been sold."), serial=sold.serial)
    return items, "，".join(items)


def _clean_choice(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    offered = {c.value: c for c in options(spec, account)}
    if text not in offered:
        if spec.type == "plan" and account is not None and text == account.plan_id:
            raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The line is already on this plan; choose another one."))
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "Choose “{label}” from the list."))
    return text, offered[text].label(lang)


def _clean_one(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[Any, str]:
    return CLEANERS.get(spec.type, _clean_choice)(spec, text, account, lang)


def _claim(spec: FieldSpec, text: str, account: Account | None, lang: str) -> tuple[str, str]:
    """A repair claim slip, scanned (its QR) or typed (its order number): the repair job of
    this line that is ready for pickup."""
    from counter_app.services import signing, slipqr

    query = ServiceOrder.select().where(ServiceOrder.business_code == REPAIR_KIND)
    if signing.is_code(text):
        check = signing.verify(text)
        if not check.ok:
            raise _fail(spec, lang, signing.REFUSED[check.status], hall=check.hall, date=str(check.issued or ""))
        ref = slipqr.parse_ident(check.ident) if check.kind == "order" else None
        order = query.where(ServiceOrder.id == ref.order_id).first() if ref is not None else None
    else:
        order = query.where(ServiceOrder.order_no == text.upper()).first()
    if order is None:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "“{text}” is not the claim slip of a repair taken in here."),
                    text=text if len(text) <= 40 else text[:40] + "…")
    if account is None or order.account_id != account.id:
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "Claim slip {order} belongs to another number."),
                    order=order.order_no)
    job = Job.get_or_none(Job.order_id == order.id)
    status = job.status if job else "cancelled"
    if status == "open":
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The handset of claim slip {order} is still being "
                                                            "repaired."), order=order.order_no)
    if status == "picked_up":
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "The handset of claim slip {order} has already been "
                                                            "picked up."), order=order.order_no)
    if job is None or status != "ready" or order.status != "done":
        raise _fail(spec, lang, QT_TRANSLATE_NOOP("Errors", "Claim slip {order} was voided."), order=order.order_no)
    return job.id.hex, f"{order.order_no} {job.detail.get('handset', '')}".strip()


CLEANERS: dict[str, Cleaner] = {
    "text": _clean_text, "textarea": _clean_text, "phone": _clean_phone, "id_number": _clean_id_number,
    "money": _clean_money, "number": _clean_number, "pin6": _clean_pin6, "imei": _clean_imei,
    "uscc": _clean_uscc, "date": _clean_date, "month": _clean_month, "sim_serial": _clean_sim_serial,
    "serials": _clean_serials, "claim_slip": _claim,
}
