"""Import spaCy without its command-line package: start-up is a product goal.

Why: `import spacy` imports `spacy.cli` unconditionally, only to re-export
`spacy.info`, and with it weasel, httpx, requests and rich: a quarter to
half a second of our start-up, paid again by every worker process, for
commands this tool never runs.

How: `defer_spacy_cli()` (called when our package is imported) puts a
finder first on `sys.meta_path` that acts on the first `import spacy` only,
so commands that never touch spaCy (`facts db`) still never import it.
While spaCy's `__init__` runs, a placeholder `spacy.cli.info` stands in
`sys.modules`, whose `info` imports the real one when called; then the
placeholders go, so `import spacy.cli` (or reading `spacy.cli`) loads the
real package as usual. If a spaCy release needs more of its CLI at import
time, the placeholder does not satisfy it and `__init__` runs again the
ordinary way: slower, never broken.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import types
from collections.abc import Sequence
from typing import Any

_CLI = "spacy.cli"
_INFO = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, importing spaCy's CLI on first use."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _cli_on_demand(name: str) -> Any:
    """Module `__getattr__` for spaCy: `spacy.cli` imports the real package when first read."""
    if name == "cli":
        return importlib.import_module(_CLI)
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


class _Loader(importlib.abc.Loader):
    """spaCy's own loader, run with the CLI placeholders in place."""

    def __init__(self, real: importlib.abc.Loader) -> None:
        self.real = real

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return self.real.create_module(spec)

    def exec_module(self, module: types.ModuleType) -> None:
        cli = types.ModuleType(_CLI)
        info = types.ModuleType(_INFO)
        info.info = _info  # type: ignore[attr-defined]
        cli.info = info  # type: ignore[attr-defined]
        placeholders = {_CLI: cli, _INFO: info}
        sys.modules.update(placeholders)
        try:
            self.real.exec_module(module)
        except ImportError:
            deferred = False
        else:
            deferred = True
        finally:
            for name, placeholder in placeholders.items():
                if sys.modules.get(name) is placeholder:
                    del sys.modules[name]
        if not deferred:  # this spaCy needs more of its CLI at import: the ordinary way
            self.real.exec_module(module)
            return
        if module.__dict__.get("cli") is cli:
            del module.cli
        module.__dict__.setdefault("__getattr__", _cli_on_demand)  # PEP 562


class _SpacyFinder(importlib.abc.MetaPathFinder):
    """Hands the first `import spacy` to `_Loader`, then steps aside."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname != "spacy":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader)
        return spec


def defer_spacy_cli() -> None:
    """Make the first `import spacy` skip its CLI; a no-op once spaCy is imported."""
    if "spacy" in sys.modules or any(isinstance(f, _SpacyFinder) for f in sys.meta_path):
        return
    sys.meta_path.insert(0, _SpacyFinder())
