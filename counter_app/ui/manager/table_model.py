"""The manager's tabs' tables: the application's one table model (``ui.widgets.rows_model``),
and the number formats the tabs share with the print-outs (minutes with one decimal, shares as
percentages)."""

from __future__ import annotations

from counter_app.documents.daily import minutes, share
from counter_app.ui.widgets.rows_model import ID_ROLE, ROW_ROLE, SORT_ROLE, Column, RowsModel

__all__ = ["Column", "RowsModel", "minutes", "share", "ROW_ROLE", "ID_ROLE", "SORT_ROLE"]
