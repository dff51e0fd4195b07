"""One report of the series' figures, against their goals: ``make bench``.

Measured in this order:

1. ``import actlib``: seconds in a fresh interpreter (best of 5) and the
   third-party packages it loads (never matplotlib, ipywidgets or sklearn);
2. accuracy of every value and derivative, in units of the accuracy bound
   (``accuracy.py``): actlib must be within it (<= 1);
3. speed, actlib / the naive NumPy formula on 10**6 float64 values
   (``accuracy.py``), best of 15: at most 3;
4. explorer latency per slider change: server side (``explorer_latency.py``)
   and end to end in JupyterLab in headless Chromium (``browser_latency.py``);
   and a 2 s mouse drag on localhost and on an emulated remote link
   (``drag_latency.py``);
5. run time of each solution notebook and of the explorer page with nbclient,
   as ``tools/build_notebooks.py`` runs them (nothing is written): each within
   its budget (15 s; 30 s for 07), and their sum.

Two figures are not measured again here, because they take minutes and the
README's JupyterHub sizing is computed from their committed results: one
student's kernel per notebook (``make sizing``, ``kernel_cost.json``) and the
JupyterHub load test (``make loadtest``, ``hub_loadtest.json``). The report
shows their latest results with their dates; every notebook must have run and
no student may have failed.

The report is Markdown: the date and the machine, the goals met or missed,
then one section per figure. It is printed and written to
``benchmarks/REPORT.md``. Progress goes to stderr. Timings on a busy machine
are noisy: the header gives the load average before and after.

Usage::

    python benchmarks/report.py [--no-browser] [--out PATH]
"""

import argparse
import contextlib
import datetime
import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
from build_notebooks import BuildError, budget_for, execute  # noqa: E402

ACCURACY_GOAL = 1.0  # worst error, in units of the accuracy bound
SPEED_GOAL = 3.0  # actlib time / naive time
SUITE_GOAL_S = 600.0  # the whole `make test`
FORBIDDEN = ("matplotlib", "ipywidgets", "sklearn")  # `import actlib` must not load these
#: Written by `make test` when every step passed: "<seconds> <ISO date>".
SUITE_RECORD = ROOT / "build" / "test-suite-time.txt"
DEFAULT_OUT = ROOT / "benchmarks" / "REPORT.md"
#: Written by `make sizing` and `make loadtest` (committed: the README's sizing comes from them).
KERNEL_COST = ROOT / "benchmarks" / "kernel_cost.json"
LOADTEST = ROOT / "benchmarks" / "hub_loadtest.json"
SPEED_REPEAT = 15  # best of 15: a busy machine slows single runs by 2x and more
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # colours of IPython's tracebacks

# Runs in a fresh interpreter. Packages are top-level modules of an installed
# distribution (numpy, scipy...): stdlib and Cython's internal modules are left out.
IMPORT_PROBE = """
import json, sys, time
before = set(sys.modules)
start = time.perf_counter()
import actlib
seconds = time.perf_counter() - start
from importlib.metadata import packages_distributions
loaded = {name.partition(".")[0] for name in set(sys.modules) - before}
print(json.dumps([seconds, sorted(loaded & set(packages_distributions()) - {"actlib"})]))
"""


# ---------------------------------------------------------------------------
# Measuring.


def import_time(repeat=5):
    """Return ``(best seconds, packages)`` of ``import actlib`` in fresh interpreters.

    ``packages`` are the third-party top-level packages the import loaded.
    """
    runs = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", IMPORT_PROBE], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        runs.append(json.loads(out))
    return min(seconds for seconds, _ in runs), runs[0][1]


def notebooks():
    """The notebooks the series runs: every solution, then the explorer page."""
    folder = ROOT / "notebooks"
    return sorted((folder / "solutions").glob("*.ipynb")) + [folder / "explorer.ipynb"]


