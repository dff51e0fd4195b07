"""Two pictures of one student notebook in JupyterLab, for issue 12's "must show".

``docs/objectives.png``: the notebook's opening, its title and "You will learn
to" objectives with the minutes of the core and of the deep dives.
``docs/deep_dive_collapsed.png``: a deep dive as a student first sees it,
collapsed under its heading (the build saves it so), with "N cells hidden".

JupyterLab (``tools/headless.py``) serves a temporary copy of ``notebooks/``;
nothing is run.

Usage::

    python tools/screenshot_lesson.py [--notebook 02_tanh] [--heading "Training: four networks, four seeds"]
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import headless  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default="02_tanh")
    parser.add_argument("--heading", default="Training: four networks, four seeds",
                        help="the heading of the deep dive to show")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="actlib-shots-") as tmp:
        root = Path(tmp) / "notebooks"
        shutil.copytree(ROOT / "notebooks", root,
                        ignore=shutil.ignore_patterns("solutions", ".ipynb_checkpoints"))
        with headless.chromium() as browser, headless.jupyter_lab(root) as lab:
            page = browser.new_page(viewport={"width": 1280, "height": 860})
            page.set_default_timeout(60_000)
            headless.open_notebook(page, lab, f"{args.notebook}.ipynb")
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
            page.wait_for_timeout(1500)  # MathJax
            page.screenshot(path=str(args.out / "objectives.png"))
            heading = page.locator("h1, h2, h3, h4", has_text=args.heading).first
            heading.scroll_into_view_if_needed()
            page.evaluate("""(el) => { const s = el.closest('.jp-WindowedPanel-outer');
                                       s.scrollBy(0, el.getBoundingClientRect().top - 170); }""",
                          heading.element_handle())
            page.wait_for_timeout(800)
            hidden = page.get_by_text("cells hidden").count()
            if not hidden:
                raise SystemExit("no collapsed section found: is the deep dive saved collapsed?")
            page.screenshot(path=str(args.out / "deep_dive_collapsed.png"))
    print(args.out / "objectives.png", args.out / "deep_dive_collapsed.png")


if __name__ == "__main__":
    main()
