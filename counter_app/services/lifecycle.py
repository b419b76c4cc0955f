"""A line's life as one state machine: its states, which businesses each state accepts, the
state each business leaves, and when a void may undo a business.

**States** (``Account.status``): ``active`` 正常, ``suspended`` 停机 (the customer asked),
``arrears`` 欠费停机 (suspended for an unpaid bill), ``lost`` 已挂失 and ``closed`` 已销户
(cancelled). Beside its status a line has SIM cards (issued: ``SimCard.status == "active"``,
or retired; at most one issued at a time) and at most one **pending plan change**
(``Account.next_plan`` from the first day of ``Account.next_plan_from``), which the monthly
bill run puts in force with :func:`apply_plan_change`.

**Businesses** declare in :data:`RULES` the states they accept and the state they leave.
:func:`check` refuses a business the line's state does not accept, naming the states in the
clerk's language; ``orders.check_allowed`` calls it, so the form is refused before the
customer signs and the commit checks again inside its transaction.

**Voids** are compensating businesses. :func:`refuse_if_depended_on` refuses a void while a
later business on the same line depends on the order: it changed something the order changed
(:func:`touched`), or it was done on the line the order opened. The effect's undo then checks
that the line is still as the order left it before it restores what was there before
(``services.effects``). Design notes: docs/lifecycle.md.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any

from counter_app.errors import Conflict
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import Account, Complaint, Payment, ServiceOrder, SimCard

if TYPE_CHECKING:
    from counter_app.services.catalogue import Business

ACTIVE, SUSPENDED, ARREARS, LOST, CLOSED = "active", "suspended", "arrears", "lost", "closed"
STATES = (ACTIVE, SUSPENDED, ARREARS, LOST, CLOSED)
STATE_NAMES: dict[str, tuple[str, str]] = {
    ACTIVE: ("正常", "active"),
    SUSPENDED: ("停机", "suspended"),
    ARREARS: ("欠费停机", "suspended for arrears"),
    LOST: ("已挂失", "reported lost"),
    CLOSED: ("已销户", "cancelled"),
}
SIM_ISSUED, SIM_RETIRED = "active", "retired"
OPEN = frozenset({ACTIVE, SUSPENDED, ARREARS, LOST})  # every state but cancelled
ANY = frozenset(STATES)


def state_name(status: str, lang: str) -> str:
    """The state as the clerk reads it (never the stored English word inside Chinese text)."""
    zh, en = STATE_NAMES.get(status, (status, status))
    return pick(lang, zh, en)


@dataclass(frozen=True)
class Rule:
    """What a business asks of a line and what it leaves.

    ``accepts``: the states the line may be in. ``leaves``: the state afterwards; ``None``
    keeps the state, ``RESTORE`` returns a lost line to the state it had before the loss.
    ``about_line=False``: the business does not act on the line shown (a new subscription
    makes another line; a card sale is a walk-in's)."""

    accepts: frozenset[str] = OPEN
    leaves: str | None = None
    about_line: bool = True


RESTORE = "restore"  # leaves: the state before the loss report

# By effect; a business code listed in CODE_RULES overrides its effect's rule.
RULES: dict[str, Rule] = {
    "new_subscription": Rule(about_line=False),
    "value_card": Rule(about_line=False),
    "payment": Rule(accepts=ANY),
    "plan_change": Rule(accepts=frozenset({ACTIVE, SUSPENDED})),
    "sim_replace": Rule(accepts=OPEN, leaves=RESTORE),  # a lost line comes back with its new card
    "suspend": Rule(accepts=frozenset({ACTIVE}), leaves=SUSPENDED),
    "resume": Rule(accepts=frozenset({SUSPENDED, ARREARS}), leaves=ACTIVE),  # arrears: once paid
    "loss_report": Rule(accepts=frozenset({ACTIVE, SUSPENDED, ARREARS}), leaves=LOST),
    "loss_cancel": Rule(accepts=frozenset({LOST}), leaves=RESTORE),
    "puk_unlock": Rule(accepts=frozenset({ACTIVE, SUSPENDED, ARREARS})),
    "sp_subscribe": Rule(accepts=frozenset({ACTIVE})),
    "sp_cancel": Rule(accepts=OPEN),
    "complaint": Rule(accepts=OPEN),
    "sp_dispute": Rule(accepts=OPEN),
    "job": Rule(accepts=OPEN),
    "job_close": Rule(accepts=ANY),  # the handset is the customer's whatever became of the line
    "job_pickup": Rule(accepts=ANY),
    "transfer": Rule(accepts=frozenset({ACTIVE, SUSPENDED})),
    "record": Rule(accepts=OPEN),
}
CODE_RULES: dict[str, Rule] = {
    "phonebook": Rule(accepts=frozenset({ACTIVE, SUSPENDED, ARREARS})),  # needs the SIM in hand
    "statement_print": Rule(accepts=ANY),  # a cancelled line's bills and records stay the owner's
}
DEFAULT_RULE = Rule()


def rule_for(code: str, effect: str) -> Rule:
    return CODE_RULES.get(code) or RULES.get(effect) or DEFAULT_RULE


def _allowed_text(states: Iterable[str], lang: str) -> str:
    ordered = [s for s in STATES if s in states]
    return pick(lang, "、", ", ").join(state_name(s, lang) for s in ordered)


def check(lang: str, biz: Business, account: Account | None) -> None:
    """Raise ``Conflict`` unless ``biz`` may be done on ``account`` in its current state."""
    rule = rule_for(biz.code, biz.effect)
    if account is None or not rule.about_line:
        return
    status = account.status
    business = biz.name(lang)
    if status in rule.accepts:
        if biz.effect == "resume" and status == ARREARS:
            from counter_app.money import format_yuan
            from counter_app.services.ledger import amount_due

            due = amount_due(account.id)
            if due > 0:
                raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} is suspended for arrears: it resumes once "
                                                           "the {due} yuan due are paid."),
                               phone=account.phone, due=format_yuan(due))
        return
    if biz.effect == "resume" and status == LOST:
        names = {b.effect: b.name(lang) for b in _catalogue().businesses() if b.effect in ("loss_cancel", "sim_replace")}
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} is {state}: it works again with “{cancel}” when "
                                                   "the customer has found the SIM card, or with a “{replace}”."),
                       phone=account.phone, state=state_name(status, lang), cancel=names.get("loss_cancel", "—"),
                       replace=names.get("sim_replace", "—"))
    raise Conflict(QT_TRANSLATE_NOOP("Errors", "The line {phone} is {state}; “{business}” can be done only when it "
                                               "is: {allowed}."),
                   phone=account.phone, state=state_name(status, lang), business=business,
                   allowed=_allowed_text(rule.accepts, lang))


