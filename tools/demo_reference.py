"""A fingerprint of what the demo builds, to check that a change of the demo's code (speed,
module layout) leaves its data as it was.

    python tools/demo_reference.py OUT.json [--customers 2000] [--days 30] [--keep FILE]
    python tools/demo_reference.py --compare A.json B.json

Builds ``counter-app demo`` into a new file with everything that is not seeded made so: the
clock fixed (2026-11-30 10:40), ``uuid7`` a counter, ``os.urandom`` a seeded stream (salts,
terminal id), the hall's signing key made from that stream, hash randomisation off. Then
hashes every table's rows, sorted, and the schema; OUT.json holds one digest per table with
its row count. ``--compare`` prints the tables whose digests differ.

Left out of the digests: Argon2 hashes of the staff passwords and the manager PIN (two
hashing threads draw their salts in whatever order they run).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOMENT = dt.datetime(2026, 11, 30, 10, 40)


def _fix_randomness() -> None:
    """Make the unseeded parts of a build repeatable (before the app's modules load)."""
    import uuid

    stream = random.Random(1234)

    def urandom(n: int) -> bytes:
        return stream.randbytes(n)

    os.urandom = urandom
    random._urandom = urandom  # type: ignore[attr-defined]  # SystemRandom, secrets

    from counter_app import clock, ids

    counter = iter(range(1, 10**12))

    def uuid7() -> uuid.UUID:
        value = (0x0192_0000_0000 << 80) | (0x7 << 76) | (0b10 << 62) | next(counter)
        return uuid.UUID(int=value)

    def uuid7_hex() -> str:
        return uuid7().hex

    ids.uuid7 = uuid7
    ids.uuid7_hex = uuid7_hex
    clock.set_clock(lambda: MOMENT)

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    def generate(cls: type) -> Ed25519PrivateKey:  # the hall's signing key
        return Ed25519PrivateKey.from_private_bytes(urandom(32))

    Ed25519PrivateKey.generate = classmethod(generate)  # type: ignore[method-assign,assignment]


def build(path: Path, customers: int, days: int) -> float:
    """Build the demo (in this process, the randomness fixed); CPU seconds taken."""
    _fix_randomness()
    from counter_app.cli.main import main

    started = time.process_time()
    code = main(["--db", str(path), "demo", "--customers", str(customers), "--days", str(days), "--json"])
    if code:
        raise SystemExit(f"demo failed ({code})")
    return time.process_time() - started


def _normal(value: object) -> object:
    if isinstance(value, str) and value.startswith("$argon2"):
        return "<argon2>"
    if isinstance(value, bytes):
        return value.hex()
    return value


def fingerprint(path: Path) -> dict:
    conn = sqlite3.connect(path)
    tables = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out: dict = {"schema": hashlib.sha256("\n".join(sorted(
        sql or "" for (sql,) in conn.execute("SELECT sql FROM sqlite_master"))).encode()).hexdigest(), "tables": {}}
    for table in tables:
        rows = sorted(repr(tuple(_normal(v) for v in row)) for row in conn.execute(f'SELECT * FROM "{table}"'))
        digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        out["tables"][table] = [len(rows), digest]
    conn.close()
    return out


def compare(a: Path, b: Path) -> int:
    one, two = json.loads(a.read_text()), json.loads(b.read_text())
    differ = 0
    if one["schema"] != two["schema"]:
        print("schema differs")
    for table in sorted(set(one["tables"]) | set(two["tables"])):
        x, y = one["tables"].get(table), two["tables"].get(table)
        if x != y:
            differ += 1
            print(f"{table}: {x and x[0]} rows -> {y and y[0]} rows, content differs")
    print("same data" if not differ else f"{differ} tables differ")
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="keep the built file here")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A", "B"))
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.out is None:
        parser.error("OUT.json is needed")
    if args.child is not None:  # the build itself, in a process with hash randomisation off
        seconds = build(args.child, args.customers, args.days)
        print(f"built in {seconds:.1f} s CPU", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "demo.db"
        env = {**os.environ, "PYTHONHASHSEED": "0", "COUNTER_APP_CONFIG_DIR": str(Path(tmp) / "cfg"),
               "COUNTER_APP_DATA_DIR": str(Path(tmp) / "data"), "COUNTER_APP_LOG_DIR": str(Path(tmp) / "log"),
               "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, __file__, str(args.out), "--customers", str(args.customers), "--days",
                        str(args.days), "--child", str(path)], check=True, env=env, cwd=ROOT,
                       stdout=subprocess.DEVNULL)
        args.out.write_text(json.dumps(fingerprint(path), indent=1, sort_keys=True))
    print(f"fingerprint written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
