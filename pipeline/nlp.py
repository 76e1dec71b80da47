"""Build the extraction pipeline: a blank English pipeline plus our rule components.

Why blank: the rules need only spaCy's tokenizer, so the tool works offline
with no model download. A statistical model is an optional extra (its
parser can help commitments find subjects); naming one that is not
installed fails with a message that says how to install it.
"""

from __future__ import annotations

import spacy
from spacy.language import Language

import pipeline.factories  # noqa: F401  (registers the component factories)
from pipeline.errors import ModelNotInstalledError

COMPONENTS: tuple[str, ...] = (
    "line_sentencizer",
    "dates",
    "parties",
    "minerals",
    "percentages",
    "amounts",
    "fact_resolver",
    "commitments",
)


def build_nlp(model: str | None = None) -> Language:
    """The pipeline: blank "en" (or `model`'s tokenizer and parser) plus our components.

    >>> nlp = build_nlp()
    >>> nlp.pipe_names[0]
    'line_sentencizer'
    """
    if model:
        try:
            nlp = spacy.load(model, exclude=["ner", "lemmatizer", "senter"])
        except OSError:
            raise ModelNotInstalledError(
                f"spaCy model {model!r} is not installed. Install it with "
                f"`python -m spacy download {model}` (or pip install its wheel), "
                "or leave out --model to use the rule pipeline alone."
            ) from None
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("line_sentencizer", before="parser")
        else:
            nlp.add_pipe("line_sentencizer", first=True)
        names = COMPONENTS[1:]
    else:
        nlp = spacy.blank("en")
        names = COMPONENTS
    for name in names:
        nlp.add_pipe(name)
    return nlp