def notebook_times(paths):
    """Return rows ``(path, seconds or None, error or None)``, each run once with nbclient.

    A run is stopped at four times its budget.
    """
    import nbformat

    rows = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        try:
            rows.append((path, execute(nb, path.parent, 4 * budget_for(path.stem)), None))
        except BuildError as exc:
            rows.append((path, None, _summary(exc)))
    return rows


def _summary(exc):
    """The first line of a BuildError and the last of its traceback (the exception)."""
    lines = [line.strip() for line in ANSI.sub("", str(exc)).splitlines() if line.strip()]
    last = lines[-1] if len(lines) > 1 else ""
    if len(last) > 120:
        last = last[:119] + "…"
    return lines[0] + (f": {last}" if last else "")


def suite_time(record=SUITE_RECORD):
    """``(seconds, date)`` of the last passing ``make test``, or None if none is recorded."""
    try:
        seconds, date = record.read_text().split(maxsplit=1)
        return float(seconds), date.strip()
    except (OSError, ValueError):
        return None


def quietly(function, *args):
    """``function(*args)`` with its printing swallowed (the report prints its own tables)."""
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args)


def machine():
    """One line on where and when: date, nproc, CPU, memory, Python, NumPy (and more)."""
    def first(path, key):
        with contextlib.suppress(OSError):
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        return None

    memory = first("/proc/meminfo", "MemTotal")
    parts = [
        datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        f"nproc {len(os.sched_getaffinity(0))}",
        first("/proc/cpuinfo", "model name") or platform.processor() or "unknown CPU",
        f"{int(memory.split()[0]) / 2 ** 20:.1f} GiB memory" if memory else "memory unknown",
        f"Python {platform.python_version()}",
        f"NumPy {np.__version__}",
        platform.platform(terse=True),
    ]
    return " · ".join(parts)


def _versions():
    """PyTorch and Chromium versions, as far as installed."""
    try:
        import torch
        found = [f"PyTorch {torch.__version__}"]
    except ImportError:
        found = ["PyTorch not installed"]
    if shutil.which("chromium"):
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(["chromium", "--version"], capture_output=True, text=True, timeout=30)
            found.append(" ".join(out.stdout.split()[:2]))
    return " · ".join(found)


# ---------------------------------------------------------------------------
# Formatting: each section is ``(markdown, misses)``; a miss is one plain sentence.


def _table(head, rows):
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return "\n".join(lines + ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |"
                              for row in rows])


def _missed(text):
    return f"{text} **MISS**"


def _ratio(r):
    if r is None:
        return "n/a"
    return "inf" if not np.isfinite(r) else f"{r:.2g}"


def format_accuracy(rows):
    """Section of ``accuracy_table()`` rows ``(label, kind, actlib, naive, torch)``."""
    table, misses = [], []
    for label, kind, ours, naive, torch in rows:
        cell = _ratio(ours)
        if not ours <= ACCURACY_GOAL:
            cell = _missed(cell)
            misses.append(f"accuracy: actlib's {label} {kind} is off by {_ratio(ours)} units "
                          f"of the bound (goal <= {ACCURACY_GOAL:g})")
        table.append((label, kind, cell, _ratio(naive), _ratio(torch)))
    text = ("Worst error over the test grid (tests/oracle.py, 50-digit mpmath reference), in units "
            f"of the accuracy bound: <= {ACCURACY_GOAL:g} meets it; inf is a NaN, an inf or a wrong "
            "0 where the exact value is finite. Naive: the textbook NumPy formula. PyTorch: "
            "float64 with autograd (n/a: not installed, or no gradient). softmax and log_softmax "
            "are not in this table (see tests/test_accuracy.py).\n\n"
            + _table(("function", "", "actlib", "naive", "PyTorch"), table))
    return text, misses


