"""The terminal's configuration: which database, which hall, which mode, which language.

Stored as JSON in the platform config folder (``COUNTER_APP_CONFIG_DIR`` overrides it).
Precedence for the database: ``--db`` > ``COUNTER_APP_DB`` > config file > default file in
the platform data folder. The hub: ``--hub`` > ``COUNTER_APP_HUB`` > config file.

What the file holds is what the terminal remembers: the GUI's ``--mode``, ``--lang`` and
``--counter`` apply to one start unless ``--save`` is given, and ``sync --hub URL`` keeps the
hub only with ``--save`` (docs/configuration.md). :meth:`TerminalConfig.remember` writes
chosen keys into the file as it is on disk, so a value given for one start is never saved
along with them by accident.

A file that cannot be read (bad JSON, not an object, a setting of the wrong type) is refused
with a message naming it: falling back to the defaults would open another database than the
one the terminal was set up with (docs/configuration.md).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from counter_app import paths
from counter_app.errors import UserError
from counter_app.i18n import QT_TRANSLATE_NOOP

UNREADABLE = QT_TRANSLATE_NOOP("Errors", "The terminal settings file {path} cannot be read ({detail}); nothing "
                                         "was opened. Correct the file, or move it away to start with the default "
                                         "settings.")

MODES = ("counter", "manager", "kiosk", "display")


@dataclass
class TerminalConfig:
    db: str = ""
    hub: str = ""
    mode: str = "counter"
    lang: str = ""  # empty: follow the system locale
    counter_number: int = 1
    printer: str = ""  # the A4 printer queue; empty: the system default printer
    receipt_printer: str = ""  # the 80 mm roll (receipts, tickets): a queue or escpos: address; empty: `printer`
    sync_interval_s: int = 60
    kiosk_idle_s: int = 60
    display_voice: str = "zh"  # "zh", "zh+en" or "off"
    backup_dir: str = ""  # empty: backups/ beside the database
    backup_every_h: int = 4  # 0: no periodic backups (the day-close one still runs)
    backup_keep_daily: int = 14
    backup_keep_monthly: int = 12
    extra: dict = field(default_factory=dict)

    @classmethod
    def path(cls) -> Path:
        return paths.config_dir() / "terminal.json"

    @classmethod
    def load(cls) -> TerminalConfig:
        path = cls.path()
        if not path.exists():
            return cls()
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UserError(UNREADABLE, path=str(path), detail=str(exc)) from exc
        if not isinstance(data, dict):
            raise UserError(UNREADABLE, path=str(path), detail=f"a JSON {type(data).__name__}, not an object")
        config = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        for name, default in asdict(cls()).items():
            value = getattr(config, name)
            if type(value) is not type(default):
                raise UserError(UNREADABLE, path=str(path),
                                detail=f"{name}: {type(default).__name__} expected, not {value!r}")
        return config

    def save(self) -> None:
        path = self.path()
        tmp = path.with_suffix(".tmp")
        # Readable by its user only: a saved hub URL may carry the hall's password.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(json.dumps(asdict(self), ensure_ascii=False, indent=2))
        os.replace(tmp, path)

    @classmethod
    def remember(cls, **values) -> TerminalConfig:
        """Write ``values`` into the config file as it is on disk (nothing else of a running
        program's config goes with them); returns the saved config."""
        unknown = set(values) - set(cls.__dataclass_fields__)
        if unknown:
            raise KeyError(f"not terminal settings: {sorted(unknown)}")
        config = cls.load()
        for key, value in values.items():
            setattr(config, key, value)
        config.save()
        return config

    def database_url(self, override: str | None = None) -> str:
        return self.database_source(override)[0]

    def database_source(self, override: str | None = None) -> tuple[str, str]:
        """The database and where its name came from: ``--db``, ``COUNTER_APP_DB``,
        ``terminal.json`` or ``default`` (hall.db in the platform data folder)."""
        if override:
            return override, "--db"
        if os.environ.get("COUNTER_APP_DB"):
            return os.environ["COUNTER_APP_DB"], "COUNTER_APP_DB"
        if self.db:
            return self.db, "terminal.json"
        return str(paths.data_dir() / "hall.db"), "default"

    def hub_url(self, override: str | None = None) -> str:
        return override or os.environ.get("COUNTER_APP_HUB") or self.hub
