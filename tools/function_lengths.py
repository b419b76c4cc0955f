"""Functions longer than a limit (60 lines by default), longest first.

    .venv/bin/python tools/function_lengths.py [--limit N] [--all]

Widget code (counter_app/ui/) is left out unless --all is given: a window's constructor that
lays out its widgets is long by nature. Lines are counted from ``def`` to the function's last
line, docstring and comments included. Exit status 1 when any function is over the limit.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def long_functions(limit: int, include_ui: bool) -> list[tuple[int, str]]:
    found = []
    for path in sorted((ROOT / "counter_app").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not include_ui and relative.startswith("counter_app/ui/"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > limit:
                    found.append((lines, f"{relative}:{node.lineno} {node.name}"))
    return sorted(found, reverse=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--all", action="store_true", help="count the widget code too")
    args = parser.parse_args(argv)
    found = long_functions(args.limit, args.all)
    for lines, where in found:
        print(f"{lines:5d}  {where}")
    print(f"{len(found)} functions over {args.limit} lines")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
