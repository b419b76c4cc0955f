"""Views of the statement data shared by the counter and the kiosk: the bill and the fee
standards as rich text, the detailed records as a table model. They show exactly the
dataclasses ``services.statements`` / ``services.fees`` return, so every channel shows the
same figures."""

from __future__ import annotations

from html import escape
from string import Template

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextBrowser, QWidget

from counter_app import theme
from counter_app.money import format_yuan
from counter_app.services.fees import FeeStandardsData
from counter_app.services.statements import BillData, RecordLine, RecordsData
from counter_app.ui.ledger_text import balance_text
from counter_app.ui.style import hex_colour
from counter_app.ui.widgets.rows_model import Column, RowsModel

translate = QCoreApplication.translate  # (lupdate reads translate("Context", "text"))

_CSS = Template("""
body { font-size: ${body}pt; }
table.items { border-collapse: collapse; width: 100%; }
td { padding: 2px 6px; }
td.group { background: ${shade}; font-weight: bold; }
td.amount { text-align: right; white-space: nowrap; }
td.note { color: ${muted}; font-size: ${note}pt; }
td.total { border-top: 1px solid ${text}; font-weight: bold; }
.due { font-size: ${due}pt; font-weight: bold; }
.advice { font-weight: bold; }
""")
NORMAL = {"body": 11, "note": 9, "due": 15}
LARGE = {"body": 15, "note": 12, "due": 20}  # the kiosk is read from a step away


def _css(sizes: dict[str, int]) -> str:
    return _CSS.substitute(sizes, shade=theme.colour("print", "shade"), muted=hex_colour("text_muted"),
                           text=hex_colour("text"))


