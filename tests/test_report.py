"""`facts report`: the page parses, ids are unique, and the document text survives exactly.

Records are written by hand (no pipeline) except in the corpus test, which
runs the rule pipeline over corpus/ and checks every document against its
gold. Documents carry `<script>`, `&`, quotes, character-reference look-alikes,
CR LF line ends and non-ASCII text, because escaping is where such pages break.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import typer
from spacy.language import Language
from typer.testing import CliRunner, Result

from pipeline import report
from pipeline.commands import report as report_command
from pipeline.corpus import Document
from pipeline.errors import FactFormatError
from pipeline.extract import extract_document
from pipeline.io import write_jsonl
from pipeline.records import FACT_ADAPTER, Fact, fact_id, quote_for
from pipeline.report import Mark, MarkNode, build_report, layout, render_html, timeline_key
from pipeline.scoring import InterchangeFact, load_facts, parse_fact

ROOT = Path(__file__).resolve().parents[1]
VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}

HOSTILE = (
    'Tokyo & <script>alert("x")</script> said Japan\'s "deal" is worth $5 billion.\r\n'
    "Café Zürich — “Ni” &amp; &lt;b&gt; literal; Japan pledged to act by 2030 </div><!--\r\n"
    "日本 signed ]]> in March 2025 with Canada. "
)
PLAIN = "Canada and Japan will invest $2 billion in nickel by 2027.\nNo facts here.\n"


# --------------------------------------------------------------------------- helpers


def document(doc_id: str, text: str, title: str | None = None) -> Document:
    return Document(doc_id=doc_id, text=text, title=title, source="https://example.org/<x>")


def sentence_of(text: str, start: int, end: int) -> dict[str, Any]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi == -1 else hi
    return {"index": 0, "start": lo, "end": hi, "text": text[lo:hi]}


def fact(doc: Document, ftype: str, text: str, value: Any, nth: int = 1, **extra: Any) -> Fact:
    """A valid record of `text` (its nth occurrence) in `doc`, as `facts extract` writes it."""
    start = -1
    for _ in range(nth):
        start = doc.text.index(text, start + 1)
    end = start + len(text)
    obj: dict[str, Any] = {
        "id": fact_id(doc.sha256, ftype, start, end),
        "doc_id": doc.doc_id,
        "doc_sha256": doc.sha256,
        "start": start,
        "end": end,
        "text": text,
        "sentence": sentence_of(doc.text, start, end),
        "quote": quote_for(doc.text, start, end).model_dump(),
        "rule": f"test-{ftype.lower()}",
        "pipeline_version": "0.1.0",
        "type": ftype,
        "value": value,
    }
    return FACT_ADAPTER.validate_python(obj | extra)


def commitment(doc: Document, text: str, trigger: str, **extra: Any) -> Fact:
    start = doc.text.index(text)
    t = doc.text.index(trigger, start)
    fields: dict[str, Any] = {
        "modality": "pledge",
        "agents": ["JPN"],
        "deadline": None,
        "amount": None,
        "trigger": {"text": trigger, "start": t, "end": t + len(trigger)},
    }
    return fact(doc, "COMMITMENT", text, None, **(fields | extra))


@pytest.fixture
def docs() -> list[Document]:
    return [document("hostile", HOSTILE, 'A <b>"title"</b> & more'), document("plain", PLAIN)]


@pytest.fixture
def records(docs: list[Document]) -> list[Fact]:
    hostile, plain = docs
    usd = {"value": 5e9, "unit": "USD"}
    jpn_deal = commitment(hostile, "Japan pledged to act by 2030", "pledged", deadline="2030")
    invest = commitment(
        plain, "will invest $2 billion in nickel by 2027", "will invest", amount=usd
    )
    amount = fact(plain, "AMOUNT", "$2 billion", {"value": 2e9, "unit": "USD"})
    date = fact(plain, "DATE", "2027", "2027")
    invest = invest.model_copy(update={"links": [amount.id, date.id]})
    return [
        fact(hostile, "PARTY", "Tokyo", "JPN", kind="country"),
        fact(hostile, "PARTY", "Japan", "JPN", kind="country"),
        fact(hostile, "AMOUNT", "$5 billion", usd),
        fact(hostile, "MINERAL", "“Ni”", "nickel", symbol="Ni"),
        fact(hostile, "PARTY", "Japan", "JPN", nth=2, kind="country"),
        jpn_deal,
        fact(hostile, "DATE", "2030", "2030"),
        fact(hostile, "PARTY", "日本", "JPN", kind="country"),
        fact(hostile, "DATE", "March 2025", "2025-03"),
        fact(plain, "PARTY", "Canada", "CAN", kind="country"),
        fact(plain, "PARTY", "Japan", "JPN", kind="country"),
        invest,
        amount,
        fact(plain, "MINERAL", "nickel", "nickel", symbol="Ni"),
        date,
    ]


class Page(HTMLParser):
    """A strict reading of the page: tags must close in order; ids, classes and texts kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.ids: Counter[str] = Counter()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.doc_texts: dict[str, list[str]] = {}
        self.mark_texts: dict[str, list[str]] = {}
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if "id" in a:
            self.ids[a["id"]] += 1
        if tag == "script":
            self.scripts += 1
        if "doc-text" in a.get("class", "").split():
            self.doc_texts[a["data-doc-id"]] = []
        if tag not in VOID:
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        open_tag, _ = self.stack.pop()
        assert open_tag == tag, f"</{tag}> closes <{open_tag}>"

    def handle_data(self, data: str) -> None:
        for _, a in self.stack:
            if "doc-text" in a.get("class", "").split():
                self.doc_texts[a["data-doc-id"]].append(data)
            key = a.get("id") or a.get("data-for")
            if key and "hl" in a.get("class", "").split():
                self.mark_texts.setdefault(key, []).append(data)

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [a for _, a in self.elements if name in a.get("class", "").split()]


def parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert not parser.stack, f"unclosed: {[t for t, _ in parser.stack]}"
    return parser


def raw_doc_text(page: str, doc_id: str) -> str:
    """The doc's text from the raw HTML, tags stripped and references unescaped (no parser)."""
    start = page.index(f'data-doc-id="{html.escape(doc_id)}">') + len(doc_id) + 15
    end = page.index("</div>", start)
    return html.unescape(re.sub(r"<[^>]*>", "", page[start:end]))


def render(records: list[Fact], docs: list[Document], **kwargs: Any) -> str:
    return render_html(build_report(records, docs, **kwargs))


# --------------------------------------------------------------------------- the page


def test_page_parses_with_every_tag_closed_in_order(
    records: list[Fact], docs: list[Document]
) -> None:
    page = parse(render(records, docs))
    assert page.scripts == 1, "document text must never become a script element"
    assert page.elements[0][0] == "html"


def test_every_record_id_is_one_element_id(records: list[Fact], docs: list[Document]) -> None:
    page = parse(render(records, docs))
    for r in records:
        assert page.ids[r.id] == 1, r
    assert [i for i, n in page.ids.items() if n > 1] == []


def test_text_is_the_source_exactly(records: list[Fact], docs: list[Document]) -> None:
    text = render(records, docs)
    page = parse(text)
    for d in docs:
        assert "".join(page.doc_texts[d.doc_id]) == d.text
        assert raw_doc_text(text, d.doc_id) == d.text
    for r in records:
        assert "".join(page.mark_texts[r.id]) == r.text


def test_text_outside_highlights_is_unchanged(records: list[Fact], docs: list[Document]) -> None:
    """Between the highlights, the raw HTML unescapes to exactly the source between the facts."""
    page = render(records, docs)
    for d in docs:
        start = page.index(f'data-doc-id="{d.doc_id}">') + len(d.doc_id) + 15
        inner = page[start : page.index("</div>", start)]
        depth, outside = 0, []
        for token in re.split(r"(<[^>]*>)", inner):
            if token.startswith("</"):
                depth -= 1
            elif token.startswith("<"):
                depth += 1
            elif depth == 0:
                outside.append(html.unescape(token))
        covered = sorted((r.start, r.end) for r in records if r.doc_id == d.doc_id)
        expected, pos = [], 0
        for s, e in covered:
            if s > pos:
                expected.append(d.text[pos:s])
            pos = max(pos, e)
        expected.append(d.text[pos:])
        assert "".join(outside) == "".join(expected)
        if "<script>" in d.text:
            assert "<script>" not in inner and "&lt;script&gt;" in inner
        if "\r" in d.text:  # a raw CR would reach the browser as LF
            assert "\r" not in inner and "&#13;" in inner


