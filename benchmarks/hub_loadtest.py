"""A class on one JupyterHub: ten students start a server and Run All at the same moment.

``make loadtest`` runs it. A real JupyterHub (pinned in requirements-hub.txt),
its configurable-http-proxy (pinned in tools/hub/package-lock.json), the
single-user servers of SimpleLocalProcessSpawner and the dummy authenticator
(``tools/hub/jupyterhub_config.py``), all on 127.0.0.1 at free ports. Each
student's home holds a copy of the student notebooks, as nbgitpuller would
put them there.

1. The load test, a hub service, creates the students and a token for each.
2. At one moment (a barrier) every student, with its own token, asks the hub
   for its server (``POST /hub/api/users/NAME/server``) and waits until it is
   ready, opens the notebook through the proxy (``POST /user/NAME/api/sessions``)
   and runs all its cells over the kernel's websocket, as JupyterLab's
   *Run All* does (``remote_run.py``).
3. Recorded per student: when the server was ready, the time to first output
   (the first output of any cell) and the total time, both from the barrier,
   and any failure (an error, a dead kernel, the deadline). Every half second
   the resident memory of the hub, the proxy, the servers and the kernels is
   sampled (psutil), and at the end the peaks of the hub and the proxy are read
   from ``/proc`` (``VmHWM``).

Everything is bounded: the students have ``--timeout`` seconds (240 by
default), then whatever is unfinished counts as failed. The hub, the proxy,
every server and kernel are stopped at the end, whatever happened: the hub is
asked to stop (it stops the servers and the proxy), and any process it leaves
is killed by its PID. Results go to ``benchmarks/hub_loadtest.json`` and, as
Markdown, to stdout; :func:`readme_markdown` is the README's summary.

Usage::

    python benchmarks/hub_loadtest.py [--students 10] [--notebook 03_relu_family.ipynb]
    python benchmarks/hub_loadtest.py --readme   # the README's summary from the JSON
"""

import argparse
import asyncio
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "benchmarks")]
import remote_run  # noqa: E402
from headless import free_port  # noqa: E402

HUB_DIR = ROOT / "tools" / "hub"
CONFIG = HUB_DIR / "jupyterhub_config.py"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
RESULTS = ROOT / "benchmarks" / "hub_loadtest.json"
NOTEBOOK = "03_relu_family.ipynb"  # Run All takes 4.5 CPU s: more than most (kernel_cost.json)
HUB_START_S = 60
STOP_S = 30  # for the hub to stop its servers and proxy, before the rest is killed
SAMPLE_S = 0.5
KINDS = {"proxy": "configurable-http-proxy", "server": "jupyterhub-singleuser",
         "kernel": "ipykernel_launcher"}


def hub_environment(run_dir, token, ports):
    """The environment the hub runs in: ``LOADTEST_*`` for ``jupyterhub_config.py``.

    ``ports`` maps ``public``, ``hub`` and ``proxy_api`` to port numbers.
    """
    return {**os.environ,
            "LOADTEST_DIR": str(run_dir), "LOADTEST_TOKEN": token, "LOADTEST_PROXY": str(PROXY),
            "LOADTEST_PORT": str(ports["public"]), "LOADTEST_HUB_PORT": str(ports["hub"]),
            "LOADTEST_PROXY_API_PORT": str(ports["proxy_api"])}


