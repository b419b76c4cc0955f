"""Hall setup: staff, counters, queue categories' wait targets, opening hours and the kiosk
PIN. The widgets only collect input; the services check the role, validate and audit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, QTime, QTimer
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.services import setup
from counter_app.services.kiosk_status import kiosk_status
from counter_app.ui.context import AppContext
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.manager.setup_dialogs import (
    ChecklistDialog,
    CounterDialog,
    StaffDialog,
    role_name,
    specialty_name,
)
from counter_app.ui.manager.table_model import ROW_ROLE, Column, RowsModel
from counter_app.ui.ops import Op, Topic, on_change
from counter_app.ui.style import hex_colour
from counter_app.ui.widgets.elide import eliding


class SetupTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("setupTab")
        lang = ctx.lang
        self.category_names: dict[str, str] = {}
        yes, no = self.tr("active"), self.tr("disabled")
        self.locks: dict = {}  # staff no. → end of the lock-out wrong passwords caused

        self.staff = RowsModel([
            Column(self.tr("Staff no."), lambda s: s.staff_no),
            Column(self.tr("Name"), lambda s: s.name),
            Column(self.tr("Role"), lambda s: role_name(s.role)),
            Column(self.tr("Specialties"), lambda s: ", ".join(specialty_name(x) for x in s.specialties or [])),
            Column(self.tr("State"), self.staff_state,
                   color=lambda s: hex_colour("danger") if s.staff_no in self.locks else None),
        ], self)
        self.counters = RowsModel([
            Column(self.tr("Counter"), lambda c: str(c.number), True, lambda c: c.number),
            Column(self.tr("Name"), lambda c: c.name),
            Column(self.tr("Queue categories"),
                   lambda c: ", ".join(self.category_names.get(x, x) for x in c.categories or [])),
            Column(self.tr("State"), lambda c: yes if c.active else no),
        ], self)
        self.categories = RowsModel([
            Column(self.tr("Category"), lambda c: pick(lang, c.name_zh, c.name_en)),
            Column(self.tr("Ticket prefix"), lambda c: c.prefix),
            Column(self.tr("Wait target (min)"), lambda c: str(c.wait_target_min), True, lambda c: c.wait_target_min),
        ], self)

        self.staff_view = self._view(self.staff, "setupStaff")
        self.counter_view = self._view(self.counters, "setupCounters")
        self.category_view = self._view(self.categories, "setupCategories")
        pages = QTabWidget()
        pages.setObjectName("setupPages")
        pages.addTab(self._page(self.staff_view, [
            (self.tr("Add…"), "Ctrl+N", "addStaff", self.add_staff),
            (self.tr("Disable / enable"), "Ctrl+D", "toggleStaff", self.toggle_staff),
            (self.tr("Reset password…"), "Ctrl+R", "resetPassword", self.reset_password),
            (self.tr("Unlock"), "Ctrl+U", "unlockStaff", self.unlock_staff),
            (self.tr("Specialties…"), "Ctrl+E", "editSpecialties", self.edit_specialties),
        ]), self.tr("Staff"))
        pages.addTab(self._page(self.counter_view, [
            (self.tr("Add…"), "Ctrl+N", "addCounter", self.add_counter),
            (self.tr("Queue categories…"), "Ctrl+E", "editCounterCategories", self.edit_counter_categories),
            (self.tr("Disable / enable"), "Ctrl+D", "toggleCounter", self.toggle_counter),
        ]), self.tr("Counters"))
        pages.addTab(self._page(self.category_view, [
            (self.tr("Wait target…"), "Ctrl+E", "editWaitTarget", self.edit_wait_target),
        ]), self.tr("Queue categories"))
        pages.addTab(self._hours_page(), self.tr("Hours and kiosk"))
        self.pages = pages
        QVBoxLayout(self).addWidget(pages)
        self.loads = 0
        QShortcut(QKeySequence("F5"), self, self.reload)
        on_change(self, ctx, {Topic.SETUP, Topic.SYNC}, self.reload)  # another tab's change, a pull
        self.reload()

    # -- layout helpers -------------------------------------------------------------------
    def _view(self, model: RowsModel, name: str) -> QTableView:
        view = eliding(QTableView())
        view.setObjectName(name)
        view.setModel(model)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.horizontalHeader().setStretchLastSection(True)
        return view

    def _page(self, view: QTableView, actions: list[tuple[str, str, str, Callable[[], None]]]) -> QWidget:
        page = QWidget()
        buttons = QHBoxLayout()
        for text, shortcut, name, slot in actions:
            button = QPushButton(f"{text} ({shortcut})")
            button.setObjectName(name)
            button.setShortcut(QKeySequence(shortcut))
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(buttons)
        layout.addWidget(view)
        return page

    def _hours_page(self) -> QWidget:
        page = QWidget()
        self.opens = QTimeEdit()
        self.opens.setObjectName("hallOpens")
        self.opens.setDisplayFormat("HH:mm")
        self.closes = QTimeEdit()
        self.closes.setObjectName("hallCloses")
        self.closes.setDisplayFormat("HH:mm")
        save = QPushButton(self.tr("Save opening hours"))
        save.setObjectName("saveHours")
        save.clicked.connect(self.save_hours)
        self.pin = QLineEdit()
        self.pin.setObjectName("kioskPin")
        self.pin_again = QLineEdit()
        self.pin_again.setObjectName("kioskPinAgain")
        for field in (self.pin, self.pin_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setMaxLength(8)
            field.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,8}"), field))
        set_pin = QPushButton(self.tr("Set kiosk PIN"))
        set_pin.setObjectName("setKioskPin")
        set_pin.clicked.connect(self.save_pin)
        form = QFormLayout(page)
        form.addRow(self.tr("Opens"), self.opens)
        form.addRow(self.tr("Closes"), self.closes)
        form.addRow(save)
        form.addRow(QLabel(self.tr("Staff leave the kiosk's full screen with this PIN (4 to 8 digits).")))
        form.addRow(self.tr("Kiosk PIN"), self.pin)
        form.addRow(self.tr("Repeat PIN"), self.pin_again)
        form.addRow(set_pin)
        return page

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        """Read every list in a worker; only the newest read shows."""
        session = self.ctx.session
        code = session.hall_code

        def work():
            status = kiosk_status(code)  # the stored opening hours
            return (setup.category_list(code), setup.staff_locks(session), setup.staff_list(session),
                    setup.counter_list(code), status.opens, status.closes)

        Op(self, work).success(self._show).latest("reload").run()

    def _show(self, result) -> None:
        categories, locks, staff, counters, opens, closes = result
        self.category_names = {c.code: pick(self.ctx.lang, c.name_zh, c.name_en) for c in categories}
        self.locks = locks
        self.staff.set_rows(staff)
        self.counters.set_rows(counters)
        self.categories.set_rows(categories)
        self.loads += 1
        self.opens.setTime(QTime.fromString(opens, "HH:mm"))
        self.closes.setTime(QTime.fromString(closes, "HH:mm"))

    def _selected(self, view: QTableView):
        index = view.currentIndex()
        if not index.isValid():
            self.ctx.statusMessage.emit(self.tr("Select a row first."))
            return None
        return view.model().data(index, ROW_ROLE)

    def _apply(self, action: Callable[[], object], done: str, then: Callable[[], None] | None = None,
               refused: Callable[[str], None] | None = None) -> None:
        """Run the change in a worker; on success read the lists again and say ``done``. A
        refusal is shown as a warning and changes nothing; with ``refused`` it goes there
        instead (a form opened again with what was typed and the reason)."""
        def applied(_result) -> None:
            self.reload()
            self.ctx.statusMessage.emit(done)
            if then is not None:
                then()

        def failed(exc: BaseException) -> None:
            if refused is not None and isinstance(exc, UserError):
                text = user_text(exc)
                QTimer.singleShot(0, self, lambda: refused(text))  # after the op has finished
            else:
                show_error(self, exc)

        Op(self, action, changes={Topic.SETUP}).success(applied).failure(failed).run()

    def staff_state(self, staff) -> str:
        if not staff.active:
            return self.tr("disabled")
        if staff.staff_no in self.locks:
            return self.tr("locked until {time} (wrong passwords)").format(time=f"{self.locks[staff.staff_no]:%H:%M}")
        return self.tr("active")

    # -- actions --------------------------------------------------------------------------
    def unlock_staff(self) -> None:
        staff = self._selected(self.staff_view)
        if staff is None:
            return
        if staff.staff_no not in self.locks:
            self.ctx.statusMessage.emit(self.tr("{staff_no} {name} is not locked.").format(
                staff_no=staff.staff_no, name=staff.name))
            return
        self._apply(lambda: setup.unlock_staff(self.ctx.session, staff.staff_no),
                    self.tr("{staff_no} {name} can sign in again.").format(staff_no=staff.staff_no, name=staff.name))

    def add_staff(self) -> None:
        self._staff_form(None, "")

    def _staff_form(self, typed: dict | None, refusal: str) -> None:
        """The new staff member's form; refused (a number in use, a short password), it opens
        again as it was typed, with the reason at its top: only the wrong field to mend."""
        dialog = StaffDialog(self)
        if typed is not None:
            dialog.refill(typed, refusal)
        if dialog.exec():
            v = dialog.values()
            self._apply(lambda: setup.add_staff(self.ctx.session, v["staff_no"], v["name"], v["role"],
                                                v["specialties"], v["password"]),
                        self.tr("Staff member {staff_no} added.").format(staff_no=v["staff_no"].strip()),
                        refused=lambda text: self._staff_form(v, text))

    def toggle_staff(self) -> None:
        staff = self._selected(self.staff_view)
        if staff is not None:
            self._apply(lambda: setup.set_staff_active(self.ctx.session, staff.staff_no, not staff.active),
                        self.tr("Staff member {staff_no} changed.").format(staff_no=staff.staff_no))

    def reset_password(self) -> None:
        staff = self._selected(self.staff_view)
        if staff is None:
            return
        password, ok = QInputDialog.getText(self, self.tr("Reset password"),
                                            self.tr("New password for {staff_no} {name}:").format(
                                                staff_no=staff.staff_no, name=staff.name),
                                            QLineEdit.EchoMode.Password)
        if ok:
            self._apply(lambda: setup.reset_password(self.ctx.session, staff.staff_no, password),
                        self.tr("Password of {staff_no} reset.").format(staff_no=staff.staff_no))

    def edit_specialties(self) -> None:
        staff = self._selected(self.staff_view)
        if staff is None:
            return
        dialog = ChecklistDialog(self.tr("Specialties of {name}").format(name=staff.name),
                                 [(s, specialty_name(s)) for s in setup.SPECIALTIES], staff.specialties or [], self)
        if dialog.exec():
            chosen = dialog.chosen()
            self._apply(lambda: setup.set_specialties(self.ctx.session, staff.staff_no, chosen),
                        self.tr("Staff member {staff_no} changed.").format(staff_no=staff.staff_no))

    def add_counter(self) -> None:
        self._counter_form(None, "")

    def _counter_form(self, typed: dict | None, refusal: str) -> None:
        """The new counter's form; refused, it opens again as it was, with the reason."""
        numbers = [c.number for c in self.counters.rows]
        dialog = CounterDialog(list(self.category_names.items()), max(numbers, default=0) + 1, self)
        if typed is not None:
            dialog.refill(typed, refusal)
        if dialog.exec():
            v = dialog.values()
            self._apply(lambda: setup.add_counter(self.ctx.session, v["number"], v["name"], v["categories"]),
                        self.tr("Counter {number} added.").format(number=v["number"]),
                        refused=lambda text: self._counter_form(v, text))

    def edit_counter_categories(self) -> None:
        counter = self._selected(self.counter_view)
        if counter is None:
            return
        dialog = ChecklistDialog(self.tr("Queue categories of counter {number}").format(number=counter.number),
                                 list(self.category_names.items()), counter.categories or [], self)
        if dialog.exec():
            chosen = dialog.chosen()
            self._apply(lambda: setup.set_counter_categories(self.ctx.session, counter.number, chosen),
                        self.tr("Counter {number} changed.").format(number=counter.number))

    def toggle_counter(self) -> None:
        counter = self._selected(self.counter_view)
        if counter is not None:
            self._apply(lambda: setup.set_counter_active(self.ctx.session, counter.number, not counter.active),
                        self.tr("Counter {number} changed.").format(number=counter.number))

    def edit_wait_target(self) -> None:
        category = self._selected(self.category_view)
        if category is None:
            return
        minutes, ok = QInputDialog.getInt(self, self.tr("Wait target"),
                                          self.tr("Target wait for {name} (minutes):").format(
                                              name=self.category_names.get(category.code, category.code)),
                                          category.wait_target_min, 1, 240)
        if ok:
            self._apply(lambda: setup.set_wait_target(self.ctx.session, category.code, minutes),
                        self.tr("Wait target saved."))

    def save_pin(self) -> None:
        pin, again = self.pin.text(), self.pin_again.text()
        if pin != again:
            show_error(self, UserError(QT_TRANSLATE_NOOP("Errors", "The two PINs differ. Type the same PIN twice.")))
            return
        self._apply(lambda: setup.set_kiosk_pin(self.ctx.session, pin), self.tr("Kiosk PIN set."),
                    then=lambda: (self.pin.clear(), self.pin_again.clear()))

    def save_hours(self) -> None:
        opens, closes = self.opens.time().toString("HH:mm"), self.closes.time().toString("HH:mm")
        self._apply(lambda: setup.set_opening_hours(self.ctx.session, opens, closes),
                    self.tr("Opening hours saved."))
