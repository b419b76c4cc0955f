"""What the clerk's panel and the manager's tab share: the list of complaints with their
deadline flags, the handling box (note, reply, assign, close with the customer's view, the
timed history) and the escalation timer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.services import complaints
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic, changes_of, drop_pending
from counter_app.ui.style import colour, set_tone
from counter_app.ui.widgets.complaint_models import category_label, status_label
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.rows_model import RowsModel

ESCALATION_INTERVAL_MS = 60_000


def step_label(kind: str) -> str:
    labels = {
        "opened": QCoreApplication.translate("Complaints", "Opened"),
        "assigned": QCoreApplication.translate("Complaints", "Assigned"),
        "note": QCoreApplication.translate("Complaints", "Note"),
        "replied": QCoreApplication.translate("Complaints", "Replied"),
        "closed": QCoreApplication.translate("Complaints", "Closed"),
        "escalated": QCoreApplication.translate("Complaints", "Escalated to manager"),
        "compensated": QCoreApplication.translate("Complaints", "Advance compensation"),
    }
    return labels.get(kind, kind)


def flags_text(counts: dict[str, int]) -> str:
    parts = []
    if counts.get("overdue"):
        parts.append(QCoreApplication.translate("Complaints", "{n} overdue").format(n=counts["overdue"]))
    if counts.get("near"):
        parts.append(QCoreApplication.translate("Complaints", "{n} near the deadline").format(n=counts["near"]))
    if counts.get("escalated"):
        parts.append(QCoreApplication.translate("Complaints", "{n} escalated to the manager").format(
            n=counts["escalated"]))
    return " · ".join(parts)


def mark_tab(widget: QWidget, urgent: bool) -> None:
    """Colour this widget's tab red while complaints need attention, when it sits in tabs."""
    stack = widget.parentWidget()
    tabs = stack.parentWidget() if stack is not None else None
    if isinstance(tabs, QTabWidget):
        index = tabs.indexOf(widget)
        if index >= 0:
            tabs.tabBar().setTabTextColor(index, colour("danger") if urgent else QColor())


def complaint_table(model: RowsModel) -> QTableView:
    view = eliding(QTableView())
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class EscalationTimer(QObject):
    """Runs the escalation check in a worker every minute; ``ran`` carries the numbers it
    escalated (the check is idempotent, so every open screen may run it)."""

    ran = Signal(list)

    def __init__(self, ctx: AppContext, parent: QObject | None = None, interval_ms: int = ESCALATION_INTERVAL_MS):
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        if self.busy or self.ctx.session.staff is None:
            return
        self.busy = True
        session = self.ctx.session
        Op(self, lambda: complaints.check_escalations(session)).after(self._unbusy) \
            .success(self._done).failure(self._failed).run()

    def _unbusy(self) -> None:
        self.busy = False

    def _done(self, numbers: list) -> None:
        self.ran.emit(numbers)
        if numbers:
            self.ctx.announce(changes_of(Topic.COMPLAINTS, origin=self))

    def _failed(self, exc: BaseException) -> None:
        import logging

        logging.getLogger(__name__).warning("escalation check failed: %s", exc)


