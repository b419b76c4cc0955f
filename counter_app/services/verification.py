"""Subscriber verification (核验机主身份): who is asking for a line's sensitive business or view.

Detailed records (详单), SIM replacement, loss report and its undo, PUK, ownership transfer and
SP subscription are done for the line's subscriber only. Before any of them the clerk checks,
by one of three methods:

* ``id_document``: the owner's identity document; its number (typed, or typed by a card
  reader) must be the one the line is registered to, of the same type;
* ``service_password``: the line's 6-digit service password, typed by the customer;
* ``agent`` (代办): the owner's document number (matched as above), the agent's own document
  (validated and recorded) and the owner's written authorisation (recorded).

Each check, passed or failed, is a ``subscriber_check`` row and a ``subscriber.verify`` audit
event, committed before the answer: the access log of personal data the regulator asks for.
A passed check is remembered in the session for :data:`VALID_MINUTES`, for that line and the
staff member who made it; the services that need it call :func:`require`. Wrong answers are
counted per number: after :data:`MAX_FAILURES` within :data:`LOCK_MINUTES` the line cannot be
verified at this terminal for a while (the throttle of every secret).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from counter_app import clock
from counter_app.errors import NotFound, PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Customer, SubscriberCheck, db
from counter_app.services import audit, id_documents, permissions, throttle
from counter_app.services.passwords import verify_password
from counter_app.services.permissions import Permission
from counter_app.services.session import Session
from counter_app.services.validation import mask_id_number

if TYPE_CHECKING:
    from counter_app.services.catalogue import Business

VALID_MINUTES = 30
MAX_FAILURES = 5
LOCK_MINUTES = 15
_SESSION_KEY = "verified_subscribers"


class Method(StrEnum):
    ID_DOCUMENT = "id_document"
    SERVICE_PASSWORD = "service_password"
    AGENT = "agent"


# What needs the subscriber verified, by the business's effect (what it does to the line),
# and the businesses whose effect is shared with others (a statement print is a "record").
VERIFIED_EFFECTS = frozenset({"sim_replace", "loss_report", "loss_cancel", "puk_unlock", "sp_subscribe",
                              "transfer"})
VERIFIED_BUSINESSES = frozenset({"statement_print"})
# Purposes other than a business, as named in the audit trail.
RECORDS = "records"
PUK = "puk"

WRONG_DOCUMENT = QT_TRANSLATE_NOOP("Errors", "This document is not the one the line {phone} is registered to.")
WRONG_PASSWORD = QT_TRANSLATE_NOOP("Errors", "The service password of {phone} is wrong.")
LOCKED = QT_TRANSLATE_NOOP("Errors", "Too many failed checks for {phone}. Try again in {minutes} minutes, or verify "
                                     "with the subscriber's ID document.")


@dataclass(frozen=True)
class Verified:
    """A passed check, as the session remembers it."""

    check_id: uuid.UUID
    account_id: uuid.UUID
    phone: str
    method: str
    staff_no: str
    at: dt.datetime
    agent_name: str = ""

    def fresh(self, session: Session, now: dt.datetime) -> bool:
        return self.staff_no == session.staff_no and now - self.at <= dt.timedelta(minutes=VALID_MINUTES)


def needs_verification(biz: Business) -> bool:
    """Does this catalogue business (``services.catalogue.Business``) need a verified subscriber?"""
    return biz.effect in VERIFIED_EFFECTS or biz.code in VERIFIED_BUSINESSES


def _remembered(session: Session) -> dict[str, Any]:
    remembered: dict[str, Any] = session.extra.setdefault(_SESSION_KEY, {})
    return remembered


def current(session: Session, account_id: uuid.UUID | str) -> Verified | None:
    """The passed check of this line by the signed-in staff member, if still fresh."""
    if session.staff is None or account_id is None:
        return None
    found = _remembered(session).get(_key(account_id))
    return found if found is not None and found.fresh(session, clock.now()) else None


def require(session: Session, account_id: uuid.UUID | str, purpose: str) -> Verified:
    """The fresh check of this line, or ``PermissionDenied`` telling the clerk to verify first."""
    session.require_staff()
    found = current(session, account_id)
    if found is None:
        raise PermissionDenied(QT_TRANSLATE_NOOP("Errors", "Verify the subscriber first: their ID document, the service "
                                                           "password, or an agent with the owner's written "
                                                           "authorisation."), purpose=purpose)
    return found


def forget(session: Session, account_id: uuid.UUID | str | None = None) -> None:
    """Drop the remembered checks (of one line, or all: the customer has left)."""
    remembered = _remembered(session)
    if account_id is None:
        remembered.clear()
    else:
        remembered.pop(_key(account_id), None)


def _key(account_id: uuid.UUID | str) -> str:
    return account_id.hex if isinstance(account_id, uuid.UUID) else uuid.UUID(str(account_id)).hex


def _line(account_id: uuid.UUID | str) -> tuple[Account, Customer]:
    account = Account.get_or_none(Account.id == account_id)
    if account is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such customer line."))
    return account, Customer.get_by_id(account.customer_id)


def _owner_type(customer: Customer) -> str:
    return getattr(customer, "id_type", "") or id_documents.RESIDENT


def _failures(session: Session, phone: str) -> int:
    since = clock.now() - dt.timedelta(minutes=LOCK_MINUTES)
    return (SubscriberCheck.select().where((SubscriberCheck.hall == session.hall_code) & (SubscriberCheck.phone == phone)
                                           & (SubscriberCheck.result == "failed") & (SubscriberCheck.at >= since)
                                           & (SubscriberCheck.reason != "locked")).count())


def _record(session: Session, account: Account, method: str, result: str, reason: str = "", **extra: Any) -> SubscriberCheck:
    check = SubscriberCheck.create(hall=session.hall_code, terminal=session.terminal_id, at=clock.now(),
                                   staff_no=session.staff_no, account_id=account.id, phone=account.phone,
                                   method=method, result=result, reason=reason, **extra)
    detail = {"method": method, "result": result, "check": check.id.hex}
    if reason:
        detail["reason"] = reason
    if extra.get("agent_id_number"):
        detail["agent"] = mask_id_number(extra["agent_id_number"])
    audit.record(session, "subscriber.verify", account.phone, **detail)
    return check


def _check(session: Session, account: Account, method: str, passes: Callable[[], bool], wrong: str,
           reason: str, **extra: Any) -> Verified:
    """Run one check through the throttle; record and remember it. Never inside a transaction:
    a failure is committed before the error is raised."""
    if db.in_transaction():
        raise RuntimeError("subscriber checks run outside a transaction: a failure must be committed")
    if _failures(session, account.phone) >= MAX_FAILURES:
        with db.atomic():
            _record(session, account, method, "failed", "locked", **extra)
        raise PermissionDenied(LOCKED, phone=account.phone, minutes=LOCK_MINUTES)
    if method == Method.SERVICE_PASSWORD:
        # One count per number for its service password, shared with the kiosk and the counter.
        try:
            throttle.attempt(session, throttle.Secret.SERVICE_PASSWORD, account.phone, passes, wrong=wrong,
                             audit_failed="subscriber.service_password_failed",
                             audit_locked="subscriber.service_password_locked")
            ok = True
        except throttle.Locked:
            with db.atomic():
                _record(session, account, method, "failed", "locked", **extra)
            raise
        except PermissionDenied:
            ok = False
    else:
        ok = passes()
    with db.atomic():
        check = _record(session, account, method, "passed" if ok else "failed", "" if ok else reason, **extra)
    if not ok:
        raise PermissionDenied(wrong, phone=account.phone)
    verified = Verified(check.id, account.id, account.phone, method, session.staff_no, check.at,
                        extra.get("agent_name", ""))
    _remembered(session)[_key(account.id)] = verified
    return verified


def _document_matches(customer: Customer, id_type: str, number: str) -> bool:
    return _owner_type(customer) == id_type and customer.id_number == number


def by_id_document(session: Session, account_id: uuid.UUID | str, *, id_number: str, id_type: str = id_documents.RESIDENT) -> Verified:
    """The subscriber shows their ID document; its number must be the registered one."""
    permissions.require(session, Permission.SERVE)
    number = id_documents.normalize_document(id_type, id_number)  # a typo is a message, not a failed check
    account, customer = _line(account_id)
    return _check(session, account, Method.ID_DOCUMENT, lambda: _document_matches(customer, id_type, number),
                  WRONG_DOCUMENT, "mismatch", id_type=id_type)


def by_service_password(session: Session, account_id: uuid.UUID | str, *, password: str) -> Verified:
    """The subscriber types the line's service password."""
    permissions.require(session, Permission.SERVE)
    if not password:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Let the customer type the service password."),
                              field="password")
    account, _customer = _line(account_id)
    return _check(session, account, Method.SERVICE_PASSWORD,
                  lambda: verify_password(account.service_password_hash, password), WRONG_PASSWORD, "wrong_password")


