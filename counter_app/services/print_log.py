"""Every print, reprint and save-as-PDF of a document is an audit event.

The first output of a document (``kind`` + ``ref``) is a ``print``; any later one is a
``reprint``, so a manager can see who printed a receipt twice. Called by the print preview
after the printer or the file has the pages.
"""

from __future__ import annotations

from counter_app.models import AuditEvent, db
from counter_app.services import audit
from counter_app.services.permissions import Permission, require, require_any
from counter_app.services.session import Session

PRINT = "print"
REPRINT = "reprint"
# Documents posted for everyone: printing them needs nobody signed in (the kiosk, a script).
PUBLIC_KINDS = frozenset({"fees", "notices"})
# Supervision papers: an inspector, who does not serve, prints them too.
INSPECTION_KINDS = frozenset({"inspection_sheet", "inspection_bulletin", "hall_evaluation"})


def times_printed(hall_code: str, kind: str, ref: str) -> int:
    target = f"{kind}:{ref}"
    return (AuditEvent.select()
            .where((AuditEvent.hall == hall_code) & (AuditEvent.target == target)
                   & (AuditEvent.action.in_((PRINT, REPRINT))))
            .count())


def record_print(session: Session, *, kind: str, ref: str, output: str, pages: int = 0) -> str:
    """Log one output of document ``kind``/``ref`` to ``output`` ("printer:NAME" or "pdf");
    returns the action written ("print" or "reprint")."""
    if kind in INSPECTION_KINDS:
        require_any(session, Permission.SERVE, Permission.INSPECT)
    elif kind not in PUBLIC_KINDS:
        require(session, Permission.SERVE)
    with db.atomic():
        earlier = times_printed(session.hall_code, kind, ref)
        action = REPRINT if earlier else PRINT
        audit.record(session, action, f"{kind}:{ref}", kind=kind, ref=ref, output=output, pages=pages,
                     copy=earlier + 1)
    return action
