"""Functions longer than a limit (60 lines by default) and modules longer than 500 lines.

    .venv/bin/python tools/function_lengths.py [--limit N] [--module-limit N] [--all]

Widget code (counter_app/ui/) is left out of the function count unless --all is given: a
window's constructor that lays out its widgets is long by nature. Lines are counted from ``def``
to the function's last line, docstring and comments included; a module's lines are all its lines.
Exit status 1 when any function or module is over its limit. tests/test_code_size.py holds the
code to these limits with the same counting.
"""

from __future__ import annotations

import argparse
import ast
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FUNCTION_LIMIT = 60
MODULE_LIMIT = 499  # "under 500 lines"
WIDGETS = "counter_app/ui/"


@dataclass(frozen=True)
class Long:
    """A function (``name`` set) or a whole module (``name`` None) over its limit."""

    path: str
    line: int
    lines: int
    name: str | None = None

    def __str__(self) -> str:
        if self.name is None:
            return f"{self.path} ({self.lines} lines)"
        return f"{self.path}:{self.line} {self.name} ({self.lines} lines)"


def _modules(root: Path) -> list[tuple[str, Path]]:
    return [(path.relative_to(root).as_posix(), path) for path in sorted((root / "counter_app").rglob("*.py"))]


def functions_over(limit: int = FUNCTION_LIMIT, include_ui: bool = False, root: Path = ROOT) -> list[Long]:
    """Every function (methods and nested functions too) longer than ``limit`` lines, longest first."""
    found = []
    for relative, path in _modules(root):
        if not include_ui and relative.startswith(WIDGETS):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append(Long(relative, node.lineno, lines, node.name))
    return sorted(found, key=lambda long: (-long.lines, long.path, long.line))


def modules_over(limit: int = MODULE_LIMIT, root: Path = ROOT) -> list[Long]:
    """Every module under counter_app/ longer than ``limit`` lines, longest first."""
    found = []
    for relative, path in _modules(root):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(Long(relative, 1, lines))
    return sorted(found, key=lambda long: (-long.lines, long.path))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=FUNCTION_LIMIT, help="longest function allowed")
    parser.add_argument("--module-limit", type=int, default=MODULE_LIMIT, help="longest module allowed")
    parser.add_argument("--all", action="store_true", help="count the widget code's functions too")
    args = parser.parse_args(argv)
    functions = functions_over(args.limit, args.all)
    for long in functions:
        print(f"{long.lines:5d}  {long.path}:{long.line} {long.name}")
    print(f"{len(functions)} functions over {args.limit} lines")
    modules = modules_over(args.module_limit)
    for long in modules:
        print(f"{long.lines:5d}  {long.path}")
    print(f"{len(modules)} modules over {args.module_limit} lines")
    return 1 if functions or modules else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
