"""Every visible string has a zh_CN translation, and the shipped .qm files are current."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import i18n  # noqa: E402


def test_every_visible_string_has_a_chinese_translation():
    problems = i18n.check()
    assert not problems, "\n".join(problems)


def test_the_compiled_translations_match_their_sources(tmp_path):
    for ts in sorted(i18n.I18N.glob("*.ts")):
        qm = tmp_path / ts.with_suffix(".qm").name
        subprocess.run([i18n.tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)
        shipped = i18n.I18N / qm.name
        assert shipped.exists(), f"{shipped.name} is missing: run tools/i18n.py release"
        assert filecmp.cmp(qm, shipped, shallow=False), f"{shipped.name} is stale: run tools/i18n.py release"


def test_the_application_finds_its_translations_where_it_is_installed():
    from counter_app import paths

    assert list(paths.resource("i18n").glob("*_zh_CN.qm"))
    assert (paths.resource("catalogue") / "business_types.json").exists()
