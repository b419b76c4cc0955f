"""Named steps of a sync run where the fault tests stop the process.

With ``COUNTER_APP_SYNC_PAUSE_AT=<step>`` and ``COUNTER_APP_SYNC_PAUSE_FILE=<path>`` in the
environment, the first time a run reaches that step it writes ``<path>.reached`` and waits
until ``<path>.go`` exists. The tests kill the process there (SIGKILL), or stop the hub and
let it go on. Without the variables a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

PUSH_STEPS = ("push.read", "push.sent", "push.committed", "push.marked")
PULL_STEPS = ("pull.fetched", "pull.applying", "pull.applied")

_paused: set[str] = set()


def checkpoint(step: str) -> None:
    if os.environ.get("COUNTER_APP_SYNC_PAUSE_AT") != step or step in _paused:
        return
    _paused.add(step)
    base = Path(os.environ["COUNTER_APP_SYNC_PAUSE_FILE"])
    Path(f"{base}.reached").write_text(step, encoding="utf-8")
    go = Path(f"{base}.go")
    while not go.exists():
        time.sleep(0.02)