def next_status(code: str, effect: str, account: Account) -> str:
    """The state a business leaves the line in (after :func:`check` accepted it)."""
    leaves = rule_for(code, effect).leaves
    if leaves is None:
        return account.status
    if leaves == RESTORE:
        return state_before_loss(account.id) if account.status == LOST else account.status
    return leaves


def state_before_loss(account_id: uuid.UUID | str) -> str:
    """The state a lost line returns to when it is found again or gets a new card: the one
    its latest loss report found (active when no report is known here)."""
    codes = [b.code for b in _catalogue().businesses() if b.effect == "loss_report"]
    report = (ServiceOrder.select(ServiceOrder.effect_data)
              .where((ServiceOrder.account_id == account_id) & ServiceOrder.business_code.in_(codes)
                     & (ServiceOrder.status == "done"))
              .order_by(ServiceOrder.created_at.desc(), ServiceOrder.id.desc()).first())
    previous = (report.effect_data or {}).get("previous_status") if report else None
    return previous if previous in (ACTIVE, SUSPENDED, ARREARS) else ACTIVE


def issued_sims(account_id: uuid.UUID | str) -> list[SimCard]:
    return list(SimCard.select().where((SimCard.account == account_id) & (SimCard.status == SIM_ISSUED))
                .order_by(SimCard.issued_at, SimCard.id))


# -- the pending plan change (the bill run applies it) ------------------------------------------


@dataclass(frozen=True)
class PendingPlanChange:
    account_id: uuid.UUID
    phone: str
    from_plan: str
    to_plan: str
    effective: str  # YYYY-MM: in force from the first day of this month


def pending_plan_change(account: Account) -> PendingPlanChange | None:
    if not account.next_plan_id:
        return None
    return PendingPlanChange(account.id, account.phone, account.plan_id, account.next_plan_id,
                             account.next_plan_from)


def pending_plan_changes(period: str) -> list[PendingPlanChange]:
    """Plan changes in force by ``period`` (YYYY-MM) that the lines do not carry yet."""
    rows = Account.select().where(Account.next_plan.is_null(False) & (Account.next_plan_from <= period))
    return [PendingPlanChange(a.id, a.phone, a.plan_id, a.next_plan_id, a.next_plan_from) for a in rows
            if a.next_plan_id]


def apply_plan_change(account_id: uuid.UUID | str, period: str) -> bool:
    """Put a line's pending plan change in force when it is due by ``period``; True if it was.
    One conditional UPDATE, so a second run (or a second hub process) changes nothing."""
    return bool(Account.update(plan=Account.next_plan, next_plan=None, next_plan_from="")
                .where((Account.id == account_id) & Account.next_plan.is_null(False)
                       & (Account.next_plan_from <= period)).execute())


def apply_due_plan_changes(period: str) -> int:
    """The billing-month roll-over: every plan change due by ``period`` takes effect."""
    return sum(apply_plan_change(change.account_id, period) for change in pending_plan_changes(period))


# -- arrears (the bill run and the ledger move a line in and out) -------------------------------


