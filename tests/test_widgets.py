"""Explorers driven headlessly: set a slider, check the plotted data and the PNG."""

import base64

import matplotlib

matplotlib.use("Agg")

import ipywidgets  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

import actlib  # noqa: E402
from actlib import plotting, widgets  # noqa: E402
from actlib.activations import names  # noqa: E402
from actlib.widgets import Explorer, explore  # noqa: E402

CURVES = names(elementwise=True)
NUMERIC = [(n, k) for n in CURVES for k, p in actlib.get(n).params.items() if not p.choices]
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def notebook_style():
    with matplotlib.rc_context():
        plotting.use_style("notebook")
        yield
        plotting.use_style("notebook")


def assert_curves_match(w):
    """Every plotted curve equals the registry at the explorer's current values."""
    for act in w.activations:
        p = w.params(act)
        np.testing.assert_allclose(w.lines[act.name].get_ydata(), act(w.x, **p),
                                   rtol=1e-12, atol=0)
        if w.derivative:
            np.testing.assert_allclose(w.derivative_lines[act.name].get_ydata(),
                                       act.derivative(w.x, **p), rtol=1e-12, atol=0)
    for line in [*w.lines.values(), *w.derivative_lines.values()]:
        lo, hi = line.axes.get_ylim()  # the y-range only grows, but never clips a curve
        assert lo <= line.get_ydata().min() and line.get_ydata().max() <= hi


def other_value(spec):
    """A slider value away from the default, on the slider's grid."""
    target = spec.default + 3 * spec.step if spec.default + 3 * spec.step <= spec.max else spec.min
    return round(target / spec.step) * spec.step


@pytest.mark.parametrize("name", CURVES)
def test_one_control_per_parameter_with_registry_range(name):
    act = actlib.get(name)
    w = explore(name)
    assert isinstance(w, ipywidgets.VBox) and isinstance(w, Explorer)
    assert list(w.sliders) == list(act.params)
    for key, spec in act.params.items():
        control = w.sliders[key]
        assert control.tooltip == spec.description
        assert control.description == key
        if spec.choices:
            assert isinstance(control, ipywidgets.ToggleButtons)
            assert tuple(control.options) == spec.choices
        else:
            assert isinstance(control, ipywidgets.FloatSlider)
            assert (control.min, control.max, control.step) == (spec.min, spec.max, spec.step)
        assert control.value == spec.default
    assert_curves_match(w)
    assert w.png().startswith(PNG_MAGIC)


@pytest.mark.parametrize("name,key", NUMERIC)
def test_moving_a_slider_redraws_with_the_registry_values(name, key):
    w = explore(name)
    before_png = w.png()
    before = w.lines[name].get_ydata().copy()
    before_d = w.derivative_lines[name].get_ydata().copy()
    w.sliders[key].value = other_value(actlib.get(name).params[key])
    assert_curves_match(w)
    changed_f = not np.array_equal(w.lines[name].get_ydata(), before)
    changed_df = not np.array_equal(w.derivative_lines[name].get_ydata(), before_d)
    assert changed_f or changed_df  # step's threshold moves f only; f' stays 0
    assert w.png() != before_png


def test_slider_moves_far_beyond_the_start_are_not_clipped():
    w = explore("sigmoid")
    for s in (2.0, 6.0, 10.0, 0.1, 10.0):
        w.sliders["steepness"].value = s
        assert_curves_match(w)


def test_small_moves_redraw_only_the_curves_and_match_a_full_redraw():
    w = explore("sigmoid")
    canvas, full_draws = w.figure.canvas, []
    draw = canvas.draw
    canvas.draw = lambda: (full_draws.append(1), draw())
    w.sliders["steepness"].value = 0.9  # f' gets lower: the axes stay
    assert full_draws == []
    blitted = w.png()
    w._background = None  # force the full redraw
    w.update()
    assert full_draws == [1] and w.png() == blitted
    w.sliders["steepness"].value = 5.0  # f' peaks at 1.25: the y-range grows
    assert full_draws == [1, 1]


