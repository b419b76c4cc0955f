"""Human-readable document numbers (receipts, orders, complaints).

``R JN001 20261125 3F2A 00017``: kind letter, hall, business date, the terminal's short id,
and a per-terminal daily sequence. Each terminal numbers from its own SQLite file, so the
terminal part keeps numbers unique across the hall without asking the hub. Must be called
inside the transaction that stores the document, so a rolled-back write gives its number
back.
"""

from __future__ import annotations

import datetime as dt

from counter_app.models import DocumentSequence


def next_document_no(kind: str, hall_code: str, terminal_id: str, business_date: dt.date) -> str:
    key = f"seq:{kind}:{business_date:%Y%m%d}"
    DocumentSequence.insert(name=key, value=0).on_conflict_ignore().execute()
    # One UPDATE is atomic under SQLite's write lock and PostgreSQL's row lock.
    DocumentSequence.update(value=DocumentSequence.value + 1).where(DocumentSequence.name == key).execute()
    value = DocumentSequence.get_by_id(key).value
    short = terminal_id.removeprefix("T-")[-4:].upper()
    return f"{kind}{hall_code}{business_date:%Y%m%d}{short}{value:05d}"
