"""Service-quality supervision (服务监督体系): spot checks (服务质量抽查), mystery-shopper visits by
the hall's outside supervisors (社会监督员) and the standard-hall checklist, each scored against a
scorecard of ``services.scorecards``; the monthly bulletin (通报) built from them.

Who: an inspector (role ``inspector``: records and reads checks, nothing else) records; a
manager reads the checks of the hall and prints the bulletin. An inspector reads every hall
the database holds (on a terminal: its own hall; on the hub: the province), a manager only
the own hall.

An item *fails* in a check when it earned less than its full points. A check is a fact: it is
never changed after it is recorded; a corrected check is a new one.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

from peewee import ModelSelect

from counter_app import clock
from counter_app.errors import NotFound, PermissionDenied, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, counter_name
from counter_app.models import Counter, Hall, Inspection, Staff, db
from counter_app.models.supervision import INSPECTION_KINDS
from counter_app.services import audit, scorecards, signing
from counter_app.services.permissions import Permission, allowed, require
from counter_app.services.scorecards import Scorecard
from counter_app.services.session import Session

SERVICE_KINDS = ("spot_check", "mystery_shopper")
# How far back a check may be dated when it is recorded (a visit written up after a few days).
BACKDATE_DAYS = 31
NOTE_MAX = 500


@dataclass(frozen=True)
class ScoredItem:
    section: str
    code: str
    text: str
    points: int
    max: int
    note: str = ""

    @property
    def failed(self) -> bool:
        return self.points < self.max


@dataclass(frozen=True)
class CheckView:
    """One recorded check as a reader sees it."""

    id: uuid.UUID
    hall: str
    hall_name: str
    kind: str
    scorecard: str
    scorecard_name: str
    visited_at: dt.datetime
    inspector_no: str
    inspector_name: str
    staff_no: str
    staff_name: str
    counter_number: int | None
    counter_label: str
    score: int
    max_score: int
    items: list[ScoredItem]
    note: str
    follow_up: str
    follow_up_due: dt.date | None

    @property
    def share(self) -> float:
        return self.score / self.max_score if self.max_score else 0.0


def _scope(session: Session, query: ModelSelect[Inspection]) -> ModelSelect[Inspection]:
    """Inspectors (and administrators) read every hall the database holds; a manager the own."""
    if allowed(session, Permission.INSPECT):
        return query
    return query.where(Inspection.hall == session.hall_code)


READ_REFUSED = QT_TRANSLATE_NOOP("Errors", "Only an inspector or a manager may read the service checks.")


def _reader(session: Session) -> Staff:
    if session.staff is not None and (allowed(session, Permission.INSPECT)
                                      or allowed(session, Permission.VIEW_REPORTS)):
        return session.staff
    if session.staff is None:
        return require(session, Permission.INSPECT)  # "please sign in"
    raise PermissionDenied(READ_REFUSED)


def _parse_due(value: object) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the date as YYYY-MM-DD, e.g. 2026-11-25: “{text}”."),
                              field="follow_up_due", text=str(value)) from None


def record_inspection(session: Session, *, kind: str, visited_at: dt.datetime, scores: dict[str, int],
                      notes: dict[str, str] | None = None, staff_no: str = "", counter_number: int | None = None,
                      note: str = "", follow_up: str = "", follow_up_due: object = None) -> Inspection:
    """Record one check of this hall, scored item by item; audited. ``scores`` maps every item
    of the kind's scorecard to the points given (0 to the item's points; the standard-hall
    checklist takes all or nothing: passed or failed)."""
    inspector = require(session, Permission.INSPECT)
    if kind not in INSPECTION_KINDS:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Unknown kind of check: {kind}."), field="kind",
                              kind=str(kind))
    card = scorecards.for_kind(kind)
    notes = {k: (v or "").strip() for k, v in (notes or {}).items()}
    lang = session.lang
    items = _scored_items(card, scores or {}, notes, lang)
    now = clock.now()
    if not isinstance(visited_at, dt.datetime):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Give the time of the visit."), field="visited_at")
    if visited_at > now + dt.timedelta(minutes=5):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A check cannot be dated in the future."),
                              field="visited_at")
    if visited_at < now - dt.timedelta(days=BACKDATE_DAYS):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A check is recorded within {days} days of the visit."),
                              field="visited_at", days=BACKDATE_DAYS)
    staff_no = (staff_no or "").strip()
    if kind == "standard_hall":
        staff_no, counter_number = "", None  # the checklist scores the hall, not a clerk
    if staff_no:
        staff = Staff.get_or_none((Staff.staff_no == staff_no) & (Staff.hall == session.hall_code))
        if staff is None or staff.role not in ("clerk", "manager"):
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Staff number {staff_no} is not counter staff of this "
                                                              "hall."), field="staff_no", staff_no=staff_no)
    if counter_number is not None and not Counter.select().where((Counter.hall == session.hall_code)
                                  & (Counter.number == counter_number)).exists():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The hall has no counter {number}."),
                              field="counter_number", number=counter_number)
    note, follow_up = (note or "").strip(), (follow_up or "").strip()
    if len(note) > NOTE_MAX or len(follow_up) > NOTE_MAX or any(len(v) > NOTE_MAX for v in notes.values()):
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A note is at most {count} characters."), field="note",
                              count=NOTE_MAX)
    due = _parse_due(follow_up_due)
    if due is not None and not follow_up:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Say what is to be put right by {date}."),
                              field="follow_up", date=due.isoformat())
    if due is not None and due < visited_at.date():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A follow-up cannot be due before the visit."),
                              field="follow_up_due")
    score = sum(i.points for i in items)
    with db.atomic():
        row = Inspection.create(
            hall=session.hall_code, kind=kind, scorecard=card.ref, inspector_no=inspector.staff_no,
            inspector_name=inspector.name, visited_at=visited_at.replace(microsecond=0), staff_no=staff_no,
            counter_number=counter_number, score=score, max_score=card.points,
            items=[{"code": i.code, "points": i.points, "max": i.max, "note": i.note} for i in items],
            note=note, follow_up=follow_up, follow_up_due=due)
        audit.record(session, "inspection.record", row.id.hex, kind=kind, scorecard=card.ref, score=score,
                     max_score=card.points, staff=staff_no, counter=counter_number)
    return row


def _scored_items(card: Scorecard, scores: Mapping[str, int | float | str], notes: dict[str, str], lang: str) -> list[ScoredItem]:
    known = {i.code for i in card.items}
    unknown = sorted(set(scores) - known)
    if unknown:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{code}” is not an item of this scorecard."),
                              field="scores", code=unknown[0])
    out = []
    for section in card.sections:
        for item in section.items:
            value = scores.get(item.code)
            if value is None or value == "":
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Score every item: “{item}” has no score."),
                                      field=item.code, item=item.text(lang))
            try:
                if isinstance(value, float) and not value.is_integer():
                    raise ValueError(value)
                points = int(value)
            except (TypeError, ValueError):
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{value}” is not a whole number of points."), field=item.code,
                                      value=str(value)) from None
            if not 0 <= points <= item.points:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "“{item}” takes 0 to {points} points."),
                                      field=item.code, item=item.text(lang), points=item.points)
            if card.code == scorecards.STANDARD_HALL and points not in (0, item.points):
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A checklist item is either passed or failed: "
                                                                  "“{item}”."), field=item.code, item=item.text(lang))
            out.append(ScoredItem(section.code, item.code, item.text(lang), points, item.points,
                                  notes.get(item.code, "")))
    return out


# -- reading ----------------------------------------------------------------------------------

def _names() -> tuple[dict[str, str], dict[str, str], dict[tuple[str, int], str]]:
    staff = {s.staff_no: s.name for s in Staff.select(Staff.staff_no, Staff.name)}
    halls = {h.code: h.name for h in Hall.select(Hall.code, Hall.name)}
    counters = {(c.hall_id, c.number): c.name for c in Counter.select(Counter.hall, Counter.number, Counter.name)}
    return staff, halls, counters


def _view(row: Inspection, lang: str, names: tuple[dict[str, str], dict[str, str], dict[tuple[str, int], str]]) -> CheckView:
    staff, halls, counters = names
    card_code, _, _version = row.scorecard.rpartition("-")
    try:
        card = scorecards.scorecard(card_code)
    except KeyError:
        card = None
    items = []
    for stored in row.items or []:
        item = card.item(stored["code"]) if card else None
        section = card.section_of(stored["code"]) if card else None
        items.append(ScoredItem(section.code if section else "", stored["code"],
                                item.text(lang) if item else stored["code"], int(stored["points"]),
                                int(stored["max"]), stored.get("note", "")))
    counter = "" if row.counter_number is None else counter_name(
        lang, row.counter_number, counters.get((row.hall, row.counter_number), ""))
    return CheckView(row.id, row.hall, halls.get(row.hall, row.hall), row.kind, row.scorecard,
                     card.name(lang) if card else row.scorecard, row.visited_at, row.inspector_no,
                     row.inspector_name, row.staff_no, staff.get(row.staff_no, ""), row.counter_number, counter,
                     row.score, row.max_score, items, row.note, row.follow_up, row.follow_up_due)


def sheet_code(session: Session, check: CheckView) -> str:
    """The signed verification code of a check's printed sheet, signed by the hall of the
    terminal that prints it (``services/signing.py``)."""
    _reader(session)
    return signing.payload(session.hall_code, "inspection", check.id.hex)


def list_inspections(session: Session, first: dt.date | None = None, last: dt.date | None = None,
                     kinds: tuple[str, ...] = INSPECTION_KINDS, limit: int = 500) -> list[CheckView]:
    """Checks visited between ``first`` and ``last`` (inclusive), newest first."""
    _reader(session)
    query = _scope(session, Inspection.select().where(Inspection.kind.in_(list(kinds))))
    if first is not None:
        query = query.where(Inspection.visited_at >= dt.datetime.combine(first, dt.time()))
    if last is not None:
        query = query.where(Inspection.visited_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
    names = _names()
    return [_view(row, session.lang, names) for row in query.order_by(Inspection.visited_at.desc()).limit(limit)]


def get_inspection(session: Session, inspection_id: uuid.UUID | str) -> CheckView:
    _reader(session)
    try:
        key = inspection_id if isinstance(inspection_id, uuid.UUID) else uuid.UUID(str(inspection_id))
    except ValueError:
        key = None
    row = None if key is None else _scope(session, Inspection.select().where(Inspection.id == key)).first()
    if row is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no such check."))
    return _view(row, session.lang, _names())


# -- the monthly bulletin (通报) ---------------------------------------------------------------

@dataclass(frozen=True)
class SubjectScore:
    hall: str
    hall_name: str
    staff_no: str  # "" for a hall
    name: str
    checks: int
    average: float  # share of the points
    lowest: float


@dataclass(frozen=True)
class WeakItem:
    section: str
    text: str
    checks: int
    share: float  # points earned / points possible over the month's checks
    failures: int


@dataclass(frozen=True)
class Repeated:
    hall_name: str
    staff_no: str
    name: str
    text: str
    times: int


@dataclass(frozen=True)
class FollowUp:
    due: dt.date
    hall_name: str
    who: str
    text: str
    overdue: bool


@dataclass
class Bulletin:
    month: str
    first: dt.date
    last: dt.date
    lang: str
    generated_at: dt.datetime
    checks: list[CheckView]
    halls: list[SubjectScore] = field(default_factory=list)
    clerks: list[SubjectScore] = field(default_factory=list)
    weakest: list[WeakItem] = field(default_factory=list)
    repeated: list[Repeated] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    by_kind: dict[str, int] = field(default_factory=dict)

    @property
    def average(self) -> float | None:
        return sum(c.share for c in self.checks) / len(self.checks) if self.checks else None


def month_range(month: str) -> tuple[dt.date, dt.date]:
    from counter_app.services.grading import month_bounds

    return month_bounds(month)


def monthly_bulletin(session: Session, month: str, weakest: int = 5) -> Bulletin:
    """The month's spot checks and mystery-shopper visits: scores per hall and per clerk, the
    weakest items, items failed again and again by the same clerk (or hall), follow-ups due."""
    _reader(session)
    from counter_app.services.report_period import not_in_future_month, parse_month

    first, last = month_range(not_in_future_month(parse_month(month)))
    checks = list_inspections(session, first, last, kinds=SERVICE_KINDS, limit=100_000)
    checks.sort(key=lambda c: c.visited_at)
    out = Bulletin(month, first, last, session.lang, clock.now(), checks)
    by_hall: dict[str, list[CheckView]] = defaultdict(list)
    by_clerk: dict[tuple[str, str], list[CheckView]] = defaultdict(list)
    for check in checks:
        out.by_kind[check.kind] = out.by_kind.get(check.kind, 0) + 1
        by_hall[check.hall].append(check)
        if check.staff_no:
            by_clerk[(check.hall, check.staff_no)].append(check)
    out.halls = sorted((SubjectScore(code, rows[0].hall_name, "", rows[0].hall_name, len(rows),
                                     sum(c.share for c in rows) / len(rows), min(c.share for c in rows))
                        for code, rows in by_hall.items()), key=lambda s: (-s.average, s.hall))
    out.clerks = sorted((SubjectScore(hall, rows[0].hall_name, staff_no, rows[0].staff_name, len(rows),
                                      sum(c.share for c in rows) / len(rows), min(c.share for c in rows))
                         for (hall, staff_no), rows in by_clerk.items()), key=lambda s: (-s.average, s.staff_no))
    earned: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # points, max, checks, failures
    texts: dict[str, tuple[str, str]] = {}
    repeats: dict[tuple[str, str, str], int] = defaultdict(int)
    card = scorecards.scorecard(scorecards.SERVICE)
    for check in checks:
        for item in check.items:
            tally = earned[item.code]
            tally[0] += item.points
            tally[1] += item.max
            tally[2] += 1
            tally[3] += item.failed
            section = card.section_of(item.code)
            texts[item.code] = (section.name(session.lang) if section else item.section, item.text)
            if item.failed:
                repeats[(check.hall, check.staff_no, item.code)] += 1
    weak = [WeakItem(texts[code][0], texts[code][1], t[2], t[0] / t[1] if t[1] else 0.0, t[3])
            for code, t in earned.items() if t[3]]
    weak.sort(key=lambda w: (w.share, -w.failures, w.text))
    out.weakest = weak[:weakest]
    halls = {c.hall: c.hall_name for c in checks}
    staff_names = {c.staff_no: c.staff_name for c in checks}
    out.repeated = sorted((Repeated(halls[hall], staff_no, staff_names.get(staff_no, "") if staff_no else halls[hall],
                                    texts[code][1], times)
                           for (hall, staff_no, code), times in repeats.items() if times >= 2),
                          key=lambda r: (-r.times, r.hall_name, r.staff_no, r.text))
    out.follow_ups = _follow_ups(session, first, last)
    return out


def _follow_ups(session: Session, first: dt.date, last: dt.date) -> list[FollowUp]:
    """Follow-ups due in the month, and those of earlier checks due after its start."""
    query = _scope(session, Inspection.select().where(
        Inspection.follow_up_due.is_null(False) & (Inspection.follow_up_due >= first)
        & (Inspection.visited_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))))
    names = _names()
    today = clock.today()
    out = []
    for row in query.order_by(Inspection.follow_up_due, Inspection.visited_at):
        if row.follow_up_due is None:  # never: the query asks for a due date
            continue
        view = _view(row, session.lang, names)
        who = f"{view.staff_no} {view.staff_name}".strip() if view.staff_no else view.hall_name
        out.append(FollowUp(row.follow_up_due, view.hall_name, who, row.follow_up, row.follow_up_due < today))
    return out


# -- for the hall's yearly evaluation ---------------------------------------------------------

def spot_check_average(hall_code: str, first: dt.date, last: dt.date) -> tuple[int, float | None]:
    """The number of spot checks and mystery-shopper visits of a hall in a period and their
    average share of the points (None without a check). No customer data."""
    rows = list(Inspection.select(Inspection.score, Inspection.max_score).where(
        (Inspection.hall == hall_code) & Inspection.kind.in_(list(SERVICE_KINDS))
        & (Inspection.visited_at >= dt.datetime.combine(first, dt.time()))
        & (Inspection.visited_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))))
    shares = [r.score / r.max_score for r in rows if r.max_score]
    return len(shares), (sum(shares) / len(shares) if shares else None)


def latest_checklist(hall_code: str, first: dt.date, last: dt.date, lang: str = "zh_CN") -> CheckView | None:
    """The hall's last standard-hall checklist in a period (the one that counts)."""
    row = (Inspection.select().where(
        (Inspection.hall == hall_code) & (Inspection.kind == "standard_hall")
        & (Inspection.visited_at >= dt.datetime.combine(first, dt.time()))
        & (Inspection.visited_at < dt.datetime.combine(last + dt.timedelta(days=1), dt.time())))
        .order_by(Inspection.visited_at.desc(), Inspection.created_at.desc()).first())
    return None if row is None else _view(row, lang, _names())


def counter_staff(session: Session) -> list[tuple[str, str]]:
    """(staff number, name) of the hall's counter staff, for the check form."""
    _reader(session)
    return [(s.staff_no, s.name) for s in Staff.select().where(
        (Staff.hall == session.hall_code) & Staff.role.in_(["clerk", "manager"]) & (Staff.active == True))  # noqa: E712
        .order_by(Staff.staff_no)]
