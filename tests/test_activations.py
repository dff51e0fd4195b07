"""The registry's contract: names, conventions, identities and bad input."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import actlib

NAMES = ["step", "sigmoid", "bipolar_sigmoid", "tanh", "relu", "leaky_relu", "prelu",
         "elu", "selu", "softmax", "log_softmax", "swish", "gelu",
         "softplus", "mish", "hard_sigmoid", "relu6", "hard_swish", "squared_relu",
         "glu", "reglu", "geglu", "swiglu"]
GATED = ["glu", "reglu", "geglu", "swiglu"]
ELEMENTWISE = [n for n in NAMES if n not in ("softmax", "log_softmax", *GATED)]
VECTOR = [n for n in NAMES if n not in GATED]  # one output per input: elementwise and softmax
# Every elementwise function with each value of a choice parameter.
VARIANTS = [(n, {}) for n in ELEMENTWISE] + [
    ("gelu", {"approximate": "tanh"}), ("gelu", {"approximate": "sigmoid"})]
VARIANT_IDS = [f"{n}{p.get('approximate', '')}" for n, p in VARIANTS]

finite = st.floats(-1e308, 1e308, allow_nan=False, allow_infinity=False)
moderate = st.floats(-50, 50, allow_nan=False)


# --- the registry -----------------------------------------------------------

def test_registry_lists_the_names_in_teaching_order():
    assert list(actlib.ACTIVATIONS) == NAMES
    assert actlib.activations.names(elementwise=True) == ELEMENTWISE
    assert [n for n, a in actlib.ACTIVATIONS.items() if a.gated] == GATED


def test_each_activation_is_importable_by_name_and_describes_itself():
    for name in NAMES:
        act = getattr(actlib, name)
        assert act is actlib.get(name) and act.name == name
        assert act.family and act.formula and act.derivative_formula
        for key, spec in act.params.items():
            assert spec.description, (name, key)
            if not spec.choices and spec.min is not None:
                assert spec.min <= spec.default <= spec.max and spec.step > 0, (name, key)


def test_unknown_name_lists_the_valid_ones():
    with pytest.raises(KeyError) as err:
        actlib.get("sigmoidd")
    assert "sigmoidd" in str(err.value) and all(n in str(err.value) for n in NAMES)


def test_documented_defaults():
    assert actlib.selu.defaults() == {"alpha": 1.6732632423543772, "scale": 1.0507009873554805}
    assert actlib.leaky_relu.defaults() == {"negative_slope": 0.01}
    assert actlib.prelu.defaults() == {"a": 0.25}
    assert actlib.gelu.params["approximate"].choices == ("none", "tanh", "sigmoid")
    assert actlib.softmax.defaults() == {"axis": -1, "temperature": 1.0}
    assert actlib.softplus.defaults() == {"beta": 1.0}
    assert actlib.swiglu.defaults() == {"axis": -1, "beta": 1.0}
    assert actlib.geglu.defaults() == {"axis": -1, "approximate": "none"}


def test_import_stays_light():
    import subprocess
    import sys
    code = "import actlib, sys; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'sklearn') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- conventions at kinks and limits -------------------------------------------

def test_conventions_at_kinks_follow_pytorch():
    assert actlib.step(0.0) == 0.0 and actlib.step(1.5, threshold=1.5) == 0.0
    assert actlib.step(np.nextafter(0, 1)) == 1.0
    assert actlib.relu.derivative(0.0) == 0.0
    assert actlib.leaky_relu.derivative(0.0, negative_slope=0.3) == 0.3
    assert actlib.prelu.derivative(0.0, a=0.3) == 0.3
    assert actlib.elu.derivative(0.0, alpha=2.0) == 2.0
    assert actlib.prelu.derivative_a([-2.0, 0.0, 3.0]).tolist() == [-2.0, 0.0, 0.0]
    # relu6 and the hard functions as torch.nn.functional: hardtanh's open interval for
    # relu6 and hardsigmoid, hardswish's (2x + 3) / 6 on the closed [-3, 3].
    assert actlib.relu6.derivative([0.0, 6.0]).tolist() == [0.0, 0.0]
    assert actlib.hard_sigmoid.derivative([-3.0, 3.0]).tolist() == [0.0, 0.0]
    assert actlib.hard_swish.derivative([-3.0, 3.0]).tolist() == [-0.5, 1.5]
    assert actlib.squared_relu.derivative(0.0) == 0.0


@pytest.mark.parametrize("name", ["tanh", "bipolar_sigmoid", "leaky_relu", "prelu", "elu", "selu",
                                  "swish", "gelu", "mish", "hard_swish"])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_functions_with_a_positive_slope_at_0_keep_the_sign_of_zero(name, dtype):
    """f(-0.0) = -0.0 exactly, as in PyTorch, JAX and Keras (elu once gave +0.0 via np.minimum)."""
    out = actlib.get(name)(np.array([-0.0, 0.0], dtype=dtype))
    assert np.signbit(out).tolist() == [True, False] and np.all(out == 0)


LIMITS = {  # name: (f(-inf), f(inf), f'(-inf), f'(inf)) at default parameters
    "step": (0, 1, 0, 0), "sigmoid": (0, 1, 0, 0), "bipolar_sigmoid": (-1, 1, 0, 0),
    "tanh": (-1, 1, 0, 0), "relu": (0, np.inf, 0, 1), "leaky_relu": (-np.inf, np.inf, 0.01, 1),
    "prelu": (-np.inf, np.inf, 0.25, 1), "elu": (-1, np.inf, 0, 1),
    "selu": (-1.6732632423543772 * 1.0507009873554805, np.inf, 0, 1.0507009873554805),
    "swish": (0, np.inf, 0, 1), "gelu": (0, np.inf, 0, 1),
    "softplus": (0, np.inf, 0, 1), "mish": (0, np.inf, 0, 1), "hard_sigmoid": (0, 1, 0, 0),
    "relu6": (0, 6, 0, 0), "hard_swish": (0, np.inf, 0, 1), "squared_relu": (0, np.inf, 0, np.inf),
}


@pytest.mark.parametrize("name,params", VARIANTS, ids=VARIANT_IDS)
def test_nan_gives_nan_and_infinities_give_limits(name, params):
    act = actlib.get(name)
    x = np.array([-np.inf, np.inf, np.nan])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        values, slopes = act(x, **params), act.derivative(x, **params)
    lo, hi, dlo, dhi = LIMITS[name]
    np.testing.assert_allclose(values[:2], [lo, hi], rtol=1e-15)
    np.testing.assert_allclose(slopes[:2], [dlo, dhi], rtol=1e-15)
    assert np.isnan(values[2]) and np.isnan(slopes[2])


@pytest.mark.parametrize("name,params,limits", [
    ("swish", {"beta": 0.0}, (-np.inf, np.inf, 0.5, 0.5)),
    ("leaky_relu", {"negative_slope": 0.0}, (0.0, np.inf, 0.0, 1.0)),
    ("prelu", {"a": 0.0}, (0.0, np.inf, 0.0, 1.0)),
    ("elu", {"alpha": 0.0}, (0.0, np.inf, 0.0, 1.0)),
    ("sigmoid", {"steepness": 10.0}, (0.0, 1.0, 0.0, 0.0)),
])
def test_infinities_at_the_ends_of_the_parameter_ranges(name, params, limits):
    act = actlib.get(name)
    x = np.array([-np.inf, np.inf])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = [*act(x, **params), *act.derivative(x, **params)]
    assert got == list(limits)


def test_softmax_masking_and_infinite_scores():
    assert actlib.softmax([0.0, -np.inf]).tolist() == [1.0, 0.0]
    assert actlib.log_softmax([0.0, -np.inf]).tolist() == [0.0, -np.inf]
    assert actlib.softmax([np.inf, 1.0, np.inf]).tolist() == [0.5, 0.0, 0.5]
    assert np.isnan(actlib.softmax([-np.inf, -np.inf])).all()
    assert np.isnan(actlib.softmax([np.nan, 1.0])).all()


# --- input types and shapes ----------------------------------------------------

@pytest.mark.parametrize("name", VECTOR)
@pytest.mark.parametrize("value", [[0.5, -1.0], (0.5, -1.0), np.array([True, False]),
                                   np.arange(3), np.float32([1.0, 2.0]), np.zeros((2, 3))])
def test_array_likes_give_arrays_of_the_same_shape(name, value):
    out = actlib.get(name)(value)
    assert isinstance(out, np.ndarray) and out.shape == np.shape(value)
    expected = np.float32 if np.asarray(value).dtype == np.float32 else np.float64
    assert out.dtype == expected


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("dtype", [np.float16, np.float32, np.float64])
def test_float_input_keeps_its_dtype_as_in_the_frameworks(name, dtype):
    act = actlib.get(name)
    x = np.array([[-2.0, -0.5, 0.5, 3.0]], dtype=dtype)
    outputs = [act(x), act.derivative(x) if act.elementwise else act.jacobian(x)]
    if act.gated:
        outputs += act.derivative(x)
    assert {o.dtype for o in outputs} == {np.dtype(dtype)}


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("value", [2, 2.0, True, np.float64(2.0), np.array(2.0), np.int32(2)])
def test_scalars_give_scalars(name, value):
    act = actlib.get(name)
    for out in (act(value), act.derivative(value)):
        assert np.ndim(out) == 0 and not isinstance(out, np.ndarray)
        assert out.dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_empty_in_empty_out(name):
    act = actlib.get(name)
    assert act(np.empty((0,))).shape == (0,)
    assert act(np.empty((2, 0))).shape == (2, 0)


def test_softmax_needs_an_axis():
    with pytest.raises(ValueError, match="scalar"):
        actlib.softmax(3.0)
    with pytest.raises(ValueError, match="axis"):
        actlib.softmax([1.0, 2.0], axis=1)
    with pytest.raises(TypeError, match="jacobian"):
        actlib.softmax.derivative([1.0, 2.0])


def test_jacobian_shape_and_axis():
    x = np.arange(24.0).reshape(2, 3, 4)
    assert actlib.softmax.jacobian(x).shape == (2, 3, 4, 4)
    j0 = actlib.softmax.jacobian(x, axis=0)
    assert j0.shape == (3, 4, 2, 2)
    np.testing.assert_allclose(j0[1, 2], actlib.softmax.jacobian(x[:, 1, 2]))


@pytest.mark.parametrize("name", NAMES)
def test_input_is_not_modified_and_read_only_input_works(name):
    x = np.linspace(-3, 3, 12).reshape(3, 4)
    x.flags.writeable = False
    before = x.copy()
    act = actlib.get(name)
    act(x)
    getattr(act, "jacobian", act.derivative)(x)
    np.testing.assert_array_equal(x, before)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("bad", [1 + 2j, np.array([1j]), "1.0", ["a", "b"], None, {"x": 1}])
def test_complex_string_and_objects_raise_type_error(name, bad):
    with pytest.raises(TypeError, match="real numbers"):
        actlib.get(name)(bad)


@pytest.mark.parametrize("name,key", [(n, k) for n in NAMES for k, p in actlib.get(n).params.items()
                                      if not p.choices and k != "axis"])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, "2", None])
def test_non_finite_parameters_are_rejected_by_name(name, key, bad):
    with pytest.raises(ValueError, match=key):
        actlib.get(name)([1.0], **{key: bad})


@pytest.mark.parametrize("t", [0.0, -1.0])
def test_temperature_must_be_positive(t):
    for act in (actlib.softmax, actlib.log_softmax):
        with pytest.raises(ValueError, match="temperature must be > 0"):
            act([1.0, 2.0], temperature=t)


def test_unknown_approximate_and_parameter_names():
    with pytest.raises(ValueError, match=r"approximate must be one of \['none', 'tanh', 'sigmoid'\]"):
        actlib.gelu(1.0, approximate="erf")
    with pytest.raises(TypeError, match="negative_slope"):
        actlib.leaky_relu(1.0, slope=0.1)


# --- no warnings anywhere on the finite line -------------------------------------

EXTREMES = np.array([-1e308, -1e154, -1e5, -745.5, -710.0, -40.0, -1e-300, -5e-324,
                     0.0, 5e-324, 1e-300, 40.0, 710.0, 1e5, 1e154, 1e308])
EXTREMES_32 = np.float32([-3.4e38, -1e19, -1e5, -104.0, -88.0, -1e-45, 0.0, 1e-45, 88.0, 1e19, 3.4e38])


@pytest.mark.parametrize("name", NAMES)
def test_no_runtime_warning_for_finite_input(name):
    act = actlib.get(name)
    settings_ = [{}] + [{k: p.max} for k, p in act.params.items() if p.max is not None]
    settings_ += [{"approximate": c} for c in act.params.get("approximate", actlib.Param(0, 0, 0, 0, "")).choices]
    # A gated unit meets every extreme as a and as b.
    extremes, extremes_32 = ((np.concatenate([e, e[::-1]]) for e in (EXTREMES, EXTREMES_32))
                             if act.gated else (EXTREMES, EXTREMES_32))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for params in settings_:
            act(extremes, **params)
            act(extremes_32, **params)
            if hasattr(act, "jacobian"):
                act.jacobian(EXTREMES[:6], **params)
            else:
                act.derivative(extremes, **params)
        for extra in ("derivative_a", "derivative_beta"):
            if hasattr(act, extra):
                getattr(act, extra)(EXTREMES)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=finite))
def test_no_warning_and_no_nan_on_random_finite_input(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, params in VARIANTS:
            act = actlib.get(name)
            assert not np.isnan(act(x, **params)).any(), name
            assert not np.isnan(act.derivative(x, **params)).any(), name
        assert np.isclose(actlib.softmax(x).sum(), 1.0)


# --- identities ------------------------------------------------------------------

@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 30), elements=moderate))
def test_identities(x):
    np.testing.assert_allclose(actlib.bipolar_sigmoid(x), actlib.tanh(x / 2), rtol=4e-16, atol=0)
    np.testing.assert_allclose(actlib.tanh(x), 2 * actlib.sigmoid(2 * x) - 1, rtol=0, atol=4e-16)
    np.testing.assert_allclose(actlib.selu(x), 1.0507009873554805 * actlib.elu(x, alpha=1.6732632423543772),
                               rtol=4e-16)
    np.testing.assert_allclose(actlib.swish(x), x * actlib.sigmoid(x), rtol=4e-16, atol=1e-300)
    np.testing.assert_allclose(actlib.gelu(x, approximate="sigmoid"), actlib.swish(x, beta=1.702),
                               rtol=0, atol=0)
    assert np.max(np.abs(actlib.gelu(x, approximate="tanh") - actlib.gelu(x))) < 5e-4
    np.testing.assert_allclose(actlib.mish(x), x * np.tanh(actlib.softplus(x)), rtol=4e-15, atol=1e-300)
    np.testing.assert_allclose(actlib.softplus(x, beta=2.0), np.logaddexp(0.0, 2 * x) / 2, rtol=4e-16)
    np.testing.assert_allclose(actlib.hard_swish(x), x * actlib.hard_sigmoid(x), rtol=4e-16, atol=0)
    np.testing.assert_array_equal(actlib.hard_sigmoid(x), actlib.relu6(x + 3) / 6)
    np.testing.assert_array_equal(actlib.relu6(x), np.minimum(actlib.relu(x), 6.0))
    np.testing.assert_array_equal(actlib.squared_relu(x), actlib.relu(x) ** 2)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.integers(2, 8), elements=st.floats(-300, 300)),
       st.floats(-500, 500), st.floats(0.05, 10))
def test_softmax_is_shift_invariant_and_sums_to_one(x, shift, temperature):
    s = actlib.softmax(x, temperature=temperature)
    np.testing.assert_allclose(actlib.softmax(x + shift, temperature=temperature), s, rtol=1e-9, atol=1e-300)
    assert abs(s.sum() - 1) < 1e-14
    np.testing.assert_allclose(np.exp(actlib.log_softmax(x, temperature=temperature)), s, rtol=1e-12, atol=1e-300)


@settings(max_examples=100, deadline=None)
@given(st.floats(-700, 700), st.floats(-700, 700))
def test_two_class_softmax_is_the_sigmoid_of_the_difference(a, b):
    np.testing.assert_allclose(actlib.softmax([a, b])[0], actlib.sigmoid(a - b), rtol=1e-12, atol=1e-300)


# --- derivatives against finite differences ------------------------------------------

SMOOTH_X = np.concatenate([np.linspace(-6, 6, 49) + 0.0123, [-30.0, 20.0]])


def _central_difference(fn, x, h=1e-6):
    return (fn(x + h) - fn(x - h)) / (2 * h)


@pytest.mark.parametrize("name,params", VARIANTS + [("leaky_relu", {"negative_slope": 0.3}),
                                                     ("elu", {"alpha": 2.0}), ("swish", {"beta": 3.0}),
                                                     ("sigmoid", {"steepness": 4.0})],
                         ids=VARIANT_IDS + ["leaky0.3", "elu2", "swish3", "sigmoid4"])
def test_derivative_matches_finite_differences(name, params):
    act = actlib.get(name)
    numeric = _central_difference(lambda t: act(t, **params), SMOOTH_X)
    np.testing.assert_allclose(act.derivative(SMOOTH_X, **params), numeric, rtol=1e-6, atol=1e-9)


def test_parameter_gradients_match_finite_differences():
    x, h = SMOOTH_X, 1e-6
    numeric_a = (actlib.prelu(x, a=0.3 + h) - actlib.prelu(x, a=0.3 - h)) / (2 * h)
    np.testing.assert_allclose(actlib.prelu.derivative_a(x, a=0.3), numeric_a, rtol=1e-6, atol=1e-9)
    numeric_b = (actlib.swish(x, beta=1.5 + h) - actlib.swish(x, beta=1.5 - h)) / (2 * h)
    np.testing.assert_allclose(actlib.swish.derivative_beta(x, beta=1.5), numeric_b, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("act", [actlib.softmax, actlib.log_softmax], ids=["softmax", "log_softmax"])
def test_jacobian_matches_finite_differences(act):
    x, h = np.array([0.3, -1.2, 2.0, 0.0]), 1e-6
    for t in (1.0, 0.5):
        numeric = np.stack([(act(x + h * e, temperature=t) - act(x - h * e, temperature=t)) / (2 * h)
                            for e in np.eye(4)], axis=-1)
        np.testing.assert_allclose(act.jacobian(x, temperature=t), numeric, rtol=1e-6, atol=1e-9)


# --- gated units ----------------------------------------------------------------------

@pytest.mark.parametrize("name", GATED)
def test_a_gated_unit_is_its_first_half_times_its_gate_of_the_second(name):
    act = actlib.get(name)
    gate = actlib.get(act.gate)
    a, b = np.random.default_rng(0).normal(0, 3, (2, 5, 6))
    gate_params = {k: v for k, v in act.defaults().items() if k != "axis"}
    x = np.concatenate([a, b], axis=-1)
    np.testing.assert_array_equal(act(x), a * gate(b, **gate_params))
    da, db = act.derivative(x)
    np.testing.assert_array_equal(da, gate(b, **gate_params))
    np.testing.assert_array_equal(db, a * gate.derivative(b, **gate_params))
    np.testing.assert_array_equal(act(np.concatenate([a, b], axis=0), axis=0), act(x))


def test_glu_splits_as_pytorch_keras_and_jax_do():
    """glu([a, b]) = a * sigmoid(b): the first half passes, the second gates."""
    np.testing.assert_allclose(actlib.glu([2.0, 0.0]), [1.0])
    assert actlib.glu(np.zeros((3, 8))).shape == (3, 4)
    assert actlib.glu.jacobian(np.zeros((3, 8))).shape == (3, 4, 8)


@pytest.mark.parametrize("name", GATED)
def test_gated_partials_and_jacobian_match_finite_differences(name):
    act = actlib.get(name)
    x, h = np.array([0.3, -1.2, 2.0, 0.0123, -0.7, 1.5]), 1e-6
    numeric = np.stack([(act(x + h * e) - act(x - h * e)) / (2 * h) for e in np.eye(6)], axis=-1)
    jac = act.jacobian(x)
    np.testing.assert_allclose(jac, numeric, rtol=1e-6, atol=1e-9)
    da, db = act.derivative(x)
    np.testing.assert_array_equal(jac[:, :3], np.diag(da))
    np.testing.assert_array_equal(jac[:, 3:], np.diag(db))


def test_gated_units_need_an_even_axis_and_valid_parameters():
    with pytest.raises(ValueError, match="must be even, got 3"):
        actlib.glu([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="scalar"):
        actlib.swiglu(1.0)
    with pytest.raises(ValueError, match="axis"):
        actlib.reglu([1.0, 2.0], axis=1)
    with pytest.raises(ValueError, match="beta"):
        actlib.swiglu([1.0, 2.0], beta=np.nan)
    with pytest.raises(ValueError, match="beta must be > 0"):
        actlib.softplus(1.0, beta=0.0)


def test_gated_nan_gives_nan_and_infinity_through_a_closed_gate_gives_0():
    a = [np.nan, 1.0, np.inf, -np.inf, 2.0]
    b = [2.0, np.nan, -np.inf, 1.0, np.inf]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = actlib.glu(np.array(a + b))
        da, db = actlib.glu.derivative(np.array(a + b))
    assert np.isnan(out[:2]).all() and out[2:].tolist() == [0.0, -np.inf, 2.0]
    assert np.isnan(da[1]) and da[2:].tolist() == [0.0, actlib.sigmoid(1.0), 1.0]
    assert np.isnan(db[:2]).all() and db[2:].tolist() == [0.0, -np.inf, 0.0]
