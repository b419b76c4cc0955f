"""Translation markers usable below the UI layer (no Qt import here).

Services mark user-facing text with :func:`QT_TRANSLATE_NOOP`; ``pyside6-lupdate`` collects
those strings and the UI translates them with ``QCoreApplication.translate(context, text)``
when it shows them. Data files carry their own ``name_zh``/``name_en`` pairs instead.
"""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    return text


def pick(lang: str, zh: str, en: str) -> str:
    """Choose the label of a data row for the UI language."""
    return zh if lang.startswith("zh") else (en or zh)


def counter_name(lang: str, number: int, name: str = "") -> str:
    """A counter as a reader of ``lang`` calls it. Counters are named "3号窗口" when set up;
    in English that default reads "Counter 3", while a name a manager chose stays as it is."""
    default = f"{number}号窗口"
    if lang.startswith("zh"):
        return name or default
    return f"Counter {number}" if not name or name == default else name
