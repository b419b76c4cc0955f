"""The same code runs on the Windows PCs of many halls: no POSIX-only module or call in the
app outside the one place that chooses per platform (counter_app/filelock.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = re.compile(
    r"^\s*(import|from)\s+(fcntl|termios|tty|pty|pwd|grp|resource|syslog|posix)\b"
    r"|\bos\.(fork|forkpty|getuid|geteuid|getgid|setsid|killpg|getpgid|setpgrp|mkfifo|chown|lchown)\b"
    r"|\bsignal\.(SIGKILL|SIGHUP|SIGUSR1|SIGUSR2|SIGALRM|SIGCHLD|SIGPIPE|SIGQUIT|alarm|setitimer)\b"
    r"|preexec_fn|start_new_session|['\"]/tmp/|['\"]/dev/null",
    re.MULTILINE,
)
PLATFORM_CHOICE = {"counter_app/filelock.py"}


def test_the_app_has_no_posix_only_code():
    found = []
    for path in sorted((ROOT / "counter_app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in PLATFORM_CHOICE:
            continue
        for match in POSIX_ONLY.finditer(path.read_text(encoding="utf-8")):
            line = path.read_text(encoding="utf-8")[:match.start()].count("\n") + 1
            found.append(f"{rel}:{line}: {match.group(0).strip()}")
    assert found == [], "POSIX-only code (use counter_app/filelock.py or platformdirs):\n" + "\n".join(found)


def test_the_queue_lock_excludes_another_process(tmp_path):
    import os
    import subprocess
    import sys
    import time

    from counter_app.filelock import lock_exclusive, unlock

    lock_path = tmp_path / "hall.db-queue.lock"
    fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
    lock_exclusive(fd)
    other = subprocess.Popen(
        [sys.executable, "-c", "import os, time; from counter_app.filelock import lock_exclusive; "
         f"fd = os.open({str(lock_path)!r}, os.O_RDWR); print('trying', flush=True); lock_exclusive(fd); "
         "print(time.time(), flush=True)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert other.stdout.readline().strip() == "trying"
    time.sleep(0.5)
    assert other.poll() is None  # still waiting for the lock
    released = time.time()
    unlock(fd)
    got = float(other.communicate(timeout=30)[0])
    os.close(fd)
    assert got >= released
