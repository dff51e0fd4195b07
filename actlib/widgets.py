"""Interactive explorers: move a slider, watch the activation change.

``explore("sigmoid")`` returns an :class:`Explorer`, an ``ipywidgets.VBox``
with the plot, one control per parameter (ranges from the registry) and the
formulas. A list of names overlays the activations;
a parameter name they share gets one slider. Softmax and log-softmax show
bars over a few logits instead of curves.

How the plot stays live: each explorer owns one matplotlib ``Figure`` on an
Agg canvas (no pyplot, so nothing is shown twice and no global figure list
grows). Axes, ticks and legend are drawn once into a cached background. The
page shows a :class:`LivePlot` (an anywidget module, ``liveplot.js``: no
extension to build, nothing from a CDN): the kernel sends it the background
as a PNG once, and for each slider step only the curves' y values (float32,
about 1.6 kB a curve instead of a 30 kB PNG), which the page draws on a
``<canvas>`` in well under a millisecond. Why: sending a PNG per step made
the page the bottleneck (encoding, sending, decoding; 60 ms per key press on
localhost where the kernel needed 6), and on a remote link an image per step
is what a drag waits for. The y-range is redrawn (and a new background sent)
only when a curve leaves it, and then it grows but never shrinks by itself,
so moving a slider changes the curve, not the tick labels;
``update(rescale=True)`` fits it to the current curves again. Softmax bars
are not lines: their explorer sends the whole figure as a PNG.

Why the page sends the slider values itself: ipywidgets lets one slider
update at a time travel to the kernel and back, so on a 100 ms link the
picture of the final value could come two round trips after the release.
``liveplot.js`` watches the sliders in the page and sends their values to
the plot at once, at most one message unanswered: values set meanwhile wait
for the answer, and only the newest of them is sent then (stale ones are
dropped, never queued). The kernel draws the newest values it has. The
sliders' own updates still reach the kernel (``values``, the app's table and
any observer follow them) but are not drawn again.

Why the page often needs no answer at all: with each answer the kernel also
sends the curves of the nearest steps of the slider that moved which the
page does not hold yet (``PREFETCH`` of them, computed by actlib here, in
the kernel, like every curve), and the page keeps them by step. The page
greets the kernel as soon as it shows the explorer, and the answer brings
the steps around the sliders' first values, so the first drag starts from
steps the page holds too. When a slider lands on a step the page holds, it
draws it at once, before the kernel hears of the move; on a step it lacks,
it waits for the kernel's answer. Curves that leave the y-range on screen
are drawn clipped to it until the grown axes arrive (about a round trip:
the kernel grows them on hearing of the move), not held back, which left a
first drag two updates behind on a 100 ms link. So that such stretches are
short, the range also holds the steps the slider would reach before the
next answer at the speed it moves (twice the steps since the last answer),
and the page keeps drawing on the old axes while it decodes new ones. Timings:
``benchmarks/explorer_latency.py`` (kernel), ``browser_latency.py`` (a key
press) and ``drag_latency.py`` (a drag on localhost and on a Binder-like link).

The formulas are typeset by MathJax once, with no parameter values in them:
the sliders' own readouts show those, current in the page, where a line
under the formulas came from the kernel, one round trip late during a drag
on a remote link, and re-typesetting at every step cost the page tens of
milliseconds of CPU while a slider moved.

Where no kernel runs (a saved notebook on GitHub, the static HTML export),
the widget's ``image/png`` fallback is :meth:`Explorer.png`, drawn when the
explorer is displayed.

Tests drive an explorer headlessly: set ``explorer.sliders["steepness"].value``
and read ``explorer.lines[name].get_ydata()`` and ``explorer.png()``; the
page's messages are ``explorer.plot._receive(...)``.
"""

import asyncio
import base64
import dataclasses
import io
import numbers
from pathlib import Path

import anywidget
import ipywidgets as widgets
import numpy as np
import traitlets
from matplotlib.colors import to_hex
from matplotlib.lines import Line2D
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image  # Pillow is a dependency of matplotlib

from . import plotting
from .activations import Param, get
from .i18n import tr, tr_figure

__all__ = ["explore", "interactive_figure", "Explorer", "CurveExplorer", "SoftmaxExplorer",
           "FigureWidget", "LivePlot"]

