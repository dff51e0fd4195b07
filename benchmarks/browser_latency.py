"""End-to-end time of one slider step in a real browser: actlib's explorer against the usual recipe.

A notebook written into a temporary directory holds three sliders over a
sigmoid: ``explore("sigmoid")`` (f and f', as the series shows it),
``explore("sigmoid", derivative=False)`` (f only, like for like with the
recipe) and the recipe most course notebooks use, ``@interact`` with
``plt.figure(); plt.plot(...); plt.show()``. JupyterLab (headless Chromium,
see ``lab.py``) runs it; then, for each slider, the handle gets the focus and
ArrowRight is pressed; the time runs in the page from the keydown event until
the plot shows the new picture: the recipe's ``<img>`` has a new ``src``
and that image has loaded (``img.complete``); actlib's explorer has painted
a new frame on its ``<canvas>`` (``data-frame``). This covers the message to the kernel, the redraw, the
PNG's way back and its decoding. Each press waits for the kernel to be idle
again first.

Run with ``python benchmarks/browser_latency.py`` (about a minute).
"""

import tempfile
from pathlib import Path

import nbformat
import numpy as np

from lab import IDLE, chromium, jupyter_lab, running_notebook

PRESSES = 30
WARMUP = 3  # presses first, not timed: the first draws fill font and glyph caches
NAIVE = """\
import numpy as np
import matplotlib.pyplot as plt
from ipywidgets import interact

@interact(steepness=(0.1, 10, 0.1))
def f(steepness):
    x = np.linspace(-5, 5, 401)
    plt.figure()
    plt.plot(x, 1/(1+np.exp(-steepness*x)))
    plt.show()"""
#: Label -> code of one cell; each shows one slider next to its plot.
CASES = {
    "actlib explore, f and f'": 'from actlib.widgets import explore\n\nexplore("sigmoid")',
    "actlib explore, f only": 'explore("sigmoid", derivative=False)',
    "interact + plt.show()": NAIVE,
}

# Arms a timer on the slider handle it is given: a promise (window.__benchStep)
# that resolves to the milliseconds from the next keydown until the plot next
# to the handle shows a new picture, or to null after timeoutMs. The plot is
# the nearest enclosing element that holds an <img> or a <canvas>: a new
# picture is every <img> with a new src, loaded, or a <canvas> with a new
# frame painted (actlib's LivePlot counts them in data-frame).
ARM = """([handle, timeoutMs]) => {
    let box = handle;
    while (box && !box.querySelector('img, canvas')) box = box.parentElement;
    if (!box) throw new Error('no plot next to this slider');
    const pictures = () => Array.from(box.querySelectorAll('img, canvas'));
    const state = () => pictures().map(el => el.tagName === 'CANVAS' ? el.dataset.frame : el.src).join(' ');
    const ready = () => pictures().every(el => el.tagName === 'CANVAS' || (el.complete && el.naturalWidth > 0));
    const before = state();
    window.__benchStep = new Promise(resolve => {
        let start = null;
        const onKey = () => { if (start === null) start = performance.now(); };
        const check = () => {
            if (start !== null && pictures().length && state() !== before && ready()) finish(performance.now() - start);
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => finish(null), timeoutMs);
        function finish(ms) {
            observer.disconnect();
            clearTimeout(timer);
            box.removeEventListener('load', check, true);
            document.removeEventListener('keydown', onKey, true);
            resolve(ms);
        }
        document.addEventListener('keydown', onKey, true);
        // A new image may already be complete when inserted, or load later ('load' does not bubble).
        observer.observe(box, {subtree: true, childList: true, attributes: true,
                               attributeFilter: ['src', 'data-frame']});
        box.addEventListener('load', check, true);
    });
}"""


def benchmark_notebook():
    """The notebook of the benchmark: one code cell per entry of CASES."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in CASES.values()])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                 "language": "python"}
    return nb


def time_presses(page, handle, presses, timeout_ms=15_000):
    """Milliseconds of each ArrowRight press on ``handle``; NaN where the plot did not change."""
    idle = page.locator("#jp-main-statusbar").get_by_text(IDLE)
    times = []
    for _ in range(presses):
        idle.wait_for()
        page.wait_for_timeout(100)  # let the browser finish the previous step's rendering
        page.evaluate(ARM, [handle, timeout_ms])
        handle.focus()
        page.keyboard.press("ArrowRight")
        ms = page.evaluate("() => window.__benchStep")
        times.append(np.nan if ms is None else ms)
    return np.array(times)


def measure(presses=PRESSES):
    """Return rows ``(label, milliseconds per press)``, one per case, NaN for a missed update.

    Raises
    ------
    RuntimeError
        When chromium is missing, JupyterLab does not start or the notebook fails.
    """
    rows = []
    with tempfile.TemporaryDirectory(prefix="actlib-bench-") as root:
        nbformat.write(benchmark_notebook(), Path(root) / "latency.ipynb")
        with chromium() as browser, jupyter_lab(root) as lab, \
                running_notebook(browser, lab, "latency.ipynb") as page:
            cells = page.locator(".jp-Notebook .jp-CodeCell")
            for index, label in enumerate(CASES):
                handle = cells.nth(index).locator(".widget-slider .noUi-handle").first.element_handle()
                time_presses(page, handle, WARMUP)
                rows.append((label, time_presses(page, handle, presses)))
    return rows


def main():
    print(f"{'version':<28}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}{'missed':>8}")
    for label, ms in measure():
        ok = ms[np.isfinite(ms)]
        print(f"{label:<28}{np.median(ok):>10.0f}{np.percentile(ok, 95):>9.0f}{ok.max():>9.0f}"
              f"{len(ms) - len(ok):>8}")
    print(f"{PRESSES} presses of ArrowRight per row, keydown to new image loaded")


if __name__ == "__main__":
    main()
