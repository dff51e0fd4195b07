"""The exercises of notebook 03: ReLU, Leaky ReLU, PReLU, He's weight scale, a ReLU layer."""

import numpy as np

from ... import nn
from ...activations import get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _X, _X2, _a

NOTEBOOK = "03"

# Units are columns: 0 and 1 are dead (1 is exactly 0 throughout), 2 and 4 fire once.
_PRE = np.array([[-1.0, 0.0, -2.0, 0.5, -0.3],
                 [-0.5, 0.0, 1.0, 1.5, -0.1],
                 [-2.0, 0.0, -0.5, 0.1, 0.2],
                 [-0.1, 0.0, -1.0, 2.0, -0.4]])

# Other ways to reach actlib's ReLU: Leaky ReLU and PReLU with slope 0, an activation layer.
_OTHER_RELUS = ("actlib.leaky_relu", "actlib.prelu", "actlib.nn.ActivationLayer")


def _dead_fraction(pre):
    # A unit is dead when ReLU passes no gradient for any sample.
    return np.mean(np.all(get("relu").derivative(pre) == 0, axis=0))


def _std_factor(c, layers):
    # Var(w) = c / fan_in: each ReLU layer multiplies the variance by c / 2, the std by its root.
    return (c / 2.0) ** (layers / 2.0)


# --- your own layer -------------------------------------------------------------------------

EPS = 1e-6  # the step of the central differences the layers are checked against


def central_difference(f, z, dh, **params):
    """``dh * (f(z + EPS) - f(z - EPS)) / (2 EPS)``: dL/dz by finite differences."""
    return dh * (f(z + EPS, **params) - f(z - EPS, **params)) / (2 * EPS)


def _relu_layer(z, dh=None):
    """Forward: relu(z). Backward: dh * relu'(z), by finite differences, and 0 at the kink."""
    relu = get("relu")
    if dh is None:
        return relu(z)
    # At z = 0 a difference quotient straddles the corner (it gives dh / 2): the convention is 0.
    return np.where(z == 0, dh * relu.derivative(z), central_difference(relu, z, dh))


class ReLULayer(nn.ActivationLayer):
    """actlib's ReLU layer, ``nn.ActivationLayer("relu")``: what :func:`adopt` hands on."""

    def __init__(self):
        super().__init__("relu")


# A batch of 2 examples of 4 units, no value within EPS of the kink; and one with zeros.
_Z = np.array([[-2.0, -0.5, 0.25, 1.5], [3.0, -1.0, 0.75, -0.125]])
_DH = np.array([[0.5, -1.0, 2.0, -0.25], [1.5, 0.75, -2.0, 1.0]])
_Z_KINK = np.zeros((1, 4))  # every unit at the corner
_DH_KINK = np.array([[3.0, 2.0, -1.0, 0.5]])

_BACKWARD_NOTE = ("backward(dh) gets dh = dL/dh from the layer above and must return dL/dz: the "
                  "local slope at the z kept by forward, times dh, element by element (the chain "
                  "rule). Returning the slope alone, or the forward value, fails here.")

_LAYER_RULE = ("write forward and backward yourself, from NumPy or your own relu and "
               "relu_derivative of exercises 1 and 2; actlib's ReLU and its layer are what "
               "this exercise builds")

# ---------------------------------------------------------------------------------------------