def test_rescale_fits_the_current_curves_again():
    w = explore("sigmoid")
    start = w.axes[1].get_ylim()
    w.sliders["steepness"].value = 10.0
    grown = w.axes[1].get_ylim()
    assert grown[1] > 2.5 > start[1]  # the peak of f' is s / 4
    w.sliders["steepness"].value = 1.0
    assert w.axes[1].get_ylim() == grown  # never shrinks by itself
    w.update(rescale=True)
    assert w.axes[1].get_ylim() == pytest.approx(start)


def test_overlay_shares_one_slider_per_parameter_name():
    w = explore(["sigmoid", "bipolar_sigmoid", "tanh"])
    assert list(w.sliders) == ["steepness"]
    w.sliders["steepness"].value = 3.0
    assert w.params(actlib.sigmoid) == w.params(actlib.bipolar_sigmoid) == {"steepness": 3.0}
    assert_curves_match(w)
    assert set(w.lines) == {"sigmoid", "bipolar_sigmoid", "tanh"}
    for name, line in w.lines.items():
        assert to_hex(line.get_color()) == plotting.color(name).lower()
        assert line.get_linestyle() == plotting.linestyle(name)
        assert w.derivative_lines[name].get_linestyle() == plotting.linestyle(name, derivative=True)


def test_shared_name_with_different_ranges_covers_both():
    w = explore(["elu", "selu"])
    assert list(w.sliders) == ["alpha", "scale"]
    alpha = w.sliders["alpha"]
    for act in (actlib.elu, actlib.selu):
        spec = act.params["alpha"]
        assert alpha.min <= spec.min and spec.max <= alpha.max and alpha.step <= spec.step
    assert alpha.value == actlib.elu.params["alpha"].default  # the first listed sets it
    w.sliders["alpha"].value = 2.0
    w.sliders["scale"].value = 1.5
    assert_curves_match(w)


def test_gelu_choice_changes_the_curve():
    w = explore("gelu")
    exact = w.lines["gelu"].get_ydata().copy()
    for choice in ("tanh", "sigmoid"):
        w.sliders["approximate"].value = choice
        assert_curves_match(w)
        assert not np.array_equal(w.lines["gelu"].get_ydata(), exact)


def test_options_xlim_derivative_and_start_values():
    w = explore("leaky_relu", xlim=(-2, 3), derivative=False, negative_slope=0.2)
    assert w.sliders["negative_slope"].value == 0.2
    assert w.x[0] == -2 and w.x[-1] == 3
    assert len(w.axes) == 1 and w.derivative_lines == {}
    assert_curves_match(w)
    assert actlib.leaky_relu.derivative_formula not in w.formula.value
    assert actlib.leaky_relu.formula in w.formula.value


def softmax_heights(w, name):
    return np.array([bar.get_height() for bar in w.lines[name]])


def test_softmax_bars_follow_logits_and_temperature():
    w = explore("softmax")
    logit_keys = [k for k in w.sliders if k != "temperature"]
    assert len(logit_keys) >= 4 and "axis" not in w.sliders
    assert w.sliders["temperature"].min == actlib.softmax.params["temperature"].min
    p = softmax_heights(w, "softmax")
    assert p.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(p, actlib.softmax(w.logits), rtol=1e-12)

    w.sliders[logit_keys[1]].value = 4.0
    q = softmax_heights(w, "softmax")
    assert q.sum() == pytest.approx(1.0) and q[1] > p[1] and q.argmax() == 1
    np.testing.assert_allclose(q, actlib.softmax(w.logits), rtol=1e-12)

    png = w.png()
    w.sliders["temperature"].value = 5.0
    r = softmax_heights(w, "softmax")
    assert r.sum() == pytest.approx(1.0) and r.max() < q.max()  # hotter is flatter
    np.testing.assert_allclose(r, actlib.softmax(w.logits, temperature=5.0), rtol=1e-12)
    assert w.png() != png


