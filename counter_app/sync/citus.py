"""The statements that distribute a hub by hall on Citus, read from the hub's own catalogue.

Every table that belongs to halls (``sync/hub_keys.hall_tables``) becomes a distributed table
with its hall column as the distribution column, all of them in one co-location group (the
push writes a hall's rows and its op-ledger rows in one statement, which Citus routes to one
shard only when both are co-located and filtered by the same hall). Every other hub table
(catalogue, halls, staff, customers and their lines, bills and ledger, the change log) becomes
a reference table, copied to every node, in an order where a table's foreign-key parents come
first. :func:`problems` lists what Citus would refuse: a unique key of a distributed table
without its hall column, a foreign key between distributed tables that does not carry the
hall on both sides, a foreign key from a reference table to a distributed one, distribution
columns of a type that cannot be made the group's. docs/scale.md holds the statements and
tests/test_scale_schema.py keeps the two in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from counter_app.sync.hub_keys import hall_tables, unique_keys

_TABLES = """
SELECT CASE WHEN n.nspname = 'public' THEN c.relname::text ELSE n.nspname || '.' || c.relname END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname IN ('public', 'counter_sync') AND NOT c.relispartition
ORDER BY 1
"""

_FOREIGN_KEYS = """
SELECT c.conname::text, c.conrelid::regclass::text, c.confrelid::regclass::text,
       array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
       array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
             JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
WHERE c.contype = 'f' AND n.nspname IN ('public', 'counter_sync')
ORDER BY 1
"""


@dataclass
class Plan:
    distributed: dict[str, str] = field(default_factory=dict)  # table → hall column, in order
    reference: list[str] = field(default_factory=list)  # parents first
    foreign_keys: list[tuple[str, str, str, list[str], list[str]]] = field(default_factory=list)
    column_types: dict[str, str] = field(default_factory=dict)  # distributed table → its hall column's type


def _name(table: str) -> str:
    return table.strip('"')


def plan(conn: psycopg.Connection) -> Plan:
    """How the hub behind ``conn`` (its administrator) would be distributed."""
    tables = [t for (t,) in conn.execute(_TABLES)]
    halls = hall_tables()
    out = Plan()
    out.foreign_keys = [(n, _name(a), _name(b), list(ca), list(cb)) for n, a, b, ca, cb in conn.execute(_FOREIGN_KEYS)]
    for table in tables:
        if table in halls:
            out.distributed[table] = halls[table]
            row = conn.execute(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = %s::regclass "
                "AND attname = %s", (table if "." in table else f'"{table}"', halls[table])).fetchone()
            out.column_types[table] = row[0] if row else ""
    parents: dict[str, set[str]] = {t: set() for t in tables if t not in halls}
    for _n, child, parent, _c, _p in out.foreign_keys:
        if child in parents and parent in parents and parent != child:
            parents[child].add(parent)
    done: list[str] = []
    while parents:  # parents first; alphabetical among equals, so the statements are stable
        ready = sorted(t for t, ps in parents.items() if not ps - set(done))
        if not ready:  # a cycle: the rest in name order (Citus takes a cycle of reference tables)
            ready = sorted(parents)
        for t in ready:
            done.append(t)
            del parents[t]
    out.reference = done
    return out


def _literal(table: str) -> str:
    return "'" + (table if "." in table else table) + "'"


def statements(p: Plan) -> list[str]:
    """The statements, in the order to run them on the coordinator of a Citus cluster holding
    the hub's schema (after ``hub init`` there)."""
    out = ["CREATE EXTENSION IF NOT EXISTS citus;"]
    anchor = "payment" if "payment" in p.distributed else next(iter(p.distributed), "")
    ordered = [anchor] + sorted(t for t in p.distributed if t != anchor)
    # Co-located tables need one type of distribution column: the hub's own tables say text,
    # the models' tables varchar(16) (a hall code is at most 16 characters).
    for t in ordered:
        if p.column_types.get(t) != p.column_types.get(anchor):
            out.append(f"ALTER TABLE {t} ALTER COLUMN {p.distributed[t]} TYPE {p.column_types[anchor]};")
    out += [f"SELECT create_reference_table({_literal(t)});" for t in p.reference]
    for t in ordered:
        colocate = "'none'" if t == anchor else _literal(anchor)
        out.append(f"SELECT create_distributed_table({_literal(t)}, '{p.distributed[t]}', "
                   f"colocate_with => {colocate});")
    return out


def problems(conn: psycopg.Connection, p: Plan) -> list[str]:
    """What Citus would refuse in this schema; empty when it can be distributed as planned."""
    out = []
    for table, hall in p.distributed.items():
        for index, _primary, _constraint, columns, _partial in unique_keys(conn, table):
            if hall not in columns:
                out.append(f"unique key {index} of {table} ({', '.join(columns)}) lacks {hall}")
    for name, child, parent, child_cols, parent_cols in p.foreign_keys:
        if child in p.distributed and parent in p.distributed:
            ch, ph = p.distributed[child], p.distributed[parent]
            if ch not in child_cols or ph not in parent_cols or child_cols.index(ch) != parent_cols.index(ph):
                out.append(f"foreign key {name} of {child} → {parent} does not join on the hall")
        elif child not in p.distributed and parent in p.distributed:
            out.append(f"foreign key {name}: reference table {child} → distributed table {parent}")
    lengths = {t for t, ty in p.column_types.items() if not (ty == "text" or ty.startswith("character varying"))}
    if lengths:  # text and varchar are altered to one type by the statements; anything else is not
        out.append("hall columns of another type: " + ", ".join(sorted(lengths)))
    return out
