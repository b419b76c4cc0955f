"""An exclusive lock on an open file that other processes respect: ``fcntl.flock`` on POSIX,
``msvcrt.locking`` of the file's first byte on Windows. Both block until the lock is free.

Threads of one process share a descriptor's lock: callers serialise their threads first.

:func:`byte_is_free` asks, without waiting, whether another process holds a lock on one
byte of a file (SQLite's locks are byte-range locks on both systems: ``fcntl`` record locks
on POSIX, ``LockFileEx`` on Windows); :func:`lock_byte` takes that byte's lock without
waiting and keeps it until :func:`unlock_byte` (or the descriptor is closed);
:func:`share_byte` turns it into a shared lock (POSIX; on Windows it lets it go)."""

from __future__ import annotations

import os
import sys
import time

if sys.platform == "win32":
    import msvcrt

    def lock_exclusive(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        while True:  # LK_LOCK gives up after ten seconds; a long sync step may hold it longer
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.005)

    def unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def lock_byte(fd: int, offset: int) -> bool:
        os.lseek(fd, offset, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def unlock_byte(fd: int, offset: int) -> None:
        os.lseek(fd, offset, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

    def share_byte(fd: int, offset: int) -> None:
        """msvcrt has no shared locks: the byte is let go."""
        unlock_byte(fd, offset)

    def byte_is_free(fd: int, offset: int) -> bool:
        if not lock_byte(fd, offset):
            return False
        unlock_byte(fd, offset)
        return True

else:
    import fcntl

    def lock_exclusive(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def lock_byte(fd: int, offset: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, offset, os.SEEK_SET)
        except OSError:
            return False
        return True

    def unlock_byte(fd: int, offset: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, offset, os.SEEK_SET)

    def share_byte(fd: int, offset: int) -> None:
        """Turn the exclusive lock on the byte into a shared one, at once."""
        fcntl.lockf(fd, fcntl.LOCK_SH, 1, offset, os.SEEK_SET)

    def byte_is_free(fd: int, offset: int) -> bool:
        if not lock_byte(fd, offset):
            return False
        unlock_byte(fd, offset)
        return True
