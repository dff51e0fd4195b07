"""Export the solution notebooks to static HTML pages, with an index and the cheat sheet.

Each ``notebooks/solutions/*.ipynb`` is exported as committed (outputs and
saved widget state included, nothing is run) with nbconvert's lab template,
plus ``index.html`` linking the pages by their titles (each notebook's first
heading) and ``cheatsheet.pdf`` / ``cheatsheet.png``. The folder can be put on
any web server, or opened from disk.

What needs the network when a page is viewed: MathJax (the formulas in the
text), require.js and the widget manager come from public CDNs. Without them
the formulas show as LaTeX source, and each explorer shows the static PNG of
its saved state, which this template puts into every widget's output; where
the widget manager loads, it draws the widget (whose sliders need a kernel to
change the plot) and the PNG is hidden by CSS.

Usage::

    python tools/export_html.py [--out build/html] [--notebooks notebooks/solutions]
"""

import argparse
import html
import re
import time
from pathlib import Path

import nbformat
from ipywidgets.embed import DEFAULT_EMBED_REQUIREJS_URL
from jinja2 import DictLoader
from nbconvert import HTMLExporter

from actlib import cheatsheet

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks" / "solutions"
OUT = ROOT / "build" / "html"
TITLE = "Activation functions: the notebooks"
HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)

# The lab template shows a widget by its view alone, which stays empty where
# the widget manager cannot load. This block is the lab template's, with the
# saved PNG (an explorer) or text (a prediction's question) added inside the
# widget's div, just before the view: the place
# where the manager looks for a fallback to remove. Its test compares tagName
# with "img", which an HTML document spells "IMG", so CSS hides it instead.
TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block extra_css -%}
<style>
.jupyter-widgets:has(> .widget-subarea) > .widget-fallback { display: none; }
.widget-fallback { max-width: 100%; }
</style>
{%- endblock extra_css -%}
{%- block data_widget_view scoped %}
{% set div_id = uuid4() %}
{% set datatype = (output.data | filter_data_type)[0] %}
<div id="{{ div_id }}" class="jupyter-widgets jp-OutputArea-output {{ extra_class }}">
<script type="text/javascript">
var element = document.getElementById('{{ div_id }}');
</script>
{%- if 'image/png' in output.data %}
<img class="jupyter-widget widget-fallback" alt="{{ output.data['text/plain'] | e }}"
     src="data:image/png;base64,{{ output.data['image/png'] }}">
{%- elif 'text/plain' in output.data %}
<pre class="jupyter-widget widget-fallback">{{ output.data['text/plain'] | e }}</pre>
{%- endif %}
<script type="{{ datatype }}">
{{ output.data[datatype] | json_dumps | escape_html_script }}
</script>
</div>
{%- endblock data_widget_view -%}
"""

INDEX = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; }}
li {{ margin: 0.3rem 0; }}
img {{ max-width: 100%; border: 1px solid #ccc; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>Static copies of the solution notebooks, with their outputs. To run them and
move the sliders, open the notebooks in JupyterLab or on Binder.</p>
<ul>
{items}
</ul>
<h2>Cheat sheet</h2>
<p>Every activation: <a href="cheatsheet.pdf">PDF</a> (A4 landscape, for printing), or one PNG
a page:</p>
{sheets}
</body>
</html>
"""


def notebook_title(nb, default):
    """The text of the notebook's first markdown heading, or ``default``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (match := HEADING.search(cell.source)):
            return match.group(1)
    return default


def _exporter():
    return HTMLExporter(template_name="lab", template_file="actlib.html.j2",
                        extra_loaders=[DictLoader({"actlib.html.j2": TEMPLATE})],
                        widget_renderer_url=DEFAULT_EMBED_REQUIREJS_URL)


def export(out=OUT, notebooks=NOTEBOOKS):
    """Write one page per notebook, the cheat sheet and ``index.html`` into ``out``.

    Files of earlier runs that are not written again are left alone.

    Returns
    -------
    list of (str, Path)
        Title and page of each notebook, in file-name order.

    Raises
    ------
    FileNotFoundError
        If ``notebooks`` holds no ``.ipynb`` file.
    """
    out, notebooks = Path(out), Path(notebooks)
    paths = sorted(notebooks.glob("*.ipynb"))
    if not paths:
        raise FileNotFoundError(f"no notebooks (*.ipynb) in {notebooks}")
    out.mkdir(parents=True, exist_ok=True)
    exporter = _exporter()
    pages = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        title = notebook_title(nb, path.stem)
        nb.metadata["title"] = title  # the page's <title>
        body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
        page = out / f"{path.stem}.html"
        page.write_text(body, encoding="utf-8")
        pages.append((title, page))
    written = cheatsheet.save([out / "cheatsheet.pdf", out / "cheatsheet.png"])
    items = "\n".join(f'<li><a href="{html.escape(page.name)}">{html.escape(title)}</a></li>'
                      for title, page in pages)
    sheets = "\n".join(f'<p><a href="{p.name}"><img src="{p.name}" alt="Cheat sheet, page {n}"></a></p>'
                       for n, p in enumerate((p for p in written if p.suffix == ".png"), 1))
    (out / "index.html").write_text(INDEX.format(title=TITLE, items=items, sheets=sheets),
                                    encoding="utf-8")
    return pages


def main(argv=None):
    """The command line; see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write (default {OUT})")
    parser.add_argument("--notebooks", type=Path, default=NOTEBOOKS,
                        help=f"folder of the notebooks (default {NOTEBOOKS})")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        pages = export(args.out, args.notebooks)
    except (FileNotFoundError, FileExistsError, NotADirectoryError) as err:
        parser.error(str(err))
    print(f"{len(pages)} notebooks exported in {time.perf_counter() - start:.1f} s; "
          f"open {args.out / 'index.html'}")


if __name__ == "__main__":
    main()
