"""The exercises of notebooks 00, 01 and 02 as a student meets them.

Every way around a rule that we could think of is rejected with the rule's own
sentence; every correct form we could think of passes; the hints come in three
stages, none of which is the solution; and the predictions' reveals read right
for a right, a wrong and a missing prediction.
"""

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest
from scipy import special

import actlib
from actlib.exercises import EXERCISES, check, hint, runner

ROOT = Path(__file__).resolve().parents[1]
MINE = [e for e in EXERCISES.values() if e.notebook in ("00", "01", "02")]

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


def stable_sigmoid(x):
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))


def masked_sigmoid(x):
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


def tanh_by_helper(x):
    return _my_tanh(x)


def _my_tanh(x):  # the forbidden call hidden one function deeper
    return np.tanh(x)


def _closure_over_tanh():
    t = np.tanh
    return lambda x: t(x)


def _closure_over_expit():
    s = special.expit
    return lambda x: s(x)


from math import tanh as math_tanh  # noqa: E402  (a name bound by "from ... import")
from numpy import tanh  # noqa: E402
from scipy.special import expit  # noqa: E402

SIGMOID_RULE = EXERCISES["sigmoid"].rule
TANH_RULE = EXERCISES["tanh_from_sigmoid"].rule

# (exercise, answer, the forbidden name the report must give)
BYPASSES = [
    # from the issue and the brief
    ("tanh_from_sigmoid", np.tanh, "np.tanh"),
    ("tanh_from_sigmoid", lambda x: np.tanh(x), "np.tanh"),
    ("tanh_from_sigmoid", lambda x: tanh(x), "np.tanh"),
    ("tanh_from_sigmoid", actlib.tanh, "actlib.tanh"),
    ("tanh_from_sigmoid", lambda x: actlib.tanh(x), "actlib.tanh"),
    ("tanh_from_sigmoid", lambda x: actlib.get("tanh")(x), "actlib.tanh"),
    ("sigmoid", special.expit, "scipy.special.expit"),
    ("sigmoid", lambda x: special.expit(x), "scipy.special.expit"),
    ("sigmoid_from_tanh", special.expit, "scipy.special.expit"),
    ("sigmoid", actlib.sigmoid, "actlib.sigmoid"),
    ("step", actlib.step, "actlib.step"),
    ("bipolar_sigmoid", lambda x: actlib.bipolar_sigmoid(x), "actlib.bipolar_sigmoid"),
    ("sigmoid_derivative", lambda x: actlib.sigmoid.derivative(x), "actlib.sigmoid.derivative"),
    ("tanh_derivative", actlib.tanh.derivative, "actlib.tanh.derivative"),
    # of our own design: tanh from the sigmoid
    ("tanh_from_sigmoid", tanh_by_helper, "np.tanh"),
    ("tanh_from_sigmoid", _closure_over_tanh(), "np.tanh"),
    ("tanh_from_sigmoid", lambda x: getattr(np, "tan" + "h")(x), "np.tanh"),
    ("tanh_from_sigmoid", lambda x: np.array([math.tanh(v) for v in x.ravel()]).reshape(x.shape),
     "math.tanh"),
    ("tanh_from_sigmoid", lambda x: np.array([math_tanh(v) for v in x.ravel()]).reshape(x.shape),
     "math.tanh"),
    ("tanh_from_sigmoid", lambda x: actlib.bipolar_sigmoid(2 * x), "actlib.bipolar_sigmoid"),
    ("tanh_from_sigmoid", lambda x: actlib.ACTIVATIONS["tanh"](x), "actlib.tanh"),
    # the sigmoid, computed by something else that computes it
    ("sigmoid", lambda x: expit(x), "scipy.special.expit"),
    ("sigmoid", _closure_over_expit(), "scipy.special.expit"),
    ("sigmoid", lambda x: np.exp(special.log_expit(x)), "scipy.special.log_expit"),
    ("sigmoid", lambda x: special.softmax(np.stack([np.zeros_like(x), x]), axis=0)[1],
     "scipy.special.softmax"),
    ("sigmoid", lambda x: np.exp(special.log_softmax(np.stack([np.zeros_like(x), x]), axis=0)[1]),
     "scipy.special.log_softmax"),
    ("sigmoid", lambda x: actlib.softmax(np.stack([np.zeros_like(x), x]), axis=0)[1], "actlib.softmax"),
    ("sigmoid", lambda x: np.exp(actlib.log_softmax(np.stack([np.zeros_like(x), x]), axis=0)[1]),
     "actlib.log_softmax"),
    ("sigmoid", lambda x: (1 + actlib.bipolar_sigmoid(x)) / 2, "actlib.bipolar_sigmoid"),
    ("sigmoid", lambda x: actlib.get("sigmoid")(x), "actlib.sigmoid"),
    # the sigmoid from tanh, with no exponential and no ready-made sigmoid
    ("sigmoid_from_tanh", lambda x: 1 / (1 + np.exp(-x)), "np.exp"),
    ("sigmoid_from_tanh", stable_sigmoid, "np.exp"),
    ("sigmoid_from_tanh", lambda x: 1 / (2 + np.expm1(-x)), "np.expm1"),
    ("sigmoid_from_tanh", lambda x: np.array([1 / (1 + math.exp(-v)) for v in x.ravel()]).reshape(x.shape),
     "math.exp"),
    ("sigmoid_from_tanh", lambda x: actlib.sigmoid(x), "actlib.sigmoid"),
    ("sigmoid_from_tanh", lambda x: (1 + actlib.bipolar_sigmoid(x)) / 2, "actlib.bipolar_sigmoid"),
    # derivatives: a ready-made one in disguise
    ("sigmoid_derivative", lambda x: actlib.tanh.derivative(x / 2) / 4, "actlib.tanh.derivative"),
    ("sigmoid_derivative", lambda x: actlib.bipolar_sigmoid.derivative(x) / 2,
     "actlib.bipolar_sigmoid.derivative"),
    ("tanh_derivative", lambda x: 2 * actlib.bipolar_sigmoid.derivative(2 * x),
     "actlib.bipolar_sigmoid.derivative"),
    ("sigmoid_prime_from_value", lambda a: actlib.sigmoid.derivative(special.logit(a)),
     "actlib.sigmoid.derivative"),
    ("sigmoid_prime_from_value", lambda a: actlib.tanh.derivative(special.logit(a) / 2) / 4,
     "actlib.tanh.derivative"),
    ("bipolar_sigmoid", actlib.bipolar_sigmoid, "actlib.bipolar_sigmoid"),
    ("step", lambda x, threshold=0.0: actlib.step(x, threshold=threshold), "actlib.step"),
]