class Watch:
    """The hub's process tree: the peak RSS of each kind, sampled, and every process seen."""

    def __init__(self, hub_pid):
        self.hub = psutil.Process(hub_pid)
        self.seen = {}  # pid -> Process: everything to stop at the end
        self.peaks = {"hub": 0.0, "proxy": 0.0, "server": 0.0, "kernel": 0.0, "total": 0.0}

    def kind(self, process):
        try:
            line = " ".join(process.cmdline())
        except psutil.Error:
            return None
        return next((kind for kind, word in KINDS.items() if word in line), None)

    def sample(self):
        """Note the RSS of every process of the tree now, in MiB."""
        total = 0.0
        for process in [self.hub] + self.hub.children(recursive=True):
            try:
                rss = process.memory_info().rss / 2 ** 20
            except psutil.Error:
                continue
            self.seen.setdefault(process.pid, process)
            kind = "hub" if process.pid == self.hub.pid else self.kind(process)
            if kind:
                self.peaks[kind] = max(self.peaks[kind], rss)
            total += rss
        self.peaks["total"] = max(self.peaks["total"], total)

    async def run(self):
        while True:
            with_errors_ignored(self.sample)
            await asyncio.sleep(SAMPLE_S)


def with_errors_ignored(function):
    try:
        function()
    except psutil.Error:
        pass  # a process ended while it was read


