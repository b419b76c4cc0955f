"""The end of the business flow: the order stored, its slip printed (and printed again on
Ctrl+P), a PUK told for a PUK unlock, the customer's rating with keys 1–5.

(A mixin of ``ServiceFlowPanel``: its strings keep the panel's translation context.)"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from counter_app.errors import UserError
from counter_app.services import order_ratings, verification
from counter_app.ui.counter.service_pages import PAGE_DONE
from counter_app.ui.counter.service_printing import print_order_slip
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))


class ServiceDone:
    """The last page's behaviour of the business flow panel."""

    def _committed(self, order) -> None:
        self.order = order
        self.done_label.setText(translate(
            "ServiceFlowPanel", "Done: {business}, order {order}. The slip opens in the print preview.").format(
            business=self.biz.name(self.ctx.lang), order=order.order_no))
        self.rating_label.setText(translate(
            "ServiceFlowPanel", "Customer's rating: press 1 (very unsatisfied) to 5 (very satisfied)"))
        self.puk_label.hide()
        if self.biz.effect == "puk_unlock" and order.account_id is not None:
            session, account_id = self.ctx.session, order.account_id
            Op(self, lambda: verification.puk_code(session, account_id)).success(self._show_puk) \
                .failure(self._puk_failed).run()
        self.stack.setCurrentIndex(PAGE_DONE)
        self.done_page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.orderCommitted.emit(order)
        self.refresh_list()  # the business changed the line's state: what it accepts next changes too
        if order.account_id is not None and order.account_id != (self.account.id if self.account else None):
            self.ctx.select_customer(order.account_id)  # a new subscription: now serving its new line
            self.stack.setCurrentIndex(PAGE_DONE)
            self.done_page.setFocus(Qt.FocusReason.OtherFocusReason)
        self.print_slip()

    def _show_puk(self, code: verification.PukCode) -> None:
        if code.puk:
            text = translate("ServiceFlowPanel", "PUK of SIM {serial}: {puk}. Tell it to the subscriber only; it is "
                                                 "not printed.").format(serial=code.sim_serial, puk=code.puk)
        else:
            text = translate("ServiceFlowPanel", "The PUK of SIM {serial} is not on record at this terminal: "
                                                 "replace the SIM card (补换卡).").format(serial=code.sim_serial)
        self.puk_label.setText(text)
        self.puk_label.show()

    def _puk_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.puk_label.setText(user_text(exc))
            self.puk_label.show()
        else:
            show_error(self, exc)

    def print_slip(self) -> None:
        if self.order is not None:
            print_order_slip(self, self.ctx, self.order.id, on_saved=self._printed, on_closed=self._preview_closed)

    def _preview_closed(self) -> None:
        # Back from the print preview: the rating keys and Esc work on the last page again.
        if self.stack.currentIndex() == PAGE_DONE:
            self.window().activateWindow()
            self.done_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def _printed(self, path) -> None:
        self.slip_path = path

    def reprint(self) -> None:
        if self.stack.currentIndex() == PAGE_DONE:
            self.print_slip()

    def rate(self, score: int) -> None:
        if self.order is None or self.stack.currentIndex() != PAGE_DONE:
            return
        session, order_id = self.ctx.session, self.order.id
        Op(self, lambda: order_ratings.rate_order(session, order_id, score), changes={Topic.RATINGS}) \
            .success(lambda _r: self.rating_label.setText(
                translate("ServiceFlowPanel", "Thank you: the customer gave {stars}.").format(stars="★" * score))) \
            .failure(self._rating_refused).run()

    def _rating_refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.rating_label.setText(user_text(exc))
        else:
            show_error(self, exc)
