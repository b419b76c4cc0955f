"""The layers of docs/architecture.md, as setup.cfg's import-linter contract states them:
cli/ui > printers > documents/sync > services > models, each importing only those below it."""

from __future__ import annotations

import configparser
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _run(cwd: Path, *, pythonpath: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=cwd, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(pythonpath)}, timeout=120)


def test_the_code_keeps_its_layers():
    result = _run(ROOT, pythonpath=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def _package(base: Path, back_import: bool) -> None:
    """A package named like ours with one module per layer, each importing the layer below;
    with ``back_import`` the model layer imports a service, as models/sync.py once imported sync."""
    for layer in ("cli", "ui", "printers", "documents", "sync", "services", "models"):
        (base / "counter_app" / layer).mkdir(parents=True)
        (base / "counter_app" / layer / "__init__.py").write_text("")
    (base / "counter_app" / "__init__.py").write_text("")
    (base / "counter_app" / "ui" / "window.py").write_text("import counter_app.documents.bill\n")
    (base / "counter_app" / "documents" / "bill.py").write_text("import counter_app.services.statements\n")
    (base / "counter_app" / "services" / "statements.py").write_text("import counter_app.models.billing\n")
    (base / "counter_app" / "models" / "billing.py").write_text(
        "import counter_app.services.statements\n" if back_import else "")


def _contract_copy(base: Path) -> None:
    ours = configparser.ConfigParser()
    ours.read(ROOT / "setup.cfg", encoding="utf-8")
    copy = configparser.ConfigParser()
    for section in ours.sections():
        if section.startswith("importlinter"):
            copy[section] = dict(ours[section])
    with (base / "setup.cfg").open("w", encoding="utf-8") as out:
        copy.write(out)


def test_the_contract_refuses_a_lower_layer_importing_a_higher_one(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    for base, back in ((good, False), (bad, True)):
        _package(base, back)
        _contract_copy(base)
    assert _run(good, pythonpath=good).returncode == 0
    refused = _run(bad, pythonpath=bad)
    assert refused.returncode != 0
    assert "counter_app.models is not allowed to import counter_app.services" in refused.stdout