def test_softmax_and_log_softmax_share_their_sliders():
    w = explore(["softmax", "log_softmax"], logits=(1.0, 0.0, -1.0, 2.0, 0.5))
    assert list(w.sliders) == ["x1", "x2", "x3", "x4", "x5", "temperature"]
    w.sliders["x3"].value = 3.0
    w.sliders["temperature"].value = 0.5
    np.testing.assert_allclose(w.logits, [1.0, 0.0, 3.0, 2.0, 0.5])
    logp = softmax_heights(w, "log_softmax")
    np.testing.assert_allclose(np.exp(logp), softmax_heights(w, "softmax"), rtol=1e-12)
    np.testing.assert_allclose(logp, actlib.log_softmax(w.logits, temperature=0.5), rtol=1e-12)


def test_mimebundle_has_png_and_short_text():
    w = explore(["sigmoid", "bipolar_sigmoid"])
    w.sliders["steepness"].value = 2.0
    bundle = w._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert base64.b64decode(bundle["image/png"]) == w.png()
    text = bundle["text/plain"]
    assert text == "Explorer: sigmoid, bipolar_sigmoid (sliders: steepness)"
    assert explore("tanh")._repr_mimebundle_()["text/plain"] == "Explorer: tanh (sliders: none)"
    assert "0x" not in explore("softmax")._repr_mimebundle_()["text/plain"]


def test_no_pyplot_figures_are_created():
    before = plt.get_fignums()
    explore(["relu", "gelu"]).sliders["approximate"].value = "tanh"
    assert plt.get_fignums() == before


def test_lecture_style_applies_to_explorers_made_afterwards():
    def sizes(w):
        ax = w.axes[0]
        return ax.title.get_fontsize(), w.lines["tanh"].get_linewidth()

    notebook = sizes(explore("tanh"))
    plotting.use_style("lecture")
    lecture = sizes(explore("tanh"))
    assert all(big > small for big, small in zip(lecture, notebook))


def test_bad_input():
    with pytest.raises(KeyError) as err:
        explore(["sigmoid", "sigmod"])
    with pytest.raises(KeyError) as expected:
        actlib.get("sigmod")
    assert str(err.value) == str(expected.value)
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        explore("leaky_relu", negative_slope=1.5)
    with pytest.raises(ValueError, match=r"\[0.1, 10\]"):
        explore(["sigmoid", "tanh"], steepness=0.0)
    with pytest.raises(ValueError, match=r"\[-5, 5\]"):
        explore("softmax", logits=(1, 2, 9, 0))
    with pytest.raises(ValueError, match="one of"):
        explore("gelu", approximate="erf")
    with pytest.raises(TypeError, match="steepnes"):
        explore("sigmoid", steepnes=2.0)
    with pytest.raises(ValueError, match="apart"):
        explore(["softmax", "sigmoid"])
    with pytest.raises(ValueError, match="explore its gate 'swish'"):
        explore("swiglu")
    with pytest.raises(ValueError, match="once"):
        explore(["relu", "relu"])
    with pytest.raises(ValueError, match="at least one"):
        explore([])
    with pytest.raises(ValueError, match="xlim"):
        explore("relu", xlim=(3, -3))


# --- interactive_figure ------------------------------------------------------------


def _draw_line(fig, slope, kind):
    ax = fig.subplots()
    ax.plot([0, 1], [0, slope], label=kind)


def test_interactive_figure_redraws_with_the_new_values():
    seen = []

    def draw(fig, layers, slope, kind):
        seen.append((layers, slope, kind))
        _draw_line(fig, slope, kind)

    w = widgets.interactive_figure(draw, layers=(1, 60, 1, 10), slope=(0.0, 2.0, 0.1, 1.0),
                                   kind=["a", "b"])
    assert isinstance(w.sliders["layers"], ipywidgets.IntSlider)
    assert isinstance(w.sliders["slope"], ipywidgets.FloatSlider)
    assert isinstance(w.sliders["kind"], ipywidgets.ToggleButtons)
    assert seen == [(10, 1.0, "a")]
    before = w.image.value
    w.sliders["slope"].value = 2.0
    assert seen[-1] == (10, 2.0, "a") and w.image.value != before
    assert w.figure.axes[0].lines[0].get_ydata()[1] == 2.0
    w.sliders["kind"].value = "b"
    assert seen[-1] == (10, 2.0, "b") and len(w.figure.axes) == 1  # cleared, not stacked


