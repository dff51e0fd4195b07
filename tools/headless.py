"""Headless Chromium and a throwaway JupyterLab: the set-up every browser check shares.

Used by the browser tests (``tests/test_browser.py``, ``tests/test_app.py``,
``tests/test_export_html.py``), the browser benchmark and the screenshot
tool. Chromium is Debian's ``chromium`` under Playwright: no browser is ever
downloaded. Servers listen on 127.0.0.1 with a random port and token, keep
the user's Jupyter configuration out, and are stopped by their PID.
"""

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IDLE = "Python 3 (ipykernel) | Idle"

# Lab settings for a quiet, deterministic session: every cell stays in the DOM
# (no virtual scrolling), nothing is saved, nothing is fetched from the web.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "scrollPastEnd": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
}


class Missing(RuntimeError):
    """Chromium or Python's playwright is not installed."""


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def isolated_env(tmp):
    """The environment with Jupyter's config, data, runtime and IPython dirs under ``tmp``."""
    return {**os.environ, **{var: str(Path(tmp) / var.lower()) for var in
                             ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                              "IPYTHONDIR")}}


def stop(server):
    """Stop a server process by its PID: terminate, then kill after 20 s."""
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@contextlib.contextmanager
def chromium():
    """Yield the system's headless chromium under Playwright.

    Raises
    ------
    Missing
        When chromium or Python's playwright is not installed.
    """
    path = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if path is None or sync_playwright is None:
        raise Missing("chromium (apt-get install chromium)" if path is None else "Python playwright")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def jupyter_lab(root, cpus=None):
    """Yield JupyterLab serving the directory ``root`` as ``.url``, ``.token``, ``.log``, ``.pid``.

    Settings, workspaces, config and runtime files live in a temporary
    directory, so no old tab reopens and nothing of the user's leaks in.
    ``cpus``, a set of CPU numbers, pins the server and so its kernels, which
    inherit the affinity (``benchmarks/kernel_cost.py``: one core, about what
    a student's pod with a limit of one CPU gets).

    Raises
    ------
    RuntimeError
        When the server does not answer within 60 s (with the end of its log).
    """
    with tempfile.TemporaryDirectory(prefix="actlib-lab-") as tmp:
        tmp = Path(tmp)
        for plugin, values in LAB_SETTINGS.items():
            path = tmp / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        port, token = free_port(), secrets.token_hex(16)
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}", f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            f"--LabApp.user_settings_dir={tmp / 'settings'}", "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.extension_manager=readonly",
        ]
        if os.geteuid() == 0:
            command.append("--allow-root")  # JupyterLab refuses root otherwise
        log_path = tmp / "lab.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(command, cwd=root, env=isolated_env(tmp), stdout=log,
                                      stderr=subprocess.STDOUT,
                                      preexec_fn=None if cpus is None else
                                      (lambda: os.sched_setaffinity(0, cpus)))
        lab = SimpleNamespace(url=f"http://127.0.0.1:{port}", token=token, log=log_path,
                              pid=server.pid)
        try:
            deadline = time.monotonic() + 60
            while True:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start:\n{log_path.read_text()[-3000:]}")
                try:
                    urllib.request.urlopen(f"{lab.url}/api/status?token={token}", timeout=2).close()
                    break
                except OSError:
                    time.sleep(0.2)
            yield lab
        finally:
            stop(server)


# Closes every document of the JupyterLab in the page, dropping their changes
# (no "save your work?" dialog), and opens the notebook at the given path.
REOPEN = """async (path) => {
  const app = window.jupyterapp;
  for (const widget of Array.from(app.shell.widgets('main'))) {
    if (widget.context) widget.context.model.dirty = false;
  }
  await app.commands.execute('application:close-all');
  await app.commands.execute('docmanager:open', {path});
}"""


def open_notebook(page, lab, name):
    """Open the notebook ``name`` of ``lab`` in ``page`` and wait until its kernel is idle.

    A page that shows this lab already keeps it, as a student keeps one tab:
    the documents open there are closed, their changes dropped, and ``name``
    opens in their place. That spares Chromium a start of JupyterLab, about
    3 s of its CPU per notebook.

    Returns
    -------
    int
        How many headings (the deep dives) the notebook shows collapsed.
    """
    from urllib.parse import quote

    if page.url.startswith(f"{lab.url}/lab") and page.evaluate("() => window.jupyterapp !== undefined"):
        page.evaluate(REOPEN, name)
    else:
        page.goto(f"{lab.url}/lab/tree/{quote(name)}?reset&token={lab.token}")
        page.wait_for_function("() => window.jupyterapp !== undefined")
        page.evaluate("() => window.jupyterapp.restored.then(() => true)")
    # The execution indicator says idle before a kernel exists; the status bar names it.
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for()
    return page.locator(".jp-collapseHeadingButton.jp-mod-collapsed").count()


RUN_CELLS = """async (indices) => {
  const app = window.jupyterapp, panel = app.shell.currentWidget;
  await app.commands.execute('notebook:clear-all-cell-outputs');
  for (const index of indices) {
    panel.content.activeCellIndex = index;
    if (!await app.commands.execute('notebook:run-cell')) return false;
  }
  return true;
}"""


def open_and_run_cells(page, lab, name, indices):
    """:func:`open_and_run_all`, but with every output cleared and only the cells ``indices`` run."""
    collapsed = open_notebook(page, lab, name)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:expand-all-headings')")
    ran = page.evaluate(RUN_CELLS, list(indices))
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for()
    return ran, collapsed


def open_and_run_all(page, lab, name):
    """Open the notebook ``name`` of ``lab`` in ``page``, open its deep dives, and Run All.

    Returns when the kernel is idle again, with ``(ran, collapsed)``: whether
    Run All ran to the end, and how many headings (the deep dives) the notebook
    showed collapsed when it opened. A student who opens a deep dive finds its
    controls working, so they are run and moved too.
    """
    collapsed = open_notebook(page, lab, name)
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:expand-all-headings')")
    ran = page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.locator("#jp-main-statusbar").get_by_text(IDLE).wait_for()
    return ran, collapsed
