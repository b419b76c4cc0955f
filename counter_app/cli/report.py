"""``counter-app report KIND ...``: printed reports (daily summary, complaint analysis, ...)."""

from __future__ import annotations

import importlib
import pkgutil


def register(sub, common) -> None:
    parser = sub.add_parser("report", parents=[common], help="build a printed report as PDF")
    kinds = parser.add_subparsers(dest="report_kind", metavar="KIND", required=True)
    import counter_app.cli.reports as package

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"counter_app.cli.reports.{info.name}")
        if hasattr(module, "register"):
            module.register(kinds, common)
