"""Computed properties against mathematical facts that do not come from actlib."""

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.special import lambertw, ndtr

import actlib
from actlib.activations import names
from actlib.properties import properties

CURVES = names(elementwise=True)
INF = np.inf


def slider_values(name, key):
    p = actlib.get(name).params[key]
    return np.round(np.arange(p.min, p.max + p.step / 2, p.step), 10).tolist()


def summary(p):
    return (p.range_text, p.monotonic, p.smooth, p.zero_centred, p.saturates)


# name, params: (range, monotonic, smooth (C1), zero-centred, sides where f' -> 0)
FACTS = {
    ("step", ()): ("{0, 1}", True, False, False, ("-inf", "+inf")),
    ("step", (("threshold", -2.0),)): ("{0, 1}", True, False, False, ("-inf", "+inf")),
    ("sigmoid", ()): ("(0, 1)", True, True, False, ("-inf", "+inf")),
    ("sigmoid", (("steepness", 10.0),)): ("(0, 1)", True, True, False, ("-inf", "+inf")),
    ("bipolar_sigmoid", ()): ("(−1, 1)", True, True, True, ("-inf", "+inf")),
    ("tanh", ()): ("(−1, 1)", True, True, True, ("-inf", "+inf")),
    ("relu", ()): ("[0, ∞)", True, False, False, ("-inf",)),
    ("leaky_relu", ()): ("(−∞, ∞)", True, False, True, ()),
    ("leaky_relu", (("negative_slope", 0.0),)): ("[0, ∞)", True, False, False, ("-inf",)),
    ("leaky_relu", (("negative_slope", 1.0),)): ("(−∞, ∞)", True, True, True, ()),  # f(x) = x
    ("leaky_relu", (("negative_slope", 0.99),)): ("(−∞, ∞)", True, False, True, ()),
    ("prelu", ()): ("(−∞, ∞)", True, False, True, ()),
    ("prelu", (("a", -0.5),)): ("[0, ∞)", False, False, False, ()),  # |x|-like: falls, then rises
    ("elu", ()): ("(−1, ∞)", True, True, True, ("-inf",)),
    ("elu", (("alpha", 0.5),)): ("(−0.5, ∞)", True, False, True, ("-inf",)),
    ("elu", (("alpha", 0.0),)): ("[0, ∞)", True, False, False, ("-inf",)),  # ReLU
    ("selu", (("alpha", 2.0), ("scale", 1.5))): ("(−3, ∞)", True, False, True, ("-inf",)),
    ("selu", (("alpha", 1.0), ("scale", 2.0))): ("(−2, ∞)", True, True, True, ("-inf",)),
    ("swish", ()): ("[−0.278, ∞)", False, True, True, ("-inf",)),
    ("swish", (("beta", 0.0),)): ("(−∞, ∞)", True, True, True, ()),  # f(x) = x / 2
    ("gelu", ()): ("[−0.17, ∞)", False, True, True, ("-inf",)),
    ("gelu", (("approximate", "tanh"),)): ("[−0.17, ∞)", False, True, True, ("-inf",)),
    ("gelu", (("approximate", "sigmoid"),)): ("[−0.164, ∞)", False, True, True, ("-inf",)),
    ("softplus", ()): ("(0, ∞)", True, True, False, ("-inf",)),
    ("softplus", (("beta", 10.0),)): ("(0, ∞)", True, True, False, ("-inf",)),
    ("mish", ()): ("[−0.309, ∞)", False, True, True, ("-inf",)),
    ("hard_sigmoid", ()): ("[0, 1]", True, False, False, ("-inf", "+inf")),
    ("relu6", ()): ("[0, 6]", True, False, False, ("-inf", "+inf")),
    ("hard_swish", ()): ("[−0.375, ∞)", False, False, True, ("-inf",)),
    ("squared_relu", ()): ("[0, ∞)", True, True, False, ("-inf",)),
}


@pytest.mark.parametrize("case", FACTS, ids=[f"{n}{dict(p) or ''}" for n, p in FACTS])
def test_known_properties(case):
    name, params = case
    assert summary(properties(name, **dict(params))) == FACTS[case]


def test_every_activation_has_a_fact():
    assert {name for name, _ in FACTS} == set(CURVES)


@pytest.mark.parametrize("alpha", slider_values("elu", "alpha"))
def test_elu_is_smooth_only_for_alpha_1(alpha):
    # f'(0-) = alpha, f'(0+) = 1.
    assert properties("elu", alpha=alpha).smooth == (alpha == 1.0)


@pytest.mark.parametrize("a", slider_values("prelu", "a"))
def test_prelu_is_smooth_only_as_the_identity(a):
    p = properties("prelu", a=a)
    assert p.smooth == (a == 1.0)
    assert p.saturates == (("-inf",) if a == 0 else ())


@pytest.mark.parametrize("beta", [0.1, 0.5, 1.0, 2.0, 10.0])
def test_swish_minimum_is_minus_lambert_w_over_beta(beta):
    # d/dx x sigma(bx) = 0 at bx = -(1 + W(1/e)), where the value is -W(1/e) / b.
    p = properties("swish", beta=beta)
    assert p.range[0] == pytest.approx(-lambertw(np.exp(-1)).real / beta, rel=1e-12)
    assert p.closed == (True, False) and p.range[1] == INF
    assert not p.monotonic


def test_gelu_minimum_matches_an_independent_minimisation():
    best = minimize_scalar(lambda x: x * ndtr(x), bounds=(-3, 0), method="bounded",
                           options={"xatol": 1e-10})
    assert properties("gelu").range[0] == pytest.approx(best.fun, rel=1e-9)


@pytest.mark.parametrize("alpha", [0.05, 1.0, 3.0])
def test_elu_approaches_minus_alpha_without_reaching_it(alpha):
    p = properties("elu", alpha=alpha)
    assert p.range == (pytest.approx(-alpha, rel=1e-12), INF)
    assert p.closed == (False, False)


@pytest.mark.parametrize("steepness", [0.1, 1.0, 10.0])
def test_sigmoid_bounds_are_limits_at_any_steepness(steepness):
    p = properties("sigmoid", steepness=steepness)
    assert (p.range, p.closed) == ((0.0, 1.0), (False, False))


def test_bipolar_sigmoid_has_the_properties_of_tanh():
    assert summary(properties("bipolar_sigmoid", steepness=2.0)) == summary(properties("tanh"))


def test_defaults_fill_in_and_used_in_comes_from_the_registry():
    p = properties("selu", scale=1.5)
    assert p.params == {"alpha": actlib.selu.params["alpha"].default, "scale": 1.5}
    assert p.used_in == actlib.selu.used_in and p.used_in


def test_text_views():
    assert properties("relu").saturates_text == "x → −∞"
    assert properties("tanh").saturates_text == "both sides"
    assert properties("leaky_relu").saturates_text == "no"
    assert properties("step").values == (0.0, 1.0)


@pytest.mark.parametrize("name", ["softmax", "log_softmax"])
def test_softmax_is_refused(name):
    with pytest.raises(ValueError, match="not elementwise"):
        properties(name)


def test_bad_input_gives_the_registry_errors():
    with pytest.raises(KeyError, match="no activation named 'relux'"):
        properties("relux")
    with pytest.raises(TypeError, match="unknown parameter"):
        properties("relu", alpha=1.0)
    with pytest.raises(ValueError, match="finite"):
        properties("elu", alpha=np.nan)
