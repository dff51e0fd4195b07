"""End to end in a real browser: every student notebook runs in JupyterLab, in both editions.

JupyterLab serves a temporary copy of ``notebooks/`` (the committed notebooks
are never touched) on 127.0.0.1 with a random port and token. Headless
Chromium (Debian's ``chromium`` driven by Playwright; no browser is ever
downloaded) opens each student notebook, one after another in one page as a
student's tab would (a failure starts a new page), runs all cells and checks that

- no cell shows an error or writes to stderr, and no widget fails to display;
- moving any slider with the arrow keys changes its plot, and so does clicking
  a toggle button or checkbox, or picking another dropdown entry, next to one;
- in the Chinese edition (``notebooks/zh/``), Chromium draws the Chinese text
  with a CJK font (which fonts it used, from the DevTools protocol), and
  Matplotlib draws every glyph of the figures' Chinese labels: it warns on
  stderr for a glyph its fonts lack, which fails the first check.

A Chinese lesson runs only its widget cells and the cells they need
(``series.widget_cells``), its other outputs cleared: its code is the English
lesson's, cell for cell (``tests/test_i18n.py``), which this test runs whole
and nbval runs in both editions; what the browser adds for the Chinese
edition is its text, fonts and labels, and its controls working. That halves
the Chinese notebooks' time here (the suite's budget is 10 minutes).

A screenshot of each notebook goes to ``tests/artifacts/`` for people to look
at. Without chromium the test is skipped, unless ``CI`` is set: then it fails.
"""

import json
import os
import shutil
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
import headless  # noqa: E402
import screenshot_exercises as shots  # noqa: E402
import series  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "zh").glob("*.ipynb"))
ARTIFACTS = ROOT / "tests" / "artifacts"
BUDGET_S = 60  # per notebook: open, run all, move every control
PREDICT_NOTEBOOK = "03_relu_family"  # its first prediction is a choice

# The plot a control drives: every <img> and <canvas> (an explorer's LivePlot)
# of its nearest enclosing element that has one, without leaving the control's
# output; an image by its src, a canvas by its pixels.
PLOT_OF = """el => {
    for (let node = el; node; node = node.parentElement) {
        const pictures = node.querySelectorAll('img, canvas');
        if (pictures.length) return Array.from(pictures, p => p.tagName === 'CANVAS' ? p.toDataURL() : p.src).join(' ');
        if (node.classList.contains('jp-OutputArea-output')) return null;
    }
    return null;
}"""
NAME_OF = """el => {
    const box = el.closest('.widget-slider, .widget-toggle-buttons, .widget-dropdown, .widget-checkbox');
    const label = box && box.querySelector('.widget-label');
    return (label && label.textContent.trim()) || '(unlabelled)';
}"""
ALL_CELLS_RAN = """() => {
    const prompts = Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'));
    return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p.textContent.trim()));
}"""
WIDGETS_RENDERED = """() => Array.from(document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.widget-view+json"]'
)).every(out => out.querySelector('.jupyter-widgets') || out.textContent.includes('Error displaying widget'))"""
SCROLLER = "document.querySelector('.jp-NotebookPanel .jp-WindowedPanel-outer')"
ERROR_OUTPUTS = (
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"], '
    '.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"]'
)


@pytest.fixture(scope="module")
def chromium():
    """The system's chromium with Playwright around it, or a skip (a failure on CI)."""
    try:
        with headless.chromium() as browser:
            yield browser
    except headless.Missing as missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test, but {missing} is not installed")
        pytest.skip(f"{missing} is not installed")


@pytest.fixture(scope="module")
def lab(tmp_path_factory, chromium):
    """JupyterLab on a copy of notebooks/ (the committed ones are never touched)."""
    root = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns("solutions", ".ipynb_checkpoints"))
    try:
        with headless.jupyter_lab(root) as server:
            server.root = root
            yield server
    except RuntimeError as exc:
        pytest.fail(str(exc))


VIEWPORT = {"width": 1280, "height": 1000}


@pytest.fixture(scope="module")
def tab(chromium):
    """``tab()``: the page the notebooks open in, one after another, as in a student's tab.

    A new page after one was closed (a failed notebook closes its page).
    """
    pages = []

    def page():
        if not pages or pages[-1].is_closed():
            pages.append(chromium.new_page(viewport=VIEWPORT))
            pages[-1].set_default_timeout(45_000)
        return pages[-1]
    yield page
    for each in pages:
        if not each.is_closed():
            each.close()


def test_there_are_student_notebooks():
    assert NOTEBOOKS, "no student notebooks in notebooks/"


