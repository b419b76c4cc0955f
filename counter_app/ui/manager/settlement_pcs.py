"""The settlement tab's view of a hall with several counter PCs: each PC's share of the day and
whether all of its payments can be in the figures (``services.hall_day``, docs/dayclose.md)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from counter_app.money import format_yuan
from counter_app.services.hall_day import HUB, TerminalState
from counter_app.services.settlement import CloseCheck, SettlementData
from counter_app.ui.manager.table_model import Column, RowsModel
from counter_app.ui.style import hex_colour


def state_text(t: TerminalState) -> str:
    """A PC's state as the manager reads it."""
    when = f"{t.reported_at:%m-%d %H:%M}" if t.reported_at else ""
    if t.state == "here":
        return QCoreApplication.translate("SettlementPcs", "this PC")
    if t.state == "in":
        return QCoreApplication.translate("SettlementPcs", "all sent (last sync {time})").format(time=when)
    if t.state == "unsent":
        return QCoreApplication.translate("SettlementPcs", "{count} entries not sent at {time}").format(count=t.pending, time=when)
    if t.state == "behind":
        return QCoreApplication.translate("SettlementPcs", "last sync {time}, before the hall closed").format(time=when)
    return QCoreApplication.translate("SettlementPcs", "never reported a sync")


def pc_label(t: TerminalState) -> str:
    if not t.counters:
        return t.terminal
    return QCoreApplication.translate("SettlementPcs", "{pc} (counters {counters})").format(pc=t.terminal, counters=", ".join(str(c) for c in t.counters))


class TerminalsModel(RowsModel):
    """Each PC of the hall: its counters, payments and net of the day, its state."""

    def __init__(self, parent=None) -> None:
        super().__init__([], parent, row_id=lambda t: t.terminal,
                         background=lambda t: hex_colour("warning_bg") if t.gap else None)
        self.columns = [
            Column(self.tr("PC"), pc_label),
            Column(self.tr("Payments"), lambda t: str(t.payments), numeric=True, key=lambda t: t.payments),
            Column(self.tr("Net"), lambda t: format_yuan(t.net_fen), numeric=True, key=lambda t: t.net_fen),
            Column(self.tr("State"), state_text, color=lambda t: hex_colour("danger") if t.gap else None),
        ]


def source_text(data: SettlementData) -> str:
    """Where the figures come from, and late payments carried into them."""
    parts = []
    if data.closed_at and HUB in data.not_in:  # what the close counted, whatever answers now
        parts.append(QCoreApplication.translate("SettlementPcs", "Closed while the hub did not answer: these figures are this PC's "
                                                "payments only. The other PCs' payments of this day go to the hall's next "
                                                "close made with the hub, listed there as carried."))
    elif data.source == "hub":
        parts.append(QCoreApplication.translate("SettlementPcs", "The whole hall's figures, from the hub and this PC."))
    elif data.source == "offline":
        parts.append(QCoreApplication.translate("SettlementPcs", "The hub does not answer: this PC's payments only."))
    if data.carried:
        parts.append(QCoreApplication.translate("SettlementPcs", "Includes {count} late payment(s) of closed days ({amount} yuan), listed on the sheet.")
                     .format(count=len(data.carried), amount=format_yuan(sum(p.amount_fen for p in data.carried))))
    if data.carried_handovers:
        parts.append(QCoreApplication.translate("SettlementPcs", "Includes {count} late handover(s) of closed days, listed on the sheet.")
                     .format(count=len(data.carried_handovers)))
    if data.closed_elsewhere is not None:
        terminal, who, at = data.closed_elsewhere
        parts.append(QCoreApplication.translate("SettlementPcs", "Closed at PC {pc} by {who} at {at}; this PC hears of "
                                                "it at its next sync.").format(pc=terminal, who=who,
                                                                                at=f"{at:%Y-%m-%d %H:%M}"))
    for who, at, net in data.gave_way:
        parts.append(QCoreApplication.translate("SettlementPcs", "This PC's close of this day ({who}, {at}, net {net} yuan) "
                                                "gave way to the close made at PC {pc}, which reached the hub first: "
                                                "that close counts, and the figures and sheet shown are its.")
                     .format(who=who, at=f"{at:%Y-%m-%d %H:%M}", net=format_yuan(net), pc=data.closed_terminal))
    missing = [t for t in data.not_in if t != HUB]
    if data.closed_at and missing:
        parts.append(QCoreApplication.translate("SettlementPcs", "Closed without waiting for: {pcs}.").format(pcs=", ".join(missing)))
    return " ".join(parts)


def gap_warnings(check: CloseCheck) -> list[str]:
    """The close check's PCs not in (and the hub not answering), as warnings."""
    out = []
    if HUB in check.gaps:
        out.append(QCoreApplication.translate("SettlementPcs", "The hub does not answer: only this PC's payments are counted; the other PCs' payments of "
                       "this day go to a later close."))
    missing = [t for t in check.terminals if t.gap]
    if missing:
        out.append(QCoreApplication.translate("SettlementPcs", "These PCs may still hold payments the hub has not seen: {pcs}. Closing now goes ahead "
                       "without them and names them on the sheet; their late payments go to the next close.")
                   .format(pcs="; ".join(f"{pc_label(t)}: {state_text(t)}" for t in missing)))
    return out
