"""Headless Chromium and a throwaway JupyterLab, for the browser benchmark and the screenshot.

The set-up is the browser test's (``tests/test_browser.py``): Debian's
``chromium`` under Playwright (no browser is ever downloaded), JupyterLab on
127.0.0.1 with a random port and token, quiet settings, and the user's
Jupyter config kept out. Its constants and plain functions are imported from
there; its pytest fixtures cannot be called outside pytest, so
:func:`chromium` and :func:`jupyter_lab` repeat their bodies.
"""

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from test_browser import (  # noqa: E402
    ALL_CELLS_RAN, ERROR_OUTPUTS, IDLE, LAB_SETTINGS, WIDGETS_RENDERED, free_port, stop_kernels,
)

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def chromium():
    """Yield the system's headless chromium under Playwright.

    Raises
    ------
    RuntimeError
        When chromium or Python's playwright is not installed.
    """
    path = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if path is None or sync_playwright is None:
        missing = "chromium (apt-get install chromium)" if path is None else "Python playwright"
        raise RuntimeError(f"{missing} is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def jupyter_lab(root):
    """Yield ``(url, token)`` of JupyterLab serving the directory ``root``; stop it after.

    Settings, workspaces, config and runtime files live in a temporary
    directory; the server is stopped by its PID.

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
            command.append("--allow-root")
        env = {**os.environ, **{var: str(tmp / var.lower()) for var in
                                ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                                 "IPYTHONDIR")}}
        log_path = tmp / "lab.log"
        with open(log_path, "w") as log:
            server = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        lab = SimpleNamespace(url=f"http://127.0.0.1:{port}", token=token)
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
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


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
        page.goto(f"{lab.url}/lab/tree/{quote(name)}?reset&token={lab.token}")
        page.wait_for_function("() => window.jupyterapp !== undefined")
        page.evaluate("() => window.jupyterapp.restored.then(() => true)")
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        # The execution indicator says idle before a kernel exists; the status bar names it.
        idle = page.locator("#jp-main-statusbar").get_by_text(IDLE)
        idle.wait_for()
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        idle.wait_for()
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
