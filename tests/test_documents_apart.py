"""Long documents are built in a helper process (counter_app/documents/apart.py), so the GUI
thread never waits for the interpreter lock while a 100-page statement is made; whatever cannot
go there is built in the calling thread, and a helper that died is replaced."""

from __future__ import annotations

import os
import signal

import pytest

from counter_app.documents import apart
from counter_app.documents import records as records_doc
from counter_app.models import Account, Bill
from counter_app.services import statements
from tests.helpers import pdf_text
from tests.service_data import verify


@pytest.fixture
def records(session):
    account = Account.get_by_id(Bill.select().first().account_id)
    verify(session, account)
    period = Bill.select().where(Bill.account == account.id).order_by(Bill.period.desc()).first().period
    yield statements.records_data(session, account.phone, period)
    apart.shut_down()


def _helper_pid() -> int:
    return os.getpid()


def _not_a_document(text: str) -> bytes:
    raise ValueError(f"refused: {text}")


def test_the_helper_builds_the_same_statement_in_another_process(records):
    built_here = pdf_text(records_doc.build(records))
    assert pdf_text(apart.build_apart(records_doc.build, records)) == built_here
    assert apart.build_apart(_helper_pid) != os.getpid()  # it really is another process


def test_a_builder_s_error_reaches_the_caller_as_it_is(records):
    with pytest.raises(ValueError, match="refused: twice"):
        apart.build_apart(_not_a_document, "twice")


def test_what_cannot_be_sent_is_built_here_and_a_dead_helper_is_replaced(records):
    local = lambda: b"%PDF built here"  # noqa: E731 - a lambda does not pickle
    assert apart.build_apart(local) == b"%PDF built here"
    first = apart.build_apart(_helper_pid)
    os.kill(first, signal.SIGTERM)  # the helper dies (out of memory, killed)
    assert pdf_text(apart.build_apart(records_doc.build, records))  # built all the same
    assert apart.build_apart(_helper_pid) not in (first, os.getpid())  # by a new helper


HOLDER = """
import os, sys, time
from counter_app.documents import apart
print(apart.build_apart(os.getpid), flush=True)
time.sleep(60)
"""


@pytest.mark.filterwarnings("ignore")
def test_the_helper_ends_when_the_program_is_killed(tmp_path):
    """A program ended hard (SIGKILL, a crash) takes its helper with it: a lingering helper
    held the program's output open and kept a packaged app's start-up test waiting."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    program = subprocess.Popen([sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True,
                               cwd=Path(__file__).resolve().parent.parent)
    helper = int(program.stdout.readline())
    program.kill()
    program.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(helper, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(helper, signal.SIGTERM)
    pytest.fail("the helper process outlived the program")
