"""Save a picture of one Activation Explorer, for the README: ``docs/explorer.png``.

JupyterLab in headless Chromium (set up as in ``benchmarks/lab.py``) runs a
one-cell notebook in a temporary directory, ``explore(EXPLORED)``; the picture
is that widget alone (plot, slider and formulas) with a small white margin.

Usage::

    python tools/screenshot.py [--out docs/explorer.png]
"""

import argparse
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
from lab import chromium, jupyter_lab, running_notebook  # noqa: E402

EXPLORED = ["sigmoid", "tanh", "relu"]
MARGIN = 12  # px of white around the widget
# The formulas are typeset by MathJax in the browser: wait until none is left as $...$ source.
TYPESET = """() => {
    const math = Array.from(document.querySelectorAll('.jp-OutputArea-output .widget-htmlmath'));
    return math.length > 0
        && math.every(el => el.querySelector('mjx-container') && !el.textContent.includes('$'));
}"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "explorer.png")
    args = parser.parse_args(argv)
    code = f"from actlib.widgets import explore\n\nexplore({EXPLORED!r})"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    with tempfile.TemporaryDirectory(prefix="actlib-shot-") as root:
        nbformat.write(nb, Path(root) / "explorer.ipynb")
        with chromium() as browser, jupyter_lab(root) as lab, \
                running_notebook(browser, lab, "explorer.ipynb", viewport=(1280, 1100)) as page:
            page.wait_for_function(TYPESET)
            widget = page.locator(".jp-OutputArea-output .jupyter-widgets.widget-vbox").first
            # The explorer spans the output area; shrink it to its content, with a white margin
            # of its own, so that no part of JupyterLab around it shows.
            widget.evaluate(f"""el => {{ el.style.width = 'fit-content'; el.style.background = 'white';
                                        el.style.padding = '{MARGIN}px'; el.scrollIntoView(); }}""")
            page.mouse.move(0, 0)  # no hover effects in the picture
            page.wait_for_timeout(500)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            widget.screenshot(path=str(args.out))
            box = widget.bounding_box()
    print(f"wrote {args.out} ({round(box['width'])} x {round(box['height'])} px)")


if __name__ == "__main__":
    main()
