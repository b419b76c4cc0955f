"""`main.py --training` starts the real program on the training copy: the copy is made beside
the hall's database behind its progress dialog, the login window comes up, and the hall's
database is left as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_main_py_training_opens_the_login_on_the_training_copy(live_file, tmp_path):
    before = hashlib.sha256(live_file.read_bytes()).hexdigest()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COUNTER_APP_CONFIG_DIR=str(tmp_path / "config"),
               COUNTER_APP_LOG_DIR=str(tmp_path / "log"), PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "--training", "--db", str(live_file),
                             "--lang", "en"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = tmp_path / "log"
    try:
        deadline = time.time() + 60
        text = ""
        while time.time() < deadline and "showing loginWindow" not in text:
            time.sleep(0.5)
            text = "".join(p.read_text(errors="replace") for p in log.glob("*.log")) if log.exists() else ""
            assert proc.poll() is None, proc.stdout.read().decode(errors="replace")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "showing loginWindow" in text, text
    assert "(training)" in text and "Traceback" not in text
    assert (live_file.parent / "hall.training.db").exists()
    assert hashlib.sha256(live_file.read_bytes()).hexdigest() == before
