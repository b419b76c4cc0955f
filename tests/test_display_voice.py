"""The calling display's voice: offline espeak-ng, numbers digit by digit, never blocking."""

from __future__ import annotations

import time
import wave
from array import array

from counter_app.services import voice
from tests.helpers import require_tool


def test_the_call_is_worded_as_halls_call_numbers():
    assert voice.announcement("A012", 3) == "请 A 零 一 二 号 到 3 号窗口"
    assert voice.announcement("G105", 12, "en") == "Number G, one, zero, five, please go to counter 12."
    assert voice.languages("zh+en") == ["zh", "en"] and voice.languages("off") == []


def test_a_call_rendered_to_a_wav_file_is_speech_not_silence(tmp_path):
    require_tool("espeak-ng")
    for lang in ("zh", "en"):
        path = voice.render_wav("A012", 3, tmp_path / f"call_{lang}.wav", lang)
        with wave.open(str(path)) as wav:
            seconds = wav.getnframes() / wav.getframerate()
            samples = array("h", wav.readframes(wav.getnframes()))
        loud = sum(1 for s in samples if abs(s) > 1000)
        peak = max(abs(s) for s in samples)
        assert 1.5 < seconds < 15, seconds
        assert peak > 8000 and loud > len(samples) * 0.05, (peak, loud)


def test_the_announcer_returns_at_once_and_speaks_calls_in_order():
    heard = []

    def slow_speaker(text, lang):
        time.sleep(0.2)
        heard.append((lang, text))

    announcer = voice.Announcer(["zh", "en"], sink=slow_speaker)
    started = time.perf_counter()
    announcer.say("A001", 1)
    announcer.say("B002", 2)
    assert time.perf_counter() - started < 0.1  # the caller (the GUI thread) never waits
    assert announcer.wait(5)
    assert [lang for lang, _ in heard] == ["zh", "en", "zh", "en"]
    assert heard[2][1] == "请 B 零 零 二 号 到 2 号窗口"
