"""Provenance-exact fact extraction from critical-minerals news.

Public API: `build_nlp`, `extract_documents`, `read_inputs`, and the record
models in `pipeline.records`.
"""

from pipeline.records import PIPELINE_VERSION
from pipeline.spacy_import import defer_spacy_cli

defer_spacy_cli()  # before any module of ours imports spaCy: see pipeline.spacy_import

__version__ = PIPELINE_VERSION
__all__ = ["PIPELINE_VERSION", "__version__"]