def _bypass_ids():
    return [f"{b[0]}-{i}" for i, b in enumerate(BYPASSES)]


@pytest.mark.parametrize("exercise_id, answer, name", BYPASSES, ids=_bypass_ids())
def test_a_bypass_is_rejected_with_the_rule_it_broke(exercise_id, answer, name):
    result = check(exercise_id, answer)
    text = str(result)
    assert not result.passed and result.broken, text
    assert text.startswith(f"✗ {exercise_id}: rule broken: ")
    assert (f"your function calls {name}" in text or f"this is {name} itself" in text), text
    rule = EXERCISES[exercise_id].rule
    assert rule and rule in text  # the exercise's own sentence, not the generic one


def test_at_least_twenty_bypasses_are_tried_on_the_rules():
    assert len(BYPASSES) >= 20
    assert {b[0] for b in BYPASSES} >= {"sigmoid", "tanh_from_sigmoid", "sigmoid_from_tanh",
                                        "sigmoid_derivative", "tanh_derivative",
                                        "sigmoid_prime_from_value", "bipolar_sigmoid", "step"}


def test_the_rules_read_as_the_notebooks_say():
    assert "build it from a sigmoid alone" in TANH_RULE and "no tanh needed" in TANH_RULE
    assert "np.exp" in SIGMOID_RULE and "expit" in SIGMOID_RULE
    assert "np.tanh, with no exponential" in EXERCISES["sigmoid_from_tanh"].rule
    for exercise in MINE:  # a rule sentence never gives the answer's formula
        assert not re.search(r"2\s*\*?\s*sigma\(2", exercise.rule), exercise.id