def format_speed(rows, n=10 ** 6, repeat=SPEED_REPEAT):
    """Section of ``speed_table()`` rows ``(label, value ratio, derivative ratio)``."""
    table, misses = [], []
    for label, *ratios in rows:
        cells = []
        for kind, r in zip(("value", "derivative"), ratios):
            cells.append(f"{r:.2f}" if r <= SPEED_GOAL else _missed(f"{r:.2f}"))
            if r > SPEED_GOAL:
                misses.append(f"speed: actlib's {label} {kind} takes {r:.1f} times the naive "
                              f"formula's time (goal <= {SPEED_GOAL:g})")
        table.append((label, *cells))
    text = (f"Time of actlib / time of the naive formula on {n:,} float64 values, best of {repeat} each; "
            f"goal <= {SPEED_GOAL:g}.\n\n" + _table(("function", "value", "derivative"), table))
    return text, misses


def _stats(ms):
    return f"{np.median(ms):.0f}", f"{np.percentile(ms, 95):.0f}", f"{ms.max():.0f}"


def format_server_latency(rows):
    """Section of ``explorer_latency.measure()`` rows ``(version, case, seconds per change)``."""
    table = [(version, case, *_stats(1e3 * seconds)) for version, case, seconds in rows]
    text = ("Server side: from setting the slider's value in Python to the new PNG, without the "
            "browser (benchmarks/explorer_latency.py): a drag of the steepness slider, "
            f"{len(rows[0][2])} changes per row. No goal is set; for comparison only.\n\n"
            + _table(("version", "case", "median ms", "p95 ms", "max ms"), table))
    return text, []


def format_browser_latency(rows, error=None):
    """Section of ``browser_latency.measure()`` rows ``(label, ms per press)``, or why none."""
    if error:
        return f"Not measured: {error}.", [f"browser latency: not measured ({error})"]
    table, misses = [], []
    for label, ms in rows:
        ok = ms[np.isfinite(ms)]
        lost = len(ms) - len(ok)
        if lost:
            misses.append(f"browser latency: {lost} of {len(ms)} key presses on '{label}' "
                          "did not bring a new image within 15 s")
        table.append((label, *(_stats(ok) if len(ok) else ("-",) * 3),
                      _missed(str(lost)) if lost else "0"))
    text = ("End to end in JupyterLab, headless Chromium (benchmarks/browser_latency.py): from the "
            "keydown of ArrowRight on the focused slider handle until the plot shows a new picture "
            "(the recipe: a new `<img>` loaded; actlib: a new frame on its canvas, drawn from the "
            "curves of nearby steps the page holds or, when it holds none, from the kernel's "
            f"answer); {len(rows[0][1])} presses each, after the kernel went idle. actlib's explorer "
            "draws 960 x 360 px (f and f' in two panels) or 640 x 360 px (f only); the recipe "
            "draws one panel at pyplot's default size. No goal is set; every press must update "
            "the plot.\n\n"
            + _table(("version", "median ms", "p95 ms", "max ms", "no update"), table))
    return text, misses


DRAG_BEHIND_GOAL = 1  # updates the page may be behind during a drag on the emulated link
RELEASE_SLACK_MS = 100.0  # release to final picture: within one round trip plus this


