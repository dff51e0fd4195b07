"""The look of the series: one palette, two styles and a few plotting helpers.

Every activation has a fixed colour and line style across all notebooks and
explorers (:func:`color`, :func:`linestyle`, both from the registry): solid
for most, dashed or dash-dotted where activations share a colour. A
derivative takes the next style: dashed for a solid f. ``use_style("lecture")`` switches to
bigger fonts and thicker lines for projection, for the figures and explorers
made afterwards.

The helpers draw with :mod:`matplotlib.pyplot`, so their figures show inline
in a notebook, and return the Figure. Assign it (``fig = ...``) or end the
line with ``;``: a Figure left as the cell's value is shown twice.
"""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler
from matplotlib.colors import LinearSegmentedColormap, to_rgb

from . import i18n
from .activations import ACTIVATIONS, get
from .i18n import tr_figure

__all__ = ["OKABE_ITO", "PALETTE", "LINESTYLES", "STYLES", "FIGSIZE", "color", "linestyle",
           "use_style", "use_fonts", "style_context", "draw_activations", "plot_activations", "compare",
           "plot_curves", "plot_depth", "plot_decision_boundary"]

# Okabe & Ito (2008), "Color Universal Design": eight colours that stay apart
# for the common kinds of colour blindness. Plots of other data (learning
# curves of unnamed runs, classes) take them in this order.
OKABE_ITO = {"blue": "#0072B2", "vermillion": "#D55E00", "green": "#009E73", "orange": "#E69F00",
             "sky_blue": "#56B4E9", "purple": "#CC79A7", "black": "#000000", "yellow": "#F0E442"}
PALETTE = tuple(OKABE_ITO.values())
#: Line styles in order: an activation's f takes one of the first three (its
#: registry ``linestyle``), its f' the next, so that f and f' differ on one axes.
LINESTYLES = ("-", "--", "-.", ":")

_BASE_RC = {
    "axes.prop_cycle": cycler(color=PALETTE),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
}
STYLES = {
    "notebook": {**_BASE_RC, "font.size": 11, "axes.titlesize": 12, "axes.labelsize": 11,
                 "legend.fontsize": 10, "xtick.labelsize": 10, "ytick.labelsize": 10,
                 "lines.linewidth": 2.0, "lines.markersize": 5},
    "lecture": {**_BASE_RC, "font.size": 15, "axes.titlesize": 17, "axes.labelsize": 16,
                "legend.fontsize": 15, "xtick.labelsize": 14, "ytick.labelsize": 14,
                "lines.linewidth": 3.0, "lines.markersize": 8},
}
#: Figure size (inches) for one panel and for two panels side by side.
FIGSIZE = {1: (6.4, 3.6), 2: (9.6, 3.6)}
_style = "notebook"


def color(name):
    """Return the fixed colour (hex) of the activation ``name``: its registry ``color``."""
    return OKABE_ITO[get(name).color]


def linestyle(name, derivative=False):
    """Return the line style of the activation ``name``'s f, or of its f'.

    f has the registry's ``linestyle``, one of ``LINESTYLES[:3]``; f' the next in
    :data:`LINESTYLES` (dashed for a solid f).
    """
    style = get(name).linestyle
    if style not in LINESTYLES[:-1]:
        raise ValueError(f"{name}: linestyle must be one of {list(LINESTYLES[:-1])}, got {style!r}")
    return LINESTYLES[LINESTYLES.index(style) + derivative]


def use_style(name):
    """Switch the series to the ``"notebook"`` or the ``"lecture"`` style.

    Applies to the figures and explorers made afterwards, including plain
    ``plt.plot`` ones (it updates ``matplotlib.rcParams``).
    """
    global _style
    if name not in STYLES:
        raise ValueError(f"unknown style {name!r}; choose one of {', '.join(STYLES)}")
    _style = name
    matplotlib.rcParams.update(STYLES[name])
    use_fonts()


def _font_rc():
    """The rcParams that add the font with Chinese glyphs after the current ones, or ``{}``.

    ``{}`` in English, and where no such font is installed (:func:`actlib.i18n.tr_figure`
    then keeps the labels English).
    """
    font = i18n.cjk_font() if i18n.language() != "en" else None
    if font is None:
        return {}
    rc = {}
    sans = list(matplotlib.rcParams["font.sans-serif"])
    if font not in sans:
        rc["font.sans-serif"] = sans[:1] + [font] + sans[1:]
    # Matplotlib takes each glyph from the first font of the family list that has it: Latin
    # letters and digits keep their font, Chinese characters come from this one.
    family = list(matplotlib.rcParams["font.family"])
    if font not in family:
        rc["font.family"] = family + [font]
    return rc


def use_fonts():
    """Let the figures made from now on show Chinese characters, when the language needs them.

    Called by :func:`actlib.set_language` and :func:`use_style`. Where no font has the
    glyphs it does nothing: the figure labels then stay English.
    """
    matplotlib.rcParams.update(_font_rc())


