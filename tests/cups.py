"""A private CUPS server for the tests, with cups-pdf queues that write each job as a PDF.

cupsd runs in the foreground on a configuration of its own in a temporary folder and listens
on the domain socket ``CUPS_SERVER`` names (tests/conftest.py sets it for the whole run, so no
test ever sees the machine's own printers). Queues use the cups-pdf backend: a job goes
through CUPS's filters and Ghostscript into a PDF in this server's output folder. cups-pdf
reads its settings from ``/etc/cups/cups-pdf-<instance>.conf`` (a path built into it); the
server writes one for its own instance there and removes it when it stops.

The cups-pdf backend only runs as root (CUPS runs backends that only root may execute as
root), so where the tests do not run as root, or CUPS or cups-pdf is not installed, the tests
that need the server skip with the reason, except under CI=true where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CUPSD = "/usr/sbin/cupsd"
BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF_DIR = Path("/etc/cups")


def _unavailable() -> str | None:
    if not Path(CUPSD).exists() or shutil.which("lpadmin") is None:
        return "CUPS is not installed (apt-get install cups cups-client; see tools/setup.sh)"
    if not BACKEND.exists() or not PPD.exists():
        return "cups-pdf is not installed (apt-get install printer-driver-cups-pdf; see tools/setup.sh)"
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "the cups-pdf backend runs only under a cupsd started as root"
    if not os.access(CUPS_PDF_CONF_DIR, os.W_OK):
        return f"cannot write the cups-pdf settings into {CUPS_PDF_CONF_DIR}"
    return None


class CupsServer:
    def __init__(self) -> None:
        reason = _unavailable()
        if reason:
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI must run the printing tests: {reason}")
            pytest.skip(reason)
        self.socket = os.environ["CUPS_SERVER"]
        if not self.socket.startswith("/"):
            pytest.fail("tests/conftest.py must point CUPS_SERVER at a socket path")
        self.dir = Path(tempfile.mkdtemp(prefix="counter-cups-"))
        self.out = self.dir / "out"
        self.instance = f"countertest{os.getpid()}"
        for name in ("spool", "cache", "state", "log", "tmp", "out"):
            (self.dir / name).mkdir()
        # Filters run as the lp user: they must reach the spool and the temporary files.
        for path in (self.dir, self.dir / "spool", self.dir / "cache", self.dir / "state", self.dir / "log"):
            path.chmod(0o755)
        (self.dir / "tmp").chmod(0o1777)
        (self.dir / "cupsd.conf").write_text(
            f"Listen {self.socket}\nLogLevel warn\nWebInterface No\nBrowsing No\nDefaultAuthType None\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
            "<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>\n", encoding="utf-8")
        d = self.dir
        (d / "cups-files.conf").write_text(
            f"ServerRoot {d}\nRequestRoot {d}/spool\nCacheDir {d}/cache\nStateDir {d}/state\nTempDir {d}/tmp\n"
            f"ErrorLog {d}/log/error_log\nAccessLog {d}/log/access_log\nPageLog {d}/log/page_log\n"
            "ServerBin /usr/lib/cups\nDataDir /usr/share/cups\n", encoding="utf-8")
        self.conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{self.instance}.conf"
        self.conf.write_text(f"Out {self.out}\nAnonDirName {self.out}\nLabel 0\nTitlePref 1\nGrp root\n",
                             encoding="utf-8")
        self.process = subprocess.Popen([CUPSD, "-f", "-c", str(d / "cupsd.conf"), "-s", str(d / "cups-files.conf")],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while not self._answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (d / "log" / "error_log").read_text(errors="replace") if (d / "log" / "error_log").exists() else ""
                self.close()
                pytest.fail(f"cupsd did not start: {self.process.stderr.read().decode(errors='replace')}{log}")
            time.sleep(0.2)

    def _answers(self) -> bool:
        result = subprocess.run(["lpstat", "-h", self.socket, "-r"], capture_output=True, text=True, timeout=10)
        return "is running" in result.stdout

    def lp(self, *args: str) -> str:
        result = subprocess.run([*args[:1], "-h", self.socket, *args[1:]], capture_output=True, text=True,
                                timeout=30)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)}: {result.stdout}{result.stderr}")
        return result.stdout

    def add_queue(self, name: str) -> None:
        """A cups-pdf queue; each job it prints appears as a PDF in :attr:`out`."""
        self.lp("lpadmin", "-p", name, "-E", "-v", f"cups-pdf:/{self.instance}", "-P", str(PPD))

    def set_default(self, name: str) -> None:
        self.lp("lpadmin", "-d", name)

    def wait_for_pdfs(self, count: int, timeout: float = 90) -> list[Path]:
        """The PDFs written so far, once at least ``count`` exist and no job is left pending."""
        deadline = time.monotonic() + timeout
        while True:
            done = sorted(self.out.glob("*.pdf"), key=lambda p: p.stat().st_mtime)
            pending = self.lp("lpstat", "-o").strip()
            if len(done) >= count and not pending:
                return done
            if time.monotonic() > deadline:
                log = (self.dir / "log" / "error_log").read_text(errors="replace")
                raise AssertionError(f"{len(done)} of {count} print jobs came out; pending: {pending!r}\n{log}")
            time.sleep(0.3)

    def clear_output(self) -> None:
        for pdf in self.out.glob("*.pdf"):
            pdf.unlink()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.conf.unlink(missing_ok=True)
        shutil.rmtree(self.dir, ignore_errors=True)
