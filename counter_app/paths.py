"""Where the shipped resources and the terminal's own files live.

Resources ship inside the package as ``counter_app.resources`` (mapped from the top-level
``resources/`` folder by setup.cfg), so an editable install, a wheel and a plain source
checkout all find them the same way.
"""

from __future__ import annotations

import os
from importlib import resources as importlib_resources
from pathlib import Path

import platformdirs

from counter_app import APP_NAME


def resources_dir() -> Path:
    try:
        path = Path(str(importlib_resources.files("counter_app.resources")))
        if (path / "catalogue").is_dir():
            return path
    except ModuleNotFoundError:
        pass
    # A source checkout run without installing: resources/ beside the package.
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def config_dir() -> Path:
    path = Path(os.environ.get("COUNTER_APP_CONFIG_DIR") or platformdirs.user_config_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    path = Path(os.environ.get("COUNTER_APP_DATA_DIR") or platformdirs.user_data_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    path = Path(os.environ.get("COUNTER_APP_LOG_DIR") or platformdirs.user_log_dir(APP_NAME))
    path.mkdir(parents=True, exist_ok=True)
    return path


def cjk_font_file() -> Path | None:
    """A TrueType CJK font that reportlab can embed (TrueType outlines, not CFF)."""
    candidates = [
        resource("fonts", "wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    ]
    for path in candidates:
        if path.is_file():
            return path
    return None
