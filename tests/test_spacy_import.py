"""Importing the package loads spaCy without its CLI, and the CLI still works when asked for.

Each check runs in a fresh interpreter: in this test process spaCy is
already imported, so the deferral cannot be observed here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh(code: str) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_building_the_pipeline_does_not_import_spacys_cli() -> None:
    result = fresh(
        "import json, sys\n"
        "from pipeline.nlp import build_nlp\n"
        "build_nlp()\n"
        "print(json.dumps({'cli': 'spacy.cli' in sys.modules, 'weasel': 'weasel' in sys.modules}))"
    )
    assert result == {"cli": False, "weasel": False}


def test_spacy_cli_is_still_there_on_demand() -> None:
    result = fresh(
        "import json\n"
        "import pipeline, spacy\n"
        "from spacy.cli.download import download\n"
        "info = spacy.info(markdown=False, silent=True)\n"
        "print(json.dumps({'attr': spacy.cli.__name__, 'download': callable(download),\n"
        "                  'version': info['spacy_version'] == spacy.__version__}))"
    )
    assert result == {"attr": "spacy.cli", "download": True, "version": True}


def test_attribute_access_alone_loads_the_real_cli() -> None:
    result = fresh(
        "import json\n"
        "import pipeline, spacy\n"
        "print(json.dumps({'file': spacy.cli.__file__.endswith('__init__.py')}))"
    )
    assert result == {"file": True}


def test_an_already_imported_spacy_is_left_alone() -> None:
    result = fresh(
        "import json, sys\n"
        "import spacy\n"
        "import pipeline\n"
        "print(json.dumps({'cli': 'spacy.cli' in sys.modules}))"
    )
    assert result == {"cli": True}


def test_a_spacy_that_needs_more_of_its_cli_is_imported_the_ordinary_way() -> None:
    result = fresh(
        "import json, sys, types\n"
        "from pipeline.spacy_import import _Loader\n"
        "class Fussy:\n"
        "    runs = 0\n"
        "    def create_module(self, spec): return None\n"
        "    def exec_module(self, module):\n"
        "        Fussy.runs += 1\n"
        "        cli = sys.modules.get('spacy.cli')\n"
        "        if cli is not None and not hasattr(cli, '__path__'):\n"
        "            raise ImportError('the placeholder CLI is not enough')\n"
        "        module.ok = True\n"
        "module = types.ModuleType('fake')\n"
        "_Loader(Fussy()).exec_module(module)\n"
        "print(json.dumps({'runs': Fussy.runs, 'ok': module.ok,\n"
        "                  'placeholder left': 'spacy.cli' in sys.modules}))"
    )
    assert result == {"runs": 2, "ok": True, "placeholder left": False}
