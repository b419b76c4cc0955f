"""``counter-app complaints escalate`` (the escalation check, for a headless terminal's
scheduler; as the ``system`` identity unless ``--staff`` is given) and ``counter-app complaints
list --staff NO`` (unanswered complaints, most urgent first)."""

from __future__ import annotations

import argparse

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.cli.signin import add_staff_options, staff_session, system_session


def register(sub, common) -> None:
    parser = sub.add_parser("complaints", parents=[common], help="complaint deadlines and escalation")
    actions = parser.add_subparsers(dest="complaints_action", metavar="ACTION", required=True)
    p = actions.add_parser("escalate", parents=[common], help="escalate unanswered complaints past their deadline")
    add_staff_options(p, required=False)
    add_json_option(p)
    p.set_defaults(func=cmd_escalate)
    p = actions.add_parser("list", parents=[common], help="unanswered complaints, most urgent first")
    add_staff_options(p)
    add_json_option(p)
    p.set_defaults(func=cmd_list)


def cmd_escalate(args: argparse.Namespace) -> int:
    from counter_app.services.complaints import check_escalations

    open_db(args)
    # A scheduler runs it unattended: without --staff it acts as the limited "system" identity.
    numbers = check_escalations(staff_session(args) if args.staff else system_session())
    emit(args, {"escalated": numbers}, f"{len(numbers)} escalated" + "".join(f"\n  {n}" for n in numbers))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from counter_app.services.complaints import list_complaints
    from counter_app.services.validation import mask_phone

    open_db(args)
    rows = [r for r in list_complaints(staff_session(args)) if r.urgency != "done"]
    data = [{"complaint_no": r.complaint_no, "category": r.category, "phone": mask_phone(r.phone),
             "deadline": r.deadline_at.isoformat(), "urgency": r.urgency, "escalated": r.escalated} for r in rows]
    text = "\n".join(f"{r['complaint_no']}  {r['category']:<9} {r['phone']}  {r['deadline']}  {r['urgency']}"
                     + ("  escalated" if r["escalated"] else "") for r in data) or "no unanswered complaints"
    emit(args, data, text)
    return 0
