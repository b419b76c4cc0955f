"""Does this terminal agree with the hub? Reference checksums, payment totals per terminal
and day, every sent outbox op present on the hub, and the audit trail's hash chains whole
here and equal to the hub's copy event by event (an event deleted before it was sent, or
edited after, shows there). Used by ``counter-app sync --check`` and by the fault tests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import psycopg

from counter_app.models import db
from counter_app.services.session import HALL_KEY, local_setting
from counter_app.sync.hub import connect, hub_errors
from counter_app.sync.tables import REFERENCE, REFERENCE_BY_NAME, RefTable, quote

if TYPE_CHECKING:
    from counter_app.services.audit_chain import ChainReport


def _digest(rows: Iterable[Sequence[Any]]) -> tuple[int, str]:
    lines = sorted("\x1f".join("\\N" if v is None else str(v) for v in row) for row in rows)
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    return len(lines), digest


def local_checksum(table: RefTable, hall: str = "") -> tuple[int, str]:
    cols = ", ".join(f"t.{quote(c)}" for c in table.columns)
    params: tuple[str, ...]
    where, params = (" WHERE t.hall <> ''", ()) if table.name == "setting" else ("", ())
    if table.owner and hall:  # walk-ins of other halls kept for a while are not the hall's data
        where, params = f" WHERE {table.hall_sql('t')} = ?", (hall,)
    return _digest(db.execute_sql(f"SELECT {cols} FROM {quote(table.name)} t{where}", params).fetchall())


def hub_checksum(conn: psycopg.Connection[Any], table: RefTable, hall: str) -> tuple[int, str]:
    conds = []
    if table.hub_filter:
        conds.append(table.hub_filter.replace("hall", "t.hall"))
    if table.hall_column:  # an administrator's login sees every hall: keep to this one
        conds.append(f"t.{quote(table.hall_column)} = %(hall)s")
    if table.owner:
        conds.append(f"{table.hall_sql('t')} = %(hall)s")
    where = (" WHERE " + " AND ".join(conds)) if conds else ""
    return _digest(conn.execute(f"SELECT {table.select_sql('t')} FROM {quote(table.name)} t{where}",
                                {"hall": hall}).fetchall())


def local_payment_totals(hall: str) -> dict[tuple[str, str], tuple[int, int]]:
    rows = db.execute_sql("SELECT terminal, business_date, count(*), sum(amount_fen) FROM payment "
                          "WHERE hall = ? GROUP BY terminal, business_date", (hall,)).fetchall()
    return {(t, str(d)): (n, s) for t, d, n, s in rows}


def hub_payment_totals(conn: psycopg.Connection[Any], hall: str, terminals: set[str] | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    rows = conn.execute("SELECT terminal, business_date::text, count(*), sum(amount_fen)::bigint FROM payment "
                        "WHERE hall = %s GROUP BY terminal, business_date", (hall,)).fetchall()
    return {(t, d): (n, s) for t, d, n, s in rows if terminals is None or t in terminals}


def ops_on_hub(conn: psycopg.Connection[Any], ops: list[tuple[Any, ...]], hall: str = "") -> set[str]:
    """Which of ``(op_id, table, row_id, kind)`` the hub holds: a fact by its row (the row's
    UUID is the op's identity), an edit by its entry in the op ledger. With ``hall``, only
    that hall's rows count (ids are unique per hall on the hub, ``sync/hub_keys.py``)."""
    found: set[str] = set()
    mine = " AND hall = %(hall)s" if hall else ""
    edits = [op[0] for op in ops if op[3] == "edit"]
    if edits:
        for (op_id,) in conn.execute(f"SELECT op_id FROM counter_sync.op WHERE op_id = ANY(%(ids)s::uuid[]){mine}",
                                     {"ids": edits, "hall": hall}):
            found.add(op_id.hex)
    facts: dict[str, dict[str, str]] = {}
    for op_id, table, row_id, kind in ops:
        if kind != "edit":
            facts.setdefault(table, {})[row_id] = op_id
    for table, by_row in facts.items():
        for (row_id,) in conn.execute(f"SELECT id FROM {quote(table)} WHERE id = ANY(%(ids)s::uuid[]){mine}",
                                      {"ids": list(by_row), "hall": hall}):
            found.add(by_row[row_id.hex])
    return found


def walk_ins_agree(conn: psycopg.Connection[Any], data: dict[str, Any] | None = None) -> tuple[bool, int]:
    """Do the customers of other halls kept here (walk-ins) have the hub's money: each line's
    balance, its ledger entries, bills and bill items? Returns (agree, customers compared).
    ``data``: the hub's rows of the walk-ins, when the caller read them already."""
    from counter_app.sync.lookup import hub_visitor_money, local_rows, visitor_ids

    data = data if data is not None else hub_visitor_money(conn, visitor_ids())
    if not data:
        return True, 0
    account = REFERENCE_BY_NAME["account"].columns
    at_id, at_customer, at_balance = (account.index(c) for c in ("id", "customer_id", "balance_fen"))
    customers = sorted({r[at_customer] for r in data["account"]})
    if not customers:
        return True, 0
    mine = {(r[at_id], r[at_balance]) for r in local_rows("account", customers)}
    agree = mine == {(r[at_id], r[at_balance]) for r in data["account"]}
    for name in ("bill", "bill_item", "ledger_entry"):
        agree = agree and _digest(local_rows(name, customers)) == _digest(data.get(name) or [])
    return agree, len(customers)


def walk_in_sims_agree(data: dict[str, Any] | None) -> tuple[bool, dict[str, Any]]:
    """Do the walk-ins kept here have the hub's SIM cards, card by card (serial, state, PUK,
    issue and retirement), and no line more than one working card? As the simulated month's
    reconciliation compares a hall's own cards (tools/sim/reconcile.py). ``data``: the hub's
    rows of the walk-ins (``counter_sync.visitor_money``); a hub set up before it sent cards
    compares nothing. Returns (agree, detail: cards compared and the first difference)."""
    from counter_app.sync.lookup import local_rows

    if not data or "sim_card" not in data:
        return True, {"cards": 0}
    account, card = REFERENCE_BY_NAME["account"].columns, REFERENCE_BY_NAME["sim_card"].columns
    customers = sorted({r[account.index("customer_id")] for r in data.get("account") or []})
    at_id, at_line, at_serial, at_status = (card.index(c) for c in ("id", "account_id", "serial", "status"))
    theirs = {str(r[at_id]): tuple("" if v is None else str(v) for v in r) for r in data["sim_card"] or []}
    rows = local_rows("sim_card", customers) if customers else []
    mine = {str(r[at_id]): tuple("" if v is None else str(v) for v in r) for r in rows}
    detail: dict[str, Any] = {"cards": len(set(mine) | set(theirs))}
    for card_id in sorted(set(mine) | set(theirs)):
        if mine.get(card_id) != theirs.get(card_id):
            here, there = mine.get(card_id), theirs.get(card_id)
            serial = (here or there or ("",) * len(card))[at_serial]
            detail["first_difference"] = (f"SIM card {serial}: {here[at_status] if here else 'missing'} here, "
                                          f"{there[at_status] if there else 'missing'} on the hub")
            return False, detail
    working: dict[str, int] = {}
    for row in mine.values():
        if row[at_status] == "active":
            working[row[at_line]] = working.get(row[at_line], 0) + 1
    twice = sorted(line for line, n in working.items() if n > 1)
    if twice:
        detail["first_difference"] = f"line {twice[0]} has {working[twice[0]]} working SIM cards here"
        return False, detail
    return True, detail


def audit_chain_against_hub(conn: psycopg.Connection[Any], hall: str) -> ChainReport:
    """This file's audit chains walked, then compared with the hub's copy (a ChainReport)."""
    from counter_app.services import audit_chain
    from counter_app.sync.audit_hub import hub_events

    report = audit_chain.verify_local()
    return audit_chain.compare_with_hub(report, hub_events(conn, hall, sorted(report.chains)))


def compare_with_hub(hub_url: str) -> dict[str, Any]:
    hall = local_setting(HALL_KEY) or ""
    checks: dict[str, bool] = {}
    detail: dict[str, object] = {}
    with connect(hub_url) as conn, hub_errors(hub_url):
        for table in REFERENCE:
            mine, theirs = local_checksum(table, hall), hub_checksum(conn, table, hall)
            checks[f"reference {table.name}"] = mine == theirs
            detail[table.name] = {"local_rows": mine[0], "hub_rows": theirs[0]}
        local = local_payment_totals(hall)
        terminals = {t for t, _ in local}
        checks["payments per terminal and day"] = local == hub_payment_totals(conn, hall, terminals)
        sent = db.execute_sql("SELECT op_id, \"table\", row_id, kind FROM outbox WHERE status = 'sent'").fetchall()
        missing = set(op[0] for op in sent) - ops_on_hub(conn, sent, hall)
        checks["sent ops on the hub"] = not missing
        from counter_app.sync.lookup import hub_visitor_money, visitor_ids

        walk_ins = hub_visitor_money(conn, visitor_ids())
        checks["ledgers of customers of other halls kept here"], detail["walk_ins"] = walk_ins_agree(conn, walk_ins)
        checks["SIM cards of customers of other halls kept here"], detail["walk_in_sims"] = walk_in_sims_agree(walk_ins)
        detail["sent_ops"] = len(sent)
        detail["missing_ops"] = len(missing)
        # Orders of this hall whose line change the hub did not make (sync/hub_orders.py): not a
        # difference (the hall has the hub's line back), but a business to look at again.
        from counter_app.sync.hub_orders import conflicts

        detail["line_conflicts"] = conflicts(conn, hall)
        from counter_app.sync.hub_held import held

        detail["held"] = held(conn, hall)  # money held, not credited: listed, for the manager to settle
        from counter_app import clock
        from counter_app.sync.hub_waiting import waiting

        detail["waiting"] = waiting(conn, hall, clock.now())  # waiting too long for a line the hub lacks
        chain = audit_chain_against_hub(conn, hall)
        checks["audit chain"] = chain.ok
        detail["audit_chain"] = chain.as_dict()
    # "audit" is the chain's report itself, for a caller that words its breaks (not JSON).
    return {"ok": all(checks.values()), "checks": checks, "detail": detail, "audit": chain}
