"""Drills (练习与考核): a scripted customer, kept as data (resources/training/drills.json), comes
to the counter of a training copy; the clerk serves them with the counter as it is, and the
app scores what was done against the drill's expected result and the hall's standard time.

A drill in numbers (worked examples in docs/training.md):

* **time** runs from the call of the drill's ticket (F1) to the last expected slip or receipt
  committed; the **standard time** is the sum of the hall's service minutes (business catalogue)
  of the drill's businesses;
* **mistakes** are read from what the counter wrote in the copy (orders, payments, identity
  checks of the drill's line, by the clerk, since the call), never from the screen:
  not done (40 points), wrong business (20), wrong plan or other wrong value (20), wrong
  amount (20), wrong method (10), a payment too many (10), a payment reversed (10), missing
  signature (15), identity not checked (20);
* **score** = 100 − the mistakes' points − the time penalty, never below 0; the time penalty
  is 20 points for each whole standard time over it, in proportion, at most 30
  (``floor(20 × over / standard)``);
* **keys** pressed in the window are counted and shown; they do not change the score.

Drills run only in training mode; the result is written in the copy and brought into the hall's
own database by ``services.training.collect_results``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import random
import uuid
from dataclasses import dataclass
from typing import Any

from counter_app import clock, paths, training
from counter_app.errors import Conflict, NotFound, UserError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import (
    Account,
    BusinessType,
    Counter,
    Customer,
    DrillResult,
    Payment,
    ServiceOrder,
    SubscriberCheck,
    Ticket,
    db,
)
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, local_setting, set_local_setting

RUN_KEY = "drill_run"
PENALTY = {
    "not_done": 40, "wrong_business": 20, "wrong_plan": 20, "wrong_value": 20, "wrong_amount": 20,
    "wrong_method": 10, "extra_payment": 10, "payment_reversed": 10, "missing_signature": 15,
    "skipped_identity_check": 20,
}
# What each mistake is called on screen and paper (data, like the catalogue's names).
MISTAKE_NAMES = {
    "not_done": ("未办理", "not done"),
    "wrong_business": ("办错业务", "wrong business"),
    "wrong_plan": ("套餐选错", "wrong plan"),
    "wrong_value": ("填写错误", "wrong value"),
    "wrong_amount": ("金额错误", "wrong amount"),
    "wrong_method": ("缴费方式错误", "wrong payment method"),
    "extra_payment": ("多收一笔", "a payment too many"),
    "payment_reversed": ("收款冲正", "a payment reversed"),
    "missing_signature": ("缺少客户签名", "missing signature"),
    "skipped_identity_check": ("未核验身份", "identity not checked"),
}
TIME_PENALTY_MAX = 30
TIME_PENALTY_PER_STANDARD = 20

ONLY_IN_TRAINING = QT_TRANSLATE_NOOP("Errors", "Drills run in training mode only.")
NO_LINE = QT_TRANSLATE_NOOP("Errors", "The training copy has no line that fits drill “{drill}”; reset the copy.")
RUNNING = QT_TRANSLATE_NOOP("Errors", "Drill “{drill}” is still running: finish it first.")
NO_RUN = QT_TRANSLATE_NOOP("Errors", "No drill is running.")
UNKNOWN = QT_TRANSLATE_NOOP("Errors", "There is no drill “{code}”.")


# -- the drills as data -----------------------------------------------------------------------

@dataclass(frozen=True)
class Drill:
    code: str
    version: int
    category: str
    title_zh: str
    title_en: str
    line: dict[str, Any]
    businesses: tuple[str, ...]
    script_zh: str
    script_en: str
    expect: dict[str, Any]

    def title(self, lang: str) -> str:
        return pick(lang, self.title_zh, self.title_en)


@functools.cache
def _load() -> dict[str, Drill]:
    raw = json.loads(paths.resource("training", "drills.json").read_text(encoding="utf-8"))
    return {d["code"]: Drill(d["code"], int(d.get("version", 1)), d["category"], d["title_zh"], d["title_en"],
                             d.get("line", {}), tuple(d["businesses"]), d["script_zh"], d["script_en"], d["expect"])
            for d in raw["drills"]}


def all_drills() -> list[Drill]:
    return list(_load().values())


def drill(code: str) -> Drill:
    found = _load().get(code)
    if found is None:
        raise NotFound(UNKNOWN, code=str(code))
    return found


def standard_seconds(item: Drill) -> int:
    """The hall's standard time of a drill: its businesses' service minutes (catalogue)."""
    minutes = {b.code: b.minutes for b in BusinessType.select(BusinessType.code, BusinessType.minutes)
               .where(BusinessType.code.in_(list(item.businesses)))}
    return 60 * sum(int(minutes.get(code) or 3) for code in item.businesses)


# -- scoring (pure) ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SeenOrder:
    business: str
    values: dict[str, Any]
    signed: bool
    at: dt.datetime


@dataclass(frozen=True)
class SeenPayment:
    method: str
    amount_fen: int
    at: dt.datetime
    reversed: bool = False


@dataclass(frozen=True)
class Observed:
    orders: tuple[SeenOrder, ...] = ()
    payments: tuple[SeenPayment, ...] = ()
    verified: bool = False


@dataclass(frozen=True)
class Mistake:
    kind: str
    detail: str = ""
    expected: str = ""
    found: str = ""

    @property
    def points(self) -> int:
        return PENALTY[self.kind]

    def name(self, lang: str) -> str:
        return mistake_name(self.kind, lang)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "detail": self.detail, "expected": self.expected, "found": self.found}


@dataclass(frozen=True)
class Scored:
    score: int
    mistakes: tuple[Mistake, ...]
    time_penalty: int
    complete: bool  # every expected slip and receipt is there
    finished_at: dt.datetime | None  # when the last of them was committed


def _same(expected: object, found: object) -> bool:
    def norm(value: object) -> str:
        text = "" if value is None else str(value).strip()
        try:
            return uuid.UUID(text).hex
        except ValueError:
            return text.upper()

    return norm(expected) == norm(found)


def mistake_name(kind: str, lang: str) -> str:
    pair = MISTAKE_NAMES.get(kind)
    return pick(lang, *pair) if pair else kind


def time_penalty(elapsed_s: int, standard_s: int) -> int:
    over = max(0, elapsed_s - standard_s)
    if over == 0 or standard_s <= 0:
        return 0
    return min(TIME_PENALTY_MAX, math.floor(TIME_PENALTY_PER_STANDARD * over / standard_s))


def score_attempt(expect: dict[str, Any], observed: Observed, standard_s: int, elapsed_s: int) -> Scored:
    """Score what was observed against what a drill expects (amounts already resolved)."""
    mistakes: list[Mistake] = []
    done_at: list[dt.datetime] = []
    orders = list(observed.orders)
    complete = True
    for wanted in expect.get("orders", []):
        match = next((o for o in orders if o.business == wanted["business"]), None)
        if match is None:
            mistakes.append(Mistake("not_done", wanted["business"]))
            complete = False
            continue
        orders.remove(match)
        done_at.append(match.at)
        for name, value in (wanted.get("fields") or {}).items():
            if not _same(value, match.values.get(name)):
                mistakes.append(Mistake("wrong_plan" if name == "plan" else "wrong_value", name, str(value),
                                        str(match.values.get(name, ""))))
        if not match.signed:
            mistakes.append(Mistake("missing_signature", wanted["business"]))
    for other in orders:
        mistakes.append(Mistake("wrong_business", other.business))
    payments = [p for p in observed.payments if not p.reversed]
    mistakes.extend(Mistake("payment_reversed", p.method, found=str(p.amount_fen))
                    for p in observed.payments if p.reversed)
    for wanted in expect.get("payments", []):
        if not payments:
            mistakes.append(Mistake("not_done", "payment"))
            complete = False
            continue
        paid = next((p for p in payments if p.amount_fen == wanted["amount"] and p.method == wanted["method"]),
                    None) or next((p for p in payments if p.amount_fen == wanted["amount"]), None) or payments[0]
        payments.remove(paid)
        done_at.append(paid.at)
        if paid.amount_fen != wanted["amount"]:
            mistakes.append(Mistake("wrong_amount", "payment", str(wanted["amount"]), str(paid.amount_fen)))
        if paid.method != wanted["method"]:
            mistakes.append(Mistake("wrong_method", "payment", wanted["method"], paid.method))
    mistakes.extend(Mistake("extra_payment", p.method, found=str(p.amount_fen)) for p in payments)
    if expect.get("verify") and not observed.verified:
        mistakes.append(Mistake("skipped_identity_check"))
    late = time_penalty(elapsed_s, standard_s)
    score = max(0, 100 - sum(m.points for m in mistakes) - late)
    return Scored(score, tuple(mistakes), late, complete, max(done_at) if done_at and complete else None)


# -- a drill at the counter (training mode) -----------------------------------------------------

@dataclass
class Run:
    id: str
    drill: str
    version: int
    staff_no: str
    account_id: str
    phone: str
    ticket_id: str
    ticket_code: str
    expect: dict[str, Any]
    standard_s: int
    story: dict[str, Any]  # the values the script names: name, phone, id_number, due, service, city
    created_at: str

    def script(self, lang: str) -> str:
        item = drill(self.drill)
        return pick(lang, item.script_zh, item.script_en).format(**self.story)


@dataclass(frozen=True)
class Progress:
    run: Run
    called_at: dt.datetime | None
    elapsed_s: int
    scored: Scored


@dataclass(frozen=True)
class Outcome:
    result: DrillResult
    scored: Scored
    drill: Drill


def _in_training(session: Session) -> None:
    require(session, Permission.SERVE)
    if not training.is_active():
        raise UserError(ONLY_IN_TRAINING)


def current_run(session: Session) -> Run | None:
    _in_training(session)
    stored = local_setting(RUN_KEY)
    if not stored or stored.get("staff_no") != session.staff_no:
        return None
    return Run(**stored)


def _candidates(session: Session, item: Drill) -> list[Account]:
    hall = session.hall
    query = (Account.select(Account, Customer).join(Customer)
             .where(Account.status == "active").order_by(Account.phone).limit(400))
    rules = item.line
    if rules.get("local"):
        query = query.where((Account.home_city == "") | (Account.home_city == hall.city))
    if rules.get("remote"):
        query = query.where((Account.home_city != "") & (Account.home_city != hall.city))
    if rules.get("plan_not"):
        query = query.where(Account.plan != rules["plan_not"])
    return list(query)


def _pick_line(session: Session, item: Drill, rng: random.Random) -> tuple[Account, dict[str, Any], dict[str, Any]]:
    from counter_app.services import disputes, ledger

    lines = _candidates(session, item)
    rng.shuffle(lines)
    for account in lines:
        story = {"name": account.customer.name, "phone": account.phone, "id_number": account.customer.id_number,
                 "city": account.home_city or session.hall.city, "due": "", "service": ""}
        resolved: dict[str, Any] = {}
        if item.line.get("owing"):
            due = ledger.amount_due(account.id)
            if due <= 0:
                continue
            resolved["$due"] = due
            story["due"] = f"{due / 100:.2f}"
        if item.line.get("disputable"):
            subs = [s for s in disputes.disputable(account.id, session.hall_code) if s.end_date is None]
            if not subs:
                continue
            sub = subs[0]
            resolved["$subscription"] = sub.id.hex
            story["service"] = pick(session.lang, sub.service.name_zh, sub.service.name_en)
        return account, story, resolved
    raise NotFound(NO_LINE, drill=item.title(session.lang))


def _resolve(expect: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, str) and value.startswith("$"):
            return values[value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    walked: dict[str, Any] = walk(expect)
    return walked


def start_drill(session: Session, code: str) -> Run:
    """A scripted customer takes a ticket for this clerk's counter: the clock starts when the
    clerk calls it (F1). One drill at a time per clerk."""
    _in_training(session)
    item = drill(code)
    running = current_run(session)
    if running is not None:
        raise Conflict(RUNNING, drill=drill(running.drill).title(session.lang))
    from counter_app.services import queue

    rng = random.Random()
    account, story, resolved = _pick_line(session, item, rng)
    served: list[str] = []
    if session.counter_number is not None:
        counter = Counter.get_or_none((Counter.hall == session.hall_code) & (Counter.number == session.counter_number))
        served = queue.served_by(session, counter) if counter else []  # what this clerk here is called for
    category = item.category if not served or item.category in served else served[0]
    with db.atomic():
        # Earlier drill customers nobody called leave the queue: only this one waits.
        Ticket.update(status="noshow", finished_at=clock.now()).where(Ticket.status == "waiting").execute()
        ticket = queue.take_ticket(session, category, phone=account.phone)
        run = Run(id=uuid.uuid4().hex, drill=item.code, version=item.version, staff_no=session.staff_no,
                  account_id=account.id.hex, phone=account.phone, ticket_id=ticket.id.hex, ticket_code=ticket.code,
                  expect=_resolve(item.expect, resolved), standard_s=standard_seconds(item), story=story,
                  created_at=clock.now().isoformat(sep=" ", timespec="seconds"))
        set_local_setting(RUN_KEY, run.__dict__)
    return run


def _called_at(run: Run) -> dt.datetime | None:
    from counter_app.models import TicketEvent

    first = (TicketEvent.select(TicketEvent.at).where((TicketEvent.ticket_id == uuid.UUID(run.ticket_id))
                                                      & (TicketEvent.kind == "called"))
             .order_by(TicketEvent.at).first())
    return first.at if first else None


def _observe(run: Run, since: dt.datetime) -> Observed:
    """What the clerk did for the drill's line since ``since``, as the copy holds it."""
    account_id = uuid.UUID(run.account_id)
    orders = tuple(SeenOrder(o.business_code, (o.fields or {}).get("values", {}), bool(o.signature_png),
                             o.created_at)
                   for o in ServiceOrder.select().where(
                       (ServiceOrder.account_id == account_id) & (ServiceOrder.staff_no == run.staff_no)
                       & (ServiceOrder.created_at >= since) & (ServiceOrder.status == "done"))
                   .order_by(ServiceOrder.created_at))
    rows = list(Payment.select().where((Payment.account_id == account_id) & (Payment.staff_no == run.staff_no)
                                       & (Payment.created_at >= since)).order_by(Payment.created_at))
    reversed_ids = {p.reverses_id for p in rows if p.kind == "reversal"}
    payments = tuple(SeenPayment(p.method, p.amount_fen, p.created_at, p.id in reversed_ids)
                     for p in rows if p.kind == "payment")
    verified = SubscriberCheck.select().where((SubscriberCheck.account_id == account_id)
                                              & (SubscriberCheck.staff_no == run.staff_no)
                                              & (SubscriberCheck.result == "passed")
                                              & (SubscriberCheck.at >= since)).exists()
    return Observed(orders, payments, verified)


