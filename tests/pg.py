"""A throwaway PostgreSQL server started from the machine's binaries, for the tests.

initdb and postgres refuse to run as root; as root the server is run as the ``postgres``
system user (its data folder owned by that user). Where no binaries exist the tests that
need a server skip with the reason, except under CI=true where that skip is a failure.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest


def find_bindir() -> Path | None:
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    found = which = shutil.which("pg_ctl")
    if which:
        return Path(which).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    found = candidates[0] if candidates else None
    return Path(found).parent if found else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        bindir = find_bindir()
        if bindir is None:
            reason = "PostgreSQL server binaries not found (apt-get install postgresql)"
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
            pytest.skip(reason)
        self.bindir = bindir
        self.root = os.geteuid() == 0
        self.dir = Path(tempfile.mkdtemp(prefix="counter-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        if self.root:
            shutil.chown(self.dir, "postgres", "postgres")
            os.chmod(self.dir, 0o755)
        self._run(f"{bindir}/initdb -D {self.data} -U postgres -A trust -E UTF8 --locale=C.UTF-8 -N")
        self.start()

    def _run(self, command: str) -> None:
        argv = ["su", "postgres", "-s", "/bin/sh", "-c", command] if self.root else ["sh", "-c", command]
        result = subprocess.run(argv, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{command}: {result.stdout}{result.stderr}")

    def start(self) -> None:
        opts = (f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off "
                f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=100")
        self._run(f"{self.bindir}/pg_ctl -D {self.data} -w -t 60 -l {self.dir}/log -o '{opts}' start")

    def stop(self, mode: str = "fast") -> None:
        self._run(f"{self.bindir}/pg_ctl -D {self.data} -w -t 60 -m {mode} stop")

    def url(self, dbname: str = "postgres", user: str = "postgres", password: str = "") -> str:
        auth = f"{user}:{password}@" if password else f"{user}@"
        return f"postgresql://{auth}127.0.0.1:{self.port}/{dbname}"

    def create_database(self, prefix: str = "t") -> str:
        import psycopg

        name = f"{prefix}_{int(time.time() * 1000) % 10**9}_{os.getpid()}_{free_port()}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def close(self) -> None:
        try:
            self.stop("immediate")
        except Exception:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)
