"""Item models for complaints: the complaint list (with deadline flags) and the SP charges a
clerk may refund. Models hold rows the services returned; they never query."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from counter_app import clock
from counter_app.i18n import pick
from counter_app.money import format_yuan
from counter_app.services.validation import mask_phone
from counter_app.ui.style import hex_colour

Index = QModelIndex | QPersistentModelIndex

URGENCY_COLOURS = {"overdue": "urgent_bg", "near": "near_bg"}  # theme parts
ID_ROLE = Qt.ItemDataRole.UserRole + 1
URGENCY_ROLE = Qt.ItemDataRole.UserRole + 2


def category_label(code: str) -> str:
    labels = {
        "billing": QCoreApplication.translate("Complaints", "Billing"),
        "sp_charge": QCoreApplication.translate("Complaints", "SP charges"),
        "network": QCoreApplication.translate("Complaints", "Network quality"),
        "attitude": QCoreApplication.translate("Complaints", "Service attitude"),
        "repair": QCoreApplication.translate("Complaints", "Handset repair"),
        "other": QCoreApplication.translate("Complaints", "Other"),
    }
    return labels.get(code, code)


def status_label(code: str) -> str:
    labels = {
        "open": QCoreApplication.translate("Complaints", "Open"),
        "assigned": QCoreApplication.translate("Complaints", "Assigned"),
        "replied": QCoreApplication.translate("Complaints", "Replied"),
        "closed": QCoreApplication.translate("Complaints", "Closed"),
    }
    return labels.get(code, code)


def urgency_label(urgency: str, escalated: bool) -> str:
    parts = []
    if urgency == "overdue":
        parts.append(QCoreApplication.translate("Complaints", "Overdue"))
    elif urgency == "near":
        parts.append(QCoreApplication.translate("Complaints", "Near deadline"))
    if escalated and urgency != "done":
        parts.append(QCoreApplication.translate("Complaints", "Escalated to manager"))
    return " · ".join(parts)


def time_left(deadline: dt.datetime, now: dt.datetime) -> str:
    seconds = int((deadline - now).total_seconds())
    hours, rest = divmod(abs(seconds), 3600)
    text = QCoreApplication.translate("Complaints", "{hours} h {minutes} min").format(hours=hours, minutes=rest // 60)
    if seconds < 0:
        return QCoreApplication.translate("Complaints", "{time} late").format(time=text)
    return text


class ComplaintTableModel(QAbstractTableModel):
    COL_NO, COL_CATEGORY, COL_PHONE, COL_STATUS, COL_OPENED, COL_DEADLINE, COL_LEFT, COL_FLAG = range(8)
    COLUMNS = 8

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list = []
        self.now = clock.now()

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.now = clock.now()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [
            QCoreApplication.translate("Complaints", "Number"),
            QCoreApplication.translate("Complaints", "Category"),
            QCoreApplication.translate("Complaints", "Phone"),
            QCoreApplication.translate("Complaints", "Status"),
            QCoreApplication.translate("Complaints", "Opened"),
            QCoreApplication.translate("Complaints", "Reply by"),
            QCoreApplication.translate("Complaints", "Time left"),
            QCoreApplication.translate("Complaints", "Flag"),
        ]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_NO:
                return row.complaint_no
            if col == self.COL_CATEGORY:
                return category_label(row.category)
            if col == self.COL_PHONE:
                return mask_phone(row.phone)
            if col == self.COL_STATUS:
                return status_label(row.status)
            if col == self.COL_OPENED:
                return row.opened_at.strftime("%m-%d %H:%M")
            if col == self.COL_DEADLINE:
                return row.deadline_at.strftime("%Y-%m-%d %H:%M")
            if col == self.COL_LEFT:
                return time_left(row.deadline_at, self.now) if row.urgency != "done" else ""
            if col == self.COL_FLAG:
                return urgency_label(row.urgency, row.escalated)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = hex_colour(URGENCY_COLOURS[row.urgency]) if row.urgency in URGENCY_COLOURS else None
            return QBrush(QColor(colour)) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return urgency_label(row.urgency, row.escalated) or None if col == self.COL_FLAG else row.description
        if role == ID_ROLE:
            return row.id
        if role == URGENCY_ROLE:
            return row.urgency
        return None


class RefundItemsModel(QAbstractTableModel):
    """The line's SP charges; the clerk ticks the ones to refund."""

    COL_PICK, COL_PERIOD, COL_SP, COL_SERVICE, COL_AMOUNT, COL_STATE = range(6)
    COLUMNS = 6

    def __init__(self, lang: str = "zh_CN", parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.items: list = []
        self.checked: set[int] = set()

    def set_items(self, items: list, preselect_months: int = 0) -> None:
        """Charges of the services the complaint names are ticked, back to ``preselect_months``."""
        self.beginResetModel()
        self.items = list(items)
        self.checked = {i.bill_item_id for i in items
                        if i.linked and not i.claimed and i.months_back <= preselect_months}
        self.endResetModel()

    def picked(self) -> list:
        return [i for i in self.items if i.bill_item_id in self.checked]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [
            QCoreApplication.translate("Complaints", "Refund"),
            QCoreApplication.translate("Complaints", "Bill month"),
            QCoreApplication.translate("Complaints", "SP"),
            QCoreApplication.translate("Complaints", "Service"),
            QCoreApplication.translate("Complaints", "Amount (yuan)"),
            QCoreApplication.translate("Complaints", "State"),
        ]
        return names[section] if 0 <= section < len(names) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self.COL_PICK and not self.items[index.row()].claimed:
            base |= Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and col == self.COL_PICK:
            if item.claimed:
                return None
            return Qt.CheckState.Checked if item.bill_item_id in self.checked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            if col == self.COL_PERIOD:
                return item.period
            if col == self.COL_SP:
                return item.sp_name
            if col == self.COL_SERVICE:
                return pick(self.lang, item.service_zh, item.service_en)
            if col == self.COL_AMOUNT:
                return format_yuan(item.amount_fen)
            if col == self.COL_STATE:
                return QCoreApplication.translate("Complaints", "Refunded") if item.claimed else ""
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != self.COL_PICK:
            return False
        item = self.items[index.row()]
        if item.claimed:
            return False
        state = Qt.CheckState(value) if not isinstance(value, Qt.CheckState) else value
        if state == Qt.CheckState.Checked:
            self.checked.add(item.bill_item_id)
        else:
            self.checked.discard(item.bill_item_id)
        self.dataChanged.emit(index, index, [role])
        return True
