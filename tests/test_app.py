"""The Activation Explorer app: its widgets headlessly, then the page Voilà serves.

The headless tests drive ``actlib.app`` directly. The server tests start Voilà
the way ``make app`` does (127.0.0.1, a token, preheated kernel) on a random
port, check that the token is enforced, and open the page in headless
Chromium (the system's ``chromium`` under Playwright; no browser is ever
downloaded): it must render without code or errors, and every control must
change its plot. The Binder route (``/voila/render/...`` of Jupyter Server)
is checked too. Timings are printed (run with ``-s`` to see them); a
screenshot goes to ``tests/artifacts/explorer_app.png``.

Without chromium the browser test is skipped, unless ``CI`` is set: then it
fails (the ``chromium`` fixture of ``test_browser.py``).
"""

import html
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy.special import ndtr  # noqa: E402

from actlib import app  # noqa: E402
from actlib.activations import names  # noqa: E402
from actlib.properties import properties  # noqa: E402
from headless import free_port, isolated_env, stop  # noqa: E402
from test_browser import PLOT_OF, chromium, exercise_controls, fonts_of  # noqa: E402, F401

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.xdist_group("app")  # one worker starts its servers, under pytest-xdist
PAGE = ROOT / "notebooks" / "explorer.ipynb"
PAGE_ZH = ROOT / "notebooks" / "zh" / "explorer.ipynb"
ARTIFACTS = ROOT / "tests" / "artifacts"
# As `make app` runs it, without opening a browser and with a fixed port and token.
# The JupyterLab extensions of two dev tools, jupytext and notebook (which nbgrader needs),
# need JupyterLab's document manager or file browser, which Voilà does not have: loaded, they
# only log errors.
VOILA_OPTIONS = ["--Voila.ip=127.0.0.1", "--VoilaConfiguration.extension_denylist=jupyterlab-jupytext",
                 "--VoilaConfiguration.extension_denylist=@jupyter-notebook/lab-extension",
                 "--preheat_kernel=True", "--pool_size=1"]
# Voilà's page asks a CDN for the Font Awesome style sheets; offline, those fail.
ALLOWED_FAILURES = re.compile(r"^https://cdn\.jsdelivr\.net/npm/@fortawesome/")
RENDERED = "() => document.querySelectorAll('.jupyter-widgets img, .jupyter-widgets canvas[data-frame]').length >= 3"
# Label of a timed slider (with the default activations on) -> its name on the page.
LATENCY_SLIDERS = {"explorer slider (steepness; sigmoid, tanh, relu)": "steepness",
                   "GELU slider (x_max)": "x_max", "softmax slider (temperature)": "temperature"}


# ---------------------------------------------------------------------------
# The widgets, headlessly.


def table_rows(explorer):
    """The properties table as a list of rows of cell texts (tags stripped)."""
    rows = re.findall(r"<tr>(.*?)</tr>", explorer.table.value)[1:]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip()
             for cell in re.findall(r"<td>(.*?)</td>", row)] for row in rows]


def expected_row(name, **params):
    p = properties(name, **params)
    return [f"■ {name}"] + [text(p) for _, _, text in app.COLUMNS]


def test_starts_with_the_default_activations_and_their_properties():
    w = app.activation_explorer()
    assert w.selected == list(app.DEFAULT) == [a.name for a in w.explorer.activations]
    assert table_rows(w) == [expected_row(name) for name in app.DEFAULT]
    assert list(w.buttons) == names(elementwise=True) and "softmax" not in w.buttons


def test_switching_activations_keeps_the_shared_slider_values():
    w = app.activation_explorer(["sigmoid"])
    w.explorer.sliders["steepness"].value = 3.0
    w.buttons["bipolar_sigmoid"].value = True
    assert [a.name for a in w.explorer.activations] == ["sigmoid", "bipolar_sigmoid"]
    assert w.explorer.sliders["steepness"].value == 3.0
    np.testing.assert_allclose(w.explorer.lines["bipolar_sigmoid"].get_ydata(),
                               np.tanh(1.5 * w.explorer.x), rtol=1e-12)
    w.buttons["sigmoid"].value = False
    w.buttons["elu"].value = True
    assert list(w.explorer.sliders) == ["steepness", "alpha"]
    assert w.explorer.sliders["steepness"].value == 3.0


