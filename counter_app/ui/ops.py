"""The one way the UI runs work: an operation object, in the manner of Anki's CollectionOp
and QueryOp (qt/aqt/operations).

    Op(self, lambda: payments.take_payment(session, ...), changes={Topic.PAYMENTS}) \\
        .success(self.paid).failure(self.refused).after(self.unbusy).run()

- ``work`` runs on the global QThreadPool. It calls services and returns plain data; it must
  never touch a widget (peewee gives the worker thread its own connection, closed after).
- ``parent`` is the QObject that asked. Its callbacks run on the GUI thread only while it is
  alive: a result that arrives after the panel or window was deleted is dropped, so no
  widget ever checks ``isValid`` itself.
- ``changes`` are the typed topics a successful write touched. They are announced through
  ``ctx.changed`` (an :class:`Changes`) even when the parent is gone, so every other panel
  that shows them refreshes. Panels listen with :func:`on_change`, whose subscription dies
  with the panel.
- Errors: ``failure(fn)`` receives the exception; without it a :class:`UserError` shows as a
  warning and anything else as the crash report (``ui.errors.show_error``).
- ``latest(name)``: of the ops a parent started under one name, only the newest delivers its
  result (a refresh started before the clerk moved to the next customer is dropped).

Order on the GUI thread: ``after`` first (unbusy the buttons), then ``success`` or
``failure``, then the change announcement. Nothing here waits: tests wait with
:func:`wait_idle`.
"""

from __future__ import annotations

import enum
import inspect
import itertools
import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


class Topic(enum.Enum):
    """What a write touched; a panel refreshes on the topics it shows."""

    QUEUE = "queue"  # tickets, calls, counter states
    ORDERS = "orders"  # form-free orders and their voids
    PAYMENTS = "payments"  # payments, reversals, fees, refunds: money and balances
    HANDOVER = "handover"  # a clerk's shift handover
    DAY_CLOSE = "dayclose"  # the manager closed (or reopened) a day
    COMPLAINTS = "complaints"  # complaints, their steps and escalations
    CUSTOMER = "customer"  # a line's own record: plan, status, subscriptions
    RATINGS = "ratings"  # a customer's rating of a service
    SETUP = "setup"  # staff, counters, hall settings
    PRINTS = "prints"  # a document printed or reprinted (audit)
    SYNC = "sync"  # reference data pulled from the hub
    VERIFICATION = "verification"  # a subscriber's identity checked (passed or failed)
    TRAINING = "training"  # drills run and scored, assessments set, the training copy reset
    INSPECTIONS = "inspections"  # service checks recorded


@dataclass(frozen=True)
class Changes:
    """One announcement: the topics a write touched, and who made it (``origin``: the op's
    parent, so a panel can tell its own write from another's)."""

    topics: frozenset[Topic]
    origin: object | None = field(default=None, compare=False)

    def __contains__(self, topic: object) -> bool:
        return topic in self.topics

    def touches(self, topics: Iterable[Topic]) -> bool:
        return not self.topics.isdisjoint(topics)


def changes_of(*topics: Topic, origin: object | None = None) -> Changes:
    return Changes(frozenset(topics), origin)


# ------------------------------------------------------------------------------ subscriptions


class _Subscription(QObject):
    """A child of the receiver: Qt drops the connection when the receiver (and so this
    object) is destroyed, so a deleted panel never hears another signal."""

    def __init__(self, receiver: QObject, callback: Callable[..., Any], accepts: Callable[..., bool] | None):
        super().__init__(receiver)
        self.callback = callback
        self.accepts = accepts

    def deliver(self, *args: Any) -> None:
        if retired(self.parent()):
            return
        if self.accepts is not None and not self.accepts(*args):
            return
        self.callback(*args)


_RETIRED = "counterAppRetired"  # a dynamic property of a retired widget


def retire(widget: QObject) -> None:
    """``widget`` and everything under it are finished with, though not yet deleted (a window
    a clerk signed out of waits for its deferred deletion): the ops they start do not run,
    results on their way to them are dropped, and no signal subscribed through this module
    reaches them any more. Without it, a panel of the last sign-in would still hear the
    context, start work in the name of nobody (or of the next clerk) and show its refusal."""
    widget.setProperty(_RETIRED, True)


def retired(obj: QObject | None) -> bool:
    """Whether ``obj`` or one of its parents was retired (or is gone)."""
    while obj is not None:
        if not shiboken6.isValid(obj):
            return True
        if obj.property(_RETIRED):
            return True
        obj = obj.parent()
    return False


