"""``make test`` runs the unit tests on two workers; its groups must hold (see the Makefile)."""

import re
import subprocess
import sys

GROUPED = """
import pytest

pytestmark = pytest.mark.xdist_group("course")


@pytest.mark.parametrize("i", range(4))
def test_one_of_a_group(i):
    pass
"""


def test_an_xdist_group_runs_on_one_worker(tmp_path):
    """nbgrader's course is built once and each browser edition opens one JupyterLab only if so.

    pytest 9.2 broke this silently (pytest-xdist issue #1386: the group's mark
    no longer reaches the scheduler, and the tests are dealt out one by one):
    requirements-dev.txt pins a pytest that keeps it, and this fails on one that does not.
    """
    (tmp_path / "test_grouped.py").write_text(GROUPED)
    run = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-n", "2",
                          "--dist", "loadgroup", "-v", "test_grouped.py"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    workers = re.findall(r"\[(gw\d+)\].*PASSED", run.stdout)
    assert len(workers) == 4 and len(set(workers)) == 1, run.stdout[-3000:]
