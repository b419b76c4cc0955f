"""The drill panel of a counter in training mode: pick a drill, the scripted customer takes a
ticket, the clerk serves them with the counter as it is; the panel follows the clock and shows
the score when the last expected slip or receipt is committed.

All the judging is in ``services.drills``; this panel starts, follows and ends a drill through
ops, counts the keys the clerk presses while the drill runs, and shows what comes back.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from counter_app import clock
from counter_app.services import drills
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.style import set_tone
from counter_app.ui.widgets.flow_row import flow_row

DRILL_TITLE_CHARS = 20


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


class KeyCounter(QObject):
    """Counts the keys pressed in this program's windows while switched on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.on = False
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        # A key press reaches several objects on its way (window, focus widget): count it once,
        # at the widget it was meant for.
        if self.on and event.type() == QEvent.Type.KeyPress and watched is QApplication.focusWidget() \
                and not event.isAutoRepeat():
            self.count += 1
        return False


class DrillPanel(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("drillPanel")
        self.progress: drills.Progress | None = None
        self.outcome: drills.Outcome | None = None
        self.finishing = False
        self.keys = KeyCounter(self)
        lang = ctx.lang

        self.choice = QComboBox()
        self.choice.setObjectName("drillChoice")
        # A long drill title elides in the box (the list shows it whole): the panel stays narrow
        # enough for the counter beside it on a 1366×768 screen.
        self.choice.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.choice.setMinimumContentsLength(DRILL_TITLE_CHARS)
        for item in drills.all_drills():
            self.choice.addItem(item.title(lang), item.code)
        self.start_button = QPushButton(self.tr("Start the drill"))
        self.start_button.setObjectName("drillStart")
        self.start_button.clicked.connect(self.start)
        self.finish_button = QPushButton(self.tr("Finish now"))
        self.finish_button.setObjectName("drillFinish")
        self.finish_button.setToolTip(self.tr("Score the drill as it stands: what is not done counts as not done."))
        self.finish_button.clicked.connect(self.finish)
        self.cancel_button = QPushButton(self.tr("Leave the drill"))
        self.cancel_button.setObjectName("drillCancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.script = QLabel()
        self.script.setObjectName("drillScript")
        self.script.setWordWrap(True)
        self.script.setFrameShape(QFrame.Shape.StyledPanel)
        set_tone(self.script, "note")
        self.script.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel()
        self.state.setObjectName("drillState")
        self.state.setWordWrap(True)
        self.result = QLabel()
        self.result.setObjectName("drillResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.print_button = QPushButton(self.tr("Print the result"))
        self.print_button.setObjectName("drillPrint")
        self.print_button.clicked.connect(self.print_result)

        buttons = flow_row(self.start_button, self.finish_button, self.cancel_button)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Drill: a scripted customer comes to your counter"))
        heading.setWordWrap(True)
        set_tone(heading, "heading")
        layout.addWidget(heading)
        layout.addWidget(self.choice)
        layout.addLayout(buttons)
        layout.addWidget(QLabel(self.tr("What the customer says:")))
        layout.addWidget(self.script)
        layout.addWidget(self.state)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.print_button)
        layout.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        on_change(self, ctx, {Topic.ORDERS, Topic.PAYMENTS, Topic.QUEUE, Topic.VERIFICATION}, self.refresh)
        self._show(None)
        self.refresh()

    # -- following the drill ---------------------------------------------------------------

    def refresh(self) -> None:
        session = self.ctx.session
        if session.staff is None:
            return
        Op(self, lambda: drills.progress(session)).latest("drill-progress").success(self._followed).run()

    def _followed(self, state: drills.Progress | None) -> None:
        self._show(state)
        if state is not None and state.called_at is not None and state.scored.complete and not self.finishing:
            self.finish()  # the last expected slip or receipt is committed: the clock stops there

    def _show(self, state: drills.Progress | None) -> None:
        self.progress = state
        running = state is not None
        self.choice.setEnabled(not running)
        self.start_button.setEnabled(not running)
        self.finish_button.setEnabled(running and state.called_at is not None)
        self.cancel_button.setEnabled(running)
        self.print_button.setVisible(self.outcome is not None and not running)
        self.keys.on = running and state.called_at is not None
        if not running:
            self.timer.stop()
            if self.outcome is None:
                self.script.setText(self.tr("Choose a drill and start it. The customer takes a ticket for your "
                                            "counter; call it with F1 and serve them as you would at the counter."))
                self.state.clear()
            return
        if self.outcome is not None and self.outcome.result.id.hex != state.run.id:
            self.outcome = None
            self.result.clear()
        self.script.setText(state.run.script(self.ctx.lang))
        if state.called_at is None:
            self.state.setText(self.tr("Ticket {code} is waiting: call it with F1. The clock starts at the call.")
                               .format(code=state.run.ticket_code))
            self.timer.stop()
        else:
            self._tick()
            self.timer.start()

    def _tick(self) -> None:
        state = self.progress
        if state is None or state.called_at is None:
            return
        elapsed = max(0, int((clock.now() - state.called_at).total_seconds()))
        self.state.setText(self.tr("Ticket {code} called at {time}. Time {elapsed} of the standard {standard}; "
                                   "keys {keys}.").format(code=state.run.ticket_code,
                                                          time=f"{state.called_at:%H:%M:%S}",
                                                          elapsed=_clock(elapsed),
                                                          standard=_clock(state.run.standard_s),
                                                          keys=self.keys.count))

    # -- actions ------------------------------------------------------------------------------

    def start(self) -> None:
        session, code = self.ctx.session, self.choice.currentData()
        self.outcome = None
        self.result.clear()
        self.keys.count = 0
        self.start_button.setEnabled(False)
        Op(self, lambda: drills.start_drill(session, code), changes={Topic.QUEUE}) \
            .after(self.refresh).run()

    def finish(self) -> None:
        if self.finishing:
            return
        self.finishing = True
        session, keys = self.ctx.session, self.keys.count
        self.keys.on = False
        Op(self, lambda: drills.finish_drill(session, keys), changes={Topic.TRAINING}) \
            .success(self._finished).after(self._finish_done).run()

    def _finish_done(self) -> None:
        self.finishing = False
        self.refresh()

    def _finished(self, outcome: drills.Outcome) -> None:
        self.outcome = outcome
        lang = self.ctx.lang
        result = outcome.result
        lines = [self.tr("<h2>Score {score}</h2>").format(score=result.score),
                 self.tr("Time {elapsed} (standard {standard}), {keys} keys.").format(
                     elapsed=_clock(result.elapsed_s), standard=_clock(result.standard_s), keys=result.keys)]
        for mistake in outcome.scored.mistakes:
            lines.append(f"• {mistake.name(lang)} −{mistake.points}")
        if outcome.scored.time_penalty:
            lines.append("• " + self.tr("over the standard time −{points}").format(points=outcome.scored.time_penalty))
        if not outcome.scored.mistakes and not outcome.scored.time_penalty:
            lines.append(self.tr("No mistake, within the standard time."))
        self.result.setText("<br>".join(lines))
        self.ctx.statusMessage.emit(self.tr("Drill scored: {score}").format(score=result.score))

    def cancel(self) -> None:
        session = self.ctx.session
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Leave the drill"),
                          self.tr("Leave this drill without a score? The customer leaves the queue."),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Yes:
                Op(self, lambda: drills.cancel_drill(session), changes={Topic.QUEUE}).after(self.refresh).run()

        box.buttonClicked.connect(answered)
        box.open()

    def print_result(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        from counter_app.documents.training import render_result
        from counter_app.ui.printing import print_document

        session, lang = self.ctx.session, self.ctx.lang
        result = outcome.result
        data = {"hall_name": session.hall.name, "staff_no": session.staff_no,
                "staff_name": session.staff.name if session.staff else "", "title": outcome.drill.title(lang),
                "started_at": result.started_at if isinstance(result.started_at, dt.datetime)
                else dt.datetime.fromisoformat(str(result.started_at)),
                "elapsed_s": result.elapsed_s, "standard_s": result.standard_s, "keys": result.keys,
                "time_penalty": outcome.scored.time_penalty, "score": result.score, "ref": result.id.hex[-10:].upper(),
                "mistakes": [(m.name(lang), m.points) for m in outcome.scored.mistakes]}
        print_document(self, self.ctx, lambda: render_result(data, lang), title=self.tr("Drill result"),
                       kind="drill_result", ref=result.id.hex)
