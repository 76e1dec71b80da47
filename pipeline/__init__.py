"""Provenance-exact fact extraction from critical-minerals news.

Public API: `build_nlp`, `extract_documents`, `read_inputs`, and the record
models in `pipeline.records`.
"""

from pipeline.records import PIPELINE_VERSION

__version__ = PIPELINE_VERSION
__all__ = ["PIPELINE_VERSION", "__version__"]
