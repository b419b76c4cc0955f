"""Finding the customer from whatever the clerk types or scans into one field.

- 11 digits (spaces, dashes, +86 allowed): a phone number;
- 18 characters of digits (last may be X): a resident ID number, validated (GB 11643) first;
- ``CA1|...`` as typed by a keyboard-wedge scanner: the QR of a queue ticket or of a slip;
- anything with letters or Chinese characters: a name, prefix first, then part of a name.
  A name search needs two characters or more, shows phone numbers masked (the clerk picks
  the customer by masked ID and number, then confirms with the customer), and is an audit
  event (``customer.search``): browsing names is reading personal data.

Wrong input raises ``ValidationError`` saying what is wrong and looks nothing up. Phone, ID
and QR lookups hit unique indexes; the name search reads the name index by prefix (a range
scan) and falls back to a bounded substring scan, so it belongs on a worker thread.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from peewee import ModelSelect

from counter_app.errors import NotFound, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Customer, ServiceOrder, Ticket, db
from counter_app.services import audit, signing, slipqr
from counter_app.services.permissions import Permission, require
from counter_app.services.prepared import Prepared
from counter_app.services.session import Session
from counter_app.services.validation import mask_id_number, mask_phone, normalize_id_number, normalize_phone

NAME_LIMIT = 50
NAME_MIN_CHARS = 2


@dataclass(frozen=True)
class Match:
    account_id: uuid.UUID
    customer_id: uuid.UUID
    name: str
    masked_id: str
    phone: str
    status: str
    home_city: str


@dataclass
class Found:
    by: str  # phone | id_number | ticket | order | name
    matches: list[Match] = field(default_factory=list)
    ticket_id: uuid.UUID | None = None
    truncated: bool = False

    @property
    def single(self) -> Match | None:
        return self.matches[0] if len(self.matches) == 1 else None


def classify(text: str) -> str:
    value = (text or "").strip()
    if signing.is_code(value):
        return "qr"
    compact = re.sub(r"[\s-]", "", value)
    if compact.startswith("+86"):
        compact = compact[3:]
    if not compact:
        return "empty"
    if compact[:-1].isdigit() and len(compact) >= 15:
        return "id_number"  # also with a wrong last character: the ID check says what is wrong
    if compact.isdigit():
        return "phone"
    return "name"


def identify(session: Session, text: str, *, limit: int = NAME_LIMIT) -> Found:
    """Find the customer from one field (a name search is audited)."""
    require(session, Permission.SERVE)
    kind = classify(text)
    if kind == "empty":
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter a phone number, an ID number or a name, or scan the "
                                                          "queue ticket."), field="query")
    if kind == "phone":
        return Found("phone", _here_or_walk_in(session, by_phone, text, phone=normalize_phone(text)))
    if kind == "id_number":
        return Found("id_number", _here_or_walk_in(session, by_id_number, text, id_number=normalize_id_number(text)))
    if kind == "qr":
        return by_qr(session, text)
    return by_name(session, text, limit=limit)


def _here_or_walk_in(session: Session, lookup: Callable[[Session, str], list[Match]], text: str, **exact: str) -> list[Match]:
    """This terminal's customers first; a customer of another hall is fetched from the hub by
    the exact number (services.minimise), then found here."""
    try:
        return lookup(session, text)
    except NotFound:
        from counter_app.services import minimise

        if not minimise.fetch_walk_in(session, **exact):
            raise
    return lookup(session, text)


def _matches(query: ModelSelect[Account]) -> list[Match]:
    return [Match(a.id, a.customer.id, a.customer.name, mask_id_number(a.customer.id_number), a.phone, a.status,
                  a.home_city or a.customer.home_city) for a in query]


def _accounts() -> ModelSelect[Account]:
    return Account.select(Account, Customer).join(Customer)


_BY_PHONE = Prepared(lambda phone: (
    Account.select(Account.id, Customer.id, Customer.name, Customer.id_number, Account.phone, Account.status,
                   Account.home_city, Customer.home_city).join(Customer).where(Account.phone == phone)))


def by_phone(session: Session, text: str) -> list[Match]:
    """The hot path of the counter: a prepared query on the unique phone index."""
    require(session, Permission.SERVE)
    phone = normalize_phone(text)
    found = [Match(aid, cid, name, mask_id_number(id_number), ph, status, line_city or city)
             for aid, cid, name, id_number, ph, status, line_city, city in _BY_PHONE.rows(phone)]
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer has the number {phone}."), phone=phone)
    return found


def by_id_number(session: Session, text: str) -> list[Match]:
    require(session, Permission.SERVE)
    number = normalize_id_number(text)
    found = _matches(_accounts().where(Customer.id_number == number).order_by(Account.opened_at, Account.phone))
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer has the ID number {masked}."),
                       masked=mask_id_number(number))
    return found


def by_qr(session: Session, text: str) -> Found:
    require(session, Permission.SERVE)
    check = signing.require_valid(text)  # a forged, altered or unknown code says so here
    kind, ident = check.kind, check.ident
    try:
        key = uuid.UUID(ident.split(":")[0])
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This code is not one of ours or was not read completely; "
                                                          "scan it again."), field="query") from None
    if kind == "ticket":
        ticket = Ticket.get_or_none(Ticket.id == key)
        if ticket is None:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "This queue ticket is not known at this hall."))
        if ticket.customer_id:
            found = _matches(_accounts().where(Account.customer == ticket.customer_id))
            # The ticket's phone, when given, is the line the customer came about.
            found.sort(key=lambda m: m.phone != ticket.phone)
        elif ticket.phone:
            found = _matches(_accounts().where(Account.phone == ticket.phone))
        else:
            found = []
        if not found:
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "Ticket {code} was taken without a phone number: ask the "
                                                       "customer for the number or the ID card."), code=ticket.code)
        return Found("ticket", found, ticket_id=ticket.id)
    if kind == "order":
        return _by_slip(slipqr.parse_ident(ident) or slipqr.SlipRef(key))
    raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This code is a {kind}, not a queue ticket or a slip."),
                          field="query", kind=kind)


def _by_slip(ref: slipqr.SlipRef) -> Found:
    """A slip of this hall, made at this terminal or another one (its QR names the line)."""
    order = ServiceOrder.get_or_none(ServiceOrder.id == ref.order_id)
    account_id = order.account_id if order is not None else ref.account_id
    order_no = order.order_no if order is not None else ref.order_no
    if account_id is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "Slip {order} is one of this hall's, for a customer without a "
                                                   "line here (a walk-in's business such as a card sale)."),
                       order=order_no or "—")
    found = _matches(_accounts().where(Account.id == account_id))
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "Slip {order} is one of this hall's; its line is not at this "
                                                   "terminal yet (it comes with the next sync) or was voided."),
                       order=order_no or "—")
    return Found("order", found)


def by_name(session: Session, text: str, *, limit: int = NAME_LIMIT) -> Found:
    require(session, Permission.SERVE)
    name = re.sub(r"\s+", "", text or "")
    if len(name) < NAME_MIN_CHARS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Type at least {count} characters of the name, or the phone "
                                                          "or ID number."), field="query", count=NAME_MIN_CHARS)
    if len(name) > 30:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "That is too long for a name."), field="query")
    if re.search(r"[0-9]", name):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{text}” mixes digits and letters: type a phone number, an "
                                                          "ID number or a name."), field="query", text=text.strip())
    # Prefix through the name index (a range, portable to PostgreSQL), then anywhere in the name.
    prefix = _matches(_accounts().where((Customer.name >= name) & (Customer.name < name + "\U0010ffff"))
                      .order_by(Customer.name).limit(limit + 1))  # index order: LIMIT stops the scan
    found = prefix
    if len(found) <= limit:
        seen = {m.account_id for m in found}
        more = _matches(_accounts().where(Customer.name.contains(name)).limit(limit + 1))
        found += [m for m in more if m.account_id not in seen]
    with db.atomic():
        audit.record(session, "customer.search", name, by="name", count=min(len(found), limit))
    if not found:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No customer's name contains “{name}”."), name=name)
    # A list of namesakes is read over the counter: numbers masked like the IDs.
    shown = [replace(m, phone=mask_phone(m.phone)) for m in found[:limit]]
    return Found("name", shown, truncated=len(found) > limit)
