"""Database URLs and connections: parse, connect, create the tables.

Why one place: every way in (`facts export`, `facts db init`, `open_loader`)
must turn a bad URL, a missing driver or an unreachable server into the
same `DatabaseError` that says what to do.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, insert, select
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from pipeline.dburl import DEFAULT_DB_URL
from pipeline.errors import DatabaseError
from pipeline.export.schema import DIALECTS, SCHEMA_VERSION, metadata, schema_info


def normalize_url(url: str | URL) -> URL:
    """Parse a database URL; route plain `postgresql://` to psycopg 3.

    >>> normalize_url("postgresql://me@db/facts").drivername
    'postgresql+psycopg'
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(
            f"{str(url)!r} is not a database URL; expected e.g. {DEFAULT_DB_URL} "
            "or postgresql+psycopg://user@host/dbname"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in DIALECTS:
        raise DatabaseError(
            f"unsupported database {backend!r} in {parsed.render_as_string(hide_password=True)}; "
            "use sqlite:///path/to/facts.db or postgresql+psycopg://user@host/dbname"
        )
    return parsed


def _sqlite_transactions(engine: Engine) -> None:
    """Make pysqlite transactions real: BEGIN IMMEDIATE at the start of each one.

    Why: by default the sqlite3 module opens a transaction only at the first
    INSERT/DELETE, so the "is this document already stored?" SELECT would run
    outside it; IMMEDIATE takes the write lock up front, so two loaders queue
    (busy timeout) instead of failing to upgrade a read lock.

    Two settings for speed, both per connection: the page cache may grow to
    256 MiB (only as used), because a batch larger than the default 2 MiB
    cache was spilled to the file mid-transaction, several times slower; and
    foreign keys stay unchecked (SQLite's default), because the loader builds
    every row of a document from one validated record set and deletes
    children explicitly, so the references hold by construction (a test runs
    `PRAGMA foreign_key_check`), and the checks cost a quarter of the load
    time. PostgreSQL checks them always.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA cache_size = -262144")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def open_engine(url: str | URL) -> Engine:
    """Create an engine for `url` and check that it connects.

    Every failure becomes a `DatabaseError` that says what to do: a bad URL,
    a driver that is not installed, a server that does not answer.
    """
    parsed = normalize_url(url)
    shown = parsed.render_as_string(hide_password=True)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        connect_args["timeout"] = 60
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            try:
                Path(database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(
                    f"cannot connect to {shown}: cannot create its folder ({exc.strerror}); "
                    "check the path and its permissions"
                ) from None
    else:
        connect_args["connect_timeout"] = 10
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except NoSuchModuleError:
        raise DatabaseError(
            f"no database driver named {parsed.drivername!r} ({shown}); "
            "use sqlite:///... or postgresql+psycopg://..."
        ) from None
    except ImportError as exc:
        raise DatabaseError(
            f"the driver for {parsed.drivername!r} is not installed ({exc}); "
            "install psycopg 3 (pip install 'psycopg[binary]') and use postgresql+psycopg://"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        _sqlite_transactions(engine)
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        engine.dispose()
        hint = (
            "check the path and its permissions"
            if parsed.get_backend_name() == "sqlite"
            else "is the server running and reachable, and are user, password and database right?"
        )
        raise DatabaseError(f"cannot connect to {shown}: {_first_line(exc)}; {hint}") from None
    return engine


def init_db(url: str | URL | Engine) -> Engine:
    """Create the tables (if missing) and return the engine.

    Refuses a database whose recorded schema version differs from ours,
    since loading into a different layout would fail half-way or misfile.
    """
    engine = url if isinstance(url, Engine) else open_engine(url)
    try:
        with engine.begin() as conn:
            metadata.create_all(conn)
            stored = conn.execute(
                select(schema_info.c.value).where(schema_info.c.key == "schema_version")
            ).scalar_one_or_none()
            if stored is None:
                conn.execute(
                    insert(schema_info), [{"key": "schema_version", "value": SCHEMA_VERSION}]
                )
    except SQLAlchemyError as exc:
        raise DatabaseError(f"cannot create the tables: {_first_line(exc)}") from None
    if stored is not None and stored != SCHEMA_VERSION:
        raise DatabaseError(
            f"the database has schema version {stored}, this pipeline writes {SCHEMA_VERSION}; "
            "export into a new database"
        )
    return engine


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).strip()
    return text.splitlines()[0] if text else type(orig).__name__