DPI = 100  # FIGSIZE at 100 dpi is 960 x 360 px: sharp at notebook width, ~10 ms per update
N_POINTS = 401  # odd, so that x = 0 is a sample point for a symmetric range
# Steps of the moved slider whose curves go with each answer to the page: more
# than a drag crosses between two answers (2 s across 100 steps on a 100 ms
# link: 6 to 10), few enough to cost the link little: at most PREFETCH_BYTES
# (51 kB for f and f' of one activation, 16 steps; 6 steps of three of them).
PREFETCH = 16
PREFETCH_BYTES = 64_000
CACHE_LIMIT = 4096  # steps the page keeps (and the kernel remembers sending) before starting afresh
LOGIT_DESCRIPTION = "score (logit) of one class"
LOGIT_PARAM = Param(0.0, -5.0, 5.0, 0.1, LOGIT_DESCRIPTION)


def explore(names, *, xlim=(-5, 5), derivative=True, logits=(2.0, 1.0, 0.1, -1.0), **params):
    """Return an interactive explorer of one or more activations.

    Parameters
    ----------
    names : str or list of str
        Registry names. Several elementwise activations are overlaid; softmax
        and log_softmax (alone or together) get bar charts.
    xlim : (float, float)
        Range of x for the curves.
    derivative : bool
        Show f'(x) in a panel beside f(x) (curves only).
    logits : sequence of float
        Initial scores of the softmax explorer, one slider each (``x1``, ...).
    **params
        Initial slider values, e.g. ``explore("leaky_relu", negative_slope=0.2)``.

    Returns
    -------
    Explorer

    Raises
    ------
    KeyError
        For an unknown activation name (the registry's message).
    TypeError
        For a parameter that none of the activations has.
    ValueError
        For a parameter value outside its slider range, softmax mixed with
        elementwise activations, or a gated unit (explore its gate).
    """
    names = [names] if isinstance(names, str) else list(names)
    acts = [get(n) for n in names]
    if not acts:
        raise ValueError("explore() needs at least one activation name")
    if len(set(names)) < len(names):
        raise ValueError(f"each activation can be explored once; got {names}")
    for act in acts:
        if act.gated:
            raise ValueError(f"{act.name} is a gated unit of two inputs, f(a, b) = a g(b); "
                             f"explore its gate {act.gate!r}")
    kinds = {a.elementwise for a in acts}
    if kinds == {False}:
        return SoftmaxExplorer(acts, logits, params)
    if kinds == {True}:
        return CurveExplorer(acts, xlim, derivative, params)
    raise ValueError("softmax and log_softmax map a vector of scores to a vector; explore "
                     "them apart from the elementwise activations")


def _decimals(step):
    """Digits after the point that show a multiple of ``step`` exactly."""
    return max(0, -int(np.floor(np.log10(step) + 1e-9)))


def _step_of(control, value):
    """The number ``k`` of the step ``min + k * step`` of ``control`` that ``value`` is, or None."""
    k = round((value - control.min) / control.step)
    return k if abs(control.min + k * control.step - value) <= 1e-6 * control.step else None


def _step_value(control, k):
    """``min + k * step`` of ``control``, as the decimal it stands for (1.0, not 1.0000000000000002)."""
    value = control.min + k * control.step
    return value if isinstance(value, int) else round(value, 12)


def _control(key, spec, continuous=True):
    """A FloatSlider (IntSlider for whole numbers) or ToggleButtons for a choice."""
    common = dict(value=spec.default, description=key, tooltip=tr(spec.description),
                  style={"description_width": "initial"})
    if spec.choices:
        return widgets.ToggleButtons(options=list(spec.choices), **common)
    layout = widgets.Layout(width="420px")
    if all(isinstance(v, int) for v in (spec.default, spec.min, spec.max, spec.step)):
        return widgets.IntSlider(min=spec.min, max=spec.max, step=spec.step, layout=layout,
                                 continuous_update=continuous, **common)
    return widgets.FloatSlider(min=spec.min, max=spec.max, step=spec.step,
                               readout_format=f".{_decimals(spec.step)}f", layout=layout,
                               continuous_update=continuous, **common)


def _merge(first, other):
    """One slider for a parameter name that several activations share.

    It takes the default and description of the first activation listed and
    a range wide enough for all of them.
    """
    if first == other:
        return first
    if first.choices:
        choices = tuple(dict.fromkeys(first.choices + other.choices))
        return dataclasses.replace(first, choices=choices)
    return dataclasses.replace(first, min=min(first.min, other.min), max=max(first.max, other.max),
                               step=min(first.step, other.step))


def _slider_specs(acts):
    """Parameter name -> Param of its slider, in the order the parameters appear."""
    specs = {}
    for act in acts:
        for key, spec in act.params.items():
            if spec.min is None and not spec.choices:
                continue  # e.g. softmax's axis: a setting of the call, not a knob
            specs[key] = _merge(specs[key], spec) if key in specs else spec
    return specs


