"""The exercise checkers: right answers pass, stubs are 'not attempted', mistakes are named."""

import html
import math
import time
import warnings

import numpy as np
import pytest
from scipy import integrate, optimize, special

import actlib
from actlib.exercises import EXERCISES, check, runner


@pytest.fixture(autouse=True)
def fresh_session():
    """Each test starts as a student who has failed nothing and asked for no hint."""
    runner._failures.clear()
    runner._asked.clear()

# A warning escaping from check() would show up in the student's notebook.
pytestmark = pytest.mark.filterwarnings("error")

# The ids and notebooks of the project issue: a contract with the notebooks.
NOTEBOOK_OF = {
    "neuron": "00", "collapse_weights": "00", "collapse_bias": "00",
    "step": "01", "sigmoid": "01", "sigmoid_prime_from_value": "01", "sigmoid_derivative": "01",
    "bipolar_sigmoid": "01",
    "tanh_as_sigmoid": "02", "tanh_from_sigmoid": "02", "tanh_derivative": "02", "sigmoid_from_tanh": "02",
    "relu": "03", "relu_derivative": "03", "relu_std_factor": "03", "leaky_relu": "03",
    "prelu_grad_a": "03", "dead_fraction": "03", "relu_layer": "03",
    "elu": "04", "selu_fixed_point": "04", "selu_constants": "04", "selu": "04", "elu_layer": "04",
    "softmax": "05", "log_softmax": "05", "jacobian_entry": "05", "softmax_jacobian": "05",
    "cross_entropy_grad": "05",
    "swish": "06", "swish_slope_at_0": "06", "swish_layer": "06", "gelu_tanh": "06", "gelu": "06",
    "init_std": "07", "epochs_to_target": "07", "swish_init": "07",
    "softplus": "08", "mish": "08", "equal_width": "08", "swiglu": "08", "swiglu_layer": "08",
}


# --- answers a student might write ------------------------------------------

def stable_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1.0, e) / (1.0 + e)


