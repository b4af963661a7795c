"""Bulk inserts whose SQL is built before the write transaction and only run inside it.

`bulk_create` spends most of its time in Python, turning each object's fields into SQL
parameters; on SQLite all of that happens while the database's single write lock is
held, and for the largest import that was over a second of everyone else waiting.
Here the same work (Django's own InsertQuery compiler, so values are prepared exactly
as bulk_create prepares them) runs first, with the lock free, and the transaction only
executes the finished statements.

That needs every primary key known in advance, since children carry their parents'
ids: `ids_reserve` takes a block of ids from the table's sequence (PostgreSQL's
sequence, SQLite's AUTOINCREMENT counter) in a transaction of its own, a few
milliseconds long. Ids reserved by an import that is then refused are skipped, as
PostgreSQL skips the ids of any rolled-back insert.
"""

from __future__ import annotations

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction
from django.db.models.sql import InsertQuery

Statement = tuple[str, tuple]


def ids_reserve(wanted: dict[type[models.Model], int]) -> dict[type[models.Model], list[int]]:
    """A block of fresh primary keys per model, no other insert will ever use."""
    reserved = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for model, count in wanted.items():
            if not count:
                reserved[model] = []
                continue
            table = model._meta.db_table
            column = model._meta.pk.column
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [table, column, count],
                )
                reserved[model] = [row[0] for row in cursor.fetchall()]
                continue
            # SQLite: an AUTOINCREMENT table never hands out an id at or below its
            # sqlite_sequence counter, so moving the counter on reserves the block.
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) "
                f"SELECT %s, COALESCE((SELECT MAX({connection.ops.quote_name(column)}) "
                f"FROM {quoted}), 0) "
                "WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = %s)",
                [table, table],
            )
            cursor.execute(
                "UPDATE sqlite_sequence SET seq = seq + %s WHERE name = %s", [count, table]
            )
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
            top = cursor.fetchone()[0]
            reserved[model] = list(range(top - count + 1, top + 1))
    return reserved


def insert_statements(model: type[models.Model], objs: list, batch_size: int) -> list[Statement]:
    """The INSERT statements bulk_create would run for these objects, built now."""
    if not objs:
        return []
    for obj in objs:
        # Copies each saved parent's id into the foreign key, as bulk_create does.
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    if not objs[0]._is_pk_set():
        fields = [f for f in fields if f is not model._meta.pk]
    # The connection itself, not django.db.connection: that proxy costs a lookup per value.
    real = connections[DEFAULT_DB_ALIAS]
    batch_size = min(batch_size, max(real.ops.bulk_batch_size(fields, objs), 1))
    statements: list[Statement] = []
    for start in range(0, len(objs), batch_size):
        query = InsertQuery(model)
        query.insert_values(fields, objs[start : start + batch_size])
        for sql, params in query.get_compiler(connection=real).as_sql():
            statements.append((sql, tuple(params)))
    return statements


def statements_run(statements: list[Statement]) -> None:
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