def connect_while_alive(receiver: QObject, signal: Any, callback: Callable[..., Any]) -> QObject:
    """Connect ``signal`` to ``callback`` for as long as ``receiver`` lives (a lambda connected
    to a long-lived signal would otherwise outlive the widget it touches)."""
    subscription = _Subscription(receiver, callback, None)
    signal.connect(subscription.deliver)
    return subscription


def on_change(receiver: QObject, ctx: Any, topics: Iterable[Topic], callback: Callable[..., Any]) -> QObject:
    """Call ``callback()`` (or ``callback(changes)`` when it takes an argument) whenever an
    announcement touches one of ``topics``, for as long as ``receiver`` lives."""
    wanted = frozenset(topics)
    takes_changes = _takes_argument(callback)
    subscription = _Subscription(receiver, (callback if takes_changes else (lambda _changes: callback())),
                                 lambda changes: changes.touches(wanted))
    ctx.changed.connect(subscription.deliver)
    return subscription


def _takes_argument(callback: Callable[..., Any]) -> bool:
    try:
        params = [p for p in inspect.signature(callback).parameters.values()
                  if p.default is inspect.Parameter.empty
                  and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD, p.VAR_POSITIONAL)]
    except (TypeError, ValueError):
        return True
    return bool(params)


# ---------------------------------------------------------------------------------- the op