def test_the_tripwires_are_gone_after_a_rejected_answer():
    check("sigmoid_from_tanh", lambda x: 1 / (1 + np.exp(-x)))
    check("tanh_from_sigmoid", lambda x: np.tanh(x))
    assert type(np.exp) is np.ufunc and type(np.tanh) is np.ufunc
    assert special.expit(0.0) == 0.5 and actlib.sigmoid(0.0) == 0.5


# ---------------------------------------------------------------------------
# Every correct form passes.


def sigmoid_prime_from_value_via_own(a):
    return a * (1 - a)


CORRECT = {
    "step": [lambda x, threshold=0.0: (x > threshold).astype(float),
             lambda x, threshold=0.0: np.heaviside(x - threshold, 0.0),
             lambda x, threshold=0.0: np.where(np.asarray(x) > threshold, 1.0, 0.0),
             lambda x, threshold=0.0: np.greater(x, threshold) * 1.0,
             lambda x, threshold=0.0: (np.sign(x - threshold) + 1) // 2],
    "sigmoid": [stable_sigmoid, masked_sigmoid,
                lambda x: 0.5 * (1 + np.tanh(x / 2)),
                lambda x: (np.tanh(0.5 * x) + 1) / 2,
                lambda x: 0.5 * (1 + actlib.tanh(x / 2)),  # actlib's tanh is a building block here
                lambda x: np.exp(-np.logaddexp(0, -x)),
                lambda x: np.where(x >= 0, 1.0, np.exp(-np.abs(x))) / (1 + np.exp(-np.abs(x))),
                lambda x: np.exp(np.minimum(x, 0)) / (1 + np.exp(-np.abs(x)))],
    "sigmoid_prime_from_value": [lambda a: a * (1 - a), lambda a: a - a ** 2,
                                 lambda a: np.multiply(a, 1.0 - a), lambda a: a - a * a,
                                 sigmoid_prime_from_value_via_own],
    "sigmoid_derivative": [lambda x: special.expit(x) * special.expit(-x),
                           lambda x: special.expit(x) * (1 - special.expit(x)),
                           lambda x: actlib.sigmoid(x) * (1 - actlib.sigmoid(x)),
                           lambda x: 0.25 / np.cosh(x / 2) ** 2,
                           lambda x: np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))) ** 2,
                           lambda x: sigmoid_prime_from_value_via_own(stable_sigmoid(x))],
    "bipolar_sigmoid": [lambda x: np.tanh(x / 2), lambda x: 2 * special.expit(x) - 1,
                        lambda x: 2 * stable_sigmoid(x) - 1,
                        lambda x: (1 - np.exp(-x)) / (1 + np.exp(-x)),
                        lambda x: -np.expm1(-x) / (1 + np.exp(-x))],
    "tanh_from_sigmoid": [lambda x: 2 * special.expit(2 * x) - 1,
                          lambda x: 2 * actlib.sigmoid(2 * x) - 1,
                          lambda x: 2 * stable_sigmoid(2 * x) - 1,
                          lambda x: 1 - 2 * special.expit(-2 * x),
                          lambda x: special.expit(2 * x) - special.expit(-2 * x),
                          # no tanh called: tanh written with e^(-2|x|) is not forbidden
                          lambda x: np.sign(x) * -np.expm1(-2 * np.abs(x)) / (1 + np.exp(-2 * np.abs(x)))],
    "tanh_derivative": [lambda x: 1 - np.tanh(x) ** 2, lambda x: 1 / np.cosh(x) ** 2,
                        lambda x: (1 - np.tanh(x)) * (1 + np.tanh(x)),
                        lambda x: 4 * np.exp(-2 * np.abs(x)) / (1 + np.exp(-2 * np.abs(x))) ** 2,
                        lambda x: 4 * actlib.sigmoid.derivative(2 * x),  # the sigmoid's is allowed
                        lambda x: 1 - actlib.tanh(x) ** 2],
    "sigmoid_from_tanh": [lambda x: 0.5 * (1 + np.tanh(x / 2)),
                          lambda x: 0.5 + 0.5 * np.tanh(0.5 * x),
                          lambda x: (np.tanh(x / 2) + 1) / 2,
                          lambda x: 0.5 * (1 + actlib.tanh(x / 2)),
                          lambda x: 1 - 0.5 * (1 - np.tanh(x / 2))],
    "tanh_as_sigmoid": ["b", lambda: "b"],
    "neuron": [lambda x, w, b, f: f(x @ w + b), lambda x, w, b, f: f(np.dot(x, w) + b),
               lambda x, w, b, f: f(np.einsum("ij,j->i", x, w) + b),
               lambda x, w, b, f: np.array([f(row @ w + b) for row in x])],
    "collapse_weights": [lambda W1, W2: W1 @ W2, lambda W1, W2: np.dot(W1, W2),
                         lambda W1, W2: (W2.T @ W1.T).T, lambda W1, W2: np.matmul(W1, W2)],
    "collapse_bias": [lambda b1, W2, b2: b1 @ W2 + b2, lambda b1, W2, b2: W2.T @ b1 + b2,
                      lambda b1, W2, b2: np.einsum("j,jk->k", b1, W2) + b2],
}


