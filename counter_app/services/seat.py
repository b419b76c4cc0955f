"""One clerk at one counter: what signing in at a counter does to the counters' states.

The calling display, the board and the kiosk's estimates read ``CounterState`` (one row per
hall and counter). A clerk signing in at a counter *sits down* there: the counter is theirs
and open (paused stays paused). If the same clerk is still shown at another counter:

- with no customer in service there (open and idle, or paused), that counter is closed on
  the way: the clerk is evidently here now, and the board must not show them twice;
- with a customer in service there, the sign-in is refused (``SeatTaken``), naming the
  counter and the ticket, unless the clerk confirms the move (``move=True``): then that
  counter closes and the ticket follows the clerk: it is transferred from the old counter
  and called at this one in the same transaction, so the calling display tells the customer
  where to go and the reports see one service end and the next begin. Nothing is lost.

A counter still held by another clerk with a customer in service is refused the same way
(a counter PC set up with the wrong number, a colleague's window left open); confirmed,
the clerk takes over the counter and its customer. An idle counter of another clerk is
simply taken over (a shift change).

Every move and take-over is an audit event (``counter.moved``, ``counter.taken_over``); a
refused sign-in is ``login.seat_refused``. Rows from an earlier day are stale (a PC switched
off without signing out) and are closed without asking.

Where the states live: the queue's database. PCs that share it (one hall file, or the hall's
PostgreSQL queue server by its URL) see each other's counters, so the rule holds across them;
a PC with its own SQLite file and no shared queue sees only its own counters (the hub keeps
no counter states: they are terminal tables), see docs/queue.md "One clerk, one counter".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from peewee import SqliteDatabase

from counter_app import clock
from counter_app.errors import Conflict, UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import CounterState, Staff, Ticket, db
from counter_app.models.base import select_one
from counter_app.services import audit
from counter_app.services.permissions import Permission, require
from counter_app.services.queue import _counter, _event, _save_state, _state, write_tx
from counter_app.services.session import Session

HELD = ("open", "paused")


class SeatTaken(Conflict):
    """Signing in here would leave a customer in service without their clerk; ``counter`` is
    where that customer is, ``code`` their ticket, ``staff_no`` who serves them there."""

    def __init__(self, message: str, *, counter: int, code: str, staff_no: str, **params: Any) -> None:
        super().__init__(message, counter=counter, code=code, staff_no=staff_no, **params)
        self.counter = counter
        self.code = code
        self.staff_no = staff_no


@dataclass(frozen=True)
class Moved:
    """What sitting down changed elsewhere: the counter the clerk left (closed now) or took
    over, and the ticket that came along ("" for none)."""

    from_counter: int
    ticket_code: str = ""
    taken_from: str = ""  # the other clerk, when their counter was taken over


def sit_down(session: Session, *, move: bool = False) -> Moved | None:
    """The signed-in clerk takes this terminal's counter (``session.counter_number``).

    Refuses with ``SeatTaken`` (nothing changed) when a customer is in service at another
    counter of this clerk, or at this counter for another clerk, unless ``move``. One queue
    transaction."""
    staff = require(session, Permission.SERVE)
    try:
        counter = _counter(session, None)
    except UserError:  # no such counter (yet) in this hall: nothing to sit at; F1 will say so
        return None
    number, now = counter.number, clock.now()
    try:
        return _sit_down(session, staff, number, now, move)
    except SeatTaken as refused:  # recorded after the queue transaction rolled back
        audit.record(session, "login.seat_refused", str(refused.counter), ticket=refused.code,
                     held_by=refused.staff_no)
        raise


def _sit_down(session: Session, staff: Staff, number: int, now: dt.datetime, move: bool) -> Moved | None:
    hall_code = session.hall_code
    with write_tx():
        _one_sign_in_per_clerk(hall_code, staff.staff_no)
        numbers = [s.counter_number for s in CounterState.select(CounterState.counter_number).where(
            (CounterState.hall == hall_code) & (CounterState.staff_no == staff.staff_no)
            & CounterState.status.in_(HELD) & (CounterState.counter_number != number))]
        # Each read again under its row lock (PostgreSQL): a window still open at that counter
        # may be finishing or calling there this very moment. All rows are locked in counter
        # order, this one included: two clerks swapping counters in the same instant (each
        # holding the other's) would otherwise each lock their own row first and deadlock.
        states = {n: _state(hall_code, n) for n in sorted({*numbers, number})}
        here = states.pop(number)
        elsewhere = [s for s in states.values() if s.staff_no == staff.staff_no and s.status in HELD]
        moved: Moved | None = None
        for state in elsewhere:
            moved = _leave(session, state, here, now, move) or moved
        if here.status in HELD and here.staff_no and here.staff_no != staff.staff_no:
            moved = _take_over(session, here, move) or moved
        if here.status not in HELD:
            here.status = "open"
        here.staff_no = staff.staff_no
        here.since = now
        _save_state(here)
    return moved


def _one_sign_in_per_clerk(hall_code: str, staff_no: str) -> None:
    """One sitting-down of a clerk at a time, to the end of the transaction.

    Each sign-in locks only the counter rows it reads, so on PostgreSQL two sign-ins of one
    clerk at two counters in the same instant would each find no other counter of theirs and
    both pass. A transaction-level advisory lock per hall and clerk makes the second wait for
    the first to commit; its reads (READ COMMITTED: a snapshot per statement) then see the
    counter the first took, and the usual rule applies to it. On SQLite ``write_tx`` already
    holds the file's write lock, which serialises every sitting-down."""
    if isinstance(db.obj, SqliteDatabase):
        return
    db.execute_sql("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"seat:{hall_code}:{staff_no}",))


def _in_service(state: CounterState) -> Ticket | None:
    if state.current_ticket is None:
        return None
    ticket = select_one(Ticket, id=state.current_ticket)
    return ticket if ticket is not None and ticket.status == "called" else None


def _today(state: CounterState, now: dt.datetime) -> bool:
    return state.since is not None and state.since.date() >= now.date()


def _leave(session: Session, state: CounterState, here: CounterState, now: dt.datetime,
           move: bool) -> Moved | None:
    """Close the clerk's other counter; its customer follows them here (confirmed moves only)."""
    ticket = _in_service(state)
    if ticket is not None and _today(state, now) and not move:
        raise SeatTaken(QT_TRANSLATE_NOOP("Errors", "You are signed in at counter {counter} and serving {code} "
                                                    "there. Finish or transfer {code} at counter {counter}, or "
                                                    "move here: counter {counter} closes and {code} is called "
                                                    "to counter {number}."),
                        counter=state.counter_number, code=ticket.code, staff_no=state.staff_no,
                        number=here.counter_number)
    came = ""
    if ticket is not None and _today(state, now) and here.current_ticket is None:
        _call_here(session, ticket, state.counter_number, here, now)
        came = ticket.code
    elif ticket is not None:
        # A customer from an earlier day, or this counter serves someone already: the ticket
        # goes back to wait for this counter rather than vanish with the closed counter.
        ticket.status = "waiting"
        ticket.target_counter = here.counter_number
        ticket.counter_number = None
        ticket.save()
        _event(session, ticket, "transferred", state.counter_number, now, detail=f"counter={here.counter_number}")
    state.status = "closed"
    state.current_ticket = None
    state.since = now
    _save_state(state)
    audit.record(session, "counter.moved", str(here.counter_number), from_counter=state.counter_number,
                 ticket=came or (ticket.code if ticket is not None else ""))
    return Moved(state.counter_number, came)


def _call_here(session: Session, ticket: Ticket, old: int, here: CounterState, now: dt.datetime) -> None:
    """The customer of the clerk's old counter is called to this one: one service ends there
    (``transferred``), the next begins here (``called``), shown and spoken by the display."""
    _event(session, ticket, "transferred", old, now, detail=f"counter={here.counter_number}")
    ticket.counter_number = here.counter_number
    ticket.staff_no = session.staff_no
    ticket.called_at = now
    ticket.target_counter = None
    ticket.recalls = 0
    ticket.save()
    _event(session, ticket, "called", here.counter_number, now)
    here.current_ticket = ticket.id


def _take_over(session: Session, here: CounterState, move: bool) -> Moved | None:
    """This counter is still another clerk's: idle, it is taken over; with their customer in
    service, only when the clerk confirms (they serve that customer from now on)."""
    ticket = _in_service(here)
    other = Staff.get_or_none(Staff.staff_no == here.staff_no)
    name = other.name if other is not None else ""
    if ticket is not None and _today(here, clock.now()) and not move:
        raise SeatTaken(QT_TRANSLATE_NOOP("Errors", "Counter {counter} is serving {code} for {name} ({staff_no}). "
                                                    "Sign in at your own counter, or take this counter over "
                                                    "with its customer."),
                        counter=here.counter_number, code=ticket.code, staff_no=here.staff_no, name=name)
    if ticket is not None:
        ticket.staff_no = session.staff_no
        ticket.save()
    audit.record(session, "counter.taken_over", str(here.counter_number), from_staff=here.staff_no,
                 ticket=ticket.code if ticket is not None else "")
    return Moved(here.counter_number, ticket.code if ticket is not None else "", taken_from=here.staff_no)


def notice(moved: Moved | None, number: int) -> tuple[str, dict[str, Any]] | None:
    """What the counter window tells the clerk after sitting down (untranslated, with its
    parameters), or None when nothing changed elsewhere."""
    if moved is None:
        return None
    if moved.taken_from:
        return (QT_TRANSLATE_NOOP("Seat", "You took over counter {number} from {staff_no}."),
                {"number": number, "staff_no": moved.taken_from})
    if moved.ticket_code:
        return (QT_TRANSLATE_NOOP("Seat", "Counter {old} is closed. {code} was called to counter {number}."),
                {"old": moved.from_counter, "code": moved.ticket_code, "number": number})
    return (QT_TRANSLATE_NOOP("Seat", "Counter {old}, where you were signed in, is closed now."),
            {"old": moved.from_counter})



def seated_elsewhere(session: Session, counter_number: int) -> int | None:
    """The counter, other than ``counter_number``, where the signed-in clerk sits today (they
    signed in there after signing in here), or None."""
    staff = require(session, Permission.SERVE)
    today = dt.datetime.combine(clock.now().date(), dt.time())
    row = (CounterState.select(CounterState.counter_number)
           .where((CounterState.hall == session.hall_code) & (CounterState.staff_no == staff.staff_no)
                  & CounterState.status.in_(HELD) & (CounterState.counter_number != counter_number)
                  & (CounterState.since >= today))
           .order_by(CounterState.since.desc()).first())
    return row.counter_number if row is not None else None


def ensure_here(session: Session, counter_number: int) -> None:
    """Refuse a queue action at ``counter_number`` from a window the clerk left for another
    counter (their sign-in there closed this one): the board must not show them twice."""
    require(session, Permission.SERVE)
    other = seated_elsewhere(session, counter_number)
    if other is not None:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "You are signed in at counter {other} now, and counter {number} "
                                                   "is closed. Sign out here and go on at counter {other}."),
                       other=other, number=counter_number)
