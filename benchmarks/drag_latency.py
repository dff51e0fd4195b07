"""A student's drag on a remote server: actlib's explorer against the usual recipe.

The notebook of ``browser_latency.py`` (``explore("sigmoid")`` with f and f',
and ``@interact`` + ``plt.show()``) runs in JupyterLab in headless Chromium,
twice: on localhost, and through an emulated link of RTT ms round trip and
RATE_MBIT Mbit/s each way, like a student on Binder or a hub. For each
version the mouse drags the slider handle across the slider in 2 s (small
steps, ``continuous_update`` on, as a student's drag) and releases it; then
the slider goes back to its start (Home) and the same drag is made again.
Both are measured: the first drag is what a student sees the first time
(the kernel's and the page's caches empty, the y-range at its first fit),
the second what they see from then on (actlib's page then holds the curves
of the steps it has been sent, and the y-range has grown).

Measured in the page (``performance.now()``): each slider position the
readout shows and when; each picture the plot shows and when, and which
value it shows (actlib's canvas says so in ``data-values``; the recipe's
``<img>`` is matched in order with the slider updates the page sent, one
picture per update). Reported: pictures per second during the drag, the lag
from each position to its picture, how many updates the page was behind
(positions set between the shown one and one round trip before the picture:
ones it could have shown), how long the drag showed curves clipped by a
y-range yet to grow (actlib's canvas says so in ``data-clipped``), and the
time from the release to the picture of the final value on axes that hold
it (0 when it was on screen before the release: actlib's page draws the
steps it holds as the slider reaches them).

Why a proxy: Chromium's network emulation (DevTools ``Network.emulate
NetworkConditions``) does not delay WebSocket frames (measured: a slider step
took 44 ms with and without 100 ms latency), and widgets talk over a
WebSocket. So the link is a small asyncio TCP proxy on 127.0.0.1 between
the browser and JupyterLab that delays every chunk by RTT / 2 and paces it
at RATE_MBIT in each direction.

Run with ``python benchmarks/drag_latency.py [--screenshot PATH]`` (about a minute).
"""

import argparse
import asyncio
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import numpy as np

import browser_latency
from lab import chromium, jupyter_lab, running_notebook
from headless import free_port

RTT_MS = 100.0
RATE_MBIT = 10.0
DRAG_S = 2.0
STEPS = 120  # mouse moves over the drag: one every ~17 ms, a 60 Hz pointer
CASES = {"actlib explore, f and f'": browser_latency.CASES["actlib explore, f and f'"],
         "interact + plt.show()": browser_latency.NAIVE}
LINKS = {"localhost": None, f"{RTT_MS:.0f} ms RTT, {RATE_MBIT:g} Mbit/s": (RTT_MS, RATE_MBIT)}


class Link:
    """A TCP proxy on 127.0.0.1 that adds ``rtt_ms / 2`` each way and paces at ``mbit`` Mbit/s.

    Runs its own event loop in a thread; ``.port`` is where to connect.
    """

    def __init__(self, target_port, rtt_ms, mbit):
        self.target, self.delay, self.rate = target_port, rtt_ms / 2000.0, mbit * 1e6 / 8
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        started = threading.Event()
        self.thread = threading.Thread(target=self._run, args=(started,), daemon=True)
        self.thread.start()
        started.wait(10)

    def _run(self, started):
        asyncio.set_event_loop(self.loop)
        self.server = self.loop.run_until_complete(
            asyncio.start_server(self._serve, "127.0.0.1", self.port))
        started.set()
        self.loop.run_forever()

    async def _serve(self, client_reader, client_writer):
        try:
            server_reader, server_writer = await asyncio.open_connection("127.0.0.1", self.target)
        except OSError:
            client_writer.close()
            return
        try:
            await asyncio.gather(self._pipe(client_reader, server_writer),
                                 self._pipe(server_reader, client_writer), return_exceptions=True)
        except asyncio.CancelledError:
            pass  # close() ends the connections; asyncio logs a cancelled connection task as an error

    async def _pipe(self, reader, writer):
        """Copy ``reader`` to ``writer``: each chunk leaves after its bytes at the rate, plus the delay."""
        queue, free_at = asyncio.Queue(), 0.0

        async def send():
            while (item := await queue.get()) is not None:
                due, data = item
                await asyncio.sleep(max(0.0, due - self.loop.time()))
                writer.write(data)
                await writer.drain()
            writer.close()

        sender = asyncio.ensure_future(send())
        try:
            while data := await reader.read(65536):
                free_at = max(self.loop.time(), free_at) + len(data) / self.rate
                queue.put_nowait((free_at + self.delay, data))
        finally:
            queue.put_nowait(None)
            await sender

    def close(self):
        """Stop serving, end the open connections' tasks, then the loop and its thread."""
        async def shutdown():
            self.server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


