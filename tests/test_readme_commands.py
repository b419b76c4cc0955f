"""Every command in README.md's shell blocks runs as written against a fresh demo hall, the hub
commands against a real PostgreSQL server.

The commands run in the order the README gives them, in a folder of their own, with the data
and config folders of a new user (COUNTER_APP_DATA_DIR, COUNTER_APP_CONFIG_DIR; each section of
the README starts from a fresh config, as a reader who opens that section) and the demo's staff
password in COUNTER_APP_PASSWORD. A command is changed only where the README itself
stands for something a reader fills in (the hub's address, an order number, a notice's id, a
scanned code); each such change is listed in SUBSTITUTIONS. Optional parts in [brackets] are
left out, and ``a|b`` alternatives run one by one. A command that cannot run here (a window, a
benchmark, a printer, a schedule that runs until stopped) is listed in NOT_RUN with the reason
and the test that covers it instead; a new README command that is in neither list runs, so it
must work as written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import decode_qr, embedded_fonts, rasterize

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DEMO_SIZE = ["--customers", "300", "--detailed", "40", "--days", "2"]  # the README's demo, smaller

NOT_RUN: dict[str, str] = {
    r"tools/setup\.sh": "the README's two commands: CI runs the test one on a clean machine, "
                        "tests/test_setup.py the install",
    r"main\.py": "opens a window: the GUI tests drive the windows (tests/test_app_modes.py, test_working_day.py)",
    r"benchmarks/": "benchmarks run for minutes and print figures; run by hand before a release",
    r"tools/simulate\.py": "a simulated month of the hall runs for many minutes; tests/test_simulate.py runs a short one",
    r"--customers 1000000": "a million customers take minutes; the demo of the other commands is the same code",
    r"sync --every": "runs until stopped; tests/test_sync/ runs the same schedule's single runs",
    r"--printer": "needs a print queue: tests/test_print_queues.py prints on a private CUPS queue",
    r"counter-app printers": "needs the PC's printers: tests/test_print_queues.py and test_ticket_printers.py",
}


@dataclass
class Hall:
    """What the commands work on, and the values a reader would fill in."""

    folder: Path
    env: dict[str, str]
    hub_admin: str
    hall_url: str
    ran: list[str] = field(default_factory=list)

    @property
    def db(self) -> Path:
        return self.folder / "hall.db"

    def order_no(self) -> str:
        with closing(sqlite3.connect(self.db)) as conn:  # closed: restore refuses a file still open
            return conn.execute("SELECT order_no FROM service_order ORDER BY created_at DESC LIMIT 1").fetchone()[0]

    def signed_code(self) -> str:
        """The code printed on bill.pdf, as a scanner reads it."""
        pdf = self.folder / "bill.pdf"
        assert pdf.exists(), "the README prints bill.pdf before it verifies a code"
        scan = self.folder / "scan"
        scan.mkdir(exist_ok=True)
        codes = [c for png in rasterize(pdf.read_bytes(), scan) for c in decode_qr(png)]
        return next(c for c in codes if c.startswith("CA2|"))

    def notice_id(self) -> str:
        listed = self.cli("--db", str(self.db), "notices", "list", "--staff", "2001", "--json")
        assert listed.returncode == 0, listed.stderr
        return str(json.loads(listed.stdout)[-1]["id"])

    def hub_key(self) -> str:
        import psycopg

        with psycopg.connect(self.hub_admin) as conn:
            return conn.execute("SELECT key_id FROM hall_key WHERE hall = 'JN001' ORDER BY valid_from "
                                "LIMIT 1").fetchone()[0]

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "counter_app", *args], cwd=self.folder, env=self.env,
                              capture_output=True, text=True, timeout=600)


SUBSTITUTIONS: list[tuple[str, Callable[[Hall], str]]] = [
    (r"'postgresql://hall_jn001:…@hub/province\?sslmode=verify-full'", lambda h: shlex.quote(h.hall_url)),
    (r"postgresql://admin@hub/province", lambda h: h.hub_admin),
    (r"S…ORDERNO", lambda h: h.order_no()),
    (r"'CA2\|[^']*'", lambda h: shlex.quote(h.signed_code())),
    (r"\bNOTICE_ID\b", lambda h: h.notice_id()),
    (r"--key 1a2b3c4d", lambda h: f"--key {h.hub_key()}"),
    (r"(?<=--out )FILE\b|(?<=restore )FILE\b", lambda h: "hall-backup.db"),
]


def readme_commands() -> list[tuple[int, str, str]]:
    """(line number, section, command) of every command in the README's ``sh`` blocks,
    continuation lines joined and trailing comments dropped."""
    commands: list[tuple[int, str, str]] = []
    inside, pending, start, section = False, "", 0, ""
    for number, line in enumerate(README.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("```"):
            inside = line.strip() == "```sh"
            continue
        if not inside or not line.strip():
            continue
        text = re.sub(r"\s+#\s.*$", "", line).rstrip()
        if not pending:
            start = number
        if text.endswith("\\"):
            pending += text[:-1] + " "
            continue
        commands.append((start, section, (pending + text.strip()).strip()))
        pending = ""
    return commands


def without_optional_parts(command: str) -> str:
    while True:
        shorter = re.sub(r"\s*\[[^\[\]]*\]", "", command)
        if shorter == command:
            return command
        command = shorter


def variants(command: str) -> list[list[str]]:
    """The argument lists a command stands for: ``recall|noshow`` runs once per word."""
    words = shlex.split(command)
    for i, word in enumerate(words):
        if re.fullmatch(r"[a-z-]+(\|[a-z-]+)+", word):
            return [words[:i] + [choice] + words[i + 1:] for choice in word.split("|")]
    return [words]


def not_run_reason(command: str) -> str | None:
    return next((reason for pattern, reason in NOT_RUN.items() if re.search(pattern, command)), None)


def test_the_readme_lists_commands_to_run():
    commands = readme_commands()
    assert len(commands) > 40
    run = [c for _, _, c in commands if not_run_reason(without_optional_parts(c)) is None]
    assert len(run) > 30  # the NOT_RUN list stays the exception
    for pattern in NOT_RUN:  # no reason outlives its command
        assert any(re.search(pattern, without_optional_parts(c)) for _, _, c in commands), pattern


@pytest.mark.slow
@pytest.mark.timeout(1200)  # some 70 commands, each a new process: 2 min idle, far more on a busy machine
def test_every_readme_command_runs_as_written(tmp_path, pg_server):
    folder = tmp_path / "hall"
    folder.mkdir()
    hub = pg_server.url(pg_server.create_database())
    password = "jn001-hub-pass"
    (folder / "jn001.pw").write_text(password + "\n")  # the hall's hub password, as the README's hub section says
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_DATA_DIR": str(tmp_path / "data"),
           "COUNTER_APP_CONFIG_DIR": str(tmp_path / "config"), "COUNTER_APP_PASSWORD": "123456"}
    # The hall is open 08:30–18:00 of its local time: the commands run at 10:30 of a time zone
    # chosen for now, so queue and "today" examples mean the same whenever the test runs.
    utc = dt.datetime.now(dt.UTC)
    ahead = (10 * 60 + 30 - (utc.hour * 60 + utc.minute)) % (24 * 60)
    env["TZ"] = f"<HALL>-{ahead // 60:02d}:{ahead % 60:02d}"
    env.pop("COUNTER_APP_DB", None)
    env.pop("COUNTER_APP_HUB", None)
    hall_url = re.sub(r"postgresql://[^@]*@", f"postgresql://hall_jn001:{password}@", hub)
    hall = Hall(folder, env, hub, hall_url)
    # The README's first command (main.py --demo) builds the demo hall in the data folder.
    first = hall.cli("demo", *DEMO_SIZE)
    assert first.returncode == 0, first.stderr

    for line, section, written in readme_commands():
        command = without_optional_parts(written)
        if not_run_reason(command) is not None:
            continue
        # Each section is read on its own: it starts from a newcomer's terminal config (the
        # hub section's `sync --save` would otherwise point every later example at its terminal).
        env["COUNTER_APP_CONFIG_DIR"] = str(tmp_path / "config" / re.sub(r"\W+", "-", section))
        for pattern, value in SUBSTITUTIONS:
            if re.search(pattern, command):
                command = re.sub(pattern, lambda _m, v=value: v(hall), command)
        for part in command.split(" && "):  # `a && b` runs a, then b
            part = re.sub(r"^(\.venv/bin/)?counter-app\b", "counter-app", part.strip())
            assert part.startswith("counter-app "), f"README line {line}: not a command this test knows: {written}"
            for words in variants(part.removeprefix("counter-app ")):
                if "demo" in words and "--customers" not in words:
                    words = [*words, *DEMO_SIZE]
                done = hall.cli(*words)
                hall.ran.append(f"$ {' '.join(words)}\n{done.stdout[-600:]}{done.stderr[-600:]}")
                before = "\n".join(hall.ran[-4:-1])
                assert done.returncode == 0, (f"README line {line}: {written}\nran: {' '.join(words)}\n"
                                              f"exit {done.returncode}\n{done.stdout[-2000:]}\n"
                                              f"{done.stderr[-3000:]}\nafter:\n{before}")
    assert len(hall.ran) > 30
    # Every document the README prints (bills, records, fees, wall sheets, settlement, daily
    # summary with its charts, reports, slip) embeds each of its fonts, or a print shop's PC
    # without them shows boxes.
    printed = sorted(folder.glob("*.pdf"))
    assert len(printed) >= 10, [p.name for p in printed]
    for pdf in printed:
        fonts = embedded_fonts(pdf.read_bytes(), tmp_path)
        assert fonts and all(embedded for _name, embedded in fonts), (pdf.name, fonts)
