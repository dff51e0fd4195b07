"""The pieces of ``make bench`` that run in seconds, without a browser.

The full benchmark takes minutes (``python benchmarks/report.py``); here are
the import-time probe, the goals each section checks, and the benchmark
notebook of the browser latency.
"""

import math
import sys
from pathlib import Path

import nbformat
import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
import browser_latency  # noqa: E402
import drag_latency  # noqa: E402
import report  # noqa: E402

SOLUTIONS = ROOT / "notebooks" / "solutions"


def test_import_time_is_positive_and_loads_numpy_but_nothing_heavy():
    seconds, packages = report.import_time(repeat=1)
    assert 0 < seconds < 30
    assert "numpy" in packages  # the probe sees what the import loads
    assert not set(packages) & set(report.FORBIDDEN), packages


def test_a_forbidden_package_is_a_miss():
    text, misses = report.format_import(0.2, ["matplotlib", "numpy"])
    assert "matplotlib **MISS**" in text and "numpy **MISS**" not in text
    assert misses == ["import actlib loads matplotlib"]
    assert report.format_import(0.2, ["numpy", "scipy"])[1] == []


def test_accuracy_beyond_the_bound_is_a_miss_for_actlib_only():
    rows = [("sigmoid", "value", 0.08, math.inf, None),  # a broken naive formula is no miss
            ("tanh", "derivative", 1.5, 0.1, 0.1),
            ("gelu", "value", math.inf, 0.1, 0.1),
            ("relu", "value", 1.0, 0.0, 0.0)]
    text, misses = report.format_accuracy(rows)
    assert [m.split("'s ")[1].split(" is")[0] for m in misses] == ["tanh derivative", "gelu value"]
    assert "1.5 **MISS**" in text and "inf **MISS**" in text
    assert text.count("**MISS**") == 2


def test_speed_ratio_above_three_is_a_miss():
    text, misses = report.format_speed([("swish", 3.4, 3.0), ("relu", 0.9, 1.1)])
    assert len(misses) == 1 and "swish value" in misses[0] and "3.4" in misses[0]
    assert "3.40 **MISS**" in text and "3.00 **MISS**" not in text


def test_notebook_budgets_failures_and_the_suite_record(tmp_path):
    rows = [(SOLUTIONS / "01_step_and_sigmoid.ipynb", 16.0, None),  # over 15 s
            (SOLUTIONS / "07_head_to_head.ipynb", 20.0, None),  # within its 30 s
            (SOLUTIONS / "02_tanh.ipynb", None, "a cell raised an error")]
    text, misses = report.format_notebooks(rows)
    assert len(misses) == 2
    assert "01_step_and_sigmoid" in misses[0] and "02_tanh" in misses[1]
    assert "16.0 **MISS**" in text and "20.0 **MISS**" not in text
    assert "36.0 s without the failed ones" in text  # the series: the runs that finished
    assert "not measured" in text
    record = tmp_path / "suite.txt"
    assert report.suite_time(record) is None
    record.write_text("700 2026-01-01T00:00Z\n")
    suite = report.suite_time(record)
    assert suite == (700.0, "2026-01-01T00:00Z")
    assert any("test suite" in m for m in report.format_notebooks(rows[1:2], suite)[1])
    assert report.format_notebooks(rows[1:2], (500.0, "x"))[1] == []


def test_browser_latency_misses_are_presses_without_a_new_image():
    rows = [("actlib", np.array([50.0, 60.0, 70.0])), ("naive", np.array([150.0, np.nan, 170.0]))]
    text, misses = report.format_browser_latency(rows)
    assert len(misses) == 1 and "1 of 3" in misses[0] and "'naive'" in misses[0]
    assert "| actlib | 60 |" in text
    text, misses = report.format_browser_latency([], "chromium is not installed")
    assert "Not measured: chromium is not installed" in text and len(misses) == 1


