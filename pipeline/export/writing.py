"""Writing a batch of prepared documents inside one transaction, fast."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Table, delete, insert, select
from sqlalchemy.engine import Connection, Dialect

from pipeline.export.rows import _PreparedDocument
from pipeline.export.schema import _CHILD_FIRST, documents, facts


def _write_batch(
    conn: Connection, batch: list[_PreparedDocument]
) -> tuple[list[_PreparedDocument], list[_PreparedDocument]]:
    """Replace changed documents, skip unchanged ones; inside the caller's transaction."""
    ids = [p.doc_id for p in batch]
    stored = {
        row.doc_id: (row.sha256, row.pipeline_version)
        for row in conn.execute(
            select(documents.c.doc_id, documents.c.sha256, documents.c.pipeline_version)
            .where(documents.c.doc_id.in_(ids))
            .with_for_update()
        )
    }
    loaded = [p for p in batch if stored.get(p.doc_id) != (p.sha256, p.pipeline_version)]
    skipped = [p for p in batch if stored.get(p.doc_id) == (p.sha256, p.pipeline_version)]
    replaced = [p.doc_id for p in loaded if p.doc_id in stored]
    if replaced:
        of_replaced = select(facts.c.id).where(facts.c.doc_id.in_(replaced))
        for table in _CHILD_FIRST:
            key = table.c.fact_id if "fact_id" in table.c else table.c.doc_id
            target = of_replaced if key.name == "fact_id" else replaced
            conn.execute(delete(table).where(key.in_(target)))
    now = dt.datetime.now(dt.timezone.utc)
    for table in reversed(_CHILD_FIRST):
        rows = [row for p in loaded for row in p.rows[table.name]]
        if table is documents:
            rows = [{**row, "loaded_at": now} for row in rows]
        if rows:
            _insert_many(conn, table, rows)
    return loaded, skipped


_RowConverter = Callable[[Mapping[str, Any]], "tuple[Any, ...] | dict[str, Any]"]


@functools.lru_cache(maxsize=64)
def _compiled_insert(table: Table, dialect: Dialect) -> tuple[str, _RowConverter]:
    """The INSERT for `table` as SQLAlchemy compiles it for `dialect`, and a row converter.

    Why not `conn.execute(insert(table), rows)`: SQLAlchemy then builds and
    processes a parameter dict per row in Python, which took longer than
    SQLite took to store the rows. The statement is still SQLAlchemy's, and
    values still pass through each column type's bind processor (dates on
    SQLite become ISO strings exactly as SQLAlchemy writes them).
    """
    compiled = insert(table).compile(dialect=dialect)
    positional = compiled.positiontup is not None
    order = list(compiled.positiontup or table.c.keys())
    processors = [
        (i, proc)
        for i, name in enumerate(order)
        if (proc := table.c[name].type.bind_processor(dialect)) is not None
    ]
    getter = operator.itemgetter(*order)

    def convert(row: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        values = getter(row)
        if processors:
            values = list(values)
            for i, proc in processors:
                if values[i] is not None:
                    values[i] = proc(values[i])
        return tuple(values) if positional else dict(zip(order, values, strict=True))

    return str(compiled), convert


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert `rows` (dicts keyed by column name) with one executemany."""
    sql, convert = _compiled_insert(table, conn.dialect)
    conn.exec_driver_sql(sql, [convert(row) for row in rows])
