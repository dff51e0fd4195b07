"""The exercises of notebook 08 (gated and modern activations) as a student meets them.

Every way around a rule that we could think of is rejected with the rule's own
sentence; every correct form we could think of passes; the typical wrong forms
fail with a note that says why; the layer exercise catches the classic backward
mistakes; the hints come in three stages, none of which is the solution; and
the predictions' reveals read right.

Decided here: ``np.logaddexp(0, x)`` computes log(e^0 + e^x) stably, which *is*
softplus, so it is forbidden in the softplus exercise (with SciPy's softplus,
logsumexp and log_expit, which are the same function in other clothes). In the
Mish exercise softplus is a building block, so ``np.logaddexp`` is allowed
there. ``actlib.swish`` and ``special.expit`` are building blocks of SwiGLU; the
registry's gated units are not (any of them can be bent into SwiGLU).
"""

import functools
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy import special

import actlib
from actlib import nn
from actlib.exercises import EXERCISES, PREDICTIONS, adopt, check, hint, reveal, runner
from actlib.exercises.bank import gated_and_modern as bank

ROOT = Path(__file__).resolve().parents[1]
MINE = [e for e in EXERCISES.values() if e.notebook == "08"]

pytestmark = pytest.mark.filterwarnings("error")  # nothing may leak out of check()


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    """A student who has failed nothing, asked for no hint and predicted nothing; not graded."""
    runner._failures.clear()
    runner._asked.clear()
    monkeypatch.setattr("actlib.exercises.predictions._recorded", {})
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.delenv("ACTLIB_GRADING", raising=False)


# ---------------------------------------------------------------------------
# Answers, written as a student might write them.


def softplus_stable(x, beta=1.0):
    t = beta * np.asarray(x, dtype=float)
    return (np.maximum(t, 0.0) + np.log1p(np.exp(-np.abs(t)))) / beta


def softplus_branches(x, beta=1.0):
    t = beta * np.asarray(x, dtype=float)
    with np.errstate(over="ignore"):
        return np.where(t > 0, t + np.log1p(np.exp(-t)), np.log1p(np.exp(t))) / beta


def softplus_by_masks(x, beta=1.0):
    t = beta * np.asarray(x, dtype=float)
    out = np.empty_like(t)
    pos = t > 0
    out[pos] = t[pos] + np.log1p(np.exp(-t[pos]))
    out[~pos] = np.log1p(np.exp(t[~pos]))
    return out / beta


def softplus_naive(x, beta=1.0):
    return np.log(1 + np.exp(beta * x)) / beta


def softplus_no_log1p(x, beta=1.0):  # overflow fixed, the far left still lost
    t = beta * np.asarray(x, dtype=float)
    return (np.maximum(t, 0) + np.log(1 + np.exp(-np.abs(t)))) / beta


def swiglu_split(x):
    a, b = np.split(np.asarray(x, dtype=float), 2, axis=-1)
    return a * b * special.expit(b)


def swiglu_slices(x):
    x = np.asarray(x, dtype=float)
    k = x.shape[-1] // 2
    return x[..., :k] * x[..., k:] / (1 + np.exp(-x[..., k:]))


def swiglu_from_actlib_swish(x):
    a, b = np.split(np.asarray(x, dtype=float), 2, axis=-1)
    return a * actlib.swish(b)


class SwiGLULayer:  # the solution's layer
    def forward(self, z):
        self.a, self.b = np.split(z, 2, axis=-1)
        self.gate = special.expit(self.b)
        return self.a * self.b * self.gate

    def backward(self, dh):
        d_swish = self.gate + self.b * self.gate * (1 - self.gate)
        return np.concatenate([dh * self.b * self.gate, dh * self.a * d_swish], axis=-1)


class LayerKeepingZ:
    def forward(self, z):
        self.z = z
        return swiglu_slices(z)

    def backward(self, dh):
        k = self.z.shape[-1] // 2
        a, b = self.z[..., :k], self.z[..., k:]
        return np.concatenate([dh * actlib.swish(b), dh * a * actlib.swish.derivative(b)], axis=-1)


class LayerForgettingDh(SwiGLULayer):
    def backward(self, dh):
        d_swish = self.gate + self.b * self.gate * (1 - self.gate)
        return np.concatenate([self.b * self.gate, self.a * d_swish], axis=-1)


class LayerWithSigmoidPrime(SwiGLULayer):  # d/db of the gate taken as sigma'(b), not swish'(b)
    def backward(self, dh):
        return np.concatenate([dh * self.b * self.gate, dh * self.a * self.gate * (1 - self.gate)], axis=-1)


