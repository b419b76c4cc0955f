"""No module under counter_app/ of 500 lines or more, no function outside the widget code (counter_app/ui/)
over 60 lines, counted as tools/function_lengths.py counts them.

EXEMPT names what is still being split, file by file (a path exempts the module and every function
in it) or one function (``path::name``), each with its reason. An entry that no longer covers
anything fails the test too: take it out when its split lands."""

from __future__ import annotations

from pathlib import Path

from tools.function_lengths import FUNCTION_LIMIT, MODULE_LIMIT, ROOT, Long, functions_over, modules_over

SPLITTING = "being split (issue 21)"
EXEMPT: dict[str, str] = {
}


def _exempted_by(long: Long, exempt: dict[str, str]) -> str | None:
    for key in (f"{long.path}::{long.name}", long.path):
        if key in exempt:
            return key
    return None


def oversized(root: Path, exempt: dict[str, str]) -> tuple[list[str], list[str]]:
    """What is over a limit and not exempt, and the exemptions that cover nothing."""
    offenders, used = [], set()
    found = [(long, MODULE_LIMIT) for long in modules_over(MODULE_LIMIT, root)]
    found += [(long, FUNCTION_LIMIT) for long in functions_over(FUNCTION_LIMIT, False, root)]
    for long, limit in found:
        key = _exempted_by(long, exempt)
        if key is None:
            offenders.append(f"{long}: the limit is {limit} lines")
        else:
            used.add(key)
    unneeded = [f"{key} is within the limits now: take it out of EXEMPT" for key in exempt if key not in used]
    return offenders, unneeded


def test_no_module_or_function_is_over_its_limit():
    offenders, _ = oversized(ROOT, EXEMPT)
    assert not offenders, "split these into named steps or modules:\n" + "\n".join(offenders)


def test_every_exemption_is_still_needed():
    _, unneeded = oversized(ROOT, EXEMPT)
    assert not unneeded, "\n".join(unneeded)


def _function(name: str, lines: int) -> str:
    return f"def {name}():\n" + "    x = 1\n" * (lines - 1)


def test_the_check_names_each_offender_and_each_stale_exemption(tmp_path):
    package = tmp_path / "counter_app"
    (package / "ui").mkdir(parents=True)
    (package / "long.py").write_text(_function("short", 60) + "\n" * (MODULE_LIMIT - 60 + 1))
    (package / "steps.py").write_text(_function("fits", 60) + _function("too_long", 61))
    (package / "ui" / "window.py").write_text(_function("layout", 90))
    (package / "fine.py").write_text(_function("fits", 10))

    offenders, unneeded = oversized(tmp_path, {})
    assert offenders == [
        f"counter_app/long.py ({MODULE_LIMIT + 1} lines): the limit is {MODULE_LIMIT} lines",
        "counter_app/steps.py:61 too_long (61 lines): the limit is 60 lines",
    ]
    assert unneeded == []

    exempt = {"counter_app/long.py": SPLITTING, "counter_app/steps.py::too_long": SPLITTING,
              "counter_app/fine.py": SPLITTING, "counter_app/steps.py::fits": SPLITTING}
    offenders, unneeded = oversized(tmp_path, exempt)
    assert offenders == []
    assert unneeded == [
        "counter_app/fine.py is within the limits now: take it out of EXEMPT",
        "counter_app/steps.py::fits is within the limits now: take it out of EXEMPT",
    ]