def by_agent(session: Session, account_id: uuid.UUID | str, *, owner_id_number: str, owner_id_type: str = id_documents.RESIDENT,
             agent_name: str, agent_id_number: str, agent_id_type: str = id_documents.RESIDENT,
             authorisation: str) -> Verified:
    """An agent (代办) acts for the subscriber: the owner's document is matched, the agent's own
    document and the owner's written authorisation are recorded."""
    permissions.require(session, Permission.SERVE)
    owner_number = id_documents.normalize_document(owner_id_type, owner_id_number)
    agent_name = (agent_name or "").strip()
    if not agent_name:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Enter the agent's name as on their ID document."),
                              field="agent_name")
    if len(agent_name) > 64:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "That is too long for a name."), field="agent_name")
    try:
        agent_number = id_documents.normalize_document(agent_id_type, agent_id_number)
    except ValidationError as exc:
        exc.field = "agent_id_number"
        raise
    authorisation = (authorisation or "").strip()
    if len(authorisation) < 2:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Record the subscriber's written authorisation (its number or "
                                                          "what it says)."), field="authorisation")
    if len(authorisation) > 200:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The authorisation note is too long (at most 200 "
                                                          "characters)."), field="authorisation")
    account, customer = _line(account_id)
    if agent_number == customer.id_number:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The agent's document is the subscriber's own: verify the "
                                                          "subscriber with their ID document instead."),
                              field="agent_id_number")
    return _check(session, account, Method.AGENT, lambda: _document_matches(customer, owner_id_type, owner_number),
                  WRONG_DOCUMENT, "mismatch", id_type=owner_id_type, agent_name=agent_name,
                  agent_id_type=agent_id_type, agent_id_number=agent_number, authorisation=authorisation)


@dataclass(frozen=True)
class PukCode:
    phone: str
    sim_serial: str
    puk: str  # "" when the card's PUK is not on record


def puk_code(session: Session, account_id: uuid.UUID | str) -> PukCode:
    """The PUK of the line's working SIM, for the verified subscriber only (the catalogue's
    terms: 仅告知机主本人). Shown on the clerk's screen, never printed; each showing is audited."""
    verified = require(session, account_id, PUK)
    from counter_app.models import SimCard

    account, _customer = _line(account_id)
    sim = (SimCard.select().where((SimCard.account == account.id) & (SimCard.status == "active"))
           .order_by(SimCard.issued_at.desc()).first())
    if sim is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "The line {phone} has no active SIM card to unlock."),
                       phone=account.phone)
    with db.atomic():
        audit.record(session, "puk.show", account.phone, sim=sim.serial, check=verified.check_id.hex,
                     on_record=bool(sim.puk))
    return PukCode(account.phone, sim.serial, sim.puk or "")
