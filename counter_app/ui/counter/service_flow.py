"""The form-free business flow: pick the business → prefilled form → slip preview with the
customer's signature → one commit → the slip prints → the customer may rate the service.

Keyboard: F9 (a window key) shows the business list; there a business's key (1–9, A–H)
opens its form at once; Enter in the form shows the preview; Ctrl+Enter (a window key)
confirms; Esc goes back one step; on the last page 1–5 is the customer's rating and Ctrl+P
(a window key) prints again. The signature is the only mouse (or
pen, or finger) step. Bill payments hand over to the Payment panel (``paymentRequested``).

This module is the flow from the list to the commit; the pages are built in
``service_pages.py``, the slip preview written in ``service_slip.py``, and what follows the
commit (printing, PUK, rating) is ``service_done.py``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from counter_app import clock
from counter_app.errors import UserError
from counter_app.models import Account, Customer
from counter_app.money import format_yuan
from counter_app.services import catalogue, lifecycle, orders, real_name, verification
from counter_app.services.catalogue import Business
from counter_app.services.slip_data import SlipData
from counter_app.ui.context import AppContext
from counter_app.ui.counter.service_done import ServiceDone
from counter_app.ui.counter.service_pages import (
    PAGE_DONE,
    PAGE_FORM,
    PAGE_PICK,
    PAGE_PREVIEW,
    ServiceFlowPages,
)
from counter_app.ui.counter.service_slip import slip_html
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ops import Op, Topic, connect_while_alive
from counter_app.ui.widgets.form import BusinessForm, form_choices

__all__ = ["PAGE_DONE", "PAGE_FORM", "PAGE_PICK", "PAGE_PREVIEW", "PLAN_CHANGE", "ServiceFlowPanel"]

log = logging.getLogger(__name__)
_KEEP = object()  # refresh_list(): the line shown now
PLAN_CHANGE = "plan_change"  # the business the plan specialist's key opens


class ServiceFlowPanel(ServiceFlowPages, ServiceDone, QWidget):
    paymentRequested = Signal(object)  # account id: the window shows the Payment panel
    orderCommitted = Signal(object)  # the ServiceOrder
    wantsFront = Signal()  # F9: show this panel

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("serviceFlow")
        self.account: Account | None = None
        self.customer: Customer | None = None
        self.biz: Business | None = None
        self.form: BusinessForm | None = None
        self.key = ""
        self.started_at = None
        self.order = None
        self.slip_path = None
        self._busy = False

        self.stack = QStackedWidget()
        self.stack.addWidget(self._pick_page())
        self.stack.addWidget(self._form_page())
        self.stack.addWidget(self._preview_page())
        self.stack.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        connect_while_alive(self, ctx.customerChanged, self.set_customer)
        self.set_customer(ctx.current_account)

    # -- state ---------------------------------------------------------------------------------

    def set_customer(self, account_id) -> None:
        """A new customer (or none) starts the flow again from the business list; the line
        and what this clerk may do for it are read on a worker."""
        self.stack.setCurrentIndex(PAGE_PICK)
        # Nothing of the last customer can be opened while the new one loads.
        self.account = self.customer = None
        self.form = None
        self.form_message.clear()  # a refusal for the last customer is not this one's
        self.preview_message.clear()
        self.model.set_items([])
        self.who.setText(self.tr("Loading the customer…") if account_id is not None else "")
        self.refresh_list(account_id)

    def _show_who(self) -> None:
        if self.account is not None:
            who = self.tr("Serving {name} · {phone}").format(name=self.customer.name, phone=self.account.phone)
            if self.account.status != lifecycle.ACTIVE:  # what the greyed-out businesses below are about
                who += f" · {lifecycle.state_name(self.account.status, self.ctx.lang)}"
            self.who.setText(who)
        else:
            self.who.setText(self.tr("No customer identified: only a new subscription or a card sale."))

    def refresh_list(self, account_id=_KEEP) -> None:
        if account_id is _KEEP:
            account_id = self.account.id if self.account is not None else None
        session = self.ctx.session

        def work():
            try:
                account, customer = orders.load_line(session, account_id)
            except UserError:
                account = customer = None
            items = []
            for biz in catalogue.businesses():
                try:
                    orders.check_allowed(session, biz, account)
                    items.append((biz, None))
                except UserError as exc:
                    items.append((biz, exc))
            return account, customer, items

        Op(self, work).latest("line").success(self._line_loaded).run()

    def _line_loaded(self, result) -> None:
        self.account, self.customer, refused = result
        self._show_who()
        items = [(biz, user_text(exc) if exc is not None else "") for biz, exc in refused]
        self.model.set_items(items)
        first = next((n for n, (_, reason) in enumerate(items) if not reason), 0)
        self.list.setCurrentIndex(self.model.index(first, 0))

    def start(self) -> None:
        """F9 from anywhere in the window: the business list, focused."""
        self.wantsFront.emit()  # the window brings this tab forward: a hidden list takes no focus
        if self.stack.currentIndex() != PAGE_PICK:
            self.restart()
        self.list.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def restart(self) -> None:
        self.stack.setCurrentIndex(PAGE_PICK)
        self.list.setFocus(Qt.FocusReason.OtherFocusReason)

    def back(self) -> None:
        page = self.stack.currentIndex()
        if page == PAGE_PREVIEW:
            self.stack.setCurrentIndex(PAGE_FORM)
            if self.form is not None:
                self.form.focus_first()
        elif page == PAGE_FORM:
            self.restart()

    def open_row(self, row: int) -> None:
        if not 0 <= row < len(self.model.items):
            return
        biz, reason = self.model.items[row]
        if reason:
            self.ctx.statusMessage.emit(reason)
            return
        self.open_business(biz.code)

    def open_recommended_plan(self, plan_code: str) -> None:
        """The plan specialist's key (消费引导): the plan change form, the recommended plan
        already chosen as the new plan; the clerk checks it with the customer and previews."""
        self.wantsFront.emit()
        refused = next((reason for b, reason in self.model.items if b.code == PLAN_CHANGE and reason), "")
        if refused:
            self.ctx.statusMessage.emit(refused)
            return
        self.open_business(PLAN_CHANGE, preset={"plan": plan_code})

    def open_business(self, code: str, preset: dict[str, str] | None = None) -> None:
        """Open the business's form, prefilled from the record (read on a worker); ``preset``
        fields (a recommended plan) override the record's."""
        biz = next((b for b, _ in self.model.items if b.code == code), None)
        if biz is not None and biz.effect == "payment":
            self.paymentRequested.emit(self.account.id if self.account else None)
            return
        account, customer, lang = self.account, self.customer, self.ctx.lang

        def work():
            found = biz or catalogue.business(code)
            if found.effect == "payment":
                return found, None, None
            return found, {**catalogue.prefill(found, account, customer, lang), **(preset or {})}, \
                form_choices(found, account)

        Op(self, work).latest("form").success(self._show_form).run()

    def _show_form(self, result) -> None:
        biz, prefilled, choices = result
        if prefilled is None:
            self.paymentRequested.emit(self.account.id if self.account else None)
            return
        if self.account is not None and verification.needs_verification(biz):
            # The subscriber's identity first (services.verification): at once when just verified.
            from counter_app.ui.counter.verify_dialog import ensure_verified

            ensure_verified(self, self.ctx, self.account.id, self.account.phone,
                            lambda: self._open_form(biz, prefilled, choices))
            return
        self._open_form(biz, prefilled, choices)

    def _open_form(self, biz: Business, prefilled, choices) -> None:
        self.biz = biz
        self.key = orders.new_key()  # one per opened form: a double confirm stores one order
        self.started_at = clock.now()
        self.form = BusinessForm(biz, self.account, prefilled, self.ctx.lang, choices=choices)
        self.form.submitted.connect(self.preview)
        self.form_area.setWidget(self.form)
        self.form_title.setText(biz.name(self.ctx.lang))
        info = [self.tr("Typical time {minutes} min").format(minutes=biz.minutes)]
        if biz.fee_fen:
            info.append(self.tr("Fee {fee} yuan").format(fee=format_yuan(biz.fee_fen)))
        if self.account is not None and verification.needs_verification(biz):
            found = verification.current(self.ctx.session, self.account.id)
            if found is not None:
                info.append(self.tr("Subscriber verified at {time}").format(time=f"{found.at:%H:%M}"))
        elif biz.real_name_required:
            info.append(self.tr("Real-name: check the ID card"))
        self.form_info.setText(" · ".join(info))
        self.form_message.clear()
        self.stack.setCurrentIndex(PAGE_FORM)
        self.form.focus_first()

    def preview(self) -> None:
        """Check the form and build the slip preview on a worker."""
        if self.form is None or self.biz is None or self._busy:
            return
        self.form_message.clear()
        if self.biz.real_name_required and self.form.id_checked is not None and not self.form.is_id_checked():
            self.form_message.setText(self.tr("Check the customer's ID card and tick “ID card checked”."))
            self.form.focus_field("id_checked")
            return
        session, code = self.ctx.session, self.biz.code
        account_id = self.account.id if self.account else None
        values, id_checked = self.form.values(), self.form.is_id_checked()
        fee_method, fee_reference = self.form.fee_method_code(), self.form.fee_reference_text()
        form = self.form
        self._busy = True
        Op(self, lambda: orders.preview_data(session, code=code, account_id=account_id, values=values,
                                             id_checked=id_checked, fee_method=fee_method,
                                             fee_reference=fee_reference)) \
            .after(self._unbusy).success(lambda data: self._show_preview(form, data)) \
            .failure(lambda exc: self._preview_refused(form, exc)).run()

    def _unbusy(self) -> None:
        self._busy = False

    def _preview_refused(self, form: BusinessForm, exc: BaseException) -> None:
        if form is not self.form:
            return  # the clerk left that form meanwhile
        if not isinstance(exc, UserError):
            show_error(self, exc)
            return
        self.form_message.setText(user_text(exc))
        self.form.focus_field(getattr(exc, "field", None))

    def _show_preview(self, form: BusinessForm, data: SlipData) -> None:
        if form is not self.form or self.stack.currentIndex() != PAGE_FORM:
            return
        self.slip_view.setText(slip_html(data, self.ctx.lang))
        self.signature.clear()
        self.preview_message.clear()
        if self.biz.effect == "new_subscription":
            notice = real_name.unconfirmed_notice(self.ctx.session, self.form.values())
            if notice is not None:  # offline: the terminal counted the lines, the hub confirms later
                self.preview_message.setText(user_text(notice))
        self.stack.setCurrentIndex(PAGE_PREVIEW)
        self.confirm_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _signature_changed(self) -> None:
        signed = not self.signature.is_empty()
        self.confirm_button.setEnabled(signed)
        if signed:
            self.preview_message.clear()  # "the customer has not signed yet" is no longer true

    def confirm(self) -> None:
        if self._busy or self.form is None or self.biz is None or self.stack.currentIndex() != PAGE_PREVIEW:
            return
        if self.signature.is_empty():
            self.preview_message.setText(self.tr("The customer has not signed yet."))
            return
        self._busy = True
        self.confirm_button.setEnabled(False)
        session = self.ctx.session
        request = dict(code=self.biz.code, account_id=self.account.id if self.account else None,
                       values=self.form.values(), idempotency_key=self.key, signature_png=self.signature.to_png(),
                       id_checked=self.form.is_id_checked(), fee_method=self.form.fee_method_code(),
                       fee_reference=self.form.fee_reference_text(),
                       ticket_id=self.ctx.current_ticket, started_at=self.started_at)
        Op(self, lambda: orders.submit(session, **request), changes={Topic.ORDERS, Topic.PAYMENTS, Topic.CUSTOMER}) \
            .after(self._unbusy).success(self._committed).failure(self._failed).run()

    def _failed(self, exc: BaseException) -> None:
        self.confirm_button.setEnabled(not self.signature.is_empty())
        if isinstance(exc, UserError):
            self.preview_message.setText(user_text(exc))
        else:
            show_error(self, exc)

    def unsigned_work(self) -> str:
        """What would be lost if the window closed now: a slip on screen, signed or not yet,
        that was never committed (empty when there is none)."""
        if self.stack.currentIndex() == PAGE_PREVIEW and self.biz is not None:
            if not self.signature.is_empty():
                return self.tr("a signed slip ({business}) not yet committed").format(
                    business=self.biz.name(self.ctx.lang))
            return self.tr("a slip ({business}) waiting for the customer's signature").format(
                business=self.biz.name(self.ctx.lang))
        return ""
