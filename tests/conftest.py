"""Time budget and second runs for notebooks run under nbval.

nbval executes every notebook cell by cell; these hooks add up the time of a
notebook's cells (kernel start included) and fail its last cell when the total
exceeds the budget that ``tools/build_notebooks.py`` also enforces.

Where nbval compares outputs strictly (``--nbval``, the solution notebooks),
each code cell then runs a second time in the same kernel and must print the
same again: a cell that draws from a generator another cell made, trains a
network in place, or otherwise depends on how often it ran, fails here rather
than surprising a student who runs it twice. A cell whose second run may
differ on purpose is tagged ``rerun-differs`` in its source, with the reason
in a comment. The second runs do not count towards the budget. A translated
edition (``notebooks/zh/``) is run once: its code cells are the English ones
(``tests/test_i18n.py`` checks it), so what a second run could find, the
English second run finds.

The budget is a student's: one kernel on a machine doing nothing else, as
``make test`` runs the English solutions. ``--no-budgets`` leaves it out
where two notebooks run at once (``-n 2``), which slows each: ``make test``
runs the Chinese solutions and every student version so, whose code is the
English solutions' (``tests/test_i18n.py``), less the answers.

The hooks are inert in the unit-test run. An nbval run loads them with
``-p tests.conftest`` (from the repository root, under ``python -m pytest``)::

    python -m pytest -p tests.conftest --nbval notebooks/solutions
"""

import copy
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from build_notebooks import budget_for  # noqa: E402

_elapsed = defaultdict(float)  # notebook -> seconds so far
_last_cell = {}  # notebook -> its last collected cell
_second_runs = defaultdict(float)  # notebook -> seconds spent on second runs
RERUN_EXEMPT = "rerun-differs"


def pytest_addoption(parser):
    parser.addoption("--no-budgets", action="store_true",
                     help="run notebooks without their time budgets (two at once are not a student's kernel)")


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


def _runs_twice(item):
    """Whether ``item`` is a code cell whose output nbval compares strictly."""
    cell = getattr(item, "cell", None)
    return (cell is not None and cell.get("cell_type") == "code" and "zh" not in item.path.parts
            and item.config.getoption("nbval", False) and not item.config.getoption("nbval_lax", False)
            and item.options.get("check") and not item.options.get("skip")
            and RERUN_EXEMPT not in cell.get("metadata", {}).get("tags", []))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    twice = _runs_twice(item)
    # nbval merges the stored stream outputs in place when it compares: keep a clean copy.
    stored = copy.deepcopy(item.cell.outputs) if twice else None
    result = yield
    if twice:
        item.cell.outputs = stored
        start = time.monotonic()
        try:
            item.runtest()  # nbval runs the cell again and compares with the stored output
        except Exception as exc:  # nbval shows str(exc): say which run failed there
            note = "on the cell's second run in the same kernel (see tests/conftest.py)"
            exc.args = (f"{exc.args[0] if exc.args else ''} {note}", *exc.args[1:])
            raise
        finally:
            _second_runs[_notebook(item)] += time.monotonic() - start
    return result


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    notebook = _notebook(item)
    if notebook is None:
        return
    _elapsed[notebook] += call.duration
    total = _elapsed[notebook] - _second_runs[notebook]
    budget = budget_for(item.path.stem)
    if (call.when == "call" and item is _last_cell[notebook] and total > budget and report.passed
            and not item.config.getoption("no_budgets")):
        report.outcome = "failed"
        report.longrepr = f"{notebook} took {total:.1f} s to run, over its {budget:g} s budget"


def pytest_terminal_summary(terminalreporter):
    if _elapsed:
        terminalreporter.write_sep("-", "notebook run times")
        for notebook, seconds in sorted(_elapsed.items()):
            budget = budget_for(Path(notebook).stem)
            again = _second_runs[notebook]
            extra = f", and {again:.1f} s running each cell a second time" if again else ""
            terminalreporter.write_line(
                f"{seconds - again:6.1f} s  {notebook}  (budget {budget:g} s{extra})")
