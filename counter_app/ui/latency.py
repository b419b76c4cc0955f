"""Keeping the GUI thread answering while workers build documents.

Workers and the GUI thread share one interpreter lock. Python's cyclic garbage collector
runs with that lock held; a full collection walks every tracked object of the process, and
once the CJK font is loaded (tens of thousands of glyph entries) a full collection in a
worker building a PDF kept the window from painting for 0.1–0.7 s
(``benchmarks/bench_gui_stall.py``). So, at start-up:

- :func:`settle_memory` moves what exists after start-up into the collector's permanent
  generation (``gc.freeze``): those objects live as long as the program and are never walked
  again; later collections only look at what the day's work creates; and it stops Python
  from starting full collections by itself: :class:`QuietCollector` runs them when nobody
  waits for the window;
- :func:`preload_fonts` loads the font that every document embeds once, in a worker, and
  settles memory again afterwards, so the first receipt of the day neither waits for the
  font nor drags it through a full collection; it also starts the helper process that builds
  long documents away from the interpreter lock (``documents/apart.py``).
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QCoreApplication, QObject, QTimer

log = logging.getLogger(__name__)


QUIET_S = 30  # no op started or delivered for this long: nobody waits for the window
FULL_EVERY_S = 600  # at most one full collection in ten minutes
FULL_AT_LEAST_S = 3600  # and one at least every hour, quiet or not (whenever no op runs)
CHECK_S = 15
_NO_AUTOMATIC_FULL = 1_000_000  # gen-2 threshold: a full collection never starts by itself


def settle_memory() -> None:
    """Collect once, then exempt every surviving object from later collections; from now on
    only the quiet collector (:class:`QuietCollector`) runs full collections."""
    gc.collect()
    gc.freeze()
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, _NO_AUTOMATIC_FULL)


class QuietCollector(QObject):
    """Full garbage collections when nobody is waiting for the window.

    A full collection walks every object the day's work left alive (tens of thousands after a
    sync or a busy-day summary: 50–110 ms of CPU measured, three times that in wall time on a
    busy PC) with the interpreter lock held, whichever thread starts it. Left to Python, it
    starts at an arbitrary allocation, usually in a worker building a document, and the
    window freezes meanwhile. Young collections still run as usual (a few ms); the full one
    runs here, on the GUI thread, once no op has started or delivered for :data:`QUIET_S`
    seconds (the clerk asked for nothing: no search, payment, print or refresh), at most
    every :data:`FULL_EVERY_S` seconds, and at least every :data:`FULL_AT_LEAST_S` seconds
    (then whenever no op runs) so memory stays bounded. Keys and clicks are not watched: an
    event filter on the application would run Python for every event of every widget, which
    cost more than it saved."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.last_full = time.monotonic()
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_S * 1000)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self, now: float | None = None) -> bool:
        """Collect if the moment is right; returns whether it did."""
        from counter_app.ui import ops

        now = time.monotonic() if now is None else now
        if ops.busy():
            return False
        # Compared with the moments they fall due: ``now - last_full`` can come out a hair
        # under the hour for a ``now`` that is exactly the hour later (floating point).
        quiet = now >= ops.last_activity() + QUIET_S  # no op runs (above)
        if not ((quiet and now >= self.last_full + FULL_EVERY_S) or now >= self.last_full + FULL_AT_LEAST_S):
            return False
        started = time.perf_counter()
        found = gc.collect()
        self.last_full = time.monotonic()
        self.collections += 1
        log.debug("full garbage collection: %d objects freed in %.0f ms", found, (time.perf_counter() - started) * 1000)
        return True


def start_quiet_collection(app: QCoreApplication) -> QuietCollector:
    """Install the collector for the program's life (after :func:`settle_memory`)."""
    return QuietCollector(app)


def preload_fonts(parent=None) -> None:
    """Load the documents' font and start the document helper process in a worker; settle
    memory when both are ready."""
    from counter_app.ui.ops import Op

    def load() -> None:
        from counter_app.documents import apart
        from counter_app.documents.fonts import register_fonts

        register_fonts()
        apart.warm_up()  # the helper process that builds long documents (documents/apart.py)

    def failed(exc: BaseException) -> None:
        # The first document will load it (and report a missing font to the user then).
        log.warning("the document font could not be loaded in advance: %s", exc)

    Op(parent, load).success(lambda _r: settle_memory()).failure(failed).run()