def style_context():
    """Context manager that applies the current style (for actlib's own figures)."""
    return matplotlib.rc_context({**STYLES[_style], **_font_rc()})


def _resolve(names, params):
    """Pair each activation with its parameters; raise for bad input before drawing."""
    params = dict(params or {})
    acts = [get(n) for n in names]
    for act in acts:
        if not act.elementwise:
            raise ValueError(f"{act.name} is not elementwise: it maps a vector of scores "
                             f"to a vector, so it has no curve f(x)")
    unused = set(params) - {k for act in acts for k in act.params}
    if unused:
        raise TypeError(f"no activation among {list(names)} takes parameter(s) {sorted(unused)}")
    curves = [(act, {k: v for k, v in params.items() if k in act.params}) for act in acts]
    for act, p in curves:
        act.resolve(p)
    return curves


def _new_figure(panels=1):
    """A pyplot figure, made outside ``style_context`` on purpose.

    The first pyplot figure of a notebook loads the inline backend, which
    turns interactive mode on; inside ``rc_context`` that would be undone on
    exit, and later figures would no longer show by themselves.
    """
    return plt.figure(figsize=FIGSIZE[panels], layout="constrained")


def _decorate(ax, title=None, xlabel=None, ylabel=None):
    """Zero axes lines behind the data, and the labels."""
    ax.axhline(0.0, color="0.6", linewidth=0.9, zorder=1)
    ax.axvline(0.0, color="0.6", linewidth=0.9, zorder=1)
    ax.set(title=title, xlabel=xlabel, ylabel=ylabel)


def draw_activations(fig, names, x, params=None, derivative=False):
    """Draw activations on ``fig``: f on the left, f' on a panel beside it.

    Each curve has its activation's colour and line style (:func:`linestyle`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        An empty figure.
    names : list of str
        Registry names.
    x : ndarray
        Inputs, in increasing order; they set the x range.
    params : dict, optional
        Parameter values by parameter name; each activation takes the ones it
        has (``{"steepness": 2}`` sets it for sigmoid and bipolar_sigmoid).
    derivative : bool
        Add the panel of derivatives.

    Returns
    -------
    axes : list of Axes
        ``[f panel]`` or ``[f panel, f' panel]``.
    lines, derivative_lines : dict of str to Line2D
        The curve of each activation; ``derivative_lines`` is empty without
        the derivative panel.
    """
    curves = _resolve(names, params)
    axes = list(fig.subplots(1, 2 if derivative else 1, squeeze=False)[0])
    lines, derivative_lines = {}, {}
    for act, p in curves:
        lines[act.name] = axes[0].plot(x, act(x, **p), color=color(act.name),
                                       linestyle=linestyle(act.name), label=act.name)[0]
        if derivative:
            derivative_lines[act.name] = axes[1].plot(
                x, act.derivative(x, **p), color=color(act.name),
                linestyle=linestyle(act.name, derivative=True), label=act.name)[0]
    for ax, title in zip(axes, (tr_figure("f(x)"), tr_figure("f'(x)"))):
        _decorate(ax, title=title, xlabel="x")
        ax.set_xlim(x[0], x[-1])
    # A fixed corner: "best" is slow to compute, and every activation rises
    # from left to right, which leaves the upper left empty.
    axes[0].legend(loc="upper left")
    return axes, lines, derivative_lines


def plot_activations(names, derivative=False, xlim=(-5, 5), params=None):
    """Plot activations (and their derivatives in a second panel).

    Parameters
    ----------
    names : str or list of str
        Registry names.
    derivative : bool
        Add a panel with f'(x).
    xlim : (float, float)
        Range of x.
    params : dict, optional
        Parameter values by parameter name, e.g. ``{"steepness": 2}``; each
        activation takes the ones it has.

    Returns
    -------
    matplotlib.figure.Figure
    """
    names = [names] if isinstance(names, str) else list(names)
    _resolve(names, params)  # the errors, before an empty figure appears
    fig = _new_figure(2 if derivative else 1)
    with style_context():
        draw_activations(fig, names, np.linspace(*xlim, 401), params, derivative)
    return fig


def _shade(hex_color, t):
    """``hex_color`` mixed with white: ``t = 1`` is the colour, 0 is pale."""
    return tuple(1 - (0.25 + 0.75 * t) * (1 - c) for c in to_rgb(hex_color))


