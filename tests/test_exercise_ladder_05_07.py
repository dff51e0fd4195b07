"""The exercises of notebooks 05, 06 and 07 as a student meets them.

Every way around a rule that we could think of is rejected with the rule's own
sentence; every correct form we could think of passes; the layer exercise
catches the two classic backward mistakes; the hints come in three stages, none
of which is the solution; and the predictions' reveals read right for a right,
a wrong and a missing prediction.

Decided here: ``scipy.special.logsumexp`` is a legitimate building block of
softmax and log_softmax. It computes the normaliser log Σ e^z, a reduction to
one number per row; the student still has to know that log softmax(z) is
z − logsumexp(z), keep the axis and handle −inf. A library's *softmax* or
*log_softmax* (SciPy's, scikit-learn's, actlib's) is what the exercises build,
and is rejected, also in disguise (exp of a log-softmax).
"""

import functools
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy import special
from scipy.special import softmax as imported_softmax
from sklearn.utils.extmath import softmax as sklearn_softmax

import actlib
from actlib import nn
from actlib.exercises import EXERCISES, adopt, check, hint, runner
from actlib.exercises.bank import swish_gelu

ROOT = Path(__file__).resolve().parents[1]
MINE = [e for e in EXERCISES.values() if e.notebook in ("05", "06", "07")]
SQ = np.sqrt(2 / np.pi)

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


