"""Real-name registration of a line's holder (电话用户真实身份信息登记规定; 反电信网络诈骗法).

:func:`check_registration` is the rule book a new line (and a new owner, 过户) goes through
once its form's fields are valid one by one (``services.catalogue``):

* the holder's document type, number, name and address are recorded, none empty;
* the document carries a birth date, or one is typed (passport, travel permits); a holder under
  :data:`ADULT_AGE` needs a guardian (监护人) whose document is recorded, and who is of age;
* an agent (代办) shows the holder's document and their own, and the holder's written
  authorisation is recorded;
* one person holds at most :data:`MAX_LINES` lines across the province (一证五号): counted on
  the hub when it answers; offline, this terminal's own count decides, the clerk is told that
  the hub will confirm, and the order records that the count was not confirmed
  (``counter-app hub lines-over-limit`` lists the documents the hub finds over the limit).

The last count per document is kept in the session so the slip preview can show the warning
without asking the hub again (:func:`last_count`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from counter_app import clock
from counter_app.errors import Conflict, HubUnavailable, UserError, ValidationError
from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.models import Account, Customer
from counter_app.services import id_documents
from counter_app.services.permissions import Permission, require
from counter_app.services.session import Session

log = logging.getLogger(__name__)

MAX_LINES = 5
ADULT_AGE = 18  # 民法典 art. 17: under 18 is a minor
_SESSION_KEY = "line_counts"


@dataclass(frozen=True)
class LineCount:
    id_type: str
    id_number: str
    count: int  # lines the person holds now (not closed), before the new one
    confirmed: bool  # counted on the hub; False: this terminal's own count, the hub confirms later
    at: dt.datetime


REUSE_SECONDS = 120


def count_lines(session: Session, id_type: str, id_number: str) -> LineCount:
    """Lines held by the person with this document: on the hub when it answers, else here.

    A hub count made in the last :data:`REUSE_SECONDS` for this document (the slip preview's)
    is used again: the commit then asks no network question inside its transaction."""
    require(session, Permission.SERVE)
    hub = getattr(session, "hub", None)
    recent: LineCount | None = session.extra.get(_SESSION_KEY, {}).get(id_number)
    if (hub is not None and recent is not None and recent.confirmed and recent.id_type == id_type
            and (clock.now() - recent.at).total_seconds() <= REUSE_SECONDS):
        return recent
    if hub is not None:
        try:
            found = LineCount(id_type, id_number, hub.lines_per_document(id_type, id_number), True, clock.now())
        except HubUnavailable as exc:
            log.warning("line count of a document not confirmed by the hub: %s", exc)
        else:
            session.extra.setdefault(_SESSION_KEY, {})[id_number] = found
            return found
    local = (Account.select().join(Customer)
             .where((Customer.id_number == id_number) & (Customer.id_type == id_type) & (Account.status != "closed"))
             .count())
    found = LineCount(id_type, id_number, local, False, clock.now())
    session.extra.setdefault(_SESSION_KEY, {})[id_number] = found
    return found


def last_count(session: Session, id_number: str) -> LineCount | None:
    """The count :func:`check_registration` made last for this document (no look-up)."""
    found: LineCount | None = session.extra.get(_SESSION_KEY, {}).get(id_number)
    return found


def _birth(values: dict[str, Any], type_key: str, number_key: str, date_key: str) -> dt.date | None:
    kind, number = values.get(type_key) or id_documents.RESIDENT, values.get(number_key) or ""
    born = id_documents.birth_date(kind, number)
    if born is None and values.get(date_key):
        born = dt.date.fromisoformat(values[date_key])
    return born


def check_registration(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Apply the real-name rules to a new holder's cleaned form values (see the module
    docstring); raise with a message naming the field, or return what the order keeps."""
    require(session, Permission.SERVE)
    today = clock.today()
    id_type = values.get("id_type") or id_documents.RESIDENT
    number = values.get("id_number") or ""
    for key, message in (("name", QT_TRANSLATE_NOOP("Errors", "Enter the holder's name as on the document.")),
                         ("id_number", QT_TRANSLATE_NOOP("Errors", "Enter the holder's document number.")),
                         ("address", QT_TRANSLATE_NOOP("Errors", "Enter the holder's address: the real-name rules "
                                                                 "record it."))):
        if not str(values.get(key) or "").strip():
            raise ValidationError(message, field=key)
    born = _birth(values, "id_type", "id_number", "birth_date")
    if born is None:
        raise ValidationError(QT_TRANSLATE_NOOP("Errors", "This document does not show the birth date: enter the "
                                                          "holder's date of birth."), field="birth_date")
    age = id_documents.age_on(born, today)
    kept: dict[str, Any] = {"id_type": id_type, "age": age}

    if age < ADULT_AGE:
        guardian = (values.get("guardian_name") or "").strip()
        guardian_number = values.get("guardian_id_number") or ""
        if not guardian or not guardian_number:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The holder is {age}: a guardian (监护人) must come with "
                                                              "them; record the guardian's name and document."),
                                  field="guardian_name" if not guardian else "guardian_id_number", age=age)
        if guardian_number == number:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The guardian's document is the holder's own."),
                                  field="guardian_id_number")
        guardian_born = _birth(values, "guardian_id_type", "guardian_id_number", "")
        if guardian_born is not None and id_documents.age_on(guardian_born, today) < ADULT_AGE:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The guardian must be of age (18 or older)."),
                                  field="guardian_id_number")
        kept["guardian"] = True

    agent_fields = ("agent_name", "agent_id_number", "authorisation")
    if any(str(values.get(k) or "").strip() for k in agent_fields):
        for key, message in (
                ("agent_name", QT_TRANSLATE_NOOP("Errors", "Enter the agent's name as on their ID document.")),
                ("agent_id_number", QT_TRANSLATE_NOOP("Errors", "Record the agent's own document number.")),
                ("authorisation", QT_TRANSLATE_NOOP("Errors", "Record the holder's written authorisation (its number "
                                                              "or what it says)."))):
            if not str(values.get(key) or "").strip():
                raise ValidationError(message, field=key)
        if values["agent_id_number"] == number:
            raise ValidationError(QT_TRANSLATE_NOOP("Errors", "The agent's document is the holder's own: the holder "
                                                              "registers in person, without an agent."),
                                  field="agent_id_number")
        kept["agent"] = True

    counted = count_lines(session, id_type, number)
    if counted.count >= MAX_LINES:
        raise Conflict(QT_TRANSLATE_NOOP("Errors", "This person already holds {count} lines in the province; one "
                                                   "document may hold at most {limit} (一证五号)."),
                       count=counted.count, limit=MAX_LINES)
    kept.update(lines_before=counted.count, lines_confirmed=counted.confirmed)
    return kept


UNCONFIRMED = QT_TRANSLATE_NOOP("Errors", "The hub could not be reached: this terminal counts {count} line(s) for "
                                          "this document. The hub will confirm the count of {limit} per person.")


def unconfirmed_notice(session: Session, raw_values: dict[str, str]) -> UserError | None:
    """The warning for the slip preview when the last count of the form's document was this
    terminal's own (the hub did not answer); None when the hub counted (or nothing was)."""
    require(session, Permission.SERVE)
    try:
        number = id_documents.normalize_document(raw_values.get("id_type") or id_documents.RESIDENT,
                                                 raw_values.get("id_number", ""))
    except ValidationError:
        return None
    counted = last_count(session, number)
    if counted is None or counted.confirmed:
        return None
    return UserError(UNCONFIRMED, count=counted.count, limit=MAX_LINES)
