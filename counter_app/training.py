"""Training mode (培训模式): whether this process works on a training copy, and where the copy lives.

A training copy is a separate SQLite file beside the hall's own (``hall.db`` →
``hall.training.db``), made from it by ``services.training`` with every customer's personal
data replaced by fakes. A process in training mode opens that file and nothing else: the
hall's own file is read once, read-only, to make or reset the copy. The copy carries a marker
row (``sync_state`` key ``training_copy``) so that whatever opens it knows what it is: the
sync refuses it, printouts carry a watermark, and QR codes printed from it are refused by
every live terminal.

This module holds only the process-wide flag and file names (no Qt, no SQL); the documents
and the services consult it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

MARKER_KEY = "training_copy"

_active = False
# Called with the new state on every change: the documents' watermark registers here when
# the documents are imported (this module sits below every layer and imports none of them).
_listeners: list[Callable[[bool], None]] = []


def on_change(listener: Callable[[bool], None]) -> None:
    """Call ``listener(active)`` now and on every later change of the training flag."""
    _listeners.append(listener)
    listener(_active)


def training_path(live: str | Path) -> Path:
    """The training copy of the hall database at ``live``."""
    path = Path(str(live).removeprefix("sqlite:///"))
    return path.with_name(f"{path.stem}.training{path.suffix or '.db'}")


def activate() -> None:
    """This process works on a training copy from now on (until :func:`deactivate`)."""
    global _active
    _active = True
    for listener in _listeners:
        listener(True)


def deactivate() -> None:
    global _active
    _active = False
    for listener in _listeners:
        listener(False)


def is_active() -> bool:
    return _active