def naive_sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softmax_shifted(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax_shifted(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def selu_constants_by_quadrature(variance=1.0):
    def moments(alpha, scale):
        def selu(z):
            return scale * (z if z > 0 else alpha * np.expm1(z))
        density = lambda z: np.exp(-z * z / (2 * variance)) / np.sqrt(2 * np.pi * variance)  # noqa: E731
        m1 = sum(integrate.quad(lambda z: selu(z) * density(z), a, b)[0]
                 for a, b in ((-np.inf, 0), (0, np.inf)))
        m2 = sum(integrate.quad(lambda z: selu(z) ** 2 * density(z), a, b)[0]
                 for a, b in ((-np.inf, 0), (0, np.inf)))
        return [m1, m2 - variance]
    alpha, scale = optimize.fsolve(lambda p: moments(*p), [1.5, 1.0], xtol=1e-12)
    return alpha, scale


def selu_constants_closed_form(variance=1.0):
    # z ~ N(0, v): E[z; z > 0] = sqrt(v / (2 pi)), E[e^(kz); z <= 0] = e^(k^2 v / 2) Phi(-k sqrt(v)).
    r = np.sqrt(variance)
    e1, e2 = np.exp(variance / 2) * special.ndtr(-r), np.exp(2 * variance) * special.ndtr(-2 * r)
    alpha = r / np.sqrt(2 * np.pi) / (0.5 - e1)
    second = variance / 2 + alpha**2 * (e2 - 2 * e1 + 0.5)
    return np.array([alpha, np.sqrt(variance / second)])


def init_std_by_dict(init, fan_in, fan_out):
    variance = {"he": 2 / fan_in, "xavier": 2 / (fan_in + fan_out), "lecun": 1 / fan_in}
    return np.sqrt(variance[init])


def init_std_by_branches(init, fan_in, fan_out):
    if init == "he":
        return math.sqrt(2.0 / fan_in)
    if init == "xavier":
        return math.sqrt(2.0 / (fan_in + fan_out))
    return 1.0 / math.sqrt(fan_in)


def epochs_first_index(epochs, accuracy, target=0.9):
    reached = np.flatnonzero(np.asarray(accuracy) >= target)
    return float(epochs[reached[0]]) if reached.size else np.inf


def epochs_by_loop(epochs, accuracy, target=0.9):
    for epoch, value in zip(epochs, accuracy):
        if value >= target:
            return float(epoch)
    return float("inf")


def epochs_none_if_never(epochs, accuracy, target=0.9):
    reached = np.flatnonzero(accuracy >= target)
    return float(epochs[reached[0]]) if reached.size else None


SELU_A, SELU_L = 1.6732632423543772, 1.0507009873554805
SQ = np.sqrt(2 / np.pi)

CORRECT = {
    "neuron": [lambda x, w, b, f: f(x @ w + b), lambda x, w, b, f: f(np.dot(x, w) + b),
               lambda x, w, b, f: f(np.sum(x * w, axis=1) + b),
               lambda x, w, b, f: f(np.einsum("ij,j->i", x, w) + b)],
    "collapse_weights": [lambda W1, W2: W1 @ W2, lambda W1, W2: np.dot(W1, W2),
                         lambda W1, W2: (W2.T @ W1.T).T,
                         lambda W1, W2: np.einsum("ij,jk->ik", W1, W2)],
    "collapse_bias": [lambda b1, W2, b2: b1 @ W2 + b2, lambda b1, W2, b2: W2.T @ b1 + b2,
                      lambda b1, W2, b2: np.dot(b1, W2) + b2,
                      lambda b1, W2, b2: np.einsum("j,jk->k", b1, W2) + b2],
    "step": [lambda x, threshold=0.0: (x > threshold).astype(float),
             lambda x, threshold=0.0: np.heaviside(x - threshold, 0.0),
             lambda x, threshold=0.0: np.where(x > threshold, 1.0, 0.0)],
    "sigmoid": [lambda x: np.exp(-np.logaddexp(0, -x)), lambda x: 0.5 * (1 + np.tanh(x / 2)),
                stable_sigmoid],
    "sigmoid_prime_from_value": [lambda a: a * (1 - a), lambda a: a - a ** 2],
    "sigmoid_derivative": [lambda x: special.expit(x) * (1 - special.expit(x)),
                           lambda x: naive_sigmoid(x) * (1 - naive_sigmoid(x)),
                           lambda x: 0.25 / np.cosh(x / 2) ** 2],
    "bipolar_sigmoid": [lambda x: 2 * special.expit(x) - 1, lambda x: np.tanh(x / 2),
                        lambda x: (1 - np.exp(-x)) / (1 + np.exp(-x))],
    "tanh_as_sigmoid": ["b", lambda: "b"],
    "tanh_from_sigmoid": [lambda x: 2 * special.expit(2 * x) - 1,
                          lambda x: 2 * naive_sigmoid(2 * x) - 1],
    "tanh_derivative": [lambda x: 1 - np.tanh(x) ** 2, lambda x: 1 / np.cosh(x) ** 2],
    "sigmoid_from_tanh": [lambda x: 0.5 * (1 + np.tanh(x / 2)),
                          lambda x: 0.5 + 0.5 * np.tanh(0.5 * x)],
    "relu": [lambda x: np.maximum(x, 0.0), lambda x: np.where(x > 0, x, 0.0),
             lambda x: x * (x > 0), lambda x: (x + np.abs(x)) / 2],
    "relu_derivative": [lambda x: (x > 0).astype(float), lambda x: np.heaviside(x, 0.0),
                        lambda x: np.where(x > 0, 1.0, 0.0)],
    "leaky_relu": [lambda x, negative_slope=0.01: np.where(x > 0, x, negative_slope * x),
                   lambda x, negative_slope=0.01: np.maximum(x, 0) + negative_slope * np.minimum(x, 0)],
    "prelu_grad_a": [lambda x, a: np.minimum(x, 0.0), lambda x, a: np.where(x <= 0, x, 0.0),
                     lambda x, a: x * (x <= 0)],
    "dead_fraction": [lambda pre: np.mean(np.all(pre <= 0, axis=0)),
                      lambda pre: 1.0 - np.mean(np.any(pre > 0, axis=0)),
                      lambda pre: float(np.sum(pre.max(axis=0) <= 0)) / pre.shape[1]],
    "elu": [lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0))),
            lambda x, alpha=1.0: np.where(x > 0, x, alpha * (np.exp(x) - 1))],
    "selu_constants": [selu_constants_by_quadrature, selu_constants_closed_form],
    "selu": [lambda x: SELU_L * np.where(x > 0, x, SELU_A * np.expm1(np.minimum(x, 0))),
             lambda x: SELU_L * (np.maximum(x, 0) + np.minimum(0, SELU_A * (np.exp(x) - 1)))],
    "softmax": [softmax_shifted,
                lambda z, axis=-1: np.exp(z - special.logsumexp(z, axis=axis, keepdims=True))],
    "log_softmax": [log_softmax_shifted,
                    lambda z, axis=-1: z - special.logsumexp(z, axis=axis, keepdims=True)],
    "softmax_jacobian": [
        lambda z: np.diag(softmax_shifted(z)) - np.outer(softmax_shifted(z), softmax_shifted(z)),
        lambda z: softmax_shifted(z)[:, None] * (np.eye(len(z)) - softmax_shifted(z)[None, :])],
    "cross_entropy_grad": [
        lambda logits, target: softmax_shifted(logits) - np.eye(len(logits))[target],
        lambda logits, target: softmax_shifted(logits) - (np.arange(len(logits)) == target)],
    "swish": [lambda x, beta=1.0: x * special.expit(beta * x),
              lambda x, beta=1.0: x / (1 + np.exp(-beta * x))],
    "gelu_tanh": [lambda x: 0.5 * x * (1 + np.tanh(SQ * (x + 0.044715 * x**3))),
                  lambda x: x * special.expit(2 * SQ * (x + 0.044715 * x**3))],
    "gelu": [lambda x: x * special.ndtr(x), lambda x: 0.5 * x * (1 + special.erf(x / np.sqrt(2)))],
    "init_std": [init_std_by_dict, init_std_by_branches],
    "epochs_to_target": [
        epochs_first_index, epochs_by_loop,
        lambda epochs, accuracy, target=0.9: float(np.min(epochs[accuracy >= target], initial=np.inf))],
}


