"""What one student costs a JupyterHub: each notebook's kernel, and the server, on one core.

For every student notebook (``notebooks/*.ipynb``, the explorer app
included), in one JupyterLab pinned to one CPU (``tools/headless.py``; the
kernels inherit the affinity), one after the other, as a student works
through the series:

1. open the notebook (a new kernel) and *Run All* over the server's websocket
   (``remote_run.py``), as JupyterLab does;
2. in the same kernel, move every explorer: each slider through five values
   from its minimum to its maximum and back, each choice through its options,
   each toggle on and off; each playground then trains once, as its Train
   button does (:func:`move_explorers`);
3. close the notebook (its kernel shuts down).

Measured from outside, by ``/proc``: the kernel's peak resident memory
(``VmHWM``, the high-water mark of its RSS) and CPU seconds (user + system,
every thread) after step 1 and after step 2; wall time from opening the
notebook. After the last notebook, the server's own peak RSS and CPU seconds.
Student versions are run: their exercises are stubs that return None, which
is what a student runs first.

From these, :func:`sizing` computes what a JupyterHub should give each
student (the rule is in its docstring) and :func:`sizing_markdown` the README's
table and chart values; ``tests/test_hub_config.py`` checks that the README
shows what the committed measurement gives.

Usage::

    python benchmarks/kernel_cost.py            # measure, write benchmarks/kernel_cost.json
    python benchmarks/kernel_cost.py --readme   # print the README block from the JSON
"""

import argparse
import asyncio
import datetime
import inspect
import json
import math
import os
import platform
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "benchmarks")]
import remote_run  # noqa: E402
from headless import jupyter_lab  # noqa: E402

RESULTS = ROOT / "benchmarks" / "kernel_cost.json"
LOADTEST = ROOT / "benchmarks" / "hub_loadtest.json"  # its single-user server's RSS, if run
NOTEBOOK_DEADLINE_S = 600  # per notebook, both steps: a hung kernel must not hang the run
POSITIONS = 5  # values per slider, from its minimum to its maximum

# The sizing rule's constants (see sizing()).
MEMORY_MARGIN = 1.5
MEMORY_STEP_MIB = 128
CPU_STEP = 0.05
CLASS_WAIT_S = 60
SYSTEM_RESERVE = {"cores": 0.5, "mib": 1024}
NODES = [(2, 8), (4, 16), (8, 32), (16, 64)]  # (cores, GiB)


async def move_explorers(positions=5):
    """Move every control of every live actlib widget, as a student would; print a summary.

    Runs inside the kernel: :func:`measure` sends this function's source.
    Each slider goes through ``positions`` values from its minimum to its
    maximum (on its step) and back to where it was; a choice goes through up
    to ``positions`` of its options and back; a toggle is switched and
    switched back. Each change redraws, as in the browser. Explorers and
    figures are moved first, then playgrounds, which also train once (as their
    Train button does), then the app's activation buttons (they rebuild the
    explorer they hold).
    """
    import gc
    import json

    import ipywidgets
    import numpy as np

    def controls(widget):
        for name in ("sliders", "controls", "buttons"):
            if isinstance(getattr(widget, name, None), dict):
                return name, getattr(widget, name)
        return None, {}

    def values(control):
        if hasattr(control, "options") and hasattr(control, "index"):
            n = len(control.options)
            picks = np.linspace(0, n - 1, min(n, positions)).round().astype(int)
            return "index", [int(i) for i in dict.fromkeys(picks)]
        if hasattr(control, "min") and hasattr(control, "max"):
            steps = np.round((np.linspace(control.min, control.max, positions) - control.min)
                             / control.step)
            cast = int if isinstance(control.value, int) else float
            return "value", [cast(min(control.max, control.min + k * control.step)) for k in steps]
        return "value", [not control.value]

    order = {"sliders": 0, "controls": 1, "buttons": 2}
    found = [w for w in gc.get_objects() if isinstance(w, ipywidgets.Widget)
             and type(w).__module__.startswith("actlib.") and controls(w)[0]]
    found.sort(key=lambda w: order[controls(w)[0]])
    changes = epochs = moved = 0
    for widget in found:
        if widget.comm is None:  # closed, e.g. an explorer the app replaced
            continue
        moved += 1
        for control in list(controls(widget)[1].values()):
            attribute, targets = values(control)
            start = getattr(control, attribute)
            for target in targets + [start]:
                if getattr(control, attribute) != target:
                    setattr(control, attribute, target)
                    changes += 1
        if hasattr(widget, "train"):
            before = widget.epoch
            task = widget.train()
            if task is not None:
                await task
            epochs += int(widget.epoch - before)
    print(json.dumps({"widgets": moved, "changes": changes, "epochs": epochs}))


