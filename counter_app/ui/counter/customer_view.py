"""Identify the customer and see them whole.

The :class:`IdentifyBar` takes whatever the clerk types or scans (phone, ID number, queue
ticket or slip QR, name) and announces the chosen line with ``ctx.select_customer``; several
matches (namesakes, a customer with two lines) are offered in a list under the field.
The :class:`CustomerView` listens to ``ctx.customerChanged`` and loads the view of that line
itself, on a worker thread, through ``services.customers.open_view`` (an audit event).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from counter_app.errors import UserError
from counter_app.i18n import pick
from counter_app.money import format_yuan
from counter_app.services import customers, identify, lifecycle, orders
from counter_app.ui.context import AppContext
from counter_app.ui.counter import customer_fields
from counter_app.ui.counter.club_flag import ClubFlag
from counter_app.ui.counter.customer_fields import Particulars
from counter_app.ui.counter.customer_tables import CustomerTables, text_table
from counter_app.ui.counter.guidance_flag import GuidanceFlag
from counter_app.ui.errors import show_error, user_text
from counter_app.ui.ledger_text import balance_text
from counter_app.ui.ops import Op, Topic, connect_while_alive, drop_pending, on_change
from counter_app.ui.style import set_badge, set_tone
from counter_app.ui.widgets.elide import eliding
from counter_app.ui.widgets.message_line import MessageLine

_Index = QModelIndex | QPersistentModelIndex


class MatchListModel(QAbstractListModel):
    """Identify results: name, masked ID, phone; the account id under Qt.UserRole."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.matches: list[identify.Match] = []

    def set_matches(self, matches: list[identify.Match]) -> None:
        self.beginResetModel()
        self.matches = list(matches)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.matches)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.matches):
            return None
        m = self.matches[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{m.name}    {m.masked_id}    {m.phone}    {m.home_city}"
        if role == Qt.ItemDataRole.UserRole:
            return m.account_id
        return None


class IdentifyBar(QWidget):
    """One field for phone, ID number, name or a scanned QR; Enter looks it up."""

    identified = Signal(object)  # the account id chosen

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("identifyBar")
        self.query = QLineEdit()
        self.query.setObjectName("identifyQuery")
        self.query.setPlaceholderText(self.tr("Phone, ID number or name — or scan the queue ticket"))
        self.query.setClearButtonEnabled(True)
        # As narrow as an ID number with room to spare, not as wide as the placeholder: where the
        # bar is short of room (training mode at 1366×768) the message beside it needs the width.
        self.query.setMinimumWidth(self.query.fontMetrics().horizontalAdvance("110101199003077777") + 60)
        self.query.setToolTip(self.query.placeholderText())  # whole, when the field is narrower than it
        self.query.returnPressed.connect(self.lookup)
        self.find = QPushButton(self.tr("Find"))
        self.find.setObjectName("identifyFind")
        self.find.clicked.connect(self.lookup)
        self.message = MessageLine(lines=2)  # two lines, empty or not: a message never moves the panels
        self.message.setObjectName("identifyMessage")
        set_tone(self.message, "error")
        self.results_model = MatchListModel(self)
        # The matches drop down over the window, under the field: the panels below keep their
        # size (in the layout, the list squeezed them to a sliver). Esc closes it.
        self.results = eliding(QListView(self))
        self.results.setObjectName("identifyResults")
        self.results.setFrameShape(QListView.Shape.Box)
        self.results.installEventFilter(self)
        self.results.setModel(self.results_model)
        self.results.hide()
        self.results.activated.connect(self._chosen)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("&Customer"))
        caption.setBuddy(self.query)
        row.addWidget(caption)
        row.addWidget(self.query, 2)
        row.addWidget(self.find)
        row.addWidget(self.message, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        self.found: identify.Found | None = None
        self._busy = False
        self._selected = None  # the account this bar chose last
        connect_while_alive(self, ctx.customerChanged, self._customer_changed)

    def _customer_changed(self, account_id) -> None:
        """Another part of the window (F1, a scanned ticket, a complaint) chose the customer:
        the last search's text and messages go."""
        if account_id != self._selected:
            self._selected = None
            self.query.clear()
            self.message.clear()
            self.results.hide()

    def lookup(self) -> None:
        """Look the text up on a worker (a name search scans; a phone is an index hit, but
        even that waits for the database when another terminal writes)."""
        if self._busy:
            return
        self.message.clear()
        self.results.hide()
        text = self.query.text()
        session = self.ctx.session
        try:
            if identify.classify(text) == "empty":
                identify.identify(session, text)  # raises the "enter a phone, ID or name" message
        except UserError as exc:
            self.message.setText(user_text(exc))
            return
        self._busy = True
        self.message.setText(self.tr("Searching…"))
        Op(self, lambda: identify.identify(session, text)).after(self._unbusy).success(self._show) \
            .failure(self._failed).run()

    def _unbusy(self) -> None:
        self._busy = False
        self.message.clear()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.message.setText(user_text(exc))
        else:
            show_error(self, exc)

    def _show(self, found: identify.Found) -> None:
        self.found = found
        if found.ticket_id is not None and self.ctx.current_ticket is None:
            self.ctx.select_ticket(found.ticket_id)  # a scanned ticket is being served: orders carry it
        if found.single is not None:
            self._select(found.single.account_id)
            return
        self.results_model.set_matches(found.matches)
        self._drop_down()
        self.results.setCurrentIndex(self.results_model.index(0, 0))
        self.results.setFocus()
        if found.truncated:
            self.message.setText(self.tr("More than {count} match; type more of the name.").format(count=len(found.matches)))

    def _chosen(self, index: QModelIndex) -> None:
        account_id = index.data(Qt.ItemDataRole.UserRole)
        if account_id is not None:
            self.results.hide()
            self._select(account_id)

    def _drop_down(self) -> None:
        window = self.window()
        if self.results.parentWidget() is not window:
            self.results.setParent(window)  # over the window's panels, outside any layout
        rows = min(8, max(1, self.results_model.rowCount()))
        height = self.results.sizeHintForRow(0) * rows + 2 * self.results.frameWidth() + 4
        width = min(max(self.query.width() * 2, 480), window.width() - 16)
        self.results.setFixedSize(width, height)
        self.results.move(self.query.mapTo(window, QPoint(0, self.query.height() + 2)))
        self.results.raise_()
        self.results.show()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.results and event.type() == QEvent.Type.KeyPress \
                and event.key() == Qt.Key.Key_Escape:
            self.results.hide()
            self.query.setFocus()
            return True
        return super().eventFilter(watched, event)

    def _select(self, account_id) -> None:
        self._selected = account_id
        self.message.clear()  # "more than 50 match" was about the list, now gone
        self.results.hide()
        self.ctx.select_customer(account_id)
        self.identified.emit(account_id)
        self.query.selectAll()


STATUS_TEXT = lifecycle.STATE_NAMES
COMPLAINT_CATEGORY = {"billing": ("计费", "billing"), "sp_charge": ("SP收费", "SP charges"),
                      "network": ("网络质量", "network"), "attitude": ("服务态度", "attitude"),
                      "repair": ("手机维修", "repair"), "other": ("其他", "other")}
COMPLAINT_STATUS = {"open": ("待处理", "open"), "assigned": ("处理中", "assigned"), "replied": ("已答复", "replied"),
                    "closed": ("已结案", "closed")}
VIP_TEXT = {"silver": ("银卡", "silver"), "gold": ("金卡", "gold"), "diamond": ("钻石卡", "diamond")}


class CustomerView(QWidget):
    """Everything about the line the clerk is serving; loads itself on ``customerChanged``."""

    loaded = Signal(object)  # the CustomerView data, once shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("customerView")
        self.view: customers.CustomerView | None = None
        self._pending = None
        layout = QVBoxLayout(self)
        margins = layout.contentsMargins()  # little above and below: the page's height is scarce at 1366×768
        layout.setContentsMargins(margins.left(), margins.top() // 2, margins.right(), margins.bottom() // 2)
        layout.addLayout(self._build_head())
        layout.addLayout(self._build_fields())
        layout.addWidget(self._build_tables(), 1)
        connect_while_alive(self, ctx.customerChanged, self.load)
        on_change(self, ctx, {Topic.ORDERS, Topic.PAYMENTS, Topic.COMPLAINTS, Topic.CUSTOMER,
                                Topic.VERIFICATION}, self._data_changed)

    def _build_head(self) -> QFormLayout:
        """The flags over the customer (another city's number, arrears, a cheaper plan, a club
        member) and whether the subscriber was verified."""
        self.remote_flag = QLabel(self.tr("Another city's number"))
        self.remote_flag.setObjectName("customerRemote")
        set_badge(self.remote_flag, "remote")
        self.remote_flag.hide()
        self.arrears_flag = QLabel()
        self.arrears_flag.setObjectName("customerArrears")
        set_badge(self.arrears_flag, "arrears")
        self.arrears_flag.hide()
        self.guidance_flag = GuidanceFlag(self.ctx)  # 消费引导: a cheaper plan for this line's use
        self.club_flag = ClubFlag(self.ctx)  # 俱乐部会员接待: a member is greeted as one
        head = QFormLayout()
        for flag in (self.remote_flag, self.arrears_flag, self.guidance_flag, self.club_flag):
            head.addRow(flag)
        head.addRow(self._build_verify_row())
        return head

    def _build_verify_row(self) -> QHBoxLayout:
        self.verify_status = QLabel()
        self.verify_status.setObjectName("verifyStatus")
        self.verify_status.setWordWrap(True)  # the long "not verified" note wraps on a narrow page
        self.verify_button = QPushButton(self.tr("Verify subscriber… (Ctrl+I)"))
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.clicked.connect(self.verify_subscriber)
        self.verify_button.setEnabled(False)
        checked = QHBoxLayout()
        checked.addWidget(self.verify_status, 1)
        checked.addWidget(self.verify_button)
        return checked

    def _build_fields(self) -> Particulars:
        self.particulars = Particulars((
            ("name", self.tr("Name")), ("id", self.tr("ID number")), ("phone", self.tr("Phone number")),
            ("plan", self.tr("Plan")), ("status", self.tr("Status")), ("balance", self.tr("Balance (yuan)")),
            ("due", self.tr("Amount due (yuan)")), ("vip", self.tr("VIP tier")), ("city", self.tr("Home city")),
            ("sim", self.tr("SIM serial")), ("lines", self.tr("Other lines")),
        ))
        self.fields = self.particulars.fields
        return self.particulars

    def _choose_fields(self) -> None:
        """Three particulars to a row where the lists stand side by side and the three fit."""
        margins = self.layout().contentsMargins()
        room = self.width() - margins.left() - margins.right()
        wide = self.tables.column_count == 2 and room >= self.particulars.width_for(customer_fields.WIDE)
        self.particulars.lay(customer_fields.WIDE if wide else customer_fields.NARROW)

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._choose_fields()

    def _build_tables(self) -> CustomerTables:
        """The five lists (customer_tables.py arranges them for the page's width)."""
        self.bills = text_table([self.tr("Month"), self.tr("Charges"), self.tr("Payments and credits"),
                                 self.tr("Balance after")], self, numeric=(1, 2, 3))
        self.services = text_table([self.tr("Service"), self.tr("Provider"), self.tr("Price"), self.tr("Since")], self)
        self.orders = text_table([self.tr("Time"), self.tr("Business"), self.tr("Order no."), self.tr("State")], self)
        self.complaints = text_table([self.tr("Complaint no."), self.tr("Category"), self.tr("State"),
                                      self.tr("Reply by")], self)
        self.visits = text_table([self.tr("Time"), self.tr("Ticket or business"), self.tr("Counter")], self)
        self.tables = CustomerTables(
            {"bills": self.bills, "services": self.services, "orders": self.orders, "complaints": self.complaints,
             "visits": self.visits},
            {"bills": self.tr("Last six bills"), "services": self.tr("Value-added (SP) services"),
             "orders": self.tr("Orders"), "complaints": self.tr("Open complaints"), "visits": self.tr("Recent visits")},
            self._sample_rows())
        self.orders_table = self.tables.tables["orders"]
        self.orders_table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.orders_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.orders_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.tables.boxes["orders"].layout().addLayout(self._build_order_actions())
        self.tables.arranged.connect(lambda _columns: self._choose_fields())
        return self.tables

    def _sample_rows(self) -> dict[str, list[str]]:
        """A long row of each list, formatted as ``show_view`` does (the free text left out)."""
        lang, longest = self.ctx.lang, lambda texts: max(texts, key=len)
        return {"bills": ["2026-11", format_yuan(999_999), format_yuan(999_999), balance_text(-999_999)],
                "services": ["", "SP_XX", format_yuan(9_999), "2026-11-30"],
                "orders": ["11-30 16:38", "", "SJN00120261130409800073",
                           longest([self.tr("open"), self.tr("done"), self.tr("voided")])],
                "complaints": ["CJN00120261130409800001", "",
                               longest([pick(lang, *state) for state in COMPLAINT_STATUS.values()]), "12-03 16:38"],
                "visits": ["2026-11-22 14:04", "", "99"]}

    def _build_order_actions(self) -> QHBoxLayout:
        self.reprint_button = QPushButton(self.tr("Reprint slip (Ctrl+P)"))
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.clicked.connect(self.reprint_selected)
        self.void_button = QPushButton(self.tr("Void order… (manager)"))
        self.void_button.setObjectName("voidButton")
        self.void_button.clicked.connect(self.void_selected)
        actions = QHBoxLayout()
        actions.addWidget(self.reprint_button)
        actions.addWidget(self.void_button)
        actions.addStretch(1)
        return actions

    def selected_order(self):
        """The order chosen in the table, else the latest one."""
        if self.view is None or not self.view.orders:
            return None
        rows = self.orders_table.selectionModel().selectedRows()
        return self.view.orders[rows[0].row() if rows else 0]

    def reprint_selected(self) -> None:
        order = self.selected_order()
        if order is not None:
            from counter_app.ui.counter.service_printing import print_order_slip

            print_order_slip(self, self.ctx, order.order_id)

    def void_selected(self) -> None:
        order = self.selected_order()
        if order is None:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Void order"),
                                          self.tr("Why is order {order} voided? Its effect and its fee are "
                                                  "reversed.").format(order=order.order_no))
        if not ok:
            return
        session, order_id, order_no = self.ctx.session, order.order_id, order.order_no
        self.void_button.setEnabled(False)
        Op(self, lambda: orders.void(session, order_id, reason=reason),
           changes={Topic.ORDERS, Topic.PAYMENTS, Topic.CUSTOMER}) \
            .after(lambda: self.void_button.setEnabled(True)) \
            .success(lambda _order: self.ctx.statusMessage.emit(
                self.tr("Order {order} voided.").format(order=order_no))).run()

    def load(self, account_id) -> None:
        self._pending = account_id
        if account_id is None:
            drop_pending(self, "view")
            self.show_view(None)
            return
        session = self.ctx.session
        Op(self, lambda: customers.open_view(session, account_id)).latest("view").success(self.show_view).run()

    def verify_subscriber(self) -> None:
        """Ctrl+I: check the subscriber's identity now (before 详单 or a sensitive business)."""
        if self.view is None:
            self.ctx.statusMessage.emit(self.tr("Find the customer first."))
            return
        from counter_app.ui.counter.verify_dialog import VerifyDialog

        dialog = VerifyDialog(self.ctx, self.view.account_id, self.view.phone, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def show_verification(self) -> None:
        """Whether the line's subscriber was verified lately here (read on a worker)."""
        from counter_app.services import verification

        self.verify_button.setEnabled(self.view is not None)
        if self.view is None:
            drop_pending(self, "verification")
            self.verify_status.clear()
            return
        session, account_id = self.ctx.session, self.view.account_id
        Op(self, lambda: verification.current(session, account_id)).latest("verification") \
            .success(self._show_verification).run()

    def _show_verification(self, found) -> None:
        if found is None:
            self.verify_status.setText(self.tr("Subscriber not verified (needed for detailed records, SIM, loss "
                                               "report, PUK, SP subscription)"))
            set_tone(self.verify_status, "muted")
            return
        methods = {"id_document": self.tr("ID document"), "service_password": self.tr("service password"),
                   "agent": self.tr("agent {name} with authorisation").format(name=found.agent_name)}
        self.verify_status.setText(self.tr("Subscriber verified: {method}, {time}").format(
            method=methods.get(found.method, found.method), time=f"{found.at:%H:%M}"))
        set_tone(self.verify_status, "success-strong")

    def _data_changed(self, changes) -> None:
        if Topic.VERIFICATION in changes:
            self.show_verification()
            if changes.topics == {Topic.VERIFICATION}:
                return
        # An order or payment changed the line: show it again (the opening was audited already).
        if self._pending is not None:
            session, wanted, city = self.ctx.session, self._pending, self.ctx.session.hall.city
            Op(self, lambda: customers.load_view(session, wanted, city)).latest("view").success(self.show_view).run()

    def show_view(self, view: customers.CustomerView | None) -> None:
        self.view = view
        self.show_verification()
        lang = self.ctx.lang
        if view is None:
            for label in self.fields.values():
                label.setText("—")
            self.remote_flag.hide()
            self.arrears_flag.hide()
            for model in (self.bills, self.services, self.orders, self.complaints, self.visits):
                model.set_rows([])
            self.guidance_flag.show_for(None)
            self.club_flag.show_for("")
            return
        plan = pick(lang, view.plan_zh, view.plan_en)
        if view.next_plan_from:
            plan += self.tr(" → {plan} from {month}").format(plan=pick(lang, view.next_plan_zh, view.next_plan_en),
                                                             month=view.next_plan_from)
        vip = VIP_TEXT.get(view.vip_tier)
        self.fields["name"].setText(view.name)
        self.fields["id"].setText(view.masked_id)
        self.fields["phone"].setText(view.phone)
        self.fields["plan"].setText(plan)
        self.fields["status"].setText(pick(lang, *STATUS_TEXT.get(view.status, (view.status, view.status))))
        self.fields["balance"].setText(balance_text(view.balance_fen))
        self.fields["due"].setText(format_yuan(view.due_fen))
        self.arrears_flag.setText(self.tr("Owes {due} yuan: past the arrears limit").format(
            due=format_yuan(view.due_fen)))
        self.arrears_flag.setVisible(view.over_limit)
        self.fields["vip"].setText(f"{pick(lang, *vip)} {view.vip_member_no}" if vip else "—")
        self.fields["city"].setText(view.home_city or "—")
        self.fields["sim"].setText(view.sim_serial or "—")
        self.fields["lines"].setText("、".join(phone for _, phone in view.other_lines) or "—")
        self.remote_flag.setVisible(view.remote)
        self.guidance_flag.show_for(view.phone)
        self.club_flag.show_for(view.vip_tier, view.vip_member_no)
        self.bills.set_rows([[b.period, format_yuan(b.charges_fen), format_yuan(b.credits_fen),
                              balance_text(b.closing_fen)] for b in view.bills])
        self.services.set_rows([[pick(lang, s.name_zh, s.name_en), s.provider,
                                 format_yuan(s.monthly_fee_fen or s.per_use_fen), f"{s.start_date:%Y-%m-%d}"]
                                for s in view.subscriptions])
        state = {"done": self.tr("done"), "voided": self.tr("voided")}
        self.orders.set_rows([[f"{o.created_at:%m-%d %H:%M}", pick(lang, o.business_zh, o.business_en), o.order_no,
                               self.tr("open") if o in view.open_orders else state.get(o.status, o.status)]
                              for o in view.orders])
        self.complaints.set_rows([[c.complaint_no, pick(lang, *COMPLAINT_CATEGORY.get(c.category, (c.category,) * 2)),
                                   pick(lang, *COMPLAINT_STATUS.get(c.status, (c.status,) * 2)),
                                   f"{c.deadline_at:%m-%d %H:%M}" if c.deadline_at else ""] for c in view.complaints])
        self.visits.set_rows([[f"{v.at:%Y-%m-%d %H:%M}", pick(lang, v.what, v.what_en or v.what),
                               str(v.counter_number or "")] for v in view.visits])
        self.loaded.emit(view)
