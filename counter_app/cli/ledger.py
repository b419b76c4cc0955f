"""``counter-app ledger``: a number's balance, amount due and ledger (or one month's
statement), from ``services.ledger`` like every other channel; ``counter-app check ledger``
recomputes every account and exits 1 on any difference."""

from __future__ import annotations

import argparse
import sys

from counter_app.cli.common import add_json_option, emit, open_db
from counter_app.cli.signin import add_staff_options, staff_session
from counter_app.money import format_yuan


def register(sub, common) -> None:
    p = sub.add_parser("ledger", parents=[common], help="a number's balance, amount due and ledger entries")
    p.add_argument("--phone", required=True, help="the mobile number")
    p.add_argument("--month", default="", help="YYYY-MM: that month's statement instead of every entry")
    add_staff_options(p)
    add_json_option(p)
    p.set_defaults(func=cmd_ledger)

    p = sub.add_parser("check", parents=[common], help="consistency checks; exit status 1 on any difference")
    p.add_argument("what", choices=("ledger",),
                   help="ledger: every account's balance against the sum of its entries, every bill against "
                        "its charge")
    add_json_option(p)
    p.set_defaults(func=cmd_check)


def _balance_text(fen: int) -> str:
    if fen < 0:
        return f"{format_yuan(-fen)} owed"
    return f"{format_yuan(fen)} in credit" if fen else "0.00"


def cmd_ledger(args: argparse.Namespace) -> int:
    from counter_app.services import ledger
    from counter_app.services.identify import by_phone
    from counter_app.services.report_period import not_in_future_month
    from counter_app.services.statements import parse_month

    month = not_in_future_month(parse_month(args.month)) if args.month else ""  # before anyone signs in
    open_db(args)
    account_id = by_phone(staff_session(args), args.phone)[0].account_id
    now = ledger.position(account_id)
    data: dict = {"phone": args.phone, "balance_fen": now.balance_fen, "due_fen": now.due_fen,
                  "unconfirmed_fen": now.pending_fen}
    lines = [f"{args.phone}: balance {_balance_text(now.balance_fen)}, amount due {format_yuan(now.due_fen)}"]
    if args.month:
        st = ledger.statement(account_id, month)
        data["statement"] = {"period": st.period, "opening_fen": st.opening_fen, "charges_fen": st.charges_fen,
                             "credits_fen": st.credits_fen, "closing_fen": st.closing_fen, "later_fen": st.later_fen,
                             "due_fen": st.due_fen}
        lines += [f"statement {st.period}: opening {_balance_text(st.opening_fen)}, charges "
                  f"{format_yuan(st.charges_fen)}, payments and credits {format_yuan(st.credits_fen)}, closing "
                  f"{_balance_text(st.closing_fen)}; since then {format_yuan(st.later_fen)}"]
    else:
        found = ledger.entries(account_id)
        data["entries"] = [{"period": e.period, "kind": e.kind, "amount_fen": e.amount_fen, "method": e.method,
                            "ref": e.ref, "hall": e.hall, "posted_at": e.posted_at.isoformat(sep=" "),
                            "confirmed": e.confirmed} for e in found]
        lines += [f"  {e.period}  {e.posted_at:%Y-%m-%d %H:%M}  {e.kind:<12} {format_yuan(e.amount_fen):>12}  "
                  f"{e.method or '-':<8} {e.hall or 'centre':<8} {e.ref}{'' if e.confirmed else '  (not yet on the hub)'}"
                  for e in found]
    emit(args, data, "\n".join(lines))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from counter_app.services import ledger

    open_db(args)
    result = ledger.check()
    data = {"ok": result.ok, "accounts": result.accounts, "entries": result.entries, "unconfirmed": result.pending,
            "balance_differences": [{"phone": p, "cached_fen": c, "entries_fen": s}
                                    for p, c, s in result.balance_differences],
            "bill_differences": [{"phone": p, "period": m, "items_fen": i, "charged_fen": c}
                                 for p, m, i, c in result.bill_differences]}
    lines = [f"ledger: {result.accounts:,} accounts, {result.entries:,} entries, "
             f"{result.pending:,} payments not yet confirmed by the hub"]
    lines += [f"  {p}: balance {format_yuan(c)} but its entries add up to {format_yuan(s)}"
              for p, c, s in result.balance_differences]
    lines += [f"  {p} {m}: bill items {format_yuan(i)} but charged {format_yuan(c)}"
              for p, m, i, c in result.bill_differences]
    lines.append("ledger agrees" if result.ok else
                 f"ledger differs: {len(result.balance_differences)} balances, {len(result.bill_differences)} bills")
    emit(args, data, "\n".join(lines))
    if not result.ok:
        print("error: the ledger does not add up", file=sys.stderr)
    return 0 if result.ok else 1
