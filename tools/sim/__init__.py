"""The hall's month in a box: a seeded simulation of two halls with two terminals each, a
PostgreSQL hub, faults on a schedule, and a reconciliation of every figure at the end
(``tools/simulate.py``, docs/reliability.md)."""
