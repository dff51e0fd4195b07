"""``make html``: static pages of the solution notebooks, an index and the cheat sheet.

The export runs once into a temporary folder. The browser test opens each page
from disk with every web request blocked, as on a machine without network,
and checks that each explorer's static PNG shows; a screenshot of each page
goes to ``tests/artifacts/`` for people to look at.
"""

import base64
import io
import re
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import export_html  # noqa: E402
from test_browser import chromium  # noqa: E402, F401  (the fixture)

NOTEBOOKS = sorted((ROOT / "notebooks" / "solutions").glob("*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts"
BUDGET_S = 60  # the whole export, every notebook and the cheat sheet
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# The only hosts a page may load from (MathJax, require.js, the widget manager).
CDN_HOSTS = {"cdnjs.cloudflare.com", "cdn.jsdelivr.net"}


class Page(HTMLParser):
    """The title, links, images and visible text of an HTML page."""

    def __init__(self, text):
        super().__init__()
        self.title, self.links, self.images, self.text = "", {}, [], []
        self._in, self._href = None, None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs)
        elif tag == "a":
            self._href = attrs.get("href")
            self.links.setdefault(self._href, "")
        self._in = tag

    def handle_endtag(self, tag):
        self._in = None
        if tag == "a":
            self._href = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        if self._href is not None:
            self.links[self._href] += data
        self.text.append(data)


def widget_views(nb):
    return [o for c in nb.cells for o in c.get("outputs", []) if WIDGET_VIEW in o.get("data", {})]


def explorer_views(nb):
    """The widget views with a saved picture: the explorers."""
    return [o for o in widget_views(nb) if "image/png" in o["data"]]


def first_heading(nb):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return None


pytestmark = pytest.mark.xdist_group("export-html")  # under pytest-xdist, one worker exports the pages


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    start = time.perf_counter()
    pages = export_html.export(out)
    seconds = time.perf_counter() - start
    assert seconds < BUDGET_S, f"the export took {seconds:.0f} s, over its {BUDGET_S} s budget"
    return out, pages


def test_there_are_solution_notebooks_to_export():
    assert NOTEBOOKS, "notebooks/solutions/ holds no notebook"


def test_index_links_every_notebook_by_its_title_and_the_cheat_sheet(exported):
    out, _ = exported
    index = Page((out / "index.html").read_text(encoding="utf-8"))
    expected = {f"{p.stem}.html": first_heading(nbformat.read(p, 4)) for p in NOTEBOOKS}
    assert {href: text for href, text in index.links.items() if href.endswith(".html")} == expected
    assert {"cheatsheet.pdf", "cheatsheet.png"} <= set(index.links)
    assert (out / "cheatsheet.pdf").read_bytes().startswith(b"%PDF")
    with Image.open(out / "cheatsheet.png") as png:
        png.verify()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_page_has_the_title_and_the_figures_with_widget_fallbacks(exported, path):
    out, _ = exported
    nb = nbformat.read(path, 4)
    page = Page((out / f"{path.stem}.html").read_text(encoding="utf-8"))
    title = first_heading(nb)
    assert page.title.strip() == title
    assert title in " ".join(page.text)
    pngs = [img["src"] for img in page.images if img["src"].startswith("data:image/png;base64,")]
    assert pngs, "no embedded image"
    for src in pngs:
        Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))).verify()
    fallbacks = [img for img in page.images if "widget-fallback" in img.get("class", "")]
    assert len(fallbacks) == len(explorer_views(nb))
    for view in widget_views(nb):  # a prediction: its question as text
        if view not in explorer_views(nb):
            assert view["data"]["text/plain"].startswith("Predict: ")


def test_title_is_the_first_heading_wherever_it_is():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("# not a heading: a comment"),
        nbformat.v4.new_markdown_cell("Some text.\n\n## 03 · ReLU ##\n\n# Later"),
    ])
    assert export_html.notebook_title(nb, "fallback") == "03 · ReLU"
    assert export_html.notebook_title(nbformat.v4.new_notebook(), "fallback") == "fallback"


def test_no_notebooks_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(FileNotFoundError, match="no notebooks"):
        export_html.export(tmp_path / "out", tmp_path)
    with pytest.raises(SystemExit) as exit_:
        export_html.main(["--out", str(tmp_path / "out"), "--notebooks", str(tmp_path)])
    assert exit_.value.code == 2 and "no notebooks" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


FALLBACKS_SHOWN = """() => Array.from(document.querySelectorAll('img.widget-fallback'), img => {
    const box = img.getBoundingClientRect();
    return img.complete && img.naturalWidth > 0 && box.width > 100 && box.height > 100;
})"""


QUESTIONS_SHOWN = """() => Array.from(document.querySelectorAll('pre.widget-fallback'),
    pre => pre.getBoundingClientRect().height > 0 ? pre.textContent : '(hidden)')"""


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_offline_page_shows_each_explorer_as_its_png(exported, chromium, path):  # noqa: F811
    out, _ = exported
    page = chromium.new_page(viewport={"width": 1100, "height": 900})
    hosts = set()

    def offline(route):
        hosts.add(re.match(r"https?://([^/]+)", route.request.url).group(1))
        route.abort()

    try:
        page.route(re.compile(r"^https?://"), offline)
        page.goto((out / f"{path.stem}.html").as_uri(), wait_until="load")
        shown = page.evaluate(FALLBACKS_SHOWN)
        questions = page.evaluate(QUESTIONS_SHOWN)
        ARTIFACTS.mkdir(exist_ok=True)
        if shown:
            page.locator("img.widget-fallback").first.scroll_into_view_if_needed()
        page.screenshot(path=ARTIFACTS / f"html_{path.stem}.png")
    finally:
        page.close()
    assert len(shown) == len(explorer_views(nbformat.read(path, 4))) and all(shown), shown
    assert len(questions) == len(widget_views(nbformat.read(path, 4))) - len(shown), questions
    assert all(q.startswith("Predict: ") for q in questions), questions
    assert hosts <= CDN_HOSTS, f"the page also loads from {hosts - CDN_HOSTS}"
