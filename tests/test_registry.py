"""The registry owns every fact about an activation: one entry reaches every module."""

import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from scipy import special  # noqa: E402

import actlib  # noqa: E402
import test_accuracy  # noqa: E402
from actlib import activations, app, cheatsheet, nn, playground, plotting, properties  # noqa: E402
from actlib.activations import ACTIVATIONS, Activation, Param, names  # noqa: E402
from actlib.widgets import explore  # noqa: E402

CURVES = names(elementwise=True)


def _log_sigmoid(x, k):
    return (np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))) / k


def _log_sigmoid_prime(x, k):
    return special.expit(-x) / k


# All it takes to add an activation to every module: this entry and its two functions
# (the accuracy tests then ask tests/oracle.py for its 50-digit reference).
TOY = Activation(
    name="log_sigmoid", family="toy", notebook="08",
    formula=r"f(x) = \frac{1}{k} \log \sigma(x)", derivative_formula=r"f'(x) = \frac{\sigma(-x)}{k}",
    value=_log_sigmoid, derivative=_log_sigmoid_prime,
    params={"k": Param(1.0, 0.5, 3.0, 0.1, "divides the log-probability")},
    output_range=r"(-\infty, 0)", used_in="a toy: the registry test", init="xavier",
    color="purple", linestyle="-.",
)


@pytest.fixture
def toy(monkeypatch):
    """TOY in the registry for one test: ``monkeypatch`` takes it out again."""
    monkeypatch.setitem(ACTIVATIONS, TOY.name, TOY)
    return TOY


def test_a_new_entry_reaches_every_module(toy):
    x = np.linspace(-5, 5, 401)
    explorer = explore("log_sigmoid", k=2.0)
    np.testing.assert_array_equal(explorer.lines["log_sigmoid"].get_ydata(), toy(x, k=2.0))
    assert explorer.lines["log_sigmoid"].get_linestyle() == "-."

    shown = app.activation_explorer(["relu", "log_sigmoid"])
    assert "log_sigmoid" in shown.buttons and shown.selected == ["relu", "log_sigmoid"]
    assert "<b>log_sigmoid</b>" in shown.table.value and "(−∞, 0)" in shown.table.value

    sheets = [cheatsheet.figure(page=n) for n in range(1, cheatsheet.pages() + 1)]
    assert "log_sigmoid" in [t.get_text() for t in sheets[-1].texts]
    assert sum(len(sheet.axes) for sheet in sheets) == len(ACTIVATIONS)

    props = properties.properties("log_sigmoid", k=0.5)
    assert props.range == (-np.inf, 0.0) and props.monotonic and props.saturates == ("+inf",)
    assert "log_sigmoid" in app.properties_table([("log_sigmoid", {"k": 0.5})])

    pg = playground.playground(activation="log_sigmoid", depth=1, width=4, n=40)
    assert "log_sigmoid" in pg.controls["activation"].options and pg.init == "xavier"
    assert pg.step(2) and len(pg.history["loss"]) == 3

    assert ("log_sigmoid", {}) in test_accuracy.cases()
    assert plotting.color("log_sigmoid") == plotting.OKABE_ITO["purple"]
    assert nn.ActivationLayer("log_sigmoid", k=2.0).forward(x).tolist() == toy(x, k=2.0).tolist()


def test_the_toy_is_gone_after_the_test():
    assert "log_sigmoid" not in ACTIVATIONS


# --- facts every entry states ----------------------------------------------------

@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_every_entry_states_its_facts(name):
    act = actlib.get(name)
    assert act.notebook and act.family and act.color in plotting.OKABE_ITO
    assert act.linestyle in plotting.LINESTYLES[:-1]
    if act.elementwise:
        assert act.init in nn.INITS
    for param in act.learnable:
        assert param in act.params and callable(getattr(act, f"derivative_{param}"))
    for framework, fn in act.frameworks.items():
        assert framework in ("PyTorch", "Keras 3", "JAX")
        assert fn.call and fn.url.startswith("https://"), (name, framework)


def test_learnable_parameters_are_the_ones_nn_trains():
    assert {n: a.learnable for n, a in ACTIVATIONS.items() if a.learnable} == {
        "prelu": ("a",), "swish": ("beta",)}


def test_framework_defaults_that_differ_are_stated():
    assert "0.2" in actlib.leaky_relu.frameworks["Keras 3"].differs
    assert "True (tanh) by default" in actlib.gelu.frameworks["JAX"].differs
    assert actlib.swish.frameworks["PyTorch"].call == "torch.nn.functional.silu"
    assert "bipolar_sigmoid" not in [n for n, a in ACTIVATIONS.items() if a.frameworks]


def test_only_the_registry_asks_for_the_class_of_an_activation():
    from pathlib import Path
    package = Path(activations.__file__).parent
    for path in package.rglob("*.py"):
        if path.name != "activations.py":
            assert "isinstance(act, Softmax)" not in path.read_text(), path


# --- one validator ----------------------------------------------------------------

def test_one_validator_serves_code_sliders_and_the_app():
    spec = actlib.sigmoid.params["steepness"]
    assert spec.problem("steepness", 20.0) is None  # code may explore beyond the slider
    assert "outside the slider range [0.1, 10]" in spec.problem("steepness", 20.0, on_slider=True)
    with pytest.raises(ValueError, match="sigmoid: steepness must be a finite real number"):
        actlib.sigmoid(1.0, steepness=np.nan)
    with pytest.raises(ValueError, match=r"steepness=20.0 is outside the slider range"):
        explore("sigmoid", steepness=20.0)
    assert app._carry({"steepness": 20.0, "beta": 2.0}, [actlib.sigmoid, actlib.swish]) == {"beta": 2.0}
    temperature = actlib.softmax.params["temperature"]
    assert temperature.positive and "must be > 0" in temperature.problem("temperature", 0.0)


# --- every curve can be told apart with all of them switched on ------------------

def test_every_curve_has_its_own_colour_and_line_style():
    looks = [(plotting.color(n), plotting.linestyle(n)) for n in CURVES]
    assert len(set(looks)) == len(looks)
    # Leaky ReLU at slope 0.01 lies on ReLU: only a different dash shows both.
    assert plotting.linestyle("leaky_relu") != plotting.linestyle("relu")


@pytest.mark.parametrize("pair", [p for p in itertools.combinations(CURVES, 2)
                                  if plotting.color(p[0]) == plotting.color(p[1])],
                         ids="-".join)
def test_curves_of_one_colour_lie_apart(pair):
    """On 40% of [-5, 5] or more they differ by 0.25 or more in f or in f', so neither hides
    the other (ReLU-like pairs coincide for x < 0)."""
    x = np.linspace(-5, 5, 401)
    a, b = (actlib.get(n) for n in pair)
    apart = max(np.mean(np.abs(a(x) - b(x)) >= 0.25),
                np.mean(np.abs(a.derivative(x) - b.derivative(x)) >= 0.25))
    assert apart >= 0.4, f"{pair} differ on only {apart:.0%} of [-5, 5]"


def test_derivative_takes_the_next_style():
    assert [plotting.linestyle(n, derivative=True) for n in ("relu", "leaky_relu")] == ["--", "-."]
