"""Bills from the operator's billing system (``counter-app hub bill-run --import FILE``): the
file read and checked whole before the bill run writes anything. Layout in docs/billing.md: CSV
with a header row, one row per item, or JSON ``{"period": ..., "bills": [{"phone", "plan_code",
"items": [...]}]}``."""

from __future__ import annotations

import csv
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from counter_app.errors import UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, TariffPlan
from counter_app.models.billing import BILL_GROUPS
from counter_app.services.bill_writer import ItemSpec

IMPORT_COLUMNS = ("phone", "period", "plan_code", "group", "code", "name_zh", "name_en", "amount_fen",
                  "explanation_zh", "explanation_en", "sp_code", "service_code")
REQUIRED_COLUMNS = ("phone", "period", "plan_code", "group", "code", "name_zh", "amount_fen")
MAX_ERRORS_SHOWN = 10


@dataclass
class ImportedBill:
    account_id: uuid.UUID
    phone: str
    plan_code: str
    items: list[ItemSpec] = field(default_factory=list)


def read_bill_file(path: str | Path, month: str) -> list[ImportedBill]:
    """Read and check a bill file (see the module docstring). Every row is checked before
    anything is written; any error refuses the whole file."""
    path = Path(path)
    text = _read_text(path)
    errors: list[str] = []
    rows = _json_rows(text, path, errors) if path.suffix.lower() == ".json" else _csv_rows(text, path)
    if not rows and not errors:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The bill file {file} holds no bills."), file=path.name)
    bills = _Bills(month)
    for where, row in rows:
        error = bills.add(row)
        if error:
            errors.append(f"{where}: {error}")
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN]) + ("; …" if len(errors) > MAX_ERRORS_SHOWN else "")
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The bill file {file} has {count} error(s); nothing was "
                                                          "written: {errors}"),
                              field="file", file=path.name, count=len(errors), errors=shown)
    return list(bills.by_phone.values())


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "Cannot read the bill file {file}: {reason}"),
                        file=str(path), reason=exc.strerror or type(exc).__name__) from None


def _json_rows(text: str, path: Path, errors: list[str]) -> list[tuple[str, dict[str, Any]]]:
    """(where, item row) of every item of every bill, the bill's phone, plan and period in each
    row; a bill or item that is not an object is an error."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The bill file {file} is not valid JSON: {reason}"),
                        file=path.name, reason=str(exc)) from None
    if not isinstance(doc, dict) or not isinstance(doc.get("bills"), list):
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The bill file {file} has no \"bills\" list."), file=path.name)
    rows: list[tuple[str, dict[str, Any]]] = []
    for n, bill in enumerate(doc["bills"], 1):
        if not isinstance(bill, dict) or not isinstance(bill.get("items"), list):
            errors.append(f"bill {n}: needs phone, plan_code and an items list")
            continue
        for k, item in enumerate(bill["items"], 1):
            if not isinstance(item, dict):
                errors.append(f"bill {n} item {k}: not an object")
                continue
            rows.append((f"bill {n} item {k}", {"phone": bill.get("phone"), "plan_code": bill.get("plan_code"),
                                                 "period": doc.get("period", bill.get("period")), **item}))
    return rows


def _csv_rows(text: str, path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(where, item row) of every line after the header, which must name the required columns."""
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise UserError(QT_TRANSLATE_NOOP("Errors", "The bill file {file} lacks the columns: {columns}."),
                        file=path.name, columns=", ".join(missing))
    return [(f"line {n}", row) for n, row in enumerate(reader, 2)]


class _Bills:
    """The file's bills by phone number, item by item, each row checked against the month, the
    lines, the plans and the bill groups."""

    def __init__(self, month: str) -> None:
        self.month = month
        self.accounts: dict[str, uuid.UUID | None] = {}
        self.plans = {plan.code for plan in TariffPlan.select(TariffPlan.code)}
        self.by_phone: dict[str, ImportedBill] = {}

    def _account(self, phone: str) -> uuid.UUID | None:
        if phone not in self.accounts:
            found = Account.select(Account.id).where(Account.phone == phone).first()
            self.accounts[phone] = found.id if found else None
        return self.accounts[phone]

    def add(self, row: dict[str, Any]) -> str:
        """Adds the row's item to its bill; what is wrong with the row, or "" when nothing is."""
        phone, plan_code = str(row.get("phone") or "").strip(), str(row.get("plan_code") or "").strip()
        group, code = str(row.get("group") or "").strip(), str(row.get("code") or "").strip()
        amount = row.get("amount_fen")
        if str(row.get("period") or "").strip() != self.month:
            return f"period {row.get('period')!r} is not {self.month}"
        account_id = self._account(phone)
        if account_id is None:
            return f"no line has the number {phone!r}"
        if plan_code not in self.plans:
            return f"unknown plan {plan_code!r}"
        if group not in BILL_GROUPS:
            return f"unknown group {group!r} (one of {', '.join(BILL_GROUPS)})"
        if not code or not str(row.get("name_zh") or "").strip():
            return "code and name_zh are required"
        if isinstance(amount, bool) or not (isinstance(amount, int) or
                                            (isinstance(amount, str) and amount.strip().lstrip("-").isdigit())):
            return f"amount_fen {amount!r} is not a whole number of fen"
        bill = self.by_phone.setdefault(phone, ImportedBill(account_id, phone, plan_code))
        if bill.plan_code != plan_code:
            return f"{phone} has two plans in one month ({bill.plan_code}, {plan_code})"
        bill.items.append(ItemSpec(group, code, str(row["name_zh"]).strip(), str(row.get("name_en") or "").strip(),
                                   int(amount), str(row.get("explanation_zh") or "").strip(),
                                   str(row.get("explanation_en") or "").strip(), str(row.get("sp_code") or "").strip(),
                                   str(row.get("service_code") or "").strip()))
        return ""
