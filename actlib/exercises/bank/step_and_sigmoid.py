"""The exercises of notebook 01."""

import numpy as np

from ...activations import get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _X, _X2, _a, _smooth

NOTEBOOK = "01"

# What computes the sigmoid for an answer that should compute it: SciPy's expit and its log,
# a softmax over (0, x), and the rescaled sigmoid of actlib's registry.
SIGMOID_FOR_YOU = ("scipy.special.expit", "scipy.special.log_expit", "scipy.special.softmax",
                   "scipy.special.log_softmax", "actlib.softmax", "actlib.log_softmax",
                   "actlib.bipolar_sigmoid")

# The series holds actlib to an absolute error of 1e-300 where a value is that small
# (tests/test_accuracy.py); a sigmoid that clips x at +-700 (sigma(-700) = 9.9e-305) is within it.
TINY = 1e-300

_TAILS_NOTE = ("x = -1000 and 1000 test the tails: no overflow (NumPy's warning counts as a "
               "failure), no nan, and within 1e-300 of 0 and of 1, the accuracy the series holds "
               "actlib to. np.where computes both of its branches for every entry, so the branch "
               "it discards must not overflow either.")
_CLIPPED = ("right within 1e-300, not exactly: at x = -1000 your sigmoid returns a tiny positive "
            "number (clipping x at -700 gives sigma(-700) = 9.9e-305) where float64 rounds the "
            "true value to 0.0. That is within the accuracy the series holds actlib to, so it "
            "passes. A formula that only ever exponentiates numbers <= 0 needs no clipping and "
            "gives 0.0 exactly (section 5 shows what happens below 1e-308).")

# Outputs a = sigmoid(z) of sigmoid units, for the derivation: binary fractions in (0, 1).
_S = _a(0.015625, 0.125, 0.25, 0.5, 0.75, 0.875, 0.984375)
_S2 = np.array([[0.0625, 0.5, 0.9375], [0.25, 0.375, 0.999]])


def _sigmoid_prime_from_value(a):
    return a * (1.0 - a)


