"""A notebook run in JupyterLab in headless Chromium, for the browser benchmark and the screenshot.

Chromium and the server come from ``tools/headless.py``, as for the browser
tests; :func:`running_notebook` opens a notebook and runs all its cells.
"""

import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "tests")]
from headless import IDLE, chromium, jupyter_lab, open_and_run_all  # noqa: E402, F401  (re-exported)
from test_browser import ALL_CELLS_RAN, ERROR_OUTPUTS, WIDGETS_RENDERED, stop_kernels  # noqa: E402


@contextlib.contextmanager
def running_notebook(browser, lab, name, viewport=(1280, 1000)):
    """Yield a page showing the notebook ``name`` with all its cells run.

    The kernel is shut down and the page closed afterwards.

    Raises
    ------
    RuntimeError
        When a cell shows an error or a widget fails to display.
    """
    page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
    page.set_default_timeout(60_000)
    try:
        open_and_run_all(page, lab, name)
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        errors = page.locator(ERROR_OUTPUTS).all_inner_texts()
        if errors:
            raise RuntimeError(f"{name}: error output:\n" + "\n---\n".join(errors))
        page.wait_for_function(ALL_CELLS_RAN)
        page.wait_for_function(WIDGETS_RENDERED)
        if page.get_by_text("Error displaying widget").count():
            raise RuntimeError(f"{name}: a widget failed to display")
        yield page
    finally:
        page.close()
        stop_kernels(lab)
