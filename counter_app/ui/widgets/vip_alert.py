"""The VIP alert (俱乐部会员接待): a club-coloured band naming the VIP members who wait, on the
manager's board and at the counters that may call them; a member who has just taken a ticket
also makes the window ask for attention (the taskbar entry flashes) and is announced with
``arrived``.

The band reads ``services.vip_alerts.vip_waiting`` on a worker every few seconds and when
this PC's queue changes: the kiosk that issued the ticket is usually another PC, whose
announcements never reach this one.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from counter_app.services import vip_alerts
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.style import set_badge

log = logging.getLogger(__name__)

REFRESH_MS = 3000


class VipAlert(QLabel):
    arrived = Signal(list)  # the VipArrival rows not shown before

    def __init__(self, ctx: AppContext, counter_number: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.counter_number = counter_number
        self.setObjectName("vipAlert")
        self.setWordWrap(True)
        set_badge(self, "club")
        self.arrivals: list[vip_alerts.VipArrival] = []
        self.seen: set = set()
        self.reads = 0
        self.hide()
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        on_change(self, ctx, {Topic.QUEUE}, self.refresh)
        self.refresh()

    def refresh(self) -> None:
        session, number = self.ctx.session, self.counter_number
        Op(self, lambda: vip_alerts.vip_waiting(session, number)).latest("vip").success(self._show) \
            .failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        log.info("VIP tickets not read: %s", exc)  # the next tick tries again; the queue panel says more

    def _show(self, arrivals: list[vip_alerts.VipArrival]) -> None:
        self.reads += 1
        new = [a for a in arrivals if a.ticket_id not in self.seen]
        self.seen = {a.ticket_id for a in arrivals}
        self.arrivals = arrivals
        if not arrivals:
            self.hide()
            return
        each = [self.tr("{code} {tier} {member_no} {name}, waiting {minutes} min").format(
            code=a.code, tier=a.tier, member_no=a.member_no, name=a.name, minutes=a.waited_min).replace("  ", " ")
            for a in arrivals]
        self.setText(self.tr("VIP club members waiting ({count}): {tickets}").format(
            count=len(arrivals), tickets="; ".join(each)))
        self.show()
        if new:
            QApplication.alert(self.window())
            self.arrived.emit(new)
