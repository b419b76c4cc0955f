"""Drill scoring, worked out by hand (docs/training.md): 100 less the mistakes' points less the
time penalty floor(20 × over / standard), at most 30, never below 0."""

from __future__ import annotations

import datetime as dt

import pytest

from counter_app.services.drills import Observed, SeenOrder, SeenPayment, score_attempt, time_penalty

T = dt.datetime(2026, 11, 25, 10, 0)
PLAN_CHANGE = {"verify": True, "orders": [{"business": "plan_change", "fields": {"plan": "SQ18"}}],
               "payments": [{"method": "cash", "amount": 10820}]}


def order(business="plan_change", plan="SQ18", signed=True, minute=3):
    return SeenOrder(business, {"plan": plan}, signed, T + dt.timedelta(minutes=minute))


def pay(amount=10820, method="cash", minute=5, reversed=False):
    return SeenPayment(method, amount, T + dt.timedelta(minutes=minute), reversed)


@pytest.mark.parametrize(("elapsed", "standard", "penalty"), [
    (480, 480, 0),      # on the standard time
    (479, 480, 0),
    (600, 480, 5),      # 120 s over 480: floor(20 × 120 / 480) = 5
    (959, 480, 19),     # floor(20 × 479 / 480) = 19
    (960, 480, 20),     # twice the standard time: 20
    (1200, 480, 30),    # floor(20 × 720 / 480) = 30
    (5000, 480, 30),    # at most 30
])
def test_the_time_penalty(elapsed, standard, penalty):
    assert time_penalty(elapsed, standard) == penalty


def test_a_plan_change_done_right_within_the_standard_time_scores_100():
    scored = score_attempt(PLAN_CHANGE, Observed((order(),), (pay(),), verified=True), 480, 300)
    assert (scored.score, scored.mistakes, scored.complete) == (100, (), True)
    assert scored.finished_at == T + dt.timedelta(minutes=5)  # the receipt was the last thing committed


def test_the_wrong_plan_the_wrong_amount_and_no_identity_check_are_three_mistakes_and_time_counts_too():
    observed = Observed((order(plan="RY38"),), (pay(amount=10000),), verified=False)
    scored = score_attempt(PLAN_CHANGE, observed, 480, 600)
    assert [m.kind for m in scored.mistakes] == ["wrong_plan", "wrong_amount", "skipped_identity_check"]
    assert (scored.mistakes[0].expected, scored.mistakes[0].found) == ("SQ18", "RY38")
    assert scored.time_penalty == 5
    assert scored.score == 100 - 20 - 20 - 20 - 5 == 35


def test_a_missing_signature_a_wrong_method_and_a_business_not_asked_for():
    observed = Observed((order(signed=False), order(business="sp_cancel", minute=4)), (pay(method="pos"),), True)
    scored = score_attempt(PLAN_CHANGE, observed, 480, 400)
    assert sorted(m.kind for m in scored.mistakes) == ["missing_signature", "wrong_business", "wrong_method"]
    assert scored.score == 100 - 15 - 20 - 10 == 55


def test_nothing_done_scores_what_is_left_and_is_not_complete():
    scored = score_attempt(PLAN_CHANGE, Observed(), 480, 2000)
    assert [m.kind for m in scored.mistakes] == ["not_done", "not_done", "skipped_identity_check"]
    assert not scored.complete and scored.finished_at is None
    assert scored.score == 0  # 100 − 40 − 40 − 20 − 30, never below 0


def test_a_reversed_payment_and_a_payment_too_many_are_mistakes_the_right_one_still_counts():
    observed = Observed((order(),), (pay(amount=1000, minute=4, reversed=True), pay(), pay(amount=200, minute=6)),
                        True)
    scored = score_attempt(PLAN_CHANGE, observed, 480, 300)
    assert sorted(m.kind for m in scored.mistakes) == ["extra_payment", "payment_reversed"]
    assert scored.score == 80 and scored.complete


def test_values_are_compared_as_the_form_stores_them():
    expect = {"orders": [{"business": "sp_dispute", "fields": {"subscription": "01a22ddd791171c48e93664ec56d5ba5",
                                                                 "action": "refund"}}]}
    seen = SeenOrder("sp_dispute", {"subscription": "01a22ddd-7911-71c4-8e93-664ec56d5ba5", "action": "refund"},
                     True, T)
    assert score_attempt(expect, Observed((seen,)), 600, 100).score == 100