def progress(session: Session) -> Progress | None:
    """The running drill: called yet, time so far, what is done (complete: every expected slip
    and receipt is committed)."""
    run = current_run(session)
    if run is None:
        return None
    called = _called_at(run)
    since = called or dt.datetime.fromisoformat(run.created_at)
    now = clock.now()
    observed = _observe(run, since)
    scored = score_attempt(run.expect, observed, run.standard_s, _seconds(since, now))
    if scored.complete and scored.finished_at is not None:
        scored = score_attempt(run.expect, observed, run.standard_s, _seconds(since, scored.finished_at))
    end = scored.finished_at if scored.complete and scored.finished_at else now
    return Progress(run, called, _seconds(since, end) if called else 0, scored)


def _seconds(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int(round((end - start).total_seconds())))


def finish_drill(session: Session, keys: int = 0) -> Outcome:
    """End the running drill now and score it (what is not done counts as not done)."""
    state = progress(session)
    if state is None:
        raise Conflict(NO_RUN)
    run = state.run
    called = state.called_at or dt.datetime.fromisoformat(run.created_at)
    finished = state.scored.finished_at if state.scored.complete and state.scored.finished_at else clock.now()
    with db.atomic():
        result = DrillResult.create(
            id=uuid.UUID(run.id), hall=session.hall_code, staff_no=run.staff_no, drill_code=run.drill,
            started_at=called.replace(microsecond=0), finished_at=finished.replace(microsecond=0),
            elapsed_s=_seconds(called, finished), standard_s=run.standard_s, keys=max(0, int(keys or 0)),
            mistakes=[m.as_dict() for m in state.scored.mistakes], score=state.scored.score)
        set_local_setting(RUN_KEY, None)
    return Outcome(result, state.scored, drill(run.drill))


def cancel_drill(session: Session) -> None:
    """Leave the running drill without a result (the customer leaves the queue)."""
    run = current_run(session)
    if run is None:
        return
    with db.atomic():
        Ticket.update(status="noshow", finished_at=clock.now()).where(
            (Ticket.id == uuid.UUID(run.ticket_id)) & (Ticket.status == "waiting")).execute()
        set_local_setting(RUN_KEY, None)


def my_results(session: Session, limit: int = 20) -> list[DrillResult]:
    """The signed-in clerk's latest drill results in this copy."""
    _in_training(session)
    return list(DrillResult.select().where(DrillResult.staff_no == session.staff_no)
                .order_by(DrillResult.finished_at.desc()).limit(limit))
