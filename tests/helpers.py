"""Reading back what the application printed: PDF text, rasterized pages, QR codes."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        import os

        message = f"{name} is not installed (see tools/setup.sh)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def rasterize(data: bytes, tmp_path: Path, dpi: int = 150) -> list[Path]:
    require_tool("pdftoppm")
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


def decode_qr(png: Path) -> list[str]:
    require_tool("zbarimg")
    # QR codes only: other symbologies read stray patterns of a page's text as barcodes.
    result = subprocess.run(["zbarimg", "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(png)],
                            capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line.strip()]


def embedded_fonts(data: bytes, tmp_path: Path) -> list[tuple[str, bool]]:
    """(font name, embedded?) for every font of the PDF, as pdffonts reports them."""
    require_tool("pdffonts")
    pdf = tmp_path / "fonts.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        if len(parts) >= 5:
            # columns: name type [encoding...] emb sub uni object ID
            fonts.append((parts[0], parts[-5] == "yes"))
    return fonts


def ops_done(qtbot, timeout: int = 15_000) -> None:
    """Wait until every op the windows started has delivered (chained ones included: an op
    started from another's callback is counted before the first one ends)."""
    from counter_app.ui import ops

    qtbot.waitUntil(lambda: ops.busy() == 0, timeout=timeout)


def commands_taking(options: set[str]) -> set[str]:
    """Every ``counter-app`` command, as typed (``"statement bill"``), that takes one of
    ``options``: the tables of commands in the tests are checked against it."""
    import argparse

    from counter_app.cli.main import build_parser

    found: set[str] = set()

    def walk(parser: argparse.ArgumentParser, path: list[str]) -> None:
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, [*path, name])
            elif options & set(action.option_strings):
                found.add(" ".join(path))

    walk(build_parser(), [])
    return found
