"""Pictures of the exercise ladder in JupyterLab, for issue 11's "must show".

``docs/predict_before.png``: a predict-then-run cell in a student notebook,
the choice made, the reveal cell not yet run (its output is not stored).
``docs/predict_after.png``: the same after running the reveal cell.
``docs/own_layer_curve.png``: the learning curve of a network trained with
the student's own layer (the solution notebook stands for a student who has
done the exercise: ``adopt`` prints that it uses their class).
``docs/explorer_08.png`` (``--explorer 08_gated_and_modern``): a notebook's
first explorer after its slider was moved, in place of the other pictures.
``docs/zh_01_check.png`` (``--chinese``): the Chinese edition of notebook 01,
the sigmoid's explorer above and, below it, the checker's report on a
textbook sigmoid typed into the exercise (it overflows), with its first hint.

JupyterLab (``tools/headless.py``) serves a temporary copy of ``notebooks/``.

Usage::

    python tools/screenshot_exercises.py [--notebook 03_relu_family]
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import headless  # noqa: E402

IDLE = headless.IDLE
SELECT_CELL = """([needle, which]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.widgets;
  const found = cells.map((c, i) => [c, i]).filter(([c]) => c.model.sharedModel.getSource().includes(needle));
  const [cell, index] = found[which === 'last' ? found.length - 1 : 0];
  panel.content.activeCellIndex = index;
  return index;
}"""


def scroll_to(page, locator, offset=120):
    locator.scroll_into_view_if_needed()
    page.evaluate("""([el, offset]) => { const s = el.closest('.jp-WindowedPanel-outer');
                                         s.scrollBy(0, el.getBoundingClientRect().top - offset); }""",
                  [locator.element_handle(), offset])
    page.wait_for_timeout(800)


def run(page, command):
    page.evaluate(f"() => window.jupyterapp.commands.execute('{command}')")
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for()


def predict_pictures(page, lab, notebook, out):
    headless.open_notebook(page, lab, f"{notebook}.ipynb")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:expand-all-headings')")
    page.evaluate(SELECT_CELL, ["reveal(", "first"])
    run(page, "notebook:run-all-above")
    radio = page.locator(".widget-radio-box").first
    radio.wait_for()
    radio.locator("input").nth(1).check()  # a prediction: the second option
    scroll_to(page, radio, offset=220)
    page.screenshot(path=str(out / "predict_before.png"))
    page.evaluate(SELECT_CELL, ["reveal(", "first"])  # clicking the choice selected its cell
    run(page, "notebook:run-cell")
    page.get_by_text("The run shows:").first.wait_for()
    scroll_to(page, radio, offset=220)
    page.screenshot(path=str(out / "predict_after.png"))


def layer_picture(page, lab, notebook, out):
    headless.open_and_run_all(page, lab, f"solutions/{notebook}.ipynb")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    note = page.get_by_text("Using your").first
    note.wait_for()
    scroll_to(page, note, offset=160)
    page.screenshot(path=str(out / "own_layer_curve.png"))


def explorer_picture(page, lab, notebook, out):
    headless.open_and_run_all(page, lab, f"{notebook}.ipynb")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    handle = page.locator(".widget-slider .noUi-handle").first
    scroll_to(page, handle, offset=520)
    handle.focus()
    for _ in range(8):  # a student moving the slider step by step
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(150)
    page.wait_for_timeout(1000)
    path = out / f"explorer_{notebook[:2]}.png"
    page.screenshot(path=str(path))
    return path


WRONG_SIGMOID = "def sigmoid(x):\n    x = np.asarray(x, dtype=float)\n    return 1 / (1 + np.exp(-x))"
SET_SOURCE = """([needle, text]) => {
  const panel = window.jupyterapp.shell.currentWidget;
  const index = panel.content.widgets.findIndex(c => c.model.sharedModel.getSource().includes(needle));
  panel.content.widgets[index].model.sharedModel.setSource(text);
  panel.content.activeCellIndex = index;
}"""


def chinese_check_picture(page, lab, out):
    headless.open_notebook(page, lab, "zh/01_step_and_sigmoid.ipynb")
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    page.evaluate(SELECT_CELL, ['check("sigmoid"', "first"])
    run(page, "notebook:run-all-above")
    page.evaluate(SET_SOURCE, ["def sigmoid(", WRONG_SIGMOID])  # what a student might type
    run(page, "notebook:run-cell-and-select-next")
    run(page, "notebook:run-cell")
    page.locator(".jp-OutputArea-output", has_text="✗ sigmoid").first.wait_for()
    page.set_viewport_size({"width": 1280, "height": 1800})
    scroll_to(page, page.locator(".jp-CodeCell", has_text='explore("sigmoid")').first, offset=90)
    path = out / "zh_01_check.png"
    page.screenshot(path=str(path))
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebook", default="03_relu_family")
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--explorer", metavar="NOTEBOOK",
                        help="only the picture of this notebook's first explorer, moved")
    parser.add_argument("--chinese", action="store_true",
                        help="only the picture of a checker's report in the Chinese edition of 01")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="actlib-shots-") as tmp:
        root = Path(tmp) / "notebooks"
        shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        with headless.chromium() as browser, headless.jupyter_lab(root) as lab:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(90_000)
            if args.explorer:
                print(explorer_picture(page, lab, args.explorer, args.out))
                return
            if args.chinese:
                print(chinese_check_picture(page, lab, args.out))
                return
            predict_pictures(page, lab, args.notebook, args.out)
            page.close()
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.set_default_timeout(90_000)
            layer_picture(page, lab, args.notebook, args.out)
    print(*(args.out / n for n in ("predict_before.png", "predict_after.png", "own_layer_curve.png")))


if __name__ == "__main__":
    main()
