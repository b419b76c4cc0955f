"""A read-only table model over plain row objects, and the number formats the manager's
tabs share with the print-outs (minutes with one decimal, shares as percentages)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from counter_app.documents.daily import minutes, share

__all__ = ["Column", "RowsModel", "minutes", "share", "ROW_ROLE"]

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    numeric: bool = False
    key: Callable[[Any], Any] | None = None  # sort value (UserRole); defaults to the text
    color: Callable[[Any], str | None] | None = None  # text colour name, e.g. for pass / fail


class RowsModel(QAbstractTableModel):
    """Rows are replaced as a whole (a refresh), never edited through the view."""

    def __init__(self, columns: Sequence[Column], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column.color is not None:
            name = column.color(row)
            return QColor(name) if name else None
        if role == Qt.ItemDataRole.UserRole:
            return column.key(row) if column.key else column.text(row)
        if role == ROW_ROLE:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None
