"""Started on a machine without a desktop session, the GUI says so in one line and names the
headless commands, instead of Qt's abort about xcb libraries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_gui(tmp_path: Path, *args: str, **env_changes: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), COUNTER_APP_CONFIG_DIR=str(tmp_path / "config"), **env_changes)
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(tmp_path / "hall.db"), *args],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a desktop session is a Linux question")
def test_without_a_display_the_gui_says_what_it_needs_in_one_line(tmp_path):
    result = start_gui(tmp_path, "--lang", "en")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "desktop session" in result.stderr and "counter-app --help" in result.stderr
    assert "xcb" not in result.stderr and "Aborted" not in result.stderr
    assert not (tmp_path / "hall.db").exists()  # nothing was started


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a desktop session is a Linux question")
def test_a_display_that_does_not_answer_is_no_display_and_the_line_is_in_chinese(tmp_path):
    result = start_gui(tmp_path, "--lang", "zh_CN", DISPLAY=":987")
    assert result.returncode == 2
    assert result.stderr.strip() == ("counter-app: 窗口界面需要桌面会话，本机未找到显示器。"
                                     "无界面命令无需桌面即可使用：counter-app --help")


def test_the_headless_commands_need_no_display(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env.update(PYTHONPATH=str(ROOT), COUNTER_APP_CONFIG_DIR=str(tmp_path / "config"))
    result = subprocess.run([sys.executable, "-m", "counter_app", "--db", str(tmp_path / "hall.db"), "init"],
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "hall.db").exists()
