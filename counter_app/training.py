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

from pathlib import Path

MARKER_KEY = "training_copy"

_active = False


def training_path(live: str | Path) -> Path:
    """The training copy of the hall database at ``live``."""
    path = Path(str(live).removeprefix("sqlite:///"))
    return path.with_name(f"{path.stem}.training{path.suffix or '.db'}")


def activate() -> None:
    """This process works on a training copy from now on (until :func:`deactivate`)."""
    global _active
    _active = True
    from counter_app.documents import watermark

    watermark.install()


def deactivate() -> None:
    global _active
    _active = False
    from counter_app.documents import watermark

    watermark.remove()


def is_active() -> bool:
    return _active