def format_drag_latency(rows, browser_rows=(), error=None):
    """Section of ``drag_latency.measure()`` rows ``(link, version, figures)``, or why none.

    Goals for actlib's explorer: on the emulated link, at most one update
    behind during the drag and the final picture within one round trip plus
    100 ms of the release; on localhost (``browser_rows``), a key press at
    most half the recipe's median. The drag goals hold for both drags: the
    first from the slider's default, the second after Home.
    """
    if error:
        return f"Not measured: {error}.", [f"drag latency: not measured ({error})"]
    import drag_latency
    table, misses = [], []
    rtt = drag_latency.RTT_MS
    for link, label, f in rows:
        drag = f["drag"]
        emulated, ours = link != "localhost", label.startswith("actlib")
        behind, release = str(f["behind_max"]), f"{f['release_to_final']:.0f}"
        if emulated and ours and not f["behind_max"] <= DRAG_BEHIND_GOAL:
            behind = _missed(behind)
            misses.append(f"drag latency: actlib's explorer fell {f['behind_max']} updates behind "
                          f"in its {drag} drag on the emulated link (goal <= {DRAG_BEHIND_GOAL})")
        if emulated and ours and not f["release_to_final"] <= rtt + RELEASE_SLACK_MS:
            release = _missed(release)
            misses.append(f"drag latency: the final picture of actlib's {drag} drag came "
                          f"{f['release_to_final']:.0f} ms after the release (goal <= {rtt + RELEASE_SLACK_MS:.0f} ms)")
        table.append((link, label, drag, f"{f['fps']:.1f}", f"{f['lag_median']:.0f}", f"{f['lag_max']:.0f}",
                      behind, f"{f['clipped_ms']:.0f}", release))
    medians = {label: np.median(ms[np.isfinite(ms)]) for label, ms in browser_rows}
    ours, recipe = medians.get("actlib explore, f and f'"), medians.get("interact + plt.show()")
    ratio = ""
    if ours is not None and recipe is not None:
        ratio = (f" On localhost a key press takes {ours:.0f} ms for actlib's f and f' against "
                 f"{recipe:.0f} ms for the recipe (previous section): {ours / recipe:.2f} of it "
                 "(goal <= 0.5).")
        if not ours <= 0.5 * recipe:
            ratio = ratio.replace("(goal", "**MISS** (goal")
            misses.append(f"key press: actlib's f and f' takes {ours / recipe:.2f} of the recipe's "
                          "median (goal <= 0.5)")
    text = ("A student's drag (benchmarks/drag_latency.py): JupyterLab in headless Chromium, the "
            f"mouse drags the steepness slider across in {drag_latency.DRAG_S:g} s "
            f"({drag_latency.STEPS} moves) and releases it; on localhost and through a proxy on "
            f"127.0.0.1 that adds {rtt:.0f} ms of round trip and paces {drag_latency.RATE_MBIT:g} "
            "Mbit/s each way (a Binder-like link; Chromium's own network emulation does not delay "
            "WebSocket frames). Pictures/s: new pictures during the drag. Lag: from a slider "
            "position to its picture. Behind: positions set after the one shown and at least one "
            "round trip before the picture (ones it could have shown). Clipped: how long during "
            "the drag the picture showed curves cut off at the top or bottom of a y-range yet to "
            "grow (actlib draws a step it holds at once and redraws it when the kernel's grown "
            "axes arrive; the recipe fits its axes in each picture). Release: from the release "
            "to the picture of the final value on axes that hold it (0: it was on screen at the "
            "release). Each version is dragged twice in one page: first from the slider's default "
            "(what a student sees the first time: actlib's page holds only the steps around the "
            "default, which the kernel sent when the explorer was shown), then again from the "
            "slider's start after Home (what they see from then on: actlib's page holds the "
            "curves it was sent, and the y-range has grown). Goals for actlib on the emulated "
            f"link, on both drags: behind <= {DRAG_BEHIND_GOAL}, release <= "
            f"{rtt + RELEASE_SLACK_MS:.0f} ms." + ratio + "\n\n"
            + _table(("link", "version", "drag", "pictures/s", "lag median ms", "lag max ms",
                      "behind", "clipped ms", "release ms"), table))
    return text, misses