def test_highlights_name_value_rule_and_id(records: list[Fact], docs: list[Document]) -> None:
    page = parse(render(records, docs))
    marks = {a["id"]: a for a in page.with_class("hl") if a.get("id")}
    amount = next(r for r in records if r.type == "AMOUNT")
    a = marks[amount.id]
    assert a["tabindex"] == "0"
    assert a["data-label"] == "AMOUNT" and "t-AMOUNT" in a["class"]
    assert a["data-value"] == "5,000,000,000 USD"
    assert a["data-rule"] == "test-amount" and amount.id in a["data-source"]
    assert amount.id in a["title"] and "test-amount" in a["title"]


def test_commitment_cards_link_both_ways(records: list[Fact], docs: list[Document]) -> None:
    text = render(records, docs)
    page = parse(text)
    invest = next(r for r in records if r.type == "COMMITMENT" and r.doc_id == "plain")
    marker = next(a for a in page.with_class("commit") if a.get("id") == invest.id)
    card_id = marker["data-card"]
    assert page.ids[card_id] == 1
    card = text[text.index(f'id="{card_id}"') :].split("</article>")[0]
    assert f'href="#{invest.id}"' in card
    assert "2,000,000,000 USD" not in card  # the amount shown is the record's, 5e9
    assert "5,000,000,000 USD" in card and "JPN" in card and "pledge" in card
    for linked in invest.links:
        assert f'href="#{linked}"' in card
    assert "<strong" in card and "will invest</strong>" in card


def test_no_network_resources(records: list[Fact], docs: list[Document]) -> None:
    text = render(records, docs)
    page = parse(text)
    assert not [a for _, a in page.elements if "src" in a]
    assert not [t for t, _ in page.elements if t in ("link", "iframe", "img", "object")]
    assert "default-src 'none'" in text
    assert "@import" not in text and "url(http" not in text


def test_source_link_only_for_http(docs: list[Document]) -> None:
    evil = Document("evil", "Japan.", source="javascript:alert(1)")
    page = parse(render([], [*docs, evil]))
    hrefs = [a["href"] for t, a in page.elements if t == "a"]
    assert not [h for h in hrefs if h.startswith("javascript:")]
    assert "https://example.org/<x>" in hrefs


def test_overview_counts_top_lists_timeline_and_amounts(
    records: list[Fact], docs: list[Document]
) -> None:
    r = build_report(records, docs)
    assert r.type_counts["PARTY"] == 6 and r.type_counts["COMMITMENT"] == 2
    assert (r.parties[0].value, r.parties[0].mentions, r.parties[0].documents) == ("JPN", 5, 2)
    assert [(e.value, e.kind) for e in r.timeline] == [
        ("2025-03", "date"),
        ("2027", "date"),
        ("2030", "date"),
        ("2030", "deadline"),
    ]
    assert sorted(a.value for a in r.amounts) == [2e9, 5e9]
    pledged = [a for a in r.amounts if a.pledge is not None]
    assert len(pledged) == 1 and pledged[0].text == "$2 billion"
    assert r.chart is not None and [b.label for b in r.chart.bars][:2] == ["2025", "2026"]


def test_rendering_is_deterministic(records: list[Fact], docs: list[Document]) -> None:
    assert render(records, docs) == render(list(records), list(docs))


# --------------------------------------------------------------------------- layout


def mark(key: str, start: int, end: int, ftype: str = "DATE") -> Mark:
    return Mark(key, start, end, ftype, "found", "v", "r", key)


def flatten(nodes: list[str | MarkNode]) -> str:
    return "".join(n if isinstance(n, str) else flatten(n.children) for n in nodes)