def relu_in_place(x):
    x[x < 0] = 0.0
    return x


def relu_without_return(x):
    x[x < 0] = 0.0


def logits_in_place(logits, target):
    logits -= logits.max()
    p = np.exp(logits) / np.exp(logits).sum()
    p[target] -= 1
    return p


def step_partly_written(x, threshold=0.0):
    if threshold != 0.0:
        return (x > threshold).astype(float)


def sigmoid_two_branches(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))


def softmax_global_shift(z, axis=-1):
    e = np.exp(z - z.max())  # the maximum of the whole array, not of each row
    return e / e.sum(axis, keepdims=True)


OVERFLOW = "NumPy warned: overflow encountered"
# (id, answer, a piece of the feedback that names the mistake)
WRONG = [
    ("relu_std_factor", lambda c, layers: (c / 2) ** layers,
     "wrong value: expected 4.315837287515549e-05, got 1.862645149230957e-09"),
    ("jacobian_entry", lambda s, i, j: s[i] * (1 - s[j]), "wrong value: expected exactly -0.25, got 0.25"),
    ("jacobian_entry", lambda s, i, j: -s[i] * s[j], "wrong value: expected exactly 0.25, got -0.25"),
    ("neuron", lambda x, w, b, f: f(x @ w),
     "wrong value at index 2: expected exactly 0.25, got 0.0"),
    ("neuron", lambda x, w, b, f: f(x @ w) + b,
     "wrong value at index 0: expected exactly 0.0, got 0.25"),
    ("neuron", lambda x, w, b, f: x @ w + b,
     "wrong value at index 0: expected exactly 0.0, got -1.25"),
    ("neuron", lambda x, w, b, f: f(x * w + b), "expected shape (5,), got (5, 2)"),
    ("neuron", lambda x, w, b, f: f(w @ x + b), "raised ValueError: matmul"),
    ("neuron", lambda x, w, b, f: np.tanh(x @ w + b), "wrong value at index 0"),
    ("neuron", lambda x, w, b: x @ w + b, "cannot be called this way"),
    ("collapse_weights", lambda W1, W2: W2 @ W1, "expected shape (2, 2), got (3, 3)"),
    ("collapse_weights", lambda W1, W2: W1 * W2, "raised ValueError: operands could not"),
    ("collapse_weights", lambda W1, W2: W2.T @ W1.T,
     "wrong value at index (0, 1): expected 2.25, got -2.0"),
    ("collapse_bias", lambda b1, W2, b2: b1 + b2, "raised ValueError: operands could not"),
    ("collapse_bias", lambda b1, W2, b2: b1 @ W2,
     "wrong value at index 0: expected -1.75, got -2.0"),
    ("collapse_bias", lambda b1, W2, b2: b2, "wrong value at index 0: expected -1.75, got 0.25"),
    ("collapse_bias", lambda b1, W2, b2: W2 @ b1 + b2, "raised ValueError: matmul"),
    ("step", lambda x, threshold=0.0: (x > 0).astype(float),
     "the result does not change with threshold: is the parameter used?"),
    ("step", lambda x, threshold=0.0: (x >= threshold).astype(float),
     "wrong value at x = 0.0: expected exactly 0.0, got 1.0"),
    ("step", lambda x, threshold=0.0: x > threshold, "returned booleans"),
    ("step", lambda x: (x > 0).astype(float), "takes no parameter 'threshold'"),
    ("step", step_partly_written, "returned None"),
    ("sigmoid", naive_sigmoid, OVERFLOW),
    ("sigmoid", sigmoid_two_branches, OVERFLOW),
    ("sigmoid", lambda x: 1 / (1 + np.exp(x)), "wrong value"),
    ("sigmoid", lambda x: naive_sigmoid(np.clip(x, -500, 500)),
     "wrong value at x = -1000.0: expected 0.0, got 7.1245764"),
    ("sigmoid", lambda x: np.tanh(x), "expected exactly 0.5, got 0.0"),
    ("sigmoid_derivative", lambda x: special.expit(x) * (1 + special.expit(x)), "wrong value"),
    ("sigmoid_derivative", lambda x: special.expit(x) * (1 - x), "wrong value"),
    ("sigmoid_prime_from_value", lambda a: special.expit(a) * (1 - special.expit(a)), "wrong value"),
    ("bipolar_sigmoid", np.tanh, "wrong value"),
    ("tanh_as_sigmoid", "a", "it is the bipolar sigmoid of notebook 01"),
    ("bipolar_sigmoid", lambda x: 2 * special.expit(x), "wrong value"),
    ("tanh_from_sigmoid", lambda x: 2 * special.expit(x) - 1, "wrong value"),
    ("tanh_derivative", lambda x: 1 - np.tanh(x), "wrong value"),
    ("tanh_derivative", lambda x: 1 - x**2, "wrong value"),
    ("sigmoid_from_tanh", lambda x: 0.5 * (1 + np.tanh(x)), "wrong value"),
    ("relu", relu_in_place, "modified its input x in place"),
    ("relu", relu_without_return, "modified its input x in place"),
    ("relu", lambda x: [max(0.0, v) for v in x], "returned a list"),
    ("relu", lambda x: [v for v in x if v > 0],
     "list of length 3, not a NumPy array of shape (7,)"),
    ("relu", lambda x: np.maximum(x, 0).reshape(1, -1), "expected shape (7,), got (1, 7)"),
    ("relu", lambda x: x.clip_negative(), "raised AttributeError"),
    ("relu", lambda x: np.maximum(x, 0) + 1 / 0, "raised ZeroDivisionError"),
    ("relu", lambda x: x * np.nan, "NaN in the output at x = -3.0"),
    ("relu", lambda x: np.maximum(x, 0).astype(np.complex128), "not numbers"),
    ("relu_derivative", lambda x: (x >= 0).astype(float), "at x = 0.0"),
    ("relu_derivative", lambda x: (x > 0).astype(int), "returned integers"),
    ("leaky_relu", lambda x, negative_slope=0.01: np.where(x > 0, x, 0.01 * x),
     "the result does not change with negative_slope"),
    ("leaky_relu", lambda x, negative_slope=0.1: np.where(x > 0, x, negative_slope * x),
     "the default is negative_slope=0.1, but the exercise asks for negative_slope=0.01"),
    ("leaky_relu", lambda x, negative_slope=0.01: np.where(x > 0, x, -negative_slope * x),
     "wrong value"),
    ("prelu_grad_a", lambda x, a: np.where(x <= 0, a * x, 0.0), "wrong value"),
    ("prelu_grad_a", lambda x, a: np.where(x > 0, 1.0, a), "wrong value"),
    ("prelu_grad_a", lambda x: np.minimum(x, 0.0), "cannot be called this way"),
    ("dead_fraction", lambda pre: np.mean(np.any(pre <= 0, axis=0)),
     "expected exactly 0.4, got 0.8"),
    ("dead_fraction", lambda pre: np.mean(np.all(pre < 0, axis=0)),
     "expected exactly 0.4, got 0.2"),
    ("dead_fraction", lambda pre: np.mean(np.all(pre <= 0, axis=1)), "wrong value"),
    ("dead_fraction", lambda pre: float(np.sum(np.all(pre <= 0, axis=0))), "got 2.0"),
    ("dead_fraction", lambda pre: np.all(pre <= 0, axis=0).astype(float),
     "expected a single number, got an array of shape (5,)"),
    ("elu", lambda x, alpha=1.0: np.where(x > 0, x, np.expm1(x)),
     "the result does not change with alpha"),
    ("elu", lambda x, alpha=1.0: np.where(x > 0, x, alpha * np.exp(x)), "wrong value"),
    ("elu", lambda x, alpha=1.0: alpha * np.expm1(x), "wrong value"),
    ("selu_constants", lambda: (SELU_L, SELU_A), "wrong value at index 0"),
    ("selu_constants", lambda: SELU_A, "expected shape (2,), got ()"),
    ("selu_constants", lambda: (1.6733, 1.0507), "wrong value"),
    ("selu", lambda x: np.where(x > 0, x, SELU_A * np.expm1(x)), "wrong value"),
    ("selu", lambda x: np.where(x > 0, x, SELU_L * SELU_A * np.expm1(x)), "wrong value"),
    ("softmax", lambda z, axis=-1: np.exp(z) / np.exp(z).sum(axis, keepdims=True), OVERFLOW),
    ("softmax", lambda z, axis=-1: softmax_shifted(z), "the result does not change with axis"),
    ("softmax", softmax_global_shift, "NaN in the output at index (1, 0)"),
    ("softmax", lambda z, axis=-1: np.exp(z - z.max(axis, keepdims=True)) / np.exp(z).sum(axis),
     "raised ValueError"),
    ("softmax", lambda z, axis=-1: np.exp(z - z.max()) / np.exp(z - z.max()).sum(), "wrong value"),
    ("log_softmax", lambda z, axis=-1: np.log(softmax_shifted(z, axis)),
     "-inf in the output at index 1, where the answer is -1000.0"),
    ("log_softmax", lambda z, axis=-1: z - np.log(np.exp(z).sum(axis, keepdims=True)),
     OVERFLOW),
    ("softmax_jacobian", lambda z: -np.outer(softmax_shifted(z), softmax_shifted(z)),
     "wrong value"),
    ("softmax_jacobian", lambda z: softmax_shifted(z) * (1 - softmax_shifted(z)),
     "expected shape (4, 4), got (4,)"),
    ("cross_entropy_grad", lambda z, target: np.eye(len(z))[target] - softmax_shifted(z),
     "wrong value"),
    ("cross_entropy_grad", lambda logits, target: softmax_shifted(logits), "wrong value"),
    ("cross_entropy_grad", logits_in_place, "modified its input logits in place"),
    ("swish", lambda x, beta=1.0: x * special.expit(x), "the result does not change with beta"),
    ("swish", lambda x, beta=1.0: beta * x * special.expit(x), "wrong value"),
    ("gelu_tanh", lambda x: x * (1 + np.tanh(SQ * (x + 0.044715 * x**3))), "wrong value"),
    ("gelu_tanh", lambda x: 0.5 * x * (1 + np.tanh(SQ * (x + 0.044715 * x**2))), "wrong value"),
    ("gelu", CORRECT["gelu_tanh"][0], "wrong value"),
    ("gelu", lambda x: 0.5 * x * (1 + special.erf(x)), "wrong value"),
    ("init_std", lambda init, fan_in, fan_out: {"he": 2 / fan_in, "xavier": 2 / (fan_in + fan_out),
                                                "lecun": 1 / fan_in}[init],
     "wrong value: expected exactly 0.125, got 0.015625"),
    ("init_std", lambda init, fan_in, fan_out: np.sqrt({"he": 2 / fan_out, "xavier": 2 / (fan_in + fan_out),
                                                        "lecun": 1 / fan_in}[init]),
     "He and LeCun scale with the number of inputs (fan_in) alone."),
    ("init_std", lambda init, fan_in, fan_out: np.sqrt({"he": 2 / fan_in, "xavier": 1 / (fan_in + fan_out),
                                                        "lecun": 1 / fan_in}[init]),
     "Xavier averages the two"),
    ("epochs_to_target", lambda epochs, accuracy, target=0.9: float(epochs[np.argmax(accuracy >= target)]),
     "wrong value: expected exactly inf, got 0.0"),
    ("epochs_to_target", epochs_none_if_never, "returned None"),
    ("epochs_to_target", lambda epochs, accuracy, target=0.9:
     float(epochs[np.flatnonzero(accuracy > target)[0]]) if np.any(accuracy > target) else np.inf,
     "wrong value: expected exactly 2.0, got 3.0"),
    ("epochs_to_target", lambda epochs, accuracy, target=0.9:
     float(np.flatnonzero(accuracy >= target)[0]) if np.any(accuracy >= target) else np.inf,
     "wrong value: expected exactly 10.0, got 2.0"),
    ("epochs_to_target", lambda epochs, accuracy, target=0.9:
     float(epochs[np.flatnonzero(accuracy >= target)[-1]]) if np.any(accuracy >= target) else np.inf,
     "wrong value: expected exactly 1.0, got 5.0"),
    ("epochs_to_target", lambda epochs, accuracy, target=0.9: int(epochs_first_index(epochs, accuracy, target))
     if np.any(accuracy >= target) else np.inf, "returned integers"),
    ("softplus", lambda x, beta=1.0: np.log(1 + np.exp(beta * x)) / beta, "inf in the output at x = 1000.0"),
    ("mish", lambda x: x * np.tanh(x), "wrong value"),
    ("swiglu", lambda x: np.split(x, 2, axis=-1)[0] * special.expit(np.split(x, 2, axis=-1)[1]), "wrong value"),
]