def mark_arrears(account_id: uuid.UUID | str) -> bool:
    """An active line whose bill is overdue is suspended for arrears; True if it was."""
    return bool(Account.update(status=ARREARS).where((Account.id == account_id) & (Account.status == ACTIVE))
                .execute())


def clear_arrears(account_id: uuid.UUID | str) -> bool:
    """A line suspended for arrears works again once paid; True if it was suspended."""
    return bool(Account.update(status=ACTIVE).where((Account.id == account_id) & (Account.status == ARREARS))
                .execute())


# -- voids ------------------------------------------------------------------------------------

STATUS_EFFECTS = ("suspend", "resume", "loss_report", "loss_cancel")


def touched(effect: str, data: dict[str, Any]) -> set[str]:
    """What of the line an order changed (or, for a dispute, leans on): ``status``,
    ``sims``, ``plan``, ``owner``, ``line`` (it opened the line), ``sub:<id>``, ``job:<id>``."""
    data = data or {}
    if effect in STATUS_EFFECTS:
        return {"status"}
    if effect == "sim_replace":
        out = {"sims"}
        before = data.get("previous_status")
        after = data.get("status", ACTIVE if before == LOST else before)
        return out | ({"status"} if after != before else set())
    if effect == "plan_change":
        return {"plan"}
    if effect == "transfer":
        return {"owner"}
    if effect == "new_subscription":
        return {"line"}
    if effect in ("sp_subscribe", "sp_cancel") and data.get("subscription_id"):
        return {f"sub:{data['subscription_id']}"}
    if effect in ("complaint", "sp_dispute") and data.get("subscription_id"):
        return {f"sub:{data['subscription_id']}"}
    if effect in ("job", "job_close", "job_pickup") and data.get("job_id"):
        return {f"job:{data['job_id']}"}
    return set()


def _catalogue() -> ModuleType:
    from counter_app.services import catalogue  # catalogue reads payments, which reads the models

    return catalogue


def _effects_by_code() -> dict[str, str]:
    return {b.code: b.effect for b in _catalogue().businesses()}


def later_orders(order: ServiceOrder) -> list[ServiceOrder]:
    """Orders done on the same line after ``order`` (oldest first)."""
    if order.account_id is None:
        return []
    after = (ServiceOrder.created_at > order.created_at) | (
        (ServiceOrder.created_at == order.created_at) & (ServiceOrder.id > order.id))
    return list(ServiceOrder.select().where((ServiceOrder.account_id == order.account_id)
                                            & (ServiceOrder.status == "done") & (ServiceOrder.id != order.id)
                                            & after)
                .order_by(ServiceOrder.created_at, ServiceOrder.id))


def refuse_if_depended_on(lang: str, order: ServiceOrder, effect: str) -> None:
    """Raise ``Conflict`` naming the later business that depends on ``order``."""
    mine = touched(effect, order.effect_data)
    if not mine and effect != "new_subscription":
        return
    effects = _effects_by_code()
    names = _business_names()
    for later in later_orders(order):
        theirs = touched(effects.get(later.business_code, ""), later.effect_data)
        if "line" in mine or mine & theirs:
            zh, en = names.get(later.business_code, (later.business_code, later.business_code))
            raise Conflict(QT_TRANSLATE_NOOP("Errors", "Order {order} cannot be voided: the later “{business}” "
                                                       "(order {later}) depends on it. Void that one first."),
                           order=order.order_no, business=pick(lang, zh, en), later=later.order_no)
    if "line" in mine:
        _refuse_if_line_used(order)


def _refuse_if_line_used(order: ServiceOrder) -> None:
    # A new line that has since taken a payment or a complaint of its own is in use.
    reversed_ids = Payment.select(Payment.reverses_id).where(Payment.reverses_id.is_null(False))
    paid = (Payment.select().where((Payment.account_id == order.account_id) & (Payment.kind == "payment")
                                   & Payment.id.not_in(reversed_ids)).first())
    if paid is not None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Order {order} cannot be voided: the new line has taken a payment "
                                                   "since (receipt {receipt}). Reverse the payment first."),
                       order=order.order_no, receipt=paid.receipt_no)
    complaint = (Complaint.select().where((Complaint.account_id == order.account_id)
                                          & ((Complaint.order_id != order.id) | Complaint.order_id.is_null()))
                 .first())
    if complaint is not None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "Order {order} cannot be voided: complaint {complaint} has been "
                                                   "opened on the new line since."),
                       order=order.order_no, complaint=complaint.complaint_no)


def _business_names() -> dict[str, tuple[str, str]]:
    return {b.code: (b.name_zh, b.name_en) for b in _catalogue().businesses()}


def changed_since(order_no: str) -> Conflict:
    """The line is no longer as the order left it, and no order here says why (a change
    made elsewhere and pulled from the hub): the void is refused."""
    return Conflict(QT_TRANSLATE_NOOP("Errors", "Order {order} cannot be voided: the line has changed since "
                                                "(elsewhere, or by a business not recorded here)."), order=order_no)
