"""How long the printed statements take, beside a bare reportlab table of the same rows.

    python benchmarks/bench_statements.py [--records 5000] [--repeat 3]

Builds a throw-away demo hall in a temporary SQLite file, gives one number a month of
``--records`` detailed records, then times (best of ``--repeat``):

- reading the month through ``services.statements.records_data`` (query + grouping);
- the detailed-records PDF (``documents.records.build``) from that data;
- a bare reportlab ``Table`` (repeatRows=1, same font, same rows as strings) on A4: the raw
  baseline, measured in the same run;
- the bill PDF and a bare table of the bill's rows.

Target: each document within 1.5x of its bare table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def best_of(repeat: int, fn):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def best_of_pair(repeat: int, fn, baseline):
    """Best times of ``fn`` and ``baseline`` run alternately, so a busy machine slows both alike."""
    ours, bare = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        ours.append(time.perf_counter() - started)
        started = time.perf_counter()
        baseline()
        bare.append(time.perf_counter() - started)
    return min(ours), min(bare)


def bare_table_pdf(rows: list[list[str]], widths) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    from counter_app.documents.fonts import register_fonts

    font = register_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 8)]))
    doc.build([table])
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from counter_app.db import open_database
    from counter_app.documents import bill as bill_doc
    from counter_app.documents import records as records_doc
    from counter_app.models import Account, Bill, Staff, UsageRecord, db
    from counter_app.money import format_yuan
    from counter_app.services import statements
    from counter_app.services.demo import build_demo
    from counter_app.services.session import open_session

    folder = Path(tempfile.mkdtemp(prefix="bench-statements-"))
    open_database(str(folder / "bench.db"))
    build_demo(50, detailed=1)
    session = open_session(counter_number=1)
    session.staff = Staff.get_by_id("1001")
    bill = Bill.select().order_by(Bill.period.desc()).first()
    account = Account.get_by_id(bill.account_id)
    period = "2001-01"  # a month of its own, so the count is exact
    rng = random.Random(7)
    rows = []
    for n in range(args.records):
        at = dt.datetime(2001, 1, 1 + n * 31 // args.records, rng.randrange(7, 23), rng.randrange(60), rng.randrange(60))
        kind = rng.choice(("call", "call", "sms", "data"))
        rows.append(dict(account=account.id, period=period, kind=kind,
                         subtype=rng.choice(("local", "long", "roam")) if kind == "call" else "",
                         direction="out", started_at=at, other_party=f"13{rng.randrange(10**9):09d}",
                         location="济南", duration_s=rng.randrange(5, 900) if kind == "call" else 0,
                         volume_kb=rng.randrange(50, 8000) if kind == "data" else 0, fee_fen=rng.randrange(0, 90)))
    with db.atomic():
        for start in range(0, len(rows), 500):
            UsageRecord.insert_many(rows[start:start + 500]).execute()

    from counter_app.services import verification

    verification.by_id_document(session, account.id, id_number=account.customer.id_number)  # 详单: verified only
    t_query, data = best_of(args.repeat, lambda: statements.records_data(session, account.phone, period))
    t_records, pdf = best_of(args.repeat, lambda: records_doc.build(data))
    lines = [line for day in data.days for line in day.lines]
    flat = [records_doc.column_names("zh_CN")] + [
        [f"{r.started_at:%H:%M:%S}", r.kind_name, r.direction, r.other_party, r.location,
         records_doc.duration_text(r.duration_s), str(r.volume_kb), format_yuan(r.fee_fen)] for r in lines]
    t_bare, bare = best_of(args.repeat, lambda: bare_table_pdf(flat, records_doc.COLUMNS))

    bill_data = statements.bill_data(session, account.phone, bill.period)
    bill_pdf = bill_doc.build(bill_data)
    # The same rows the bill prints (header block, groups and items with their whole
    # explanations, totals, balance lines, the note, the page's hall name and address), as
    # one bare table: the same characters, so the same font subsets to embed.
    h = bill_data.header
    bill_rows = [["月度账单", h.period, h.hall_name, h.hall_address],
                 ["客户名称", h.customer_name, "证件号码", h.masked_id],
                 ["手机号码", h.phone, "套餐", h.plan_name],
                 ["账期", f"{h.period_start} — {h.period_end}", "打印时间", f"{h.printed_at:%Y-%m-%d %H:%M}"],
                 ["费用项目", "说明（发票项目说明）", "金额(元)", ""]]
    for g in bill_data.groups:
        bill_rows.append([g.name, "", format_yuan(g.subtotal_fen), ""])
        for line in g.lines:
            note = line.explanation + (f" 服务提供商：{line.sp_name}（{line.sp_code}），业务代码 {line.service_code}"
                                       if line.sp_code else "")
            bill_rows.append([line.name, note, format_yuan(line.amount_fen), ""])
    bill_rows += [["本期费用合计", "", format_yuan(bill_data.total_fen), ""],
                  ["上期结余", format_yuan(bill_data.opening_fen), "本期费用", format_yuan(bill_data.charges_fen)],
                  ["本期缴费及返还", format_yuan(bill_data.credits_fen), "本期结余", format_yuan(bill_data.closing_fen)],
                  ["此后入账", format_yuan(bill_data.later_fen), "当前余额", format_yuan(bill_data.balance_fen)],
                  ["当前应缴", format_yuan(bill_data.due_fen), "欠费", "结余"],
                  ["消费明明白白：营业厅柜台、自助终端、客服热线与网上查询显示的账单出自同一账户明细，金额完全一致。"
                   "余额为负即欠费；当前应缴为本期结余与此后入账合计所欠金额，有结余时为 0。扫描右上角二维码可核验本账单。",
                   "", "", ""]]
    for c in bill_data.credit_lines:
        bill_rows.append([f"{c.day:%Y-%m-%d}", c.name, c.ref, format_yuan(c.amount_fen)])
    # Tens of milliseconds: more runs, interleaved, to see past the noise of a shared machine.
    t_bill, t_bill_bare = best_of_pair(max(args.repeat, 15), lambda: bill_doc.build(bill_data),
                                       lambda: bare_table_pdf(bill_rows, None))

    from pypdf import PdfReader

    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    bare_pages = len(PdfReader(io.BytesIO(bare)).pages)
    print(f"detailed records: {len(lines):,} lines, {len(data.days)} days, {pages} pages, {len(pdf) / 1024:.0f} KiB")
    print(f"  read (records_data)        {t_query * 1000:8.1f} ms")
    print(f"  records PDF                {t_records * 1000:8.1f} ms")
    print(f"  bare reportlab table       {t_bare * 1000:8.1f} ms  ({bare_pages} pages)")
    print(f"  ratio records / bare       {t_records / t_bare:8.2f}x   (target <= 1.5x)")
    print(f"bill: {sum(len(g.lines) for g in bill_data.groups)} items, {len(bill_pdf) / 1024:.0f} KiB")
    print(f"  bill PDF                   {t_bill * 1000:8.1f} ms")
    print(f"  bare reportlab table       {t_bill_bare * 1000:8.1f} ms")
    print(f"  ratio bill / bare          {t_bill / t_bill_bare:8.2f}x   (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
