"""The training copy (培训模式): a separate SQLite file made from the hall's own, with every
customer's personal data replaced by fakes, for clerks to practise on.

How the copy is kept apart from the hall (docs/training.md):

* it is its own file (``hall.training.db`` beside ``hall.db``); a training process opens that
  file and never the hall's own for writing: the hall's file is read once through a read-only
  connection (``mode=ro``) and SQLite's backup API to make or reset the copy;
* the copy holds the hall's reference data (hall, counters, settings, staff, catalogue, lines,
  bills, ledgers) and none of its activity (tickets, orders, payments, complaints, audit trail,
  outbox): nothing of the hall's day is in it, and nothing of the copy's day leaves it;
* every customer's name, ID number (valid check digit), contact phone and address, every line's
  phone number (the same fake wherever the number appears: lines, contacts, call records), SIM
  serial, PUK and VIP number are replaced; every service password is 123456;
* the copy is marked (``sync_state`` ``training_copy``): the sync refuses it, its printouts
  carry the watermark and its QR codes are refused by live terminals (``counter_app.training``);
* the hall opens round the clock in the copy (training after hours) and its day is never
  closed.

The only thing that leaves a copy is the clerks' drill results (``drill_result``), brought into
the hall's own database by :func:`collect_results`, run by the live program.
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
import secrets
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from counter_app import clock, training
from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import DrillResult, db
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

log = logging.getLogger(__name__)

SERVICE_PASSWORD = "123456"
# Tables whose rows a copy keeps (reference data); every other table starts empty.
KEPT_TABLES = frozenset({
    "hall", "counter", "setting", "staff", "tariff_plan", "sp_provider", "sp_service", "business_type",
    "fee_standard", "queue_category", "customer", "account", "sim_card", "sp_subscription", "bill", "bill_item",
    "usage_record", "ledger_entry", "bill_run", "applied_order", "sync_state",
})
# Kept through a reset: results not yet brought into the hall's own database.
RESET_KEEPS = frozenset({"drill_result"})

NOT_A_FILE = QT_TRANSLATE_NOOP("Errors", "Training mode works on a terminal's own database file, not on a server.")
NO_HALL_FILE = QT_TRANSLATE_NOOP("Errors", "There is no hall database at {path} to make a training copy of.")
NOT_A_COPY = QT_TRANSLATE_NOOP("Errors", "{path} is not a training copy; it is left as it is.")
NOT_IN_TRAINING = QT_TRANSLATE_NOOP("Errors", "Only a training copy can be reset, and only in training mode.")


def _sqlite_file(url: str) -> Path:
    from counter_app.db import is_postgres_url, sqlite_path

    if is_postgres_url(url):
        raise UserError(NOT_A_FILE)
    return sqlite_path(url)


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that cannot write ``path`` (SQLite's ``mode=ro``)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def is_training_copy(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with _closing(_read_only(path)) as conn:
            return conn.execute("SELECT 1 FROM sync_state WHERE key = ?", (training.MARKER_KEY,)).fetchone() is not None
    except sqlite3.Error:
        return False


class _closing:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


def prepare_copy(live_url: str) -> Path:
    """The training copy of the hall database at ``live_url``, made now if there is none.
    Refuses a server URL, a missing hall file, and a file at the copy's place that is not a
    copy (it is never overwritten)."""
    live = _sqlite_file(live_url)
    if not live.exists():
        raise UserError(NO_HALL_FILE, path=str(live))
    target = training.training_path(live)
    if target.exists():
        if not is_training_copy(target):
            raise UserError(NOT_A_COPY, path=str(target))
        return target
    for stale in (target.with_name(target.name + "-wal"), target.with_name(target.name + "-shm")):
        stale.unlink(missing_ok=True)  # of a copy deleted by hand: they belong to no file now
    fresh = _build_from(live)
    os.replace(fresh, target)
    log.info("made the training copy %s from %s", target, live)
    return target


def _build_from(live: Path) -> Path:
    """A new training copy of ``live`` in a temporary file beside it (the caller moves it)."""
    handle, name = tempfile.mkstemp(prefix=f".{live.stem}.training-", suffix=".tmp", dir=live.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        with _closing(_read_only(live)) as source, _closing(sqlite3.connect(tmp)) as copy:
            source.backup(copy)
            _anonymise(copy, source_name=live.name)
            copy.commit()
        return tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# -- the fakes --------------------------------------------------------------------------------

class _Fakes:
    """Consistent fakes for one copy: the same real number always becomes the same fake."""

    def __init__(self, rng: random.Random, taken: set[str]) -> None:
        from faker import Faker

        self.rng = rng
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.randrange(2**32))
        self.phones: dict[str, str] = {}
        self.taken = set(taken)  # never hand out a number that is real here

    def phone(self, real: str) -> str:
        if not real:
            return real
        if real not in self.phones:
            head = real[:3] if len(real) == 11 and real.isdigit() else "130"
            while True:
                candidate = head + f"{self.rng.randrange(10**8):08d}"
                if candidate not in self.taken:
                    break
            self.taken.add(candidate)
            self.phones[real] = candidate
        return self.phones[real]

    def digits(self, value: str, keep: int, used: set[str]) -> str:
        """``value`` with every digit after the first ``keep`` characters replaced."""
        while True:
            out = value[:keep] + "".join(str(self.rng.randrange(10)) if c.isdigit() else c for c in value[keep:])
            if out not in used:
                used.add(out)
                return out


def _anonymise(conn: sqlite3.Connection, *, source_name: str = "") -> None:
    """Turn the copy of a hall database held by ``conn`` into a training copy (one transaction)."""
    from counter_app.services.demo import RegionPicker, make_id_number
    from counter_app.services.passwords import hash_light

    rng = random.Random(secrets.randbits(64))  # not derived from the data: the fakes tell nothing
    conn.execute("PRAGMA foreign_keys = OFF")
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                         "AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        if table not in KEPT_TABLES:
            conn.execute(f'DELETE FROM "{table}"')
    conn.execute("DELETE FROM sync_state WHERE key <> 'schema_version'")
    conn.execute("INSERT INTO sync_state (key, value) VALUES (?, ?)", (training.MARKER_KEY, json.dumps(
        {"made_at": clock.now().isoformat(sep=" ", timespec="seconds"), "from": source_name}, ensure_ascii=False)))
    conn.execute("UPDATE hall SET opens = '00:00', closes = '24:00'")
    conn.execute("UPDATE staff SET failed_attempts = 0, locked_until = NULL")
    city = (conn.execute("SELECT city FROM hall LIMIT 1").fetchone() or [""])[0]

    real_phones = {p for (p,) in conn.execute("SELECT phone FROM account")}
    real_phones |= {p for (p,) in conn.execute("SELECT phone FROM customer WHERE phone <> ''")}
    fakes = _Fakes(rng, real_phones)
    conn.executemany("UPDATE account SET phone = ? WHERE id = ?",
                     [(fakes.phone(phone), key) for key, phone in conn.execute("SELECT id, phone FROM account")])
    conn.execute("UPDATE account SET service_password_hash = ?", (hash_light(SERVICE_PASSWORD),))

    regions = RegionPicker()
    used_ids = {n for (n,) in conn.execute("SELECT id_number FROM customer")}
    used_vip = {n for (n,) in conn.execute("SELECT vip_member_no FROM customer WHERE vip_member_no IS NOT NULL")}
    rows = []
    for key, phone, vip in conn.execute("SELECT id, phone, vip_member_no FROM customer").fetchall():
        number = make_id_number(rng, regions, used_ids)
        male = int(number[16]) % 2 == 1
        name = fakes.fake.name_male() if male else fakes.fake.name_female()
        address = f"山东省{city}市{fakes.fake.street_address()}" if city else fakes.fake.address()
        rows.append((name, number, fakes.phone(phone), address, fakes.digits(vip, 1, used_vip) if vip else vip,
                     "resident", key))
    conn.executemany("UPDATE customer SET name = ?, id_number = ?, phone = ?, address = ?, vip_member_no = ?, "
                     "id_type = ? WHERE id = ?", rows)

    used_serials = {s for (s,) in conn.execute("SELECT serial FROM sim_card")}
    conn.executemany("UPDATE sim_card SET serial = ?, puk = ? WHERE id = ?",
                     [(fakes.digits(serial, 6, used_serials), f"{rng.randrange(10**8):08d}", key)
                      for key, serial in conn.execute("SELECT id, serial FROM sim_card").fetchall()])
    others = {}
    for (other,) in conn.execute("SELECT DISTINCT other_party FROM usage_record WHERE other_party <> ''"):
        others[other] = fakes.phones.get(other) or (fakes.phone(other) if re.fullmatch(r"1\d{10}", other)
                                                   else fakes.digits(other, min(3, len(other)), set()))
    # One pass over the call records (they have no index on the other party).
    conn.execute("CREATE TEMP TABLE fake_party (real TEXT PRIMARY KEY, fake TEXT NOT NULL)")
    conn.executemany("INSERT INTO fake_party VALUES (?, ?)", list(others.items()))
    conn.execute("UPDATE usage_record SET other_party = (SELECT fake FROM fake_party WHERE real = other_party) "
                 "WHERE other_party <> ''")
    conn.execute("DROP TABLE fake_party")


# -- inside a training process ----------------------------------------------------------------

def copy_info() -> dict[str, Any]:
    """When and from what the open training copy was made ({} when none is open)."""
    from counter_app.models import SyncState

    row = SyncState.get_or_none(SyncState.key == training.MARKER_KEY)
    return json.loads(row.value) if row else {}


def require_copy(url: str) -> None:
    """The open database must be a training copy (a training process opens nothing else)."""
    if not copy_info():
        raise UserError(NOT_A_COPY, path=url)


def activate_if_copy() -> bool:
    """Training mode for this process when the open database is a training copy."""
    try:
        marked = copy_info()
    except Exception:  # a database without the table yet (before its schema is made)
        marked = {}
    if marked and not training.is_active():
        training.activate()
    return training.is_active()


def reset_copy(session: Session, live_url: str) -> dict[str, Any]:
    """Make the open training copy afresh from the hall's database at ``live_url`` (read-only),
    in place and in one transaction, keeping the drill results not yet collected. Only in
    training mode, on a training copy."""
    require(session, Permission.SERVE)
    if not training.is_active() or not copy_info():
        raise UserError(NOT_IN_TRAINING)
    live = _sqlite_file(live_url)
    if not live.exists():
        raise UserError(NO_HALL_FILE, path=str(live))
    fresh = _build_from(live)
    try:
        db.execute_sql("ATTACH DATABASE ? AS fresh", (str(fresh),))
        try:
            with db.atomic():
                db.execute_sql("PRAGMA defer_foreign_keys = ON")
                theirs = {r[0] for r in db.execute_sql("SELECT name FROM fresh.sqlite_master WHERE type = 'table'")}
                mine = [r[0] for r in db.execute_sql("SELECT name FROM main.sqlite_master WHERE type = 'table' "
                                                     "AND name NOT LIKE 'sqlite_%'")]
                for table in mine:
                    if table in RESET_KEEPS:
                        continue
                    db.execute_sql(f'DELETE FROM main."{table}"')
                    if table not in theirs:
                        continue
                    here = [r[1] for r in db.execute_sql(f'PRAGMA main.table_info("{table}")')]
                    there = {r[1] for r in db.execute_sql(f'PRAGMA fresh.table_info("{table}")')}
                    columns = ", ".join(f'"{c}"' for c in here if c in there)
                    db.execute_sql(f'INSERT INTO main."{table}" ({columns}) SELECT {columns} FROM fresh."{table}"')
        finally:
            db.execute_sql("DETACH DATABASE fresh")
    finally:
        fresh.unlink(missing_ok=True)
    from counter_app.services import queue

    queue.forget_cached_reference()
    log.info("training copy reset from %s", live)
    return copy_info()


# -- in the hall's own program ----------------------------------------------------------------

def collect_results(session: Session) -> int:
    """Bring the drill results of this terminal's training copy into the hall's own database
    (each once; they then travel to the hub like any fact). Returns how many were new. Reads
    the copy read-only; does nothing in training mode or when there is no copy."""
    require(session, Permission.SERVE)
    if training.is_active() or not hasattr(db.obj, "database"):
        return 0
    try:
        copy = training.training_path(_sqlite_file(str(db.obj.database)))
    except UserError:
        return 0
    if not is_training_copy(copy):
        return 0
    with _closing(_read_only(copy)) as conn:
        conn.row_factory = sqlite3.Row
        try:
            rows = [dict(r) for r in conn.execute("SELECT * FROM drill_result WHERE hall = ?", (session.hall_code,))]
        except sqlite3.Error:
            return 0
    fields = DrillResult._meta.fields
    known = {r.id.hex for r in DrillResult.select(DrillResult.id)} if rows else set()
    new = 0
    with db.atomic():
        for raw in rows:
            values = {name: fields[name].python_value(raw[fields[name].column_name])
                      for name in fields if fields[name].column_name in raw}
            if values["id"].hex in known:
                continue
            DrillResult.create(**values)
            new += 1
    return new