def test_interactive_figure_leaves_a_static_copy():
    w = widgets.interactive_figure(lambda fig, n: fig.subplots().plot(range(n)), n=(2, 9, 1, 3))
    bundle = w._repr_mimebundle_()
    assert bundle["text/plain"] == "Interactive figure (controls: n)"
    assert base64.b64decode(bundle["image/png"])[:4] == b"\x89PNG"


def test_interactive_figure_release_only_for_slow_drawings():
    w = widgets.interactive_figure(lambda fig, n: None, continuous=False, n=(1, 5, 1, 2))
    assert w.sliders["n"].continuous_update is False


@pytest.mark.parametrize("controls,error,match", [
    ({}, ValueError, "at least one control"),
    ({"n": (1, 5, 1, 9)}, ValueError, "outside the slider range"),
    ({"n": (1, 5, 0, 2)}, ValueError, "step must be > 0"),
    ({"n": 3}, TypeError, r"\(min, max, step, default\)"),
])
def test_interactive_figure_bad_controls(controls, error, match):
    with pytest.raises(error, match=match):
        widgets.interactive_figure(lambda fig, **v: None, **controls)


def test_interactive_figure_needs_a_function():
    with pytest.raises(TypeError, match="draw must be a function"):
        widgets.interactive_figure("plot", n=(1, 5, 1, 2))


# --- the plot in the page (LivePlot) ------------------------------------------------


def values_message(seq, **values):
    return {"type": "values", "seq": seq, "values": values}


def test_the_page_gets_the_axes_once_and_the_curves_in_data_units_with_their_pixel_rows():
    w = explore("sigmoid")
    plot, canvas = w.plot, w.figure.canvas
    width, height = canvas.get_width_height()
    assert plot.size == [width, height] and bytes(plot.background).startswith(PNG_MAGIC)
    ys = np.frombuffer(plot.ys, np.float32)
    xs = np.frombuffer(plot.xs, np.float32)
    assert [s["n"] for s in plot.styles] == [len(w.x), len(w.x)] and len(ys) == len(xs) == 2 * len(w.x)
    np.testing.assert_array_equal(ys[:len(w.x)], w.lines["sigmoid"].get_ydata().astype(np.float32))
    np.testing.assert_array_equal(ys[len(w.x):], w.derivative_lines["sigmoid"].get_ydata().astype(np.float32))
    for i, (style, line) in enumerate(zip(plot.styles, [w.lines["sigmoid"], w.derivative_lines["sigmoid"]])):
        # The page's pixels (x as sent; rows a * y + b, counted from the top) are matplotlib's.
        px = line.get_transform().transform(np.column_stack([w.x, line.get_ydata()]))
        np.testing.assert_allclose(xs[i * len(w.x):(i + 1) * len(w.x)], px[:, 0], atol=1e-3)
        a, b = style["y"]
        np.testing.assert_allclose(a * line.get_ydata() + b, height - px[:, 1], atol=1e-6)
        assert style["ylim"] == list(line.axes.get_ylim())
    assert plot.key == "9"  # steepness 1.0 is step 9 of 0.1, 0.2, ...
    solid, dashed = plot.styles
    assert solid["dash"] == [] and len(dashed["dash"]) >= 2  # f' is dashed
    assert solid["color"] == to_hex(plotting.color("sigmoid"))
    background = bytes(plot.background)
    w.sliders["steepness"].value = 0.9  # the axes stay: only the curves are sent again
    assert bytes(plot.background) == background and plot.ys != ys.tobytes()


def test_a_burst_of_page_values_is_one_redraw_of_the_last():
    import asyncio

    w = explore("sigmoid")
    plot = w.plot
    steps = np.round(np.arange(1.1, 3.05, 0.1), 1)

    async def burst():
        for seq, value in enumerate(steps, start=1):
            plot._receive(plot, values_message(seq, steepness=float(value)), [])
        assert plot.redraws == 0  # nothing drawn while the messages come in
        await asyncio.sleep(0)

    asyncio.run(burst())
    assert plot.redraws == 1 and plot.seq == len(steps)
    assert plot.shown == {"steepness": 3.0} and w.shown == {"steepness": 3.0}
    np.testing.assert_allclose(w.lines["sigmoid"].get_ydata(), actlib.sigmoid(w.x, steepness=3.0))


