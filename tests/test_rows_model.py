"""The one table model with every column set the windows declare: Qt's model tester on each,
and what a user sees of it: money right-aligned and sorted by its amount, tooltips, the
theme's urgency colour, tick boxes, and a selection that survives a refresh."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView

from counter_app.services.complaint_refunds import RefundableItem
from counter_app.services.complaints import ComplaintRow
from counter_app.services.payments import PaymentRow
from counter_app.services.queue_reads import WaitingTicket
from counter_app.services.statements import RecordLine
from counter_app.sync.status import RejectedOp
from counter_app.ui.style import hex_colour
from counter_app.ui.widgets.rows_model import (
    ID_ROLE,
    ROW_ROLE,
    SORT_ROLE,
    Column,
    RowsModel,
    keep_selection,
    select_id,
    selected_id,
)

AT = dt.datetime(2026, 11, 25, 9, 30)
Role = Qt.ItemDataRole


def payment(receipt: str, fen: int, *, change: int | None = None, reversed_: bool = False) -> PaymentRow:
    return PaymentRow(id=uuid.uuid4(), receipt_no=receipt, at=AT, phone="139****0001", kind="payment", method="cash",
                      amount_fen=fen, change_fen=change, reference="", reason="", reversed=reversed_, staff_no="1001")


def complaint(no: str, urgency: str, *, escalated: bool = False) -> ComplaintRow:
    return ComplaintRow(id=uuid.uuid4(), complaint_no=no, phone="13900000001", category="sp_charge", status="open",
                        opened_at=AT, deadline_at=AT + dt.timedelta(hours=24), assigned_to="", escalated=escalated,
                        replied_at=None, urgency=urgency, description="订阅了没有订过的彩铃")


def charge(item_id: int, *, claimed: bool = False, linked: bool = True, months_back: int = 0) -> RefundableItem:
    return RefundableItem(bill_item_id=item_id, period="2026-10", sp_code="SP01", sp_name="乐听", service_code="RING",
                          service_zh="彩铃", service_en="Ring tones", amount_fen=500, months_back=months_back,
                          claimed=claimed, linked=linked)


def waiting_set():
    from counter_app.ui.counter.queue_panel import waiting_model

    model = waiting_model({"payment": "缴费"})
    model.set_rows([WaitingTicket(id=uuid.uuid4(), code="V001", category="payment", priority=True, overdue=True,
                                  waited_min=25, targeted=False),
                    WaitingTicket(id=uuid.uuid4(), code="A002", category="general", priority=False, overdue=False,
                                  waited_min=3, targeted=True)])
    return model


def payments_set():
    from counter_app.ui.counter.payment_columns import payments_model

    model = payments_model()
    model.set_rows([payment("R1", 10_000, change=0), payment("R2", 2_000, reversed_=True)])
    return model


def found_payments_set():
    from counter_app.ui.counter.payment_columns import payments_model

    model = payments_model(with_clerk=True)
    model.set_rows([payment("R1", 10_000)])
    return model


def records_set():
    from counter_app.ui.counter.statement_views import records_model

    model = records_model()
    model.set_rows([RecordLine(AT, "call", "通话", "local", "out", "138****0002", "济南", 125, 0, 20),
                    RecordLine(AT, "data", "上网", "4g", "", "", "济南", 0, 20_480, 100)])
    return model


def complaints_set():
    from counter_app.ui.widgets.complaint_models import complaint_model

    model = complaint_model()
    model.set_rows([complaint("TS1", "overdue", escalated=True), complaint("TS2", "ok")])
    return model


def refunds_set():
    from counter_app.ui.widgets.complaint_models import preselected, refund_model

    model = refund_model("zh_CN")
    items = [charge(1), charge(2, claimed=True), charge(3, linked=False), charge(4, months_back=5)]
    model.set_rows(items, preselected(items, 3))
    return model


COLUMN_SETS = {"waiting": waiting_set, "payments": payments_set, "found payments": found_payments_set,
               "records": records_set, "complaints": complaints_set, "refund items": refunds_set}


@pytest.mark.parametrize("name", COLUMN_SETS)
def test_every_column_set_passes_the_model_tester(name, qtmodeltester, frozen_clock):
    model = COLUMN_SETS[name]()
    assert model.rowCount() >= 1
    qtmodeltester.check(model)
    model.set_rows([])  # a refresh that found nothing
    qtmodeltester.check(model)


def test_the_refused_operations_pass_the_model_tester(session, db_path, qtbot, qtmodeltester):
    from counter_app.config import TerminalConfig
    from counter_app.ui.context import AppContext
    from counter_app.ui.manager.sync_tab import COL_REASON, COL_WHAT, SyncTab
    from tests.helpers import ops_done

    tab = SyncTab(AppContext(session, TerminalConfig(), str(db_path)))
    qtbot.addWidget(tab)
    ops_done(qtbot)  # the tab's own read of the outbox: nothing refused
    model = tab.model
    model.set_rows([RejectedOp("a1", "setup_change", "1", AT.isoformat(), "staff 1010", "duplicate key value"),
                    RejectedOp("a2", "payment", "2", AT.isoformat(), "R0001", "violates not-null constraint")])
    qtmodeltester.check(model)
    assert model.index(0, COL_WHAT).data() in ("Staff 1010", "员工 1010")  # the kind of row in the reader's words
    assert model.index(1, COL_WHAT).data() == "R0001"
    assert model.index(1, COL_REASON).data(Role.ToolTipRole) == "violates not-null constraint"  # the hub's words
    assert model.index(1, COL_REASON).data() != "violates not-null constraint"  # explained
    assert model.index(1, 0).data(ID_ROLE) == "a2"


def test_money_is_right_aligned_and_sorts_by_its_amount_not_its_text():
    model = payments_set()
    model.set_rows([payment("R1", 10_000), payment("R2", 2_000), payment("R3", 30_000)])
    amount = 5
    assert model.index(0, amount).data(Role.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignRight
                                                                       | Qt.AlignmentFlag.AlignVCenter)
    assert model.index(0, 0).data(Role.TextAlignmentRole) is None
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(amount)
    assert [proxy.index(r, amount).data() for r in range(3)] == ["20.00", "100.00", "300.00"]  # text: 100 < 20


def test_the_waiting_list_explains_its_cut_short_cells_in_tooltips():
    model = waiting_set()
    note = model.index(0, 3)
    assert note.data() == note.data(Role.ToolTipRole) and note.data()
    assert model.index(0, 1).data(Role.ToolTipRole) == "缴费"
    assert model.index(1, 1).data() == "general"  # a category the hall did not name shows its code
    assert model.index(0, 0).data(Role.ToolTipRole) is None  # the number says it all
    assert model.index(0, 2).data(SORT_ROLE) == 25


def test_an_overdue_complaint_takes_the_themes_urgency_colour_and_explains_itself(frozen_clock):
    model = complaints_set()
    overdue, fine = model.index(0, 0), model.index(1, 0)
    assert overdue.data(Role.BackgroundRole).color() == QColor(hex_colour("urgent_bg"))
    assert model.index(0, 7).data(Role.BackgroundRole).color() == QColor(hex_colour("urgent_bg"))  # the whole row
    assert fine.data(Role.BackgroundRole) is None
    assert overdue.data(Role.ToolTipRole) == "订阅了没有订过的彩铃"
    assert model.index(0, 7).data(Role.ToolTipRole) == model.index(0, 7).data()  # the flag spelt out
    assert model.index(1, 7).data(Role.ToolTipRole) is None
    assert model.index(0, 6).data() == "23 h 30 min"  # the time left, from the app's clock
    frozen_clock.advance(hours=25)
    assert model.index(0, 6).data() == "1 h 30 min late"


def test_the_clerk_ticks_the_charges_to_refund_and_a_refunded_one_has_no_tick_box():
    model = refunds_set()
    ids = [item.bill_item_id for item in model.ticked_rows()]
    assert ids == [1]  # named by the complaint, not refunded, within the months
    claimed = model.index(1, 0)
    assert not model.flags(claimed) & Qt.ItemFlag.ItemIsUserCheckable
    assert claimed.data(Role.CheckStateRole) is None
    assert not model.setData(claimed, Qt.CheckState.Checked, Role.CheckStateRole)
    assert not model.setData(model.index(2, 1), Qt.CheckState.Checked, Role.CheckStateRole)  # not the tick column
    assert model.toggle(2) and model.toggle(0)
    assert [item.bill_item_id for item in model.ticked_rows()] == [3]
    assert not model.toggle(1)
    assert model.index(2, 0).data(Role.CheckStateRole) == Qt.CheckState.Checked
    assert model.index(2, 0).data(ROW_ROLE).bill_item_id == 3


def test_a_tick_column_needs_rows_that_know_their_id():
    model = RowsModel([Column("Pick", lambda r: "", tick=lambda r: True)])
    model.set_rows([object()])
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable


def test_the_selected_row_stays_selected_when_the_rows_are_read_again(qtbot):
    model = payments_set()
    first, second, third = payment("R1", 100), payment("R2", 200), payment("R3", 300)
    model.set_rows([first, second, third])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    keep_selection(view)
    view.selectRow(1)
    assert selected_id(view) == second.id
    model.set_rows([payment("R4", 400), first, second, third])  # a new payment on top
    assert selected_id(view) == second.id and view.currentIndex().row() == 2
    model.set_rows([first, third])  # the selected one went away: nothing is selected
    assert selected_id(view) is None
    assert select_id(view, third.id) and selected_id(view) == third.id
    assert not select_id(view, uuid.uuid4())


def test_keeping_a_selection_needs_rows_that_know_their_id(qtbot):
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(RowsModel([Column("Text", str)]))
    with pytest.raises(ValueError):
        keep_selection(view)