def test_the_goals_list_every_miss_or_say_all_are_met():
    met = report.render("# head", [("A", ("table a", []))])
    assert "Every goal is met." in met and "## A\n\ntable a" in met
    missed = report.render("# head", [("A", ("a", ["one"])), ("B", ("b", ["two"]))])
    assert "- MISS: one\n- MISS: two" in missed and "Every goal is met." not in missed


def test_machine_line_names_cpus_python_and_numpy():
    line = report.machine()
    assert "nproc" in line and f"NumPy {np.__version__}" in line and "Python 3." in line


def test_the_browser_benchmark_notebook_is_valid_and_has_the_usual_recipe():
    nb = browser_latency.benchmark_notebook()
    nbformat.validate(nb)
    assert [c.source for c in nb.cells] == list(browser_latency.CASES.values())
    for cell in nb.cells:
        compile(cell.source, "<cell>", "exec")
    naive = browser_latency.CASES["interact + plt.show()"]
    assert "@interact(steepness=(0.1, 10, 0.1))" in naive and "plt.show()" in naive



def test_a_busy_machine_is_named_in_the_header():
    assert "busy" not in report.load_note(0.5, 1.2, 2)
    assert "busy" in report.load_note(0.5, 3.1, 2)


def test_a_failed_notebook_is_summed_up_by_its_exception():
    exc = report.BuildError("a cell raised an error\n----\nTraceback\n\x1b[31mKeyError\x1b[39m: 'x'\n")
    assert report._summary(exc) == "a cell raised an error: KeyError: 'x'"


def test_drag_goals_are_for_actlib_on_the_emulated_link_on_both_drags():
    def figures(behind, release, drag="again"):
        return {"fps": 10.0, "lag_median": 150.0, "lag_max": 200.0, "behind_max": behind,
                "clipped_ms": 0.0, "release_to_final": release, "drag": drag}
    remote = "100 ms RTT, 10 Mbit/s"
    rows = [("localhost", "actlib explore, f and f'", figures(4, 10.0)),  # localhost: no goal
            (remote, "actlib explore, f and f'", figures(2, 250.0)),
            (remote, "interact + plt.show()", figures(9, 900.0))]  # the recipe: no goal
    presses = [("actlib explore, f and f'", np.array([40.0, 42.0])),
               ("interact + plt.show()", np.array([60.0, 62.0]))]
    text, misses = report.format_drag_latency(rows, presses)
    assert len(misses) == 3 and text.count("**MISS**") == 3
    assert "behind" in misses[0] and "250" in misses[1] and "0.67" in misses[2]
    ok = [(remote, "actlib explore, f and f'", figures(1, 180.0, "first")),
          (remote, "actlib explore, f and f'", figures(0, 0.0))]
    assert report.format_drag_latency(ok, [(presses[0][0], presses[0][1] / 2), presses[1]])[1] == []
    first = [(remote, "actlib explore, f and f'", figures(2, 0.0, "first"))]
    assert "first drag" in report.format_drag_latency(first)[1][0]
    assert report.format_drag_latency([], error="left out")[1] == ["drag latency: not measured (left out)"]


def test_a_drag_is_analysed_from_what_the_page_showed():
    import json

    def picture(t, value, clipped=False):
        return {"t": t, "values": json.dumps({"steepness": value}), "clipped": clipped}
    records = {"positions": [{"t": 100.0 * i, "value": 1.0 + 0.1 * i} for i in range(6)],  # 1.0 ... 1.5
               "pictures": [picture(0.0, 1.0), picture(100.0, 1.1, True), picture(200.0, 1.2, True),
                            picture(250.0, 1.2), picture(500.0, 1.5, True), picture(700.0, 1.5)],
               "sent": [], "release": 600.0}
    f = drag_latency.analyse(records, rtt_ms=100.0)
    assert f["behind_max"] == 0 and f["lag_max"] == 200.0  # 1.5 set at 500, on axes that hold it at 700
    assert f["clipped_ms"] == 150.0 + 100.0  # 100 to 250, and 500 to the release at 600
    assert f["release_to_final"] == 100.0  # the clipped 1.5 at 500 is not the final picture
    assert f["fps"] == pytest.approx(5 / 0.6)  # pictures up to the release, from the first position

