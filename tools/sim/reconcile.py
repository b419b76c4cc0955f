"""The reconciliation after a simulated run: every figure of every terminal against the hub and
against each other. Each check gives how many facts it compared and the first divergence it
found; the run fails on any divergence, naming the seed and that first fact."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass

import psycopg

# Facts a terminal writes and pushes (table, what the worker calls them).
PUSHED = (("payment", "payment"), ("ticket", "ticket"), ("service_order", "order"), ("complaint", "complaint"),
          ("shift_handover", "handover"), ("day_close", "dayclose"))
MONEY_KINDS = ("payment", "fee", "reversal")


@dataclass
class Check:
    name: str
    compared: int = 0
    divergence: str = ""

    def fail(self, text: str) -> None:
        if not self.divergence:
            self.divergence = text

    @property
    def ok(self) -> bool:
        return not self.divergence


# A terminal's own rows (SQLite): a close made at another PC of the hall is copied to it at sync.
OWN_ROWS = "terminal = (SELECT json_extract(value, '$') FROM setting WHERE hall = '' AND key = 'terminal_id')"


def hexid(value) -> str:
    return str(value).replace("-", "").lower()


@contextlib.contextmanager
def local(t):
    """A read-only connection to a terminal's file, closed on leaving (sqlite3's own context
    manager only ends the transaction)."""
    conn = sqlite3.connect(f"file:{t.db}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def reconcile(sim) -> dict:
    hub_url = sim.server.url(sim.terminals[0].dbname)
    checks: list[Check] = []

    def check(name: str) -> Check:
        c = Check(name)
        checks.append(c)
        return c

    with psycopg.connect(hub_url, autocommit=True) as hub:
        # 1. every fact the terminals committed is there, once, at the terminal and on the hub
        for table, kind in PUSHED:
            c = check(f"{table}: each row once at its terminal and on the hub")
            for t in sim.terminals:
                with local(t) as conn:
                    rows = {hexid(r[0]): r[1] for r in conn.execute(f"SELECT id, terminal FROM {table}")}
                terminals = sorted(set(rows.values()))
                hub_ids = [hexid(r[0]) for r in hub.execute(
                    f"SELECT id FROM {table} WHERE hall = %s AND terminal = ANY(%s)", (t.hall.code, terminals))]
                c.compared += len(rows)
                twice = [i for i, n in Counter(hub_ids).items() if n > 1]
                if twice:
                    c.fail(f"{table} {twice[0]} of {t.name} is on the hub {Counter(hub_ids)[twice[0]]} times")
                missing = sorted(set(rows) - set(hub_ids))
                if missing:
                    c.fail(f"{table} {missing[0]} of {t.name} is not on the hub ({len(missing)} missing)")
                extra = sorted(set(hub_ids) - set(rows))
                if extra:
                    c.fail(f"{table} {extra[0]} is on the hub as {t.name}'s but not at {t.name}")
                lost = sorted(t.facts.get(kind, set()) - set(rows))
                if lost:
                    c.fail(f"{kind} {lost[0]} that {t.name} reported done is not in its database")
        c = check("payments: one per idempotency key and receipt number on the hub")
        for column in ("idempotency_key", "receipt_no"):
            dup = hub.execute(f"SELECT {column}, count(*) FROM payment GROUP BY {column} HAVING count(*) > 1 "
                              "LIMIT 1").fetchone()
            c.compared = hub.execute("SELECT count(*) FROM payment").fetchone()[0]
            if dup:
                c.fail(f"payment {column} {dup[0]} is on the hub {dup[1]} times")

        # 2. the queue: a ticket number issued once a day, each ticket called at most once
        c = check("tickets: issued once, called at most once, same state on the hub")
        for t in sim.terminals:
            with local(t) as conn:
                dup = conn.execute("SELECT code, business_date, count(*) FROM ticket GROUP BY hall, business_date, "
                                   "code HAVING count(*) > 1").fetchone()
                if dup:
                    c.fail(f"ticket {dup[0]} of {dup[1]} issued {dup[2]} times at {t.name}")
                calls = conn.execute("SELECT t.code, t.business_date, t.recalls, count(e.id) FROM ticket t JOIN "
                                     "ticket_event e ON e.ticket_id = t.id AND e.kind = 'called' GROUP BY t.id "
                                     "HAVING count(e.id) > 1 + t.recalls").fetchone()
                if calls:
                    c.fail(f"ticket {calls[0]} of {calls[1]} called {calls[3]} times at {t.name}")
                states = {hexid(r[0]): r[1] for r in conn.execute("SELECT id, status FROM ticket")}
            c.compared += len(states)
            for row_id, status in hub.execute("SELECT id, status FROM ticket WHERE hall = %s", (t.hall.code,)):
                mine = states.get(hexid(row_id))
                if mine is not None and mine != status:
                    c.fail(f"ticket {hexid(row_id)} is {mine} at {t.name} but {status} on the hub")
        dup = hub.execute("SELECT hall, business_date, code, count(*) FROM ticket GROUP BY 1, 2, 3 "
                          "HAVING count(*) > 1 LIMIT 1").fetchone()
        if dup:
            c.fail(f"ticket {dup[2]} of {dup[0]} {dup[1]} is on the hub {dup[3]} times")

        # 3. each account's ledger: equal at every terminal of its hall and on the hub
        c = check("ledger: each account's balance and entries equal at its terminals and the hub")
        hub_balance = {hexid(r[0]): (r[1], r[2]) for r in hub.execute(
            "SELECT a.id, a.balance_fen, coalesce((SELECT sum(amount_fen) FROM ledger_entry e "
            "WHERE e.account_id = a.id), 0) FROM account a")}
        for t in sim.terminals:
            with local(t) as conn:
                mine = conn.execute("SELECT a.id, a.phone, a.balance_fen, coalesce((SELECT sum(amount_fen) FROM "
                                    "ledger_entry e WHERE e.account_id = a.id), 0) FROM account a").fetchall()
            for account_id, phone, balance, entries in mine:
                c.compared += 1
                theirs = hub_balance.get(hexid(account_id))
                if theirs is None:
                    c.fail(f"account {phone} at {t.name} is not on the hub")
                elif (balance, entries) != tuple(int(x) for x in theirs):
                    c.fail(f"account {phone}: balance {balance}, entries {entries} at {t.name}; "
                           f"hub {theirs[0]}, {theirs[1]}")
        for t in sim.terminals:
            with terminal_db(t):
                from counter_app.services import ledger

                result = ledger.check()
            if not result.ok:
                c.fail(f"check ledger at {t.name}: {result.balance_differences[:1]} {result.bill_differences[:1]}")

        # 3b. the bills: each terminal holds its hall's bills as the hub does, once per line and
        # month, and every month the run billed is billed for every active line of the hall
        c = check("bills: pulled once by every terminal of the hall, as on the hub")
        for t in sim.terminals:
            hub_bills = {(hexid(a), period): (hexid(i), int(due)) for i, a, period, due in hub.execute(
                "SELECT b.id, b.account_id, b.period, b.due_fen FROM bill b JOIN account a ON a.id = b.account_id "
                "JOIN customer cu ON cu.id = a.customer_id WHERE cu.hall = %s", (t.hall.code,))}
            with local(t) as conn:
                mine = conn.execute("SELECT b.id, b.account_id, b.period, b.due_fen, a.phone FROM bill b JOIN "
                                    "account a ON a.id = b.account_id JOIN customer cu ON cu.id = a.customer_id "
                                    "WHERE cu.hall = ?", (t.hall.code,)).fetchall()
                lines = conn.execute("SELECT a.id, a.phone FROM account a JOIN customer cu ON cu.id = a.customer_id "
                                     "WHERE cu.hall = ? AND a.status = 'active'", (t.hall.code,)).fetchall()
            held: dict[tuple[str, str], tuple[str, int]] = {}
            for bill_id, account_id, period, due, phone in mine:
                c.compared += 1
                key = (hexid(account_id), period)
                if key in held:
                    c.fail(f"{t.name} holds two bills of {phone} for {period}")
                held[key] = (hexid(bill_id), due)
                if hub_bills.get(key) != held[key]:
                    c.fail(f"bill of {phone} {period} at {t.name}: {held[key]}; hub {hub_bills.get(key)}")
            missing = sorted(set(hub_bills) - set(held))
            if missing:
                c.fail(f"{t.name} lacks the hub's bill {missing[0][1]} of account {missing[0][0]}")
            for month in sim.billed:
                for account_id, phone in lines:
                    if (hexid(account_id), month) not in held:
                        c.fail(f"the bill run of {month} billed no bill of {phone} at {t.name}")
                        break

        # 3c. the SIM cards: each line's cards the same at every terminal of its hall and on the hub
        sims_and_remote(sim, hub, check)

        # 3d. the calling display: each call spoken once at most, across the display's restarts
        display_calls(sim, check)

        # 4. each hall's day closed once through the hub; every payment counted by exactly one close
        hall_closes(sim, hub, check)

    # 5. each terminal's daily summary (``report daily``) equals that day's rows on the hub
    with psycopg.connect(hub_url, autocommit=True) as hub:
        c = check("daily summary: each terminal's day equals its rows on the hub")
        days = [sim.start + dt.timedelta(days=index) for index in range(sim.days)]
        for t in sim.terminals:
            for day, difference in summary_differences(t, days, hub):
                c.compared += 1
                if difference:
                    c.fail(f"daily summary of {t.name} {day}: {difference}")

    # 6. audit chains, the sync check, the outbox and the files
    from counter_app.sync.audit_hub import verify_with_hub
    from counter_app.sync.verify import compare_with_hub

    chain = check("audit chain of every terminal whole, locally and against the hub")
    same = check("sync --check: reference data, payment totals, sent ops agree with the hub")
    for t in sim.terminals:
        with terminal_db(t):
            report = verify_with_hub(t.hub_url)
            outcome = compare_with_hub(t.hub_url)
        chain.compared += sum(c.events for c in report.chains.values())
        if not report.ok:
            chain.fail(f"audit chain at {t.name}: {report.as_dict()}")
        same.compared += len(outcome["checks"])
        bad = [name for name, ok in outcome["checks"].items() if not ok]
        if bad:
            same.fail(f"{t.name} and the hub differ on {', '.join(bad)}")
    c = check("outbox: nothing pending, no entry without its row")
    for t in sim.terminals:
        with local(t) as conn:
            c.compared += conn.execute("SELECT count(*) FROM outbox").fetchone()[0]
            pending = conn.execute("SELECT count(*) FROM outbox WHERE status != 'sent'").fetchone()[0]
            if pending:
                c.fail(f"{pending} outbox entries of {t.name} not sent")
            for table, _ in PUSHED:
                orphan = conn.execute(f"SELECT o.row_id FROM outbox o WHERE o.\"table\" = ? AND NOT EXISTS "
                                      f"(SELECT 1 FROM {table} r WHERE r.id = o.row_id) LIMIT 1", (table,)).fetchone()
                if orphan:
                    c.fail(f"outbox entry of {t.name} for {table} {orphan[0]} has no row")
    c = check("integrity_check of every terminal's file")
    for t in sim.terminals:
        c.compared += 1
        with local(t) as conn:
            answer = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if answer != "ok":
            c.fail(f"{t.name}: {answer}")

    failed = [x for x in checks if not x.ok]
    return {
        "ok": not failed,
        "seed": sim.seed,
        "checks": [{"check": x.name, "compared": x.compared, "ok": x.ok, "divergence": x.divergence} for x in checks],
        "first_divergence": failed[0].divergence if failed else "",
        "counts": totals_of(sim),
    }


def _moment(value) -> str:
    """A time as both sides print it (SQLite keeps text, PostgreSQL a timestamp)."""
    return "" if value is None else dt.datetime.fromisoformat(str(value)).isoformat(sep=" ")


def sims_and_remote(sim, hub, check) -> None:
    """SIM replacements and PUK unlocks change the hall's cards at one PC; the hub applies the
    pushed order to its cards and every PC of the hall pulls them. Cross-city payments (异地缴费)
    post to the line's ledger on the hub and reach the terminals of the line's own hall."""
    c = check("SIM cards: each line's cards equal at its hall's terminals and the hub, one working card")
    for t in sim.terminals:
        hub_cards = {hexid(r[0]): (hexid(r[1]), r[2], r[3], r[4], _moment(r[5]), _moment(r[6])) for r in hub.execute(
            "SELECT s.id, s.account_id, s.serial, s.status, s.puk, s.issued_at, s.retired_at FROM sim_card s "
            "JOIN account a ON a.id = s.account_id JOIN customer cu ON cu.id = a.customer_id WHERE cu.hall = %s",
            (t.hall.code,))}
        with local(t) as conn:
            mine = {hexid(r[0]): (hexid(r[1]), r[2], r[3], r[4], _moment(r[5]), _moment(r[6])) for r in conn.execute(
                "SELECT s.id, s.account_id, s.serial, s.status, s.puk, s.issued_at, s.retired_at FROM sim_card s "
                "JOIN account a ON a.id = s.account_id JOIN customer cu ON cu.id = a.customer_id WHERE cu.hall = ?",
                (t.hall.code,))}
            working = conn.execute("SELECT a.phone, count(*) FROM sim_card s JOIN account a ON a.id = s.account_id "
                                   "WHERE s.status = 'active' GROUP BY a.id HAVING count(*) > 1").fetchone()
        c.compared += len(mine)
        if working:
            c.fail(f"{working[0]} has {working[1]} working SIM cards at {t.name}")
        for card_id in sorted(set(mine) | set(hub_cards)):
            if mine.get(card_id) != hub_cards.get(card_id):
                c.fail(f"SIM card {card_id}: {mine.get(card_id)} at {t.name}, {hub_cards.get(card_id)} on the hub")
                break
        new_cards = t.facts.get("sim", set())
        unknown = sorted(new_cards - set(hub_cards))
        if unknown:
            c.fail(f"the SIM card {unknown[0]} that {t.name} issued is not on the hub")
    twice = hub.execute("SELECT a.phone, count(*) FROM sim_card s JOIN account a ON a.id = s.account_id "
                        "WHERE s.status = 'active' GROUP BY a.id, a.phone HAVING count(*) > 1 LIMIT 1").fetchone()
    if twice:
        c.fail(f"{twice[0]} has {twice[1]} working SIM cards on the hub")

    c = check("cross-city payments: each in its line's ledger on the hub and at its hall's terminals")
    remote = {hexid(r[0]): (hexid(r[1]), r[2], int(r[3])) for r in hub.execute(
        "SELECT p.id, p.account_id, cu.hall, p.amount_fen FROM payment p JOIN account a ON a.id = p.account_id "
        "JOIN customer cu ON cu.id = a.customer_id WHERE p.method = 'remote' AND p.kind = 'payment'")}
    posted = {hexid(r[0]): int(r[1]) for r in hub.execute(
        "SELECT id, amount_fen FROM ledger_entry WHERE id = ANY(%s::uuid[])", (list(remote),))} if remote else {}
    reported = set().union(*(t.facts.get("remote", set()) for t in sim.terminals))
    missing = sorted(reported - set(remote))
    if missing:
        c.fail(f"the cross-city payment {missing[0]} is not on the hub")
    for payment_id, (_account, hall, amount) in sorted(remote.items()):
        c.compared += 1
        if posted.get(payment_id) != amount:
            c.fail(f"cross-city payment {payment_id}: {amount} fen, its ledger entry on the hub "
                   f"{posted.get(payment_id)}")
        for t in sim.terminals:
            if t.hall.code != hall:
                continue
            with local(t) as conn:
                entry = conn.execute("SELECT amount_fen FROM ledger_entry WHERE id = ?", (payment_id,)).fetchone()
            if entry is None or entry[0] != amount:
                c.fail(f"cross-city payment {payment_id} is not in the ledger at {t.name}, its line's hall")


def display_calls(sim, check) -> None:
    """What the halls' calling displays spoke (``tools/sim/display.py``): no call twice, even by
    a display started again after a kill (it must not call an old number), and every call
    spoken or put up was made at that counter."""
    c = check("calling display: each call spoken at most once across restarts, each one made")
    for t in (t for t in sim.terminals if t.queue):
        with local(t) as conn:
            made = {str(uuid_text(r[0])): (r[1], r[2]) for r in conn.execute(
                "SELECT e.id, t.code, e.counter_number FROM ticket_event e JOIN ticket t ON t.id = e.ticket_id "
                "WHERE e.kind IN ('called', 'recalled')")}
        c.compared += len(made)
        spoken: Counter = Counter()
        for day, number, line in t.displayed:
            kind, event_id, code, counter = line.split()
            if made.get(str(uuid_text(event_id))) != (code, int(counter)):
                c.fail(f"{t.name}'s display {number} of {day} {kind.lower()} {code} at counter {counter}, "
                       f"a call not made there")
            if kind == "SPOKEN":
                spoken[event_id] += 1
        twice = [e for e, n in spoken.items() if n > 1]
        if twice:
            shown = [(day, n) for day, n, line in t.displayed if twice[0] in line]
            c.fail(f"{t.name}: the call {twice[0]} was spoken {spoken[twice[0]]} times (display, day: {shown})")


def hall_closes(sim, hub, check) -> None:
    """Each hall's days were closed at its queue PC through the hub (docs/dayclose.md), as a hall
    closes: each close's figures equal the hub's rows it counted and carried, by id (net, count,
    the drawers' cash against the handovers), and every payment of the halls' days on the hub is
    counted by exactly one close, so the month adds up."""
    c = check("settlement: each hall's day closed through the hub, each payment counted by one close")
    halls = sorted({t.hall.code for t in sim.terminals})
    counted: Counter = Counter()
    closes = hub.execute("SELECT hall, business_date, terminal, totals FROM day_close WHERE hall = ANY(%s) "
                         "ORDER BY hall, business_date", (halls,)).fetchall()
    for hall, day, terminal, totals in closes:
        c.compared += 1
        totals = totals if isinstance(totals, dict) else json.loads(totals)
        ids = list(totals.get("payment_ids", [])) + list(totals.get("carried_ids", []))
        counted.update((hall, i) for i in ids)
        if totals.get("source") != "hub" or totals.get("not_in"):
            c.fail(f"day close of {hall} {day} at {terminal}: made from {totals.get('source')}, without "
                   f"{sorted(totals.get('not_in') or {})}")
        net, count = hub.execute("SELECT coalesce(sum(amount_fen), 0), count(*) FROM payment WHERE hall = %s AND "
                                 "replace(id::text, '-', '') = ANY(%s) AND kind = ANY(%s)",
                                 (hall, ids, list(MONEY_KINDS))).fetchone()
        if (totals["net_fen"], totals["takings_count"] + totals["reversals_count"]) != (int(net), count):
            c.fail(f"day close of {hall} {day}: net {totals['net_fen']} of "
                   f"{totals['takings_count'] + totals['reversals_count']} rows, but the hub's rows it counted add up "
                   f"to {net} of {count}")
        handovers = list(totals.get("handover_ids", [])) + list(totals.get("carried_handover_ids", []))
        drawer = hub.execute("SELECT coalesce(sum(counted_cash_fen), 0) FROM shift_handover WHERE hall = %s AND "
                             "replace(id::text, '-', '') = ANY(%s)", (hall, handovers)).fetchone()[0]
        if int(drawer) != totals["expected_cash_fen"]:
            c.fail(f"day {hall} {day}: the drawers counted {drawer}, the cash expected {totals['expected_cash_fen']}")
    if len(closes) != len(halls) * sim.days:
        c.fail(f"{len(closes)} days closed on the hub, expected {len(halls) * sim.days}")
    if closes:
        first, last = min(r[1] for r in closes), max(r[1] for r in closes)
        for hall, row_id, day in hub.execute("SELECT hall, replace(id::text, '-', ''), business_date FROM payment "
                                             "WHERE hall = ANY(%s) AND business_date BETWEEN %s AND %s "
                                             "ORDER BY business_date, created_at", (halls, first, last)):
            if counted[(hall, row_id)] != 1:
                c.fail(f"payment {row_id} of {hall} {day} is counted by {counted[(hall, row_id)]} day closes")


def uuid_text(value) -> str:
    """An event id as the display prints it and as SQLite stores it, in one form."""
    import uuid

    text = str(value)
    try:
        return uuid.UUID(text).hex
    except ValueError:
        return text


def totals_of(sim) -> dict:
    out: Counter = Counter()
    for t in sim.terminals:
        with local(t) as conn:
            for table, _ in PUSHED:
                # Its own rows: the hall's closes made at its other PC are copied here at sync.
                own = f" WHERE {OWN_ROWS}" if table == "day_close" else ""
                out[table] += conn.execute(f"SELECT count(*) FROM {table}{own}").fetchone()[0]
            out["reversals"] += conn.execute("SELECT count(*) FROM payment WHERE kind = 'reversal'").fetchone()[0]
            out["compensations"] += conn.execute("SELECT count(*) FROM payment WHERE kind = 'compensation'"
                                                 ).fetchone()[0]
            out["cross-city payments"] += conn.execute("SELECT count(*) FROM payment WHERE method = 'remote' AND "
                                                       "kind = 'payment'").fetchone()[0]
            for code, n in conn.execute("SELECT business_code, count(*) FROM service_order WHERE business_code IN "
                                        "('sim_replace', 'puk_unlock') GROUP BY 1"):
                out[code] += n
        out["refunds refused: charge refunded elsewhere"] += len(t.facts.get("held-elsewhere", ()))
        out["refunds refused: hub away"] += len(t.facts.get("refund-hub-away", ()))
        if t.queue:
            out["calls spoken by the displays"] += sum(1 for _d, _n, line in t.displayed if line.startswith("SPOKEN"))
            out["display restarts"] += max(0, t.displays - sim.days)
        out["syncs"] += t.syncs
        out["failed syncs"] += t.failed_syncs
    return dict(out)


def summary_facts(summary) -> dict:
    """What a daily summary says of the day, in the shape :func:`row_facts` gives the rows."""
    return {
        "tickets issued": {r.code: r.issued for r in summary.categories if r.issued},
        "tickets served": {r.code: r.served for r in summary.categories if r.served},
        "payments": {m: (t.count, t.amount_fen) for m, t in summary.settlement.by_method.items() if t.count},
        "orders": {r.code: (r.count, r.fee_fen) for r in summary.businesses if r.count},
        "complaints opened": summary.complaints_opened,
    }


def row_facts(hub, hall: str, terminals: list[str], days: list[dt.date]) -> dict[dt.date, dict]:
    """The same figures summed from the rows the terminal pushed to the hub, for each of
    ``days``: one query per figure for all the days (grouped by day), not one per day."""
    where = "hall = %s AND terminal = ANY(%s) AND business_date = ANY(%s)"
    args = (hall, terminals, days)
    found: dict[dt.date, dict] = {day: {"tickets issued": {}, "tickets served": {}, "payments": {}, "orders": {},
                                        "complaints opened": 0} for day in days}
    for day, category, n in hub.execute(f"SELECT business_date, category, count(*) FROM ticket WHERE {where} "
                                        "GROUP BY 1, 2", args):
        found[day]["tickets issued"][category] = n
    for day, category, n in hub.execute(f"SELECT business_date, category, count(*) FROM ticket WHERE {where} "
                                        "AND status = 'done' GROUP BY 1, 2", args):
        found[day]["tickets served"][category] = n
    for day, method, n, total in hub.execute(f"SELECT business_date, method, count(*), sum(amount_fen) FROM payment "
                                             f"WHERE {where} AND kind = ANY(%s) GROUP BY 1, 2",
                                             (*args, list(MONEY_KINDS))):
        found[day]["payments"][method] = (n, int(total))
    for day, code, n, fees in hub.execute(f"SELECT business_date, business_code, count(*), coalesce(sum(fee_fen), 0) "
                                          f"FROM service_order WHERE {where} AND status <> 'voided' GROUP BY 1, 2",
                                          args):
        found[day]["orders"][code] = (n, int(fees))
    first = dt.datetime.combine(min(days), dt.time())
    after = dt.datetime.combine(max(days) + dt.timedelta(days=1), dt.time())
    for day, n in hub.execute("SELECT opened_at::date, count(*) FROM complaint WHERE hall = %s AND terminal = ANY(%s) "
                              "AND opened_at >= %s AND opened_at < %s GROUP BY 1", (hall, terminals, first, after)):
        found[day]["complaints opened"] = n
    return found


def summary_differences(t, days: list[dt.date], hub) -> list[tuple[dt.date, str]]:
    """For each of ``days``, the first figure of ``t``'s daily summary that differs from the
    day's rows on the hub ("" when none). The terminal's file is opened once and each day's
    summary read in it as the hall's manager would at 09:00 the next morning; the hub's rows
    are read once for all the days."""
    from counter_app import clock
    from counter_app.models import Staff
    from counter_app.services.reports import daily_summary
    from counter_app.services.session import open_session

    with local(t) as conn:
        terminals = [r[0] for r in conn.execute("SELECT DISTINCT terminal FROM payment UNION SELECT DISTINCT "
                                                "terminal FROM ticket UNION SELECT DISTINCT terminal FROM "
                                                "service_order UNION SELECT DISTINCT terminal FROM complaint")]
    said: dict[dt.date, dict] = {}
    with terminal_db(t):
        session = open_session(counter_number=None)
        session.staff = Staff.get_by_id(t.hall.manager)
        try:
            for day in days:
                clock.set_clock(clock.FrozenClock(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(9))))
                said[day] = summary_facts(daily_summary(session, day))
        finally:
            clock.set_clock(None)
    rows = row_facts(hub, t.hall.code, terminals, days)
    found = []
    for day in days:
        difference = next((f"{name} {figures} in the summary, {rows[day][name]} in the rows"
                           for name, figures in said[day].items() if figures != rows[day][name]), "")
        found.append((day, difference))
    return found


@contextlib.contextmanager
def terminal_db(t):
    """The services' view of one terminal's file, opened in this process."""
    from counter_app.db import close_database, open_database

    open_database(str(t.db))
    try:
        yield
    finally:
        close_database()


def table(report: dict) -> str:
    """The reconciliation as a Markdown table (docs/reliability.md shows one)."""
    lines = ["| check | compared | result |", "|---|---:|---|"]
    for row in report["checks"]:
        lines.append(f"| {row['check']} | {row['compared']:,} | {'ok' if row['ok'] else 'DIFFERS: ' + row['divergence']} |")
    return "\n".join(lines)