def test_layout_splits_crossing_spans_into_fragments() -> None:
    text = "0123456789"
    tree = layout(text, [mark("a", 1, 6), mark("b", 4, 9, "PARTY")])
    assert flatten(tree) == text
    a = tree[1]
    assert isinstance(a, MarkNode) and a.first and a.mark.key == "a"
    assert a.children[0] == "123"
    b_first = a.children[1]
    assert isinstance(b_first, MarkNode) and b_first.first and flatten([b_first]) == "45"
    b_rest = tree[2]
    assert isinstance(b_rest, MarkNode) and not b_rest.first and flatten([b_rest]) == "678"


def test_layout_nests_entities_inside_commitments_and_equal_spans() -> None:
    text = "Japan will invest by 2030."
    tree = layout(
        text,
        [
            mark("date", 21, 25),
            mark("c", 6, 25, "COMMITMENT"),
            mark("same", 21, 25, "COMMITMENT"),
            mark("p", 0, 5, "PARTY"),
        ],
    )
    assert flatten(tree) == text
    c = tree[2]
    assert isinstance(c, MarkNode) and c.mark.key == "c"
    inner = c.children[1]
    assert isinstance(inner, MarkNode) and inner.mark.key == "same"
    date = inner.children[0]
    assert isinstance(date, MarkNode) and date.mark.key == "date" and date.children == ["2030"]


def test_crossing_highlights_render_once_with_continuations(docs: list[Document]) -> None:
    hostile = docs[0]
    a = fact(hostile, "PARTY", "Tokyo & <scr", "JPN", kind="country")
    b = fact(hostile, "AMOUNT", "<script>alert", {"value": 1.0, "unit": "USD"})
    text = render([a, b], [hostile])
    page = parse(text)
    assert page.ids[a.id] == page.ids[b.id] == 1
    assert "".join(page.doc_texts["hostile"]) == hostile.text
    assert "".join(page.mark_texts[b.id]) == b.text
    assert [x["data-for"] for x in page.with_class("cont")] == [b.id]


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("2025-10-28", (2025, 10, 28)),
        ("2025-03", (2025, 3, 1)),
        ("2030", (2030, 1, 1)),
        ("2026-Q3", (2026, 7, 1)),
        ("2026-H2", (2026, 7, 1)),
        ("2025-W44", (2025, 10, 27)),
        ("201", (2010, 1, 1)),
        ("P6M", None),
        ("PAST_REF", None),
        (None, None),
    ],
)
def test_timeline_key(value: str | None, key: tuple[int, int, int] | None) -> None:
    assert timeline_key(value) == key


def test_format_number() -> None:
    assert report.format_number(1.2e9) == "1,200,000,000"
    assert report.format_number(12.5) == "12.5"


# --------------------------------------------------------------------------- problems


def test_facts_that_do_not_fit_are_listed_once_with_their_id(
    records: list[Fact], docs: list[Document]
) -> None:
    hostile = docs[0]
    edited = Document("hostile", hostile.text + " More.")
    orphan = fact(document("gone", "Japan."), "PARTY", "Japan", "JPN", kind="country")
    r = build_report([*records, orphan], [edited, docs[1]])
    messages = [p.message for p in r.problems]
    assert "document 'gone' is not in the corpus: 1 fact(s)" in messages
    stale = [p for p in r.problems if "changed since extraction" in p.message]
    assert len(stale) == 1 and len(stale[0].items) == 9
    page = parse(render_html(r))
    for rec in [*records, orphan]:
        assert page.ids[rec.id] == 1
    assert "".join(page.doc_texts["hostile"]) == edited.text


def test_duplicate_record_is_shown_once(records: list[Fact], docs: list[Document]) -> None:
    r = build_report([*records, records[0]], docs)
    assert [p.message for p in r.problems] == [
        "ids repeated in the facts file (each shown once): 1 fact(s)"
    ]
    page = parse(render_html(r))
    assert page.ids[records[0].id] == 1


# --------------------------------------------------------------------------- gold