def student_notebooks():
    """The notebooks a student opens: every student version and the app."""
    return sorted((ROOT / "notebooks").glob("*.ipynb"))


def _kernel_process(server_pid, kernel_id, timeout=60):
    """The kernel's process: the server's child whose connection file names ``kernel_id``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for child in psutil.Process(server_pid).children(recursive=True):
            try:
                if any(f"kernel-{kernel_id}" in part for part in child.cmdline()):
                    return child
            except psutil.Error:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"no process for kernel {kernel_id}")


def usage(process, children=True):
    """``(peak RSS MiB, CPU seconds)`` of a live process.

    The peak is ``VmHWM``; the CPU time is user + system of all its threads,
    and with ``children`` of its exited child processes too (a kernel's
    helpers; not for the server, whose exited children are the kernels).
    """
    with open(f"/proc/{process.pid}/status") as status:
        kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    cpu = process.cpu_times()
    return kib / 1024, cpu.user + cpu.system + children * (cpu.children_user + cpu.children_system)


async def _measure_one(lab, path, move):
    """One notebook: Run All, then ``move``; a dict of the figures (and ``error``)."""
    row = {"notebook": path.name}
    t0 = time.monotonic()
    deadline = t0 + NOTEBOOK_DEADLINE_S
    session, kernel = await remote_run.open_session(lab.url, lab.token, path.name)
    try:
        process = await asyncio.to_thread(_kernel_process, lab.pid, kernel)
        row["cpus"] = sorted(process.cpu_affinity())
        sources = remote_run.code_cells(json.loads(path.read_text()))
        run = await remote_run.run_all(lab.url, lab.token, kernel, sources, deadline, t0)
        row.update(run_all_s=run.done, cells=run.cells, error=run.error)
        row["run_all_peak_mib"], row["run_all_cpu_s"] = usage(process)
        if run.error is None:
            t1 = time.monotonic()
            run = await remote_run.run_all(lab.url, lab.token, kernel, [move], deadline, t1)
            row.update(moved_s=run.done, error=run.error,
                       moved=json.loads(run.stdout.strip().splitlines()[-1]) if run.stdout else None)
            row["peak_mib"], row["cpu_s"] = usage(process)
    finally:
        await remote_run.close_session(lab.url, lab.token, session)
    return row


def measure(paths, cpu):
    """Run each notebook in ``paths`` in one JupyterLab pinned to ``cpu``; return the results dict."""
    move = inspect.getsource(move_explorers) + f"\nawait move_explorers({POSITIONS})\n"
    load = [os.getloadavg()[0]]
    rows = []
    with jupyter_lab(ROOT / "notebooks", cpus={cpu}) as lab:
        server = psutil.Process(lab.pid)
        for path in paths:
            print(f"kernel_cost: {path.name}...", file=sys.stderr, flush=True)
            rows.append(asyncio.run(_measure_one(lab, path, move)))
            load.append(os.getloadavg()[0])
        server_peak, server_cpu = usage(server, children=False)
        # The kernels are gone: what the server holds now is its own.
        server_rss = server.memory_info().rss / 2 ** 20
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"nproc {os.cpu_count()}, "
                   f"{psutil.virtual_memory().total / 2 ** 30:.0f} GiB, Python "
                   f"{platform.python_version()}, {platform.platform(terse=True)}",
        "cpu": cpu,
        "load": {"max": max(load), "each": load},
        "server": {"peak_mib": server_peak, "rss_after_mib": server_rss, "cpu_s": server_cpu},
        "notebooks": rows,
    }


# ---------------------------------------------------------------------------
# Sizing: from the measurement to what each student gets.


def failed(row):
    """Whether a notebook's measurement failed (a cell raised, a kernel died, the deadline)."""
    return bool(row.get("error")) or row.get("peak_mib") is None


def _round_up(value, step):
    return step * math.ceil(round(value / step, 9))


