"""Installing the compiled translations. Every ``*_<lang>.qm`` file in resources/i18n is
loaded (one file per area of the application), plus Qt's own strings where available."""

from __future__ import annotations

import locale

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from counter_app import paths

_installed: list[QTranslator] = []


class LatinEllipsis(QTranslator):
    """English shown in the hall's CJK font: its "…" sits mid-line, as Chinese typesetting
    wants it ("Training mode⋯"), which reads as a stray symbol in an English sentence. English
    has no translation file (its texts are the sources), so this translator hands back each
    source that holds one with three full stops on the line instead; the Chinese texts keep
    theirs. Any other source is left to Qt (None: a null string, "not translated here"; an
    empty string would replace the text)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:  # type: ignore[override]  # None is Qt's null QString
        return source.replace("\u2026", "...") if source and "\u2026" in source else None


def latin_ellipsis() -> bool:
    """Whether the texts on screen cut with three full stops (English), not "…"."""
    return any(isinstance(translator, LatinEllipsis) for translator in _installed)


def system_language() -> str:
    name = QLocale.system().name() or (locale.getlocale()[0] or "")
    return "zh_CN" if name.startswith("zh") else "en"


def install_translations(app: QCoreApplication, lang: str) -> str:
    """Install translators for ``lang`` ("zh_CN" or "en"); returns the language in force."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang.startswith("zh"):
        lang = "zh_CN"
        for qm in sorted(paths.resource("i18n").glob("*_zh_CN.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                _installed.append(translator)
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    else:
        lang = "en"
        latin = LatinEllipsis(app)
        app.installTranslator(latin)
        _installed.append(latin)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    return lang
