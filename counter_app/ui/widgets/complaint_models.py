"""The complaints' tables: the complaint list (with deadline flags) and the SP charges a clerk
may refund, as column sets of the one table model (``rows_model``), and the labels they
share with the complaint dialogs. Models hold rows the services returned; they never query."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication

from counter_app import clock
from counter_app.i18n import pick
from counter_app.money import format_yuan
from counter_app.services.validation import mask_phone
from counter_app.ui.style import hex_colour
from counter_app.ui.widgets.rows_model import ID_ROLE, Column, RowsModel

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))

URGENCY_COLOURS = {"overdue": "urgent_bg", "near": "near_bg"}  # theme parts
__all__ = ["ID_ROLE", "category_label", "complaint_model", "preselected", "refund_model", "status_label",
           "time_left", "urgency_label"]


def category_label(code: str) -> str:
    labels = {
        "billing": translate("Complaints", "Billing"),
        "sp_charge": translate("Complaints", "SP charges"),
        "network": translate("Complaints", "Network quality"),
        "attitude": translate("Complaints", "Service attitude"),
        "repair": translate("Complaints", "Handset repair"),
        "other": translate("Complaints", "Other"),
    }
    return labels.get(code, code)


def status_label(code: str) -> str:
    labels = {
        "open": translate("Complaints", "Open"),
        "assigned": translate("Complaints", "Assigned"),
        "replied": translate("Complaints", "Replied"),
        "closed": translate("Complaints", "Closed"),
    }
    return labels.get(code, code)


def urgency_label(urgency: str, escalated: bool) -> str:
    parts = []
    if urgency == "overdue":
        parts.append(translate("Complaints", "Overdue"))
    elif urgency == "near":
        parts.append(translate("Complaints", "Near deadline"))
    if escalated and urgency != "done":
        parts.append(translate("Complaints", "Escalated to manager"))
    return " · ".join(parts)


def time_left(deadline: dt.datetime, now: dt.datetime) -> str:
    seconds = int((deadline - now).total_seconds())
    hours, rest = divmod(abs(seconds), 3600)
    text = translate("Complaints", "{hours} h {minutes} min").format(hours=hours, minutes=rest // 60)
    if seconds < 0:
        return translate("Complaints", "{time} late").format(time=text)
    return text


COL_NO, COL_CATEGORY, COL_PHONE, COL_STATUS, COL_OPENED, COL_DEADLINE, COL_LEFT, COL_FLAG = range(8)
COL_PICK, COL_PERIOD, COL_SP, COL_SERVICE, COL_AMOUNT, COL_STATE = range(6)


def complaint_model(parent=None) -> RowsModel:
    """The complaint list (``ComplaintRow``, known by its id): a row near or past its deadline
    takes the theme's urgency background; every cell's tooltip is the description, but the
    flag's, which spells the flag out."""

    def urgency_colour(row) -> str | None:
        return hex_colour(URGENCY_COLOURS[row.urgency]) if row.urgency in URGENCY_COLOURS else None

    def described(header: str, text, key=None) -> Column:
        return Column(header, text, key=key, tooltip=lambda row: row.description)

    def left(row) -> str:
        return time_left(row.deadline_at, clock.now()) if row.urgency != "done" else ""

    def flag(row) -> str:
        return urgency_label(row.urgency, row.escalated)

    return RowsModel([
        described(translate("Complaints", "Number"), lambda row: row.complaint_no),
        described(translate("Complaints", "Category"), lambda row: category_label(row.category)),
        described(translate("Complaints", "Phone"), lambda row: mask_phone(row.phone)),
        described(translate("Complaints", "Status"), lambda row: status_label(row.status)),
        described(translate("Complaints", "Opened"), lambda row: row.opened_at.strftime("%m-%d %H:%M"),
                  key=lambda row: row.opened_at),
        described(translate("Complaints", "Reply by"), lambda row: row.deadline_at.strftime("%Y-%m-%d %H:%M"),
                  key=lambda row: row.deadline_at),
        described(translate("Complaints", "Time left"), left, key=lambda row: row.deadline_at),
        Column(translate("Complaints", "Flag"), flag, tooltip=flag),
    ], parent, row_id=lambda row: row.id, background=urgency_colour)


def refund_model(lang: str = "zh_CN", parent=None) -> RowsModel:
    """The line's SP charges (``RefundableItem``, known by the bill item's id); the clerk
    ticks the ones to refund (a charge refunded already has no tick box). Fill it with
    ``set_rows(items, preselected(items, months))``; ``ticked_rows()`` are the picked ones."""

    def state(item) -> str:
        return translate("Complaints", "Refunded") if item.claimed else ""

    return RowsModel([
        Column(translate("Complaints", "Refund"), lambda item: "", tick=lambda item: not item.claimed),
        Column(translate("Complaints", "Bill month"), lambda item: item.period),
        Column(translate("Complaints", "SP"), lambda item: item.sp_name),
        Column(translate("Complaints", "Service"), lambda item: pick(lang, item.service_zh, item.service_en)),
        Column(translate("Complaints", "Amount (yuan)"), lambda item: format_yuan(item.amount_fen), numeric=True,
               key=lambda item: item.amount_fen),
        Column(translate("Complaints", "State"), state),
    ], parent, row_id=lambda item: item.bill_item_id)


def preselected(items: list, months_back: int) -> set[int]:
    """The charges ticked when the dialog opens: those of the services the complaint names,
    not refunded yet, back to ``months_back`` bill months."""
    return {i.bill_item_id for i in items if i.linked and not i.claimed and i.months_back <= months_back}