def byte_spec(mib):
    """``mib`` as JupyterHub writes memory: ``1G`` when whole GiB, else ``640M`` (powers of 1024)."""
    return f"{mib // 1024}G" if mib % 1024 == 0 else f"{mib}M"


def sizing(results, loadtest=None):
    """What a JupyterHub should give each student, from :func:`measure`'s results.

    The rule, with K the heaviest kernel's peak RSS (Run All and explorers
    moved), T the most CPU seconds of a Run All, and S the server's peak RSS:
    the larger of this JupyterLab's and, given ``loadtest`` (the results of
    ``hub_loadtest.py``), the largest single-user server there (it also loads
    JupyterHub's extension):

    - memory guarantee = ``MEMORY_MARGIN`` x (S + K), rounded up to
      ``MEMORY_STEP_MIB``: the heaviest notebook open, with a margin for what
      was not measured (a student's own experiments, larger outputs, the
      image's other server extensions);
    - memory limit = ``MEMORY_MARGIN`` x (S + 2 K), rounded up likewise: room
      for a second kernel, since the previous notebook is often left open;
    - CPU guarantee = T / ``CLASS_WAIT_S``, rounded up to ``CPU_STEP``: when the
      whole class presses Run All on the heaviest notebook at the same moment,
      each student's share of the node finishes it within a minute;
    - CPU limit = 1: a kernel computes on one core (actlib trains on one BLAS
      thread), and no student can take a whole node.

    Students per node: the smaller of (node memory - reserve) / guarantee and
    (node cores - reserve) / CPU guarantee, with ``SYSTEM_RESERVE`` kept for
    the system (kubelet and daemon sets; on TLJH the hub and its proxy).

    Returns
    -------
    dict
        ``server_mib``, ``kernel_mib``, ``kernel_notebook``, ``cpu_s``,
        ``cpu_notebook``, ``memory_guarantee_mib``, ``memory_limit_mib``,
        ``cpu_guarantee``, ``cpu_limit`` and ``nodes``: rows ``(cores, GiB,
        by memory, by CPU, students)``.
    """
    rows = results["notebooks"]
    if any(failed(r) for r in rows):
        raise ValueError("a notebook failed in this measurement: no sizing from it")
    server = max(results["server"]["peak_mib"], loadtest["rss_mib"]["server"] if loadtest else 0)
    heaviest = max(rows, key=lambda r: r["peak_mib"])
    busiest = max(rows, key=lambda r: r["run_all_cpu_s"])
    kernel, cpu_s = heaviest["peak_mib"], busiest["run_all_cpu_s"]
    guarantee = _round_up(MEMORY_MARGIN * (server + kernel), MEMORY_STEP_MIB)
    limit = _round_up(MEMORY_MARGIN * (server + 2 * kernel), MEMORY_STEP_MIB)
    cpu = round(_round_up(cpu_s / CLASS_WAIT_S, CPU_STEP), 2)
    nodes = []
    for cores, gib in NODES:
        by_memory = int((1024 * gib - SYSTEM_RESERVE["mib"]) // guarantee)
        by_cpu = int(round((cores - SYSTEM_RESERVE["cores"]) / cpu, 9))
        nodes.append((cores, gib, by_memory, by_cpu, min(by_memory, by_cpu)))
    return {"server_mib": server, "kernel_mib": kernel, "kernel_notebook": heaviest["notebook"],
            "cpu_s": cpu_s, "cpu_notebook": busiest["notebook"],
            "memory_guarantee_mib": int(guarantee), "memory_limit_mib": int(limit),
            "cpu_guarantee": cpu, "cpu_limit": 1, "nodes": nodes}


def notebook_table(results):
    """Markdown table of each notebook's figures (for the benchmark report)."""
    lines = ["| notebook | Run All: wall s | CPU s | peak MiB | explorers moved: changes | wall s "
             "| CPU s (total) | peak MiB |", "|---|---|---|---|---|---|---|---|"]
    for r in results["notebooks"]:
        if failed(r):
            lines.append(f"| {r['notebook']} | failed: {r['error']} | | | | | | |")
            continue
        moved = r["moved"] or {}
        what = str(moved.get("changes", 0))
        if moved.get("epochs"):
            what += f" + {moved['epochs']} epochs"
        lines.append(f"| {r['notebook']} | {r['run_all_s']:.1f} | {r['run_all_cpu_s']:.1f} "
                     f"| {r['run_all_peak_mib']:.0f} | {what} | {r['moved_s']:.1f} | {r['cpu_s']:.1f} "
                     f"| {r['peak_mib']:.0f} |")
    server = results["server"]
    lines.append(f"\nThe JupyterLab server, after all of them: peak RSS {server['peak_mib']:.0f} MiB, "
                 f"{server['cpu_s']:.1f} CPU s of its own.")
    return "\n".join(lines)


def sizing_markdown(results, loadtest=None):
    """The README's sizing: how it was measured, the rule, students per node, the chart's values."""
    z = sizing(results, loadtest)
    g, l = byte_spec(z["memory_guarantee_mib"]), byte_spec(z["memory_limit_mib"])
    m = f"{MEMORY_MARGIN:g}"
    rows = "\n".join(f"| {c} cores, {gib} GiB | {by_memory} | {by_cpu} | **{n}** |"
                     for c, gib, by_memory, by_cpu, n in z["nodes"])
    where = ("the load test's single-user server" if z["server_mib"] > results["server"]["peak_mib"]
             else "JupyterLab")
    return f"""\
Measured with `make sizing` ({results['date']}; {', '.join(results['machine'].split(', ')[:2])}; load
average at most {results['load']['max']:.1f}, its own 1 included): each student notebook opened in
JupyterLab pinned with its kernel to one core, *Run All*, then every slider of every explorer
moved and the playground trained once. The heaviest kernel is {z['kernel_notebook']}'s,
{z['kernel_mib']:.0f} MiB at its peak (RSS); the longest Run All is {z['cpu_notebook']}'s,
{z['cpu_s']:.1f} CPU seconds; the server peaks at {z['server_mib']:.0f} MiB ({where}). Each
notebook's figures are in [benchmarks/REPORT.md](benchmarks/REPORT.md). Per student (the rule is
`sizing()` in `benchmarks/kernel_cost.py`):

- memory guarantee {g}: {m} x (server + heaviest kernel), rounded up to {MEMORY_STEP_MIB} MiB;
- memory limit {l}: {m} x (server + two heaviest kernels, as the last notebook is often left
  running), rounded up; a kernel that goes past it is killed and restarts;
- CPU guarantee {z['cpu_guarantee']:g}: when the whole class presses Run All on the heaviest
  notebook at once, each student's share finishes it within {CLASS_WAIT_S} s;
- CPU limit {z['cpu_limit']}: a kernel computes on one core, and no student can take a node.

| node | students by memory | by CPU | students per node |
|---|---|---|---|
{rows}

Each node keeps {SYSTEM_RESERVE['cores']:g} core and {SYSTEM_RESERVE['mib'] // 1024} GiB for the system (on TLJH, for the hub
and its proxy too). For Zero to JupyterHub, in the chart's `config.yaml` (JupyterHub reads M and G
as MiB and GiB):

```yaml
singleuser:
  memory:
    guarantee: {g}
    limit: {l}
  cpu:
    guarantee: {z['cpu_guarantee']:g}
    limit: {z['cpu_limit']}
```

The Littlest JupyterHub sets limits only, no guarantees (size its machine by the table):

```bash
sudo tljh-config set limits.memory {l}
sudo tljh-config set limits.cpu {z['cpu_limit']}
sudo tljh-config reload
```
"""

def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every student notebook")
    parser.add_argument("--cpu", type=int, default=max(os.sched_getaffinity(0)),
                        help="the CPU to pin the server and kernels to (default: the last)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"results (default {RESULTS})")
    parser.add_argument("--readme", action="store_true",
                        help="print the README's sizing from the results file; measure nothing")
    args = parser.parse_args(argv)
    loadtest = json.loads(LOADTEST.read_text()) if LOADTEST.exists() else None
    if args.readme:
        print(sizing_markdown(json.loads(args.out.read_text()), loadtest), end="")
        return
    results = measure([p.resolve() for p in args.notebooks] or student_notebooks(), args.cpu)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(notebook_table(results) + "\n\n" + sizing_markdown(results, loadtest))
    print(f"(written to {args.out}; the README's sizing is the part after the table)", file=sys.stderr)


if __name__ == "__main__":
    main()