EXERCISES = [
    Exercise(
        id="step",
        title="Step function",
        signature="step(x, threshold=0.0)",
        hints=("Each entry of the output is 1.0 or 0.0, decided by one comparison of that entry "
               "with the threshold. Decide what happens exactly at the threshold (the step fires "
               "only above it), and compare with the parameter, not with the number 0.",
               "step(x) = 1 where x > threshold and 0 where x <= threshold, for every entry of x "
               "separately.",
               "`x > threshold` compares every entry at once and gives an array of booleans; "
               "`np.where(condition, a, b)` picks a where the condition holds and b elsewhere, "
               "and `.astype(float)` turns True/False into 1.0/0.0. `np.asarray(x)` first makes a "
               "list or a number work too."),
        reference=get("step"),
        cases=(Case("0 at x = 0, 1 above (step(0) = 0)", (_X,), exact=True,
                    hint="exactly at the threshold the step gives 0: it fires only strictly above"),
               Case("threshold = 0.5 (0 at x = 0.5)", (_X,), {"threshold": 0.5}, exact=True,
                    hint="the comparison must use the parameter threshold"),
               Case("threshold = -1.0", (_X,), {"threshold": -1.0}, exact=True,
                    hint="a negative threshold: the step fires at 0 and at -0.5 too"),
               Case("2-D input, same shape out", (_X2,), exact=True,
                    hint="work on the whole array, whatever its shape: no loop over one axis")),
        rule="compare with the threshold yourself (np.where, np.heaviside or .astype(float) are "
             "fine): actlib.step is the function you are writing",
    ),
    Exercise(
        id="sigmoid",
        title="Stable sigmoid",
        signature="sigmoid(x)",
        hints=("The textbook formula 1 / (1 + e^(-x)) computes e^1000 at x = -1000, which "
               "overflows. Can you arrange the computation so that you only ever exponentiate "
               "numbers <= 0, whatever the sign of x?",
               "Let e = e^(-|x|), a number in (0, 1]. For x >= 0, sigma(x) = 1 / (1 + e). For "
               "x < 0, multiply numerator and denominator of 1 / (1 + e^(-x)) by e^x: sigma(x) = "
               "e / (1 + e). (Another exact form: sigma(x) = (1 + tanh(x / 2)) / 2.)",
               "`np.exp(-np.abs(x))` only ever sees numbers <= 0, so it never overflows: compute "
               "it once and keep it in a variable. `np.where(x >= 0, a, b)` picks, entry by entry, "
               "between two arrays of the same shape; it computes both a and b for every entry, "
               "so neither may overflow. Write a and b with your variable."),
        reference=get("sigmoid"),
        cases=(*_smooth("sigmoid(0) = 0.5 exactly", [0.0],
                        exact_note="at x = 0 the sigmoid is exactly 1/2",
                        values_note="sigma(-x) = 1 - sigma(x): a mistake often shows on one side only",
                        tails_note="the tails are tiny or close to 1, but not rounded to 0 or 1 yet: "
                                   "compare with the formula, not with 0 and 1")[:3],
               Case("x = -1000 and 1000: 0 and 1, without overflow", (_a(-1000.0, 1000.0),),
                    hint=_TAILS_NOTE, advice=_CLIPPED),
               Case("2-D input, same shape out", (_X2,),
                    hint="work on the whole array, whatever its shape: no loop over one axis")),
        atol=TINY,
        forbid=SIGMOID_FOR_YOU,
        rule="write the formula yourself from np.exp (np.where, np.abs and np.tanh are fine too); "
             "SciPy's expit, a softmax over (0, x) and actlib's sigmoids compute it for you",
    ),
    Exercise(
        id="sigmoid_prime_from_value",
        title="The sigmoid's slope from its output",
        signature="sigmoid_prime_from_value(a)",
        hints=("Split e^(-x) / (1 + e^(-x))^2 into two factors: 1 / (1 + e^(-x)) times "
               "e^(-x) / (1 + e^(-x)). The first is a itself. Can you write the second with a "
               "too?",
               "e^(-x) / (1 + e^(-x)) = ((1 + e^(-x)) - 1) / (1 + e^(-x)) = 1 - 1 / (1 + e^(-x)). "
               "Both factors are then functions of a = 1 / (1 + e^(-x)) alone.",
               "a is a NumPy array: arithmetic on it (`1 - a`, `u * v`) works entry by entry and "
               "gives an array of the same shape. You need no np.exp and no x."),
        reference=_sigmoid_prime_from_value,
        cases=(Case("a = 0.5, the centre: the largest slope, 1/4", (_a(0.5),), exact=True,
                    hint="a = 0.5 is the sigmoid's output at x = 0, where its slope is 1/4"),
               Case("outputs of sigmoid units between 0 and 1", (_S,),
                    hint="the argument is a = sigma(x), the sigmoid's output, not x: applying the "
                         "sigmoid (or its derivative) to a computes something else"),
               Case("saturated units, a = 0 and a = 1: no slope left", (_a(0.0, 1.0),), exact=True,
                    hint="a unit whose output has reached 0 or 1 is saturated: its slope is 0, and "
                         "there is no x to go back to"),
               Case("2-D input, same shape out", (_S2,),
                    hint="work on the whole array, whatever its shape: no loop over one axis")),
        forbid=("actlib.sigmoid.derivative", "actlib.bipolar_sigmoid.derivative",
                "actlib.tanh.derivative"),
        rule="write the slope from a alone, the output the forward pass kept; the point is that "
             "backpropagation never needs x, nor a ready-made derivative",
    ),
    Exercise(
        id="sigmoid_derivative",
        title="Derivative of the sigmoid",
        signature="sigmoid_derivative(x)",
        hints=("Exercise 3 wrote the slope with the sigmoid's output alone: compute the sigmoid "
               "of x first and use that. Then look at the right tail, where sigma(x) rounds to 1: "
               "what is left of a factor 1 - sigma(x) there?",
               "sigma'(x) = sigma(x) (1 - sigma(x)). Since 1 - sigma(x) = sigma(-x), also "
               "sigma'(x) = sigma(x) sigma(-x), which subtracts nothing from 1 and keeps its "
               "accuracy in the tail. (The check tests |x| <= 20, where both pass.)",
               "Call a sigmoid on the whole array (your sigmoid of exercise 2, or actlib.sigmoid) "
               "and keep the result in a variable; `-x` negates every entry; combine the factors "
               "with `*`, entry by entry."),
        reference=get("sigmoid").derivative,
        cases=_smooth("sigmoid'(0) = 0.25 exactly", [0.0],
                      exact_note="at x = 0 the sigmoid is 1/2 and its slope 1/4, its largest",
                      values_note="the slope is symmetric, sigma'(-x) = sigma'(x), and at most 1/4",
                      tails_note="far out the slope is tiny, but not 0 yet"),
        forbid=("actlib.bipolar_sigmoid.derivative", "actlib.tanh.derivative"),
        rule="build it from a sigmoid (yours, actlib.sigmoid or scipy.special.expit); actlib's "
             "derivatives compute the slope for you",
    ),
    Exercise(
        id="bipolar_sigmoid",
        title="Bipolar sigmoid",
        signature="bipolar_sigmoid(x)",
        hints=("The bipolar sigmoid is the sigmoid stretched from (0, 1) to (-1, 1): stretch the "
               "output and move it down, so that x = 0 gives 0. Section 6 shows a second form of "
               "the same function, more accurate near 0.",
               "bipolar_sigmoid(x) = 2 sigma(x) - 1 = (1 - e^(-x)) / (1 + e^(-x)) = tanh(x / 2). "
               "Near x = 0, 2 sigma(x) - 1 subtracts two nearly equal numbers and loses digits; "
               "tanh(x / 2) does not.",
               "Either rescale the output of a sigmoid of x (yours or actlib.sigmoid: `2 * ... - "
               "1`), or call np.tanh, which works on whole arrays, on a rescaled x."),
        reference=get("bipolar_sigmoid"),
        cases=_smooth("bipolar_sigmoid(0) = 0 exactly", [0.0],
                      exact_note="the bipolar sigmoid is centred: 0 at x = 0",
                      values_note="it is odd, f(-x) = -f(x), and runs from -1 to 1",
                      tails_note="far out it approaches -1 and 1, from inside"),
        rule="rescale a sigmoid, or use np.tanh; actlib.bipolar_sigmoid is the function you are "
             "writing",
    ),
]