EXERCISES = [
    Exercise(
        id="relu",
        title="ReLU",
        signature="relu(x)",
        hints=("ReLU keeps a value when it is positive and puts 0 in its place otherwise. Look for "
               "an operation that does this for every element of an array at once: Python's "
               "built-in max compares a whole array with 0 and fails.",
               "relu(x) = max(0, x): x where x > 0, and 0 where x <= 0. (The same as (x + |x|) / 2.)",
               "NumPy's elementwise functions take two arrays, or an array and a number, and work "
               "element by element: np.maximum(a, b) keeps the larger of each pair, and "
               "np.where(condition, value_if_true, value_if_false) picks one of two. Build a new "
               "array rather than assigning into x."),
        reference=get("relu"),
        cases=(Case("relu(x) around 0", (_X,), exact=True,
                    hint="Negative inputs give exactly 0.0, positive ones are passed unchanged."),
               Case("2-D input, same shape out", (_X2,), exact=True,
                    hint="Work on the whole array, whatever its shape; no loop over rows.")),
        forbid=("actlib.activations._relu", *_OTHER_RELUS),
        rule="write max(0, x) with NumPy (np.maximum, np.where, ...); actlib's relu, and Leaky "
             "ReLU or PReLU with slope 0, are what this exercise builds",
    ),
    Exercise(
        id="relu_derivative",
        title="Derivative of ReLU",
        signature="relu_derivative(x)",
        hints=("ReLU is a straight line on each side of 0, so its slope takes only two values. "
               "Which ones, and which of them at exactly x = 0, where the corner is?",
               "relu'(x) = 1 for x > 0 and 0 for x < 0. At x = 0 the derivative does not exist; "
               "this series uses 0 there, so relu'(x) = 0 for x <= 0.",
               "A comparison of an array with a number gives an array of booleans of the same "
               "shape, and .astype(float) turns True and False into 1.0 and 0.0. Convert x with "
               "np.asarray first, so that a plain number or a list works too."),
        reference=get("relu").derivative,
        cases=(Case("0 at x = 0, 1 above", (_X,), exact=True,
                    hint="The convention at the corner: relu'(0) = 0, like every x < 0."),
               Case("2-D input, same shape out", (_X2,), exact=True)),
        forbid=("actlib.leaky_relu.derivative", "actlib.prelu.derivative",
                "actlib.nn.ActivationLayer"),
        rule="write the slope yourself (1.0 where x > 0, else 0.0) with NumPy; actlib's "
             "relu.derivative, or Leaky ReLU's and PReLU's with slope 0, are what this builds",
    ),
    Exercise(
        id="relu_std_factor",
        title="He's weight scale: the std factor through depth",
        signature="relu_std_factor(c, layers)",
        hints=("Follow the variance, not the std, through one ReLU layer first: what does "
               "fan_in · Var(w) become when std(w) = √(c / fan_in), and what does ReLU do to the "
               "mean square of what it passes on? Then repeat the same layer.",
               "Var(z_next) = fan_in · Var(w) · E[h²], and for z symmetric about 0, E[relu(z)²] = "
               "½ Var(z). With Var(w) = c / fan_in, one layer multiplies the variance by c / 2. "
               "The std is the square root of the variance, and the factors of successive "
               "layers multiply.",
               "def relu_std_factor(c, layers): first the std factor of one layer (a square root "
               "of the variance factor), then that factor ** layers. Return a float."),
        reference=_std_factor,
        cases=(Case("c = 2, He's scale: the std is kept through 29 layers", (2.0, 29),
                    hint="He's scale is the one at which one layer leaves the variance as it is."),
               Case("c = 1, LeCun's scale, 29 layers", (1.0, 29),
                    hint="Two factors per layer: the weights' variance times fan_in, and ReLU, "
                         "which sets half of its outputs to 0. The std is the square root of "
                         "the variance, so its factor is the square root of theirs."),
               Case("c = 3, 10 layers", (3.0, 10)),
               Case("c = 0.5, one layer", (0.5, 1),
                    hint="One layer: the std changes by the square root of c / 2.")),
        elementwise=False,
        returns="number",
        rtol=1e-9,
        forbid=("actlib.exercises.bank.relu_family._std_factor",),
        rule="derive the factor on paper and write it as a formula; the checker's own "
             "solution is not an answer",
    ),
    Exercise(
        id="dead_fraction",
        title="Fraction of dead ReLU units",
        signature="dead_fraction(pre)",
        hints=("pre has one row per example and one column per unit. A unit is dead when no "
               "example gives it a positive input. Answer that question for each column, then "
               "turn the answers into a fraction.",
               "Unit j is dead when pre[i, j] <= 0 for every example i (ReLU's slope is 0 there, "
               "at exactly 0 too). The fraction is (number of dead units) / (number of units), "
               "one float between 0 and 1.",
               "A comparison of pre with a number gives a boolean array of the same shape; "
               "np.all(..., axis=...) asks 'True in every row?' for each column when the axis is "
               "the one that runs over the rows; the mean of booleans is the fraction that is True."),
        reference=_dead_fraction,
        cases=(Case("2 of 5 units dead (one is exactly 0 throughout): 0.4", (_PRE,), exact=True,
                    hint="A column with one positive entry is alive; a column of zeros is dead, "
                         "since ReLU's slope at 0 is 0. 0.8 counts units that are <= 0 for "
                         "*some* example; 0.2 misses the column of zeros; a count (2.0) is not a "
                         "fraction."),
               Case("no dead unit: 0.0", (np.abs(_PRE) + 0.1,), exact=True,
                    hint="Every column here has positive entries only."),
               Case("every unit dead: 1.0", (0.0 - np.abs(_PRE),), exact=True,
                    hint="Every entry here is <= 0, so every unit is dead."),
               Case("a single example: 2 of 3", (np.array([[-1.0, 0.0, 2.0]]),),
                    hint="With one row, a unit is dead when its one value is <= 0; the answer is "
                         "still a single number, the fraction over the 3 columns.")),
        elementwise=False,
        returns="number",
        forbid=("actlib.exercises.bank.relu_family._dead_fraction",),
        rule="count the dead units yourself with NumPy; the checker's own solution is not an "
             "answer",
    ),
    Exercise(
        id="leaky_relu",
        title="Leaky ReLU",
        signature="leaky_relu(x, negative_slope=0.01)",
        hints=("Two branches, split at 0: positive inputs pass unchanged, the others are "
               "multiplied by the slope. Use the parameter negative_slope rather than the number "
               "0.01, and make it right for every slope, one above 1 included.",
               "f(x) = x for x > 0 and λx for x <= 0, with λ = negative_slope. The branch is "
               "chosen by the sign of x. (max(λx, x) is the same function only while λ <= 1.)",
               "np.where(condition, value_if_true, value_if_false) chooses element by element: "
               "let the condition look at the sign of x, not at which branch is larger."),
        reference=get("leaky_relu"),
        cases=(Case("default negative_slope", (_X,)),
               Case("negative_slope = 0.5: leaky_relu(-2) = -1 exactly", (_a(-2.0, 0.0, 3.0),),
                    {"negative_slope": 0.5}, exact=True),
               Case("negative_slope = 0.2", (_X,), {"negative_slope": 0.2}),
               Case("2-D input, same shape out", (_X2,), {"negative_slope": 0.1}),
               Case("negative_slope = 2: a slope above 1", (_X,), {"negative_slope": 2.0},
                    hint="With a slope above 1, λx is larger than x for positive x and smaller "
                         "for negative x. An answer that keeps the larger of the two branches "
                         "then picks the wrong branch on both sides: choose the branch by the "
                         "sign of x, as the definition does.")),
        forbid=("actlib.prelu", "actlib.nn.ActivationLayer"),
        rule="write both branches with NumPy (np.where, ...); actlib's leaky_relu, and PReLU "
             "with a = negative_slope, are what this exercise builds",
    ),
    Exercise(
        id="prelu_grad_a",
        title="PReLU: gradient with respect to a",
        signature="prelu_grad_a(x, a)",
        hints=("a appears in one branch only. Differentiate each branch with respect to a (not "
               "x), with x held fixed.",
               "prelu(x, a) = x for x > 0 and a·x for x <= 0, so ∂prelu/∂a = 0 for x > 0 and x "
               "for x <= 0. It does not depend on a.",
               "np.where(condition on x, value where it holds, value elsewhere) builds the "
               "result element by element, with the shape of x."),
        reference=lambda x, a: get("prelu").derivative_a(x, a=a),
        cases=(Case("a = 0.25", (_X, 0.25), exact=True,
                    hint="Differentiate with respect to a: the result is 0 where x > 0, and "
                         "neither 1 nor a anywhere."),
               Case("a = 0.1, 2-D input", (_X2, 0.1), exact=True)),
        forbid=("actlib.prelu.derivative_a",),
        rule="work out ∂prelu/∂a by hand and write it with NumPy; actlib's "
             "prelu.derivative_a is what this exercise builds",
    ),
    Exercise(
        id="relu_layer",
        title="Your own ReLU layer",
        signature="ReLULayer",
        hints=("A layer's forward pass computes the output and remembers what its backward pass "
               "will need; backward then turns the gradient of the loss with respect to the "
               "output into the gradient with respect to the input. Which quantity does "
               "relu'(z) need?",
               "forward: h = relu(z). backward: dL/dz = dL/dh · relu'(z) elementwise (the chain "
               "rule), with relu'(z) = 1 for z > 0 and 0 for z <= 0.",
               "```python\nclass ReLULayer:\n    def forward(self, z):\n        ...  # keep z, or what "
               "backward needs of it, on self\n        return ...\n    def backward(self, dh):\n"
               "        return ...  # dh times the slope at the z that forward kept\n```"),
        reference=_relu_layer,
        cases=(Case("forward: relu(z) on a batch of 2 examples, 4 units", (_Z,), exact=True),
               Case("backward with dh = 1: relu'(z), against finite differences",
                    (_Z, np.ones_like(_Z)),
                    hint="With dh = 1 everywhere, backward returns the slope of ReLU at z: 1.0 "
                         "where z > 0, 0.0 elsewhere."),
               Case("backward: dh · relu'(z), against finite differences", (_Z, _DH),
                    hint=_BACKWARD_NOTE),
               Case("backward at z = 0: the convention relu'(0) = 0", (_Z_KINK, _DH_KINK),
                    exact=True,
                    hint="At the corner a finite difference gives dh / 2; the series' convention "
                         "is relu'(0) = 0, as in exercise 2.")),
        atol=1e-6,
        rtol=0.0,
        forbid=("actlib.relu", "actlib.relu.derivative", "actlib.leaky_relu", "actlib.prelu",
                "actlib.leaky_relu.derivative", "actlib.prelu.derivative",
                "actlib.nn.ActivationLayer"),
        rule=_LAYER_RULE,
        answer="layer",
        fallback=ReLULayer,
    ),
]