def _ids(pairs):
    return [f"{p[0]}-{i}" for i, p in enumerate(pairs)]


def _all_correct_forms():
    """CORRECT here and in the ladder tests of each notebook, which own the newer kinds."""
    import test_exercise_ladder_01_02
    import test_exercise_ladder_03_04
    import test_exercise_ladder_05_07
    import test_exercise_ladder_08
    tables = [CORRECT, *(m.CORRECT for m in (test_exercise_ladder_01_02, test_exercise_ladder_03_04,
                                             test_exercise_ladder_05_07, test_exercise_ladder_08))]
    return {k: [f for table in tables for f in table.get(k, [])] for k in EXERCISES}


ALL_CORRECT = _all_correct_forms()
CORRECT_PAIRS = [(k, f) for k, fs in ALL_CORRECT.items() for f in fs]


# --- the table ---------------------------------------------------------------

def test_the_exercises_are_those_of_the_issue():
    assert {k: e.notebook for k, e in EXERCISES.items()} == NOTEBOOK_OF
    for key, ex in EXERCISES.items():
        assert ex.id == key and ex.title and ex.hints
        if ex.answer == "function":
            assert ex.signature.startswith(f"{key}(") and ex.signature.endswith(")")
        assert ex.cases or ex.choices, key


def test_every_exercise_has_correct_forms_to_test_it_with():
    short = [k for k, forms in ALL_CORRECT.items() if len(forms) < 2]
    assert not short, short