def gold_line(r: Fact, **change: Any) -> InterchangeFact:
    obj = r.model_dump(mode="json") | change
    return parse_fact(obj, f"gold.jsonl:{r.start}")


def test_gold_marks_missed_spurious_and_value(records: list[Fact], docs: list[Document]) -> None:
    hostile = docs[0]
    by_text = {r.text: r for r in records if r.doc_id == "hostile"}
    spurious = by_text["Tokyo"]
    wrong = by_text["March 2025"]
    missed = fact(hostile, "PARTY", "Canada", "CAN", kind="country")
    gold = [gold_line(r) for r in records if r is not spurious and r is not wrong]
    gold += [gold_line(wrong, value="2025-04"), gold_line(missed)]
    r = build_report(records, docs, gold=gold, gold_path="gold")
    assert r.gold is not None and r.gold.totals == {"missed": 1, "spurious": 1, "value": 1}
    text = render_html(r)
    page = parse(text)

    marks = {a.get("id") or "": a for a in page.with_class("hl")}
    assert "s-spurious" in marks[spurious.id]["class"]
    assert marks[spurious.id]["data-label"] == "SPURIOUS PARTY"
    assert "s-value" in marks[wrong.id]["class"] and "2025-04" in marks[wrong.id]["data-note"]
    missed_marks = [a for a in page.with_class("s-missed") if a.get("id", "").startswith("gold-")]
    assert len(missed_marks) == 1 and missed_marks[0]["data-label"] == "MISSED PARTY"
    assert "".join(page.mark_texts[missed_marks[0]["id"]]) == "Canada"
    assert "".join(page.doc_texts["hostile"]) == hostile.text
    assert [i for i, n in page.ids.items() if n > 1] == []

    scores = text[text.index('id="gold"') : text.index("</section>", text.index('id="gold"'))]
    assert "Lenient matching" in scores and "Strict matching" in scores
    assert text.index('id="gold"') < text.index('id="overview"') < text.index('id="documents"')


def test_gold_commitment_missed_gets_a_card(records: list[Fact], docs: list[Document]) -> None:
    deal = next(r for r in records if r.type == "COMMITMENT" and r.doc_id == "hostile")
    rest = [r for r in records if r is not deal]
    r = build_report(rest, docs, gold=[gold_line(x) for x in records])
    cards = [c for d in r.documents for c in d.cards if c.status == "missed"]
    assert len(cards) == 1 and cards[0].agents == ["JPN"] and cards[0].deadline == "2030"


def test_gold_is_scored_on_the_corpus_documents_only(
    records: list[Fact], docs: list[Document]
) -> None:
    """A report on part of a corpus does not count the other documents' gold as missed."""
    stray = parse_fact(
        {"doc_id": "nope", "type": "DATE", "start": 0, "end": 4, "text": "2030", "value": "2030"},
        "gold.jsonl:9",
    )
    plain_only = [r for r in records if r.doc_id == "plain"]
    gold = [*[gold_line(x) for x in records], stray]
    r = build_report(plain_only, docs[1:], gold=gold)
    assert r.gold is not None and r.gold.totals == {"missed": 0, "spurious": 0, "value": 0}
    n_other = len(records) - len(plain_only) + 1
    assert f"{n_other} gold and 0 extracted facts of other documents" in r.gold.note
    assert r.problems == []


def test_gold_that_does_not_fit_its_text_is_a_problem(
    records: list[Fact], docs: list[Document]
) -> None:
    bad = parse_fact(
        {"doc_id": "plain", "type": "DATE", "start": 0, "end": 4, "text": "1999", "value": "1999"},
        "gold.jsonl:9",
    )
    r = build_report(records, docs, gold=[*[gold_line(x) for x in records], bad])
    [problem] = r.problems
    assert "do not fit document 'plain': 1 fact(s)" in problem.message
    assert [i.text for i in problem.items] == ["gold.jsonl:9: DATE '1999'"]


# --------------------------------------------------------------------------- CLI


def make_app() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """A stand-in for the facts app (a callback keeps `report` a subcommand)."""

    report_command.register(app)
    return app


