"""The report in a real browser: headless Chromium renders the highlights, runs the script.

End to end: the rule pipeline extracts corpus/, `write_report` scores it
against corpus/gold and writes the page, and Chromium (Debian's `chromium`
package; `scripts/ci_chromium.sh` installs it) loads it from disk. `--dump-dom`
gives the DOM after the page's script has run; the page's test hooks
(`#test-focus`, `#test-hover`, `#test-sort`) focus or hover a highlight or sort a
table on load, so the dumped DOM shows the tooltip or the new order. A
screenshot is kept at outputs/report.png for the README (docs/report.png).
"""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.extract import extract_document
from pipeline.io import write_jsonl
from pipeline.report import load_corpus, write_report

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "outputs" / "report.png"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs headless Chromium at /usr/bin/chromium: install Debian's `chromium` "
    "package (apt-get install chromium, or scripts/ci_chromium.sh)",
)


@dataclass(frozen=True)
class Element:
    tag: str
    attrs: dict[str, str]
    text: str


class Dom(HTMLParser):
    """Elements with their attributes and full text; the text of each `.doc-text`."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link", "wbr", "col", "source"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str], list[str]]] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.VOID:
            self.elements.append(Element(tag, a, ""))
        else:
            self.open.append((tag, a, []))

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            t, a, parts = self.open.pop()
            text = "".join(parts)
            self.elements.append(Element(t, a, text))
            if self.open:
                self.open[-1][2].append(text)
            if t == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1][2].append(data)

    def by_class(self, name: str) -> list[Element]:
        return [e for e in self.elements if name in e.attrs.get("class", "").split()]

    def by_id(self, key: str) -> Element:
        return next(e for e in self.elements if e.attrs.get("id") == key)


@dataclass(frozen=True)
class Built:
    page: Path
    texts: dict[str, str]
    n_records: int


@pytest.fixture(scope="module")
def built(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The corpus report with gold, written once for the module."""
    folder = tmp_path_factory.mktemp("report")
    documents, errors = load_corpus(ROOT / "corpus")
    assert not errors
    facts = folder / "facts.jsonl"
    n = write_jsonl(facts, (r for d in documents for r in extract_document(nlp, d)))
    page = folder / "report.html"
    summary = write_report(facts, ROOT / "corpus", page, gold_path=ROOT / "corpus" / "gold")
    assert summary.placed == n and not summary.problems
    return Built(page, {d.doc_id: d.text for d in documents}, n)


@pytest.fixture
def profile(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "chromium-profile"
    folder.mkdir()
    yield folder


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium with a throwaway profile and no network chatter; return stdout."""
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def dump(built: Built, profile: Path, hook: str = "") -> Dom:
    dom = Dom()
    dom.feed(chromium(profile, "--dump-dom", built.page.as_uri() + hook))
    dom.close()
    return dom


def tooltip(dom: Dom) -> Element:
    tip = dom.by_id("tip")
    assert tip.attrs.get("role") == "tooltip"
    return tip


def test_highlights_are_in_the_rendered_dom(built: Built, profile: Path) -> None:
    dom = dump(built, profile)
    html = next(e for e in dom.elements if e.tag == "html")
    assert "js" in html.attrs.get("class", "").split(), "the page's script did not run"
    texts = {e.attrs["data-doc-id"]: e.text for e in dom.by_class("doc-text")}
    assert texts == built.texts  # the browser's text is the source, every document
    first = [e for e in dom.by_class("hl") if "tabindex" in e.attrs]
    records = [e for e in first if not e.attrs["id"].startswith("gold-")]
    assert len(records) == built.n_records
    assert any(e.attrs["id"].startswith("gold-") for e in first), "missed gold facts marked"
    assert dom.by_class("s-spurious") and dom.by_class("commit")
    assert not [e for e in first if "title" in e.attrs], "the script moves titles to data-title"
    assert [e for e in dom.elements if e.tag == "button"], "sortable headers get buttons"
    assert "hidden" in tooltip(dom).attrs


def test_focus_shows_the_tooltip(built: Built, profile: Path) -> None:
    dom = dump(built, profile, "#test-focus")
    first = next(e for e in dom.by_class("hl") if "tabindex" in e.attrs)
    tip = tooltip(dom)
    assert "hidden" not in tip.attrs and "visible" in tip.attrs.get("class", "")
    assert first.attrs["id"] in tip.text and "rule" in tip.text and "value" in tip.text
    assert first.attrs.get("aria-describedby") == "tip"


def test_hover_shows_the_tooltip(built: Built, profile: Path) -> None:
    dom = dump(built, profile, "#test-hover")
    clause = next(e for e in dom.by_class("commit") if "id" in e.attrs)
    tip = tooltip(dom)
    assert "hidden" not in tip.attrs
    assert tip.text.startswith("COMMIT")
    assert clause.attrs["id"] in tip.text and "card" in tip.text


def test_amounts_sort_largest_first(built: Built, profile: Path) -> None:
    dom = dump(built, profile, "#test-sort")
    table = dom.by_id("amounts-table")
    assert table.tag == "table"
    heads = [e for e in dom.elements if e.tag == "th" and e.attrs.get("aria-sort")]
    assert [h.attrs["aria-sort"] for h in heads] == ["descending"]
    cells = [e for e in dom.elements if e.tag == "td" and "data-key" in e.attrs]
    keys = [float(e.attrs["data-key"]) for e in cells if e.attrs.get("class") == "n"]
    assert len(keys) > 10 and keys == sorted(keys, reverse=True)


def test_screenshot_for_the_readme(built: Built, profile: Path) -> None:
    SCREENSHOT.parent.mkdir(exist_ok=True)
    SCREENSHOT.unlink(missing_ok=True)
    chromium(profile, f"--screenshot={SCREENSHOT}", "--window-size=1280,2000", built.page.as_uri())
    data = SCREENSHOT.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000, "a blank page compresses to almost nothing"