def test_the_table_follows_the_sliders():
    w = app.activation_explorer(["relu", "elu"])
    png = w.explorer.png()
    w.explorer.sliders["alpha"].value = 0.5
    assert w.explorer.png() != png
    assert table_rows(w) == [expected_row("relu"), expected_row("elu", alpha=0.5)]
    assert table_rows(w)[1][1:4] == ["(−0.5, ∞)", "yes", "no"]  # range, monotonic, smooth
    w.explorer.sliders["alpha"].value = 1.0
    assert table_rows(w)[1][3] == "yes"


def test_no_activation_leaves_a_hint_and_no_table():
    w = app.activation_explorer(["tanh"])
    w.buttons["tanh"].value = False
    assert w.explorer is None and w.table.value == ""
    assert "at least one" in w.children[1].children[0].value
    assert repr(w) == "Activation Explorer: none selected"
    w.buttons["gelu"].value = True
    assert [a.name for a in w.explorer.activations] == ["gelu"]
    assert table_rows(w) == [expected_row("gelu")]


def test_bad_names():
    with pytest.raises(ValueError, match="softmax_temperature"):
        app.activation_explorer(["relu", "softmax"])
    with pytest.raises(KeyError, match="no activation named"):
        app.activation_explorer(["rleu"])


def test_gelu_view_reports_the_errors_of_the_textbook_formulas():
    w = app.gelu_approximations()
    x = np.linspace(-4, 4, 801)
    exact = x * ndtr(x)
    tanh_form = 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))
    sigmoid_form = x / (1 + np.exp(-1.702 * x))
    legend = [t.get_text() for t in w.figure.axes[1].get_legend().get_texts()]
    assert legend == [f"tanh: max {np.abs(tanh_form - exact).max():.1e}",
                      f"sigmoid: max {np.abs(sigmoid_form - exact).max():.1e}"]
    for key, value in (("x_max", 8.0), ("error", "error")):
        png = w.png()
        w.sliders[key].value = value
        assert w.png() != png


def test_softmax_view_has_a_temperature_slider():
    w = app.softmax_temperature()
    assert list(w.sliders)[-1] == "temperature"
    png = w.png()
    w.sliders["temperature"].value = 4.0
    assert w.png() != png


# ---------------------------------------------------------------------------
# Servers.


def serve(command, tmp, ready, timeout=90):
    """Start ``command`` and return its process once ``ready(log_text)``."""
    log_path = tmp / "server.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=isolated_env(tmp), stdout=log,
                                  stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    while not ready(log_path.read_text()):
        if server.poll() is not None or time.monotonic() > deadline:
            stop(server)
            pytest.fail(f"{command[2]} did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    return server


def answers(url):
    """A ``ready`` for :func:`serve`: whether ``url`` answers yet.

    Why not the log: Jupyter Server logs its URL before its loop binds the port.
    """
    def ready(_log):
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return True
        except OSError:
            return False
    return ready


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voilà serving the app with a preheated kernel, stopped (by its PID) at the end."""
    yield from _serve_voila(tmp_path_factory, PAGE)


@pytest.fixture(scope="module")
def voila_zh(tmp_path_factory):
    """:func:`voila` for the Chinese edition of the app (``make app LANGUAGE=zh``)."""
    yield from _serve_voila(tmp_path_factory, PAGE_ZH)


def _serve_voila(tmp_path_factory, page):
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "voila", str(page), "--no-browser", f"--port={port}",
               "--Voila.port_retries=0", f"--token={token}", *VOILA_OPTIONS]
    start = time.monotonic()
    server = serve(command, tmp_path_factory.mktemp("voila"),
                        lambda text: "Kernel pool of explorer.ipynb is filled" in text)
    print(f"\nVoilà: serving with a preheated kernel after {time.monotonic() - start:.1f} s")
    try:
        yield f"http://127.0.0.1:{port}", token
    finally:
        stop(server)


def status(url, follow=True):
    """HTTP status of a GET, without following redirects unless ``follow``."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None
    opener = urllib.request.build_opener(*([] if follow else [NoRedirect()]))
    try:
        with opener.open(url, timeout=30) as reply:
            return reply.status
    except urllib.error.HTTPError as exc:
        return exc.code


@contextmanager
def app_page(browser, server, shot):
    """``(page, problems)``: the app rendered in a new page, and what goes wrong in it.

    ``problems`` collects page errors, console errors and failed requests
    (but for the offline CDN's). On leaving, the page is saved to ``shot``
    and closed.
    """
    url, token = server
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(45_000)
    problems = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: msg.type == "error"
            and not ALLOWED_FAILURES.match(msg.location.get("url", ""))
            and problems.append(f"console error: {msg.text} ({msg.location.get('url')})"))
    page.on("requestfailed", lambda req: not ALLOWED_FAILURES.match(req.url)
            and problems.append(f"request failed: {req.url} {req.failure}"))
    try:
        page.goto(f"{url}/?token={token}")
        page.wait_for_function(RENDERED)
        yield page, problems
    finally:
        screenshot(page, shot)
        page.close()


