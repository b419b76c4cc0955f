"""Sync with the hub: where it stands, the operations the hub refused, run now.

The manager decides about refused operations here (send again after the hub was fixed, or
set aside); the decision is made by ``counter_app.sync.status`` and audited there.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.sync.hub_served import REFUSED_MARK
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.rows_model import ID_ROLE, Column, RowsModel, keep_selection

COL_TIME, COL_KIND, COL_WHAT, COL_REASON = range(4)


def refused_what(op) -> str:
    """Which row the refused operation wrote: its summary; a hall setup change names the kind
    of row in the reader's words ("staff 1010" → "Staff 1010")."""
    if op.table != "setup_change":
        return op.summary
    target, _, key = op.summary.partition(" ")
    names = {"staff": QCoreApplication.translate("RejectedOpsModel", "Staff"),
             "counter": QCoreApplication.translate("RejectedOpsModel", "Counter"),
             "hall": QCoreApplication.translate("RejectedOpsModel", "Hall"),
             "setting": QCoreApplication.translate("RejectedOpsModel", "Setting")}
    return f"{names.get(target, target)} {key}"


class SyncTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncTab")
        form = self._state_form(ctx)
        buttons = self._run_buttons()
        decide = self._build_refused()
        self._lay_out(form, buttons, decide)
        self._connect(ctx)

    def _state_form(self, ctx: AppContext) -> QFormLayout:
        """The hub, the last sync that worked, what waits to be sent, the last error."""
        from counter_app.sync.hub import describe_hub

        hub = ctx.config.hub_url()
        self.hub_label = QLabel(describe_hub(hub) if hub else self.tr("No hub configured for this terminal"))
        self.last_label = QLabel("—")
        self.pending_label = QLabel("—")
        self.error_label = QLabel("—")
        self.error_label.setWordWrap(True)
        self.error_label.setObjectName("syncError")
        for label in (self.hub_label, self.last_label, self.pending_label, self.error_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Hub"), self.hub_label)
        form.addRow(self.tr("Last successful sync"), self.last_label)
        form.addRow(self.tr("Waiting to be sent"), self.pending_label)
        form.addRow(self.tr("Last error"), self.error_label)
        return form

    def _run_buttons(self) -> QHBoxLayout:
        """Sync now, reload the reference data, and the progress of a sync running."""
        self.run_button = QPushButton(self.tr("Sync now (F5)"))
        self.run_button.setShortcut(QKeySequence("F5"))
        self.full_button = QPushButton(self.tr("Reload all reference data"))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.full_button)
        buttons.addWidget(self.progress, 1)
        return buttons

    def _build_refused(self) -> QHBoxLayout:
        """Line changes the hub did not make, the operations it refused and the buttons that
        decide about them (returned, laid out under the list)."""
        # Orders of this hall whose line change the hub did not make (its line had moved).
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("lineConflicts")
        self.conflicts_label.setWordWrap(True)
        self.conflicts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.conflicts_label.setVisible(False)
        # Orders and held money waiting too long for a line the hub does not know (sync/hub_waiting.py).
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("waitingOnHub")
        self.waiting_label.setWordWrap(True)
        self.waiting_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.waiting_label.setVisible(False)
        self.rejected_title = QLabel()
        self.model = self._rejected_model()
        self.table = eliding(QTableView())
        self.table.setObjectName("rejectedOps")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        keep_selection(self.table)  # the list is read again after every sync
        header = self.table.horizontalHeader()
        for column in (COL_TIME, COL_KIND, COL_WHAT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.retry_button = QPushButton(self.tr("Send again (Ctrl+R)"))
        self.retry_button.setShortcut(QKeySequence("Ctrl+R"))
        self.dismiss_button = QPushButton(self.tr("Set aside (Ctrl+D)"))
        self.dismiss_button.setShortcut(QKeySequence("Ctrl+D"))
        decide = QHBoxLayout()
        decide.addWidget(self.retry_button)
        decide.addWidget(self.dismiss_button)
        decide.addStretch(1)
        return decide

    def _lay_out(self, form: QFormLayout, buttons: QHBoxLayout, decide: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.conflicts_label)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.rejected_title)
        layout.addWidget(self.table, 1)
        layout.addLayout(decide)
        from counter_app.ui.manager.held_panel import HeldPanel

        self.held = HeldPanel(self.ctx, self)  # money the hub holds, to apply or refund
        layout.addWidget(self.held, 1)

    def _connect(self, ctx: AppContext) -> None:
        """The buttons, the sync runner's state and progress; the refused list read at once."""
        self.run_button.clicked.connect(lambda: self.run(full=False))
        self.full_button.clicked.connect(self.ask_full_reload)
        self.retry_button.clicked.connect(lambda: self.decide(retry=True))
        self.dismiss_button.clicked.connect(lambda: self.decide(retry=False))
        ctx.syncState.connect(self.show_state)
        runner = self.runner
        enabled = runner is not None
        self.run_button.setEnabled(enabled)
        self.full_button.setEnabled(enabled)
        if runner is not None:
            runner.runningChanged.connect(self.show_running)
            runner.progress.connect(self.show_progress)
            runner.refresh()
        self.load_rejected()

    def _rejected_model(self) -> RowsModel:
        """Refused operations, newest first: the hub's reason in the manager's words, the
        hub's own text as tooltip; rows are known by their operation id."""
        kinds = {"payment": self.tr("Payment"), "ticket": self.tr("Queue ticket"),
                 "ticket_event": self.tr("Queue event"), "service_order": self.tr("Service order"),
                 "job": self.tr("Job"), "value_card_sale": self.tr("Value card sale"),
                 "complaint": self.tr("Complaint"), "complaint_step": self.tr("Complaint step"),
                 "sp_claim": self.tr("SP claim"), "rating": self.tr("Rating"), "audit_event": self.tr("Audit entry"),
                 "shift_handover": self.tr("Shift handover"), "day_close": self.tr("Day close"),
                 "setup_change": self.tr("Hall setup")}
        return RowsModel([
            Column(self.tr("Made at"), lambda op: op.created_at),
            Column(self.tr("Kind"), lambda op: kinds.get(op.table, op.table)),
            Column(self.tr("Which"), refused_what),
            Column(self.tr("Why the hub refused it"), lambda op: self.explain(op.error), tooltip=lambda op: op.error),
        ], self, row_id=lambda op: op.op_id)

    def explain(self, reason: str) -> str:
        if "duplicate key" in reason:
            plain = self.tr("The hub already has another record with the same number")
        elif "row-level security" in reason or "belongs to another hall" in reason:
            plain = self.tr("The record belongs to another hall")
        elif REFUSED_MARK in reason:  # a payment for a line the hall neither owns nor served
            plain = self.tr("The line is neither a customer of the hall nor a walk-in it served")
        elif "administrators are made on the hub" in reason:
            plain = self.tr("Only the hub may make administrators")
        elif "unknown queue category" in reason:
            plain = self.tr("The hub does not know one of the counter's queue categories")
        elif "violates not-null" in reason or "invalid input" in reason:
            plain = self.tr("The record is incomplete or malformed")
        else:
            return reason
        return f"{plain} ({reason})"

    @property
    def runner(self):
        return getattr(self.ctx, "sync_runner", None)

    def run(self, full: bool) -> None:
        if self.runner is not None:
            self.runner.run_now(full=full)

    def ask_full_reload(self) -> None:
        answer = QMessageBox.question(self, self.tr("Reload all reference data"),
                                      self.tr("Load customers, bills, plans and staff from the hub again? "
                                              "This can take several minutes; the counter keeps working."))
        if answer == QMessageBox.StandardButton.Yes:
            self.run(full=True)

    def show_running(self, running: bool) -> None:
        self.run_button.setEnabled(not running)
        self.full_button.setEnabled(not running)
        self.progress.setVisible(running)
        if running:
            self.progress.setRange(0, 0)

    def show_progress(self, done: int, total: int, stage: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))
        self.progress.setFormat(self.tr("Sending %v / %m") if stage == "push" else self.tr("Receiving %v / %m"))

    def show_state(self, state: dict) -> None:
        self.last_label.setText(state.get("last_success") or self.tr("never"))
        self.pending_label.setText(f"{int(state.get('pending', 0)):,}")
        self.error_label.setText(state.get("last_error") or "—")
        self.show_conflicts(state.get("line_conflicts") or [])
        self.held.show_held(state.get("held") or [])
        self.show_waiting(state.get("waiting") or [])
        self.load_rejected()

    def show_waiting(self, rows: list) -> None:
        """What waits on the hub too long for its line, with what the manager can do."""
        from counter_app.sync.hub_waiting import waiting_lines

        self.waiting_label.setVisible(bool(rows))
        self.waiting_label.setText("\n".join(line.strip() for line in waiting_lines(rows, QCoreApplication.translate)))

    def show_conflicts(self, conflicts: list) -> None:
        """The newest orders whose line change the hub did not make, in the manager's words."""
        from counter_app.sync.hub_orders import HEADING

        self.conflicts_label.setVisible(bool(conflicts))
        if conflicts:
            lines = [QCoreApplication.translate("LineConflict", HEADING).format(count=len(conflicts))]
            lang = getattr(self.ctx.session, "lang", "en")
            lines += [c.text(QCoreApplication.translate, lang) for c in conflicts]
            self.conflicts_label.setText("\n".join(lines))

    def load_rejected(self) -> None:
        from counter_app.sync.status import rejected_ops

        Op(self, rejected_ops).success(self._show_rejected).latest("rejected").run()

    def _show_rejected(self, rows: list) -> None:
        self.model.set_rows(rows)
        self.rejected_title.setText(self.tr("Refused by the hub: {count}").format(count=len(rows)))
        has_rows = bool(rows)
        self.retry_button.setEnabled(has_rows)
        self.dismiss_button.setEnabled(has_rows)

    def selected_op_ids(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.index(r, 0).data(ID_ROLE) for r in sorted(rows)]

    def decide(self, retry: bool) -> None:
        from counter_app.sync.status import dismiss_rejected, retry_rejected

        op_ids = self.selected_op_ids()
        if not op_ids:
            self.ctx.statusMessage.emit(self.tr("Select the refused operations first."))
            return
        action = retry_rejected if retry else dismiss_rejected
        session = self.ctx.session

        def done(count: int) -> None:
            self.ctx.statusMessage.emit(
                (self.tr("{count} operations will be sent again.") if retry
                 else self.tr("{count} operations set aside.")).format(count=count))
            if self.runner is not None:
                self.runner.refresh()
                if retry:
                    self.runner.run_now()
            self.load_rejected()

        Op(self, lambda: action(session, op_ids)).success(done).run()
