"""The Activation Explorer: the pieces of ``notebooks/explorer.ipynb``.

Served with Voilà (``make app``), the notebook is a page without code:

- :func:`activation_explorer`: a button per activation; the ones switched on
  are overlaid in one :func:`~actlib.widgets.explore` explorer (f, f', the
  formulas, a slider per parameter) above a table of their properties, each
  computed by :func:`~actlib.properties.properties` at the current slider
  values;
- :func:`gelu_approximations`: GELU against its tanh and sigmoid
  approximations, and the error of each;
- :func:`softmax_temperature`: softmax bars over a few logits, with a
  temperature slider.

The plots are actlib's explorers; this module only composes them.
"""

import functools
import html

import ipywidgets as widgets
import numpy as np

from . import activations, plotting
from .activations import get
from .i18n import tr, tr_figure
from .properties import properties
from .widgets import explore, interactive_figure

__all__ = ["activation_explorer", "gelu_approximations", "softmax_temperature",
           "properties_table", "ActivationExplorer"]

DEFAULT = ("sigmoid", "tanh", "relu")


def _columns():
    """Column title, its tooltip (what was computed), and the cell text of a Properties.

    In the current language: the table calls it each time it is drawn.
    """
    return [
        (tr("range"), tr("inf and sup of f(x); [ ] where f reaches the bound, ( ) where it only "
                         "tends to it"), lambda p: p.range_text),
        (tr("monotonic"), tr("f'(x) >= 0 everywhere"), lambda p: _yes(p.monotonic)),
        (tr("smooth"), tr("continuously differentiable: neither f nor f' jumps"),
         lambda p: _yes(p.smooth)),
        (tr("zero-centred"), tr("f(0) = 0 and f takes both signs"), lambda p: _yes(p.zero_centred)),
        (tr("saturates"), tr("where f'(x) -> 0 as x -> -inf or +inf"), lambda p: p.saturates_text),
        (tr("used in"), "", lambda p: tr(p.used_in)),
    ]


#: The columns as the language was when actlib.app was imported (the table calls _columns()).
COLUMNS = _columns()
NO_SELECTION = "<i>Switch on at least one activation above.</i>"


def _yes(flag):
    return tr("yes") if flag else tr("no")


@functools.lru_cache(maxsize=2048)
def _cached_properties(name, params):
    # Slider values lie on a grid, so a drag revisits them.
    return properties(name, **dict(params))


def properties_table(rows):
    """HTML table of computed properties.

    Parameters
    ----------
    rows : list of (str, dict)
        Activation name and parameter values, one row each.

    Returns
    -------
    str
    """
    columns = _columns()
    head = "".join(f'<th title="{tip}">{title}</th>' for title, tip, _ in columns)
    body = []
    for name, params in rows:
        p = _cached_properties(name, tuple(sorted(params.items())))
        swatch = f'<span style="color: {plotting.color(name)}">&#9632;</span>'
        cells = "".join(f"<td>{html.escape(text(p))}</td>" for _, _, text in columns)
        body.append(f"<tr><td>{swatch} <b>{name}</b></td>{cells}</tr>")
    style = ("<style>.actlib-props {border-collapse: collapse; margin-top: 6px}"
             ".actlib-props th, .actlib-props td {padding: 3px 10px; text-align: left;"
             " border-bottom: 1px solid #ddd}</style>")
    return (f'{style}<table class="actlib-props"><tr><th>{tr("activation")}</th>{head}</tr>'
            f'{"".join(body)}</table>')


class ActivationExplorer(widgets.VBox):
    """Buttons that pick activations, their explorer and their properties table.

    Use :func:`activation_explorer` to make one.

    Attributes
    ----------
    buttons : dict of str to ipywidgets.ToggleButton
        One per elementwise activation; switching it rebuilds the explorer
        and keeps the values of the sliders that remain.
    explorer : actlib.widgets.Explorer or None
        The explorer of the activations switched on (None for none).
    table : ipywidgets.HTML
        The properties of the activations shown, at the current values.
    """

    def __init__(self, names, xlim):
        super().__init__()
        self._xlim = xlim
        self.buttons = {
            name: widgets.ToggleButton(
                value=name in names, description=name, tooltip=tr(get(name).used_in),
                layout=widgets.Layout(width="auto", border_bottom=f"4px solid {plotting.color(name)}"))
            for name in activations.names(elementwise=True)
        }
        self.explorer = None
        self._slot = widgets.Box()
        self.table = widgets.HTML()
        self._show()
        for button in self.buttons.values():
            button.observe(self._show, names="value")
        picker = widgets.HBox(list(self.buttons.values()),
                              layout=widgets.Layout(flex_flow="row wrap", margin="0 0 8px 0"))
        self.children = [picker, self._slot, self.table]

    @property
    def selected(self):
        """Names of the activations switched on, in registry order."""
        return [name for name, button in self.buttons.items() if button.value]

    def _show(self, change=None):
        names, old = self.selected, self._slot.children
        if names:
            kept = self.explorer.values if self.explorer else {}
            self.explorer = explore(names, xlim=self._xlim, **_carry(kept, [get(n) for n in names]))
            for slider in self.explorer.sliders.values():
                slider.observe(self._update_table, names="value")
            self._slot.children = [self.explorer]
            self._update_table()
        else:
            self.explorer = None
            self._slot.children = [widgets.HTML(tr(NO_SELECTION))]
            self.table.value = ""
        for widget in old:
            _close(widget)

    def _update_table(self, change=None):
        self.table.value = properties_table(
            [(act.name, self.explorer.params(act)) for act in self.explorer.activations])

    def summary(self):
        """One short line: the activations shown (the text/plain view)."""
        return tr("Activation Explorer: {names}", names=", ".join(self.selected) or tr("none selected"))

    def __repr__(self):
        return self.summary()


