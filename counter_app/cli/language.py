"""The language of the command line's messages.

Errors a command prints (``error: …``) are the same translated messages the GUI shows. The
language is ``COUNTER_APP_LANG``, else the terminal config's ``lang``, else the system
locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``): Chinese when it starts with ``zh``. A
``--lang`` option of a command chooses the language of the document it prints, not of its
messages.
"""

from __future__ import annotations

import functools
import os

from counter_app.errors import UserError


def cli_language() -> str:
    from counter_app.config import TerminalConfig

    chosen = os.environ.get("COUNTER_APP_LANG")
    if not chosen:
        try:
            chosen = TerminalConfig.load().lang
        except UserError:  # an unreadable settings file: the command that reads it says so
            chosen = ""
    if not chosen:
        for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
            if os.environ.get(name):
                chosen = os.environ[name]
                break
    return "zh_CN" if (chosen or "").startswith("zh") else "en"


@functools.lru_cache(maxsize=2)
def _translators(lang: str) -> tuple:
    if lang != "zh_CN":
        return ()
    from PySide6.QtCore import QTranslator

    from counter_app import paths

    found = []
    for qm in sorted(paths.resource("i18n").glob("*_zh_CN.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            found.append(translator)
    return tuple(found)


def translate(context: str, text: str, lang: str | None = None) -> str:
    for translator in _translators(lang or cli_language()):
        done = translator.translate(context, text)
        if done:
            return done
    return text


def message(exc: UserError, lang: str | None = None) -> str:
    """``exc`` as a sentence in the command line's language."""
    chosen = lang or cli_language()
    return exc.text(lambda context, text: translate(context, text, chosen))