def format_notebooks(rows, suite=None):
    """Section of ``notebook_times()`` rows and the recorded suite time (or None)."""
    table, misses, total = [], [], 0.0
    failed = any(seconds is None for _, seconds, _ in rows)
    for path, seconds, error in rows:
        budget = budget_for(path.stem)
        name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        if seconds is None:
            cell = _missed(f"failed: {error}")
            misses.append(f"notebooks: {name} failed: {error}")
        else:
            total += seconds
            cell = f"{seconds:.1f}" if seconds <= budget else _missed(f"{seconds:.1f}")
            if seconds > budget:
                misses.append(f"notebooks: {name} ran {seconds:.1f} s (budget {budget:g} s)")
        table.append((name, cell, f"{budget:g}"))
    if not any(Path(path).stem.startswith("07") for path, _, _ in rows):
        table.append(("07 (not written yet)", "-", f"{budget_for('07_head_to_head'):g}"))
    text = ("Each notebook run once in a fresh kernel with nbclient, as tools/build_notebooks.py "
            "runs it (kernel start included; nothing written).\n\n"
            + _table(("notebook", "seconds", "budget s"), table)
            + f"\n\nThe series (sum of the runs above): {total:.1f} s"
            + (" without the failed ones.\n\n" if failed else ".\n\n"))
    if suite is None:
        text += ("Whole test suite (`make test`): not measured here (it takes minutes), and no "
                 f"passing run is recorded in {SUITE_RECORD.relative_to(ROOT)}.")
    else:
        seconds, date = suite
        verdict = "" if seconds <= SUITE_GOAL_S else " **MISS**"
        text += (f"Whole test suite (`make test`), last passing run ({date}): {seconds:.0f} s"
                 f"{verdict} (goal < {SUITE_GOAL_S:g} s).")
        if seconds > SUITE_GOAL_S:
            misses.append(f"test suite: {seconds:.0f} s (goal < {SUITE_GOAL_S:g} s)")
    return text, misses


def format_import(seconds, packages):
    """Section of ``import_time()``."""
    bad = [p for p in packages if p in FORBIDDEN]
    listed = ", ".join(_missed(p) if p in bad else p for p in packages) or "none"
    text = (f"`import actlib` in a fresh interpreter: {1e3 * seconds:.0f} ms (best of 5). "
            f"Third-party packages it loads: {listed}. It must not load {', '.join(FORBIDDEN)}.")
    return text, [f"import actlib loads {p}" for p in bad]


def _latest(path):
    """The JSON results in ``path``, or None if there are none."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def format_kernel_cost(results):
    """Section of ``kernel_cost.py``'s results (None: not measured)."""
    if results is None:
        return ("Not measured: run `make sizing`.",
                [f"kernel cost: no results in {KERNEL_COST.relative_to(ROOT)} (make sizing)"])
    import kernel_cost
    failed = [r for r in results["notebooks"] if kernel_cost.failed(r)]
    misses = [f"kernel cost: {r['notebook']} failed: {r['error']}" for r in failed]
    text = (f"The latest `make sizing` ({results['date']}, load average at most "
            f"{results['load']['max']:.1f}; not rerun by `make bench`): each student notebook in "
            "JupyterLab pinned with its kernel to one core (benchmarks/kernel_cost.py). Run All, "
            "then every explorer's controls moved and the playground trained once, in the same "
            "kernel. Peak MiB is the kernel's high-water RSS, CPU s its user + system time.\n\n"
            + kernel_cost.notebook_table(results))
    if not failed:
        z = kernel_cost.sizing(results, _latest(LOADTEST))
        text += (f"\n\nThe README's sizing from these: memory guarantee "
                 f"{kernel_cost.byte_spec(z['memory_guarantee_mib'])}, limit "
                 f"{kernel_cost.byte_spec(z['memory_limit_mib'])}; CPU guarantee "
                 f"{z['cpu_guarantee']:g}, limit {z['cpu_limit']}.")
    return text, misses


def format_loadtest(results):
    """Section of ``hub_loadtest.py``'s results (None: not run)."""
    if results is None:
        return ("Not run: `make loadtest`.",
                [f"load test: no results in {LOADTEST.relative_to(ROOT)} (make loadtest)"])
    import hub_loadtest
    s = hub_loadtest.summary(results)
    misses = ([f"load test: {s['failures']} of {s['students']} students failed"]
              if s["failures"] else [])
    text = (f"The latest `make loadtest` ({results['date']}, load average "
            f"{results['load']['before']:.1f} before; not rerun by `make bench`): a real JupyterHub "
            f"on 127.0.0.1 (benchmarks/hub_loadtest.py), {s['students']} students who each start a "
            f"server and Run All of the student version of `{results['notebook']}` at the same "
            "moment. Times count from that moment; first output is the first output of any cell.\n\n"
            + hub_loadtest.markdown(results))
    return text, misses


