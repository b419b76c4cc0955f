"""An SP charge is refunded once however many counter PCs the hall has (found by the simulated
month: two PCs of one hall each refunded the same charge, the customer was credited twice and
the hub refused the second claim, which stayed in the outbox). Each PC knows only its own
claims, so the hub holds the charge before a PC pays (sync/hub_claims.py)."""

from __future__ import annotations

import pytest

from counter_app.errors import Conflict
from counter_app.models import Account, Bill, BillItem, Payment, SpClaim, Staff
from counter_app.services import complaint_refunds as refunds
from counter_app.services import complaints
from counter_app.services.session import open_session
from counter_app.sync.lookup import HubLookup
from counter_app.sync.runner import sync_once
from tests.test_sync.support import ROLE_A, new_terminal, outbox_counts, use

pytestmark = pytest.mark.postgres


def _manager(hub_url: str | None, counter: int):
    session = open_session(counter_number=counter)
    session.staff = Staff.get_by_id("2001")  # signed in: approves beyond the clerk's limits
    session.hub = HubLookup(hub_url) if hub_url else None
    return session


def _dispute(session, account):
    return complaints.open_complaint(session, account_id=account.id, category="sp_charge",
                                     description="从未订购彩铃却每月扣费")


def _sp_charged_line() -> tuple[Account, int]:
    item = (BillItem.select(BillItem, Bill).join(Bill).where((BillItem.group == "sp") & (BillItem.amount_fen > 0))
            .order_by(Bill.period.desc(), BillItem.id).first())
    assert item is not None, "the demo hub's bills carry an SP charge"
    return Account.get_by_id(item.bill.account_id), item.id


def test_a_charge_refunded_at_one_pc_is_refused_at_the_other_before_any_sync(tmp_path, hub, frozen_clock):
    url = hub.url_for(ROLE_A)
    first, second = new_terminal(tmp_path / "pc1.db"), new_terminal(tmp_path / "pc2.db")
    for path in (second, first):
        use(path)
        sync_once(url)
    account, item_id = _sp_charged_line()

    # PC 1 refunds the charge; its claim has not reached the hub yet.
    pc1 = _manager(url, 1)
    disputed = _dispute(pc1, account)
    paid = refunds.compensate(pc1, disputed.id, bill_item_ids=[item_id], idempotency_key="pc1-refund")
    assert paid.claims == 1
    # The same dialog confirmed again (a replay after a crash) is the same refund.
    again = refunds.compensate(pc1, disputed.id, bill_item_ids=[item_id], idempotency_key="pc1-refund")
    assert again.repeated and again.payment_id == paid.payment_id

    # PC 2 of the same hall does not know PC 1's claim, but the hub does.
    use(second)
    pc2 = _manager(url, 2)
    complaint = _dispute(pc2, account)
    assert not next(i for i in refunds.refundable_items(pc2, complaint.id) if i.bill_item_id == item_id).claimed
    with pytest.raises(Conflict, match="already refunded at another counter or hall"):
        refunds.compensate(pc2, complaint.id, bill_item_ids=[item_id], idempotency_key="pc2-refund")
    assert not Payment.select().where(Payment.kind == "compensation").exists()  # nothing paid twice
    assert not SpClaim.select().exists()

    # Both PCs sync: nothing refused on the hub, one claim and one credit for the charge.
    for path in (first, second):
        use(path)
        report = sync_once(url)
        assert report.pushed.rejected == 0
        assert outbox_counts().get("rejected", 0) == 0
    assert hub.scalar("SELECT count(*) FROM sp_claim WHERE bill_item_id = %s", (item_id,)) == 1
    assert hub.scalar("SELECT count(*) FROM payment WHERE kind = 'compensation'") == 1


def test_while_the_hub_does_not_answer_the_refund_waits(tmp_path, hub, frozen_clock):
    url = hub.url_for(ROLE_A)
    use(new_terminal(tmp_path / "pc.db"))
    sync_once(url)
    account, item_id = _sp_charged_line()
    away = _manager(f"postgresql://{ROLE_A}@127.0.0.1:9/{hub.dbname}", 1)  # nothing answers on port 9
    complaint = _dispute(away, account)
    with pytest.raises(Conflict, match="hub cannot be reached"):
        refunds.compensate(away, complaint.id, bill_item_ids=[item_id], idempotency_key="off-1")
    assert not Payment.select().where(Payment.kind == "compensation").exists()
    # The hub is back: the same dialog refunds, once.
    paid = refunds.compensate(_manager(url, 1), complaint.id, bill_item_ids=[item_id], idempotency_key="off-1")
    assert paid.claims == 1 and not paid.repeated
