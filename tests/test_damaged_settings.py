"""A damaged terminal.json is refused with a message naming it, never replaced by the defaults
(which would open another database than the one the terminal was set up with)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from counter_app.config import TerminalConfig
from counter_app.errors import UserError

ROOT = Path(__file__).resolve().parent.parent

DAMAGED = {
    "bad JSON": '{"db": "/srv/hall/hall.db", "mode": "counter",',
    "not an object": '["/srv/hall/hall.db"]',
    "wrong type": '{"db": "/srv/hall/hall.db", "counter_number": "three"}',
}


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "cfg"
    folder.mkdir()
    monkeypatch.setenv("COUNTER_APP_CONFIG_DIR", str(folder))
    return folder / "terminal.json"


@pytest.mark.parametrize("text", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_damaged_settings_file_is_refused_by_name_and_left_as_it_is(settings, text):
    settings.write_text(text, encoding="utf-8")
    with pytest.raises(UserError) as refused:
        TerminalConfig.load()
    assert str(settings) in refused.value.text()
    with pytest.raises(UserError):  # --save never writes the defaults over it
        TerminalConfig.remember(lang="en")
    assert settings.read_text(encoding="utf-8") == text


def test_a_good_settings_file_is_read(settings):
    settings.write_text('{"db": "/srv/hall/hall.db", "counter_number": 3, "unknown_key": 1}', encoding="utf-8")
    config = TerminalConfig.load()
    assert (config.db, config.counter_number) == ("/srv/hall/hall.db", 3)


def test_a_command_stops_with_the_file_named_in_chinese(settings, tmp_path):
    settings.write_text(DAMAGED["bad JSON"], encoding="utf-8")
    data = tmp_path / "data"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COUNTER_APP_LANG": "zh_CN", "COUNTER_APP_DATA_DIR": str(data)}
    env.pop("COUNTER_APP_DB", None)
    result = subprocess.run([sys.executable, "-m", "counter_app", "init"], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=120)
    assert result.returncode == 2, result.stderr
    assert str(settings) in result.stderr and "终端设置文件" in result.stderr
    assert not (data / "hall.db").exists()  # the default database was not made instead
