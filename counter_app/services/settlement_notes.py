"""What the day close (日结) tells a manager who cannot close now, and how it names a PC
(``services/settlement.py``, docs/dayclose.md)."""

from __future__ import annotations

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.services.hall_day import TerminalState

FIGURES_CHANGED = QT_TRANSLATE_NOOP("Errors", "Payments or handovers came in after these figures were read "
                                             "(newest payment {newest}). Look at the new figures, then close "
                                             "the day.")
NOT_ALL_IN = QT_TRANSLATE_NOOP("Errors", "Other PCs of the hall may still hold payments of {date} the hub has not "
                                         "seen: {terminals}. Let them sync, or close with them named on the sheet.")
HUB_SILENT = QT_TRANSLATE_NOOP("Errors", "The hub does not answer: only this PC's payments of {date} can be counted. "
                                         "Try again, or close with this named on the sheet (the other PCs' "
                                         "payments then go to a later close).")
CLOSED_ELSEWHERE = QT_TRANSLATE_NOOP("Errors", "The business day {date} was closed at PC {terminal} by {who} at "
                                               "{at}. This PC takes no more business for it after its next sync.")


def terminal_label(t: TerminalState) -> str:
    """A PC as the manager knows it: its id and the counters it served that day."""
    return f"{t.terminal} ({', '.join(str(c) for c in t.counters)})" if t.counters else t.terminal
