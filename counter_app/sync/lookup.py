"""Questions a terminal asks the hub while a customer waits at the counter.

A hall login may read only its own hall's rows; some answers need the whole province. Each
such question is a ``SECURITY DEFINER`` function on the hub that answers exactly it and nothing
more (installed by ``hub init``, granted to the hall group):

* ``counter_sync.lines_per_document(type, number)``: how many lines (not closed) one person
  holds across the province, counting the hub's accounts and the new subscriptions halls have
  pushed that are not accounts on the hub yet (一证五号);
* ``counter_sync.lines_over_limit(limit)``: the documents over the limit, for the province's
  back office (``counter-app hub lines-over-limit``).

:class:`HubLookup` is what a terminal's session holds (``Session.hub``): a short connect
timeout, one connection per question, and :class:`~counter_app.errors.HubUnavailable` when
the hub does not answer, so the service can fall back on the terminal's own data.
"""

from __future__ import annotations

import logging

import psycopg

from counter_app.errors import HubUnavailable
from counter_app.sync.hub import HALL_GROUP, describe_hub, quote, safe_message

log = logging.getLogger(__name__)

LOOKUP_TIMEOUT_S = 3

# The hub's accounts of a document, plus new lines pushed by halls that are not yet accounts
# on the hub (the province's billing load brings them in later).
LOOKUP_SQL = f"""
CREATE INDEX IF NOT EXISTS service_order_new_line_document ON service_order
    (((fields::jsonb -> 'values') ->> 'id_number')) WHERE business_code = 'new_subscription';
CREATE OR REPLACE FUNCTION counter_sync.lines_per_document(doc_type text, doc_number text) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT (
        SELECT count(*) FROM account a JOIN customer c ON c.id = a.customer_id
        WHERE c.id_number = doc_number AND c.id_type = doc_type AND a.status <> 'closed'
    ) + (
        SELECT count(*) FROM service_order o
        WHERE o.business_code = 'new_subscription' AND o.status = 'done'
          AND ((o.fields::jsonb -> 'values') ->> 'id_number') = doc_number
          AND coalesce((o.fields::jsonb -> 'values') ->> 'id_type', 'resident') = doc_type
          AND NOT EXISTS (SELECT 1 FROM account a2 WHERE a2.phone = (o.fields::jsonb -> 'values') ->> 'new_phone')
    )::integer
$$;
CREATE OR REPLACE FUNCTION counter_sync.lines_over_limit(line_limit integer)
RETURNS TABLE (id_type text, id_number text, lines bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    WITH held AS (
        SELECT c.id_type::text AS id_type, c.id_number::text AS id_number, a.phone::text AS phone
        FROM account a JOIN customer c ON c.id = a.customer_id WHERE a.status <> 'closed'
        UNION
        SELECT coalesce((o.fields::jsonb -> 'values') ->> 'id_type', 'resident'),
               (o.fields::jsonb -> 'values') ->> 'id_number', (o.fields::jsonb -> 'values') ->> 'new_phone'
        FROM service_order o WHERE o.business_code = 'new_subscription' AND o.status = 'done'
    )
    SELECT id_type, id_number, count(DISTINCT phone) FROM held GROUP BY id_type, id_number
    HAVING count(DISTINCT phone) > line_limit ORDER BY 3 DESC, 2
$$;
REVOKE ALL ON FUNCTION counter_sync.lines_per_document(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION counter_sync.lines_per_document(text, text) TO {quote(HALL_GROUP)};
REVOKE ALL ON FUNCTION counter_sync.lines_over_limit(integer) FROM PUBLIC;
"""


class HubLookup:
    """The hub questions of one terminal (see the module docstring)."""

    def __init__(self, url: str, *, timeout_s: int = LOOKUP_TIMEOUT_S) -> None:
        self.url = url
        self.timeout_s = timeout_s

    def _connect(self) -> psycopg.Connection:
        try:
            return psycopg.connect(self.url, autocommit=True, application_name="counter_app lookup",
                                   connect_timeout=self.timeout_s)
        except psycopg.Error as exc:
            raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None

    def lines_per_document(self, id_type: str, id_number: str) -> int:
        with self._connect() as conn:
            try:
                conn.execute(f"SET statement_timeout = {self.timeout_s * 1000}")
                return int(conn.execute("SELECT counter_sync.lines_per_document(%s, %s)",
                                        (id_type, id_number)).fetchone()[0])
            except psycopg.Error as exc:
                raise HubUnavailable(f"{describe_hub(self.url)}: {safe_message(exc, self.url)}") from None


def lines_over_limit(conn: psycopg.Connection, limit: int) -> list[tuple[str, str, int]]:
    """(type, number, lines) of every document holding more than ``limit`` lines (hub admin)."""
    return [(t, n, int(c)) for t, n, c in conn.execute("SELECT * FROM counter_sync.lines_over_limit(%s)", (limit,))]


def for_url(url: str) -> HubLookup | None:
    return HubLookup(url) if url else None