def run_cli(*args: str | Path) -> Result:
    return CliRunner().invoke(make_app(), ["report", *map(str, args)])


def write_corpus(folder: Path, docs: list[Document]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for d in docs:
        # Front matter fixes the id; the body is the text byte for byte (CR LF included).
        with (folder / f"{d.doc_id}.txt").open("w", encoding="utf-8", newline="") as fh:
            fh.write(f"---\nid: {d.doc_id}\n---\n{d.text}")
    return folder


def test_cli_writes_the_page(tmp_path: Path, records: list[Fact], docs: list[Document]) -> None:
    facts = tmp_path / "facts.jsonl"
    write_jsonl(facts, records)
    corpus = write_corpus(tmp_path / "corpus", docs)
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r.model_dump(mode="json")) + "\n" for r in records[1:]))
    out = tmp_path / "out" / "report.html"
    result = run_cli(facts, "--corpus", corpus, "-o", out, "--gold", gold)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 2 documents, {len(records)} of {len(records)} facts" in result.output
    page = parse(out.read_text(encoding="utf-8"))
    assert "".join(page.doc_texts["hostile"]) == docs[0].text
    assert [a["id"] for a in page.with_class("s-spurious") if "id" in a] == [records[0].id]


def test_cli_bad_facts_file_exits_2_naming_the_line(tmp_path: Path, docs: list[Document]) -> None:
    facts = tmp_path / "facts.jsonl"
    facts.write_text('{"type": "DATE"}\n', encoding="utf-8")
    corpus = write_corpus(tmp_path / "corpus", docs)
    result = run_cli(facts, "--corpus", corpus, "-o", tmp_path / "r.html")
    assert result.exit_code == 2
    assert f"{facts}:1" in result.output and "E200" in result.output
    assert not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"id": 1}\n\nnot json\n', ":1: not a fact record"),
        (b"\n[1]\n", ":2: expected"),
        (b"\xff\n", "invalid UTF-8"),
    ],
)
def test_unreadable_facts_raise_fact_format_error(
    tmp_path: Path, content: bytes, message: str
) -> None:
    facts = tmp_path / "facts.jsonl"
    facts.write_bytes(content)
    with pytest.raises(FactFormatError, match=re.escape(message)):
        report.load_records(facts)


def test_cli_warns_about_facts_it_cannot_place(
    tmp_path: Path, records: list[Fact], docs: list[Document]
) -> None:
    facts = tmp_path / "facts.jsonl"
    write_jsonl(facts, records)
    corpus = write_corpus(tmp_path / "corpus", docs[1:])
    result = run_cli(facts, "--corpus", corpus, "-o", tmp_path / "r.html")
    assert result.exit_code == 0
    assert "warning:" in result.output and "'hostile' is not in the corpus" in result.output


def test_report_does_not_import_spacy() -> None:
    """Neither the command nor any module of the report package imports spaCy."""
    code = (
        "import importlib, pkgutil, sys, pipeline.report as p, pipeline.commands.report; "
        "names = [m.name for m in pkgutil.iter_modules(p.__path__, 'pipeline.report.')]; "
        "[importlib.import_module(n) for n in names]; "
        "sys.exit(2 if len(names) < 2 else "
        "any(m == 'spacy' or m.startswith('spacy.') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


# --------------------------------------------------------------------------- the real corpus


def test_corpus_report_keeps_every_text_and_id(nlp: Language, tmp_path: Path) -> None:
    """The rule pipeline over corpus/, scored against corpus/gold: the page holds up."""
    documents, errors = report.load_corpus(ROOT / "corpus")
    assert not errors
    records = [r for d in documents for r in extract_document(nlp, d)]
    gold = load_facts(ROOT / "corpus" / "gold")
    text = render(records, documents, gold=gold)
    page = parse(text)
    for d in documents:
        assert "".join(page.doc_texts[d.doc_id]) == d.text, d.doc_id
    for r in records:
        assert page.ids[r.id] == 1
        assert "".join(page.mark_texts[r.id]) == r.text
    assert [i for i, n in page.ids.items() if n > 1] == []