# ---------------------------------------------------------------------------
# The sigmoid's tails: clipping at ±700 passes with advice; overflow and far clipping fail.


def test_a_sigmoid_clipped_at_700_passes_with_advice():
    for bound in (700.0, 709.0):
        result = check("sigmoid", lambda x, c=bound: 1 / (1 + np.exp(-np.clip(x, -c, c))))
        text = str(result)
        assert result.passed, text
        assert "note:     right within 1e-300, not exactly" in text
        assert text.count("note:") == 1  # only under the case at x = -1000 and 1000


def test_an_exact_sigmoid_gets_no_advice():
    assert "note:" not in str(check("sigmoid", stable_sigmoid))


@pytest.mark.parametrize("answer, message", [
    (lambda x: 1 / (1 + np.exp(-x)), "NumPy warned: overflow encountered in exp"),
    (lambda x: np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x))),
     "NumPy warned: overflow encountered in exp"),
    (lambda x: np.exp(x) / (1 + np.exp(x)), "NaN in the output at x = 1000.0"),
    (lambda x: 1 / (1 + np.exp(-np.clip(x, -500, 500))),
     "wrong value at x = -1000.0: expected 0.0, got 7.12457"),
    (lambda x: 1 / (1 + np.exp(-np.clip(x, -30, 30))), "wrong value at x = -1000.0"),
])
def test_the_tails_still_fail_overflow_nan_and_a_clip_too_close(answer, message):
    result = check("sigmoid", answer)
    text = str(result)
    assert not result.passed and message in text, text
    assert "within 1e-300 of 0 and of 1" in text  # the case's note says what it tests


# ---------------------------------------------------------------------------
# Hints: three stages, as a student sees them; never the solution.


def test_the_three_stages_of_the_sigmoid_hints_as_a_student_sees_them():
    nudge, maths, code = EXERCISES["sigmoid"].hints
    naive = lambda x: 1 / (1 + np.exp(-x))  # noqa: E731

    first = str(check("sigmoid", naive))
    assert f"hint 1 of 3 (a nudge): {nudge}" in first
    assert maths not in first and code not in first
    assert "(stuck? hint('sigmoid') shows the next hint)" in first

    asked = str(hint("sigmoid"))  # the student asks: the nudge again, and the mathematics
    assert asked.startswith(f"hint 1 of 3 (a nudge): {nudge}")
    assert f"hint 2 of 3 (the mathematics): {maths}" in asked and code not in asked

    again = str(check("sigmoid", naive))  # the next failure shows the stage reached
    assert f"hint 2 of 3 (the mathematics): {maths}" in again and nudge not in again

    last = str(hint("sigmoid"))
    assert f"hint 3 of 3 (the code pattern): {code}" in last and "stuck?" not in last.splitlines()[-1]
    assert str(hint("sigmoid")) == last  # nothing beyond the third


