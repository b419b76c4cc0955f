"""The one table model of the application: rows are the plain objects a service returned,
columns are declared as data (header, text, and optionally a sort value, right alignment,
a colour, a tooltip, a tick box). Every table of the counter, the manager and the kiosk uses
it; views never query and the model never edits a row (a tick is the view's state, kept by
row identity).

Roles: ``SORT_ROLE`` a column's sort value (its ``key``, else its text), ``ROW_ROLE`` the row
object, ``ID_ROLE`` the row's identity (the model's ``row_id``), which selections are kept by
across a refresh (``keep_selection``, ``select_id``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QTableView

__all__ = ["Column", "RowsModel", "SORT_ROLE", "ROW_ROLE", "ID_ROLE", "keep_selection", "select_id",
           "selected_id", "selected_row"]

SORT_ROLE = Qt.ItemDataRole.UserRole  # a column's sort value
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's identity (row_id), the same across refreshes
Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(frozen=True)
class Column:
    """One column: ``text`` of a row is what the cell shows; the rest is optional.

    ``numeric``: aligned right (money, counts, durations). ``key``: the sort value (fen for
    money, a datetime for a time), else the text. ``color``: the text's colour (a theme colour
    from ``ui.style.hex_colour``) or None. ``tooltip``: the cell's tooltip or None. ``tick``:
    the column has a tick box on the rows it returns True for (the model keeps the ticks)."""

    header: str
    text: Callable[[Any], str]
    numeric: bool = False
    key: Callable[[Any], Any] | None = None
    color: Callable[[Any], str | None] | None = None
    tooltip: Callable[[Any], str | None] | None = None
    tick: Callable[[Any], bool] | None = None


class RowsModel(QAbstractTableModel):
    """Rows are replaced as a whole (a refresh), never edited through the view.

    ``row_id`` names a row across refreshes (its database id): the ID_ROLE, the ticks and
    kept selections go by it. ``background``: a row's background colour (the whole row), or
    None."""

    def __init__(self, columns: Sequence[Column], parent=None, *, row_id: Callable[[Any], Any] | None = None,
                 background: Callable[[Any], str | None] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self.row_id = row_id
        self.background = background
        self.ticked: set[Any] = set()  # row ids ticked in the tick column

    def set_rows(self, rows: Sequence[Any], ticked: Iterable[Any] = ()) -> None:
        """Show these rows; ``ticked``: ids of the rows whose tick box starts ticked."""
        self.beginResetModel()
        self.rows = list(rows)
        self.ticked = set(ticked)
        self.endResetModel()

    def ticked_rows(self) -> list[Any]:
        """The rows ticked now, in the order shown."""
        return [row for row in self.rows if self._id(row) in self.ticked]

    def row_of(self, row_id: Any) -> int:
        """The position of the row with this id, or -1."""
        return next((n for n, row in enumerate(self.rows) if self._id(row) == row_id), -1)

    def _id(self, row: Any) -> Any:
        return self.row_id(row) if self.row_id is not None else None

    def _tickable(self, row: Any, column: Column) -> bool:
        return column.tick is not None and self.row_id is not None and bool(column.tick(row))

    # -- Qt's model interface ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._tickable(self.rows[index.row()], self.columns[index.column()]):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        row, column = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column.numeric else None
        if role == Qt.ItemDataRole.ForegroundRole:
            name = column.color(row) if column.color is not None else None
            return QColor(name) if name else None
        if role == Qt.ItemDataRole.BackgroundRole:
            name = self.background(row) if self.background is not None else None
            return QBrush(QColor(name)) if name else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return (column.tooltip(row) or None) if column.tooltip is not None else None
        if role == Qt.ItemDataRole.CheckStateRole:
            if not self._tickable(row, column):
                return None
            return Qt.CheckState.Checked if self._id(row) in self.ticked else Qt.CheckState.Unchecked
        if role == SORT_ROLE:
            return column.key(row) if column.key else column.text(row)
        if role == ROW_ROLE:
            return row
        if role == ID_ROLE:
            return self._id(row)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Only a tick changes, and only where the column offers one."""
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.rows[index.row()]
        if not self._tickable(row, self.columns[index.column()]):
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        if state == Qt.CheckState.Checked:
            self.ticked.add(self._id(row))
        else:
            self.ticked.discard(self._id(row))
        self.dataChanged.emit(index, index, [role])
        return True

    def toggle(self, row: int) -> bool:
        """Tick or untick the row's tick box (the Space or Enter of a keyboard user); False
        where the row has none."""
        column = next((n for n, c in enumerate(self.columns) if c.tick is not None), -1)
        index = self.index(row, column) if column >= 0 else QModelIndex()
        if not index.isValid() or not self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable:
            return False
        ticked = self.data(index, Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        return self.setData(index, Qt.CheckState.Unchecked if ticked else Qt.CheckState.Checked,
                            Qt.ItemDataRole.CheckStateRole)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None


# -- selections by row identity ------------------------------------------------------------------

def selected_row(view: QTableView) -> Any:
    """The row object of the view's current index, or None."""
    index = view.currentIndex()
    return index.data(ROW_ROLE) if index.isValid() else None


def selected_id(view: QTableView) -> Any:
    """The id of the first selected row, or None."""
    selection = view.selectionModel()
    indexes = selection.selectedRows() if selection is not None else []
    return indexes[0].data(ID_ROLE) if indexes else None


def select_id(view: QTableView, row_id: Any) -> bool:
    """Select the row with this id; False when it is not shown."""
    model = view.model()
    row = model.row_of(row_id) if isinstance(model, RowsModel) and row_id is not None else -1
    if row >= 0:
        view.selectRow(row)
    return row >= 0


def keep_selection(view: QTableView) -> None:
    """Keep the view's selected rows (by their id) across the model's refreshes: a row that
    is still there after ``set_rows`` stays selected, and the current one stays current."""
    model = view.model()
    if not isinstance(model, RowsModel) or model.row_id is None:
        raise ValueError("keep_selection needs a RowsModel with a row_id")
    kept: dict[str, Any] = {}

    def remember() -> None:
        current = view.currentIndex()
        kept["ids"] = [i.data(ID_ROLE) for i in view.selectionModel().selectedRows()]
        kept["current"] = (current.data(ID_ROLE), current.column()) if current.isValid() else None

    def restore() -> None:
        selection = view.selectionModel()
        rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in (model.row_of(row_id) for row_id in kept.pop("ids", [])):
            if row >= 0:
                selection.select(model.index(row, 0), rows)
        current = kept.pop("current", None)
        row = model.row_of(current[0]) if current else -1
        if row >= 0:
            selection.setCurrentIndex(model.index(row, current[1]), QItemSelectionModel.SelectionFlag.NoUpdate)

    model.modelAboutToBeReset.connect(remember)
    model.modelReset.connect(restore)
