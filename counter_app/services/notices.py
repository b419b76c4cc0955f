"""The hall's public notices (公示): what the hall posts on its walls, shows on the calling
display and the kiosk's 业务指南 pages, and prints as wall sheets.

One source for screen and paper: :func:`notice_board` assembles every notice from the
catalogue (fee standards and SP services, as :mod:`services.fees` reads them), the hall's
complaint reply targets and appeal body, ``resources/catalogue/notices.json`` (what to bring
for each business, invoice items explained, how to refuse or get an SP fee refunded) and the
hall's own notices, which a manager adds with start and end dates in both languages (kept as
the hall setting ``hall_notices``, so they reach the hall's other terminals like any setup
change). Nothing here is private: the board needs nobody signed in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from counter_app import clock
from counter_app.errors import NotFound, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.ids import uuid7
from counter_app.models import BusinessType, db
from counter_app.services import appeal, audit, complaints, setup_record
from counter_app.services.fees import fee_standards
from counter_app.services.permissions import Permission, require
from counter_app.services.reference import read_catalogue
from counter_app.services.session import Session, hall_setting

HALL_NOTICES_KEY = "hall_notices"
MAX_TITLE = 40
MAX_BODY = 400
MAX_HALL_NOTICES = 30

# The order of the standard notices on the wall, the display and the kiosk.
FEES, SP, COMPLAINTS, BRING, INVOICE, PROCEDURES = "fees", "sp", "complaints", "bring", "invoice", "procedures"


@dataclass(frozen=True)
class NoticeLine:
    label: str  # "补换SIM卡工本费", "SP收费"; may be empty for a plain sentence
    text: str  # "20.00 元/张", the explanation, the rule


@dataclass(frozen=True)
class Notice:
    code: str  # fees, sp, complaints, bring, invoice, procedures, or "hall-<id>"
    title: str
    lines: tuple[NoticeLine, ...]
    hall_notice: bool = False


@dataclass(frozen=True)
class NoticeBoard:
    hall_name: str
    lang: str
    printed_at: dt.datetime
    notices: tuple[Notice, ...]

    def notice(self, code: str) -> Notice:
        return next(n for n in self.notices if n.code == code)


@dataclass(frozen=True)
class HallNotice:
    """One of the hall's own notices, as a manager entered it."""

    id: str
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    starts: dt.date
    ends: dt.date

    def shown_on(self, day: dt.date) -> bool:
        return self.starts <= day <= self.ends


def demo_hall_notices() -> list[dict[str, Any]]:
    """The demo hall's own notice, as stored: shown for the next month from today."""
    today = clock.today()
    return [{"id": "demo-notice-1", "title_zh": "如意千万家·消费明明白白", "title_en": "Know what you pay for",
             "body_zh": "本厅设套餐小专家，可根据您近三个月的使用为您推荐最省钱的套餐；请到柜台或自助终端查询。",
             "body_en": "Our plan specialists find the plan that costs you least for your last three months of use: "
                        "ask at a counter or look at the kiosk.",
             "starts": today.isoformat(), "ends": (today + dt.timedelta(days=30)).isoformat()}]


def _stored_hall_notices(hall_code: str) -> list[HallNotice]:
    rows = hall_setting(hall_code, HALL_NOTICES_KEY, []) or []
    out = []
    for row in rows:
        try:
            out.append(HallNotice(str(row["id"]), row["title_zh"], row.get("title_en", ""), row["body_zh"],
                                  row.get("body_en", ""), dt.date.fromisoformat(row["starts"]),
                                  dt.date.fromisoformat(row["ends"])))
        except (KeyError, TypeError, ValueError):
            continue  # a damaged row is left out, never put on the wall half-read
    return sorted(out, key=lambda n: (n.starts, n.id))


def _save(hall_code: str, notices: list[HallNotice]) -> None:
    setup_record.put_hall_setting(hall_code, HALL_NOTICES_KEY, [
        {"id": n.id, "title_zh": n.title_zh, "title_en": n.title_en, "body_zh": n.body_zh, "body_en": n.body_en,
         "starts": n.starts.isoformat(), "ends": n.ends.isoformat()} for n in notices])


def hall_notices(session: Session) -> list[HallNotice]:
    """Every notice of the hall, past and future ones too, for the manager's list."""
    require(session, Permission.MANAGE_HALL)
    return _stored_hall_notices(session.hall_code)


def add_hall_notice(session: Session, *, title_zh: str, body_zh: str, starts: dt.date, ends: dt.date,
                    title_en: str = "", body_en: str = "") -> HallNotice:
    """A manager posts a notice of the hall's own from ``starts`` to ``ends`` (both included)."""
    require(session, Permission.MANAGE_HALL)
    title_zh, title_en = (title_zh or "").strip(), (title_en or "").strip()
    body_zh, body_en = (body_zh or "").strip(), (body_en or "").strip()
    if not title_zh or not body_zh:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A notice needs a Chinese title and text."),
                              field="title_zh")
    if max(len(title_zh), len(title_en)) > MAX_TITLE or max(len(body_zh), len(body_en)) > MAX_BODY:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A notice's title has at most {title} characters and its "
                                                          "text at most {body}."),
                              field="body_zh", title=MAX_TITLE, body=MAX_BODY)
    if not isinstance(starts, dt.date) or not isinstance(ends, dt.date) or ends < starts:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A notice ends on or after the day it starts."),
                              field="ends")
    if ends < clock.today():
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This notice would already have ended."), field="ends")
    notice = HallNotice(str(uuid7()), title_zh, title_en, body_zh, body_en, starts, ends)
    with db.atomic():
        current = _stored_hall_notices(session.hall_code)
        if len(current) >= MAX_HALL_NOTICES:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The hall keeps at most {count} notices: remove an old "
                                                              "one first."), count=MAX_HALL_NOTICES)
        _save(session.hall_code, [*current, notice])
        audit.record(session, "notice.add", notice.id, title=title_zh, starts=str(starts), ends=str(ends))
    return notice


