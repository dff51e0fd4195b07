"""Time budget for notebooks run under nbval.

nbval executes every notebook cell by cell; these hooks add up the time of a
notebook's cells (kernel start included) and fail its last cell when the total
exceeds the budget that ``tools/build_notebooks.py`` also enforces. They are
inert in the unit-test run. An nbval run loads them with ``-p tests.conftest``
(from the repository root, under ``python -m pytest``)::

    python -m pytest -p tests.conftest --nbval notebooks/solutions
"""

import sys
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from build_notebooks import budget_for  # noqa: E402

_elapsed = defaultdict(float)  # notebook -> seconds so far
_last_cell = {}  # notebook -> its last collected cell


def _notebook(item):
    """The notebook an nbval item belongs to, for display; None for other items."""
    if item.path.suffix != ".ipynb":
        return None
    try:
        return str(item.path.relative_to(item.config.rootpath))
    except ValueError:
        return str(item.path)


def pytest_collection_modifyitems(items):
    for item in items:
        if notebook := _notebook(item):
            _last_cell[notebook] = item


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    notebook = _notebook(item)
    if notebook is None:
        return
    _elapsed[notebook] += call.duration
    total = _elapsed[notebook]
    budget = budget_for(item.path.stem)
    if call.when == "call" and item is _last_cell[notebook] and total > budget and report.passed:
        report.outcome = "failed"
        report.longrepr = f"{notebook} took {total:.1f} s to run, over its {budget:g} s budget"


def pytest_terminal_summary(terminalreporter):
    if _elapsed:
        terminalreporter.write_sep("-", "notebook run times")
        for notebook, seconds in sorted(_elapsed.items()):
            budget = budget_for(Path(notebook).stem)
            terminalreporter.write_line(f"{seconds:6.1f} s  {notebook}  (budget {budget:g} s)")
