"""Permissions live in the services: every public function of ``counter_app.services`` is
called with nobody signed in, as a plain clerk and as the ``system`` identity, and must refuse
(``PermissionDenied``) unless the lists below say otherwise.

How to pass this walk with a new service function (see docs/security.md):

* it changes data or shows a customer's private data: make ``session`` its first parameter
  and start it with ``require(session, Permission.X)`` (``services/permissions.py``), before
  anything else, key look-ups included;
* a plain clerk may do it: add it to ``CLERK_MAY``;
* it needs nobody signed in (a pure helper, public reference data, what the kiosk or the wall
  display shows, a secret check that is itself the sign-in): add it to ``NO_SIGN_IN`` with the
  reason, or its module to ``OPEN_MODULES``. Keep these lists short and every reason true.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import counter_app.services as services_package
from counter_app.errors import PermissionDenied

# Whole modules whose public functions need nobody signed in, and why.
OPEN_MODULES: dict[str, str] = {
    "validation": "checks and masks input values; reads nothing stored",
    "queue_rules": "the queue's arithmetic on values it is given",
    "report_times": "time arithmetic on values it is given",
    "passwords": "hashes and compares secrets it is given",
    "voice": "turns a ticket code into speech for the wall display",
    "session": "opens the terminal's session (who works here); holds no customer data",
    "permissions": "the check itself: its require* functions refuse like any service",
    "throttle": "counts wrong secrets before anybody is signed in (sign-in, kiosk PIN)",
    "approvals": "checks the approver's own password (throttled); the calling service checks the clerk",
    "idempotency": "compares a stored row with a request; the calling service checks first",
    "setup_record": "records a setup change inside the checked transaction of services/setup.py",
    "numbering": "hands out a document number inside the checked transaction that stores it",
    "prepared": "a prepared-statement helper for other services",
    "ledger": "the account ledger's arithmetic, called by payments, statements and customers, which check "
              "the caller first (the ledger CLI signs in)",
    "demo": "builds the demo hall into an empty database, before any staff exists",
    "demo_whole": "builds the demo hall into an empty database, before any staff exists",
    "demo_supervision": "builds the demo hall's drills and checks into an empty database, before anyone signs in",
    "reference": "loads the shipped catalogue (init and start-up)",
    "report_period": "checks the dates of a report request against the hall's data",
    "lifecycle": "a line's state machine, consulted by orders and effects inside their checked transactions",
    "billrun": "the centre's monthly bill run (demo build, bill import), never called from a counter",
    "bill_writer": "writes the bill run's bills a chunk at a time; only the bill run calls it",
    "bill_import": "reads and checks the operator's bill file for the bill run; only the bill run calls it",
    "demo_activity": "builds the demo hall's working days into an empty database, inside the demo build",
    "demo_load": "bulk inserts and index rebuilds of the demo build, into an empty database",
    "demo_hall": "sets up the demo hall, its counters and staff in an empty database, before any staff exists",
    "demo_people": "builds the demo's customers and lines into an empty database, inside the demo build",
    "demo_bills": "the demo's bill months through the bill run, inside the demo build",
    "demo_usage": "makes the demo lines' detailed records (rows, nothing written), inside the demo build",
    "demo_showcase": "names the demo's showcase lines for the README at the end of the demo build",
    "demo_rows": "the demo working days' row writer, inside the demo build",
    "demo_rota": "the demo hall's duty roster: plain arithmetic of who sits where, nothing read or written",
    "kiosk_status": "whether the kiosk issues numbers now (opening hours, day closed)",
    "slipqr": "the text of a slip's QR code; the services that look it up check the clerk",
    "appeal": "the province's appeal body and the legal reply deadline: public, printed on acknowledgments",
    "audit_chain": "links each audit event to the one before inside audit.record's checked transaction; "
                   "its check reads hashes and sequence numbers, not customer data",
    "backups": "copies the database file as the PC's operator does (file access is the boundary); day close "
               "and the timer call it after their own checks",
    "restore": "replaces the database file with every window closed (file access is the boundary)",
    "id_documents": "checks and masks identity document numbers it is given",
    "club": "the VIP club's published tiers, privileges and partner discounts (data shipped with the program)",
    "sp_terms": "an SP service's published price and terms (public catalogue)",
    "scorecards": "the published scorecards and checklists inspectors score against (data shipped with the program)",
}

# Single functions that need nobody signed in.
NO_SIGN_IN: dict[str, str] = {
    # the sign-in itself, and what the unattended kiosk does with its own secret checks
    "auth.login": "the sign-in itself (throttled)",
    "auth.logout": "signs the session out",
    "auth.sign_in_at_counter": "the sign-in itself (throttled), then the seat at the counter as the signed-in clerk",
    "seat.notice": "words what a sign-in changed at other counters, from a result the caller holds",
    "queue_kiosk.leave_kiosk": "the kiosk's exit, guarded by the manager PIN (throttled)",
    "service_passwords.check": "the customer's service password (throttled per number)",
    "statements.kiosk_bill": "the customer's own bill after their service password (throttled)",
    "statements.kiosk_months": "the customer's own bill months after their service password (throttled)",
    "queue.take_ticket": "the kiosk issues tickets",
    "queue_ticket.ticket_data": "the kiosk prints the ticket it issued",
    "queue_reads.kiosk_outlook": "the kiosk shows how many wait per service",
    "queue_reads.waiting_counts": "the kiosk and the wall display show how many wait",
    "queue_reads.hall_status": "the wall display: calls, counters, waiting counts (no names, no numbers)",
    "queue_reads.counter_numbers": "the wall display lays out the counters",
    "queue_reads.counter_status": "the wall display shows each counter open or paused",
    "overview.waiting_by_category": "waiting counts per service, shown on the kiosk",
    "fees.fee_standards": "the published fee standards (公示), posted on the wall and the kiosk",
    "notices.notice_board": "the hall's public notices (公示): the wall display, the kiosk, the wall sheets",
    "guidance.compare": "rates the usage of a line the calling service (recommend) already read and checked",
    "guidance.plan_cost": "arithmetic on records it is given",
    "notices.demo_hall_notices": "the demo hall's notice, made by the demo build before any staff exists",
    "notices.slides": "splits a notice board the caller holds into the display's lines",
    # public reference data: the catalogue, the hall's settings, its counters
    "catalogue.businesses": "the business catalogue (public)",
    "catalogue.business": "the business catalogue (public)",
    "catalogue.options": "the choices of a form field (plans, SP services): public catalogue",
    "catalogue.prefill_values": "fills a form from a line the calling service already read",
    "catalogue.prefill": "fills a form from a line the calling service already read",
    "catalogue.clean": "checks a form's values; the calling service (orders) checks the clerk",
    "catalogue.repair_jobs": "the repair jobs of a line the calling form already holds",
    "complaint_refunds.providers": "the SPs of the catalogue (public)",
    "complaint_refunds.refund_limits": "a hall setting",
    "complaint_refunds.months_back_of": "date arithmetic",
    "complaint_refunds.approval_reasons": "compares an amount with the limits",
    "complaint_refunds.month_bounds": "date arithmetic",
    "complaint_report.months_ending": "date arithmetic",
    "complaints.deadline_hours": "a hall setting (printed on every acknowledgment)",
    "complaints.near_percent": "a hall setting",
    "complaints.deadline_for": "the reply deadline a hall's settings give",
    "complaints.urgency": "compares a complaint the caller holds with the clock",
    "complaints.staff_name": "a staff member's name, printed on slips and receipts",
    "complaints.overdue_in_period": "a count for the hall's grade; no customer data",
    "dayclose.is_day_closed": "whether the hall's day is closed",
    "dayclose.ensure_day_open": "whether the hall's day is closed",
    "dayclose.gave_way": "who closed a day here before the hub's close counted (the settlement's part, behind SETTLE)",
    "settlement_notes.terminal_label": "names a PC",
    "effects.effect": "registers a business's effect (import time)",
    "effects.known_effects": "the names of the effects",
    "effects.apply": "runs inside orders.submit, which checks the clerk; its context carries the session",
    "effects.undo": "runs inside orders.void, which checks the manager; its context carries the session",
    "effects.pickup_fee": "the fee of a repair pickup, priced inside orders.submit",
    "effects.apply_due_plan_changes": "the bill run's month roll-over: plan changes customers signed for",
    "grading.thresholds": "a hall setting",
    "grading.validate_thresholds": "checks values it is given",
    "grading.month_bounds": "date arithmetic",
    "grading.measure": "the hall's service figures for its grade; no customer data",
    "grading.evaluate": "compares figures with thresholds",
    "grading.recent_months": "date arithmetic",
    "identify.classify": "tells a phone number from an ID number or a name; reads nothing",
    "orders.new_key": "makes a request key",
    "orders.is_remote": "compares a line the caller holds with the hall's city",
    "payments.payment_bounds": "a hall setting",
    "payments.new_key": "makes a request key",
    "payments.may_reverse": "what a staff member's role allows",
    "payments.is_cross_city": "compares a line the caller holds with the hall's city",
    "payments.is_reversed": "whether a payment the caller holds was reversed",
    "print_log.times_printed": "a count of prints of a document",
    "queue_store.write_tx": "the queue's transaction (a context manager for its own services)",
    "queue_store.categories": "the queue categories (public)",
    "queue_store.category": "the queue categories (public)",
    "queue_store.forget_cached_reference": "drops a cache",
    "queue_store.wait_targets": "a hall setting",
    "queue_store.hall_categories": "the queue categories with the hall's targets (public)",
    "queue_store.ticket_code": "formats a ticket code",
    "queue_store.hall_is_open": "the hall's opening hours",
    "queue_store.ensure_hall_open": "the hall's opening hours",
    "queue_store.average_service_min": "the estimate printed on a ticket",
    "queue_store.open_counters_for": "the estimate printed on a ticket",
    "queue.max_recalls": "a hall setting",
    "reports.load_lives": "the hall's ticket times for its reports; no customer data",
    "reports.complaint_counts": "counts for the hall's reports; no customer data",
    "reports.rating_counts": "counts for the hall's reports; no customer data",
    "reports.satisfaction": "arithmetic on counts",
    "settlement.parse_business_date": "parses a date",
    "settlement.clerks_without_handover": "reads a settlement the caller already has",
    "setup.counter_list": "the hall's counters (the wall display shows them)",
    "setup.category_list": "the queue categories with the hall's targets (public)",
    "statements.parse_month": "parses a month",
    "disputes.window_start": "a hall setting: how far back a service may be disputed",
    "disputes.disputable": "the disputable services of a line the calling form already holds",
    "payments.check_reference": "checks the format of a POS or payment card reference",
    "queue_store.estimate_for": "the wait arithmetic printed on a ticket",
    "statements.credit_line": "formats a ledger entry the caller already holds",
    "audit.record": "writes the audit row of the caller's own action inside its transaction",
    "invoices.normalize_tax_id": "checks a credit code it is given",
    "invoices.check_period": "the amount paid in a month, for a line the calling form already holds",
    "invoices.display_rows": "the amount paid in a month, for a line the calling form already holds",
    "invoices.invoiceable": "the amount paid in a month, for a line the calling form already holds",
    "minimise.keep_days": "a hall setting",
    "real_name.last_count": "this session's own memory of the count it made last (no look-up)",
    "verification.current": "this session's own memory of its checks; nobody signed in has none",
    "verification.forget": "drops this session's own memory of its checks",
    "signing_out.leave": "signs the session's clerk out and closes their counter; nobody signed in: nothing to do",
    "verification.needs_verification": "whether a business of the catalogue needs the subscriber verified",
    "supervision.month_range": "date arithmetic",
    "drills.all_drills": "the drills shipped with the program (data)",
    "drills.drill": "the drills shipped with the program (data)",
    "drills.mistake_name": "names a kind of mistake",
    "drills.score_attempt": "arithmetic on values it is given",
    "drills.time_penalty": "arithmetic on values it is given",
    "drills.standard_seconds": "the catalogue's service minutes (public)",
    "training.prepare_copy": "makes the training copy from the hall's file as the PC's operator does (file access is "
                             "the boundary); the copy holds no real customer data",
    "training.is_training_copy": "whether a file is a training copy",
    "training.copy_info": "when and from which file the open training copy was made",
    "training.activate_if_copy": "marks this process as training when its database is a training copy",
    "training.require_copy": "refuses a database that is not a training copy",
    "hall_evaluation.thresholds": "a hall setting",
    "hall_evaluation.check_year": "checks a year it is given against the clock; reads nothing",
    "phrases.phrases": "the hall's standard phrases, said aloud to every customer (a hall setting)",
    "phrases.step_name": "names a step of the service",
    "supervision.spot_check_average": "the hall's average spot-check score for its yearly grade; no customer data",
    "supervision.latest_checklist": "the hall's standard-hall checklist for its yearly grade; no customer data",
    "signing.payload": "signs a document's code inside the checked service that prints it (the kiosk's tickets "
                       "too)",
    "signing.signing_key": "the hall's key for signing, made when the hall is set up or at its first signature",
    "signing.key_id_of": "hashes a public key it is given",
    "signing.key_folder": "where this PC keeps its private keys",
    "signing.key_file": "where this PC keeps its private keys",
    "signing.keys": "the halls' public keys (public by design: anyone verifies a document)",
    "signing.is_code": "tells one of our codes from other text; reads nothing",
    "signing.verify": "checks a printed code against the halls' public keys; says only what the code itself says",
    "signing.parse": "checks a printed code against the halls' public keys; says only what the code itself says",
    "signing.require_valid": "checks a printed code against the halls' public keys; says only what the code says",
    "signing.reference": "reads a code the caller already checked",
    "signing.verdict": "words a check the caller already made",
    "signing.hall_name": "a hall's name (public)",
}

# What a plain clerk may do (every other function refuses a clerk).
CLERK_MAY: set[str] = {
    "seat.sit_down", "seat.seated_elsewhere", "seat.ensure_here",
    "complaint_refunds.refundable_items", "complaint_refunds.compensate",
    "disputes.refund_now",
    "complaints.open_complaint", "complaints.assign", "complaints.add_note", "complaints.reply", "complaints.close",
    "complaints.check_escalations", "complaints.acknowledgment", "complaints.list_complaints",
    "complaints.flag_counts", "complaints.get", "complaint_links.active_subscriptions",
    "complaint_links.recent_bill_items", "complaint_links.line_phone", "complaints.from_qr", "complaints.find", "complaints.steps",
    "customers.open_view", "customers.load_view", "customers.find_by_phone", "guidance.recommend",
    "identify.identify", "identify.by_phone", "identify.by_id_number", "identify.by_qr", "identify.by_name",
    "order_ratings.rate_order", "order_ratings.rating_of",
    "orders.check_allowed", "orders.validate", "orders.submit", "orders.record_print", "orders.find_order",
    "orders.slip_data", "orders.preview_data", "orders.load_line", "orders.recent_orders",
    "payments.take_payment", "payments.record_fee", "payments.record_credit", "payments.receipt_data",
    "payments.todays_rows", "payments.payee", "payments.amount_due", "payments.payments_of_day",
    "print_log.record_print",
    "queue.served_by", "queue.call_next", "queue.finish", "queue.recall", "queue.no_show", "queue.transfer",
    "queue.pause", "queue.resume", "queue.close_counter", "queue_reads.waiting_list", "queue.current_ticket", "queue_reads.ticket_by_id",
    "queue_reads.account_for_ticket", "queue_reads.customer_name", "vip_alerts.vip_waiting",
    "settlement.hand_over", "settlement.drawer_cash_since_last_handover",
    "statements.bill_data", "statements.records_data", "statements.available_months",
    "statements.months_of_account",
    "minimise.fetch_walk_in", "real_name.count_lines", "real_name.check_registration",
    "real_name.unconfirmed_notice", "invoices.get",
    "counter_payments.take_counter_payment",
    # a clerk looks the payment up; the reversal itself needs an authoriser who may reverse
    "reversals.find_payments", "reversals.needs_authoriser", "reversals.reverse",
    "verification.by_agent", "verification.by_id_document", "verification.by_service_password",
    # training mode: a clerk practises on the training copy (each refuses outside training mode)
    "drills.current_run", "drills.start_drill", "drills.progress", "drills.finish_drill", "drills.cancel_drill",
    "drills.my_results", "training.reset_copy", "training.collect_results",
}

# What an inspector (the province's inspectors, the hall's outside supervisors) may do: record
# and read checks, nothing that touches a customer, money or the hall's setup.
INSPECTOR_MAY: set[str] = {
    "supervision.record_inspection", "supervision.list_inspections", "supervision.get_inspection",
    "supervision.monthly_bulletin", "supervision.counter_staff", "hall_evaluation.evaluate_year",
    "supervision.sheet_code",
}

# What the limited "system" identity of scheduled headless work may do.
SYSTEM_MAY: set[str] = {"complaints.check_escalations"}


def _public_functions() -> dict[str, object]:
    found = {}
    for info in pkgutil.iter_modules(services_package.__path__):
        module = importlib.import_module(f"counter_app.services.{info.name}")
        for name, obj in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(obj) or obj.__module__ != module.__name__:
                continue
            found[f"{info.name}.{name}"] = obj
    return found


FUNCTIONS = _public_functions()


def _open(name: str) -> bool:
    return name in NO_SIGN_IN or name.split(".")[0] in OPEN_MODULES


def _takes_session(func) -> bool:
    params = list(inspect.signature(func).parameters.values())
    return bool(params) and params[0].name == "session"


def _call(func, session) -> str:
    """Call ``func`` with ``session`` and a None for every other required argument: a
    function that checks first refuses before it looks at them."""
    args, kwargs = [session], {}
    for param in list(inspect.signature(func).parameters.values())[1:]:
        if param.default is not inspect.Parameter.empty or param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.kind == param.KEYWORD_ONLY:
            kwargs[param.name] = None
        else:
            args.append(None)
    try:
        func(*args, **kwargs)
    except PermissionDenied as exc:
        return f"refused: {exc.text()}"
    except Exception as exc:  # past the check, it tripped over the None arguments
        return f"let through, then {type(exc).__name__}: {exc}"
    return "let through"


def test_every_public_function_takes_a_session_or_is_listed_open():
    missing = [f"{name}{inspect.signature(func)}" for name, func in sorted(FUNCTIONS.items())
               if not _open(name) and not _takes_session(func)]
    assert not missing, (
        "These service functions take no session, so they cannot tell who is asking:\n  " + "\n  ".join(missing)
        + "\nIf one changes data or shows a customer's private data, make `session` its first parameter and start "
          "it with `require(session, Permission.…)` (counter_app/services/permissions.py). If it does neither "
          "(a pure helper, public reference data, what the kiosk or the wall display shows), add it to NO_SIGN_IN "
          "in tests/security/test_function_walk.py with the reason.")


def test_the_lists_name_functions_that_exist():
    stale = sorted((set(NO_SIGN_IN) | CLERK_MAY | SYSTEM_MAY | INSPECTOR_MAY) - set(FUNCTIONS))
    assert not stale, f"The walk's lists name functions that no longer exist: {stale}; take them out."
    both = sorted(name for name in CLERK_MAY if _open(name))
    assert not both, f"Listed as needing nobody signed in and as a clerk's: {both}; keep one."


def _walk(session, allowed: set[str], who: str, hint: str) -> list[str]:
    wrong = []
    for name, func in sorted(FUNCTIONS.items()):
        if _open(name) or not _takes_session(func):
            continue
        outcome = _call(func, session)
        refused = outcome.startswith("refused")
        if name in allowed and refused:
            wrong.append(f"{name} refused {who} ({outcome}) but is listed as allowed: fix the list or the check")
        elif name not in allowed and not refused:
            wrong.append(f"{name} did not refuse {who}: {outcome}. {hint}")
    return wrong


def test_nobody_signed_in_is_refused_by_every_function_that_is_not_open(demo_db):
    from counter_app.services.session import open_session

    wrong = _walk(open_session(counter_number=1), set(), "a caller nobody signed in as",
                  "Start it with `require(session, Permission.…)` before anything else, or, if the kiosk or the "
                  "display may call it, add it to NO_SIGN_IN with the reason.")
    assert not wrong, "\n".join(wrong)


def test_a_plain_clerk_is_refused_what_clerks_may_not_do(demo_db):
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    clerk = open_session(counter_number=1)
    clerk.staff = Staff.get_by_id("1001")
    assert clerk.staff.role == "clerk" and not clerk.staff.may_reverse
    wrong = _walk(clerk, CLERK_MAY, "a plain clerk",
                  "If clerks may do it, add it to CLERK_MAY; otherwise require the permission it needs.")
    assert not wrong, "\n".join(wrong)


def test_the_system_identity_does_only_scheduled_work(demo_db):
    from counter_app.services.permissions import system_staff
    from counter_app.services.session import open_session

    system = open_session()
    system.staff = system_staff(system.hall_code)
    wrong = _walk(system, SYSTEM_MAY, "the system identity",
                  "Scheduled headless work holds only the system role's permissions; list it in SYSTEM_MAY only "
                  "if a scheduler must run it.")
    assert not wrong, "\n".join(wrong)


def test_an_inspector_records_and_reads_checks_and_nothing_else(demo_db):
    from counter_app.models import Staff
    from counter_app.services.session import open_session

    inspector = open_session()
    inspector.staff = Staff(staff_no="7001", hall=inspector.hall_code, name="监督员", role="inspector", specialties=[],
                            password_hash="", active=True, may_reverse=False)
    wrong = _walk(inspector, INSPECTOR_MAY, "an inspector",
                  "An inspector records and reads checks only; list it in INSPECTOR_MAY only if that is what it does.")
    assert not wrong, "\n".join(wrong)
