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


def test_every_resource_folder_is_a_declared_package_with_its_files():
    # An undeclared folder makes setuptools warn on every install (tools/setup.sh stays quiet)
    # and, without its package_data line, its files are missing from a built wheel.
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg")
    listed = set(config["options"]["packages"].split())
    data = dict(config["options.package_data"])
    for folder in sorted(p for p in (ROOT / "resources").iterdir() if p.is_dir() and p.name != "__pycache__"):
        name = f"counter_app.resources.{folder.name}"
        assert name in listed, f"add {name} to [options] packages in setup.cfg"
        assert name in data, f"add a '{name} = ...' line to [options.package_data] in setup.cfg"


@pytest.mark.slow
def test_a_built_wheel_contains_the_resources(tmp_path):
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path),
                            str(ROOT)], check=True, capture_output=True, text=True)
    # Every data folder is declared: setuptools has nothing to warn about.
    assert "is absent from the `packages` configuration" not in built.stdout + built.stderr
    wheel = next(tmp_path.glob("counter_app-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "counter_app/resources/catalogue/business_types.json" in names
    assert any(n.startswith("counter_app/resources/i18n/") and n.endswith("_zh_CN.qm") for n in names)
    assert "counter_app/resources/theme/app.qss" in names and "counter_app/resources/theme/theme.json" in names
    assert "counter_app/resources/theme/icons/wallet.svg" in names
    assert "counter_app/resources/theme/icons/LICENSE-phosphor.txt" in names


@pytest.mark.slow
def test_setup_a_second_time_is_quiet_and_installs_nothing():
    setup = ["bash", str(ROOT / "tools" / "setup.sh")]
    subprocess.run(setup, check=True, capture_output=True, text=True, cwd=ROOT, timeout=900)
    installed = (ROOT / ".venv" / ".counter_app-installed").stat().st_mtime_ns
    again = subprocess.run(setup, check=True, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert again.stdout + again.stderr == ""
    assert (ROOT / ".venv" / ".counter_app-installed").stat().st_mtime_ns == installed
