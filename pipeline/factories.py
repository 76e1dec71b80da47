"""Register every component with spaCy, so a pipeline is built from names and config.

`nlp.add_pipe("dates")` works once this module is imported; `nlp.to_disk`
records the names, and `spacy.load` rebuilds the pipeline from them.
"""

from __future__ import annotations

from spacy.language import Language

from pipeline.components.amounts import AmountMatcher
from pipeline.components.commitments import CommitmentFinder
from pipeline.components.dates import DateMatcher
from pipeline.components.minerals import MineralMatcher
from pipeline.components.parties import PartyMatcher
from pipeline.components.percentages import PercentageMatcher
from pipeline.components.resolve import FactResolver
from pipeline.components.sentences import LineSentencizer


@Language.factory("line_sentencizer")
def make_line_sentencizer(nlp: Language, name: str) -> LineSentencizer:
    return LineSentencizer(nlp, name)


@Language.factory("dates")
def make_dates(nlp: Language, name: str) -> DateMatcher:
    return DateMatcher(nlp, name)


@Language.factory("parties")
def make_parties(nlp: Language, name: str) -> PartyMatcher:
    return PartyMatcher(nlp, name)


@Language.factory("minerals", default_config={"window": 4})
def make_minerals(nlp: Language, name: str, window: int) -> MineralMatcher:
    return MineralMatcher(nlp, name, window)


@Language.factory("percentages")
def make_percentages(nlp: Language, name: str) -> PercentageMatcher:
    return PercentageMatcher(nlp, name)


@Language.factory("amounts")
def make_amounts(nlp: Language, name: str) -> AmountMatcher:
    return AmountMatcher(nlp, name)


@Language.factory("fact_resolver")
def make_fact_resolver(nlp: Language, name: str) -> FactResolver:
    return FactResolver(nlp, name)


@Language.factory("commitments")
def make_commitments(nlp: Language, name: str) -> CommitmentFinder:
    return CommitmentFinder(nlp, name)
