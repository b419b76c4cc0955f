"""Dependencies: every one declared with a tested upper bound, pinned in constraints.txt inside
its range, and this run is on exactly the pinned versions (tools/setup.sh installs them)."""

from __future__ import annotations

import configparser
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def declared() -> list[Requirement]:
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    lines = config["options"]["install_requires"].splitlines()
    for extra in config["options.extras_require"].values():
        lines += extra.splitlines()
    return [Requirement(line.split("#")[0].strip()) for line in lines if line.split("#")[0].strip()]


def pinned() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_every_dependency_has_an_upper_bound():
    unbounded = [str(r) for r in declared() if not any(s.operator in ("<", "<=", "~=", "==") for s in r.specifier)]
    assert not unbounded


def test_every_dependency_is_pinned_inside_its_range():
    pins = pinned()
    for requirement in declared():
        version = pins.get(canonicalize_name(requirement.name))
        assert version, f"{requirement.name} is not in constraints.txt"
        assert requirement.specifier.contains(version, prereleases=True), f"{requirement} excludes {version}"


def test_the_tests_run_on_the_pinned_versions():
    pins = pinned()
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    differ = {name: (version, installed.get(name)) for name, version in pins.items() if installed.get(name) != version}
    assert not differ, f"installed versions differ from constraints.txt (pinned, installed): {differ}"
