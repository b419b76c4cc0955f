#!/usr/bin/env python3
"""Translation upkeep: one .ts file per area of the application, compiled to .qm.

    python tools/i18n.py update [AREA]   # collect strings from the sources into the .ts files
    python tools/i18n.py todo [AREA]     # list strings that have no zh_CN translation yet
    python tools/i18n.py fill AREA F.json  # merge {"Context|source" or "source": "译文"} into AREA
    python tools/i18n.py release [AREA]  # compile .ts into resources/i18n/*.qm
    python tools/i18n.py check           # exit 1 if a string is missing or untranslated

A source file belongs to the first area whose pattern matches its path.
"""

from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
LANGS = ("zh_CN",)

AREAS: list[tuple[str, list[str]]] = [
    ("supervision", [
        "counter_app/services/supervision*", "counter_app/services/scorecards*", "counter_app/services/training*",
        "counter_app/services/drills*", "counter_app/services/assessments*", "counter_app/services/hall_evaluation*", "counter_app/services/phrases*",
        "counter_app/training*", "counter_app/ui/training/*", "counter_app/ui/supervision/*",
        "counter_app/documents/supervision*", "counter_app/documents/training*", "counter_app/documents/evaluation*",
        "counter_app/cli/training*", "counter_app/cli/reports/inspections*", "counter_app/cli/reports/training*",
        "counter_app/cli/reports/grade*",
    ]),
    ("hardware", ["counter_app/printers/*", "counter_app/desktop*", "counter_app/ui/kiosk/ticket_printer*"]),
    ("regulatory", [
        "counter_app/services/verification*", "counter_app/services/real_name*", "counter_app/services/id_documents*",
        "counter_app/services/invoices*", "counter_app/services/appeal*", "counter_app/services/minimise*",
        "counter_app/ui/counter/verify*", "counter_app/ui/counter/invoice*", "counter_app/documents/invoice*",
        "counter_app/cli/invoice*", "counter_app/cli/verify_subscriber*",
    ]),
    ("complaints", ["*complaint*"]),
    ("sync", ["counter_app/sync/*", "*sync*", "counter_app/cli/hub*"]),
    ("ledger", ["counter_app/services/ledger*", "counter_app/services/billrun*", "counter_app/services/bill_*",
                "counter_app/ui/ledger*"]),
    ("payments", [
        "counter_app/services/payment*", "counter_app/services/statement*", "counter_app/services/settle*",
        "counter_app/services/fees*", "counter_app/ui/counter/payment*", "counter_app/ui/counter/statement*",
        "counter_app/ui/printing*", "counter_app/ui/manager/settle*", "counter_app/ui/kiosk/bill*",
        "counter_app/ui/widgets/fees*", "counter_app/documents/receipt*", "counter_app/documents/bill*",
        "counter_app/documents/records*", "counter_app/documents/settle*", "counter_app/documents/fees*",
    ]),
    ("manager", [
        "counter_app/ui/manager/*", "counter_app/services/report*", "counter_app/services/grading*",
        "counter_app/services/board*", "counter_app/services/setup*", "counter_app/documents/daily*",
        "counter_app/documents/charts*",
    ]),
    ("lifecycle", ["counter_app/services/lifecycle*"]),
    ("service", [
        "counter_app/services/identify*", "counter_app/services/customer*", "counter_app/services/order*",
        "counter_app/services/catalogue*", "counter_app/services/effects*", "counter_app/ui/counter/customer*",
        "counter_app/ui/counter/service*", "counter_app/ui/widgets/signature*", "counter_app/ui/widgets/form*",
        "counter_app/documents/slip*",
    ]),
    ("queue", [
        "counter_app/services/queue*", "counter_app/services/voice*", "counter_app/ui/kiosk/*",
        "counter_app/ui/display/*", "counter_app/ui/counter/queue*", "counter_app/documents/ticket*",
    ]),
    ("core", ["*"]),
]


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    return found


def area_of(path: str) -> str:
    for area, patterns in AREAS:
        if any(fnmatch.fnmatch(path, p) for p in patterns):
            return area
    return "core"


def sources_by_area() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {area: [] for area, _ in AREAS}
    for path in sorted((ROOT / "counter_app").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        text = path.read_text(encoding="utf-8")
        if "tr(" in text or "translate(" in text or "QT_TRANSLATE_NOOP(" in text:
            out[area_of(rel)].append(rel)
    return out


def ts_path(area: str, lang: str = "zh_CN", base: Path = I18N) -> Path:
    return base / f"{area}_{lang}.ts"


def update(base: Path = I18N, only: str | None = None) -> None:
    base.mkdir(parents=True, exist_ok=True)
    for area, files in sources_by_area().items():
        if only and area != only:
            continue
        for lang in LANGS:
            ts = ts_path(area, lang, base)
            if not files:
                continue
            subprocess.run([tool("pyside6-lupdate"), *files, "-ts", str(ts), "-locations", "none", "-no-obsolete",
                            "-source-language", "en", "-target-language", lang],
                           cwd=ROOT, check=True, capture_output=True)
            # lupdate escapes quotes and apostrophes (&quot; &apos;), fill's writer does not: every
            # file is written the one way, so that update and fill leave no churn behind each other.
            _write(ET.parse(ts), ts)


def messages(ts: Path):
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield tree, name, message


def todo(area: str | None = None, base: Path = I18N) -> list[tuple[str, str, str]]:
    missing = []
    for ts in sorted(base.glob("*_zh_CN.ts")):
        this = ts.name.rsplit("_zh_CN", 1)[0]
        if area and this != area:
            continue
        for _tree, ctx, message in messages(ts):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                    or not (translation.text or "").strip():
                if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                    continue
                missing.append((this, ctx, message.findtext("source")))
    return missing


def fill(area: str, mapping_file: str) -> int:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    ts = ts_path(area)
    tree = ET.parse(ts)
    changed = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            value = mapping.get(f"{name}|{source}", mapping.get(source))
            if value is None:
                continue
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            translation.text = value
            translation.attrib.pop("type", None)
            changed += 1
    _write(tree, ts)
    return changed


def _write(tree: ET.ElementTree, ts: Path) -> None:
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def release(base: Path = I18N, out: Path = I18N, only: str | None = None) -> None:
    for ts in sorted(base.glob(f"{only}_*.ts" if only else "*.ts")):
        subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(out / ts.with_suffix(".qm").name)],
                       check=True, capture_output=True)


def check() -> list[str]:
    """Problems: strings in the sources not in the .ts files, or untranslated."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        for ts in I18N.glob("*.ts"):
            shutil.copy(ts, tmp_path / ts.name)
        update(tmp_path)
        for area, ctx, source in todo(base=tmp_path):
            problems.append(f"{area}: [{ctx}] {source!r} has no zh_CN translation")
    return problems


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    if command == "update":
        update(only=rest[0] if rest else None)
    elif command == "todo":
        for area, ctx, source in todo(rest[0] if rest else None):
            print(json.dumps({"area": area, "context": ctx, "source": source}, ensure_ascii=False))
    elif command == "fill":
        print(f"{fill(rest[0], rest[1])} translations set")
    elif command == "release":
        release(only=rest[0] if rest else None)
    elif command == "check":
        problems = check()
        print("\n".join(problems) or "all strings translated")
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