class BillView(QTextBrowser):
    """The bill on screen: header, grouped items with explanations, balance and amount due."""

    def __init__(self, parent: QWidget | None = None, *, large: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("billView")
        self.setAccessibleName(self.tr("Bill"))
        self.setOpenLinks(False)
        self.document().setDefaultStyleSheet(_css(LARGE if large else NORMAL))
        if large:
            font = QFont(self.font())
            font.setPointSize(LARGE["body"])
            self.setFont(font)
        self.data: BillData | None = None
        self.show_placeholder()

    def show_placeholder(self) -> None:
        self.data = None
        text = self.tr("No bill shown.")
        muted = hex_colour("text_muted")
        self.setHtml(f"<p style='color:{muted}'>{escape(text)}</p>")

    def show_bill(self, data: BillData) -> None:
        self.data = data
        h = data.header
        head = [
            (self.tr("Customer"), h.customer_name), (self.tr("ID number"), h.masked_id),
            (self.tr("Number"), h.phone), (self.tr("Plan"), h.plan_name),
            (self.tr("Period"), f"{h.period_start:%Y-%m-%d} — {h.period_end:%Y-%m-%d}"),
        ]
        title = self.tr("Monthly bill {period}").format(period=h.period)
        total_text, due_text = self.tr("Total of this month"), self.tr("Amount due now")
        now_text, credits_title = self.tr("Balance now"), self.tr("Payments and credits this month")
        parts = [f"<h2>{escape(title)}</h2><table>"]
        muted = hex_colour("text_muted")
        parts += [f"<tr><td style='color:{muted}'>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in head]
        parts.append(f"</table><p class='due'><b>{escape(due_text)}: {format_yuan(data.due_fen)}</b> &nbsp; "
                     f"{escape(now_text)}: {escape(balance_text(data.balance_fen))}</p>")
        if data.advice is not None:
            a = data.advice
            offer = self.tr("A cheaper plan for you: {plan}, about {saving} yuan a month less.").format(
                plan=a.plan_name, saving=format_yuan(a.saving_month_fen))
            parts.append(f"<p class='advice' id='billAdvice'>{escape(offer)}<br/>"
                         f"<span class='note'>{escape(a.reason)}</span></p>")
        parts.append("<table class='items' width='100%'>")
        for group in data.groups:
            parts.append(f"<tr><td class='group' colspan='2'>{escape(group.name)}</td>"
                         f"<td class='group amount'>{format_yuan(group.subtotal_fen)}</td></tr>")
            for line in group.lines:
                note = line.explanation
                if line.sp_code:
                    note = f"{note} · {line.sp_name} · {line.service_code}"
                parts.append(f"<tr><td>&nbsp;&nbsp;{escape(line.name)}</td><td class='note'>{escape(note)}</td>"
                             f"<td class='amount'>{format_yuan(line.amount_fen)}</td></tr>")
        parts.append(f"<tr><td class='total' colspan='2'>{escape(total_text)}</td>"
                     f"<td class='total amount'>{format_yuan(data.total_fen)}</td></tr></table><br/>")
        if data.credit_lines:
            parts.append(f"<h3>{escape(credits_title)}</h3>"
                         "<table class='items' width='100%'>")
            for c in data.credit_lines:
                where = c.hall if c.confirmed else self.tr("{hall}, not yet on the hub").format(hall=c.hall)
                parts.append(f"<tr><td>{c.day:%Y-%m-%d}</td><td>{escape(c.name)}</td>"
                             f"<td class='note'>{escape(c.ref)} {escape(where)}</td>"
                             f"<td class='amount'>{format_yuan(c.amount_fen)}</td></tr>")
            parts.append("</table><br/>")
        summary = [
            (self.tr("Opening balance"), balance_text(data.opening_fen)),
            (self.tr("Charges of this month"), format_yuan(data.charges_fen)),
            (self.tr("Payments and credits"), format_yuan(data.credits_fen)),
            (self.tr("Closing balance"), balance_text(data.closing_fen)),
            (self.tr("Entries since this month"), format_yuan(data.later_fen)),
            (now_text, balance_text(data.balance_fen)),
        ]
        parts.append("<table align='right'>")
        parts += [f"<tr><td>{escape(k)}</td><td class='amount'>{escape(v)}</td></tr>" for k, v in summary]
        parts.append(f"<tr><td class='due'>{escape(due_text)}</td>"
                     f"<td class='due amount'>{format_yuan(data.due_fen)}</td></tr></table>")
        if data.club is not None:
            c = data.club
            title = self.tr("Club privileges: {tier} {member_no}").format(tier=c.tier_name, member_no=c.member_no)
            parts.append(f"<br clear='all'/><h3>{escape(title.strip())}</h3><ul>")
            parts += [f"<li>{escape(p)}</li>" for p in c.privileges]
            parts += [f"<li>{escape(o)}</li>" for o in c.partner_offers]
            parts.append("</ul>")
        self.setHtml("".join(parts))


class FeeStandardsView(QTextBrowser):
    """收费项目及标准 on screen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("feeStandardsView")
        self.document().setDefaultStyleSheet(_css(NORMAL))

    def show_fees(self, data: FeeStandardsData) -> None:
        def section(title: str, lines, with_price: bool = True) -> str:
            rows = "".join(
                f"<tr><td>{escape(f.name)}</td>"
                + (f"<td class='amount'>{escape(f.price)}</td>" if with_price else "")
                + f"<td class='note'>{escape(f.note)}</td></tr>" for f in lines)
            return f"<h3>{escape(title)}</h3><table class='items' width='100%'>{rows}</table>"

        title = self.tr("Fee standards")
        self.setHtml(f"<h2>{escape(title)}</h2>"
                     + section(self.tr("Business fees"), data.fees)
                     + section(self.tr("Value-added (SP) services"), data.sp_services)
                     + section(self.tr("Business procedures"), data.procedures, with_price=False))


def record_lines(data: RecordsData | None) -> list[RecordLine]:
    """The detailed records' lines, day after day, for ``records_model``."""
    return [line for day in data.days for line in day.lines] if data else []


def _direction(line: RecordLine) -> str:
    if line.kind == "data":
        return ""
    return translate("RecordsModel", "out") if line.direction == "out" else translate("RecordsModel", "in")


def _duration(line: RecordLine) -> str:
    minutes, seconds = divmod(line.duration_s, 60)
    return f"{minutes}:{seconds:02d}" if line.kind == "call" else ""


def _volume(line: RecordLine) -> str:
    return f"{line.volume_kb:,}" if line.kind == "data" else ""


def records_model(parent=None) -> RowsModel:
    """Detailed records, one row per call, SMS or data session (``record_lines``); duration,
    volume and fee aligned right and sorted by their numbers."""
    return RowsModel([
        Column(translate("RecordsModel", "Time"), lambda line: f"{line.started_at:%m-%d %H:%M:%S}",
               key=lambda line: line.started_at),
        Column(translate("RecordsModel", "Type"), lambda line: line.kind_name),
        Column(translate("RecordsModel", "Direction"), _direction),
        Column(translate("RecordsModel", "Other party"), lambda line: line.other_party),
        Column(translate("RecordsModel", "Location"), lambda line: line.location),
        Column(translate("RecordsModel", "Duration"), _duration, numeric=True, key=lambda line: line.duration_s),
        Column(translate("RecordsModel", "Data (KB)"), _volume, numeric=True, key=lambda line: line.volume_kb),
        Column(translate("RecordsModel", "Fee (yuan)"), lambda line: format_yuan(line.fee_fen), numeric=True,
               key=lambda line: line.fee_fen),
    ], parent)