def test_unknown_id_lists_the_valid_ones():
    with pytest.raises(KeyError) as err:
        check("sigmod", naive_sigmoid)
    assert "sigmod" in str(err.value) and all(k in str(err.value) for k in EXERCISES)


# --- right answers pass, stubs are not attempted -----------------------------

@pytest.mark.parametrize("exercise_id, answer", CORRECT_PAIRS, ids=_ids(CORRECT_PAIRS))
def test_correct_forms_pass(exercise_id, answer):
    result = check(exercise_id, answer)
    assert result.attempted and result.passed, str(result)
    assert str(result).startswith(f"✓ {exercise_id}: all ")
    assert "hint" not in str(result) and "rule broken" not in str(result)


@pytest.mark.parametrize("exercise_id", list(EXERCISES))
def test_stub_is_not_attempted(exercise_id):
    def stub(*args, **kwargs):
        pass

    def unwritten(*args, **kwargs):
        raise NotImplementedError

    class Stub:
        def __init__(self, **params):
            pass

        forward = backward = stub

    class Unwritten(Stub):
        forward = backward = unwritten

    layer = EXERCISES[exercise_id].answer == "layer"
    for answer in ((Stub, Unwritten) if layer else (stub, unwritten)):
        result = check(exercise_id, answer)
        assert not result.attempted and not result.passed
        assert ("not attempted yet: fill in the function above and run this cell again"
                in str(result))


