"""Hand-written SQL for the few statements on the comment-posting path.

Building a query with the ORM costs about 0.25 ms of Python on a small server, more than
running it; a POST runs a dozen. The screening reads and the fingerprint writes are
therefore plain parameterised SQL that SQLite and PostgreSQL both accept, with table and
column names taken from the models (`table`, `col`), so a rename cannot leave them behind.
Values always travel as parameters; only those identifiers are formatted into the SQL
(hence the `noqa: S608` beside each statement).
Everything else uses the ORM.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection


def table(model) -> str:
    return _quoted(connection.vendor, model, None)


def col(model, field: str) -> str:
    return _quoted(connection.vendor, model, field)


@functools.cache
def _quoted(vendor: str, model, field: str | None) -> str:
    """A table name (`field` None) or column name, quoted for the backend (kept: a POST
    builds about a hundred of them)."""
    meta = model._meta
    return connection.ops.quote_name(
        meta.db_table if field is None else meta.get_field(field).column
    )


def when(value: datetime) -> Any:
    """A datetime as the database backend stores it (SQLite keeps UTC text)."""
    return connection.ops.adapt_datetimefield_value(value)


def placeholders(values: Sequence[Any]) -> str:
    return ", ".join(["%s"] * len(values))


def fetch_one(sql: str, params: Sequence[Any]) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def fetch_all(sql: str, params: Sequence[Any]) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def execute_many(sql: str, rows: Iterable[Sequence[Any]]) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def related_values(instance, relation: str, field: str) -> list[Any]:
    """`instance.<relation>.values_list(field, flat=True)` for a many-to-many relation
    (in the target model's default order), as one plain query."""
    m2m = instance._meta.get_field(relation)
    target, through = m2m.related_model, m2m.remote_field.through
    quote = connection.ops.quote_name
    order = ", ".join(
        f"t.{col(target, name.lstrip('-'))}{' DESC' if name.startswith('-') else ''}"
        for name in target._meta.ordering
    )
    return [
        row[0]
        for row in fetch_all(
            f"SELECT t.{col(target, field)} FROM {table(target)} t"  # noqa: S608
            f" JOIN {table(through)} j ON j.{quote(m2m.m2m_reverse_name())} = t.{col(target, 'id')}"
            f" WHERE j.{quote(m2m.m2m_column_name())} = %s"
            + (f" ORDER BY {order}" if order else ""),
            [instance.pk],
        )
    ]


def fetch_fields(
    model, pk: Any, fields: Sequence[str], *, for_update: bool = False
) -> dict[str, Any]:
    """Some fields of one row, converted as the ORM would (e.g. datetimes), in one plain
    query: a cheaper `refresh_from_db(fields=...)`. `for_update` locks the row where the
    database can (PostgreSQL; SQLite's write transaction already locks the database)."""
    meta_fields = [model._meta.get_field(f) for f in fields]
    lock = " FOR UPDATE" if for_update and connection.features.has_select_for_update else ""
    row = fetch_one(
        f"SELECT {', '.join(col(model, f) for f in fields)} FROM {table(model)}"  # noqa: S608
        f" WHERE {col(model, 'id')} = %s{lock}",
        [pk],
    )
    if row is None:
        raise model.DoesNotExist(f"{model.__name__} {pk} does not exist")
    out = {}
    for field, value in zip(meta_fields, row, strict=True):
        expression = field.get_col(model._meta.db_table)
        for converter in connection.ops.get_db_converters(expression):
            value = converter(value, expression, connection)
        out[field.attname] = value
    return out


def update_fields(model, pk: Any, values: dict[str, Any]) -> int:
    """`Model.objects.filter(pk=pk).update(**values)` for plain values, as one statement;
    each value is prepared for the database by its field. Returns the rows changed."""
    fields = [model._meta.get_field(name) for name in values]
    assignments = ", ".join(f"{col(model, f.name)} = %s" for f in fields)
    params = [
        f.get_db_prep_save(v, connection) for f, v in zip(fields, values.values(), strict=True)
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table(model)} SET {assignments} WHERE {col(model, 'id')} = %s",  # noqa: S608
            [*params, pk],
        )
        return cursor.rowcount


def create(model, **values: Any):
    """`model.objects.create(**values)` as one plain INSERT: the instance is built (and its
    defaults, `auto_now` and `auto_now_add` fields filled) as the ORM does, then stored
    without the query compiler. The project sends no model signals, so none are missed."""
    obj = model(**values)
    meta = model._meta
    fields = [
        f for f in meta.concrete_fields if not (f.primary_key and getattr(obj, f.attname) is None)
    ]
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    pk = col(model, meta.pk.name)
    returning = connection.features.can_return_columns_from_insert
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table(model)} ({', '.join(col(model, f.name) for f in fields)})"  # noqa: S608
            f" VALUES ({placeholders(fields)})" + (f" RETURNING {pk}" if returning else ""),
            params,
        )
        obj.pk = cursor.fetchone()[0] if returning else cursor.lastrowid
    obj._state.adding = False
    obj._state.db = connection.alias
    return obj
