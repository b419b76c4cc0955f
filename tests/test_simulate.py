"""The hall's month in a box, short: two halls with two terminals each and a real PostgreSQL
hub through two business days across a month boundary (the hub's bill run between them, an
SP charge refunded), SIM replacements and PUK unlocks, cross-city payments and the halls'
calling displays, with a terminal killed inside a payment, a sync killed at a step, the hub stopped, the
network cut, a terminal's clock off by minutes, a backup killed while copying and a calling
display killed; then every figure reconciled (tools/simulate.py,
docs/reliability.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from tools.sim.reconcile import reconcile, table
from tools.sim.run import Simulation

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
SEED = 26


@pytest.mark.timeout(900)
def test_two_days_of_two_halls_with_faults_reconcile_and_a_tampered_fact_is_named(pg_server, tmp_path):
    # Saturday 31 October and Sunday 1 November: the hub's bill run of October in between.
    sim = Simulation(days=2, seed=SEED, visits=8, customers=100, workdir=tmp_path / "sim", server=pg_server,
                     log=lambda text: None, start=dt.date(2026, 10, 31))
    try:
        report = sim.run()
        assert report["ok"], f"seed {SEED}: {report['first_divergence']}\n{table(report)}"
        happened = "\n".join(report["events"])
        for what in ("bill run 2026-10 on the hub", "killed inside a payment", "sync killed", "hub stopped", "cut during the run",
                     "min off the hall's all day", "backup killed while copying"):
            assert what in happened, happened
        counts = report["counts"]
        # Business of every kind went through, and the faults made syncs fail on the way.
        assert counts["payment"] > 20 and counts["reversals"] > 0 and counts["service_order"] > 0
        assert counts["ticket"] > 10 and counts["day_close"] == 4 and counts["shift_handover"] == 8
        assert counts["failed syncs"] >= 3
        by_check = {row["check"]: row for row in report["checks"]}
        assert by_check["ledger: each account's balance and entries equal at its terminals and the hub"][
            "compared"] > 100
        assert by_check["daily summary: each terminal's day equals its rows on the hub"]["compared"] == 8
        # Each hall's day closed at its queue PC through the hub, every payment counted by one close.
        assert by_check["settlement: each hall's day closed through the hub, each payment counted by one close"][
            "compared"] == 4
        # October's bills reached both terminals of each hall once; an SP charge was refunded.
        assert by_check["bills: pulled once by every terminal of the hall, as on the hub"]["compared"] > 200
        assert counts["compensations"] > 0
        # The hall's whole mix: SIM businesses, cross-city payments, the calling display killed once.
        assert counts["sim_replace"] > 0 and counts["puk_unlock"] > 0 and counts["cross-city payments"] > 0
        assert counts["calls spoken by the displays"] > 10 and counts["display restarts"] == 1
        assert "calling display killed" in happened
        assert by_check["SIM cards: each line's cards equal at its hall's terminals and the hub, one working card"][
            "compared"] > 100

        # The reconciliation sees a difference: one ticket's state changed on the hub alone.
        with pg_server_connection(sim) as hub:
            row_id, code = hub.execute("SELECT id, code FROM ticket WHERE status = 'done' ORDER BY id LIMIT 1"
                                       ).fetchone()
            hub.execute("UPDATE ticket SET status = 'waiting' WHERE id = %s", (row_id,))
        again = reconcile(sim)
        assert not again["ok"] and again["seed"] == SEED
        assert again["first_divergence"].startswith(f"ticket {row_id.hex}") and "waiting on the hub" in \
            again["first_divergence"]

        # ... and a daily summary that no longer matches the rows: a cash payment turned WeChat on the hub.
        with pg_server_connection(sim) as hub:
            hub.execute("UPDATE ticket SET status = 'done' WHERE id = %s", (row_id,))
            hall, day = hub.execute("UPDATE payment SET method = 'wechat' WHERE id = (SELECT id FROM payment WHERE "
                                    "method = 'cash' AND kind = 'payment' ORDER BY id LIMIT 1) "
                                    "RETURNING hall, business_date").fetchone()
        again = reconcile(sim)
        assert not again["ok"]
        assert again["first_divergence"].startswith("daily summary of ") and f"{day}: payments" in \
            again["first_divergence"], again["first_divergence"]

        # ... a call the display spoke again (as a display restarted with the old rule would) ...
        queue_pc = next(t for t in sim.terminals if t.queue and t.displayed)
        spoken = next(x for x in queue_pc.displayed if x[2].startswith("SPOKEN"))
        queue_pc.displayed.append((spoken[0], spoken[1] + 1, spoken[2]))
        again = reconcile(sim)
        assert again["first_divergence"] == f"{queue_pc.name}: the call {spoken[2].split()[1]} was spoken 2 times " \
            f"(display, day: {[(spoken[0], spoken[1]), (spoken[0], spoken[1] + 1)]})", again["first_divergence"]

        # ... and a SIM card the hub holds otherwise than the hall's PCs.
        with pg_server_connection(sim) as hub:
            card = hub.execute("UPDATE sim_card SET status = 'retired' WHERE id = (SELECT id FROM sim_card WHERE "
                               "status = 'active' ORDER BY id LIMIT 1) RETURNING id").fetchone()[0]
        again = reconcile(sim)
        assert again["first_divergence"].startswith(f"SIM card {card.hex}:"), again["first_divergence"]
    finally:
        sim.close(keep=True)


def pg_server_connection(sim):
    import psycopg

    return psycopg.connect(sim.server.url(sim.terminals[0].dbname), autocommit=True)