def _fit_ylim(ax, arrays, rescale):
    """Make ``ax``'s y-range hold ``arrays`` and 0; return True if it changed.

    Without ``rescale`` the range only grows, with headroom, so that a slider
    drag redraws the axes a few times rather than at every step.
    """
    data = np.concatenate([np.ravel(a) for a in arrays] + [[0.0]])
    data = data[np.isfinite(data)]
    lo, hi = data.min(), data.max()
    if rescale:
        pad = 0.06 * (hi - lo or 1.0)
        ax.set_ylim(lo - pad, hi + pad)
        return True
    old_lo, old_hi = ax.get_ylim()
    if old_lo <= lo and hi <= old_hi:
        return False
    headroom = 0.25 * (max(hi, old_hi) - min(lo, old_lo))
    ax.set_ylim(old_lo if lo >= old_lo else lo - headroom,
                old_hi if hi <= old_hi else hi + headroom)
    return True


def _png(canvas):
    """The canvas as PNG bytes, RGB, at a fast compression level (3 of 9)."""
    rgba = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(),
                            "raw", "RGBA", 0, 1)
    out = io.BytesIO()
    rgba.convert("RGB").save(out, format="png", compress_level=3)
    return out.getvalue()


class _LiveFigure(widgets.VBox):
    """A VBox that shows its own ``figure``; saved notebooks keep a static copy.

    The figure is a matplotlib ``Figure`` on an Agg canvas (no pyplot, so
    nothing is shown twice), made in the series' style. With ``image=True``
    (interactive figures, the playground) :meth:`_show` encodes it into
    ``image``, an ``ipywidgets.Image``, after each redraw; explorers send
    their curves to a :class:`LivePlot` instead.
    """

    def __init__(self, figsize, image=True, **kwargs):
        super().__init__(**kwargs)
        # A VBox stretches its children to the page width; a stretched PNG is
        # blurred and oversized, so keep the figure at its own size.
        self.layout.align_items = "flex-start"
        with plotting.style_context():
            self.figure = Figure(figsize=figsize, dpi=DPI, layout="constrained")
        FigureCanvasAgg(self.figure)
        if image:
            self.image = widgets.Image(format="png")

    def _show(self):
        """Put the canvas, as drawn, into ``image``."""
        self.image.value = _png(self.figure.canvas)

    def png(self):
        """The figure as PNG bytes, as it is shown now."""
        return bytes(self.image.value)

    def summary(self):
        """One short, deterministic line: the text/plain view of the widget."""
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs):
        # The widget view needs a kernel; where none runs (GitHub, nbviewer,
        # HTML export) the PNG of the saved state is shown instead. nbval
        # compares text/plain, so it must stay short and deterministic.
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["image/png"] = base64.b64encode(self.png()).decode("ascii")
        bundle["text/plain"] = self.summary()
        return bundle


