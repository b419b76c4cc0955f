"""A hall's day close (日结) in the simulation, made as a hall makes it: at the hall's queue PC,
by its manager, through the hub (the whole hall's rows, each PC's state; docs/dayclose.md),
after both PCs have synced the day; then a sync, so the close reaches the hub and, at their
next sync, the hall's other PC:
``python -m tools.sim.close DB --date D --manager NO --hub URL``.

Prints ``FACT dayclose id`` once closed (or found closed: a replay) and ``CLOSED``. A close the
hub path refuses (a PC of the hall not in, the hub not answering) fails the run with its
message: the simulation's PCs have all synced by then, so a refusal is a finding."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from counter_app import clock
from counter_app.db import open_database
from counter_app.errors import UserError
from counter_app.models import DayClose, Staff
from counter_app.services import settlement
from counter_app.services.session import open_session
from counter_app.sync.lookup import HubLookup
from counter_app.sync.runner import sync_once

CLOSES_AT = dt.time(18, 30)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="tools.sim.close")
    p.add_argument("db")
    p.add_argument("--date", required=True)
    p.add_argument("--manager", required=True)
    p.add_argument("--hub", required=True)
    args = p.parse_args(argv)
    day = dt.date.fromisoformat(args.date)
    open_database(args.db)
    clock.set_clock(clock.FrozenClock(dt.datetime.combine(day, CLOSES_AT)))
    boss = open_session(counter_number=None)
    boss.staff = Staff.get_by_id(args.manager)
    boss.hub = HubLookup(args.hub)
    closed = DayClose.get_or_none((DayClose.hall == boss.hall_code) & (DayClose.business_date == day))
    if closed is None:
        try:
            closed = settlement.close_day(boss, day)
        except UserError as exc:
            print(f"close of {day} refused: {exc.text()}", file=sys.stderr)
            return 4
    print("FACT", "dayclose", closed.id.hex, flush=True)
    clock.set_clock(None)  # the sync runs on the PC's own clock, as every sync of the run
    sync_once(args.hub)
    print("CLOSED", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