class HandlingBox(QWidget):
    """The selected complaint: its details and timed history, and the handling actions."""

    changed = Signal(object)  # the complaint id after a step was stored

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.complaint_id = None
        self._busy = False
        self.setObjectName("complaintHandling")
        self.details = QLabel()
        self.details.setObjectName("complaintDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = QPlainTextEdit()
        self.history.setObjectName("complaintHistory")
        self.history.setAccessibleName(self.tr("Complaint history"))
        self.history.setReadOnly(True)
        self.history.setMaximumHeight(140)
        self.text = QPlainTextEdit()
        self.text.setObjectName("complaintText")
        self.text.setPlaceholderText(self.tr("Note or reply to the customer"))
        self.text.setAccessibleName(self.text.placeholderText())
        self.text.setMaximumHeight(80)
        self.note_button = QPushButton(self.tr("Add note"))
        self.note_button.setObjectName("complaintNote")
        self.reply_button = QPushButton(self.tr("Reply"))
        self.reply_button.setObjectName("complaintReply")
        self.assign_to = QLineEdit()
        self.assign_to.setObjectName("complaintAssignTo")
        self.assign_to.setPlaceholderText(self.tr("Staff no."))
        self.assign_to.setAccessibleName(self.tr("Assign to staff no."))
        self.assign_to.setMaximumWidth(90)
        self.assign_button = QPushButton(self.tr("Assign"))
        self.assign_button.setObjectName("complaintAssign")
        self.satisfied_button = QPushButton(self.tr("Close: satisfied"))
        self.satisfied_button.setObjectName("complaintSatisfied")
        self.unsatisfied_button = QPushButton(self.tr("Close: not satisfied"))
        self.unsatisfied_button.setObjectName("complaintUnsatisfied")
        self.message = QLabel()
        self.message.setObjectName("complaintMessage")
        set_tone(self.message, "error")
        self.message.setWordWrap(True)

        self.note_button.clicked.connect(lambda: self._act("note"))
        self.reply_button.clicked.connect(lambda: self._act("reply"))
        self.assign_button.clicked.connect(lambda: self._act("assign"))
        self.assign_to.returnPressed.connect(lambda: self._act("assign"))
        self.satisfied_button.clicked.connect(lambda: self._act("satisfied"))
        self.unsatisfied_button.clicked.connect(lambda: self._act("unsatisfied"))

        buttons = QHBoxLayout()
        for widget in (self.note_button, self.reply_button, self.assign_to, self.assign_button,
                       self.satisfied_button, self.unsatisfied_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.details)
        layout.addWidget(self.history)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        self.show_complaint(None)

    def show_complaint(self, complaint_id) -> None:
        """Show the complaint (read on a worker) or, for None, the hint to pick one."""
        self.complaint_id = complaint_id
        self.message.clear()
        enabled = complaint_id is not None
        for widget in (self.note_button, self.reply_button, self.assign_button, self.assign_to,
                       self.satisfied_button, self.unsatisfied_button, self.text):
            widget.setEnabled(enabled)
        if complaint_id is None:
            drop_pending(self, "shown")
            self.details.setText(self.tr("Select a complaint to see and handle it."))
            self.history.clear()
            return
        session = self.ctx.session

        def work():
            c = complaints.get(session, complaint_id)
            handler = complaints.staff_name(c.assigned_to) if c.assigned_to else ""
            return c, handler, complaints.steps(session, complaint_id)

        Op(self, work).latest("shown").success(self._shown).failure(self._failed).run()

    def _shown(self, result) -> None:
        c, handler, steps = result
        if c.id != self.complaint_id:
            return
        wish = self.tr("Customer wants: {wish}").format(wish=c.wish) if c.wish else ""
        assigned = self.tr("Handled by {no} {name}").format(no=c.assigned_to, name=handler) if c.assigned_to \
            else self.tr("Not assigned")
        self.details.setText("\n".join(filter(None, [
            self.tr("{number} · {category} · {status} · reply by {deadline}").format(
                number=c.complaint_no, category=category_label(c.category), status=status_label(c.status),
                deadline=c.deadline_at.strftime("%Y-%m-%d %H:%M")),
            c.description, wish, assigned])))
        lines = []
        for step in steps:
            hours, minutes = divmod(int((step.at - c.opened_at).total_seconds() // 60), 60)
            who = step.staff_no or self.tr("system")
            # time since intake as h:mm, so every step shows how long the customer waited
            lines.append(f"{step.at:%m-%d %H:%M}  +{hours}:{minutes:02d}  {step_label(step.kind)}  {who}  "
                         f"{step.note}".rstrip())
        self.history.setPlainText("\n".join(lines))
        closed = c.status == "closed"
        for widget in (self.reply_button, self.assign_button, self.assign_to, self.satisfied_button,
                       self.unsatisfied_button):
            widget.setEnabled(not closed)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)

    def _act(self, action: str) -> None:
        if self.complaint_id is None or self._busy:
            return
        session, complaint_id = self.ctx.session, self.complaint_id
        text, assign_to = self.text.toPlainText(), self.assign_to.text() or session.staff_no

        def work():
            if action == "note":
                complaints.add_note(session, complaint_id, text)
            elif action == "reply":
                complaints.reply(session, complaint_id, text)
            elif action == "assign":
                complaints.assign(session, complaint_id, assign_to)
            else:
                complaints.close(session, complaint_id, action, text)
            if action == "unsatisfied":  # the customer is told where to appeal
                from counter_app.services import appeal

                return appeal.appeal_body(session.hall_code)
            return None

        self.message.clear()
        self._busy = True
        Op(self, work, changes={Topic.COMPLAINTS}).after(self._unbusy) \
            .success(lambda body: self._acted(complaint_id, body)).failure(self._failed).run()

    def _unbusy(self) -> None:
        self._busy = False

    def _acted(self, complaint_id, body) -> None:
        self.text.clear()
        self.assign_to.clear()
        self.changed.emit(complaint_id)
        if complaint_id == self.complaint_id:
            self.show_complaint(complaint_id)
        if body is not None:  # not satisfied: where to appeal, also on the reprinted acknowledgment
            self.message.setText(self.tr("Not satisfied: tell the customer they may appeal to {body} (phone "
                                         "{phone}); the acknowledgment printed now says so.").format(
                body=body.name(self.ctx.lang), phone=body.phone))