def test_lab_does_not_ask_about_jupyter_news(lab):
    """binder/lab-overrides.json, installed by binder/postBuild, reaches the running JupyterLab.

    The overrides change the defaults in the schema JupyterLab serves (the test
    server's own user settings, from tools/headless.py, do not).
    """
    request = urllib.request.Request(
        f"{lab.url}/lab/api/settings/@jupyterlab/apputils-extension:notification",
        headers={"Authorization": f"token {lab.token}"})
    with urllib.request.urlopen(request) as reply:
        defaults = json.load(reply)["schema"]["properties"]
    assert defaults["fetchNews"]["default"] == "false"
    assert defaults["checkForUpdates"]["default"] is False


def name(path):
    """The notebook's path in the lab, e.g. ``zh/01_step_and_sigmoid.ipynb``."""
    return path.relative_to(ROOT / "notebooks").as_posix()


def test_both_editions_are_opened():
    assert {p.parent.name for p in NOTEBOOKS} == {"notebooks", "zh"}


# Under `make test` (pytest-xdist, --dist loadgroup) each edition runs on a worker of its own.
@pytest.mark.parametrize("path", [pytest.param(p, marks=pytest.mark.xdist_group(f"browser-{p.parent.name}"))
                                  for p in NOTEBOOKS], ids=[name(p).removesuffix(".ipynb") for p in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(tab, lab, path):
    start = time.monotonic()
    page = tab()
    page.set_viewport_size(VIEWPORT)  # the last screenshot made it as tall as its notebook
    js_errors = []

    def page_error(exc):
        js_errors.append(f"page error: {exc}")

    def console_error(msg):
        if msg.type == "error":
            js_errors.append(f"console error: {msg.text}")
    page.on("pageerror", page_error)
    page.on("console", console_error)
    failed = True
    try:
        partial = path.parent.name == "zh" and path.name[:2].isdigit()
        if partial:
            cells = series.widget_cells(json_cells(path))
            ran, collapsed = headless.open_and_run_cells(page, lab, name(path), cells)
        else:
            ran, collapsed = headless.open_and_run_all(page, lab, name(path))
        errors = page.locator(ERROR_OUTPUTS).all_inner_texts()
        assert not errors, "error or stderr output:\n" + "\n---\n".join(errors)
        assert ran, "Run All stopped early"
        if not partial:
            page.wait_for_function(ALL_CELLS_RAN)
        page.wait_for_function(WIDGETS_RENDERED)
        broken = page.get_by_text("Error displaying widget").count()
        assert broken == 0, f"{broken} widget(s) failed to display"
        assert page.get_by_text("official Jupyter news").count() == 0, "the news prompt is shown"

        if path.parent.name == "zh":
            fonts = fonts_of(page, ".jp-RenderedMarkdown p")  # the Binder note, in Chinese
            assert any("CJK" in family for family in fonts), f"the first paragraph is drawn with {fonts}"
        problems, moved = exercise_controls(page)
        elapsed = time.monotonic() - start
        assert not problems, "\n".join(problems)
        assert not js_errors, "\n".join(js_errors)
        failed = False
    finally:
        screenshot(page, ARTIFACTS / f"{name(path).removesuffix('.ipynb').replace('/', '-')}.png")
        page.remove_listener("pageerror", page_error)
        page.remove_listener("console", console_error)
        if failed:
            page.close()  # the next notebook gets a new page, whatever this one was left showing
        stop_kernels(lab)
    print(f"{path.stem}: {elapsed:.1f} s in the browser, {moved} controls moved, "
          f"{collapsed} deep dive(s) collapsed at first")
    assert elapsed < BUDGET_S, f"{path.stem} took {elapsed:.0f} s in the browser (budget {BUDGET_S} s)"


def test_a_prediction_is_recorded_in_the_page_then_revealed_beside_the_result(chromium, lab):
    """A student picks an answer in the predict widget, then runs the reveal cell (stored empty)."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    try:
        shots.predict_pictures(page, lab, PREDICT_NOTEBOOK, ARTIFACTS)
        text = page.locator(".jp-OutputArea-output", has_text="The run shows:").first.inner_text()
        assert "You predicted:" in text, text
        assert "recorded no prediction" not in text
    finally:
        page.close()
        stop_kernels(lab)


# Every frame the first explorer's canvas draws from now on: its values, whether
# its curves were clipped, and the kernel's answer (seq) the page had when it drew it.
RECORD_FRAMES = """() => {
  const canvas = document.querySelector('canvas.actlib-liveplot');
  const frames = window.__frames = [];
  new MutationObserver(() => frames.push({steepness: Math.round(JSON.parse(canvas.dataset.values).steepness * 1e6) / 1e6,
                                          clipped: canvas.dataset.clipped, seq: Number(canvas.dataset.seq)}))
    .observe(canvas, {attributes: true, attributeFilter: ['data-frame']});
}"""


def test_a_first_key_press_is_drawn_at_once_from_the_steps_the_greeting_brought(chromium, lab):
    """The page greets the kernel when the explorer shows; the answer brings the steps around.

    The first press (steepness 1.0 to 1.1) is then drawn before the kernel
    answers it, clipped (f' peaks at 0.275, over the axes' 0.265), and drawn
    again, whole, on the axes the kernel's answer grows.
    """
    nb = {"cells": [{"cell_type": "code", "execution_count": None, "id": "greeting", "metadata": {},
                     "outputs": [], "source": "from actlib.widgets import explore\nexplore('sigmoid')"}],
          "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)",
                                      "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    (lab.root / "greeting.ipynb").write_text(json.dumps(nb))
    page = chromium.new_page(viewport=VIEWPORT)
    page.set_default_timeout(45_000)
    try:
        headless.open_and_run_all(page, lab, "greeting.ipynb")
        canvas = "document.querySelector('canvas.actlib-liveplot')"
        page.wait_for_function(f"() => {canvas} && Number({canvas}.dataset.held) >= 16")
        page.evaluate(RECORD_FRAMES)
        page.locator(".widget-slider .noUi-handle").first.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => window.__frames.some(f => f.steepness === 1.1 && f.clipped === '0')")
        frames = page.evaluate("() => window.__frames")
        # Drawn before the answer to the press (its seq came later), then on the grown axes.
        assert len(frames) == 2 and frames[0]["seq"] < frames[1]["seq"], frames
        assert [(f["steepness"], f["clipped"]) for f in frames] == [(1.1, "1"), (1.1, "0")], frames
    finally:
        page.close()
        stop_kernels(lab)


def json_cells(path):
    """The cells of the notebook ``path``, as series.widget_cells reads them."""
    import nbformat

    return nbformat.read(path, as_version=4).cells


def fonts_of(page, selector):
    """``{family: glyphs}``: the fonts Chromium drew the text of the first ``selector`` with.

    DevTools' ``CSS.getPlatformFontsForNode``: the fonts really used, after
    fallback, not the ones the style sheet asks for.
    """
    page.locator(selector).first.wait_for()
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


def stop_kernels(lab):
    """Shut down every kernel, so that notebooks do not pile up memory."""
    headers = {"Authorization": f"token {lab.token}"}
    with urllib.request.urlopen(urllib.request.Request(f"{lab.url}/api/kernels", headers=headers)) as reply:
        kernels = json.load(reply)
    for kernel in kernels:
        request = urllib.request.Request(f"{lab.url}/api/kernels/{kernel['id']}", headers=headers, method="DELETE")
        urllib.request.urlopen(request).close()


def exercise_controls(page):
    """Move every slider and flip every choice next to a plot; return (problems, count)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    problems, moved = [], 0

    def expect_change(el, kind, act):
        nonlocal moved
        before, name = el.evaluate(PLOT_OF), el.evaluate(NAME_OF)
        if before is None:  # a slider must drive a plot; other controls may stand alone
            if kind == "slider":
                problems.append(f"slider '{name}' has no plot next to it")
            return
        act()
        try:
            page.wait_for_function(f"([el, before]) => ({PLOT_OF})(el) !== before",
                                   arg=[el, before], timeout=10_000)
            moved += 1
        except PlaywrightTimeout:
            problems.append(f"changing {kind} '{name}' did not change its plot")

    for handle in page.locator(".widget-slider .noUi-handle").element_handles():
        at_max = handle.get_attribute("aria-valuenow") == handle.get_attribute("aria-valuemax")

        def press(handle=handle, key="ArrowLeft" if at_max else "ArrowRight"):
            handle.focus()
            page.keyboard.press(key)

        expect_change(handle, "slider", press)
    for group in page.locator(".widget-toggle-buttons").element_handles():
        other = group.query_selector("button:not(.mod-active)")
        if other:
            expect_change(group, "toggle buttons", other.click)
    for select in page.locator(".widget-dropdown select").element_handles():
        values = select.evaluate("s => Array.from(s.options, o => o.value).filter(v => v !== s.value)")
        if values:
            expect_change(select, "dropdown", lambda select=select, v=values[0]: select.select_option(v))
    for box in page.locator(".widget-checkbox input[type=checkbox]").element_handles():
        expect_change(box, "checkbox", box.click)
    return problems, moved


def screenshot(page, path):
    """The whole notebook in one picture (the page grows to the notebook's height)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        page.wait_for_timeout(300)
        height = page.evaluate(f"() => ({SCROLLER}) ? ({SCROLLER}).scrollHeight : 0")
        page.set_viewport_size({"width": 1280, "height": min(max(height + 150, 1000), 16000)})
        page.wait_for_timeout(500)
        page.evaluate(f"() => ({SCROLLER}) && ({SCROLLER}).scrollTo(0, 0)")
        page.screenshot(path=str(path))
    except Exception as exc:  # noqa: BLE001 - a missing picture must not hide the real failure
        print(f"no screenshot of {path.stem}: {exc}")