class LivePlot(anywidget.AnyWidget):
    """The plot of an explorer, drawn in the page from what the kernel sends.

    The kernel sends the figure without its curves as a PNG (``background``,
    again only when the axes change), how to draw each curve (``styles``:
    colour, width, dashes, clip box, the line from data y to pixel rows and
    the y-range) and, for each slider step, the curves' y values in data
    units (``ys``, float32, about 1.6 kB per curve) with ``key``, the step
    they belong to (see :meth:`Explorer.step_key`). The page (``liveplot.js``, an
    anywidget module: no extension to build, no CDN) draws them on a
    ``<canvas>``. Where the moving parts are not lines (softmax bars and
    their labels), ``background`` is the whole figure at every step and
    ``styles`` is empty.

    The page also watches the sliders listed in ``controls`` and sends their
    values at once as ``{"type": "values", "seq": n, "values": {...}}``
    messages, without waiting for ipywidgets' slider sync (one message per
    round trip). At most one is unanswered: values set meanwhile wait for
    the answer, and then only the newest are sent, so stale values are
    dropped, never queued. In the kernel a message only records its values
    and schedules one redraw on the event loop; values that arrive before it
    runs replace the pending ones (while a cell runs, comm messages are
    still handled, but the redraw waits for the loop). The last values are
    always drawn. ``seq`` answers the newest message drawn.

    Curves of further steps go to the page as ``{"type": "curves", "keys":
    [...]}`` messages with one float32 buffer (:meth:`send_curves`); the
    page keeps them by key and draws them when its sliders land there.
    ``held`` is the set of keys sent (the page's first message, sent as it
    shows the plot, before any move, says ``"fresh": true``, a page that
    holds none, and empties it).

    Parameters
    ----------
    on_values : callable
        ``on_values(seq, values)`` redraws for ``values`` (a dict sent by the
        page, unchecked) and sets ``seq``.
    **kwargs
        Initial trait values.
    """

    _esm = (Path(__file__).with_name("liveplot.js")).read_text()
    background = traitlets.Bytes(b"").tag(sync=True)
    size = traitlets.List(traitlets.Int(), [0, 0]).tag(sync=True)
    #: Per curve: n points, colour, alpha, width and dashes in px, clip box
    #: [x0, y0, x1, y1], ``y`` = [a, b] (pixel row = a * value + b) and ``ylim``.
    styles = traitlets.List().tag(sync=True)
    xs = traitlets.Bytes(b"").tag(sync=True)
    ys = traitlets.Bytes(b"").tag(sync=True)
    key = traitlets.Unicode("").tag(sync=True)
    seq = traitlets.Int(0).tag(sync=True)
    shown = traitlets.Dict().tag(sync=True)
    controls = traitlets.List(traitlets.Instance(widgets.Widget)).tag(
        sync=True, **widgets.widget_serialization)

    def __init__(self, on_values, **kwargs):
        super().__init__(**kwargs)
        self._on_values = on_values
        #: True once a page has sent values: it then draws every slider move it makes.
        self.page_drives = False
        self.redraws = 0
        self.held = set()
        self._pending = None
        self._scheduled = False
        self.on_msg(self._receive)

    def hold(self, keys):
        """Record that the page holds the curves of ``keys`` (starting afresh past CACHE_LIMIT)."""
        if len(self.held) + len(keys) > CACHE_LIMIT:
            self.held.clear()  # the page empties its cache at the same size
        self.held.update(keys)

    def send_curves(self, keys, curves):
        """Send the page ``curves[i]`` (one array per line, in ``styles`` order) for ``keys[i]``."""
        self.hold(keys)
        data = np.asarray(curves, np.float32).tobytes()  # entries x lines x points
        self.send({"type": "curves", "keys": list(keys)}, [data])

    def _receive(self, widget, content, buffers):
        if not isinstance(content, dict) or content.get("type") != "values":
            return
        self.page_drives = True
        if content.get("fresh"):
            self.held.clear()  # a new page (or a reload) holds no curves yet
        self._pending = (int(content.get("seq", 0)), dict(content.get("values") or {}))
        if self._scheduled:
            return  # the pending redraw will draw these newer values
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a script, a test): draw now
            self._flush()
            return
        # Not drawn here: values that arrive before the loop gets to the
        # redraw replace these. (ipykernel 7.4 runs the callback before it
        # reads the next queued message, so queued messages are drawn one by
        # one; the page sends the next only after the answer.)
        self._scheduled = True
        loop.call_soon(self._flush)

    def _flush(self):
        self._scheduled = False
        pending, self._pending = self._pending, None
        if pending is not None:
            self.redraws += 1
            self._on_values(*pending)


def _x_pixels(line):
    """x of ``line``'s points in canvas pixels."""
    x = np.asarray(line.get_xdata(), float)
    return line.get_transform().transform(np.column_stack([x, np.zeros_like(x)]))[:, 0]


def _style(line, height, dpi):
    """What the page needs to stroke ``line`` as Agg does: colours, widths in px, clip box.

    Also ``y`` = [a, b], the pixel row (counted from the top) of a value v
    being a * v + b (the explorers' y axes are linear), and ``ylim``, the
    y-range of the line's axes: the page draws curves it holds only if
    their finite values lie in it, as the kernel would not redraw the axes.
    """
    scale = dpi / 72.0  # points to pixels
    _, dashes = line._dash_pattern  # in points, already scaled by the line width
    box = line.get_clip_box() or line.figure.bbox
    (_, row0), (_, row1) = line.get_transform().transform([[0.0, 0.0], [0.0, 1.0]])
    return {"n": len(line.get_xdata()), "color": to_hex(line.get_color()),
            "alpha": 1.0 if line.get_alpha() is None else float(line.get_alpha()),
            "width": float(line.get_linewidth()) * scale,
            "dash": [float(d) * scale for d in dashes] if dashes else [],
            "clip": [float(box.x0), float(height - box.y1), float(box.x1), float(height - box.y0)],
            "y": [float(row0 - row1), float(height - row0)],
            "ylim": [float(v) for v in line.axes.get_ylim()]}