def load_note(before, after, cpus):
    """A sentence on the load average, saying when it makes the timings unreliable."""
    note = f"Load average (1 min) {before:.1f} before and {after:.1f} after, on {cpus} CPUs."
    if max(before, after) > cpus:
        note += (" The machine was busy with other work: timings are noisy, and a timing marked "
                 "MISS may be noise; rerun on a quiet machine before acting on it.")
    return note


def render(header, sections):
    """The whole report: header, goals, then each ``(title, (markdown, misses))``."""
    misses = [m for _, (_, ms) in sections for m in ms]
    goals = "\n".join(f"- MISS: {m}" for m in misses) if misses else "- Every goal is met."
    body = "\n\n".join(f"## {title}\n\n{text}" for title, (text, _) in sections)
    return f"{header}\n\n## Goals\n\n{goals}\n\n{body}\n"


# ---------------------------------------------------------------------------
# Command line.


def _step(what):
    print(f"bench: {what}...", file=sys.stderr, flush=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-browser", action="store_true",
                        help="leave out the end-to-end browser latency")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"report file (default {DEFAULT_OUT})")
    args = parser.parse_args(argv)
    load_before = os.getloadavg()[0]
    start = time.monotonic()
    sections = []

    _step("import time")
    sections.append(("Import time", format_import(*import_time())))

    import accuracy  # the accuracy grid, the naive formulas and PyTorch load here
    _step("accuracy")
    sections.append(("Accuracy", format_accuracy(quietly(accuracy.accuracy_table))))
    _step("speed")
    sections.append(("Speed", format_speed(quietly(accuracy.speed_table, 10 ** 6, SPEED_REPEAT))))

    import explorer_latency  # switches matplotlib to the inline backend: after the tables
    _step("explorer latency, server side")
    sections.append(("Explorer latency: server", format_server_latency(explorer_latency.measure())))

    if args.no_browser:
        browser = format_browser_latency([], "left out (--no-browser)")
    else:
        _step("explorer latency in the browser")
        import browser_latency
        try:
            browser_rows = browser_latency.measure()
            browser = format_browser_latency(browser_rows)
        except RuntimeError as exc:
            browser_rows = []
            browser = format_browser_latency([], str(exc).splitlines()[0])
    sections.append(("Explorer latency: browser, end to end", browser))

    if args.no_browser:
        drag = format_drag_latency([], error="left out (--no-browser)")
    else:
        _step("a drag on localhost and on an emulated remote link")
        import drag_latency
        try:
            drag = format_drag_latency(drag_latency.measure(ROOT / "benchmarks" / "drag_midway.png"),
                                       browser_rows)
        except RuntimeError as exc:
            drag = format_drag_latency([], error=str(exc).splitlines()[0])
    sections.append(("Explorer latency: a drag on a remote link", drag))

    _step("notebook run times")
    sections.append(("Notebook run times", format_notebooks(notebook_times(notebooks()), suite_time())))
    sections.append(("One student's kernel, on one core", format_kernel_cost(_latest(KERNEL_COST))))
    sections.append(("A class on one JupyterHub", format_loadtest(_latest(LOADTEST))))

    minutes = (time.monotonic() - start) / 60
    header = (f"# actlib benchmark report\n\n{machine()}\n\n{_versions()}\n\n"
              + load_note(load_before, os.getloadavg()[0], len(os.sched_getaffinity(0)))
              + f" This report took {minutes:.1f} min.")
    report = render(header, sections)
    args.out.write_text(report)
    print(report)
    print(f"(written to {args.out})", file=sys.stderr)


if __name__ == "__main__":
    main()