# --- mistakes are failures with a specific message ---------------------------

@pytest.mark.parametrize("exercise_id, answer, message", WRONG, ids=_ids(WRONG))
def test_mistakes_fail_with_a_specific_message(exercise_id, answer, message):
    result = check(exercise_id, answer)
    assert result.attempted and not result.passed
    assert message in str(result), str(result)


def test_every_function_exercise_has_mistakes_that_fail():
    # choices, values and layers: their wrong answers are in the ladder tests of their notebooks
    assert {w[0] for w in WRONG} >= {k for k, e in EXERCISES.items() if e.answer == "function"}


def test_answer_that_is_not_a_function():
    for answer in (None, np.zeros(3), 0.5):
        result = check("relu", answer)
        assert result.attempted and not result.passed
        assert "check() needs the function itself" in str(result)


def test_exception_names_type_and_message():
    def broken(x):
        raise ValueError("I give up")
    assert "raised ValueError: I give up" in str(check("relu", broken))


def test_students_code_cannot_change_numpy_or_warning_state():
    before = np.geterr()

    def careless(x):
        np.seterr(all="ignore")
        warnings.simplefilter("ignore")
        return naive_sigmoid(x)

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning leaking out of check() fails the test
        check("sigmoid", careless)
        assert np.geterr() == before
        assert OVERFLOW in str(check("sigmoid", naive_sigmoid))
        # A student who sets "raise" gets their own FloatingPointError reported.
        assert "FloatingPointError" in str(check("sigmoid", lambda x: (np.seterr(all="raise"),
                                                                      naive_sigmoid(x))[1]))
        assert np.geterr() == before
        # Overflow is reported even where the notebook silenced NumPy.
        with np.errstate(all="ignore"):
            assert OVERFLOW in str(check("sigmoid", naive_sigmoid))