class Explorer(_LiveFigure):
    """Sliders, a live figure and the formulas of some activations.

    Use :func:`explore` to make one. The subclasses draw curves
    (:class:`CurveExplorer`) or softmax bars (:class:`SoftmaxExplorer`).

    Attributes
    ----------
    activations : list of Activation
    sliders : dict of str to ipywidgets widget
        One control per parameter name (a FloatSlider, or ToggleButtons for a
        choice), shared by every activation that has that parameter. Setting
        its ``value`` redraws.
    figure : matplotlib.figure.Figure
        The explorer's own figure (Agg canvas, not managed by pyplot).
    axes : list of Axes
    lines : dict of str to artist
        The plotted data of each activation: a Line2D, or the BarContainer of
        a softmax explorer.
    plot : LivePlot
        The figure in the page: updated on every change. :meth:`png` gives
        it as PNG bytes.
    formula : ipywidgets.HTMLMath
        Each activation's formulas (typeset once; the sliders show the values).
    shown : dict
        The values drawn last. While a slider is dragged in the page they
        run ahead of ``values``: the page sends them straight to the plot,
        and the sliders' own updates follow.
    """

    def __init__(self, activations, specs, start, figsize):
        unknown = set(start) - set(specs)
        if unknown:
            raise TypeError(f"explore() got unknown parameter(s) {sorted(unknown)}; the "
                            f"sliders here are {list(specs) or 'none'}")
        for key, value in start.items():
            specs[key].check(key, value, on_slider=True)
        super().__init__(figsize, image=False)
        self.activations = activations
        self.sliders = {key: _control(key, spec) for key, spec in specs.items()}
        for key, value in start.items():
            self.sliders[key].value = value
        with plotting.style_context():
            self._animated = self._draw()
        for artist in self._animated:
            artist.set_animated(True)  # left out of the cached background
        # Lines are drawn in the page; anything else goes as a whole PNG.
        self._lines_only = all(isinstance(a, Line2D) for a in self._animated)
        self._background = None
        # The slider the page moved last, which way (+1, -1) and by how many
        # steps between its last two messages.
        self._moved = (None, 1, 0)
        self.plot = LivePlot(self._on_page_values, controls=list(self.sliders.values()))
        self.formula = widgets.HTMLMath(self._formula_html())
        self.update(rescale=True)
        # The layout engine has placed the axes; fixed, they need no second pass.
        self.figure.set_layout_engine("none")
        for slider in self.sliders.values():
            slider.observe(self._on_change, names="value")
        self.children = [self.plot,
                         widgets.HBox([widgets.VBox(list(self.sliders.values())), self.formula])]

    @property
    def values(self):
        """Current value of every control, by name."""
        return {key: slider.value for key, slider in self.sliders.items()}

    def params(self, act, values=None):
        """The keyword arguments of ``act`` at ``values`` (default: the sliders')."""
        values = self.values if values is None else values
        return {k: v for k, v in values.items() if k in act.params}

    def step_key(self, values):
        """The name the page and the kernel share for ``values``, e.g. ``"9,0"``.

        Each control's step, comma-separated: a slider's step is its number
        from the slider's minimum, a choice's its place in the options.
        ``""`` when a value is not on its slider's steps (a value set in
        Python): the page never holds those.
        """
        steps = []
        for key, control in self.sliders.items():
            if isinstance(control, widgets.ToggleButtons):
                steps.append(list(control.options).index(values[key]))
                continue
            k = _step_of(control, values[key])
            if k is None:
                return ""
            steps.append(k)
        return ",".join(map(str, steps))

    def update(self, rescale=False, values=None, seq=None, fit=()):
        """Redraw the plot for the slider values.

        Called on every slider change. ``rescale=True`` fits the y-range to
        the current data; otherwise it only grows when the data leave it.
        ``values`` (some or all keys) replace the sliders' values; ``seq``
        is the number of the page's message they came in. ``fit``: curves
        (each as :meth:`_curves` gives them) the y-range must hold as well.
        """
        values = {**self.values, **(values or {})}
        self.shown = values
        redraw = self._set_data(rescale, values, fit) or self._background is None
        canvas = self.figure.canvas
        if redraw:
            canvas.draw()
            self._background = canvas.copy_from_bbox(self.figure.bbox)
        height = canvas.get_width_height()[1]
        key = self.step_key(values) if self._lines_only else ""
        with self.plot.hold_sync():  # one message to the page
            if not self._lines_only:
                self._blit()
                self.plot.background = _png(canvas)
            elif redraw:  # the axes without the curves, only when they change
                self.plot.background = _png(canvas)
                self.plot.styles = [_style(a, height, DPI) for a in self._animated]
                self.plot.xs = np.concatenate(
                    [_x_pixels(a) for a in self._animated]).astype(np.float32).tobytes()
            if self._lines_only:
                self.plot.ys = np.concatenate(
                    [a.get_ydata() for a in self._animated]).astype(np.float32).tobytes()
                if key:
                    self.plot.hold([key])  # the page keeps what it is sent under its key
            self.plot.key = key
            self.plot.size = list(canvas.get_width_height())
            self.plot.shown = {k: v for k, v in values.items()}
            if seq is not None:
                self.plot.seq = max(self.plot.seq, seq)

    def _blit(self):
        """The cached background and the current artists on the canvas."""
        self.figure.canvas.restore_region(self._background)
        for artist in self._animated:
            self.figure.draw_artist(artist)

    def png(self):
        """The figure with the values drawn last, as PNG bytes (the static copy)."""
        self._blit()
        return _png(self.figure.canvas)

    def _on_change(self, change):
        # A move the page made has reached the plot as a "values" message
        # already, ahead of this (throttled) slider update: drawing it again
        # could draw an older value over a newer one.
        if self.plot.page_drives and "value" in change["owner"]._property_lock:
            return
        self.update()

    def _on_page_values(self, seq, values):
        """Draw the values a page sent (unknown keys and values out of range are left out)."""
        clean = {}
        for key, value in values.items():
            control = self.sliders.get(key)
            if control is None:
                continue
            if isinstance(control, widgets.ToggleButtons):
                if value in control.options:
                    clean[key] = value
            elif (isinstance(value, numbers.Real) and not isinstance(value, bool)
                  and control.min <= value <= control.max):
                if isinstance(control, widgets.IntSlider):
                    clean[key] = int(value)
                    continue
                # A page's slider may send a step with rounding noise (Voilà's sends
                # 1.0000000000000002 for 1.0): the step's own value is kept, so that the
                # greeting finds the figure on screen and no slider seems to have moved.
                k = _step_of(control, value)
                clean[key] = float(value) if k is None else _step_value(control, k)
        values = {**self.values, **clean}
        if not self._lines_only or not self.step_key(values):  # no curves the page could hold
            if values == self.shown:  # the page's greeting: the figure on screen is these values'
                self.plot.seq = max(self.plot.seq, seq)
            else:
                self.update(values=clean, seq=seq)
            return
        before = self.shown
        numeric = [k for k, c in self.sliders.items() if not isinstance(c, widgets.ToggleButtons)]
        moved = next((k for k in numeric if values[k] != before[k]), None)
        if moved is None:
            self._moved = (*self._moved[:2], 0)
        else:
            self._moved = (moved, 1 if values[moved] > before[moved] else -1,
                           round(abs(values[moved] - before[moved]) / self.sliders[moved].step))
        key, direction, steps = self._moved
        if key is None:  # no slider moved yet: the page's greeting (or a choice clicked)
            self.update(values=clean, seq=seq)
            for name in numeric:  # the steps around, both ways, before the first drag
                self._prefetch(name, 1, max(2, self._per_answer() // len(numeric)))
            return
        # The y-range also holds the steps this slider reaches before the next
        # answer if it goes on as fast (twice the steps since the last one):
        # the page gets the grown axes before it needs them, instead of
        # waiting a round trip for each. A key press grows it by 2 steps.
        count = self._per_answer()
        here, last = self._steps(values, key)
        ahead = [here + direction * d for d in range(1, min(2 * steps, count) + 1)]
        fit = [self._curves(self._at_step(values, key, k)) for k in ahead if 0 <= k <= last]
        self.update(values=clean, seq=seq, fit=fit)
        self._prefetch(key, direction, count)

    def _per_answer(self):
        """Steps whose curves go with one answer: PREFETCH, fewer where they are large."""
        step_bytes = 4 * N_POINTS * len(self._animated)
        return int(np.clip(PREFETCH_BYTES // step_bytes, 4, PREFETCH))

    def _steps(self, values, key):
        """Slider ``key``'s step at ``values`` (counted from its minimum) and its last step."""
        control = self.sliders[key]
        return (round((values[key] - control.min) / control.step),
                int(np.floor((control.max - control.min) / control.step + 1e-9)))

    def _at_step(self, values, key, k):
        """``values`` with slider ``key`` on its step ``k``."""
        return {**values, key: _step_value(self.sliders[key], k)}

    def _prefetch(self, key, direction, count):
        """Send the page the curves of the steps of slider ``key`` nearest the values shown.

        Only steps the page does not hold, at most ``count``; at equal
        distance, the step in ``direction`` comes first.
        """
        here, last = self._steps(self.shown, key)
        keys, curves = [], []
        for distance in range(1, last + 1):
            for k in (here + direction * distance, here - direction * distance):
                if len(keys) == count or not 0 <= k <= last:
                    continue
                values = self._at_step(self.shown, key, k)
                step = self.step_key(values)
                if step not in self.plot.held:
                    keys.append(step)
                    curves.append(self._curves(values))
            if len(keys) == count:
                break
        if keys:
            self.plot.send_curves(keys, curves)

    def _formula_html(self):
        return "".join(
            f'<div style="border-left: 6px solid {plotting.color(act.name)}; '
            f'padding-left: 8px; margin: 6px 0"><b>{act.name}</b>&emsp;'
            + "&emsp;".join(f"${f}$" for f in self._formulas(act)) + "</div>"
            for act in self.activations)

    def summary(self):
        """One short line naming the activations and the sliders (the text/plain view)."""
        names = ", ".join(a.name for a in self.activations)
        return tr("Explorer: {names} (sliders: {sliders})", names=names,
                  sliders=", ".join(self.sliders) or tr("none"))

    def __repr__(self):
        return self.summary()

    # Hooks of the subclasses.
    def _draw(self):
        """Draw the figure at the current values; return the artists that change."""
        raise NotImplementedError

    def _set_data(self, rescale, values, fit=()):
        """Set the artists' data for ``values``; return True if the axes changed.

        ``fit``: more curves the y-range must hold (explorers of lines only).
        """
        raise NotImplementedError

    def _curves(self, values):
        """The y values of each animated line at ``values``, in order (explorers of lines only)."""
        raise NotImplementedError

    def _formulas(self, act):
        return [act.formula]


class CurveExplorer(Explorer):
    """Explorer of elementwise activations: f(x), and f'(x) dashed beside it.

    Attributes
    ----------
    x : ndarray
        The sample points of every curve.
    derivative : bool
        Whether the f' panel is shown.
    derivative_lines : dict of str to Line2D
        The f' curve of each activation (empty without the f' panel).
    """

    def __init__(self, activations, xlim, derivative, start):
        lo, hi = xlim
        if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
            raise ValueError(f"xlim must be two finite numbers, low < high; got {xlim!r}")
        self.x = np.linspace(lo, hi, N_POINTS)
        self.derivative = derivative
        super().__init__(activations, _slider_specs(activations), start,
                         plotting.FIGSIZE[2 if derivative else 1])

    def _draw(self):
        self.axes, self.lines, self.derivative_lines = plotting.draw_activations(
            self.figure, [a.name for a in self.activations], self.x, self.values, self.derivative)
        return [*self.lines.values(), *self.derivative_lines.values()]

    def _curves(self, values):
        params = [self.params(act, values) for act in self.activations]
        curves = [act(self.x, **p) for act, p in zip(self.activations, params)]
        if self.derivative:
            curves += [act.derivative(self.x, **p) for act, p in zip(self.activations, params)]
        return curves  # the order of _draw's artists: the lines, then the f' lines

    def _set_data(self, rescale, values, fit=()):
        curves = self._curves(values)
        for line, y in zip(self._animated, curves):
            line.set_ydata(y)
        n = len(self.activations)  # curves per panel: f of each, then f' of each
        changed = [_fit_ylim(ax, [c[i * n:(i + 1) * n] for c in (curves, *fit)], rescale)
                   for i, ax in enumerate(self.axes)]
        return any(changed)

    def _formulas(self, act):
        return [act.formula, act.derivative_formula] if self.derivative else [act.formula]


class SoftmaxExplorer(Explorer):
    """Explorer of softmax / log_softmax: bars over logits ``x1, x2, ...``.

    One slider per logit and one for the temperature; one panel per
    activation, each bar labelled with its value. ``lines[name]`` is the
    BarContainer; its bar heights are the outputs.
    """

    def __init__(self, activations, logits, start):
        logits = [float(v) for v in logits]
        if len(logits) < 2:
            raise ValueError(f"softmax needs at least 2 logits, got {len(logits)}")
        self._logit_keys = [f"x{i + 1}" for i in range(len(logits))]
        for key, value in zip(self._logit_keys, logits):
            LOGIT_PARAM.check(key, value, on_slider=True)
        specs = {key: dataclasses.replace(LOGIT_PARAM, default=value, description=tr(LOGIT_DESCRIPTION))
                 for key, value in zip(self._logit_keys, logits)}
        specs.update(_slider_specs(activations))
        super().__init__(activations, specs, start, plotting.FIGSIZE[len(activations)])

    @property
    def logits(self):
        """Current logits, as an array."""
        return np.array([self.sliders[key].value for key in self._logit_keys])

    def _outputs(self, act, values=None):
        values = self.values if values is None else values
        logits = np.array([values[key] for key in self._logit_keys])
        return act(logits, **self.params(act, values))

    def _draw(self):
        self.axes = list(self.figure.subplots(1, len(self.activations), squeeze=False)[0])
        self.lines, self._labels = {}, {}
        positions = np.arange(len(self.logits))
        for ax, act in zip(self.axes, self.activations):
            out = self._outputs(act)
            self.lines[act.name] = ax.bar(positions, out, color=plotting.color(act.name), width=0.6)
            self._labels[act.name] = [ax.text(i, 0.0, "", ha="center") for i in positions]
            ax.set_xticks(positions, [f"$x_{{{i + 1}}}$" for i in positions])
            ax.set(title=f"{act.name}(x / T)",
                   ylabel=tr_figure("log-probability") if act.log else tr_figure("probability"))
            ax.axhline(0.0, color="0.6", linewidth=0.9, zorder=1)
            ax.grid(False, axis="x")
        return [artist for act in self.activations
                for artist in [*self.lines[act.name], *self._labels[act.name]]]

    def _set_data(self, rescale, values, fit=()):
        changed = []
        for ax, act in zip(self.axes, self.activations):
            out = self._outputs(act, values)
            for i, (bar, label, value) in enumerate(zip(self.lines[act.name],
                                                        self._labels[act.name], out)):
                bar.set_height(value)
                label.set_position((i, value))
                label.set_verticalalignment("bottom" if value >= 0 else "top")
                label.set_text(f"{value:.2f}")
            # Room for the labels; probabilities get the fixed range [0, 1].
            room = [1.1 * out, [1.12]] if not act.log else [1.15 * out]
            changed.append(_fit_ylim(ax, room, rescale))
        return any(changed)


def interactive_figure(draw, *, figsize=None, continuous=True, **controls):
    """Return a widget that redraws ``draw(fig, **values)`` whenever a control moves.

    For the demonstrations of the notebooks that are not one activation's
    curve (a depth plot, a training run): the notebook writes ``draw`` and
    says which knobs it has; this adds the sliders, the live image and the
    static copy for saved notebooks.

    Parameters
    ----------
    draw : callable
        ``draw(fig, **values)`` draws on an empty matplotlib Figure.
    figsize : (float, float), optional
        Size in inches; the width of an explorer by default.
    continuous : bool
        Redraw while a slider is dragged (True), or only when it is
        released (False: for a ``draw`` that takes more than ~0.1 s).
    **controls
        Each a ``(min, max, step, default)`` tuple (an IntSlider when all four
        are ints), a list of choices (ToggleButtons, the first selected) or a
        :class:`~actlib.activations.Param`.

    Returns
    -------
    FigureWidget
    """
    if not callable(draw):
        raise TypeError(f"draw must be a function draw(fig, **values), got {type(draw).__name__}")
    if not controls:
        raise ValueError("interactive_figure() needs at least one control, e.g. depth=(1, 50, 1, 10)")
    specs = {key: _as_param(key, value) for key, value in controls.items()}
    return FigureWidget(draw, specs, figsize or plotting.FIGSIZE[2], continuous)


def _as_param(key, value):
    if isinstance(value, Param):
        return value
    if isinstance(value, list) and value:
        return Param(value[0], None, None, None, key, tuple(value))
    if isinstance(value, tuple) and len(value) == 4:
        lo, hi, step, default = value
        spec = Param(default, lo, hi, step, key)
        spec.check(key, default, on_slider=True)
        if not step > 0:
            raise ValueError(f"{key}: the step must be > 0, got {step!r}")
        return spec
    raise TypeError(f"{key}: give (min, max, step, default), a list of choices or a Param; "
                    f"got {value!r}")


class FigureWidget(_LiveFigure):
    """Controls above a figure that a notebook function redraws.

    Use :func:`interactive_figure` to make one.

    Attributes
    ----------
    sliders : dict of str to ipywidgets widget
    figure : matplotlib.figure.Figure
    image : ipywidgets.Image
    """

    def __init__(self, draw, specs, figsize, continuous):
        super().__init__(figsize)
        self._draw_fn = draw
        self.sliders = {key: _control(key, spec, continuous) for key, spec in specs.items()}
        self.update()
        for slider in self.sliders.values():
            slider.observe(lambda change: self.update(), names="value")
        self.children = [widgets.VBox(list(self.sliders.values())), self.image]

    @property
    def values(self):
        """Current value of every control, by name."""
        return {key: slider.value for key, slider in self.sliders.items()}

    def update(self):
        """Clear the figure, call ``draw`` with the current values, show the PNG."""
        self.figure.clear()
        with plotting.style_context():
            self._draw_fn(self.figure, **self.values)
            self.figure.canvas.draw()
        self._show()

    def summary(self):
        return tr("Interactive figure (controls: {controls})", controls=", ".join(self.sliders))