def _close(widget):
    """Close ``widget`` and all inside it, so that neither kernel nor page keeps them."""
    for child in getattr(widget, "children", ()):
        _close(child)
    for part in (getattr(widget, "layout", None), getattr(widget, "style", None)):
        if part is not None:
            part.close()
    widget.close()


def _carry(values, acts):
    """The slider values that every activation in ``acts`` having them can take."""
    def fits(key, value):
        specs = [a.params[key] for a in acts if key in a.params]
        return specs and not any(s.problem(key, value, on_slider=True) for s in specs)
    return {key: value for key, value in values.items() if fits(key, value)}


def activation_explorer(names=DEFAULT, *, xlim=(-5, 5)):
    """Return the Activation Explorer with ``names`` switched on.

    Parameters
    ----------
    names : sequence of str
        Elementwise activations to show first (registry names).
    xlim : (float, float)
        Range of x of the curves.

    Returns
    -------
    ActivationExplorer

    Raises
    ------
    KeyError
        For an unknown name.
    ValueError
        For an activation that is not elementwise (for softmax, see
        :func:`softmax_temperature`).
    """
    names = [names] if isinstance(names, str) else list(names)
    for name in names:
        if not get(name).elementwise:
            raise ValueError(f"{name} is not elementwise and has no curve "
                             "(for softmax, see softmax_temperature())")
    return ActivationExplorer(names, xlim)


def gelu_approximations(x_max=4.0):
    """Return GELU, its tanh and sigmoid approximations and their errors, with controls.

    The left panel overlays the three curves on ``[-x_max, x_max]``; the right
    one shows |approximation - exact GELU| on a log scale, or the signed
    difference, with the largest absolute error of each in the legend.

    Returns
    -------
    actlib.widgets.FigureWidget
    """
    gelu = get("gelu")
    approximations = [c for c in gelu.params["approximate"].choices if c != "none"]
    styles = dict(zip(approximations, [(plotting.OKABE_ITO["orange"], "--"),
                                       (plotting.OKABE_ITO["purple"], ":")]))

    # The choices of the error control, in the language of when the widget was made.
    log_error, signed_error = tr("log |error|"), tr("error")

    def draw(fig, x_max, error):
        x = np.linspace(-x_max, x_max, 801)
        exact = gelu(x)
        left, right = fig.subplots(1, 2)
        left.plot(x, exact, color=plotting.color("gelu"), label=tr_figure("exact: x Φ(x)"))
        for name in approximations:
            color, dash = styles[name]
            approx = gelu(x, approximate=name)
            diff = approx - exact
            left.plot(x, approx, color=color, linestyle=dash, label=name)
            worst = np.abs(diff).max()
            if error == log_error:
                right.semilogy(x, np.abs(diff), color=color,
                               label=tr_figure("{name}: max {worst}", name=name, worst=f"{worst:.1e}"))
            else:
                right.plot(x, diff, color=color,
                           label=tr_figure("{name}: max |error| {worst}", name=name, worst=f"{worst:.1e}"))
        left.set(title=tr_figure("GELU and its approximations"), xlabel="x")
        left.legend(loc="upper left")
        right.set(title=tr_figure("approximation − exact") if error == signed_error
                  else tr_figure("|approximation − exact|"), xlabel="x")
        # Below the panel: the error curves fill it, whatever the range.
        right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2)

    # A full redraw of two panels takes 0.1-0.3 s: redraw when the slider is let go.
    return interactive_figure(
        draw, continuous=False, x_max=(1.0, 10.0, 0.5, float(x_max)),
        error=[log_error, signed_error])


def softmax_temperature(logits=(2.0, 1.0, 0.1, -1.0)):
    """Return the softmax explorer: a slider per logit and one for the temperature.

    Returns
    -------
    actlib.widgets.SoftmaxExplorer
    """
    return explore("softmax", logits=logits)
