"""A small disk of its own for a test: a tmpfs mounted on a folder, filled on demand.

Mounting needs root (CI runs as root). Where it is not allowed the test is skipped with the
reason, except under CI=true, where the skip is a failure: the full-disk tests must run
there."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI must run the full-disk tests: {reason}")
    pytest.skip(reason)


class SmallDisk:
    def __init__(self, mount_point: Path, size: str) -> None:
        self.path = mount_point
        mount_point.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            _unavailable("mounting a tmpfs needs root")
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount_point)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            _unavailable(f"cannot mount a tmpfs here: {done.stderr.strip()}")
        self.filler = mount_point / "filler"

    def fill(self) -> None:
        """Take every free byte of the disk."""
        fd = os.open(self.filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            for size in (1 << 20, 65536, 4096, 1):
                block = b"\0" * size
                while True:
                    try:
                        if os.write(fd, block) < size:
                            continue
                    except OSError:
                        break
        finally:
            os.close(fd)

    def free(self) -> None:
        self.filler.unlink(missing_ok=True)

    def remount(self, mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(self.path)], check=True)

    def close(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    disk = SmallDisk(tmp_path / "disk", "16m")
    yield disk
    disk.close()