def test_hints_move_on_by_themselves_after_repeated_failures():
    wrong = lambda x, threshold=0.0: (x >= threshold).astype(float)  # noqa: E731
    stages = [re.search(r"hint (\d) of 3", str(check("step", wrong)))[1] for _ in range(5)]
    assert stages == ["1", "1", "2", "2", "3"]


def test_a_passing_check_after_failures_shows_no_hint():
    check("tanh_derivative", lambda x: 1 - np.tanh(x))
    assert "hint" not in str(check("tanh_derivative", lambda x: 1 - np.tanh(x) ** 2))


def test_the_worked_example_of_notebook_00_shows_the_nudge_and_a_useful_note():
    result = check("collapse_bias", lambda b1, W2, b2: b1 @ W2, example=True)
    text = str(result)
    assert not result.passed and "hint 1 of 3 (a nudge)" in text
    assert "is b2 part of your result?" in text  # the note under the case b1 = 0
    assert "b1 @ W2" not in text.split("hint 1 of 3")[1]  # the hint does not give the answer
    assert runner._failures == {}  # an example is not the student's failure


def test_the_notebooks_expand_the_same_three_hints():
    for stem in ("00_why_activations", "01_step_and_sigmoid", "02_tanh"):
        nb = nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)
        text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "<summary>Hint</summary>" not in text and "<!-- hints:" not in text
        for exercise in (e for e in MINE if e.notebook == stem[:2]):
            assert all(h in text for h in exercise.hints), exercise.id
            assert text.count("<summary>Hint 1 · a nudge</summary>") >= 1


# ---------------------------------------------------------------------------
# The derivations.


def test_the_derived_slope_must_come_from_the_output_not_from_x():
    sigma_again = check("sigmoid_prime_from_value", lambda a: actlib.sigmoid(a) * (1 - actlib.sigmoid(a)))
    assert not sigma_again.passed
    assert "the argument is a = sigma(x), the sigmoid's output, not x" in str(sigma_again)
    # going back to x by hand (no forbidden call) fails at the saturated units, with a note
    back = check("sigmoid_prime_from_value",
                 lambda a: np.exp(-np.log(a / (1 - a))) / (1 + np.exp(-np.log(a / (1 - a)))) ** 2)
    assert not back.passed and "there is no x to go back to" in str(back)


@pytest.mark.parametrize("choice", ["a", "c", "d"])
def test_a_wrong_choice_is_explained_without_the_right_one(choice):
    exercise = EXERCISES["tanh_as_sigmoid"]
    result = check("tanh_as_sigmoid", choice)
    text = str(result)
    assert not result.passed and exercise.choices[choice] in text
    assert exercise.choices["b"] not in text and "2 sigma(2x) - 1" not in text
    assert "hint 1 of 3 (a nudge)" in text


def test_the_right_choice_shows_its_derivation_and_nonsense_is_named():
    assert "multiply the numerator and the denominator" in str(check("tanh_as_sigmoid", "b"))
    assert "not one of the options 'a', 'b', 'c', 'd'" in str(check("tanh_as_sigmoid", "B"))
    assert not check("tanh_as_sigmoid", lambda: None).attempted


def test_every_option_of_the_choice_is_true_to_its_numbers():
    # Each explanation states a slope at 0; the options, computed.
    x = np.linspace(-3, 3, 61)
    options = {"a": 2 * actlib.sigmoid(x) - 1, "b": 2 * actlib.sigmoid(2 * x) - 1,
               "c": actlib.sigmoid(2 * x) - 0.5, "d": 2 * actlib.sigmoid(x / 2) - 1}
    assert [k for k, v in options.items() if np.allclose(v, np.tanh(x))] == ["b"]
    assert np.allclose(options["a"], np.tanh(x / 2)) and np.allclose(options["d"], np.tanh(x / 4))
    slopes = {k: (v[31] - v[29]) / (x[31] - x[29]) for k, v in options.items()}
    assert slopes == pytest.approx({"a": 0.5, "b": 1.0, "c": 0.5, "d": 0.25}, rel=1e-2)