class _Dispatcher(QObject):
    """The one object workers report through, living on the GUI thread for the whole run.

    A per-op signal object deleted after its report could be deleted while the worker thread
    was still inside ``emit`` (a crash); this one is never deleted, and each report carries
    the op's number."""

    done = Signal(int, object)
    failed = Signal(int, object, str)
    progress = Signal(int, int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self.done.connect(self._on_done)
        self.failed.connect(self._on_failed)
        self.progress.connect(self._on_progress)

    def _on_done(self, number: int, result: object) -> None:
        op = _running.get(number)
        if op is not None:
            op._done(result)

    def _on_failed(self, number: int, exc: object, tb: str) -> None:
        op = _running.get(number)
        if op is not None:
            op._failed(exc, tb)

    def _on_progress(self, number: int, done: int, total: int, text: str) -> None:
        op = _running.get(number)
        if op is not None:
            op._on_progress(done, total, text)


_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()  # made by the first op, on the GUI thread
    return _dispatcher


class _Runnable(QRunnable):
    def __init__(self, number: int, work: Callable[..., Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self.number = number
        self.work = work
        self.dispatcher = dispatcher
        self.setAutoDelete(False)  # the op keeps it until it has reported

    def run(self) -> None:
        number, dispatcher = self.number, self.dispatcher
        try:
            kwargs = {}
            if _accepts_progress(self.work):
                kwargs["progress"] = lambda done, total, text="": dispatcher.progress.emit(
                    number, int(done), int(total), text)
            result = self.work(**kwargs)
        except BaseException as exc:  # reported to the GUI thread, never swallowed
            _report(dispatcher.failed, number, exc, traceback.format_exc())
        else:
            _report(dispatcher.done, number, result)
        finally:
            from counter_app.models import db

            if not db.is_closed():
                try:
                    db.close()  # this worker thread's connection only
                except Exception:  # noqa: BLE001 - a failed close must not hide the result
                    log.debug("closing a worker's connection failed", exc_info=True)


def _report(signal: Any, *args: Any) -> None:
    """Hand a worker's outcome to the GUI thread, unless the program is ending: a worker that
    finishes after the interpreter tore the dispatcher down has no one left to tell."""
    try:
        signal.emit(*args)
    except RuntimeError:
        log.debug("op %s finished after the program's end; its outcome is dropped", args[0])


def _accepts_progress(work: Callable[..., Any]) -> bool:
    try:
        return "progress" in inspect.signature(work).parameters
    except (TypeError, ValueError):
        return False


_running: dict[int, Op] = {}  # ops between run() and their last callback, by number
_numbers = itertools.count(1)


class Op(Generic[T]):
    """A service call run off the GUI thread on behalf of ``parent``; see the module doc."""

    def __init__(self, parent: QObject | None, work: Callable[..., T], *, changes: Iterable[Topic] = (),
                 ctx: Any = None) -> None:
        self.parent = parent
        self.work = work
        self.topics = frozenset(changes)
        self.ctx = ctx if ctx is not None else getattr(parent, "ctx", None)
        if self.topics and self.ctx is None:
            raise ValueError("an op that announces changes needs the AppContext (ctx)")
        self._success: Callable[[T], Any] | None = None
        self._failure: Callable[[BaseException], Any] | None = None
        self._after: Callable[[], Any] | None = None
        self._progress: Callable[[int, int, str], Any] | None = None
        self._latest: str | None = None
        self._generation = 0
        self._number = 0
        self._runnable: _Runnable | None = None

    # -- configuration (each returns the op, so calls chain) ---------------------------------

    def success(self, callback: Callable[[T], Any]) -> Op[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[BaseException], Any]) -> Op[T]:
        self._failure = callback
        return self

    def after(self, callback: Callable[[], Any]) -> Op[T]:
        """Runs first on the GUI thread whatever the outcome (while the parent lives)."""
        self._after = callback
        return self

    def progress(self, callback: Callable[[int, int, str], Any]) -> Op[T]:
        self._progress = callback
        return self

    def latest(self, name: str) -> Op[T]:
        """Only the newest op of this parent under ``name`` delivers its result."""
        self._latest = name
        return self

    # -- running ------------------------------------------------------------------------------

    def run(self) -> Op[T]:
        if self.parent is not None and retired(self.parent):
            log.debug("op %r not run: its widget was retired", self.work)
            return self
        if self._latest is not None and self.parent is not None:
            generations = _generations(self.parent)
            self._generation = generations.get(self._latest, 0) + 1
            generations[self._latest] = self._generation
        self._number = next(_numbers)
        _running[self._number] = self
        _active()
        self._runnable = _Runnable(self._number, self.work, _the_dispatcher())
        QThreadPool.globalInstance().start(self._runnable)
        return self

    def _alive(self) -> bool:
        parent = self.parent
        if parent is not None and retired(parent):
            return False
        if self._latest is not None and parent is not None:
            return _generations(parent).get(self._latest) == self._generation
        return True

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self._progress is not None and self._alive():
            self._progress(done, total, text)

    def _done(self, result: Any) -> None:
        try:
            if self._alive():
                if self._after is not None:
                    self._after()
                if self._success is not None:
                    self._success(result)
            else:
                log.debug("result of %r dropped: its widget is gone or a newer op superseded it", self.work)
        finally:
            self._finish(announce=True)

    def _failed(self, exc: BaseException, tb: str) -> None:
        try:
            if self._signed_out_meanwhile(exc):
                log.debug("%r refused: the clerk signed out while it ran", self.work)
            elif self._alive():
                if self._after is not None:
                    self._after()
                if self._failure is not None:
                    self._failure(exc)
                else:
                    from counter_app.ui.errors import show_error

                    show_error(_dialog_parent(self.parent), exc, tb)
            else:
                from counter_app.errors import UserError

                if not isinstance(exc, UserError):
                    log.error("an operation failed after its window closed:\n%s", tb)
        finally:
            self._finish(announce=False)

    def _signed_out_meanwhile(self, exc: BaseException) -> bool:
        """Work a window started before its clerk signed out is refused by the services; the
        next clerk is not shown the refusal (the window that asked is closing)."""
        from counter_app.errors import NOT_SIGNED_IN, PermissionDenied

        session = getattr(self.ctx, "session", None)
        return (isinstance(exc, PermissionDenied) and exc.message == NOT_SIGNED_IN
                and session is not None and session.staff is None)

    def _finish(self, *, announce: bool) -> None:
        _running.pop(self._number, None)
        _active()
        self._runnable = None
        if announce and self.topics and self.ctx is not None and shiboken6.isValid(self.ctx):
            self.ctx.announce(Changes(self.topics, self.parent))


def drop_pending(parent: QObject, name: str) -> None:
    """Results still on their way for ``parent``'s ops named ``name`` are dropped (the panel
    has moved on: another customer, or none)."""
    generations = _generations(parent)
    generations[name] = generations.get(name, 0) + 1


def _generations(parent: QObject) -> dict[str, int]:
    generations = getattr(parent, "_op_generations", None)
    if generations is None:
        generations = {}
        parent._op_generations = generations
    return generations


def _dialog_parent(parent: QObject | None):
    from PySide6.QtWidgets import QWidget

    if parent is not None and shiboken6.isValid(parent) and isinstance(parent, QWidget):
        return parent
    return None


def busy() -> int:
    """How many ops have not delivered yet."""
    return len(_running)


def quiet_for(now: float | None = None) -> float:
    """Seconds since an op last started or delivered (0 while one runs): how long the
    window's user has asked for nothing (``ui/latency.py`` collects garbage then)."""
    import time

    if _running:
        return 0.0
    return (time.monotonic() if now is None else now) - _last_activity


def last_activity() -> float:
    """When (``time.monotonic``) an op last started or delivered."""
    return _last_activity


_last_activity = 0.0


def _active() -> None:
    import time

    global _last_activity
    _last_activity = time.monotonic()


def wait_idle(msecs: int = 30_000) -> bool:
    """Tests and shutdown: run the event loop until every op has delivered (or time is up)."""
    import time

    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + msecs / 1000
    while _running and time.monotonic() < deadline:
        QThreadPool.globalInstance().waitForDone(10)
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
    return not _running
