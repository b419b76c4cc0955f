"""Logging to a rotating file in the platform's log folder (and stderr for the CLI)."""

from __future__ import annotations

import logging
import logging.handlers
import re

from counter_app import paths

_configured = False
# user:password@ — the password runs to the last "@" of the line: a password holding "@", "/",
# "#", spaces or anything else is hidden whole (at worst a little more of the line with it).
_PASSWORD_IN_URL = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)[^\n]*@")


class RedactingFilter(logging.Filter):
    """Keeps database passwords out of every log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "://" in message:
            record.msg = redact(message)
            record.args = ()
        return True


def redact(text: str) -> str:
    return _PASSWORD_IN_URL.sub(r"\1***@", text)


def setup_logging(level: int = logging.INFO, *, stderr: bool = False) -> str:
    global _configured
    log_file = paths.log_dir() / "counter_app.log"
    if _configured:
        return str(log_file)
    root = logging.getLogger()
    root.setLevel(level)
    handler = logging.handlers.RotatingFileHandler(log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    if stderr:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.addFilter(RedactingFilter())
        root.addHandler(console)
    logging.getLogger("peewee").setLevel(logging.WARNING)
    logging.getLogger("faker").setLevel(logging.WARNING)
    _configured = True
    return str(log_file)
