"""A hall on the hub: its login role (``counter-app hub add-hall``), the URL its terminals sync
with, and ending one of its signing keys (``counter-app hub end-key``)."""

from __future__ import annotations

import datetime as dt
import logging
import re
import secrets
from urllib.parse import urlparse

from psycopg import sql

from counter_app.i18n import QT_TRANSLATE_NOOP
from counter_app.sync.hub import HALL_GROUP, HubError, connect, hub_errors

log = logging.getLogger(__name__)


def end_signing_key(url: str, hall: str, key_id: str, last_day: dt.date) -> object:
    """End a hall's signing key on the hub: valid until ``last_day`` at the latest (a key's
    validity is never extended). The change log carries it to every terminal; codes the key
    signs dated later are refused as expired (``services/signing.py``). Returns the end."""
    with connect(url) as conn, hub_errors(url):
        row = conn.execute("UPDATE hall_key SET valid_until = least(coalesce(valid_until, %s::date), %s::date) "
                           "WHERE hall = %s AND key_id = %s RETURNING valid_until",
                           (last_day, last_day, hall, key_id)).fetchone()
    if row is None:
        raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub has no signing key {key} of hall {hall}."),
                       key=key_id, hall=hall)
    log.info("signing key %s of hall %s ended: valid until %s", key_id, hall, row[0])
    return row[0]


def role_for_hall(hall: str) -> str:
    return "hall_" + re.sub(r"[^a-z0-9_]", "_", hall.lower())


def add_hall(url: str, hall: str, password: str, *, name: str = "", city: str = "",
             role: str = "") -> str:
    """Create (or re-key) the login role of one hall; the hall row is created when ``name``
    is given. Returns the role name. The password is sent as a SCRAM verifier, never in clear."""
    role = role or role_for_hall(hall)
    with connect(url) as conn, hub_errors(url):
        if conn.execute("SELECT to_regclass('counter_sync.hall_role')").fetchone() == (None,):
            raise HubError(QT_TRANSLATE_NOOP("Errors", "This database is not set up as a hub yet: "
                                                       "run \"counter-app hub init\" first."))
        exists = conn.execute("SELECT 1 FROM hall WHERE code = %s", (hall,)).fetchone()
        if not exists:
            if not name:
                raise HubError(QT_TRANSLATE_NOOP("Errors", "The hub has no hall {hall}; give its name and city "
                                                           "to create it."), hall=hall)
            conn.execute("INSERT INTO hall (code, name, city, address, opens, closes, grade) "
                         "VALUES (%s, %s, %s, '', '08:30', '18:00', '')", (hall, name, city))
        verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(), b"scram-sha-256").decode()
        known = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone()
        verb = "ALTER" if known else "CREATE"
        conn.execute(sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE "
                             "INHERIT PASSWORD {}").format(sql.Identifier(role), sql.Literal(verifier)))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(HALL_GROUP), sql.Identifier(role)))
        conn.execute("INSERT INTO counter_sync.hall_role (role, hall) VALUES (%s, %s) "
                     "ON CONFLICT (role) DO UPDATE SET hall = EXCLUDED.hall", (role, hall))
    log.info("hall %s has hub login role %s", hall, role)
    return role


def new_password() -> str:
    return secrets.token_urlsafe(18)


def hall_url(admin_url: str, role: str, password: str = "") -> str:
    """The admin URL with the hall's role (and password, when given) in place of the admin's."""
    from urllib.parse import quote as urlquote

    parsed = urlparse(admin_url)
    auth = urlquote(role, safe="") + (":" + urlquote(password, safe="") if password else "")
    host = parsed.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{auth}@{host}" + (f":{parsed.port}" if parsed.port else "")
    return parsed._replace(netloc=netloc).geturl()
