"""Which calls the calling display announces: each call once, and after a (re)start none of
the calls made before it.

The display reads the shared queue every second (``queue.hall_status``: the latest calls,
newest first). A call it has not seen in an earlier read is new: it is put up, spoken and
flashed, oldest first so the screen ends on the newest. The first read of a display that
just started only learns which calls exist; it announces none of them, and it puts up the
latest call (silently) only while that customer is still at the counter, so a display
restarted during the day never calls an old number again. Kept apart from the window so
the rule runs the same in the display and in the simulated month (docs/reliability.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from counter_app.services.queue_reads import CallView, CounterView, QueueStatus


@dataclass
class DisplayUpdate:
    fresh: list[CallView] = field(default_factory=list)  # to put up and speak, oldest first
    current: CallView | None = None  # a started display's latest call still being served: shown, not spoken


class CallTracker:
    def __init__(self) -> None:
        self.seen: set[str] | None = None  # None until the first read

    def read(self, status: QueueStatus, *, showing: bool) -> DisplayUpdate:
        """What this read of the queue announces; ``showing``: a call is on the screen already."""
        calls = status.calls
        first = self.seen is None
        fresh = [] if first else [c for c in reversed(calls) if c.event_id not in (self.seen or set())]
        self.seen = (self.seen or set()) | {c.event_id for c in calls}
        update = DisplayUpdate(fresh)
        if calls and not showing and not fresh and _still_served(calls[0], status.counters):
            update.current = calls[0]
        return update


def _still_served(call: CallView, counters: list[CounterView]) -> bool:
    return any(c.number == call.counter_number and c.current_code == call.code for c in counters)