def high_water(process):
    """VmHWM of a live process in MiB (None once it is gone)."""
    try:
        with open(f"/proc/{process.pid}/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration):
        return None


async def wait_for_hub(url, hub, log, timeout=HUB_START_S):
    """Wait until the hub's API answers; raise RuntimeError (with its log) if it does not."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if hub.poll() is not None:
            break
        try:
            await remote_run.request(f"{url}/hub/api/", "", timeout=2)
            return
        except Exception:  # not listening yet
            await asyncio.sleep(0.2)
    raise RuntimeError(f"JupyterHub did not start:\n{log.read_text()[-3000:]}")


async def student(url, name, token, notebook, start, t0, deadline):
    """One student: ask for the server, wait for it, open ``notebook``, Run All."""
    row = {"student": name, "server_ready_s": None, "first_output_s": None, "total_s": None,
           "cells": 0, "error": None}
    await start.wait()
    try:
        await remote_run.request(f"{url}/hub/api/users/{name}/server", token, "POST", {})
        while True:
            user = await remote_run.request(f"{url}/hub/api/users/{name}", token)
            server = user["servers"].get("")
            if server and server["ready"]:
                break
            if not server:
                raise RuntimeError("the server failed to start (see the hub's log)")
            if time.monotonic() > deadline:
                raise asyncio.TimeoutError("the server was not ready by the deadline")
            await asyncio.sleep(0.25)
        row["server_ready_s"] = time.monotonic() - t0
        base = f"{url}/user/{name}"
        _, kernel = await remote_run.open_session(base, token, notebook.name)
        sources = remote_run.code_cells(json.loads(notebook.read_text()))
        run = await remote_run.run_all(base, token, kernel, sources, deadline, t0)
        row.update(first_output_s=run.first_output, total_s=run.done, cells=run.cells,
                   error=run.error)
    except Exception as exc:  # every failure is a result, not a crash of the test
        row["error"] = f"{type(exc).__name__}: {exc}"[:300]
    return row


async def drive(url, token, students, notebook, timeout, watch):
    """Create the students, release them at once, wait (at most ``timeout`` s); return rows."""
    names = [f"student{i:02d}" for i in range(1, students + 1)]
    await remote_run.request(f"{url}/hub/api/users", token, "POST", {"usernames": names})
    tokens = {}
    for name in names:
        reply = await remote_run.request(f"{url}/hub/api/users/{name}/tokens", token, "POST",
                                         {"note": "load test", "expires_in": 3600})
        tokens[name] = reply["token"]
    start = asyncio.Event()
    t0 = time.monotonic()
    deadline = t0 + timeout
    tasks = [asyncio.create_task(student(url, n, tokens[n], notebook, start, t0, deadline))
             for n in names]
    sampler = asyncio.create_task(watch.run())
    start.set()  # the barrier: every student starts in this same tick of the event loop
    try:
        done, pending = await asyncio.wait(tasks, timeout=timeout + 10)
    finally:
        sampler.cancel()
    rows = []
    for name, task in zip(names, tasks):
        if task in done:
            rows.append(task.result())
        else:
            task.cancel()
            rows.append({"student": name, "server_ready_s": None, "first_output_s": None,
                         "total_s": None, "cells": 0, "error": "not finished by the deadline"})
    return rows, time.monotonic() - t0


def stop_everything(hub, watch):
    """Ask the hub to stop (it stops servers and proxy); then kill what is left, by PID."""
    if watch is not None:
        with_errors_ignored(watch.sample)  # the latest processes, so none escapes
    if hub.poll() is None:
        hub.send_signal(signal.SIGTERM)
        try:
            hub.wait(timeout=STOP_S)
        except subprocess.TimeoutExpired:
            hub.kill()
            hub.wait()
    for process in (watch.seen.values() if watch else ()):
        try:
            process.kill()  # psutil checks that the PID is still this process
        except psutil.Error:
            pass  # already gone, as it should be


def loadtest(students, notebook, timeout):
    """Run the load test with ``notebook`` (a path); return the results dict."""
    if not PROXY.exists():
        raise SystemExit(f"{PROXY} is missing: run `make loadtest` (or npm ci in {HUB_DIR})")
    load_before = os.getloadavg()[0]
    run_dir = Path(tempfile.mkdtemp(prefix="actlib-hub-"))
    hub = watch = None
    try:
        for i in range(1, students + 1):
            home = run_dir / "home" / f"student{i:02d}"
            home.mkdir(parents=True)
            for path in (ROOT / "notebooks").glob("*.ipynb"):  # student versions only
                shutil.copy(path, home)
        ports = {"public": free_port(), "hub": free_port(), "proxy_api": free_port()}
        token = secrets.token_hex(32)
        url = f"http://127.0.0.1:{ports['public']}"
        log = run_dir / "jupyterhub.log"
        with open(log, "w") as out:
            hub = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)],
                                   cwd=run_dir, env=hub_environment(run_dir, token, ports),
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        started = time.monotonic()
        asyncio.run(wait_for_hub(url, hub, log))
        hub_start_s = time.monotonic() - started
        watch = Watch(hub.pid)
        with_errors_ignored(watch.sample)
        rows, wall = asyncio.run(drive(url, token, students, notebook, timeout, watch))
        with_errors_ignored(watch.sample)
        proxy = next((p for p in watch.seen.values() if watch.kind(p) == "proxy"), None)
        peaks = dict(watch.peaks, hub_hwm=high_water(watch.hub),
                     proxy_hwm=high_water(proxy) if proxy else None)
        cpu = {kind: _cpu(process) for kind, process in (("hub", watch.hub), ("proxy", proxy))
               if process is not None}
        failed = [r for r in rows if r["error"]]
        if failed:  # the hub's own account of what went wrong
            print(log.read_text()[-3000:], file=sys.stderr)
    finally:
        if hub is not None:
            stop_everything(hub, watch)
        shutil.rmtree(run_dir, ignore_errors=True)
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"nproc {os.cpu_count()}, {psutil.virtual_memory().total / 2 ** 30:.0f} GiB, "
                   f"Python {platform.python_version()}, {platform.platform(terse=True)}",
        "versions": _versions(),
        "load": {"before": load_before, "after": os.getloadavg()[0]},
        "students": students, "notebook": notebook.name, "timeout_s": timeout,
        "hub_start_s": hub_start_s, "wall_s": wall, "rss_mib": peaks, "cpu_s": cpu,
        "rows": rows,
    }


def _cpu(process):
    try:
        times = process.cpu_times()
        return times.user + times.system
    except psutil.Error:
        return None


def _versions():
    import jupyterhub
    proxy = json.loads((HUB_DIR / "package-lock.json").read_text())
    return {"jupyterhub": jupyterhub.__version__, "configurable-http-proxy":
            proxy["packages"]["node_modules/configurable-http-proxy"]["version"],
            "node": subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()}


# ---------------------------------------------------------------------------
# Reporting.


def summary(results):
    """Median and maximum of the server, first-output and total times; failures."""
    rows = results["rows"]
    ok = [r for r in rows if not r["error"]]

    def stats(key):
        values = [r[key] for r in ok if r[key] is not None]
        return (statistics.median(values), max(values)) if values else (None, None)

    return {"students": len(rows), "failures": len(rows) - len(ok),
            "server_ready": stats("server_ready_s"), "first_output": stats("first_output_s"),
            "total": stats("total_s")}


def _s(value):
    return "-" if value is None else f"{value:.1f}"


def markdown(results):
    """Per-student table and the memory of the hub's processes (for the benchmark report)."""
    lines = ["| student | server ready s | first output s | total s | cells run | failure |",
             "|---|---|---|---|---|---|"]
    for r in results["rows"]:
        lines.append(f"| {r['student']} | {_s(r['server_ready_s'])} | {_s(r['first_output_s'])} "
                     f"| {_s(r['total_s'])} | {r['cells']} | {r['error'] or ''} |")
    rss = results["rss_mib"]
    lines.append(
        f"\nPeak RSS (MiB): hub {rss['hub_hwm'] or rss['hub']:.0f}, proxy "
        f"{rss['proxy_hwm'] or rss['proxy']:.0f}, largest single-user server {rss['server']:.0f}, "
        f"largest kernel {rss['kernel']:.0f}, everything together {rss['total']:.0f}. CPU s: "
        + ", ".join(f"{k} {v:.1f}" for k, v in results["cpu_s"].items() if v is not None)
        + f". The hub started in {results['hub_start_s']:.1f} s.")
    return "\n".join(lines)


def readme_markdown(results):
    """The README's summary of the load test."""
    s, rss, v = summary(results), results["rss_mib"], results["versions"]
    return f"""\
`make loadtest` ({results['date']}; {', '.join(results['machine'].split(', ')[:2])}; load average
{results['load']['before']:.1f} before it started): JupyterHub {v['jupyterhub']} and configurable-http-proxy
{v['configurable-http-proxy']} on 127.0.0.1; {s['students']} students each start a server and *Run All* of
`{results['notebook']}` at the same moment.

| from the moment all pressed start | median | max |
|---|---|---|
| server ready, s | {_s(s['server_ready'][0])} | {_s(s['server_ready'][1])} |
| first output, s | {_s(s['first_output'][0])} | {_s(s['first_output'][1])} |
| Run All done, s | {_s(s['total'][0])} | {_s(s['total'][1])} |

Failures: {s['failures']} of {s['students']}. Peak memory (RSS): hub {rss['hub_hwm'] or rss['hub']:.0f} MiB, proxy
{rss['proxy_hwm'] or rss['proxy']:.0f} MiB, largest single-user server {rss['server']:.0f} MiB, largest kernel
{rss['kernel']:.0f} MiB; all of it together {rss['total'] / 1024:.1f} GiB. Per student:
[benchmarks/REPORT.md](benchmarks/REPORT.md).
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--notebook", default=NOTEBOOK, help=f"a student notebook (default {NOTEBOOK})")
    parser.add_argument("--timeout", type=float, default=240,
                        help="seconds the students have, from the barrier (default 240)")
    parser.add_argument("--out", type=Path, default=RESULTS, help=f"results (default {RESULTS})")
    parser.add_argument("--readme", action="store_true",
                        help="print the README's summary from the results file; run nothing")
    args = parser.parse_args(argv)
    if args.readme:
        print(readme_markdown(json.loads(args.out.read_text())), end="")
        return
    notebook = ROOT / "notebooks" / Path(args.notebook).name  # a student version
    results = loadtest(args.students, notebook, args.timeout)
    args.out.write_text(json.dumps(results, indent=1) + "\n")
    print(markdown(results) + "\n\n" + readme_markdown(results))
    print(f"(written to {args.out})", file=sys.stderr)
    if summary(results)["failures"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
