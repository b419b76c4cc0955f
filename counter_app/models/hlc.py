"""A hybrid logical clock (Kulkarni et al., 2014) for ordering edits of one row.

A stamp is ``"<13-digit unix ms>.<4-digit counter>.<node>"``: plain string comparison is
time order. The physical part follows the wall clock while the clock moves forward; when the
wall clock stands still or goes back (a frozen test clock, an NTP step back, a clerk's PC
set hours wrong and then corrected) the counter advances instead, so stamps made here never
go backwards. :meth:`HybridClock.receive` merges a time seen elsewhere (the hub's clock at
each sync), so a terminal whose clock is hours behind still stamps its next edits after
everything it has seen.

This module has no database or Qt dependency; ``models/sync.py`` keeps one clock per
process and seeds it from the newest stamps in the local outbox.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

COUNTER_LIMIT = 10_000  # four digits; on overflow the physical part borrows a millisecond
NODE_WIDTH = 12


def format_stamp(ms: int, counter: int, node: str = "") -> str:
    return f"{ms:013d}.{counter:04d}.{node[-NODE_WIDTH:]}"


def parse_stamp(stamp: str) -> tuple[int, int]:
    """(physical ms, counter) of a stamp; ``(0, 0)`` for an empty or foreign value."""
    try:
        ms, counter = stamp.split(".")[:2]
        return int(ms), int(counter)
    except (ValueError, AttributeError):
        return 0, 0


class HybridClock:
    def __init__(self, wall_ms: Callable[[], int], node: str = "") -> None:
        self._wall_ms = wall_ms
        self.node = node
        self._ms = 0
        self._counter = 0
        self._lock = threading.Lock()

    def _advance_to(self, ms: int, counter: int) -> None:
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter

    def now(self, at_least: str = "") -> str:
        """A new stamp, later than every stamp made or received so far and than ``at_least``."""
        with self._lock:
            if at_least:
                self._advance_to(*parse_stamp(at_least))
            wall = self._wall_ms()
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            else:
                self._counter += 1
                if self._counter >= COUNTER_LIMIT:
                    self._ms, self._counter = self._ms + 1, 0
            return format_stamp(self._ms, self._counter, self.node)

    def receive(self, stamp_or_ms: str | int) -> None:
        """Merge a remote time: later local stamps will sort after it."""
        with self._lock:
            if isinstance(stamp_or_ms, int):
                self._advance_to(stamp_or_ms, 0)
            else:
                self._advance_to(*parse_stamp(stamp_or_ms))

    def last(self) -> str:
        with self._lock:
            return format_stamp(self._ms, self._counter, self.node) if self._ms else ""
