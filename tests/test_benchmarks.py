"""The pieces of ``make bench`` that run in seconds, without a browser.

The full benchmark takes minutes (``python benchmarks/report.py``); here are
the import-time probe, the goals each section checks, and the benchmark
notebook of the browser latency.
"""

import math
import re
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


def report_drags():
    """``{(version, drag): {column: number}}`` of the emulated link's rows in benchmarks/REPORT.md."""
    lines = (ROOT / "benchmarks" / "REPORT.md").read_text(encoding="utf-8").splitlines()
    header = next(line for line in lines if line.startswith("| link | version | drag |"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    rows = {}
    for line in lines:
        cells = [c.strip() for c in line.strip("|").split("|")]
        if len(cells) == len(columns) and cells[0] == f"{drag_latency.RTT_MS:.0f} ms RTT, 10 Mbit/s":
            rows[cells[1].split()[0], cells[2]] = {c: float(v) for c, v in zip(columns[3:], cells[3:])}
    return rows


def test_the_readmes_say_what_the_report_measured_on_the_binder_like_link():
    """Both READMEs quote the drag table; a new ``make bench`` run must be quoted anew."""
    drags, report_text = report_drags(), (ROOT / "benchmarks" / "REPORT.md").read_text(encoding="utf-8")
    ours, again, recipe = drags["actlib", "first"], drags["actlib", "again"], drags["interact", "first"]
    recipe_again = drags["interact", "again"]
    behind = max(recipe["behind"], recipe_again["behind"])
    release = (recipe["release ms"] + recipe_again["release ms"]) / 2
    ours_key, recipe_key = re.search(r"a key press takes (\d+) ms for actlib's f and f' against (\d+) ms",
                                     report_text).groups()
    facts = {
        "README.md": [f"shows {ours['pictures/s']:.0f} pictures per second", "(none\nbehind)",
                      f"{ours['clipped ms'] / 1000:.1f} s of the first 2 s drag",
                      f"Dragging again shows {again['pictures/s']:.0f} pictures per second",
                      f"recipe shows {recipe['pictures/s']:.0f} pictures per second",
                      f"up to {behind:.0f} positions behind", f"about\n{release:.0f} ms after the release",
                      f"next curve in {ours_key} ms", f"the recipe: {recipe_key} ms"],
        "README.zh-CN.md": [f"每秒显示\n{ours['pictures/s']:.0f} 幅图", f"共 {ours['clipped ms'] / 1000:.1f} 秒",
                            f"再次拖动时每秒 {again['pictures/s']:.0f} 幅", f"每秒只有 {recipe['pictures/s']:.0f} 幅",
                            f"最多落后 {behind:.0f} 个位置", f"约 {release:.0f} ms"],
    }
    assert ours["behind"] == again["behind"] == 0 and ours["release ms"] == again["release ms"] == 0
    for readme, phrases in facts.items():
        text = " ".join((ROOT / readme).read_text(encoding="utf-8").split())
        missing = [p for p in phrases if " ".join(p.split()) not in text]
        assert not missing, f"{readme} does not quote benchmarks/REPORT.md's drag table: {missing}"