PREDICTIONS = [
    Prediction(
        id="relu-dead-units",
        question=("The next cell trains the moons network with learning rates 0.3, 2 and 3. With "
                  "learning rate 3, what share of the 32 units of the second hidden layer will be "
                  "dead after 30 epochs?"),
        options={
            "none": ("none: wherever a unit fires its slope is 1, so training keeps it alive",
                     "A slope of 1 helps only while some example reaches the unit. One large "
                     "step can move a unit's weights and bias to where no example does; from "
                     "then on its gradient is exactly 0, and nothing in its own update brings it "
                     "back."),
            "few": ("a few, under a quarter",
                    "That is what learning rate 0.3 gives: a few units of layer 2 are dead from "
                    "the start and stay so. Learning rate 3 takes steps ten times larger, and "
                    "every step that overshoots can silence more units."),
            "half": ("between a quarter and three quarters",
                     "That is roughly what learning rate 2 does to layer 2 (about 60% by epoch "
                     "30). At 3 the first epochs overshoot further still."),
            "most": ("more than three quarters",
                     "Steps this large push most of layer 2 where no example reaches it within "
                     "the first epochs. A dead unit of layer 2 comes back only if layer 1 "
                     "changes its inputs, and with most of the layer silent, little changes: "
                     "the accuracy stays at a coin toss."),
        },
        explanation=("A dead unit gets exactly zero gradient from every example, so plain SGD "
                     "never moves its own weights again: ReLU's slope of 1 protects only the "
                     "units that still fire. The text below shows most of the dying happens "
                     "in the first epoch."),
    ),
]