def softmax_shifted(z, axis=-1):
    e = np.exp(z - np.max(z, axis=axis, keepdims=True))
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax_shifted(z, axis=-1):
    shifted = z - np.max(z, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def _library_softmax_one_deeper(z):  # the forbidden call hidden in a helper
    return special.softmax(z, axis=-1)


def _closure_over_softmax():
    s = special.softmax
    return lambda z, axis=-1: s(z, axis=axis)


def sklearn_any_axis(z, axis=-1):
    """scikit-learn's row-wise softmax, made to work on any axis."""
    moved = np.moveaxis(np.atleast_2d(z), axis, -1)
    return np.moveaxis(sklearn_softmax(moved.reshape(-1, moved.shape[-1])).reshape(moved.shape),
                       -1, axis).reshape(np.shape(z))


jacobian_early = actlib.softmax.jacobian  # a bound method, taken before the check
he_entry = nn.INITS["he"]  # one entry of the table, bound to a name


def init_std_from_he_entry(init, fan_in, fan_out):
    if init == "he":
        return he_entry(fan_in, fan_out, None)
    return np.sqrt(1 / fan_in) if init == "lecun" else np.sqrt(2 / (fan_in + fan_out))


class SwishLayer:  # the solution's layer
    def __init__(self, beta=1.0):
        self.beta = beta

    def forward(self, z):
        self.z = z
        self.gate = special.expit(self.beta * z)
        return z * self.gate

    def backward(self, dh):
        return dh * (self.gate + self.beta * self.z * self.gate * (1 - self.gate))


class LayerKeepingZOnly:
    def __init__(self, beta=1.0):
        self.beta = beta

    def forward(self, z):
        self.z = z
        return z / (1 + np.exp(-self.beta * z))

    def backward(self, dh):
        s = 1 / (1 + np.exp(-self.beta * self.z))
        return dh * s * (1 + self.beta * self.z * (1 - s))


class LayerFromActlibSigmoid:  # actlib's sigmoid is a building block
    def __init__(self, beta=1.0):
        self.beta = beta

    def forward(self, z):
        self.s = actlib.sigmoid(self.beta * z)
        self.z = z
        return z * self.s

    def backward(self, dh):
        return dh * (self.s + self.beta * self.z * actlib.sigmoid.derivative(self.beta * self.z))


class LayerForgettingDh(SwishLayer):
    def backward(self, dh):
        return self.gate + self.beta * self.z * self.gate * (1 - self.gate)


class LayerForgettingBeta(SwishLayer):
    def backward(self, dh):
        return dh * (self.gate + self.z * self.gate * (1 - self.gate))


class LayerIgnoringBeta(SwishLayer):
    def forward(self, z):
        self.z = z
        self.gate = special.expit(z)
        return z * self.gate


class LayerCallingActlib(SwishLayer):
    def forward(self, z):
        self.z = z
        return actlib.swish(z, beta=self.beta)

    def backward(self, dh):
        return dh * actlib.swish.derivative(self.z, beta=self.beta)


class LayerWrappingActlibs:
    def __init__(self, beta=1.0):
        self.inner = nn.ActivationLayer("swish", beta=beta)

    def forward(self, z):
        return self.inner.forward(z)

    def backward(self, dh):
        return self.inner.backward(dh)


class LayerInheritingActlibs(nn.ActivationLayer):
    def __init__(self, beta=1.0):
        super().__init__("swish", beta=beta)


# (exercise, answer, the forbidden name the report must give)
BYPASSES = [
    # from the brief
    ("softmax", special.softmax, "scipy.special.softmax"),
    ("softmax", lambda z, axis=-1: special.softmax(z, axis=axis), "scipy.special.softmax"),
    ("softmax", actlib.softmax, "actlib.softmax"),
    ("softmax", lambda z, axis=-1: actlib.softmax(z, axis=axis), "actlib.softmax"),
    ("log_softmax", special.log_softmax, "scipy.special.log_softmax"),
    ("log_softmax", lambda z, axis=-1: special.log_softmax(z, axis=axis), "scipy.special.log_softmax"),
    ("log_softmax", actlib.log_softmax, "actlib.log_softmax"),
    ("softmax_jacobian", actlib.get("softmax").jacobian, "actlib.softmax.jacobian"),
    ("softmax_jacobian", lambda z: actlib.get("softmax").jacobian(z), "actlib.softmax.jacobian"),
    ("swish", actlib.swish, "actlib.swish"),
    ("swish", lambda x, beta=1.0: actlib.swish(x, beta=beta), "actlib.swish"),
    ("gelu_tanh", lambda x: actlib.gelu(x, approximate="tanh"), "actlib.gelu"),
    ("gelu_tanh", functools.partial(actlib.gelu, approximate="tanh"), "actlib.gelu"),
    ("gelu", actlib.gelu, "actlib.gelu"),
    ("epochs_to_target", nn.epochs_to_target, "actlib.nn.epochs_to_target"),
    ("epochs_to_target", lambda epochs, accuracy, target=0.9: nn.epochs_to_target(epochs, accuracy, target),
     "actlib.nn.epochs_to_target"),
    ("init_std", lambda init, fan_in, fan_out: nn.INITS[init](fan_in, fan_out, None), "actlib.nn.INITS"),
    # of our own design: softmax in disguise
    ("softmax", lambda z, axis=-1: imported_softmax(z, axis=axis), "scipy.special.softmax"),
    ("softmax", lambda z, axis=-1: _library_softmax_one_deeper(np.moveaxis(z, axis, -1)).swapaxes(-1, axis),
     "scipy.special.softmax"),
    ("softmax", _closure_over_softmax(), "scipy.special.softmax"),
    ("softmax", lambda z, axis=-1: getattr(special, "soft" + "max")(z, axis=axis), "scipy.special.softmax"),
    ("softmax", lambda z, axis=-1: np.exp(special.log_softmax(z, axis=axis)), "scipy.special.log_softmax"),
    ("softmax", lambda z, axis=-1: np.exp(actlib.log_softmax(z, axis=axis)), "actlib.log_softmax"),
    ("softmax", lambda z, axis=-1: actlib.get("softmax")(z, axis=axis), "actlib.softmax"),
    ("softmax", lambda z, axis=-1: actlib.ACTIVATIONS["softmax"](z, axis=axis), "actlib.softmax"),
    ("softmax", sklearn_any_axis, "sklearn.utils.extmath.softmax"),
    ("log_softmax", lambda z, axis=-1: actlib.get("log_softmax")(z, axis=axis), "actlib.log_softmax"),
    # the Jacobian from s: back to scores by shift invariance, then actlib's Jacobian
    ("jacobian_entry", lambda s, i, j: actlib.softmax.jacobian(np.log(s))[i, j], "actlib.softmax.jacobian"),
    ("jacobian_entry", lambda s, i, j: jacobian_early(np.log(s))[i, j], "actlib.softmax.jacobian"),
    ("softmax_jacobian", lambda z: jacobian_early(z), "actlib.softmax.jacobian"),
    # the gradient p - y from actlib's loss
    ("cross_entropy_grad", lambda logits, target: nn.compute_loss(logits[None, :], np.array([target]))[1][0],
     "actlib.nn.compute_loss"),
    # Swish and GELU through actlib's layers, or Swish through GELU's sigmoid form (1.702 x)
    ("swish", lambda x, beta=1.0: nn.ActivationLayer("swish", beta=beta).forward(x),
     "actlib.nn.ActivationLayer"),
    ("swish", lambda x, beta=1.0: actlib.get("swish")(x, beta=beta), "actlib.swish"),
    ("swish", lambda x, beta=1.0: np.where(beta == 0, x / 2, actlib.gelu(
        beta * x / 1.702, approximate="sigmoid") * 1.702 / (beta if beta else 1.0)), "actlib.gelu"),
    ("gelu", lambda x: nn.ActivationLayer("gelu").forward(x), "actlib.nn.ActivationLayer"),
    ("gelu", lambda x: actlib.get("gelu")(x), "actlib.gelu"),
    ("gelu_tanh", lambda x: nn.ActivationLayer("gelu", approximate="tanh").forward(x),
     "actlib.nn.ActivationLayer"),
    # the layer: actlib's own, wrapped, or called from inside
    ("swish_layer", functools.partial(nn.ActivationLayer, "swish"), "actlib.nn.ActivationLayer"),
    ("swish_layer", LayerCallingActlib, "actlib.swish"),
    ("swish_layer", LayerWrappingActlibs, "actlib.nn.ActivationLayer"),
    # the initialisations, read from actlib's table however it is reached
    ("init_std", lambda init, fan_in, fan_out: dict(nn.INITS)[init](fan_in, fan_out, None), "actlib.nn.INITS"),
    ("init_std", lambda init, fan_in, fan_out: nn.INITS.get(init)(fan_in, fan_out, None), "actlib.nn.INITS"),
    ("init_std", init_std_from_he_entry, "actlib.nn.INITS"),
]


def _bypass_ids():
    return [f"{b[0]}-{i}" for i, b in enumerate(BYPASSES)]


@pytest.mark.parametrize("exercise_id, answer, name", BYPASSES, ids=_bypass_ids())
def test_a_bypass_is_rejected_with_the_rule_it_broke(exercise_id, answer, name):
    result = check(exercise_id, answer)
    text = str(result)
    assert not result.passed and result.broken, text
    assert text.startswith(f"✗ {exercise_id}: rule broken: ")
    assert f"your function calls {name}" in text or f"this is {name} itself" in text, text
    rule = EXERCISES[exercise_id].rule
    assert rule and rule in text  # the exercise's own sentence, not the generic one


def test_a_layer_that_inherits_actlibs_layer_is_rejected_with_its_rule():
    result = check("swish_layer", LayerInheritingActlibs)
    text = str(result)
    assert not result.passed and text.startswith("✗ swish_layer: rule broken: ")
    assert "your class inherits from actlib.nn.ActivationLayer" in text
    assert EXERCISES["swish_layer"].rule in text


def test_many_bypasses_of_our_own_design_are_tried():
    assert len(BYPASSES) >= 40
    assert {b[0] for b in BYPASSES} == {e.id for e in MINE if e.answer in ("function", "layer")}


def test_every_exercise_of_05_to_07_has_a_friendly_rule():
    for exercise in MINE:
        if exercise.answer in ("function", "layer"):
            assert exercise.rule and not exercise.rule.endswith("."), exercise.id  # the report adds it


def test_the_tripwires_are_gone_after_rejected_answers():
    inits = dict(nn.INITS)
    for exercise_id, answer, _ in BYPASSES:
        check(exercise_id, answer)
    assert nn.INITS == inits and nn.INITS["he"] is he_entry
    assert type(special.softmax).__name__ == "function" and special.softmax.__module__.startswith("scipy")
    assert "jacobian" not in vars(actlib.softmax) and nn.ActivationLayer.__name__ == "ActivationLayer"
    assert actlib.softmax(np.zeros(2)).tolist() == [0.5, 0.5]
    net = nn.Network([2, 3, 2], init="he", seed=0)  # actlib's own use of INITS is untouched
    assert np.isfinite(net.forward(np.ones((1, 2)))).all()


# ---------------------------------------------------------------------------
# Every correct form passes.


def jacobian_by_entries(z):
    s = softmax_shifted(z)
    return np.array([[s[i] * ((i == j) - s[j]) for j in range(len(s))] for i in range(len(s))])


CORRECT = {
    "softmax": [softmax_shifted,
                lambda z, axis=-1: np.exp(z - special.logsumexp(z, axis=axis, keepdims=True)),
                lambda z, axis=-1: np.exp(log_softmax_shifted(z, axis)),  # the student's own
                lambda z, axis=-1: (lambda e: e / e.sum(axis=axis, keepdims=True))(
                    np.exp(z - z.max(axis=axis, keepdims=True)))],
    "log_softmax": [log_softmax_shifted,
                    lambda z, axis=-1: z - special.logsumexp(z, axis=axis, keepdims=True),
                    lambda z, axis=-1: (lambda m: z - m - np.log(np.exp(z - m).sum(axis, keepdims=True)))(
                        np.max(z, axis=axis, keepdims=True))],
    "jacobian_entry": [lambda s, i, j: s[i] * ((1.0 if i == j else 0.0) - s[j]),
                       lambda s, i, j: s[i] - s[i] ** 2 if i == j else -s[i] * s[j],
                       lambda s, i, j: float(np.diag(s)[i, j] - s[i] * s[j]),
                       lambda s, i, j: (np.diag(s) - np.outer(s, s))[i, j]],
    "softmax_jacobian": [lambda z: np.diag(softmax_shifted(z)) - np.outer(softmax_shifted(z), softmax_shifted(z)),
                         lambda z: softmax_shifted(z)[:, None] * (np.eye(len(z)) - softmax_shifted(z)[None, :]),
                         lambda z: np.diag(actlib.softmax(z)) - np.einsum("i,j->ij", actlib.softmax(z),
                                                                          actlib.softmax(z)),
                         jacobian_by_entries],
    "cross_entropy_grad": [lambda logits, target: softmax_shifted(logits) - np.eye(len(logits))[target],
                           lambda logits, target: actlib.softmax(logits) - (np.arange(len(logits)) == target),
                           lambda logits, target: special.softmax(logits) - np.eye(len(logits))[target]],
    "swish": [lambda x, beta=1.0: x * special.expit(beta * x),
              lambda x, beta=1.0: x / (1 + np.exp(-beta * x)),
              lambda x, beta=1.0: x * actlib.sigmoid(beta * x),
              lambda x, beta=1.0: x * (0.5 + 0.5 * np.tanh(beta * x / 2))],
    "swish_slope_at_0": [(0.5, 0.5), [0.5, 0.5], lambda: (1 / 2, 1 / 2), np.array([0.5, 0.5])],
    "swish_layer": [SwishLayer, LayerKeepingZOnly, LayerFromActlibSigmoid],
    "gelu": [lambda x: x * special.ndtr(x), lambda x: 0.5 * x * (1 + special.erf(x / np.sqrt(2))),
             lambda x: 0.5 * x * special.erfc(-x / np.sqrt(2))],
    "gelu_tanh": [lambda x: 0.5 * x * (1 + np.tanh(SQ * (x + 0.044715 * x**3))),
                  lambda x: x * special.expit(2 * SQ * (x + 0.044715 * x**3)),
                  lambda x: 0.5 * x * (1 + actlib.tanh(SQ * x * (1 + 0.044715 * x * x)))],
    "init_std": [lambda init, fan_in, fan_out: np.sqrt({"he": 2 / fan_in, "xavier": 2 / (fan_in + fan_out),
                                                        "lecun": 1 / fan_in}[init]),
                 lambda init, fan_in, fan_out: (2 / fan_in if init == "he" else 1 / fan_in if init == "lecun"
                                                else 2 / (fan_in + fan_out)) ** 0.5,
                 lambda init, fan_in, fan_out: 1 / np.sqrt(fan_in) if init == "lecun" else np.sqrt(
                     2 / (fan_in + (fan_out if init == "xavier" else 0)))],
    "epochs_to_target": [
        lambda epochs, accuracy, target=0.9: (float(epochs[np.flatnonzero(accuracy >= target)[0]])
                                              if np.any(accuracy >= target) else np.inf),
        lambda epochs, accuracy, target=0.9: next((float(e) for e, a in zip(epochs, accuracy) if a >= target),
                                                  np.inf),
        lambda epochs, accuracy, target=0.9: float(np.min(epochs[accuracy >= target], initial=np.inf))],
    "swish_init": ["four", lambda: "four"],
}


# ---------------------------------------------------------------------------
# The layer: checked against finite differences, for several beta.


def test_the_layer_check_catches_a_backward_that_forgets_dh():
    result = check("swish_layer", LayerForgettingDh)
    text = str(result)
    assert not result.passed
    assert "✗ backward against finite differences, beta = 1" in text
    assert "✓ forward, beta = 1 (the default)" in text and "✓ forward, beta = 2" in text
    assert "the incoming gradient must be in it" in text  # the case's note


def test_the_layer_check_catches_a_backward_that_forgets_beta():
    result = check("swish_layer", LayerForgettingBeta)
    text = str(result)
    assert not result.passed and "2 of 5 checks failed" in text
    assert "✓ backward against finite differences, beta = 1" in text  # right at beta = 1 ...
    assert "✗ backward, beta = 2" in text and "✗ backward, beta = 0.5, a 2-D batch" in text
    assert "lost that factor β" in text


def test_a_layer_that_ignores_beta_is_told_so():
    text = str(check("swish_layer", LayerIgnoringBeta))
    assert "✗ forward, beta = 2" in text
    assert "the result does not change with beta: is the parameter used?" in text


def test_the_backward_reference_is_a_finite_difference_close_to_the_exact_derivative():
    z = np.linspace(-6, 6, 241)
    dh = np.cos(z)
    for beta in (0.5, 1.0, 2.0):
        exact = dh * actlib.swish.derivative(z, beta=beta)
        assert np.max(np.abs(swish_gelu._swish_layer(z, dh, beta=beta) - exact)) < 1e-8


def test_a_student_without_a_layer_gets_actlibs_which_trains(capsys):
    class Unwritten:
        def __init__(self, beta=1.0):
            self.beta = beta

        def forward(self, z):
            return None

        def backward(self, dh):
            return None

    assert not check("swish_layer", Unwritten).attempted
    layer = adopt("swish_layer", Unwritten)
    assert layer is swish_gelu.SwishLayer
    assert "actlib's SwishLayer instead" in capsys.readouterr().out
    z, dh = np.array([[-2.0, 0.5, 3.0]]), np.array([[1.0, -2.0, 0.5]])
    for beta in (1.0, 2.0):
        ours = layer(beta=beta)
        np.testing.assert_allclose(ours.forward(z), swish_gelu._swish_layer(z, beta=beta))
        np.testing.assert_allclose(ours.backward(dh), swish_gelu._swish_layer(z, dh, beta=beta), atol=1e-8)
    assert adopt("swish_layer", SwishLayer) is SwishLayer
    assert "Using your SwishLayer" in capsys.readouterr().out
    net = nn.Network([2, 4, 2], activation=layer, seed=0)
    assert net.forward(np.ones((3, 2))).shape == (3, 2)


# ---------------------------------------------------------------------------
# Derivations: values and a choice.


def test_the_slope_at_0_must_be_exact_and_the_same_for_every_beta():
    numeric = tuple((actlib.swish(1e-6, beta=b) - actlib.swish(-1e-6, beta=b)) / 2e-6 for b in (1.0, 10.0))
    assert not check("swish_slope_at_0", numeric).passed  # close, not the derived value
    text = str(check("swish_slope_at_0", (0.5, 5.0)))
    assert "wrong value at index 1: 5.0 is too large" in text and "expected" not in text
    assert "multiplied by x = 0" in text  # the case's note, which gives no number
    assert not check("swish_slope_at_0", lambda: None).attempted


@pytest.mark.parametrize("choice", ["he", "lecun", "any"])
def test_a_wrong_choice_is_explained_without_the_right_one(choice):
    result = check("swish_init", choice)
    text = str(result)
    assert not result.passed and EXERCISES["swish_init"].choices[choice] in text
    assert "4 / fan_in" not in text and "'four'" not in text


def test_the_right_choice_shows_its_reasoning():
    text = str(check("swish_init", "four"))
    assert text.startswith("✓ swish_init") and "(1/2)² = 1" in text
    assert "not one of the options" in str(check("swish_init", "he's"))


def test_the_choice_is_true_to_its_numbers():
    def spread_ratio(init, std, input_std):
        s = nn.depth_statistics("swish", depth=10, width=32, init=init, std=std, n=1000,
                                input_std=input_std)["std"]
        return s[-1] / input_std

    assert spread_ratio("he", None, 0.01) < 0.1  # He's weights: a small signal fades ...
    assert 0.5 < spread_ratio("normal", np.sqrt(4 / 32), 0.01) < 2  # ... 4 / fan_in keeps it
    assert spread_ratio("lecun", None, 0.01) < spread_ratio("he", None, 0.01)
    assert spread_ratio("normal", np.sqrt(4 / 32), 1.0) > 5  # and makes a large one grow
    assert actlib.swish.derivative(0.0, beta=1.0) == 0.5  # the slope the reasoning uses


# ---------------------------------------------------------------------------
# Hints: three stages, as a student sees them; never the solution.


def test_the_old_giveaways_are_gone():
    texts = " ".join(h for e in MINE for h in e.hints) + " ".join(c.hint for e in MINE for c in e.cases)
    assert "np.diag(s) - np.outer(s, s)" not in texts
    assert "0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x**3)))" not in texts
    assert "np.sqrt(2 / fan_in)" not in texts and "return float(epochs[i])" not in texts


def test_the_three_stages_of_the_jacobian_hints_as_a_student_sees_them():
    nudge, maths, code = EXERCISES["softmax_jacobian"].hints
    wrong = lambda z: -np.outer(softmax_shifted(z), softmax_shifted(z))  # noqa: E731
    first = str(check("softmax_jacobian", wrong))
    assert f"hint 1 of 3 (a nudge): {nudge}" in first and maths not in first and code not in first
    assert "hint('softmax_jacobian') shows the next hint" in first
    assert "hint 1 of 3" in str(check("softmax_jacobian", wrong))  # the second failure: still the nudge
    assert f"hint 2 of 3 (the mathematics): {maths}" in str(check("softmax_jacobian", wrong))
    asked = str(hint("softmax_jacobian"))
    assert f"hint 3 of 3 (the code pattern): {code}" in asked and "hint 1 of 3" in asked
    assert "hint" not in str(check("softmax_jacobian", CORRECT["softmax_jacobian"][0]))


def test_the_notebooks_expand_the_same_three_hints():
    for stem, exercises in (("05_softmax", ["softmax", "log_softmax", "jacobian_entry", "softmax_jacobian",
                                            "cross_entropy_grad"]),
                            ("06_swish_gelu", ["swish", "swish_slope_at_0", "swish_layer", "gelu", "gelu_tanh"]),
                            ("07_head_to_head", ["init_std", "epochs_to_target", "swish_init"])):
        assert [e.id for e in MINE if e.notebook == stem[:2]] == exercises
        source = (ROOT / "source" / f"{stem}.py").read_text()
        assert "<summary>Hint</summary>" not in source
        text = "".join(c.source for c in nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4).cells)
        for exercise_id in exercises:
            assert f"<!-- hints: {exercise_id} -->" in source
            for stage, h in zip(("a nudge", "the mathematics", "the code pattern"), EXERCISES[exercise_id].hints):
                assert h in text and stage in text, (stem, exercise_id)