class LayerWithoutA(SwiGLULayer):  # the factor a dropped from df/db
    def backward(self, dh):
        d_swish = self.gate + self.b * self.gate * (1 - self.gate)
        return np.concatenate([dh * self.b * self.gate, dh * d_swish], axis=-1)


class LayerCallingActlib:
    def forward(self, z):
        self.z = z
        return actlib.swiglu(z)

    def backward(self, dh):
        da, db = actlib.swiglu.derivative(self.z)
        return np.concatenate([dh * da, dh * db], axis=-1)


class LayerWithActlibsPartials(SwiGLULayer):
    def backward(self, dh):
        da, db = actlib.get("swiglu").derivative(np.concatenate([self.a, self.b], axis=-1))
        return np.concatenate([dh * da, dh * db], axis=-1)


class LayerWithActlibsJacobian(SwiGLULayer):
    def backward(self, dh):
        jac = actlib.swiglu.jacobian(np.concatenate([self.a, self.b], axis=-1))
        return np.einsum("...i,...ij->...j", dh, jac)


def _halves(x):
    return np.split(np.asarray(x, dtype=float), 2, axis=-1)


# (exercise, answer, the forbidden name the report must give)
BYPASSES = [
    # softplus: the function itself, by every name it has
    ("softplus", actlib.softplus, "actlib.softplus"),
    ("softplus", lambda x, beta=1.0: actlib.get("softplus")(x, beta=beta), "actlib.softplus"),
    ("softplus", lambda x, beta=1.0: np.logaddexp(0, beta * x) / beta, "np.logaddexp"),
    ("softplus", lambda x, beta=1.0: np.logaddexp2(0, beta * x / np.log(2)) * np.log(2) / beta,
     "np.logaddexp2"),
    ("softplus", lambda x, beta=1.0: special.softplus(beta * x) / beta, "scipy.special.softplus"),
    ("softplus", lambda x, beta=1.0: -special.log_expit(-beta * x) / beta, "scipy.special.log_expit"),
    ("softplus", lambda x, beta=1.0: special.logsumexp(
        np.stack([np.zeros_like(x), beta * x]), axis=0) / beta, "scipy.special.logsumexp"),
    ("softplus", lambda x, beta=1.0: -actlib.log_softmax(
        np.stack([np.zeros_like(x), beta * x], axis=-1))[..., 0] / beta, "actlib.log_softmax"),
    ("softplus", lambda x, beta=1.0: nn.ActivationLayer("softplus", beta=beta).forward(x),
     "actlib.nn.ActivationLayer"),
    ("softplus", lambda x, beta=1.0: getattr(np, "logadd" + "exp")(0, beta * x) / beta, "np.logaddexp"),
    # mish
    ("mish", actlib.mish, "actlib.mish"),
    ("mish", lambda x: actlib.get("mish")(x), "actlib.mish"),
    ("mish", lambda x: nn.ActivationLayer("mish").forward(x), "actlib.nn.ActivationLayer"),
    # swiglu: actlib's, or another gated unit bent into it
    ("swiglu", actlib.swiglu, "actlib.swiglu"),
    ("swiglu", lambda x: actlib.get("swiglu")(x), "actlib.swiglu"),
    ("swiglu", functools.partial(actlib.swiglu, axis=-1), "actlib.swiglu"),
    ("swiglu", lambda x: actlib.glu(np.concatenate([_halves(x)[0] * _halves(x)[1], _halves(x)[1]], -1)),
     "actlib.glu"),
    # GEGLU's sigmoid form is a * (b / 1.702) * sigma(b): scale a up to get SwiGLU
    ("swiglu", lambda x: actlib.geglu(np.concatenate([_halves(x)[0] * 1.702, _halves(x)[1] / 1.702], -1),
                                      approximate="sigmoid"), "actlib.geglu"),
    # the layer: actlib's unit and its partials, however reached
    ("swiglu_layer", LayerCallingActlib, "actlib.swiglu"),
    ("swiglu_layer", LayerWithActlibsPartials, "actlib.swiglu.derivative"),
    ("swiglu_layer", LayerWithActlibsJacobian, "actlib.swiglu.jacobian"),
    ("swiglu_layer", bank.SwiGLULayer, "actlib.exercises.bank.gated_and_modern.SwiGLULayer"),
    ("swiglu_layer", type("Sub", (bank.SwiGLULayer,), {}), "actlib.exercises.bank.gated_and_modern.SwiGLULayer"),
]


