"""Binder builds from binder/: the same pins as requirements.txt, and a valid config."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pins(path):
    return sorted(line.strip() for line in path.read_text().splitlines()
                  if line.strip() and not line.startswith("#"))


def test_binder_requirements_are_the_same_pins():
    binder, main = _pins(ROOT / "binder" / "requirements.txt"), _pins(ROOT / "requirements.txt")
    assert binder == main, "binder/requirements.txt drifted: run tools/pin.sh"
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[^=\s]+", p) for p in main), "every pin exact"


def test_binder_python_matches_this_python_and_the_package():
    runtime = (ROOT / "binder" / "runtime.txt").read_text().strip()
    assert runtime == f"python-{sys.version_info.major}.{sys.version_info.minor}"
    assert 'requires-python = ">=3.11"' in (ROOT / "pyproject.toml").read_text()


def test_post_build_installs_actlib():
    post = ROOT / "binder" / "postBuild"
    assert os.access(post, os.X_OK)
    assert "pip install --no-deps -e ." in post.read_text()


def test_lab_overrides_are_valid_settings_and_installed_here():
    """The override file matches JupyterLab's schema, and `make` put it where JupyterLab reads it."""
    import jsonschema

    overrides = json.loads((ROOT / "binder" / "lab-overrides.json").read_text())
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    for plugin, values in overrides.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text())
        jsonschema.validate(values, schema)
    installed = Path(sys.prefix) / "share/jupyter/lab/settings/overrides.d/activation-functions.json"
    assert json.loads(installed.read_text()) == overrides, "run `make` again: binder/postBuild copies it"


def test_repo2docker_accepts_the_configuration():
    repo2docker = Path(sys.executable).with_name("repo2docker")
    out = subprocess.run([str(repo2docker), "--no-build", "--debug", str(ROOT)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    dockerfile = out.stdout + out.stderr
    assert "python=3.11" in dockerfile
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "./binder/postBuild" in dockerfile
    # The Chinese edition's figures need a CJK font (actlib.i18n.cjk_font finds it).
    assert "apt-get install --yes --no-install-recommends fonts-noto-cjk" in dockerfile


def test_readme_badges_open_existing_notebooks():
    readme = (ROOT / "README.md").read_text()
    assert re.search(r"urlpath=lab/tree/notebooks/00_", readme), "a badge opens notebook 00 in JupyterLab"
    assert re.search(r"urlpath=voila/render/notebooks/explorer.ipynb", readme), "a badge opens the app"
    targets = re.findall(r"urlpath=(?:lab/tree|voila/render)/([^)\s&]+)", readme)
    for target in targets:
        assert (ROOT / target.replace("%2F", "/")).is_file(), target
