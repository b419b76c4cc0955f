"""The hall's own notices (公示): the manager posts one with its first and last day, in Chinese
and English, sees every notice of the hall (past, showing, coming) and takes one down.

Everything goes through ``services/notices.py`` on a worker; a change is announced as
``Topic.SETUP`` (the notices are a hall setting), and the calling display and the kiosk read
them again on their own schedule. The sheet printed for the wall comes from the same data
(``counter-app statement notices``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.errors import UserError
from counter_app.services import notices
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.manager.table_model import ROW_ROLE, Column, RowsModel
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.widgets.elide import eliding


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class NoticesTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("noticesTab")
        self.loads = 0  # finished reads of the list (tests wait on it)
        self.today = clock.today()
        self._build_list()
        self._build_fields()
        self._lay_out(self._new_notice_box())
        QShortcut(QKeySequence("F5"), self, self.refresh)
        on_change(self, ctx, {Topic.SETUP, Topic.SYNC}, self.refresh)
        self.refresh()

    def _build_list(self) -> None:
        """The hall's notices, the chosen one's text and the button that takes it down."""
        self.model = RowsModel([
            Column(self.tr("Title"), lambda n: n.title_zh),
            Column(self.tr("Title (English)"), lambda n: n.title_en),
            Column(self.tr("From"), lambda n: f"{n.starts:%Y-%m-%d}"),
            Column(self.tr("To"), lambda n: f"{n.ends:%Y-%m-%d}"),
            Column(self.tr("Shown"), self._state),
        ], self)
        self.view = eliding(QTableView())
        self.view.setObjectName("noticesTable")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.chosen_text = QLabel()  # the chosen notice's text, in both languages
        self.chosen_text.setObjectName("noticeChosenText")
        self.chosen_text.setWordWrap(True)
        self.chosen_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.view.selectionModel().selectionChanged.connect(self._chosen)
        self.remove_button = QPushButton(self.tr("Take the chosen notice down"))
        self.remove_button.setObjectName("noticeRemove")
        self.remove_button.clicked.connect(self.remove_selected)

    def _build_fields(self) -> None:
        """The new notice's titles and texts in both languages, its days, the post button."""
        self.title_zh = QLineEdit()
        self.title_zh.setObjectName("noticeTitleZh")
        self.title_zh.setMaxLength(notices.MAX_TITLE)
        self.title_en = QLineEdit()
        self.title_en.setObjectName("noticeTitleEn")
        self.title_en.setMaxLength(notices.MAX_TITLE)
        self.body_zh = QPlainTextEdit()
        self.body_zh.setObjectName("noticeBodyZh")
        self.body_zh.setTabChangesFocus(True)
        self.body_zh.setFixedHeight(64)
        self.body_en = QPlainTextEdit()
        self.body_en.setObjectName("noticeBodyEn")
        self.body_en.setTabChangesFocus(True)
        self.body_en.setFixedHeight(64)
        self.starts = QDateEdit(_qdate(self.today))
        self.starts.setObjectName("noticeStarts")
        self.ends = QDateEdit(_qdate(self.today + dt.timedelta(days=30)))
        self.ends.setObjectName("noticeEnds")
        for edit in (self.starts, self.ends):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.add_button = QPushButton(self.tr("Post the notice"))
        self.add_button.setObjectName("noticeAdd")
        self.add_button.clicked.connect(self.add)
        self.message = QLabel()
        self.message.setObjectName("noticesMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

    def _new_notice_box(self) -> QGroupBox:
        """The fields in a form, the message beside the post button."""
        form = QFormLayout()
        form.addRow(self.tr("Title (Chinese)"), self.title_zh)
        form.addRow(self.tr("Text (Chinese)"), self.body_zh)
        form.addRow(self.tr("Title (English)"), self.title_en)
        form.addRow(self.tr("Text (English)"), self.body_en)
        dates = QHBoxLayout()
        dates.addWidget(self.starts)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.ends)
        dates.addStretch(1)
        form.addRow(self.tr("Shown"), dates)
        new_box = QGroupBox(self.tr("New notice of the hall"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.add_button)
        new_layout.addLayout(buttons)
        return new_box

    def _lay_out(self, new_box: QGroupBox) -> None:
        """What the notices show on, the take-down button, the list, the chosen text, the form."""
        hint = QLabel(self.tr("The hall's own notices appear on the calling display, on the kiosk's service guide "
                              "and on the printed wall sheets from their first day to their last."))
        hint.setObjectName("noticesHint")
        hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.chosen_text)
        layout.addWidget(new_box)

    def _state(self, notice: notices.HallNotice) -> str:
        if notice.ends < self.today:
            return self.tr("ended")
        if notice.starts > self.today:
            return self.tr("from {day}").format(day=f"{notice.starts:%m-%d}")
        return self.tr("now")

    def _chosen(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        notice = self.model.data(rows[0], ROW_ROLE) if rows else None
        self.chosen_text.setText("" if notice is None else "\n".join(
            t for t in (notice.body_zh, notice.body_en) if t))

    def refresh(self) -> None:
        session = self.ctx.session

        def work():
            return clock.today(), notices.hall_notices(session)

        Op(self, work).latest("list").success(self._show).run()

    def _show(self, result) -> None:
        self.today, rows = result
        self.model.set_rows(rows)
        self.chosen_text.clear()
        self.loads += 1

    def add(self) -> None:
        session = self.ctx.session
        values = dict(title_zh=self.title_zh.text(), body_zh=self.body_zh.toPlainText(),
                      title_en=self.title_en.text(), body_en=self.body_en.toPlainText(),
                      starts=_date(self.starts.date()), ends=_date(self.ends.date()))
        self.add_button.setEnabled(False)
        self.message.clear()
        Op(self, lambda: notices.add_hall_notice(session, **values), changes={Topic.SETUP}) \
            .after(lambda: self.add_button.setEnabled(True)).success(self._added).failure(self._refused).run()

    def _added(self, notice: notices.HallNotice) -> None:
        self.message.setText(self.tr("Posted: {title}, {starts} to {ends}.").format(
            title=notice.title_zh, starts=f"{notice.starts:%Y-%m-%d}", ends=f"{notice.ends:%Y-%m-%d}"))
        for edit in (self.title_zh, self.title_en):
            edit.clear()
        for text in (self.body_zh, self.body_en):
            text.clear()

    def remove_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            self.message.setText(self.tr("Choose the notice to take down in the list."))
            return
        notice = self.model.data(rows[0], ROW_ROLE)
        session = self.ctx.session
        self.message.clear()
        Op(self, lambda: notices.remove_hall_notice(session, notice.id), changes={Topic.SETUP}) \
            .success(lambda _none: self.message.setText(self.tr("Taken down: {title}.").format(title=notice.title_zh))) \
            .failure(self._refused).run()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)
