"""The business form, generated from the catalogue's field specs.

One editor per field type; fields the record fills are shown read-only and never take focus,
so Tab walks only what the clerk must type. Enter in the last editor (or in any one-line
editor) asks for the slip preview: ``submitted``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from counter_app.i18n import pick
from counter_app.models import Account
from counter_app.services import catalogue, verification
from counter_app.services.catalogue import Business, FieldSpec

CHOICE_TYPES = ("choice", "plan", "sp_service", "sp_subscription", "repair_job", "sp_disputable", "id_type")
PLACEHOLDERS = {
    "phone": "13012345678", "id_number": "370102199001011231", "money": "50.00", "sim_serial": "8986…",
    "imei": "*#06#", "month": "2026-10", "serials": "VC0001, VC0002", "number": "0", "claim_slip": "SJN001…",
    "id_document": "370102199001011231", "date": "1990-05-17", "invoice_period": "2026-10", "uscc": "91370000…",
}


def form_choices(biz: Business, account: Account | None) -> dict[str, list[catalogue.Choice]]:
    """What each choice field of ``biz`` offers for this line (database reads: call it on a
    worker and hand the result to the form)."""
    return {spec.name: catalogue.options(spec, account) for spec in biz.fields
            if spec.type in CHOICE_TYPES and not spec.readonly}


class _Enter(QPlainTextEdit):
    """A multi-line field where Tab leaves and Ctrl+Enter submits (Enter makes a new line)."""

    submitted = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class BusinessForm(QWidget):
    submitted = Signal()

    def __init__(self, biz: Business, account: Account | None, prefilled: dict[str, str], lang: str,
                 parent: QWidget | None = None, *, choices: dict[str, list[catalogue.Choice]] | None = None) -> None:
        super().__init__(parent)
        self.choices = choices or {}  # what each choice field offers, read on a worker (form_choices)
        self.setObjectName("businessForm")
        self.biz = biz
        self.lang = lang
        self.editors: dict[str, QWidget] = {}
        outer = QVBoxLayout(self)
        layout = QFormLayout()
        outer.addLayout(layout)
        outer.addStretch(1)  # spare height below the fields, not between them
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in biz.fields:
            editor = self._editor(spec, account, prefilled.get(spec.name, ""))
            editor.setObjectName(f"field_{spec.name}")
            self.editors[spec.name] = editor
            label = spec.label(lang) + (" *" if spec.required and not spec.readonly else "")
            layout.addRow(label, editor)
        self.id_checked: QCheckBox | None = None
        # A business for an existing line checks its subscriber through the verification dialog
        # (services.verification) before the form opens; the tick box is for the documents typed
        # into the form (a new subscriber's, a new owner's).
        typed = sum(spec.type in ("id_number", "id_document") and not spec.readonly for spec in biz.fields)
        verified_line = account is not None and verification.needs_verification(biz)
        if biz.real_name_required and not (verified_line and typed == 0):
            both = typed > 1
            self.id_checked = QCheckBox(self.tr("Both ID cards checked (real-name rule)") if both
                                        else self.tr("ID card checked (real-name rule)"))
            self.id_checked.setObjectName("field_id_checked")
            layout.addRow("", self.id_checked)
        self.fee_method: QComboBox | None = None
        self.fee_reference: QLineEdit | None = None
        if biz.fee_fen or biz.effect in ("value_card", "job_pickup"):
            self.fee_method = QComboBox()
            self.fee_method.setObjectName("field_fee_method")
            for code, text in (("cash", self.tr("Cash")), ("pos", self.tr("Bank card (POS)")),
                               ("card", self.tr("Payment card"))):
                self.fee_method.addItem(text, code)
            layout.addRow(self.tr("Fee paid by"), self.fee_method)
            # A bank card or payment card fee keeps the POS slip's reference or the card's
            # serial, as a bill payment does: the bank's reconciliation matches by it.
            self.fee_reference = QLineEdit()
            self.fee_reference.setObjectName("field_fee_reference")
            self.fee_reference.returnPressed.connect(self.submitted)
            self.fee_reference_label = QLabel()
            layout.addRow(self.fee_reference_label, self.fee_reference)
            self.fee_method.currentIndexChanged.connect(self._fee_method_changed)
            self._fee_method_changed()

    def _editor(self, spec: FieldSpec, account: Account | None, value: str) -> QWidget:
        if spec.readonly:
            label = QLabel(value or "—")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setProperty("value", value)
            return label
        if spec.type in CHOICE_TYPES:
            box = QComboBox()
            for choice in self.choices.get(spec.name, []):
                box.addItem(choice.label(self.lang), choice.value)
            box.setPlaceholderText(self.tr("Choose…"))
            box.setCurrentIndex(box.findData(value) if value else -1)
            return box
        if spec.type == "textarea":
            edit = _Enter()
            edit.setTabChangesFocus(True)
            edit.setPlainText(value)
            edit.setFixedHeight(64)
            edit.submitted.connect(self.submitted)
            return edit
        line = QLineEdit(value)
        if spec.type == "pin6":
            line.setEchoMode(QLineEdit.EchoMode.Password)
            line.setMaxLength(6)
        line.setPlaceholderText(PLACEHOLDERS.get(spec.type, ""))
        line.returnPressed.connect(self.submitted)
        return line

    def focus_first(self) -> None:
        for editor in self.editors.values():
            if not isinstance(editor, QLabel):
                editor.setFocus(Qt.FocusReason.OtherFocusReason)
                return
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_field(self, name: str | None) -> None:
        editor = self.editors.get(name or "")
        if name == "reference" and self.fee_reference is not None:
            editor = self.fee_reference
        if name == "id_checked" and self.id_checked is not None:
            editor = self.id_checked
        if editor is not None and not isinstance(editor, QLabel):
            editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QLabel):
                out[name] = editor.property("value") or ""
            elif isinstance(editor, QComboBox):
                data = editor.currentData()
                out[name] = "" if data is None else str(data)
            elif isinstance(editor, QPlainTextEdit):
                out[name] = editor.toPlainText()
            else:
                out[name] = editor.text()
        return out

    def is_id_checked(self) -> bool:
        return bool(self.id_checked and self.id_checked.isChecked())

    def fee_method_code(self) -> str:
        return self.fee_method.currentData() if self.fee_method is not None else "cash"

    def fee_reference_text(self) -> str:
        if self.fee_reference is None or self.fee_method_code() not in ("pos", "card"):
            return ""
        return self.fee_reference.text().strip()

    def _fee_method_changed(self) -> None:
        method = self.fee_method_code()
        shown = method in ("pos", "card")
        self.fee_reference_label.setText(self.tr("POS slip reference") if method == "pos"
                                         else self.tr("Payment card serial"))
        self.fee_reference.setPlaceholderText("123456789012" if method == "pos" else "PC20261125000123")
        self.fee_reference.setVisible(shown)
        self.fee_reference_label.setVisible(shown)

    def title(self) -> str:
        return pick(self.lang, self.biz.name_zh, self.biz.name_en)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Enter on a combo box or check box previews
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)