# Records, from now on, in window.__drag: the slider readout's values and
# times, the values the page sends to the kernel and when (WebSocket frames),
# and every new picture of the plot next to the handle with its time and, for
# a canvas, the values it shows.
RECORD = """([handle]) => {
    let box = handle;
    while (box && !box.querySelector('img, canvas')) box = box.parentElement;
    const slider = handle.closest('.widget-slider');
    const readout = slider.querySelector('.widget-readout');
    const rec = window.__drag = {positions: [], sent: [], pictures: []};
    const now = () => performance.now();
    const seen = new Set(Array.from(box.querySelectorAll('img'), img => img.src));
    const frames = new WeakMap();  // canvas -> last frame seen by this recording
    const look = () => {
        for (const el of box.querySelectorAll('img, canvas')) {
            if (el.tagName === 'CANVAS') {
                const frame = el.dataset.frame;
                if (frame !== frames.get(el)) {
                    frames.set(el, frame);
                    rec.pictures.push({t: now(), values: el.dataset.values, clipped: el.dataset.clipped === '1'});
                }
            } else if (!seen.has(el.src) && el.complete && el.naturalWidth > 0) {
                seen.add(el.src);
                rec.pictures.push({t: now(), values: null, clipped: false});
            }
        }
    };
    for (const el of box.querySelectorAll('canvas')) frames.set(el, el.dataset.frame);
    new MutationObserver(look).observe(box, {subtree: true, childList: true, attributes: true,
                                             attributeFilter: ['src', 'data-frame']});
    box.addEventListener('load', look, true);
    new MutationObserver(() => rec.positions.push({t: now(), value: parseFloat(readout.textContent || readout.value)}))
        .observe(readout, {subtree: true, childList: true, characterData: true});
    if (!WebSocket.prototype.__dragSend) {
        WebSocket.prototype.__dragSend = WebSocket.prototype.send;
        WebSocket.prototype.send = function (data) {
            try {
                const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
                const m = text.match(/"method":\\s*"update".*?"value":\\s*(-?[0-9.]+)/);
                if (m && window.__drag) window.__drag.sent.push({t: performance.now(), value: parseFloat(m[1])});
            } catch (e) {}
            return this.__dragSend(data);
        };
    }
}"""


def drag(page, handle, screenshot=None):
    """Drag ``handle`` across its slider in DRAG_S, release; return the page's records.

    ``screenshot``: a path for a picture taken halfway through the drag.
    """
    track = handle.evaluate("h => { const r = h.closest('.noUi-target').getBoundingClientRect();"
                            " return [r.left, r.right, r.top + r.height / 2]; }")
    box = handle.bounding_box()
    left, right, y = track
    start_x = box["x"] + box["width"] / 2
    page.mouse.move(start_x, y)
    page.wait_for_timeout(300)
    page.evaluate(RECORD, [handle])
    page.mouse.down()
    t0 = time.monotonic()
    end_x = left + 0.9 * (right - left)
    for i in range(1, STEPS + 1):
        page.mouse.move(start_x + (end_x - start_x) * i / STEPS, y)
        if screenshot and i == STEPS // 2:
            page.screenshot(path=str(screenshot))
        pause = t0 + DRAG_S * i / STEPS - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    release = page.evaluate("() => performance.now()")
    page.mouse.up()
    page.wait_for_timeout(2500)  # the final picture, whatever the link
    records = page.evaluate("() => window.__drag")
    records["release"] = release
    return records