def test_student_sees_the_registry_values_not_retyped_ones():
    # The expected value shown for sigmoid(0) is what actlib.sigmoid gives.
    result = check("sigmoid", lambda x: np.zeros_like(x))
    assert f"expected exactly {float(actlib.sigmoid(0.0))!r}, got 0.0" in str(result)


# --- display --------------------------------------------------------------------

def test_text_is_deterministic_and_repr_is_the_same():
    for answer in (naive_sigmoid, special.expit, lambda x: None, lambda x: object(),
                   lambda x: [object()]):
        first, second = check("sigmoid", answer), check("sigmoid", answer)
        assert str(first) == str(second) == repr(first)
        assert "0x" not in str(first) and first._repr_html_() == second._repr_html_()


def test_html_shows_the_failing_input_expected_got_and_hint():
    result = check("step", lambda x, threshold=0.0: (x >= threshold).astype(float))
    page = result._repr_html_()
    assert "✗" in page and "#D55E00" in page
    for row in ("call", "x", "expected", "got", "problem"):
        assert f">{row}</th>" in page
    assert "[-3. , -1. , -0.5,  0. ,  0.5,  1. ,  3. ]" in page  # the input
    assert "at x = 0.0" in page
    assert html.escape(EXERCISES["step"].hints[0], quote=False) in page


def test_html_of_a_pass_is_blue_with_ticks():
    page = check("relu", lambda x: np.maximum(x, 0.0))._repr_html_()
    assert "#0072B2" in page and "✓" in page and "✗" not in page
    assert "not attempted yet" in check("relu", lambda x: None)._repr_html_()


