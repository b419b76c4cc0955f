"""The customer page's five lists (last bills, SP services, orders, open complaints, recent
visits) and how they share the page's width.

Each list is at least as tall as its rows: the bills exactly six (the clerk reads them to the
customer), the others one line when empty and up to ``MAX_ROWS`` before they scroll inside
their table. Where the page has height to spare (a 1920×1080 screen) the longer lists take it,
up to all their rows, instead of leaving it empty below them.
Each is at least as wide as its columns (the free-text column takes what is left and elides),
so no column hides behind a scroll bar. The lists stand in two columns where the page is wide
enough for both, and fold into one column where it is not (a 1366×768 screen with the training
drills beside the page): the page then grows downwards, never sideways.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import itemgetter

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLayout,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.screen import fit_columns

ROW_PX = 24  # the customer tables' row height
BILL_ROWS = 6  # the bills' table shows six months whole, always
MAX_ROWS = 4  # the other lists show at least this many rows (if they have them), more where the page has room
NAMES = ("bills", "services", "orders", "complaints", "visits")
# The wide arrangement: bills and open complaints on the left (what the customer asks about
# first), the line's services, orders and visits on the right.
TWO_COLUMNS = (("bills", "complaints"), ("services", "orders", "visits"))
# Folded: in the order a clerk needs them.
ONE_COLUMN = ("bills", "complaints", "orders", "services", "visits")
# The free-text column that takes the room left (None: the last column).
STRETCH = {"bills": None, "services": 0, "orders": 1, "complaints": 1, "visits": 1}


def text_table(headers: list[str], parent, numeric: tuple[int, ...] = ()) -> RowsModel:
    """A small read-only table of already formatted text (bills, services, orders…): the
    shared generic model, one column per header, ``numeric`` columns aligned right; a text
    cell's tooltip is its whole text (a narrow page elides the free text)."""
    return RowsModel([Column(h, itemgetter(i), numeric=i in numeric, tooltip=None if i in numeric else itemgetter(i))
                      for i, h in enumerate(headers)], parent)