def analyse(records, rtt_ms):
    """Figures of one drag: pictures/s, lag and updates behind (median, max), release to final."""
    import json

    positions = records["positions"]
    first_set = {}
    for p in positions:
        first_set.setdefault(round(p["value"], 6), p["t"])
    if not positions:
        raise RuntimeError("the slider did not move")
    final = round(positions[-1]["value"], 6)
    pictures = records["pictures"]
    shown = []  # (time, value, clipped)
    if pictures and pictures[0]["values"] is not None:  # actlib: the canvas says what it shows
        for pic in pictures:
            values = json.loads(pic["values"])
            shown.append((pic["t"], round(next(iter(values.values())), 6), pic["clipped"]))
    else:  # the recipe: one picture per slider update sent, in order
        sent = [s for s in records["sent"] if s["t"] >= positions[0]["t"] - 1]
        shown = [(pic["t"], round(s["value"], 6), False) for pic, s in zip(pictures, sent)]
    start, release = positions[0]["t"], records["release"]
    during = [(t, v) for t, v, _ in shown if t <= release]
    lags, behind = [], []
    times = np.array([p["t"] for p in positions])
    for t, v, _ in shown:
        if v in first_set:
            lags.append(t - first_set[v])
            behind.append(int(np.sum((times > first_set[v]) & (times <= t - rtt_ms))))
    # How long the drag showed curves cut off by axes yet to grow (actlib draws
    # a step it holds at once, clipped, while the kernel sends grown axes).
    ends = [t for t, _, _ in shown[1:]] + [release]
    clipped = sum(max(0.0, min(end, release) - max(t, start))
                  for (t, _, cut), end in zip(shown, ends) if cut)
    finals = [t for t, v, cut in shown if v == final and not cut]  # the final value, on axes that hold it
    return {
        "fps": len(during) / max(1e-9, (release - start) / 1000),
        "lag_median": float(np.median(lags)) if lags else np.nan,
        "lag_max": float(np.max(lags)) if lags else np.nan,
        "behind_max": int(max(behind)) if behind else -1,
        "clipped_ms": clipped,
        "release_to_final": max(0.0, finals[0] - release) if finals else np.nan,
        "pictures": len(shown), "positions": len(positions),
    }


def measure(screenshot=None):
    """Return rows ``(link, version, figures)`` for each link, version and drag, from one run.

    ``figures["drag"]`` is ``"first"`` (from the slider's default, in a new
    page and kernel) or ``"again"`` (the same drag after Home). ``screenshot``:
    where to save a picture of actlib's explorer halfway through its first
    drag on the emulated link.

    Raises
    ------
    RuntimeError
        When chromium is missing, JupyterLab does not start or the notebook fails.
    """
    rows = []
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code) for code in CASES.values()])
    nb.metadata["kernelspec"] = browser_latency.benchmark_notebook().metadata["kernelspec"]
    with tempfile.TemporaryDirectory(prefix="actlib-drag-") as root:
        nbformat.write(nb, Path(root) / "drag.ipynb")
        with chromium() as browser, jupyter_lab(root) as lab:
            for link_name, link in LINKS.items():
                proxy = None if link is None else Link(int(lab.url.rsplit(":", 1)[1]), *link)
                try:
                    url = lab.url if proxy is None else f"http://127.0.0.1:{proxy.port}"
                    there = type(lab)(**{**vars(lab), "url": url})
                    with running_notebook(browser, there, "drag.ipynb") as page:
                        cells = page.locator(".jp-Notebook .jp-CodeCell")
                        for index, label in enumerate(CASES):
                            handle = cells.nth(index).locator(".widget-slider .noUi-handle").first
                            handle.scroll_into_view_if_needed()
                            shot = screenshot if (link is not None and index == 0) else None
                            rtt = 0.0 if link is None else link[0]
                            first = drag(page, handle.element_handle(), shot)
                            rows.append((link_name, label, {**analyse(first, rtt), "drag": "first"}))
                            page.wait_for_timeout(500)
                            handle.focus()
                            page.keyboard.press("Home")  # back to the slider's start
                            page.wait_for_timeout(1500)
                            again = drag(page, handle.element_handle())
                            rows.append((link_name, label, {**analyse(again, rtt), "drag": "again"}))
                finally:
                    if proxy is not None:
                        proxy.close()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="picture halfway through the drag, emulated link")
    args = parser.parse_args()
    print(f"{'link':<24}{'version':<26}{'drag':<6}{'pics/s':>7}{'lag med':>8}{'lag max':>8}"
          f"{'behind':>7}{'clipped':>8}{'release':>8}")
    for link, label, f in measure(args.screenshot):
        print(f"{link:<24}{label:<26}{f['drag']:<6}{f['fps']:>7.1f}{f['lag_median']:>8.0f}"
              f"{f['lag_max']:>8.0f}{f['behind_max']:>7}{f['clipped_ms']:>8.0f}{f['release_to_final']:>8.0f}")


if __name__ == "__main__":
    main()