# ---------------------------------------------------------------------------
# The open experiment of 07.


def test_the_experiment_is_graded_by_hand_and_answered_from_the_templates_numbers():
    solution = nbformat.read(ROOT / "notebooks" / "solutions" / "07_head_to_head.ipynb", as_version=4)
    student = nbformat.read(ROOT / "notebooks" / "07_head_to_head.ipynb", as_version=4)
    ids = [c.id for c in solution.cells]
    answer = solution.cells[ids.index("07-experiment-swish-answer")]
    assert answer.cell_type == "markdown" and "exercise-experiment" in answer.metadata["tags"]
    assert answer.metadata["nbgrader"]["grade"] and answer.metadata["nbgrader"]["solution"]
    stub = {c.id: c for c in student.cells}["07-experiment-swish-answer"]
    assert "*Your answer here.*" in stub.source and "0.713" not in stub.source
    question = solution.cells[ids.index("07-experiment-swish")].source
    assert "**Rubric**" in question and len(re.findall(r"^\d\. ", question, re.M)) == 4
    printed = "".join(o.get("text", "") for o in solution.cells[ids.index("07-experiment-swish-code-2")].outputs)
    for number in re.findall(r"\b0\.\d{3}\b", answer.source):
        assert number in printed, number  # every number of the model answer is printed by the template
    assert "test accuracy of the chosen setting, once" in printed
