"""Spoken calls for the calling display, offline: Debian's espeak-ng run as a subprocess
(Mandarin voice ``cmn``, English ``en``). No network speech service is ever used.

Numbers are spoken digit by digit, as halls call them: "请 A 零 一 二 号 到 3 号窗口". Only the
ticket number and the counter are spoken, never a name or phone number.

:class:`Announcer` plays calls one after another on its own thread, so a caller (the GUI
thread) never waits for speech; :func:`render_wav` writes one call to a WAV file.
"""

from __future__ import annotations

import logging
import queue as _queue
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

log = logging.getLogger(__name__)

ZH_DIGITS = "零一二三四五六七八九"
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
VOICES = {"zh": "cmn", "en": "en"}
SPEED_WPM = {"zh": 140, "en": 150}  # a little slower than espeak's default: a hall is noisy


def _spell(code: str, digits: Iterable[str]) -> list[str]:
    names = list(digits)
    return [names[int(ch)] if ch.isdigit() else ch for ch in code]


def announcement(code: str, counter_number: int, lang: str = "zh") -> str:
    """The sentence that calls ``code`` to a counter, in ``lang`` ("zh" or "en")."""
    if lang == "en":
        return f"Number {', '.join(_spell(code, EN_DIGITS))}, please go to counter {counter_number}."
    return f"请 {' '.join(_spell(code, ZH_DIGITS))} 号 到 {counter_number} 号窗口"


def espeak_binary() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


def _command(text: str, lang: str, wav: Path | None = None) -> list[str]:
    binary = espeak_binary()
    if binary is None:
        raise FileNotFoundError("espeak-ng is not installed (apt-get install espeak-ng)")
    argv = [binary, "-v", VOICES.get(lang, "cmn"), "-s", str(SPEED_WPM.get(lang, 140))]
    if wav is not None:
        argv += ["-w", str(wav)]
    return [*argv, "--", text]


def render_wav(code: str, counter_number: int, wav: Path, lang: str = "zh") -> Path:
    """Write the spoken call to a WAV file (for tests, and halls that play clips)."""
    subprocess.run(_command(announcement(code, counter_number, lang), lang, wav),
                   check=True, capture_output=True, timeout=30)
    return wav


def languages(setting: str) -> list[str]:
    """The terminal setting ``display_voice`` ("zh", "zh+en", "en" or "off") as a list."""
    if setting in ("", "off"):
        return []
    return [part for part in setting.split("+") if part in VOICES]


class Announcer:
    """Speaks calls in order on a background thread; :meth:`say` returns at once.

    ``sink``, when given, receives each sentence instead of the loudspeaker (tests, and
    terminals without sound write WAV files with it).
    """

    def __init__(self, langs: Iterable[str] = ("zh",), sink: Callable[[str, str], None] | None = None) -> None:
        self.langs = list(langs)
        self.sink = sink
        self._queue: _queue.Queue[tuple[str | None, str | None]] = _queue.Queue()
        self._thread: threading.Thread | None = None
        self._warned = False
        self.spoken: list[str] = []

    def say(self, code: str, counter_number: int) -> None:
        for lang in self.langs:
            self._queue.put((announcement(code, counter_number, lang), lang))
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._run, name="announcer", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                text, lang = self._queue.get(timeout=5)
            except _queue.Empty:
                return
            if text is None or lang is None:  # the stop sentinel
                return
            try:
                if self.sink is not None:
                    self.sink(text, lang)
                else:
                    subprocess.run(_command(text, lang), capture_output=True, timeout=30)
                self.spoken.append(text)
            except (OSError, subprocess.SubprocessError) as exc:
                if not self._warned:  # a display without sound still shows every call
                    log.warning("cannot speak the call: %s", exc)
                    self._warned = True
            finally:
                self._queue.task_done()

    def wait(self, timeout: float = 30) -> bool:
        """Tests: block until everything queued has been spoken."""
        done = threading.Event()

        def join() -> None:
            self._queue.join()
            done.set()

        threading.Thread(target=join, daemon=True).start()
        return done.wait(timeout)

    def stop(self) -> None:
        self._queue.put((None, None))