def test_page_values_run_ahead_of_the_slider_updates_which_do_not_redraw():
    w = explore("sigmoid")
    slider = w.sliders["steepness"]
    plot = w.plot
    plot._receive(plot, values_message(1, steepness=2.0), [])  # no event loop: drawn at once
    plot._receive(plot, values_message(2, steepness=4.0), [])
    assert w.shown == {"steepness": 4.0} and slider.value == 1.0  # the sliders follow later
    drawn = w.lines["sigmoid"].get_ydata().copy()
    slider.set_state({"value": 2.0})  # the page's slider update, older than the values drawn
    assert slider.value == 2.0
    np.testing.assert_array_equal(w.lines["sigmoid"].get_ydata(), drawn)  # not drawn over
    slider.value = 5.0  # a change made in the kernel is drawn
    assert w.shown == {"steepness": 5.0}
    np.testing.assert_allclose(w.lines["sigmoid"].get_ydata(), actlib.sigmoid(w.x, steepness=5.0))


def test_page_values_that_no_slider_could_take_are_left_out():
    w = explore(["gelu", "swish"])
    plot = w.plot
    start = dict(w.values)
    plot._receive(plot, values_message(1, beta=99.0, approximate="cubic", nope=1, **{"__class__": 1}), [])
    assert w.shown == start and plot.seq == 1
    plot._receive(plot, values_message(2, beta=2.0, approximate="tanh"), [])
    assert w.shown == {**start, "beta": 2.0, "approximate": "tanh"}
    plot._receive(plot, {"type": "other"}, [])
    plot._receive(plot, "values", [])
    assert plot.seq == 2


def test_softmax_sends_the_whole_figure():
    w = explore("softmax")
    assert w.plot.styles == [] and bytes(w.plot.background).startswith(PNG_MAGIC)
    before = bytes(w.plot.background)
    w.plot._receive(w.plot, values_message(1, x1=-3.0), [])
    assert bytes(w.plot.background) != before and w.plot.seq == 1
    assert w.png() == bytes(w.plot.background)


def test_step_keys_name_each_control_by_its_step_and_values_off_the_steps_by_nothing():
    w = explore(["gelu", "swish"])  # approximate (a choice), then beta (0.0 to 10.0 by 0.1)
    assert list(w.sliders) == ["approximate", "beta"]
    assert w.step_key({"approximate": "none", "beta": 1.0}) == "0,10"
    assert w.step_key({"approximate": "sigmoid", "beta": 0.1 + 0.2}) == "2,3"  # float noise is the step
    assert w.step_key({"approximate": "tanh", "beta": 1.234}) == ""


def sent_curves(plot):
    """Capture the "curves" messages ``plot`` sends: a list of (keys, array entries x curves x points)."""
    sent = []

    def send(content, buffers):
        assert content["type"] == "curves"
        sent.append((content["keys"], np.frombuffer(buffers[0], np.float32)))
    plot.send = send
    return sent


