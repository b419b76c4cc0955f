"""The hall's standard phrases (服务规范用语): what a clerk says at each step of a service,
shown unobtrusively at the counter at that step. The shipped wording
(resources/training/phrases.json) is the default; a manager edits the hall's own (hall setting
``service_phrases``, zh_CN and en per step; audited, sent to the hub, pulled by every terminal).
"""

from __future__ import annotations

import functools
import json

from counter_app import paths
from counter_app.errors import ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP, pick
from counter_app.models import db
from counter_app.services import audit, setup_record
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session, hall_setting

SETTING_KEY = "service_phrases"
STEPS = ("greeting", "identity", "confirm", "payment", "farewell")
MAX_LENGTH = 120


@functools.cache
def _shipped() -> dict[str, dict[str, str]]:
    raw = json.loads(paths.resource("training", "phrases.json").read_text(encoding="utf-8"))
    return {row["step"]: row for row in raw["steps"]}


def step_name(step: str, lang: str) -> str:
    row = _shipped().get(step, {})
    return pick(lang, row.get("name_zh", step), row.get("name_en", step))


def phrases(hall_code: str) -> dict[str, dict[str, str]]:
    """{step: {"zh": ..., "en": ...}}: the hall's wording, the shipped one where it has none."""
    stored = hall_setting(hall_code, SETTING_KEY) or {}
    out = {}
    for step in STEPS:
        row = _shipped()[step]
        found = stored.get(step) if isinstance(stored, dict) else None
        mine: dict[str, str] = found if isinstance(found, dict) else {}
        out[step] = {"zh": mine.get("zh") or row["zh"], "en": mine.get("en") or row["en"]}
    return out


def save_phrases(session: Session, values: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """A manager sets the hall's phrases (every step, both languages); audited."""
    require(session, Permission.MANAGE_HALL)
    clean: dict[str, dict[str, str]] = {}
    for step in STEPS:
        given = values.get(step) or {}
        clean[step] = {}
        for lang in ("zh", "en"):
            text = " ".join(str(given.get(lang) or "").split())
            if not text:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "Every step needs its phrase in both languages: "
                                                                  "“{step}” has none."), field=f"{step}.{lang}",
                                      step=step_name(step, session.lang))
            if len(text) > MAX_LENGTH:
                raise ValidationError(QT_TRANSLATE_NOOP("Errors", "A phrase is at most {count} characters: “{step}”."),
                                      field=f"{step}.{lang}", count=MAX_LENGTH, step=step_name(step, session.lang))
            clean[step][lang] = text
    with db.atomic():
        before = phrases(session.hall_code)
        setup_record.put_hall_setting(session.hall_code, SETTING_KEY, clean)
        audit.record(session, "setup.service_phrases", session.hall_code, before=before, after=clean)
    return clean