PREDICTIONS = [
    Prediction(
        id="step-training",
        question=("The step neuron starts out wrong (it fires for x < 0.6) and gets the same 300 "
                  "steps of gradient descent as the sigmoid neuron. Where do its weights end up?"),
        options={
            "learns": ("Its boundary moves to about 0.5, like the sigmoid neuron's",
                       "Gradient descent moves a weight by the loss's slope, and that slope "
                       "contains f'(z). The sigmoid's slope is positive everywhere, so its neuron "
                       "learns; the step's is not."),
            "partly": ("They move part of the way, more slowly than the sigmoid's",
                       "A small slope gives slow learning, as with a saturated sigmoid. The "
                       "step's slope is not small but exactly 0 wherever it exists, so each "
                       "update is not small but exactly 0."),
            "stuck": ("They do not change at all",
                      "Every weight's gradient contains f'(z), and the step's f'(z) is 0 for "
                      "every z but the threshold itself, which no input hits exactly. Each update "
                      "is exactly 0: w and b stay at -0.5 and 0.3, however wrong the outputs."),
            "diverges": ("They grow without bound",
                         "Weights run away when the updates are large and keep their sign. "
                         "Every update contains the slope f'(z), and the step's is 0 wherever it "
                         "exists: the updates are not large."),
        },
        explanation=("The chain rule puts the activation's slope into every gradient. That is "
                     "why the perceptron of the 1950s had a learning rule of its own, and why "
                     "gradient descent needs an activation with a slope it can use."),
    ),
]
