"""The settlement sheet (日结单) on A4: totals per method and per clerk, reversals, shift
handovers with counted cash and differences, and signature lines. From
``services.settlement.SettlementData``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from counter_app import theme
from counter_app.documents.layout import PageFurniture, Styles, build_pdf, label, styles, table_style, yuan
from counter_app.documents.receipt import method_names

if TYPE_CHECKING:
    from counter_app.services.hall_day import TerminalState
    from counter_app.services.settlement import SettlementData


def build(data: SettlementData, lang: str = "zh_CN") -> bytes:
    st = styles()
    title = label(lang, "营业日结单", "Daily settlement")
    date = data.business_date.isoformat()
    story: list[Flowable] = [Paragraph(f"{title} · {date}", st.title), Paragraph(_status(data, lang), st.body),
                   Spacer(1, 4 * mm)]
    # Every table adds up on paper: per method takings + reversals = net, the column totals
    # equal the summary above, and per clerk the methods plus the reversals make the net.
    for part in (_summary, _by_method, _by_clerk, _by_terminal, _carried, _carried_handovers, _held, _reversals, _handovers):
        story += part(data, lang, st)
    story += _signature_lines(lang, st)
    furniture = PageFurniture(hall_name=data.hall_name, title=title, doc_ref=date, lang=lang,
                              qr_payload=data.qr_payload)
    return build_pdf(story, furniture)


def _status(data: SettlementData, lang: str) -> str:
    if data.closed_at:
        text = label(lang, f"已日结：{data.closed_by}，{data.closed_at:%Y-%m-%d %H:%M}",
                     f"Closed by {data.closed_by} at {data.closed_at:%Y-%m-%d %H:%M}")
        if "hub" in data.not_in:
            text += label(lang, "。日结时中心无应答，仅计本机缴费；本厅其他电脑当日的缴费计入中心应答后的下一次日结（列为补计）",
                          ". The hub did not answer: this PC's payments only; the other PCs' payments of this day go "
                          "to the hall's next close made with the hub (listed there as carried)")
        for who, at, net in data.gave_way:
            text += label(lang, f"。本机 {at:%Y-%m-%d %H:%M} 的日结（{who}，净收款 {yuan(net)} 元）已让位于电脑 "
                                f"{data.closed_terminal} 先到中心的这次日结：以本单为准",
                          f". This PC's close of {at:%Y-%m-%d %H:%M} ({who}, net {yuan(net)} yuan) gave way to this "
                          f"close, made at PC {data.closed_terminal}, which reached the hub first: this sheet counts")
        missing = [t for t in data.not_in if t != "hub"]
        if missing:
            text += label(lang, f"。未等以下电脑同步即日结：{'、'.join(missing)}",
                          f". Closed without waiting for: {', '.join(missing)}")
        return text
    text = label(lang, "未日结（预览）", "Not closed yet (preview)")
    if data.source == "offline":
        text += label(lang, "。中心无应答，仅计本机缴费", ". The hub does not answer: this PC's payments only")
    return text


def _table(st: Styles, heading: str, rows: list[list[Any]], widths: list[float], money_cols: Sequence[int] = (),
           total_row: bool = False) -> list[Any]:
    """A heading and its table (the last row ruled off as a total when ``total_row``)."""
    extra = [("LINEABOVE", (0, -1), (-1, -1), 0.8, theme.pdf_colour("text"))] if total_row else []
    t = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    t.setStyle(table_style(st.font, money_cols=money_cols, size=9, extra=extra))
    return [Paragraph(heading, st.heading), t, Spacer(1, 3 * mm)]


def _summary(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    rows = [
        [label(lang, "项目", "Item"), label(lang, "笔数", "Count"), label(lang, "金额(元)", "Amount (yuan)")],
        [label(lang, "收款（缴费+业务收费）", "Takings (payments + fees)"), str(data.takings.count),
         yuan(data.takings.amount_fen)],
        [label(lang, "冲正", "Reversals"), str(data.reversals.count), yuan(data.reversals.amount_fen)],
        [label(lang, "净收款", "Net takings"), "", yuan(data.net_fen)],
        [label(lang, "其中应存现金", "of which cash in the drawers"), "", yuan(data.expected_cash_fen)],
        [label(lang, "记账退款/先行赔付（非现金）", "Credits to accounts (not cash)"), str(data.credits.count),
         yuan(data.credits.amount_fen)],
    ]
    return _table(st, label(lang, "汇总", "Summary"), rows, [80 * mm, 25 * mm, 40 * mm], money_cols=(1, 2))


def _by_method(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    """Takings, reversals and net per payment method, with their totals."""
    methods = method_names(lang)
    rows = [[label(lang, "收款方式", "Method"), label(lang, "笔数", "Count"),
             label(lang, "收款(元)", "Takings"), label(lang, "冲正(元)", "Reversals"),
             label(lang, "净额(元)", "Net (yuan)")]]
    for method, tally in data.by_method.items():
        taken, reversed_ = data.takings_for(method), data.reversals_for(method)
        rows.append([methods.get(method, method), str(tally.count), yuan(taken.amount_fen),
                     yuan(reversed_.amount_fen), yuan(tally.amount_fen)])
    rows.append([label(lang, "合计", "Total"), str(sum(t.count for t in data.by_method.values())),
                 yuan(data.takings.amount_fen), yuan(data.reversals.amount_fen),
                 yuan(sum(t.amount_fen for t in data.by_method.values()))])
    return _table(st, label(lang, "按收款方式", "By method"), rows, [60 * mm, 20 * mm, 32 * mm, 32 * mm, 32 * mm],
                  money_cols=(1, 2, 3, 4), total_row=True)


def _by_clerk(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    """Per clerk: takings per method, reversals, net, the cash due and counted, the difference."""
    shown = [m for m in data.by_method if any(m in c.takings_by_method for c in data.clerks)]
    short = {"cash": label(lang, "现金", "Cash"), "pos": "POS", "card": label(lang, "缴费卡", "Card"),
             "remote": label(lang, "异地", "Cross-city")}
    head = [label(lang, "营业员", "Clerk"), *[short.get(m, m) for m in shown], label(lang, "冲正", "Reversals"),
            label(lang, "净收款", "Net"), label(lang, "应有现金", "Cash due"), label(lang, "实点现金", "Counted"),
            label(lang, "差额", "Difference")]
    rows = [head]
    for c in data.clerks:
        rows.append([f"{c.staff_no} {c.name}",
                     *[yuan(c.takings_by_method[m].amount_fen if m in c.takings_by_method else 0)
                       for m in shown],
                     yuan(c.reversals.amount_fen), yuan(c.net_fen), yuan(c.expected_cash_fen),
                     yuan(c.counted_cash_fen) if c.counted_cash_fen is not None else label(lang, "未交班", "—"),
                     yuan(c.difference_fen) if c.difference_fen is not None else "—"])
    counted = [c.counted_cash_fen for c in data.clerks if c.counted_cash_fen is not None]
    differences = [c.difference_fen for c in data.clerks if c.difference_fen is not None]
    rows.append([label(lang, "合计", "Total"), *[yuan(data.takings_for(m).amount_fen) for m in shown],
                 yuan(data.reversals.amount_fen), yuan(data.net_fen), yuan(data.expected_cash_fen),
                 yuan(sum(counted)) if counted else "—", yuan(sum(differences)) if differences else "—"])
    width = 180 * mm - 26 * mm
    cols = [26 * mm] + [width / (len(head) - 1)] * (len(head) - 1)
    return _table(st, label(lang, "按营业员（现金、POS 等为收款，冲正另列）", "By clerk (methods: takings; reversals apart)"),
                  rows, cols, money_cols=range(1, len(head)), total_row=True)


def _state(data: SettlementData, t: TerminalState, lang: str) -> str:
    """A PC's state on the sheet: at the close for a closed day, as read for a preview."""
    if data.closed_at:
        return label(lang, "未计入（未同步）", "not waited for") if t.terminal in data.not_in else ""
    when = f"{t.reported_at:%m-%d %H:%M}" if t.reported_at else ""
    return {
        "here": label(lang, "本机", "this PC"),
        "in": label(lang, "已全部上传", "all sent"),
        "unsent": label(lang, f"{when} 尚有 {t.pending} 条未上传", f"{t.pending} unsent at {when}"),
        "behind": label(lang, f"最后同步 {when}", f"last sync {when}"),
        "unknown": label(lang, "无同步报告", "no sync report"),
    }.get(t.state, t.state)


