"""The halls' public keys travel through the hub: a receipt printed at hall A verifies at a
counter of hall B after its sync, a forged one does not, and the hub keeps a hall from
registering or changing keys that are not its own."""

from __future__ import annotations

import datetime as dt
import json

import psycopg
import pytest

from counter_app.documents import receipt
from counter_app.models import HallKey, Staff
from counter_app.services import payments, signing
from counter_app.services.session import open_session
from counter_app.sync.runner import sync_once
from tests.helpers import decode_qr, rasterize
from tests.test_sync.support import HALL_A, HALL_B, ROLE_A, ROLE_B, new_terminal, run_cli, take_payments, use

pytestmark = pytest.mark.postgres


def _register(conn, hall: str, key_id: str, data: dict) -> str:
    try:
        conn.execute("INSERT INTO setup_change (id, hall, terminal, created_at, hlc, target, key, data) "
                     "VALUES (gen_random_uuid(), %s, 'T-x', now(), '', 'signing_key', %s, %s)",
                     (hall, key_id, json.dumps(data)))
    except psycopg.Error as exc:
        return exc.diag.message_primary or type(exc).__name__
    return "applied"


def test_a_receipt_of_hall_a_verifies_at_hall_b_and_a_forged_one_does_not(tmp_path, hub, monkeypatch):
    # Each hall PC keeps its private keys in its own data folder.
    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(tmp_path / "pc-a"))
    use(new_terminal(tmp_path / "a.db"))
    url_a = hub.url_for(ROLE_A)
    sync_once(url_a)
    session = open_session()
    session.staff = Staff.get_by_id("1001")
    [paid] = take_payments(1)
    pdf = receipt.build(payments.receipt_data(session, paid.id))  # hall A's first signature makes its key
    [code] = decode_qr(rasterize(pdf, tmp_path, dpi=150)[0])
    key_id = signing.verify(code).key_id
    assert signing.verify(code).ok and signing.key_file(HALL_A, key_id).exists()
    report = sync_once(url_a)  # the public key goes up with the payment
    assert report.pushed.rejected == 0
    assert hub.scalar("SELECT terminal FROM hall_key WHERE hall = %s AND key_id = %s",
                      (HALL_A, key_id)) == session.terminal_id

    monkeypatch.setenv("COUNTER_APP_DATA_DIR", str(tmp_path / "pc-b"))
    b_db = tmp_path / "b.db"
    new_terminal(b_db)
    result = run_cli("--db", str(b_db), "verify", code, check=False, COUNTER_APP_LANG="en",
                     COUNTER_APP_DATA_DIR=str(tmp_path / "pc-b"))
    assert result.returncode == 3, result.stdout  # before its first sync, B does not know A's key
    use(b_db)
    sync_once(hub.url_for(ROLE_B))
    assert HallKey.get((HallKey.hall == HALL_A) & (HallKey.key_id == key_id)).public_key
    result = run_cli("--db", str(b_db), "verify", code, check=False, COUNTER_APP_LANG="en",
                     COUNTER_APP_DATA_DIR=str(tmp_path / "pc-b"))
    assert result.returncode == 0, result.stdout + result.stderr
    verdict = result.stdout.split("\n", 1)[1]  # after the line naming the database
    assert verdict.startswith(f"Valid: receipt {paid.receipt_no}, issued by hall {HALL_A} 济南泉城路营业厅")
    forged = code.replace(paid.receipt_no, paid.receipt_no[:-1] + "9")
    result = run_cli("--db", str(b_db), "verify", forged, check=False, COUNTER_APP_LANG="en",
                     COUNTER_APP_DATA_DIR=str(tmp_path / "pc-b"))
    assert result.returncode == 1 and result.stdout.split("\n", 1)[1].startswith("FORGED")
    # Hall B's own key is not hall A's: a code claiming hall A but signed by B is refused.
    b_code = signing.payload(HALL_B, "receipt", paid.receipt_no)
    claimed = b_code.replace(f"|{HALL_B}|", f"|{HALL_A}|")
    assert signing.verify(claimed).status in (signing.Status.UNKNOWN_KEY, signing.Status.FORGED)

    with hub.admin() as conn:
        public, since = conn.execute("SELECT public_key, valid_from::text FROM hall_key WHERE key_id = %s",
                                     (key_id,)).fetchone()
    mine = {"public_key": public, "valid_from": since}
    with psycopg.connect(hub.url_for(ROLE_B), autocommit=True) as conn:
        # B can neither register a key under A's name nor take A's key id for itself.
        assert "row-level security" in _register(conn, HALL_A, key_id, mine)
        assert "malformed" in _register(conn, HALL_B, "00000000", mine)
    with psycopg.connect(hub.url_for(ROLE_A), autocommit=True) as conn:
        # A cannot put another public key or another start behind a registered id...
        other = signing._public_raw(signing.Ed25519PrivateKey.generate()).hex()
        assert "malformed" in _register(conn, HALL_A, key_id, {**mine, "public_key": other})
        assert "registered already" in _register(conn, HALL_A, key_id, {**mine, "valid_from": "2020-01-01"})
        # ... and a key's validity may end, but never be extended or reopened.
        assert _register(conn, HALL_A, key_id, {**mine, "valid_until": "2030-01-01"}) == "applied"
        assert _register(conn, HALL_A, key_id, {**mine, "valid_until": "2031-01-01"}) == "applied"
        assert _register(conn, HALL_A, key_id, mine) == "applied"
    with hub.admin() as conn:
        assert conn.execute("SELECT public_key, valid_until::text FROM hall_key WHERE hall = %s AND key_id = %s",
                            (HALL_A, key_id)).fetchone() == (public, "2030-01-01")

    # Hall A's PC is stolen: the hub's administrator ends its key the day before; after its next
    # sync hall B refuses the key's codes dated later, such as the receipt above.
    day_before = (signing.verify(code).issued - dt.timedelta(days=1)).isoformat()
    result = run_cli("hub", "end-key", "--url", hub.admin_url, "--hall", HALL_A, "--key", key_id, "--on", day_before)
    # after the line naming the hub it used (--url)
    assert result.stdout.strip().splitlines()[-1] == f"signing key {key_id} of hall {HALL_A} valid until {day_before}"
    assert run_cli("hub", "end-key", "--url", hub.admin_url, "--hall", HALL_A, "--key", "00000000",
                   check=False).returncode == 2
    sync_once(hub.url_for(ROLE_B))
    result = run_cli("--db", str(b_db), "verify", code, check=False, COUNTER_APP_LANG="en",
                     COUNTER_APP_DATA_DIR=str(tmp_path / "pc-b"))
    assert result.returncode == 4 and result.stdout.split("\n", 1)[1].startswith("Expired key:"), result.stdout
