"""The strict nbval run executes each cell twice (tests/conftest.py): shown on small notebooks."""

import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
SHARED_GENERATOR = ["import numpy as np\nrng = np.random.default_rng(0)", "print(rng.integers(1000))"]


def nbval(tmp_path, cells, tags=()):
    """Execute a notebook of ``cells`` (the last one tagged ``tags``), then run it under nbval."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    nb.cells[-1].metadata["tags"] = list(tags)
    NotebookClient(nb, kernel_name="python3", timeout=60).execute()
    path = tmp_path / "example.ipynb"
    nbformat.write(nb, path)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "tests.conftest",
         "--nbval-current-env", "--nbval", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_a_cell_that_prints_otherwise_the_second_time_fails(tmp_path):
    run = nbval(tmp_path, SHARED_GENERATOR)
    assert run.returncode == 1, run.stdout[-3000:]
    assert "second run in the same kernel" in run.stdout
    assert "1 failed, 1 passed" in run.stdout


def test_a_cell_tagged_rerun_differs_runs_once(tmp_path):
    run = nbval(tmp_path, SHARED_GENERATOR, tags=("rerun-differs",))
    assert run.returncode == 0, run.stdout[-3000:]
    assert "running each cell a second time" in run.stdout  # the untagged cell ran twice
