"""The demo hall's month of training and supervision, so the Training and Service checks tabs
and the year's evaluation show figures on first start: an inspector (7001 孙敏), an assessment
of this month over the four drills, about a month of drills by the four clerks, spot checks
and mystery-shopper visits, and this year's standard-hall checklist.

Written like the rest of the demo's history (bulk, no outbox): they are the hall's past.
Deterministic for a seed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from typing import Any

from counter_app import clock
from counter_app.ids import uuid7
from counter_app.models import DrillResult, Inspection, Setting, db
from counter_app.models.base import unsynced_writes
from counter_app.services import drills, scorecards
from counter_app.services.assessments import SETTING_KEY as ASSESSMENTS_KEY
from counter_app.services.drills import PENALTY, time_penalty

INSPECTOR = ("7001", "孙敏")
# How sure-handed each clerk is: the chance of each mistake, and how their time runs.
CLERKS = {"1001": (0.10, 0.85), "1002": (0.25, 1.10), "1003": (0.15, 0.95), "1004": (0.05, 0.80)}
COMMON_MISTAKES = ("skipped_identity_check", "wrong_amount", "wrong_plan", "missing_signature", "wrong_method")


def build_supervision_demo(hall_code: str, seed: int = 20041001) -> dict[str, int]:
    """Add the demo's assessment, drills and checks to the bound database (once)."""
    if DrillResult.select().where(DrillResult.hall == hall_code).exists():
        return {"drills": 0, "checks": 0}
    rng = random.Random(seed + 18)
    today = clock.today()
    now = clock.now()
    last = today.replace(day=calendar.monthrange(today.year, today.month)[1])
    # Early in a month the assessment also takes in the month before, so the demo's standings
    # show the month of drills it has (a fresh month would show none).
    first = today.replace(day=1) if today.day > 7 else (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    assessment = {"code": f"A{last:%Y%m}", "name": f"{last:%Y年%m月}业务考核", "drills": [d.code for d in drills.all_drills()],
                  "pass_mark": 80, "first": first.isoformat(), "last": last.isoformat(), "set_by": "2001"}
    catalogue = {d.code: d for d in drills.all_drills()}
    standards = {code: drills.standard_seconds(item) for code, item in catalogue.items()}
    results = []
    for staff_no, (slip, pace) in CLERKS.items():
        for back in sorted(rng.sample(range(1, 32), 7), reverse=True):
            day = today - dt.timedelta(days=back)
            code = rng.choice(list(catalogue))
            started = dt.datetime.combine(day, dt.time(rng.randrange(17, 19), rng.randrange(60)))
            standard = standards[code]
            elapsed = int(standard * pace * rng.uniform(0.75, 1.35))
            mistakes = [kind for kind in COMMON_MISTAKES if rng.random() < slip]
            score = max(0, 100 - sum(PENALTY[k] for k in mistakes) - time_penalty(elapsed, standard))
            results.append({"id": uuid7(), "hall": hall_code, "terminal": "demo", "created_at": started,
                            "staff_no": staff_no, "drill_code": code, "assessment": "", "started_at": started,
                            "finished_at": started + dt.timedelta(seconds=elapsed), "elapsed_s": elapsed,
                            "standard_s": standard, "keys": rng.randrange(12, 40),
                            "mistakes": [{"kind": k, "detail": "", "expected": "", "found": ""} for k in mistakes],
                            "score": score})
    checks = []
    card = scorecards.scorecard(scorecards.SERVICE)
    follow_ups = {"greeting": "晨会演练叫号问候用语，值班经理每日抽听", "identity": "重新学习实名制核验规定",
                  "slip": "受理单须经客户签字并交客户联", "clean": "每小时巡检营业厅环境",
                  "fees": "更换现行收费标准公示", "kiosk": "联系厂家检修自助终端"}
    for n, back in enumerate(sorted(rng.sample(range(2, 30), 7), reverse=True)):
        staff_no = list(CLERKS)[n % len(CLERKS)]
        scores = {item.code: item.points for item in card.items}
        weak = rng.sample(card.items, rng.randrange(1, 4))
        for item in weak:
            scores[item.code] = rng.randrange(0, item.points)
        worst = min(weak, key=lambda i: scores[i.code] / i.points)
        visited = dt.datetime.combine(today - dt.timedelta(days=back), dt.time(rng.randrange(9, 17), rng.randrange(60)))
        due = visited.date() + dt.timedelta(days=14)
        checks.append(_check(hall_code, "mystery_shopper" if n % 3 == 2 else "spot_check", card, scores, visited,
                             staff_no, 1 + n % 5, {worst.code: "当场指出"},
                             follow_ups.get(worst.code, "针对失分项目整改"), due, now))
    checklist = scorecards.scorecard(scorecards.STANDARD_HALL)
    scores = {item.code: item.points for item in checklist.items}
    scores.update(zone_vip=0, ss_two=0, mgmt_supervisors=0)
    visited = dt.datetime.combine(max(today.replace(month=1, day=1), today - dt.timedelta(days=20)), dt.time(10, 0))
    checks.append(_check(hall_code, "standard_hall", checklist, scores, visited, "", None,
                         {"zone_vip": "俱乐部会员专席尚未设置", "ss_two": "仅1台自助终端"},
                         "增设俱乐部会员专席", visited.date() + dt.timedelta(days=60), now))
    with db.atomic(), unsynced_writes():  # the hall's past: no outbox (docs/demo.md)
        DrillResult.insert_many(results).execute()
        Inspection.insert_many(checks).execute()
        Setting.insert(hall=hall_code, key=ASSESSMENTS_KEY, value=[assessment]).on_conflict_ignore().execute()
    return {"drills": len(results), "checks": len(checks)}


def _check(hall_code: str, kind: str, card: scorecards.Scorecard, scores: dict[str, int], visited: dt.datetime,
           staff_no: str, counter: int | None, notes: dict[str, str], follow_up: str, due: dt.date,
           now: dt.datetime) -> dict[str, Any]:
    return {"id": uuid7(), "hall": hall_code, "terminal": "demo", "created_at": min(now, visited + dt.timedelta(hours=2)),
            "kind": kind, "scorecard": card.ref, "inspector_no": INSPECTOR[0], "inspector_name": INSPECTOR[1],
            "visited_at": visited, "staff_no": staff_no, "counter_number": counter,
            "score": sum(scores.values()), "max_score": card.points,
            "items": [{"code": i.code, "points": scores[i.code], "max": i.points, "note": notes.get(i.code, "")}
                      for i in card.items],
            "note": "", "follow_up": follow_up, "follow_up_due": due}