@pytest.mark.parametrize("exercise_id, answer, name", BYPASSES,
                         ids=[f"{b[0]}-{i}" for i, b in enumerate(BYPASSES)])
def test_a_bypass_is_rejected_with_the_rule_it_broke(exercise_id, answer, name):
    result = check(exercise_id, answer)
    text = str(result)
    assert not result.passed and result.broken, text
    assert text.startswith(f"✗ {exercise_id}: rule broken: ")
    assert (f"your function calls {name}" in text or f"this is {name} itself" in text
            or f"your class inherits from {name}" in text), text
    rule = EXERCISES[exercise_id].rule
    assert rule and rule in text  # the exercise's own sentence, not the generic one


def test_many_bypasses_cover_every_written_exercise():
    assert len(BYPASSES) >= 8
    assert {b[0] for b in BYPASSES} == {e.id for e in MINE if e.answer in ("function", "layer")}


def test_every_written_exercise_has_a_friendly_rule():
    for exercise in MINE:
        if exercise.answer in ("function", "layer"):
            assert exercise.rule and not exercise.rule.endswith("."), exercise.id


def test_the_tripwires_are_gone_after_rejected_answers():
    for exercise_id, answer, _ in BYPASSES:
        check(exercise_id, answer)
    assert np.logaddexp.__class__ is np.ufunc and special.softplus.__module__.startswith("scipy")
    assert "derivative" not in vars(actlib.swiglu) and "jacobian" not in vars(actlib.swiglu)
    assert actlib.swiglu(np.array([1.0, 0.0])).tolist() == [0.0]
    assert actlib.softplus(0.0) == np.log(2)


# ---------------------------------------------------------------------------
# Every correct form passes; the typical wrong ones fail with a note.


CORRECT = {
    "softplus": [softplus_stable, softplus_branches, softplus_by_masks,
                 lambda x, beta=1.0: (actlib.relu(beta * x) + np.log1p(np.exp(-np.abs(beta * x)))) / beta],
    "mish": [lambda x: x * np.tanh(softplus_stable(x)),
             lambda x: x * np.tanh(np.logaddexp(0, x)),  # allowed here: softplus is a building block
             lambda x: x * np.tanh(actlib.softplus(x)),
             lambda x: x * (lambda s: (1 - np.exp(-2 * s)) / (1 + np.exp(-2 * s)))(softplus_stable(x))],
    "equal_width": [(4096 / 3, 2 / 3), [2 * 2048 / 3, 2 / 3], lambda: (1365 + 1 / 3, 1365.3333333333333 / 2048),
                    np.array([2048 * 2 / 3, 2 / 3])],
    "swiglu": [swiglu_split, swiglu_slices, swiglu_from_actlib_swish,
               lambda x: (lambda a, b: a * b * special.expit(b))(*np.split(x, 2, axis=-1))],
    "swiglu_layer": [SwiGLULayer, LayerKeepingZ],
}


# (exercise, answer, a phrase its report must contain)
WRONG = [
    ("softplus", softplus_naive, "take x out of the logarithm"),
    ("softplus", softplus_no_log1p, "a log that takes the small number itself"),
    ("softplus", lambda x, beta=1.0: softplus_stable(x), "softplus(x, β) = softplus(βx) / β"),
    ("softplus", lambda x, beta=1.0: softplus_stable(beta * x), "softplus(x, β) = softplus(βx) / β"),
    ("mish", lambda x: x * np.tanh(x), "the gate is tanh of softplus"),
    ("mish", lambda x: x * special.expit(softplus_stable(x)), "the gate is tanh of softplus"),
    ("equal_width", (1365, 1365 / 2048), "keep the exact fraction"),
    ("equal_width", (3072, 1.5), "wrong value"),
    ("swiglu", lambda x: (lambda a, b: b * a * special.expit(a))(*_halves(x)), "Swapping them"),
    ("swiglu", lambda x: (lambda a, b: a * special.expit(b))(*_halves(x)), "b · σ(b), not σ(b)"),
    ("swiglu", lambda x: (lambda a, b: a * b * special.expit(b))(*np.split(np.asarray(x), 2, axis=0)),
     "split the last axis"),
]


