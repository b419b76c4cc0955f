"""The plan specialist's hint in the customer view (消费引导): when another plan would have
cost the line less over its last three months of use, a green band says which one, the
monthly saving and why, in a sentence the clerk can read aloud. Computed on a worker by
``services.guidance.recommend`` each time a line is shown."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QWidget

from counter_app.money import format_yuan
from counter_app.services import guidance
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op, drop_pending
from counter_app.ui.style import set_badge

log = logging.getLogger(__name__)


class GuidanceFlag(QLabel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recommendation: guidance.Recommendation | None = None
        self.setObjectName("customerGuidance")
        self.setWordWrap(True)
        set_badge(self, "guidance")
        self.hide()

    def show_for(self, phone: str | None) -> None:
        """Compare the plans for ``phone`` (None: no line shown, hide)."""
        self.recommendation = None
        self.hide()
        if not phone:
            drop_pending(self, "guidance")
            return
        session = self.ctx.session
        Op(self, lambda: guidance.recommend(session, phone)).latest("guidance").success(self._show) \
            .failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        # A hint, not the clerk's work: a line that cannot be compared shows no band.
        log.info("no plan comparison for this line: %s", exc)

    def _show(self, rec: guidance.Recommendation) -> None:
        self.recommendation = rec
        if rec.best is None:
            return
        # Two parts with two uses: the first line for the clerk's glance, the second the
        # sentence to read aloud (which names the saving again, as a customer needs to hear it).
        self.setText(self.tr("Cheaper plan: {plan}, about {saving} yuan a month less.\n"
                             "Tell the customer: “{reason}”").format(
            plan=rec.best.name, saving=format_yuan(rec.saving_month_fen), reason=rec.reason))
        self.show()