def compare(name, derivative=False, xlim=(-5, 5), **params):
    """Plot one activation for several values of one parameter.

    ``compare("sigmoid", steepness=[0.5, 1, 5])`` draws three curves in the
    colour of sigmoid, paler for the smaller values. Other parameters may be
    given as single values.

    Returns
    -------
    matplotlib.figure.Figure
    """
    act = get(name)
    varied = [k for k, v in params.items() if np.ndim(v) == 1]
    if len(varied) != 1:
        raise ValueError(f"compare() needs exactly one parameter given as a list of values, "
                         f"got {varied or 'none'}")
    key = varied[0]
    values = params.pop(key)
    for value in values:
        act.resolve({**params, key: value})
    x = np.linspace(*xlim, 401)
    fig = _new_figure(2 if derivative else 1)
    with style_context():
        axes = fig.subplots(1, 2 if derivative else 1, squeeze=False)[0]
        for i, value in enumerate(values):
            p = {**params, key: value}
            shade = _shade(color(name), (i + 1) / len(values))
            text = value if isinstance(value, str) else f"{value:g}"
            axes[0].plot(x, act(x, **p), color=shade, linestyle=linestyle(name),
                         label=f"{key} = {text}")
            if derivative:
                axes[1].plot(x, act.derivative(x, **p), color=shade,
                             linestyle=linestyle(name, derivative=True))
        for ax, title in zip(axes, (f"{name}(x)", f"{name}'(x)")):
            _decorate(ax, title=title, xlabel="x")
            ax.set_xlim(*xlim)
        axes[0].legend(loc="upper left")
    return fig


def _plot_series(series, xlabel, ylabel, logy, ax, marker):
    """Lines of y-values against 1, 2, 3, ...; activation names keep their colour."""
    fig = _new_figure() if ax is None else ax.figure
    with style_context():
        if ax is None:
            ax = fig.subplots()
        for i, (label, values) in enumerate(series.items()):
            values = np.asarray(values, dtype=float)
            look = ({"color": color(label), "linestyle": linestyle(label)} if label in ACTIVATIONS
                    else {"color": PALETTE[i % len(PALETTE)]})
            ax.plot(np.arange(1, len(values) + 1), values, marker=marker, label=label, **look)
        ax.set(xlabel=xlabel, ylabel=ylabel)
        if logy:
            ax.set_yscale("log")
        ax.legend()
    return fig


def plot_curves(curves, ylabel, xlabel=None, logy=False, ax=None):
    """Plot learning curves: ``{name: values per epoch}``, x counted from 1.

    A curve named after an activation gets that activation's colour and line
    style; others take the palette in order. ``xlabel`` is "epoch" (in the
    current language) unless given. Returns the Figure (of ``ax`` if given).
    """
    xlabel = tr_figure("epoch") if xlabel is None else xlabel
    return _plot_series(curves, xlabel, ylabel, logy, ax, marker=None)


def plot_depth(stats, ylabel, xlabel=None, logy=False, ax=None):
    """Plot a statistic per layer: ``{name: array over layers}``, layers from 1.

    For depth plots such as the gradient norm per layer (use ``logy=True``
    when it vanishes). ``xlabel`` is "layer" unless given. Colours as in
    :func:`plot_curves`; returns the Figure.
    """
    xlabel = tr_figure("layer") if xlabel is None else xlabel
    return _plot_series(stats, xlabel, ylabel, logy, ax, marker="o")


def plot_decision_boundary(ax, xx, yy, probs, X, y):
    """Shade a 2-D classifier's prediction over a grid and scatter the data.

    Parameters
    ----------
    ax : Axes
    xx, yy : ndarray, shape (m, n)
        Grid coordinates, as from ``np.meshgrid``.
    probs : ndarray, shape (m, n) or (m, n, K)
        P(class 1) for a binary classifier (the 0.5 contour is the boundary
        line), or the K class probabilities (regions by most likely class).
    X : ndarray, shape (N, 2)
    y : ndarray of int, shape (N,)
        Class labels 0 .. K-1.

    Returns
    -------
    Axes
    """
    probs = np.asarray(probs, dtype=float)
    X, y = np.asarray(X), np.asarray(y).astype(int)
    if np.shape(xx) != np.shape(yy) or probs.shape[:2] != np.shape(xx) or probs.ndim > 3:
        raise ValueError(f"xx, yy must have the same shape (m, n) and probs (m, n) or "
                         f"(m, n, K); got {np.shape(xx)}, {np.shape(yy)} and {probs.shape}")
    if X.ndim != 2 or X.shape[1] != 2 or y.shape != X.shape[:1]:
        raise ValueError(f"X must have shape (N, 2) and y shape (N,); got {X.shape} and {y.shape}")
    if probs.ndim == 3 and probs.shape[2] > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} classes can be told apart, got {probs.shape[2]}")
    if probs.ndim == 2:
        cmap = LinearSegmentedColormap.from_list("actlib_binary", [PALETTE[0], "white", PALETTE[1]])
        ax.contourf(xx, yy, probs, levels=np.linspace(0, 1, 11), cmap=cmap, alpha=0.7)
        ax.contour(xx, yy, probs, levels=[0.5], colors="black", linewidths=1.5)
    else:
        k = probs.shape[2]
        ax.contourf(xx, yy, probs.argmax(axis=2), levels=np.arange(k + 1) - 0.5,
                    colors=PALETTE[:k], alpha=0.35)
    for label in np.unique(y):
        ax.scatter(*X[y == label].T, color=PALETTE[label % len(PALETTE)], edgecolor="black",
                   linewidth=0.6, label=tr_figure("class {label}", label=label), zorder=3)
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    return ax


use_fonts()  # for a language chosen before matplotlib was loaded (set_language then skips it)