def test_each_answer_brings_the_curves_of_the_nearest_steps_the_page_lacks_ahead_first():
    from actlib.widgets import PREFETCH

    w = explore("sigmoid")
    plot = w.plot
    sent = sent_curves(plot)
    plot._receive(plot, {**values_message(1, steepness=2.0), "fresh": True}, [])
    assert len(sent) == 1
    keys, data = sent[0]
    assert len(keys) == PREFETCH and "19" not in keys  # step 19 (2.0) came as the answer itself
    assert keys[:4] == ["20", "18", "21", "17"]  # moving up: 2.1 before 1.9 at equal distance
    curves = data.reshape(len(keys), 2, len(w.x))
    for key, (f, df) in zip(keys, curves):  # computed by actlib, in the kernel
        s = 0.1 + int(key) * 0.1
        np.testing.assert_allclose(f, actlib.sigmoid(w.x, steepness=s), rtol=1e-6)
        np.testing.assert_allclose(df, actlib.sigmoid.derivative(w.x, steepness=s), rtol=1e-6, atol=1e-30)
    assert plot.held == {"19", *keys}

    plot._receive(plot, values_message(2, steepness=1.9), [])  # moving down now
    keys2 = sent[1][0]
    assert not set(keys2) & set(keys) and len(keys2) == PREFETCH
    assert keys2[:4] == ["10", "9", "8", "28"]  # the nearest it lacks (1.2 ... 2.8 held), below first

    plot._receive(plot, {**values_message(3, steepness=1.9), "fresh": True}, [])  # a reloaded page
    assert sent[2][0][:3] == ["17", "19", "16"]  # holds none: all is sent again, but 1.9 itself


def test_the_pages_greeting_brings_the_steps_around_before_any_move():
    from actlib.widgets import PREFETCH

    w = explore("sigmoid")  # steepness 1.0: step 9
    plot = w.plot
    sent = sent_curves(plot)
    plot._receive(plot, {**values_message(1, steepness=1.0), "fresh": True}, [])
    assert plot.seq == 1 and w.shown == {"steepness": 1.0}
    [(keys, _)] = sent
    assert len(keys) == PREFETCH and keys[:4] == ["10", "8", "11", "7"]  # both ways, nearest first
    assert set(keys) == {str(k) for k in range(1, 18)} - {"9"}  # 8 each way
    plot._receive(plot, values_message(2, steepness=1.1), [])  # the first move: ahead, what it lacks
    assert sent[1][0][:2] == ["18", "19"]


def test_a_step_as_the_page_computes_it_is_the_steps_own_value():
    """A page's slider may send a step with rounding noise: Voilà's sent 1.0000000000000002 for 1.0."""
    w = explore("sigmoid")
    sent = sent_curves(w.plot)
    w.plot._receive(w.plot, {**values_message(1, steepness=1.0 + 2 ** -52), "fresh": True}, [])
    assert w.shown == {"steepness": 1.0}
    assert sent[0][0][:4] == ["10", "8", "11", "7"]  # the greeting's steps both ways: nothing moved
    s = explore("softmax")
    before = bytes(s.plot.background)
    s.plot.background = b""  # so that a new figure would show
    s.plot._receive(s.plot, {**values_message(1, **{**s.values, "x3": -5.0 + 51 * 0.1}), "fresh": True}, [])
    assert bytes(s.plot.background) == b"" and s.plot.seq == 1 and before
    assert -5.0 + 51 * 0.1 != 0.1  # the noise this test is about


def test_softmax_answers_the_pages_greeting_without_a_new_figure():
    w = explore("softmax")
    before = bytes(w.plot.background)
    w.plot.background = b""  # so that a new figure would show
    w.plot._receive(w.plot, {**values_message(1, **w.values), "fresh": True}, [])
    assert w.plot.seq == 1 and bytes(w.plot.background) == b"" and before
    w.plot._receive(w.plot, values_message(2, x1=-3.0), [])
    assert bytes(w.plot.background).startswith(PNG_MAGIC)


def test_softmax_and_values_off_the_steps_bring_no_curves():
    w = explore("softmax")
    sent = sent_curves(w.plot)
    w.plot._receive(w.plot, values_message(1, x1=-3.0), [])
    w = explore("sigmoid")
    sent += sent_curves(w.plot)
    w.sliders["steepness"].value = 1.234  # set in Python, off the slider's steps
    w.plot._receive(w.plot, values_message(1, steepness=1.234), [])
    assert sent == [] and w.plot.key == ""


def test_the_formulas_are_typeset_once_so_a_slider_move_sends_the_page_no_new_math():
    w = explore("sigmoid")
    before = w.formula.value
    assert actlib.sigmoid.formula in before and actlib.sigmoid.derivative_formula in before
    w.sliders["steepness"].value = 3.0
    w.plot._receive(w.plot, values_message(1, steepness=4.0), [])
    assert w.formula.value == before