def _by_terminal(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    """A hall of several PCs: each PC's payments and net, and whether all of them are in."""
    if len(data.terminals) < 2 and not data.not_in:
        return []
    rows = [[label(lang, "电脑", "PC"), label(lang, "窗口", "Counters"), label(lang, "笔数", "Count"),
             label(lang, "净收款(元)", "Net (yuan)"), label(lang, "状态", "State")]]
    for t in data.terminals:
        rows.append([t.terminal, ", ".join(str(c) for c in t.counters), str(t.payments), yuan(t.net_fen),
                     Paragraph(_state(data, t, lang), st.small)])
    rows.append([label(lang, "合计", "Total"), "", str(sum(t.payments for t in data.terminals)), yuan(data.net_fen), ""])
    heading = label(lang, "按电脑（全厅，来自中心）", "By PC (the whole hall, from the hub)")
    if "hub" in data.not_in or (not data.closed_at and data.source == "offline"):
        heading = label(lang, "按电脑（仅本机：中心无应答）", "By PC (this PC only: the hub did not answer)")
    return _table(st, heading, rows,
                  [40 * mm, 24 * mm, 18 * mm, 30 * mm, 68 * mm], money_cols=(2, 3), total_row=True)


def _carried(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    """Payments of days closed before they reached the hub, counted in these figures."""
    if not data.carried:
        return []
    methods = method_names(lang)
    rows = [[label(lang, "原营业日", "Day"), label(lang, "收据", "Receipt"), label(lang, "电脑", "PC"),
             label(lang, "营业员", "Clerk"), label(lang, "方式", "Method"), label(lang, "金额(元)", "Amount")]]
    for p in data.carried:
        rows.append([p.business_date.isoformat(), p.receipt_no, p.terminal, p.staff_no, methods.get(p.method, p.method),
                     yuan(p.amount_fen)])
    rows.append([label(lang, "合计", "Total"), "", "", "", "", yuan(sum(p.amount_fen for p in data.carried))])
    return _table(st, label(lang, "补计：已日结营业日迟到的缴费（已含在上列合计中）",
                            "Carried: late payments of closed days (included in the totals above)"), rows,
                  [22 * mm, 50 * mm, 32 * mm, 16 * mm, 26 * mm, 24 * mm], money_cols=(5,), total_row=True)


def _carried_handovers(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    """Handovers made at a PC for a day closed elsewhere before it heard (their counted cash is
    in the clerks' figures above, as the late payments they counted are)."""
    if not data.carried_handovers:
        return []
    rows = [[label(lang, "原营业日", "Day"), label(lang, "电脑", "PC"), label(lang, "营业员", "Clerk"),
             label(lang, "时间", "Time"), label(lang, "应有现金", "Cash due"), label(lang, "实点现金", "Counted")]]
    for h in data.carried_handovers:
        rows.append([h.business_date.isoformat() if h.business_date else "", h.terminal, h.staff_no,
                     f"{h.created_at:%m-%d %H:%M}", yuan(h.expected_cash_fen), yuan(h.counted_cash_fen)])
    rows.append([label(lang, "合计", "Total"), "", "", "", yuan(sum(h.expected_cash_fen for h in data.carried_handovers)),
                 yuan(sum(h.counted_cash_fen for h in data.carried_handovers))])
    return _table(st, label(lang, "补计：已日结营业日迟到的交接班（实点现金已含在按营业员中）",
                            "Carried: late handovers of closed days (counted cash included by clerk above)"), rows,
                  [22 * mm, 40 * mm, 18 * mm, 28 * mm, 30 * mm, 30 * mm], money_cols=(4, 5), total_row=True)


_HELD_WHY = {"not_served": ("非本厅客户，也非本厅接待过的来访客户", "neither a customer of the hall nor a walk-in it served"),
             "unknown_line": ("中心尚无该号码", "the hub does not know the line yet")}
_HELD_STATE = {"": ("暂存", "held"), "applied": ("已入账", "applied"), "refunded": ("已退款", "refunded")}


def _held(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    """Payments of the day the hub holds: in the till and in the totals, credited to no line."""
    if not data.held:
        return []
    rows = [[label(lang, "收据", "Receipt"), label(lang, "号码", "Line"), label(lang, "营业员", "Clerk"),
             label(lang, "原因", "Why"), label(lang, "状态", "State"), label(lang, "金额(元)", "Amount")]]
    for h in data.held:
        why = _HELD_WHY.get(h.reason, (h.reason, h.reason))
        state = _HELD_STATE.get(h.settled, (h.settled, h.settled))
        rows.append([h.receipt_no, h.phone, h.staff_no, Paragraph(label(lang, *why), st.small), label(lang, *state),
                     yuan(h.amount_fen)])
    rows.append([label(lang, "合计", "Total"), "", "", "", "", yuan(sum(h.amount_fen for h in data.held))])
    return _table(st, label(lang, "中心暂存款：已收现金、已含在上列合计中，未入任何号码账户（由值班经理入账或退款）",
                            "Held by the hub: taken and included in the totals above, credited to no line (the "
                            "manager applies or refunds each)"), rows,
                  [44 * mm, 24 * mm, 14 * mm, 50 * mm, 14 * mm, 22 * mm], money_cols=(5,), total_row=True)


def _reversals(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    if not data.reversal_lines:
        return []
    rows = [[label(lang, "冲正单号", "Reversal"), label(lang, "原收据", "Original"), label(lang, "经办", "By"),
             label(lang, "金额(元)", "Amount"), label(lang, "原因", "Reason")]]
    for r in data.reversal_lines:
        rows.append([r.receipt_no, r.reverses, r.staff_no, yuan(r.amount_fen), Paragraph(r.reason, st.small)])
    return _table(st, label(lang, "冲正明细", "Reversals"), rows, [48 * mm, 48 * mm, 14 * mm, 22 * mm, 48 * mm],
                  money_cols=(3,))


def _handovers(data: SettlementData, lang: str, st: Styles) -> list[Flowable]:
    if not data.handovers:
        return []
    rows = [[label(lang, "交班人", "Clerk"), label(lang, "时间", "Time"), label(lang, "应有现金", "Expected"),
             label(lang, "实点现金", "Counted"), label(lang, "差额", "Difference"), label(lang, "备注", "Note")]]
    for h in data.handovers:
        rows.append([f"{h.staff_no} {h.name}", f"{h.at:%H:%M}", yuan(h.expected_cash_fen),
                     yuan(h.counted_cash_fen), yuan(h.difference_fen), Paragraph(h.note, st.small)])
    return _table(st, label(lang, "交接班", "Shift handovers"), rows,
                  [30 * mm, 16 * mm, 26 * mm, 26 * mm, 24 * mm, 58 * mm], money_cols=(2, 3, 4))


def _signature_lines(lang: str, st: Styles) -> list[Flowable]:
    """Prepared by, manager and accounts, each with a line to sign on."""
    line = theme.pdf_colour("text")
    return [Spacer(1, 10 * mm), Table([[label(lang, "制表：", "Prepared by:"), "", label(lang, "值班经理：", "Manager:"), "",
                                        label(lang, "财务：", "Accounts:"), ""]],
                                      colWidths=[20 * mm, 40 * mm, 22 * mm, 40 * mm, 18 * mm, 40 * mm],
                                      style=[("FONT", (0, 0), (-1, -1), st.font, 10),
                                             ("LINEBELOW", (1, 0), (1, 0), 0.5, line),
                                             ("LINEBELOW", (3, 0), (3, 0), 0.5, line),
                                             ("LINEBELOW", (5, 0), (5, 0), 0.5, line)])]
