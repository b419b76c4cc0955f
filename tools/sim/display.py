"""The hall's calling display for one business day, as its own process on the queue PC's file:
``python -m tools.sim.display DB --date D --hall JN001 --stop FILE``.

It reads the shared queue as the display window does (``queue.hall_status`` through
``services.display_calls.CallTracker``, the window's rule) and prints a line for each call it
would put up and speak (``SPOKEN event-id code counter``) and for the latest call a (re)started
display puts up silently while that customer is at the counter (``CURRENT ...``). The
simulation kills it at random and starts another; the reconciliation checks that no call was
spoken twice, none after a restart that was made before it, and each one spoken was made."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from counter_app import clock
from counter_app.db import open_database
from counter_app.services.display_calls import CallTracker
from counter_app.services.queue_reads import hall_status


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tools.sim.display")
    p.add_argument("db")
    p.add_argument("--date", required=True)
    p.add_argument("--hall", required=True)
    p.add_argument("--poll", type=float, default=0.3, help="seconds between reads (the window's is 1)")
    p.add_argument("--stop", required=True, help="a file whose appearance ends the day after one more read")
    args = p.parse_args(argv)
    open_database(args.db)
    clock.set_clock(clock.FrozenClock(dt.datetime.combine(dt.date.fromisoformat(args.date), dt.time(12))))
    tracker = CallTracker()
    showing = ready = False
    stop = Path(args.stop)
    while True:
        last = stop.exists()  # the day is over: this read is the last
        update = tracker.read(hall_status(args.hall), showing=showing)
        if update.current is not None:
            print("CURRENT", update.current.event_id, update.current.code, update.current.counter_number, flush=True)
            showing = True
        for call in update.fresh:
            print("SPOKEN", call.event_id, call.code, call.counter_number, flush=True)
            showing = True
        if not ready:
            print("READY", flush=True)  # the first read is done: calls from now on are new
            ready = True
        if last:
            print("STOPPED", flush=True)
            return 0
        time.sleep(args.poll)


if __name__ == "__main__":
    sys.exit(main())
