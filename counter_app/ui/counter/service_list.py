"""The business list of the form-free flow: the catalogue as "key  name", one key opens a
business; what the clerk may not do here is disabled with the reason as its tooltip."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt

from counter_app.services.catalogue import Business

KEYS = "123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # a business's key in the list, by catalogue order
_Index = QModelIndex | QPersistentModelIndex


class BusinessListModel(QAbstractListModel):
    """The catalogue as "key  name"; a business the clerk may not do here is disabled and its
    tooltip says why (the services refuse it anyway)."""

    def __init__(self, lang: str, parent=None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.items: list[tuple[Business, str]] = []  # (business, reason it is refused or "")

    def set_items(self, items: list[tuple[Business, str]]) -> None:
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        biz, reason = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{KEYS[index.row()] if index.row() < len(KEYS) else ' '}   {biz.name(self.lang)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return reason or None
        if role == Qt.ItemDataRole.UserRole:
            return biz.code
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.items[index.row()][1]:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row_for_key(self, text: str) -> int:
        key = text.upper()
        return KEYS.index(key) if key and key in KEYS[: len(self.items)] else -1


class KeyPicker(QObject):
    """Typing a business's key in the list opens it."""

    def __init__(self, panel) -> None:
        super().__init__(panel)
        self.panel = panel

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.KeyPress and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            row = self.panel.model.row_for_key(event.text())
            if row >= 0:
                self.panel.open_row(row)
                return True
        return False
