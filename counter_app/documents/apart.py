"""Building long documents in a helper process, so the window's GUI thread never waits for them.

Python threads share one interpreter lock. A worker thread building a 100-page statement with
reportlab holds it nearly all the time, and on a busy PC the GUI thread waited up to a fifth
of a second for it (``benchmarks/bench_gui_stall.py``, docs/responsiveness.md). A document
builder here is a pure function, plain data in and PDF bytes out, so it can run in another
process with its own interpreter: :func:`build_apart` sends the call there and waits for the
answer in the calling worker thread, which does not hold the lock while it waits.

- One helper process, started with "spawn" (the same on Linux and Windows; a packaged app
  calls ``multiprocessing.freeze_support()`` first), on first use or by :func:`warm_up`; it
  loads the CJK font once and lives as long as the program.
- Whatever cannot go there (data that does not pickle, no process could be started, the
  helper died) is built in the calling thread as before, and logged: never a failure the
  user sees because of this module.
- Only long documents go there (detailed records, the daily summary): for a one-page
  receipt, sending the data would cost more than it saves.

No Qt here (``documents`` never imports it).
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

log = logging.getLogger(__name__)

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_disabled = False  # set when no helper process can be started here


def _start_helper() -> int:
    """In the helper process: load the font every document embeds, once, and end with the
    program (killed or ended without shutting the helper down, it would otherwise linger);
    returns the helper's process id."""
    import os

    from counter_app.documents.fonts import register_fonts

    parent = multiprocessing.parent_process()
    if parent is not None and not getattr(_start_helper, "watching", False):
        _start_helper.watching = True  # type: ignore[attr-defined]

        def end_with_the_program() -> None:
            parent.join()
            os._exit(0)

        threading.Thread(target=end_with_the_program, name="helper-parent-watch", daemon=True).start()
    register_fonts()
    return os.getpid()


def _executor() -> ProcessPoolExecutor | None:
    global _pool, _disabled
    with _lock:
        if _pool is None and not _disabled:
            try:
                _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_helper)
            except (OSError, ValueError, RuntimeError) as exc:
                _disabled = True
                log.warning("documents are built in the program's own process: no helper process (%s)", exc)
        return _pool


def _forget(pool: ProcessPoolExecutor) -> None:
    """The helper died (killed, out of memory): the next document starts a new one."""
    global _pool
    with _lock:
        if _pool is pool:
            _pool = None
    pool.shutdown(wait=False, cancel_futures=True)


def build_apart(build: Callable[..., bytes], *args: Any) -> bytes:
    """``build(*args)`` in the helper process (see the module's note); call it from a worker
    thread, never the GUI thread, since it waits for the answer. ``build`` must be a
    module-level function; its errors (a missing font, a UserError) are raised here as they
    would be in the calling thread."""
    pool = _executor()
    if pool is None:
        return build(*args)
    try:
        future = pool.submit(build, *args)
    except RuntimeError:  # the program is shutting the helper down
        return build(*args)
    try:
        return future.result()
    except BrokenProcessPool as exc:
        log.warning("the document helper process stopped (%s); building here", exc)
        _forget(pool)
        return build(*args)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        if _is_pickling_error(exc):
            log.warning("%s cannot be sent to the helper process (%s); building here", build.__name__, exc)
            return build(*args)
        raise


def _is_pickling_error(exc: BaseException) -> bool:
    text = str(exc)
    return isinstance(exc, pickle.PicklingError) or "pickle" in text.lower()


def warm_up() -> None:
    """Start the helper process now (at the program's start, in a worker), so the first long
    document does not wait for it to load Python, reportlab and the font."""
    pool = _executor()
    if pool is None:
        return
    try:
        pid = pool.submit(_start_helper).result()
    except Exception as exc:  # noqa: BLE001 - the first document will try again, or build here
        log.warning("the document helper process did not start: %s", exc)
        _forget(pool)
    else:
        log.info("document helper process ready (pid %d)", pid)


def shut_down() -> None:
    """Stop the helper process (the program ends; tests)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)
