"""Time-ordered UUIDs (RFC 9562 version 7).

Rows written at a terminal get their id when they are created, not when they are sent, so a
resend of the same row is recognisably the same row. Version 7 keeps ids in creation order,
which keeps B-tree inserts at the right-hand edge on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import os
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0
# Random bytes drawn from the system 4 KB at a time (one call to the kernel per 500 ids, not
# one per id: a million-customer demo makes some 3.5 million ids).
_POOL_SIZE = 4096
_pool = b""
_pos = 0
_RAND62 = (1 << 62) - 1


def _forget_pool() -> None:
    global _pool, _pos
    _pool, _pos = b"", 0


os.register_at_fork(after_in_child=_forget_pool)  # a child must not repeat its parent's bytes


def _random_bytes(n: int) -> bytes:
    """``n`` bytes of the system's random source (call with the lock held)."""
    global _pool, _pos
    if _pos + n > len(_pool):
        _pool, _pos = os.urandom(_POOL_SIZE), 0
    chunk = _pool[_pos:_pos + n]
    _pos += n
    return chunk


def _uuid7_int() -> int:
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms += 1
                _counter = 0
            ms = _last_ms
        else:
            _last_ms = ms
            _counter = int.from_bytes(_random_bytes(2), "big") & 0x3FF  # leave headroom
        rand = int.from_bytes(_random_bytes(8), "big") & _RAND62
        return (ms & 0xFFFF_FFFF_FFFF) << 80 | 0x7 << 76 | _counter << 64 | 0b10 << 62 | rand


def uuid7() -> uuid.UUID:
    """A v7 UUID: 48-bit Unix milliseconds, then a 12-bit counter that keeps ids monotonic
    within one millisecond in this process, then 62 random bits."""
    return uuid.UUID(int=_uuid7_int())


def uuid7_hex() -> str:
    """``uuid7().hex`` without making the UUID object: the 32 hex digits a UUID is stored as
    on SQLite, for rows written in bulk."""
    return f"{_uuid7_int():032x}"


def uuid7_time_ms(value: uuid.UUID) -> int:
    return value.int >> 80


# An id as a database driver hands it over from a raw query: hex text from SQLite, a UUID from
# psycopg. Hot read paths (the reports' ticket replay, the plan guide) keep it that way rather
# than convert every row.
RawId = str | uuid.UUID


def as_uuid(value: object) -> uuid.UUID:
    """An id as a UUID, whether it comes as one (a model's field, psycopg) or as the hex text
    SQLite and the JSON of an order or outbox entry keep."""
    return value if isinstance(value, uuid.UUID) else uuid.UUID(hex=str(value))
