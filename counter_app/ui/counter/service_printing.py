"""Printing an order's acceptance slip from any counter panel: built on a worker, the print
counted (every later one is a logged reprint), the terminal's copy kept under the data
folder, then shown in the shared print preview."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from counter_app import paths
from counter_app.documents import slip
from counter_app.services import orders
from counter_app.ui.context import AppContext
from counter_app.ui.ops import Op, Topic
from counter_app.ui.printing import show_print_preview


def print_order_slip(parent: QWidget, ctx: AppContext, order_id, on_saved=None, on_closed=None) -> None:
    """Build an order's two-copy slip on a worker (counting the print: a second one is a logged
    reprint), keep the terminal's copy under the data folder and hand it to the printer."""
    session = ctx.session

    def build() -> tuple[str, bytes]:
        order = orders.record_print(session, order_id)
        pdf = slip.build(orders.slip_data(session, order), copies=slip.COPIES)
        # The terminal's copy is kept even when the window closes before the preview opens.
        folder = paths.data_dir() / "slips"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{order.order_no}.pdf").write_bytes(pdf)
        return order.order_no, pdf

    def done(result: tuple[str, bytes]) -> None:
        order_no, pdf = result
        ctx.statusMessage.emit(QCoreApplication.translate("SlipPrinting", "Slip {order} ready: print it from the "
                                                          "preview.").format(order=order_no))
        if on_saved is not None:
            on_saved(paths.data_dir() / "slips" / f"{order_no}.pdf")
        dialog = show_print_preview(parent, ctx, pdf, title=order_no, kind="slip", ref=order_no)
        if dialog is not None and on_closed is not None:
            dialog.finished.connect(lambda _result: on_closed())

    Op(parent, build, changes={Topic.PRINTS}, ctx=ctx).success(done).run()
