"""Complaint figures at scale, each beside a bare baseline measured in the same run.

    python benchmarks/bench_complaints.py [--month-complaints 3000] [--overdue 1000]

1. The monthly analysis (月度投诉分析) of a busy month: ``monthly_analysis`` plus the PDF,
   beside bare sqlite3 running the counting queries and a bare reportlab table of the same
   overdue rows.
2. The escalation check with ``--overdue`` complaints past their deadline (each escalation
   is a row update, its outbox entry, a step, an audit event), beside one bare UPDATE of as
   many rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--month-complaints", type=int, default=3000)
    parser.add_argument("--overdue", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["COUNTER_APP_CONFIG_DIR"] = str(Path(tmp) / "cfg")
        os.environ["COUNTER_APP_DATA_DIR"] = str(Path(tmp) / "data")
        from counter_app import clock
        from counter_app.db import open_database
        from counter_app.ids import uuid7
        from counter_app.models import Account, Complaint, Staff, db
        from counter_app.services.demo import build_demo
        from counter_app.services.session import open_session

        clock.set_clock(clock.FrozenClock(dt.datetime(2026, 11, 28, 12, 0)))
        path = Path(tmp) / "hall.db"
        open_database(str(path))
        build_demo(2000, detailed=20)
        session = open_session(counter_number=1)
        session.staff = Staff.get_by_id("1001")
        accounts = [(a.id, a.customer_id, a.phone) for a in Account.select().limit(1500)]
        rng = random.Random(7)
        categories = ["billing", "sp_charge", "network", "attitude", "repair", "other"]
        rows = []
        months = [(2026, m) for m in range(6, 12)]
        for n in range(args.month_complaints * 3):
            year, month = months[-1] if n < args.month_complaints else rng.choice(months[:-1])
            opened = dt.datetime(year, month, rng.randrange(1, 28), rng.randrange(8, 18), rng.randrange(60))
            deadline = opened + dt.timedelta(hours=rng.choice([24, 48, 72, 168]))
            replied = opened + dt.timedelta(hours=rng.randrange(1, 100)) if rng.random() < 0.8 else None
            account_id, customer_id, phone = rng.choice(accounts)
            rows.append({"id": uuid7(), "hall": session.hall_code, "terminal": session.terminal_id,
                         "created_at": opened, "hlc": "", "complaint_no": f"C{n:08d}", "customer_id": customer_id,
                         "account_id": account_id, "phone": phone, "category": rng.choice(categories),
                         "description": "bench", "wish": "", "linked": [], "status": "replied" if replied else "open",
                         "opened_by": "1001", "opened_at": opened, "deadline_at": deadline, "assigned_to": "",
                         "replied_at": replied, "customer_view": "", "idempotency_key": None, "order_id": None})
        with db.atomic():
            for start in range(0, len(rows), 500):
                Complaint.insert_many(rows[start:start + 500]).execute()

        from counter_app.documents.complaint_report import render_monthly
        from counter_app.services.complaint_report import monthly_analysis

        started = time.perf_counter()
        session.staff = Staff.get_by_id("2001")  # the hall's reports are the manager's
        data = monthly_analysis(session, "2026-11")
        figures_s = time.perf_counter() - started
        started = time.perf_counter()
        pdf = render_monthly(data)
        pdf_s = time.perf_counter() - started

        raw = sqlite3.connect(path)
        started = time.perf_counter()
        raw.execute("SELECT substr(opened_at, 1, 7), category, count(*) FROM complaint WHERE hall = ? AND "
                    "opened_at >= '2026-06-01' AND opened_at < '2026-12-01' GROUP BY 1, 2",
                    (session.hall_code,)).fetchall()
        overdue = raw.execute("SELECT complaint_no, category, phone, opened_at, deadline_at, replied_at FROM complaint "
                              "WHERE hall = ? AND opened_at >= '2026-11-01' AND opened_at < '2026-12-01' AND "
                              "((replied_at IS NULL AND deadline_at < '2026-11-28 12:00') OR replied_at > deadline_at)",
                              (session.hall_code,)).fetchall()
        raw.execute("SELECT phone, count(*) FROM complaint WHERE opened_at >= '2026-11-01' GROUP BY phone "
                    "HAVING count(*) > 1").fetchall()
        raw_sql_s = time.perf_counter() - started
        started = time.perf_counter()
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import SimpleDocTemplate, Table

        from counter_app.documents.fonts import register_fonts

        font = register_fonts()
        table = Table([list(map(str, r)) for r in overdue], repeatRows=0)
        table.setStyle([("FONTNAME", (0, 0), (-1, -1), font), ("FONTSIZE", (0, 0), (-1, -1), 7)])
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build([table])
        raw_pdf_s = time.perf_counter() - started
        raw.close()

        print(f"monthly analysis, {data.total:,} complaints in the month ({len(rows):,} in six months), "
              f"{len(data.overdue):,} overdue rows: figures {figures_s:.2f} s + PDF {pdf_s:.2f} s "
              f"({len(pdf) / 1e6:.1f} MB)")
        print(f"baseline: bare sqlite3 counting queries {raw_sql_s:.2f} s + bare reportlab table of the same "
              f"{len(overdue):,} overdue rows {raw_pdf_s:.2f} s")

        from counter_app.services.complaints import check_escalations

        open_ids = [r.id for r in Complaint.select(Complaint.id).where(Complaint.replied_at.is_null()
                                                                       & Complaint.escalated_at.is_null())
                    .limit(args.overdue)]
        # Leave exactly --overdue complaints unescalated and overdue; mark the rest as escalated.
        Complaint.update(escalated_at=clock.now()).where(Complaint.id.not_in(open_ids)
                                                         & Complaint.escalated_at.is_null()).execute()
        Complaint.update(deadline_at=dt.datetime(2026, 11, 1)).where(Complaint.id.in_(open_ids)).execute()
        started = time.perf_counter()
        escalated = check_escalations(session)
        esc_s = time.perf_counter() - started
        again_started = time.perf_counter()
        again = check_escalations(session)
        again_s = time.perf_counter() - again_started
        raw = sqlite3.connect(path)
        raw.execute("PRAGMA synchronous=FULL")
        started = time.perf_counter()
        with raw:
            raw.execute("UPDATE complaint SET escalated_at = NULL WHERE escalated_at = ?", (str(clock.now()),))
        bare_s = time.perf_counter() - started
        raw.close()
        print(f"escalation check: {len(escalated):,} complaints escalated in {esc_s:.2f} s "
              f"({esc_s / max(1, len(escalated)) * 1000:.1f} ms each, in transactions of 100); "
              f"the next run finds {len(again)} in {again_s * 1000:.0f} ms")
        print(f"baseline: one bare UPDATE of the same rows {bare_s * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