def test_app_renders_and_every_control_moves_its_plot(chromium, voila):  # noqa: F811
    url, token = voila
    start = time.monotonic()
    with app_page(chromium, voila, ARTIFACTS / "explorer_app_end.png") as (page, problems):
        first_render = time.monotonic() - start  # the kernel may still be preheating
        screenshot(page, ARTIFACTS / "explorer_app.png")
        # Voilà's widget manager is not JupyterLab's: the page must find its sliders here too.
        # The answer to its first message brings the steps around their first values (the first
        # value and at least one step each way; as many as fit the answer's bytes). A page that
        # found none would still move its plot, every step drawn by the kernel.
        page.wait_for_function("() => Number(document.querySelector('canvas.actlib-liveplot')"
                               ".dataset.held) >= 3")

        text = page.inner_text("body")
        assert "Activation Explorer" in text
        for code in ("from actlib", "activation_explorer(", "softmax_temperature("):
            assert code not in text, f"code shown on the page: {code!r}"
        assert page.locator(".jp-CodeCell .jp-InputArea, .cm-editor").count() == 0
        for bad in ("Traceback", "There was an error", "Error displaying widget"):
            assert bad not in text, f"{bad!r} on the page"
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0

        latency = {}
        for label, name in LATENCY_SLIDERS.items():
            handle = slider(page, name)
            latency[label] = change_time(page, handle.element_handle(),
                                         lambda h=handle: press(page, h, "ArrowLeft"), problems, label)
        moves, moved = exercise_controls(page)  # the default activations, GELU and softmax
        problems += moves
        assert moved == n_controls(app.DEFAULT)
        switches = []
        buttons = page.locator(".widget-toggle-button:not(.widget-toggle-buttons *)").element_handles()
        assert len(buttons) == len(names(elementwise=True))
        for button in buttons:  # switch every activation on; each changes the plot
            if "mod-active" not in button.get_attribute("class"):
                switches.append(change_time(page, button, button.click, problems,
                                            f"switching on {button.inner_text()}"))
        latency["switching an activation on (median)"] = float(np.median(switches))
        # The table comes after the new image: it waits for the properties to be computed.
        page.wait_for_function(f"() => document.querySelectorAll('.actlib-props tr').length"
                               f" === {len(names(elementwise=True)) + 1}")
        more, moved_all = exercise_controls(page)  # now every parameter has a slider
        problems += more
        assert moved_all == n_controls(names(elementwise=True))

        # Moving alpha changes the range that the table shows for elu.
        elu_range = "() => document.querySelector('.actlib-props').innerText.match(/\\n■ elu\\t([^\\t]+)/)[1]"
        before = page.evaluate(elu_range)
        press(page, slider(page, "alpha"), "ArrowLeft")
        page.wait_for_function(f"before => ({elu_range})() !== before", arg=before)
        assert not problems, "\n".join(problems)
    # Meanwhile Voilà has run the notebook in a new kernel for the next visitor.
    again = render_time(chromium, f"{url}/?token={token}")
    print(f"\nfirst render {first_render:.1f} s after opening the page right after the start, "
          f"{again:.1f} s on a later visit; controls moved: {moved} + {moved_all}")
    for what, seconds in latency.items():
        print(f"  {what}: {1000 * seconds:.0f} ms to a new image")
    assert max(first_render, again) < 15, f"the page took {max(first_render, again):.0f} s to render"