def test_html_escapes_the_students_output():
    page = check("relu", lambda x: "<b>")._repr_html_()
    assert "<b>" not in page and "&lt;b&gt;" in page


# --- speed ------------------------------------------------------------------------

def test_each_check_is_fast():
    slowest = 0.0
    for exercise_id, answer in CORRECT_PAIRS + [(w[0], w[1]) for w in WRONG]:
        start = time.perf_counter()
        check(exercise_id, answer)
        slowest = max(slowest, time.perf_counter() - start)
    assert slowest < 0.5


def good_step(x, threshold=0.0):
    return np.where(np.asarray(x) > threshold, 1.0, 0.0)


def stub_step(x, threshold=0.0):
    return None


def wrong_step(x, threshold=0.0):
    return np.ones_like(np.asarray(x, dtype=float))


GRADERS = {"nbgrader autograde": ("NBGRADER_EXECUTION", "autograde"),
           "nbgrader validate": ("NBGRADER_EXECUTION", "validate"),
           "ACTLIB_GRADING": ("ACTLIB_GRADING", "1")}


@pytest.fixture
def student(monkeypatch):
    """A student's environment: no grader's variable set."""
    for variable, _ in GRADERS.values():
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(params=GRADERS)
def grader(request, monkeypatch, student):
    variable, value = GRADERS[request.param]
    monkeypatch.setenv(variable, value)


def test_for_a_student_check_returns_the_report_and_never_raises(student, capsys):
    assert not actlib.exercises.grading()
    for answer, passed in ((good_step, True), (stub_step, False), (wrong_step, False)):
        result = check("step", answer)
        assert result.passed is passed
    assert capsys.readouterr().out == ""


def test_under_grading_a_pass_prints_one_line_and_returns_nothing(grader, capsys):
    # A returned value would be an execute_result, which nbgrader reads as a score.
    assert actlib.exercises.grading()
    assert check("step", good_step) is None
    assert capsys.readouterr().out == f"✓ step: all {len(EXERCISES['step'].cases)} checks passed.\n"


@pytest.mark.parametrize("answer, headline", [
    (stub_step, "step: not attempted yet"),
    (wrong_step, "✗ step: "),
    (42, "✗ step: check() needs the function itself"),
])
def test_under_grading_a_failure_raises_with_the_report(grader, answer, headline):
    with pytest.raises(actlib.exercises.CheckFailed) as err:
        check("step", answer)
    assert isinstance(err.value, AssertionError)
    assert str(err.value) == str(check("step", answer, example=True))
    assert str(err.value).startswith(headline)


def test_a_failure_renders_as_the_report_not_a_traceback(grader):
    with pytest.raises(actlib.exercises.CheckFailed) as err:
        check("step", wrong_step)
    lines = err.value._render_traceback_()  # what IPython shows instead of a traceback
    assert lines[0].startswith("\x1b[0;31mCheckFailed\x1b[0m: ✗ step: ")
    plain = [lines[0].replace("\x1b[0;31m", "").replace("\x1b[0m", ""), *lines[1:]]
    assert " ".join("\n".join(plain).split()) == " ".join(f"CheckFailed: {err.value}".split())
    # nbgrader validate cuts longer lines; the rows' text stays aligned.
    assert max(map(len, plain)) <= 80 and any(line.startswith(" " * 16 + "values wrong") for line in plain)
    assert not any("exercises.py" in line or "Traceback" in line for line in lines)


def test_an_example_never_raises_even_under_grading(grader, capsys):
    result = check("step", wrong_step, example=True)
    assert not result.passed and "✗ step" in str(result)
    assert capsys.readouterr().out == ""


def test_an_empty_variable_is_no_grading(student, monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "")
    monkeypatch.setenv("ACTLIB_GRADING", "")
    assert not check("step", stub_step).passed


def test_exercises_are_listed_in_the_order_the_notebooks_check_them():
    # The series map in notebook 00 numbers them from this order.
    import re
    from pathlib import Path
    checked = []
    for source in sorted((Path(__file__).resolve().parents[1] / "source").glob("[0-9][0-9]_*.py")):
        for exercise_id in re.findall(r'^check\("(\w+)"', source.read_text(), re.M):
            if exercise_id not in checked:
                checked.append(exercise_id)
    assert checked == list(EXERCISES)