def remove_hall_notice(session: Session, notice_id: str) -> None:
    require(session, Permission.MANAGE_HALL)
    with db.atomic():
        current = _stored_hall_notices(session.hall_code)
        kept = [n for n in current if n.id != notice_id]
        if len(kept) == len(current):
            raise NotFound(QT_TRANSLATE_NOOP("Errors", "No such notice."))
        _save(session.hall_code, kept)
        audit.record(session, "notice.remove", notice_id)


def _hours_text(lang: str, hours: int) -> str:
    if hours % 24 == 0 and hours >= 48:
        days = hours // 24
        return pick(lang, f"{days}日内", f"within {days} days")
    return pick(lang, f"{hours}小时内", f"within {hours} hours")


def notice_board(session: Session, *, lang: str | None = None, today: dt.date | None = None) -> NoticeBoard:
    """Every public notice of the hall in ``lang``, the hall's own ones of ``today`` first."""
    lang = lang or session.lang
    today = today or clock.today()
    data = read_catalogue("notices.json")
    fees = fee_standards(session, lang=lang)
    notices: list[Notice] = []
    for own in _stored_hall_notices(session.hall_code):
        if own.shown_on(today):
            notices.append(Notice(f"hall-{own.id}", pick(lang, own.title_zh, own.title_en),
                                  (NoticeLine("", pick(lang, own.body_zh, own.body_en)),), hall_notice=True))
    notices.append(Notice(FEES, pick(lang, "收费项目及标准", "Fee standards"),
                          tuple(NoticeLine(f.name, f.price) for f in fees.fees)))
    sp = data["sp"]
    customer_service = read_catalogue("province.json").get("customer_service", "")
    sp_lines = [NoticeLine(f.name, f"{f.price} · {f.note}") for f in fees.sp_services]
    sp_lines += [NoticeLine(pick(lang, "确认", "Confirmation"), pick(lang, sp["refuse_zh"], sp["refuse_en"])),
                 NoticeLine(pick(lang, "退订", "Cancelling"), pick(lang, sp["cancel_zh"], sp["cancel_en"]).format(
                     customer_service=customer_service)),
                 NoticeLine(pick(lang, "退费", "Refunds"), pick(lang, sp["refund_zh"], sp["refund_en"]))]
    notices.append(Notice(SP, pick(lang, sp["title_zh"], sp["title_en"]), tuple(sp_lines)))
    body = appeal.appeal_body(session.hall_code)
    hours = complaints.deadline_hours(session.hall_code)
    complaint_lines = [NoticeLine(pick(lang, *complaints.CATEGORY_NAMES[c]),
                                  pick(lang, f"{_hours_text(lang, h)}答复", f"answered {_hours_text(lang, h)}"))
                       for c, h in hours.items() if c in complaints.CATEGORY_NAMES]
    complaint_lines.append(NoticeLine(
        pick(lang, "申诉", "Appeal"),
        pick(lang, f"受理后{appeal.LEGAL_REPLY_DAYS}日内未获答复或对答复不满意，可向{body.name(lang)}申诉（拨打{body.phone}）。",
             f"No answer within {appeal.LEGAL_REPLY_DAYS} days, or not satisfied with it: appeal to "
             f"{body.name(lang)} (call {body.phone}).")))
    notices.append(Notice(COMPLAINTS, pick(lang, "投诉处理时限与申诉途径", "Complaint deadlines and appeals"),
                          tuple(complaint_lines)))
    names = {b.code: pick(lang, b.name_zh, b.name_en) for b in BusinessType.select(BusinessType.code,
                                                                                     BusinessType.name_zh,
                                                                                     BusinessType.name_en)}
    notices.append(Notice(BRING, pick(lang, "办理业务须知", "What to bring"), tuple(
        NoticeLine(names.get(b["business"], b["business"]), pick(lang, b["zh"], b["en"])) for b in data["bring"])))
    notices.append(Notice(INVOICE, pick(lang, "发票项目说明", "Invoice items explained"), tuple(
        NoticeLine(pick(lang, i["zh"], i["en"]), pick(lang, i["explain_zh"], i["explain_en"]))
        for i in data["invoice_items"])))
    if fees.procedures:
        notices.append(Notice(PROCEDURES, pick(lang, "业务办理流程", "Business procedures"),
                              tuple(NoticeLine(f.name, f.note) for f in fees.procedures)))
    return NoticeBoard(session.hall.name, lang, clock.now(), tuple(notices))


def slides(board: NoticeBoard) -> list[tuple[str, str]]:
    """The board as the calling display's band shows it, one (title, line) at a time."""
    return [(n.title, f"{line.label}：{line.text}" if line.label and board.lang.startswith("zh")
             else f"{line.label}: {line.text}" if line.label else line.text)
            for n in board.notices for line in n.lines]
