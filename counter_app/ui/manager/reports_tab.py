"""The daily summary print-out: pick a day, see the very PDF that prints (tables and charts),
print or save it through the shared print preview. Building runs in a worker."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QKeySequence
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.documents.apart import build_apart
from counter_app.documents.daily import build_daily_pdf
from counter_app.services.reports import daily_summary
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op
from counter_app.ui.printing import load_document, show_print_preview


class ReportsTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reportsTab")
        self.pdf: bytes = b""
        self.summary = None
        self.builds = 0
        today = clock.today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setObjectName("reportDay")
        self.day.setAccessibleName(self.tr("Day of the summary"))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.lang = QComboBox()
        self.lang.setObjectName("reportLang")
        self.lang.addItem("中文", "zh_CN")
        self.lang.addItem("English", "en")
        self.lang.setCurrentIndex(0 if ctx.lang.startswith("zh") else 1)
        self.build_button = self._button(self.tr("Show (F5)"), "F5", "reportBuild", self.build)
        self.print_button = self._button(self.tr("Print or save… (Ctrl+P)"), "Ctrl+P", "reportPrint", self.print_pdf)
        # Built on request (F5): a busy day takes a moment. Until then the tab says so.
        self.status = QLabel(self.tr("Pick a business day and press Show (F5): the summary appears here as "
                                     "it prints."))
        self.status.setObjectName("reportStatus")

        self.document = QPdfDocument(self)  # replaced by each summary built
        self.view = QPdfView(self)
        self.view.setObjectName("reportView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Business day:")))
        top.addWidget(self.day)
        top.addWidget(QLabel(self.tr("Language:")))
        top.addWidget(self.lang)
        top.addWidget(self.build_button)
        top.addStretch(1)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.view, 1)
        self._enable(False)

    def _button(self, text: str, shortcut: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setShortcut(QKeySequence(shortcut))
        button.clicked.connect(slot)
        return button

    def _enable(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)

    def selected_day(self) -> dt.date:
        return self.day.date().toPython()

    def build(self) -> None:
        day, lang, session = self.selected_day(), self.lang.currentData(), self.ctx.session
        self.build_button.setEnabled(False)
        self.status.setText(self.tr("Building the summary of {day}…").format(day=day.isoformat()))

        def work():
            summary = daily_summary(session, day)
            pdf = build_apart(build_daily_pdf, summary, lang)  # a helper process: see documents/apart.py
            return summary, pdf, load_document(pdf)  # loaded and measured here, not on the GUI thread

        Op(self, work).success(self._show).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        from counter_app.errors import UserError
        from counter_app.ui.errors import show_error, user_text

        self.build_button.setEnabled(True)
        self.status.setText("")
        if isinstance(exc, UserError):  # e.g. a day to come: said where the summary would be
            self.status.setText(user_text(exc))
            return
        show_error(self, exc)

    def _show(self, result) -> None:
        self.summary, self.pdf, document = result
        self.builds += 1
        self.build_button.setEnabled(True)
        old, self.document = self.document, document
        document.setParent(self)
        self.view.setDocument(document)
        old.deleteLater()
        self._enable(True)
        s = self.summary
        if s.empty:
            self.status.setText(self.tr("{day}: no activity on this business day.").format(day=s.day.isoformat()))
        else:
            self.status.setText(self.tr("{day}: {tickets} tickets, {served} served, {pages} pages.").format(
                day=s.day.isoformat(), tickets=s.total.issued, served=s.total.served,
                pages=self.document.pageCount()))

    def print_pdf(self) -> None:
        """The shared print preview prints or saves these very bytes and logs the output."""
        if not self.pdf or self.summary is None:
            return
        day = self.summary.day.isoformat()
        show_print_preview(self, self.ctx, self.pdf, title=self.tr("Daily summary {day}").format(day=day),
                           kind="daily", ref=f"{self.ctx.session.hall_code}-{day}")