class ListTable(QTableView):
    """A list whose preferred height is the rows it always shows: the page grows it only with
    height the screen has to spare, never by scrolling further down."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(super().sizeHint().width(), self.minimumHeight())


class CustomerTables(QWidget):
    """The five lists in group boxes, in two columns or one as the width allows.

    Its minimum width is that of one column (the widest list), so a scrolling page gives it
    the page's width and it chooses the arrangement from that width."""

    arranged = Signal(int)  # the number of columns, when it changes

    def __init__(self, models: dict[str, RowsModel], titles: dict[str, str], samples: dict[str, Sequence[str]],
                 parent: QWidget | None = None) -> None:
        """``samples``: a long row of each list as it is shown ("" for the free text), so the
        arrangement is chosen for the lists' usual widths before any customer fills them."""
        super().__init__(parent)
        self.samples = samples
        self.setObjectName("customerTables")
        self.boxes: dict[str, QGroupBox] = {}
        self.tables: dict[str, QTableView] = {}
        self.column_count = 0  # none yet: arranged below
        # The widest each list has been in this window, its sample row included: the
        # arrangement follows the page's width, not the customer (a short list would otherwise
        # put the next customer's page in two columns and a long one back in one).
        self.widest: dict[str, int] = {}
        self._measured = False
        for name in NAMES:
            self._add_list(name, titles[name], models[name])
        self._columns = (QVBoxLayout(), QVBoxLayout())
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        for column in self._columns:
            outer.addLayout(column, 1)
        self._arrange(2)

    def _add_list(self, name: str, title: str, model: RowsModel) -> None:
        box = QGroupBox(title)
        box.setObjectName(f"customer_{name}_box")
        table = eliding(ListTable())
        table.setObjectName(f"customer_{name}_table")
        table.setModel(model)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(ROW_PX)
        fit_columns(table, STRETCH[name])
        table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # wide enough by its minimum
        table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)  # up to all its rows
        inside = QVBoxLayout(box)
        inside.setSizeConstraint(QLayout.SizeConstraint.SetMinAndMaxSize)  # the box ends where its table does
        inside.addWidget(table)
        model.modelReset.connect(lambda: self._fit(name))
        self.boxes[name], self.tables[name] = box, table
        self._fit(name)

    # -- sizes -----------------------------------------------------------------------------------

    def shown_rows(self, name: str) -> int:
        """How many rows the list shows without scrolling."""
        if name == "bills":
            return BILL_ROWS
        return min(max(self.tables[name].model().rowCount(), 1), MAX_ROWS)

    def all_rows(self, name: str) -> int:
        """How many rows the list shows where the page has the height."""
        if name == "bills":
            return BILL_ROWS
        return max(self.tables[name].model().rowCount(), 1)

    def _fit(self, name: str) -> None:
        """The list at least as tall as the rows it always shows, at most as tall as all its
        rows, and at least as wide as its columns."""
        table = self.tables[name]
        header = table.horizontalHeader()
        frame = 2 * table.frameWidth()
        table.setMinimumHeight(header.sizeHint().height() + self.shown_rows(name) * ROW_PX + frame)
        table.setMaximumHeight(header.sizeHint().height() + self.all_rows(name) * ROW_PX + frame)
        stretch = STRETCH[name]
        # Every column as wide as its header and contents, but the free text, which elides
        # where the page is narrow: as wide as its header.
        width = sum(header.sectionSizeHint(column) if column == stretch
                    else max(header.sectionSizeHint(column), table.sizeHintForColumn(column))
                    for column in range(header.count()))
        if table.model().rowCount() > self.shown_rows(name):
            width += table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
        table.setMinimumWidth(width + frame)
        box = self.boxes[name]
        around = box.contentsMargins().left() + box.contentsMargins().right() \
            + box.layout().contentsMargins().left() + box.layout().contentsMargins().right()
        self.widest[name] = max(self.widest.get(name, 0), box.minimumSizeHint().width(),
                                self._sample_width(name) + frame + around)
        if self.column_count:
            self._arrange(self._columns_for(self.width()))

    def _sample_width(self, name: str) -> int:
        """The columns' width for the list's sample row (as a delegate pads a cell's text)."""
        table = self.tables[name]
        header = table.horizontalHeader()
        metrics = table.fontMetrics()
        padding = 2 * (table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
        texts = self.samples.get(name, ())
        return sum(header.sectionSizeHint(column) if column == STRETCH[name] or column >= len(texts)
                   else max(header.sectionSizeHint(column), metrics.horizontalAdvance(texts[column]) + padding)
                   for column in range(header.count()))

    def _column_width(self, names: tuple[str, ...]) -> int:
        return max(self.boxes[name].minimumSizeHint().width() for name in names)

    def two_column_width(self) -> int:
        """The narrowest width at which the lists stand side by side, as wide as they have been."""
        left, right = TWO_COLUMNS
        spacing = self.layout().spacing()
        return max(self.widest.get(n, 0) for n in left) + spacing + max(self.widest.get(n, 0) for n in right)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        # One column's width: the arrangement adapts to whatever the page gives above that.
        return QSize(self._column_width(ONE_COLUMN), super().minimumSizeHint().height())

    def _columns_for(self, width: int) -> int:
        return 2 if width >= self.two_column_width() else 1

    # -- arrangement -----------------------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._measured:  # the stylesheet's fonts and margins are known once shown
            self._measured = True
            self.widest.clear()
            for name in NAMES:
                self._fit(name)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._arrange(self._columns_for(event.size().width()))

    def _arrange(self, count: int) -> None:
        if count == self.column_count:
            return
        self.column_count = count
        for column in self._columns:
            while column.count():
                column.takeAt(0)
        plan = TWO_COLUMNS if count == 2 else (ONE_COLUMN, ())
        outer = self.layout()
        for n, (column, names) in enumerate(zip(self._columns, plan, strict=True)):
            for name in names:
                column.addWidget(self.boxes[name], 1)  # height to spare goes to the lists first
            if names:
                column.addStretch(0)  # and below them once each shows all its rows
            outer.setStretch(n, 1 if names else 0)  # an empty column takes no share of the width
        self.updateGeometry()
        self.arranged.emit(count)
