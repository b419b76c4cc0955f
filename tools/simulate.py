#!/usr/bin/env python3
"""A hall's month in a box: two halls with two terminals each, a real PostgreSQL hub, a seeded
month of business through the app's services in separate processes, faults on a seeded schedule
(processes killed mid-payment and mid-sync, the hub stopped, the network cut, a backup
restored), then every figure reconciled. Exit status 0 when everything agrees; otherwise the
seed and the first divergent fact are printed (docs/reliability.md).

    .venv/bin/python tools/simulate.py --days 30 --seed 7
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tools.sim.reconcile import table  # noqa: E402
from tools.sim.run import START, Simulation, SimulationFailed  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--days", type=int, default=3, help="business days to simulate (default 3)")
    p.add_argument("--seed", type=int, default=1, help="the seed: the same seed replays the same run")
    p.add_argument("--visits", type=int, default=10, help="customers per terminal and day (default 10)")
    p.add_argument("--customers", type=int, default=150, help="customers on the hub (default 150)")
    p.add_argument("--faults-per-day", type=float, default=None,
                   help="random faults a day besides the six basic ones (default 0 for 3 days or fewer, else 1.5)")
    p.add_argument("--start", type=dt.date.fromisoformat, default=START,
                   help="the first business day (default 2026-10-05; a run across the 1st of a month has the "
                        "hub's bill run of the month before)")
    p.add_argument("--keep", metavar="DIR", help="keep the terminals' files in DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    args = p.parse_args(argv)
    per_day = args.faults_per_day if args.faults_per_day is not None else (0.0 if args.days <= 3 else 1.5)
    sim = Simulation(days=args.days, seed=args.seed, visits=args.visits, customers=args.customers,
                     faults_per_day=per_day, start=args.start, workdir=Path(args.keep) if args.keep else None,
                     log=lambda text: print(text, file=sys.stderr, flush=True))
    try:
        report = sim.run()
    except SimulationFailed as exc:
        print(f"seed {args.seed}: FAILED: {exc}", flush=True)
        return 1
    finally:
        sim.close(keep=bool(args.keep))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print("\n".join(report["events"]))
        print(table(report))
        print("counts: " + ", ".join(f"{k} {v:,}" for k, v in report["counts"].items()))
        print("timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in report["timings"].items()))
    if not report["ok"]:
        print(f"seed {args.seed}: FAILED: {report['first_divergence']}", flush=True)
        return 1
    print(f"seed {args.seed}: every figure agrees", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
