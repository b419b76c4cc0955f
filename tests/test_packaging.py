"""The installed package carries everything the app reads at run time."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_setup_cfg():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "counter_app").rglob("__init__.py")}
    assert found - listed == set(), "add these to [options] packages in setup.cfg"


@pytest.mark.slow
def test_a_built_wheel_contains_the_resources(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path),
                    str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("counter_app-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "counter_app/resources/catalogue/business_types.json" in names
    assert any(n.startswith("counter_app/resources/i18n/") and n.endswith("_zh_CN.qm") for n in names)
    assert "counter_app/resources/theme/counter.qss" in names