@pytest.mark.parametrize("exercise_id, answer, phrase", WRONG,
                         ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_a_wrong_form_fails_with_a_note_that_says_why(exercise_id, answer, phrase):
    result = check(exercise_id, answer)
    assert result.attempted and not result.passed and not result.broken, str(result)
    assert phrase in str(result), str(result)


def test_the_softplus_check_demands_the_far_left_to_full_relative_accuracy():
    text = str(check("softplus", softplus_no_log1p))
    assert "✓ large x: 1000 gives 1000 exactly, no overflow" in text  # the overflow is fixed ...
    assert "✗ very negative x: to full relative accuracy" in text  # ... the far left is not


# ---------------------------------------------------------------------------
# The layer: checked against finite differences, half by half.


def test_the_layer_check_catches_a_backward_that_forgets_dh():
    text = str(check("swiglu_layer", LayerForgettingDh))
    assert "✓ forward, a vector of 8" in text and "✗ backward against finite differences, a vector" in text
    assert "each multiplied by dh" in text


@pytest.mark.parametrize("layer", [LayerWithSigmoidPrime, LayerWithoutA])
def test_the_layer_check_catches_a_wrong_partial_for_b(layer):
    text = str(check("swiglu_layer", layer))
    assert "✗ backward, a batch of 2" in text and "forgotten the factor a" in text


def test_the_backward_reference_is_a_finite_difference_close_to_the_exact_partials():
    rng = np.random.default_rng(0)
    z, dh = rng.normal(0, 3, size=(5, 8)), rng.normal(size=(5, 4))
    da, db = actlib.swiglu.derivative(z)
    exact = np.concatenate([dh * da, dh * db], axis=-1)
    assert np.max(np.abs(bank._swiglu_layer(z, dh) - exact)) < 1e-7


def test_a_student_without_a_layer_gets_actlibs_which_trains(capsys):
    class Unwritten:
        def forward(self, z):
            return None

        def backward(self, dh):
            return None

    assert not check("swiglu_layer", Unwritten).attempted
    layer = adopt("swiglu_layer", Unwritten)
    assert layer is bank.SwiGLULayer and "actlib's SwiGLULayer instead" in capsys.readouterr().out
    z, dh = np.array([[-2.0, 0.5, 3.0, 1.0]]), np.array([[1.0, -2.0]])
    ours = layer()
    np.testing.assert_allclose(ours.forward(z), bank._swiglu_layer(z))
    np.testing.assert_allclose(ours.backward(dh), bank._swiglu_layer(z, dh), atol=1e-8)
    assert adopt("swiglu_layer", SwiGLULayer) is SwiGLULayer


# ---------------------------------------------------------------------------
# The derivation, and the predictions.


def test_the_width_must_be_the_unrounded_fraction():
    assert check("equal_width", (4096 / 3, 2 / 3)).passed
    assert not check("equal_width", (1366, 1366 / 2048)).passed
    assert not check("equal_width", lambda: None).attempted
    assert 3 * 512 * (4096 / 3) == 2 * 512 * 2048  # the counts the answer equates


def test_the_naive_softplus_prediction_is_true_to_numpy():
    with np.errstate(over="ignore"):
        value = np.log(1 + np.exp(1000.0))
    assert np.isinf(value) and "inf" in PREDICTIONS["08-naive-softplus"].options
    text = str(reveal("08-naive-softplus", "inf", evidence="np.log(1 + np.exp(1000.0)) = inf"))
    assert "The run shows: inf" in text


# ---------------------------------------------------------------------------
# Hints: three stages; never the solution.


def test_the_three_stages_as_a_student_sees_them():
    nudge, maths, code = EXERCISES["softplus"].hints
    first = str(check("softplus", softplus_naive))
    assert f"hint 1 of 3 (a nudge): {nudge}" in first and maths not in first and code not in first
    check("softplus", softplus_naive)
    assert f"hint 2 of 3 (the mathematics): {maths}" in str(check("softplus", softplus_naive))
    assert f"hint 3 of 3 (the code pattern): {code}" in str(hint("softplus"))


def test_the_notebook_expands_the_same_three_hints_and_checks_each_exercise():
    source = (ROOT / "source" / "08_gated_and_modern.py").read_text()
    cells = nbformat.read(ROOT / "notebooks" / "08_gated_and_modern.ipynb", as_version=4).cells
    text = "".join(c.source for c in cells)
    for exercise in MINE:
        assert f"<!-- hints: {exercise.id} -->" in source
        assert f'check("{exercise.id}", ' in source
        for stage in exercise.hints:
            assert stage in text or stage.replace("*", r"\*") in text, (exercise.id, stage[:40])
