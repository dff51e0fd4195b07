"""The look of the series and the plotting helpers, drawn headlessly."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import actlib  # noqa: E402
from actlib import plotting  # noqa: E402
from actlib.activations import names  # noqa: E402

CURVES = names(elementwise=True)


@pytest.fixture(autouse=True)
def clean_state():
    """Every test starts in the notebook style and leaves no figure open."""
    with matplotlib.rc_context():
        plotting.use_style("notebook")
        yield
        plotting.use_style("notebook")
    plt.close("all")


def _curve_lines(ax):
    """The data lines of ``ax``, without the zero axes lines."""
    return [ln for ln in ax.get_lines() if len(ln.get_xdata()) > 2]


def test_every_activation_has_a_fixed_palette_colour():
    colours = {name: plotting.color(name) for name in actlib.ACTIVATIONS}
    assert set(colours.values()) <= set(plotting.PALETTE)
    assert colours == {name: plotting.color(name) for name in actlib.ACTIVATIONS}
    assert len(set(plotting.PALETTE)) == len(plotting.PALETTE)


@pytest.mark.parametrize("group", [
    ["step", "sigmoid", "bipolar_sigmoid", "tanh"],
    ["relu", "leaky_relu", "prelu", "elu", "selu"],
    ["relu", "leaky_relu", "elu", "selu", "swish", "gelu", "tanh", "sigmoid"],
])
def test_activations_drawn_together_have_different_colours(group):
    assert len({plotting.color(n) for n in group}) == len(group)


def test_colour_of_unknown_name_is_the_registry_error():
    with pytest.raises(KeyError) as err:
        plotting.color("sigmoidd")
    with pytest.raises(KeyError) as expected:
        actlib.get("sigmoidd")
    assert str(err.value) == str(expected.value)


def test_plot_activations_draws_registry_values_in_fixed_colours():
    fig = plotting.plot_activations(["sigmoid", "bipolar_sigmoid", "tanh"], derivative=True,
                                    xlim=(-6, 6), params={"steepness": 2.5})
    assert isinstance(fig, matplotlib.figure.Figure)
    ax_f, ax_df = fig.axes
    for ax, method, derivative in ((ax_f, "__call__", False), (ax_df, "derivative", True)):
        lines = _curve_lines(ax)
        assert [ln.get_label() for ln in lines] == ["sigmoid", "bipolar_sigmoid", "tanh"]
        for ln in lines:
            act = actlib.get(ln.get_label())
            kwargs = {"steepness": 2.5} if act.params else {}
            x = ln.get_xdata()
            assert x[0] == -6 and x[-1] == 6
            np.testing.assert_allclose(ln.get_ydata(), getattr(act, method)(x, **kwargs),
                                       rtol=1e-12, atol=0)
            assert to_hex(ln.get_color()) == plotting.color(act.name).lower()
            assert ln.get_linestyle() == plotting.linestyle(act.name, derivative)


def test_plots_have_zero_axes_lines():
    fig = plotting.plot_activations("relu")
    ax = fig.axes[0]
    flat = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2]
    assert any(np.all(np.asarray(ln.get_ydata()) == 0) for ln in flat)  # y = 0
    assert any(np.all(np.asarray(ln.get_xdata()) == 0) for ln in flat)  # x = 0


def test_plot_activations_bad_input():
    with pytest.raises(TypeError, match="steepnes"):
        plotting.plot_activations(["sigmoid"], params={"steepnes": 2})
    with pytest.raises(ValueError, match="not elementwise"):
        plotting.plot_activations(["softmax"])
    with pytest.raises(KeyError, match="no activation named"):
        plotting.plot_activations(["sigmod"])
    with pytest.raises(ValueError, match="one of"):
        plotting.plot_activations(["gelu"], params={"approximate": "erf"})
    assert plt.get_fignums() == []  # no empty figure left behind


def test_pyplot_state_set_while_a_figure_is_made_survives(monkeypatch):
    # In a notebook the first pyplot figure loads the inline backend, which
    # turns interactive mode on; the style must not undo that.
    make_figure = plt.figure

    def figure_turning_interactive_on(*args, **kwargs):
        matplotlib.interactive(True)
        return make_figure(*args, **kwargs)

    monkeypatch.setattr(plt, "figure", figure_turning_interactive_on)
    matplotlib.interactive(False)
    try:
        plotting.plot_activations("relu")
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(False)


def _sizes(fig):
    ax = fig.axes[0]
    return (ax.title.get_fontsize(), ax.xaxis.label.get_fontsize(),
            ax.get_xticklabels()[0].get_fontsize(), _curve_lines(ax)[0].get_linewidth())


def test_lecture_style_is_bigger_and_switches_back():
    notebook = _sizes(plotting.plot_activations("tanh"))
    plotting.use_style("lecture")
    lecture = _sizes(plotting.plot_activations("tanh"))
    assert all(big > small for big, small in zip(lecture, notebook))
    plotting.use_style("notebook")
    assert _sizes(plotting.plot_activations("tanh")) == notebook


def test_use_style_also_styles_plain_pyplot():
    plotting.use_style("lecture")
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    assert ax.get_lines()[0].get_linewidth() == plotting.STYLES["lecture"]["lines.linewidth"]
    assert to_hex(ax.get_lines()[0].get_color()) == plotting.PALETTE[0].lower()


def test_unknown_style():
    with pytest.raises(ValueError, match="notebook, lecture"):
        plotting.use_style("poster")


def test_compare_one_parameter():
    values = [0.5, 1.0, 4.0]
    fig = plotting.compare("sigmoid", steepness=values, derivative=True)
    ax_f, ax_df = fig.axes
    lines, dlines = _curve_lines(ax_f), _curve_lines(ax_df)
    assert [ln.get_label() for ln in lines] == ["steepness = 0.5", "steepness = 1", "steepness = 4"]
    for ln, dln, s in zip(lines, dlines, values):
        x = ln.get_xdata()
        np.testing.assert_allclose(ln.get_ydata(), actlib.sigmoid(x, steepness=s), rtol=1e-12)
        np.testing.assert_allclose(dln.get_ydata(), actlib.sigmoid.derivative(x, steepness=s),
                                   rtol=1e-12)
        assert dln.get_linestyle() == "--"
    # the largest value is drawn in the activation's own colour
    assert to_hex(lines[-1].get_color()) == plotting.color("sigmoid").lower()
    assert len({to_hex(ln.get_color()) for ln in lines}) == 3


def test_compare_choice_parameter_and_errors():
    fig = plotting.compare("gelu", approximate=["none", "tanh"])
    assert [ln.get_label() for ln in _curve_lines(fig.axes[0])] == [
        "approximate = none", "approximate = tanh"]
    with pytest.raises(ValueError, match="exactly one"):
        plotting.compare("selu", alpha=[1, 2], scale=[1, 2])
    with pytest.raises(ValueError, match="exactly one"):
        plotting.compare("sigmoid", steepness=2)
    with pytest.raises(ValueError, match="finite"):
        plotting.compare("sigmoid", steepness=[1, np.nan])
    assert len(plt.get_fignums()) == 1


def test_plot_curves_and_depth():
    curves = {"relu": [1.0, 0.5, 0.2], "my_act": [1.0, 0.9, 0.8]}
    fig = plotting.plot_curves(curves, ylabel="loss", logy=True)
    ax = fig.axes[0]
    relu, mine = ax.get_lines()
    np.testing.assert_array_equal(relu.get_xdata(), [1, 2, 3])
    np.testing.assert_array_equal(mine.get_ydata(), curves["my_act"])
    assert to_hex(relu.get_color()) == plotting.color("relu").lower()
    assert to_hex(mine.get_color()).upper() in plotting.PALETTE
    assert ax.get_ylabel() == "loss" and ax.get_xlabel() == "epoch" and ax.get_yscale() == "log"

    fig = plotting.plot_depth({"sigmoid": np.logspace(0, -5, 6)}, ylabel="gradient norm")
    (line,) = fig.axes[0].get_lines()
    np.testing.assert_array_equal(line.get_xdata(), np.arange(1, 7))
    assert line.get_marker() == "o" and fig.axes[0].get_xlabel() == "layer"

    fig, ax = plt.subplots()
    assert plotting.plot_depth({"tanh": [1, 2]}, ylabel="std", ax=ax) is fig


def _grid():
    xx, yy = np.meshgrid(np.linspace(-2, 2, 30), np.linspace(-2, 2, 20))
    X = np.array([[-1.0, -1.0], [1.0, 1.0], [1.0, -1.0]])
    return xx, yy, X


def test_decision_boundary_binary_and_multiclass():
    xx, yy, X = _grid()
    fig, (ax1, ax2) = plt.subplots(1, 2)
    p1 = 1 / (1 + np.exp(-(xx + yy)))
    assert plotting.plot_decision_boundary(ax1, xx, yy, p1, X, [0, 1, 1]) is ax1
    boundary = [c for c in ax1.collections if getattr(c, "levels", None) is not None
                and list(c.levels) == [0.5]]
    assert len(boundary) == 1
    points = [c for c in ax1.collections if c.get_label().startswith("class")]
    assert [c.get_label() for c in points] == ["class 0", "class 1"]
    assert len({to_hex(c.get_facecolor()[0]) for c in points}) == 2

    logits = np.stack([xx, yy, -xx], axis=-1)
    probs = actlib.softmax(logits)
    plotting.plot_decision_boundary(ax2, xx, yy, probs, X, [0, 1, 2])
    points = [c for c in ax2.collections if c.get_label().startswith("class")]
    assert len({to_hex(c.get_facecolor()[0]) for c in points}) == 3
    for c in points:
        assert to_hex(c.get_facecolor()[0]).upper() in plotting.PALETTE


def test_decision_boundary_shape_errors():
    xx, yy, X = _grid()
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match="same shape"):
        plotting.plot_decision_boundary(ax, xx, yy, np.zeros((3, 3)), X, [0, 1, 1])
    with pytest.raises(ValueError, match=r"\(N, 2\)"):
        plotting.plot_decision_boundary(ax, xx, yy, np.zeros(xx.shape), X, [0, 1])
