"""Atomic JSON Lines writing and tolerant reading of fact files.

Why atomic: a crash (or Ctrl-C) while writing must never leave a half-written
file in place of a good one. We write to a temporary file in the same folder,
fsync, then `os.replace` it over the target, which is atomic on POSIX.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel


@contextmanager
def atomic_writer(path: Path) -> Iterator[IO[str]]:
    """Open a temporary file next to `path`; on success rename it over `path`.

    On an exception the temporary file is removed and `path` is untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; give the result the usual umask-based mode.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps_record(record: BaseModel | dict[str, Any]) -> str:
    """One compact JSON line with a stable key order (field order of the model)."""
    if isinstance(record, BaseModel):
        return record.model_dump_json(exclude_none=False)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(path: Path, records: Iterable[BaseModel | dict[str, Any]]) -> int:
    """Write records atomically, one per line; return how many were written."""
    n = 0
    with atomic_writer(path) as fh:
        for rec in records:
            fh.write(dumps_record(rec))
            fh.write("\n")
            n += 1
    return n


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield `(line_number, object)` for each non-blank line; raise ValueError naming the line."""
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
            if not isinstance(obj, dict):
                raise ValueError(f"{path}:{n}: expected a JSON object")
            yield n, obj
