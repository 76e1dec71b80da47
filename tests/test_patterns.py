"""The pattern data files are valid spaCy token patterns, as written.

The pipeline compiles patterns (lexeme flags, left extensions) into a form
spaCy's schema does not know, so it skips validation at start-up; this test
keeps a rule writer's typo from reaching a run.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.matcher import Matcher

from pipeline.components.matching import PATTERN_FILES
from pipeline.gazetteers import token_patterns


@pytest.mark.parametrize("name", PATTERN_FILES)
def test_every_token_pattern_validates(name: str) -> None:
    matcher = Matcher(spacy.blank("en").vocab, validate=True)
    for n, entry in enumerate(token_patterns(name)):
        matcher.add(f"{entry['id']}#{n}", [entry["pattern"]])  # raises on an invalid pattern
    assert len(matcher) == len(token_patterns(name))
