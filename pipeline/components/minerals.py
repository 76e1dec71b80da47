"""MINERAL candidates: element names, groups and ores from the gazetteer (case-insensitive).

Element names that are also ordinary words ("lead", "carbon", "hydrogen")
count only next to another mineral or a mining word ("lead and zinc",
"lead smelter"); none counts inside an idiom ("a silver lining",
"copper-bottomed"). See `patterns/mineral_rules.json`.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.components.base import PRIORITY, Candidate, candidates, token_orths
from pipeline.components.matching import Gazetteer
from pipeline.gazetteers import GazetteerEntry, load_json, mineral_entries


class MineralMatcher:
    """Propose MINERAL candidates with canonical names and element symbols."""

    def __init__(self, nlp: Language, name: str = "minerals", window: int = 4) -> None:
        self.name = name
        self.window = window
        self.gazetteer = Gazetteer(mineral_entries(), attr="LOWER", tokenizer=nlp.tokenizer)
        rules = load_json("mineral_rules.json")
        self.idioms = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.idioms.add("idiom", [nlp.make_doc(p.lower()) for p in rules["idioms"]])
        self.ambiguous = frozenset(rules["ambiguous"])
        self.context = frozenset(rules["context_words"])
        by_symbol = {e.extra: e for e in mineral_entries() if e.rule == "mineral-element"}
        # "NdPr", "NdFeB": element symbols run together, one MINERAL per element
        self.compounds: dict[int, list[tuple[int, GazetteerEntry]]] = {}  # word id → elements
        for word in rules["symbol_compounds"]:
            parts = re.findall(r"[A-Z][a-z]?", word)
            if "".join(parts) != word or any(p not in by_symbol for p in parts):
                raise ValueError(f"mineral_rules.json: {word!r} is not a run of element symbols")
            offsets = [sum(len(q) for q in parts[:i]) for i in range(len(parts))]
            self.compounds[nlp.vocab.strings.add(word)] = [
                (o, by_symbol[p]) for o, p in zip(offsets, parts, strict=True)
            ]

    def __call__(self, doc: Doc) -> Doc:
        out = candidates(doc)
        prio = PRIORITY["MINERAL"]
        idioms = [(s, e) for _, s, e in self.idioms(doc)]
        found = [
            (entry, s, e)
            for entry, s, e in self.gazetteer.matches(doc)
            if not any(i <= s and e <= j for i, j in idioms)
        ]
        plain = [(s, e) for entry, s, e in found if entry.phrase.lower() not in self.ambiguous]
        for entry, s, e in found:
            if entry.phrase.lower() in self.ambiguous and not self._in_context(doc, s, e, plain):
                continue
            span = doc[s:e]
            attrs = {"symbol": entry.extra}
            out.append(
                Candidate(
                    "MINERAL", span.start_char, span.end_char, entry.value, entry.rule, attrs, prio
                )
            )
        orths = token_orths(doc)
        if not self.compounds.keys().isdisjoint(orths):  # rare: look closer only then
            for i, orth in enumerate(orths):
                for offset, element in self.compounds.get(orth, ()):
                    start = doc[i].idx + offset
                    out.append(Candidate("MINERAL", start, start + len(str(element.extra)),
                                         element.value, "mineral-symbol-compound",
                                         {"symbol": element.extra}, prio))  # fmt: skip
        return doc

    def _in_context(self, doc: Doc, s: int, e: int, others: list[tuple[int, int]]) -> bool:
        lo, hi = max(0, s - self.window), min(len(doc), e + self.window)
        if any(lo <= os < hi and (os, oe) != (s, e) for os, oe in others):
            return True
        return any(doc[i].lower_ in self.context for i in range(e, min(len(doc), e + 2)))
