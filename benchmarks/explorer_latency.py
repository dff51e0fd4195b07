"""Server-side time of one slider change: actlib's explorer against the usual recipe.

The usual recipe in course notebooks is ``ipywidgets.interact`` with a
callback that draws a new pyplot figure into an ``Output`` widget; the inline
backend then renders it to PNG. Both are driven headlessly, the same way: set
the slider's value and time until the new PNG exists. The naive version runs
inside an IPython shell with the inline backend, so that its ``plt.show()``
does the PNG rendering it does in a notebook. Sending the PNG to the browser
is not included (about the same bytes for both).

Each case is a drag of the steepness slider, 0.5 -> 5.5 -> 0.5 in steps of
0.1 (101 changes), for sigmoid alone and for three curves
(sigmoid, bipolar_sigmoid, tanh). Run with ``python benchmarks/explorer_latency.py``.
"""

import time

import matplotlib
import numpy as np

matplotlib.use("module://matplotlib_inline.backend_inline")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from IPython.core.interactiveshell import InteractiveShell  # noqa: E402
from IPython.core.displaypub import DisplayPublisher  # noqa: E402
from matplotlib_inline.backend_inline import configure_inline_support  # noqa: E402

import actlib  # noqa: E402
from actlib.widgets import explore  # noqa: E402

CASES = {"1 curve": ["sigmoid"], "3 curves": ["sigmoid", "bipolar_sigmoid", "tanh"]}
UP = np.round(np.arange(0.5, 5.55, 0.1), 1)
DRAG = np.concatenate([UP, UP[-2::-1]])  # 101 changes, each to a new value


def naive_widget(names):
    """The interact recipe, with derivatives in a second panel like the explorer."""
    x = np.linspace(-5, 5, 401)

    def show(steepness=1.0):
        plt.figure(figsize=(9.6, 3.6))
        for panel, method in ((1, "__call__"), (2, "derivative")):
            plt.subplot(1, 2, panel)
            for name in names:
                act = actlib.get(name)
                kwargs = {"steepness": steepness} if "steepness" in act.params else {}
                plt.plot(x, getattr(act, method)(x, **kwargs), label=name)
            plt.legend()
        plt.show()

    return ipywidgets.interactive(show, steepness=(0.1, 10.0, 0.1))


class CountingPublisher(DisplayPublisher):
    """Takes the place of the kernel's messages: counts the PNGs, sends nothing."""

    pngs = 0

    def publish(self, data, metadata=None, **kwargs):
        self.pngs += "image/png" in data

    def clear_output(self, wait=False):
        pass


def time_drag(slider):
    """Seconds per value change of ``slider`` over DRAG."""
    times = []
    for value in DRAG:
        start = time.perf_counter()
        slider.value = float(value)
        times.append(time.perf_counter() - start)
    return np.array(times)


def measure():
    """Drag each case in both versions; return rows ``(version, case, seconds per change)``."""
    shell = InteractiveShell.instance()
    configure_inline_support(shell, "inline")
    shell.display_pub = CountingPublisher()
    # Throwaway runs first: font and glyph caches fill on the first draws.
    for slider in (explore("sigmoid").sliders["steepness"], naive_widget(["sigmoid"]).children[0]):
        for value in (2.0, 3.0):
            slider.value = value
    rows = []
    for case, names in CASES.items():
        explorer = explore(names)
        rows.append(("actlib explore", case, time_drag(explorer.sliders["steepness"])))
        naive = naive_widget(names)
        before = shell.display_pub.pngs  # after its first drawing, on creation
        rows.append(("interact + pyplot", case, time_drag(naive.children[0])))
        pngs = shell.display_pub.pngs - before
        assert pngs == len(DRAG), f"the naive version made {pngs} PNGs for {len(DRAG)} changes"
    return rows


def main():
    rows = measure()
    print(f"{'version':<20}{'case':<10}{'median ms':>10}{'p95 ms':>9}{'max ms':>9}")
    for version, case, t in rows:
        ms = 1e3 * t
        print(f"{version:<20}{case:<10}{np.median(ms):>10.1f}"
              f"{np.percentile(ms, 95):>9.1f}{ms.max():>9.1f}")
    print(f"{len(DRAG)} slider changes per row, steepness 0.5 -> 5.5 -> 0.5")


if __name__ == "__main__":
    main()