def test_the_chinese_app_speaks_chinese_and_every_control_moves_its_plot(chromium, voila_zh):  # noqa: F811
    with app_page(chromium, voila_zh, ARTIFACTS / "explorer_app_zh.png") as (page, problems):
        text = page.inner_text("body")
        for chinese in ("激活函数探索器", "导数"):  # the title, and the plot's panel
            assert chinese in text, f"{chinese!r} is not on the page"
        assert page.locator('[data-mime-type="application/vnd.jupyter.stderr"]').count() == 0
        fonts = fonts_of(page, "h1")
        assert any("CJK" in family for family in fonts), f"the title's Chinese is drawn with {fonts}"
        moves, moved = exercise_controls(page)
        assert not moves + problems, "\n".join(moves + problems)
        assert moved == n_controls(app.DEFAULT)


def n_controls(names):
    """Sliders and toggle groups on the page with the activations ``names`` switched on."""
    views = [app.activation_explorer(names).explorer, app.gelu_approximations(),
             app.softmax_temperature()]
    return sum(len(view.sliders) for view in views)


def render_time(browser, url):
    """Seconds from opening ``url`` in a new page until the three widgets show."""
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    try:
        start = time.monotonic()
        page.goto(url)
        page.wait_for_function(RENDERED, timeout=45_000)
        return time.monotonic() - start
    finally:
        page.close()


def test_voila_refuses_requests_without_the_token(voila):
    # After the browser test: rendering the page here uses up the preheated kernel.
    url, token = voila
    for query in ("", "?token=wrong"):
        assert status(f"{url}/{query}", follow=False) == 302  # to the login page
    assert status(f"{url}/?token={token}") == 200


def slider(page, name):
    """The handle of the first slider labelled ``name``."""
    return page.locator(".widget-slider", has_text=name).first.locator(".noUi-handle")


def press(page, handle, key):
    handle.focus()
    page.keyboard.press(key)


def change_time(page, element, act, problems, name):
    """Seconds from ``act()`` until the plot next to ``element`` shows a new image."""
    before = element.evaluate(PLOT_OF)
    start = time.monotonic()
    act()
    try:
        page.wait_for_function(f"([el, before]) => ({PLOT_OF})(el) !== before",
                               arg=[element, before], timeout=15_000)
    except Exception:  # noqa: BLE001 - Playwright's timeout: reported as a problem
        problems.append(f"{name} did not change its plot")
    return time.monotonic() - start


def screenshot(page, path):
    """The whole page in one picture (Voilà scrolls inside #rendered_cells)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        height = page.evaluate("() => document.querySelector('#rendered_cells').scrollHeight")
        page.set_viewport_size({"width": 1280, "height": min(height + 40, 16000)})
        page.wait_for_timeout(300)
        page.screenshot(path=str(path))
        page.set_viewport_size({"width": 1280, "height": 1000})
    except Exception as exc:  # noqa: BLE001 - a missing picture must not hide the real failure
        print(f"no screenshot {path.name}: {exc}")


def test_binder_route_renders_the_app(tmp_path):
    """``?urlpath=voila/render/notebooks/explorer.ipynb``: Voilà's server extension."""
    port, token = free_port(), secrets.token_hex(16)
    command = [sys.executable, "-m", "jupyter", "server", "--no-browser", "--ip=127.0.0.1",
               f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={ROOT}"]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = serve(command, tmp_path, answers(f"http://127.0.0.1:{port}/api/status?token={token}"))
    try:
        url = f"http://127.0.0.1:{port}/voila/render/notebooks/explorer.ipynb?token={token}"
        with urllib.request.urlopen(url, timeout=120) as reply:
            text = reply.read().decode()
        assert reply.status == 200
    finally:
        stop(server)
    assert "Activation Explorer" in text
    assert text.count("application/vnd.jupyter.widget-view+json") >= 3  # the three widgets ran
    assert "activation_explorer()" not in text and "Traceback" not in text
