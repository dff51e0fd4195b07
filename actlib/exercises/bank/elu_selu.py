"""The exercises of notebook 04: ELU, SELU's fixed point and its constants, an ELU layer."""

import functools

import numpy as np
from scipy import integrate

from ... import nn
from ...activations import SELU_ALPHA, SELU_SCALE, get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _TAILS, _X, _X2, _a
from .relu_family import central_difference

NOTEBOOK = "04"


def _normal_pdf(u):
    return np.exp(-0.5 * u * u) / np.sqrt(2 * np.pi)


@functools.lru_cache(maxsize=None)
def selu_constants(variance=1.0):
    """(alpha, scale) with E[selu(z)] = 0 and E[selu(z)**2] = variance for z ~ N(0, variance).

    With LeCun weights the next layer's input has mean 0 and variance E[selu(z)**2], so these
    two equations make (mean 0, variance ``variance``) a fixed point. By quadrature: the mean
    is linear in alpha (the positive side does not depend on it), which gives alpha; the second
    moment then gives the scale.
    """
    sd = np.sqrt(variance)

    def side(g, a, b):
        return integrate.quad(lambda u: g(sd * u) * _normal_pdf(u), a, b, epsabs=1e-14,
                              epsrel=1e-13)[0]

    positive_mean = side(lambda z: z, 0, np.inf)
    negative_mean = side(np.expm1, -np.inf, 0)  # E[(e^z - 1) [z <= 0]], times alpha
    alpha = -positive_mean / negative_mean
    second = side(np.square, 0, np.inf) + alpha ** 2 * side(lambda z: np.expm1(z) ** 2, -np.inf, 0)
    return float(alpha), float(np.sqrt(variance / second))


def _elu_layer(z, dh=None, alpha=1.0):
    """Forward: elu(z). Backward: dh * elu'(z), by finite differences, and alpha at the kink."""
    elu = get("elu")
    if dh is None:
        return elu(z, alpha=alpha)
    # At z = 0 a difference quotient averages the two slopes (1 and alpha): the convention is
    # the formula's x <= 0 branch, alpha * e^0 = alpha.
    return np.where(z == 0, dh * elu.derivative(z, alpha=alpha),
                    central_difference(elu, z, dh, alpha=alpha))


class ELULayer(nn.ActivationLayer):
    """actlib's ELU layer, ``nn.ActivationLayer("elu", alpha=alpha)``: what :func:`adopt` hands on."""

    def __init__(self, alpha=1.0):
        super().__init__("elu", alpha=alpha)


_Z = np.array([[-3.0, -0.5, 0.25, 1.5], [2.0, -1.25, 0.75, -0.125]])
_DH = np.array([[0.5, -1.0, 2.0, -0.25], [1.5, 0.75, -2.0, 1.0]])
_Z_KINK = np.zeros((1, 4))  # every unit at the corner
_DH_KINK = np.array([[3.0, 2.0, -1.0, 0.5]])

_ELU_DONE = ("actlib.selu", "actlib.nn.ActivationLayer")  # ELU reached another way: SELU with scale 1

EXERCISES = [
    Exercise(
        id="elu",
        title="ELU",
        signature="elu(x, alpha=1.0)",
        hints=("Two branches, split at 0: positive inputs pass unchanged; the others follow a "
               "curve that starts at 0 and levels off at −alpha. Use the parameter alpha, not "
               "the number 1.",
               "ELU(x) = x for x > 0 and α(eˣ − 1) for x <= 0. Written as exp(x) − 1, the "
               "negative branch loses digits near 0; NumPy has a function for eˣ − 1 that "
               "does not.",
               "np.where(condition, value_if_true, value_if_false) evaluates both branches on "
               "every element, so the exponential also sees large positive x and may overflow "
               "there: give it np.minimum(x, 0.0) instead of x. np.expm1(t) is eᵗ − 1, "
               "accurate near 0."),
        reference=get("elu"),
        cases=(Case("x >= 0 is passed through, elu(0) = 0", (_a(0.0, 0.5, 2.0),), exact=True),
               Case("default alpha", (_X,)),
               Case("alpha = 0.5", (_X,), {"alpha": 0.5},
                    hint="alpha multiplies the whole negative branch, e^x − 1, not e^x alone."),
               Case("alpha = 2.0, tails", (_TAILS,), {"alpha": 2.0},
                    hint="Far left, ELU levels off at −alpha; far right it is x itself, and the "
                         "discarded exponential branch must not overflow there."),
               Case("2-D input, same shape out", (_X2,), {"alpha": 1.5})),
        forbid=_ELU_DONE,
        rule="write both branches with NumPy (np.where, np.expm1, ...); actlib's elu, and "
             "SELU with scale 1, are what this exercise builds",
    ),
    Exercise(
        id="selu_fixed_point",
        title="SELU's fixed-point equations for a variance v",
        signature="selu_fixed_point()",
        hints=("A fixed point is a state the layer hands on unchanged: the next layer must see "
               "inputs with the same distribution as this one. What does the next layer's input "
               "variance depend on, with LeCun weights?",
               "With LeCun weights (Var(w) = 1/n), the next input Σ wᵢhᵢ has mean 0 and variance "
               "E[h²], the mean square of this layer's outputs h = selu(z). For z ~ N(0, v) to "
               "be handed on, E[h] = 0 (so that the mean square is the variance) and E[h²] must "
               "equal the variance the layer received.",
               "```python\ndef selu_fixed_point():\n    return \"...\"  # one of the letters, with "
               "the quotes\n```\nThe option to pick has the right input distribution and the "
               "right target for the mean square."),
        reference=lambda: "b",
        cases=(Case("the fixed-point equations", ()),),
        answer="choice",
        choices={
            "a": "E[selu(z)] = 0 and E[selu(z)²] = 1 hold the *output* at variance 1. The next "
                 "layer's input then has variance 1 too, not v: for v ≠ 1 the state is not "
                 "handed on unchanged.",
            "b": "Right: with LeCun weights the next layer's input has mean 0 and variance "
                 "E[h²]. Mean 0 and E[h²] = v for z ~ N(0, v) hand the same N(0, v) on; for "
                 "v = 1 these are the two equations above.",
            "c": "The layer does not receive z ~ N(0, 1): at the fixed point it receives inputs "
                 "of variance v, and the expectations must be taken over those.",
            "d": "v is already a variance, the mean square of z; squaring it mixes up variance "
                 "and standard deviation (for v = 4 the outputs would need variance 16).",
        },
    ),
    Exercise(
        id="selu_constants",
        title="SELU constants from the fixed point",
        signature="selu_constants(variance=1.0)",
        hints=("Two unknowns, two equations, the ones of the previous exercise. Compute both "
               "expectations numerically for given (alpha, scale) and let a root finder adjust "
               "(alpha, scale) until both equations hold, for the variance asked for.",
               "For z ~ N(0, v): E[selu(z)] = 0 and E[selu(z)²] = v, where E[g(z)] = ∫ g(√v·u) "
               "φ(u) du and φ is the standard normal density. Since selu = λ·ELU_α, the first "
               "equation does not involve λ and fixes α alone; then λ = √(v / E[ELU_α(z)²]).",
               "expect(actlib.selu, power, var=v, alpha=a, scale=s) of section 3 computes "
               "E[selu(z)**power]. Write equations(p) that unpacks p = (a, s) and returns the "
               "two left-hand sides minus their targets, and pass it to optimize.fsolve with a "
               "starting guess such as [1.5, 1.0] and xtol=1e-12; or solve the first equation "
               "for alpha with optimize.brentq on an interval where its sign changes."),
        reference=selu_constants,
        cases=(Case("variance 1: the published (alpha, scale), to within 1e-6", (),
                    hint="The two equations for v = 1: mean 0 and mean square 1 for z ~ N(0, 1)."),
               Case("variance 0.5", (), {"variance": 0.5},
                    hint="Both the input distribution N(0, v) and the target E[selu(z)²] = v "
                         "change with the variance; constants typed in for v = 1 do not solve "
                         "the equations for another v."),
               Case("variance 2", (), {"variance": 2.0},
                    hint="With a wider input distribution, the negative branch must reach "
                         "further down to keep the mean at 0: alpha grows with v.")),
        elementwise=False,
        returns="numbers",
        atol=1e-6,
        rtol=0.0,
        forbid=("actlib.exercises.bank.elu_selu.selu_constants",),
        rule="solve the two equations numerically yourself (scipy.integrate, scipy.optimize); "
             "the checker's own solution is not an answer",
        fallback=selu_constants,
    ),
    Exercise(
        id="selu",
        title="SELU",
        signature="selu(x)",
        hints=("SELU is ELU stretched by a constant: which of the two branches does the scale "
               "multiply?",
               f"selu(x) = λ·x for x > 0 and λ·α(eˣ − 1) for x <= 0, with α = {SELU_ALPHA!r} and "
               f"λ = {SELU_SCALE!r}: the scale multiplies both branches.",
               "Reuse your elu of exercise 1 with alpha=ALPHA and multiply its result by "
               "SCALE, or write the np.where of exercise 1 again with the two constants."),
        reference=get("selu"),
        cases=(Case("selu(0) = 0 exactly", (_a(0.0),), exact=True),
               Case("values between -3 and 3", (_X,),
                    hint="Both branches are multiplied by SCALE; the negative one by ALPHA too."),
               Case("tails, |x| up to 20", (_TAILS,)),
               Case("2-D input, same shape out", (_X2,))),
        forbid=("actlib.nn.ActivationLayer",),
        rule="write it with NumPy or your own elu; actlib's selu is what this exercise builds",
    ),
    Exercise(
        id="elu_layer",
        title="Your own ELU layer",
        signature="ELULayer(alpha=1.0)",
        hints=("The pattern of notebook 03's ReLULayer: forward computes the output and keeps "
               "what backward needs; backward multiplies the incoming gradient by the local "
               "slope. Here the layer also takes the parameter alpha, when it is made.",
               "forward: h = ELU_α(z). backward: dL/dz = dL/dh · ELU'(z), with ELU'(z) = 1 for "
               "z > 0 and α·e^z for z <= 0 (α at z = 0). For z <= 0 the slope is also h + α.",
               "```python\nclass ELULayer:\n    def __init__(self, alpha=1.0):\n        self.alpha = "
               "alpha\n    def forward(self, z):\n        ...  # keep what backward needs on "
               "self\n        return ...  # elu of z with self.alpha\n    def backward(self, dh):\n"
               "        return ...  # dh times the slope at the kept z\n```"),
        reference=_elu_layer,
        cases=(Case("forward: elu(z), default alpha", (_Z,)),
               Case("forward, alpha = 0.5", (_Z,), {"alpha": 0.5},
                    hint="ELULayer(alpha=0.5) must use that alpha: keep it in __init__."),
               Case("backward: dh · elu'(z), against finite differences", (_Z, _DH),
                    hint="backward(dh) returns dL/dz: the slope at the z kept by forward, times "
                         "dh, element by element."),
               Case("backward, alpha = 2: against finite differences", (_Z, _DH), {"alpha": 2.0},
                    hint="On the negative side the slope is alpha·e^z: alpha scales it too."),
               Case("backward at z = 0, alpha = 2: the x <= 0 branch, alpha", (_Z_KINK, _DH_KINK),
                    {"alpha": 2.0}, exact=True,
                    hint="At 0 the formula's x <= 0 branch gives alpha·e⁰ = alpha (a finite "
                         "difference there would average the two sides).")),
        atol=1e-6,
        rtol=0.0,
        forbid=("actlib.elu", "actlib.elu.derivative", "actlib.selu", "actlib.selu.derivative",
                "actlib.nn.ActivationLayer"),
        rule="write forward and backward yourself, with NumPy or your own elu; actlib's ELU and "
             "its layer are what this exercise builds",
        answer="layer",
        fallback=ELULayer,
    ),
]

PREDICTIONS = [
    Prediction(
        id="selu-depth-variance",
        question=("The next cells feed inputs of variance 4 through 60 SELU layers with "
                  "LeCun-normal weights. What variance will the outputs of layer 60 have?"),
        options={
            "keep": ("about 4: each layer preserves the variance it receives",
                     "That is the article's reading, \"each layer preserves the mean and "
                     "variance\". A layer preserves only the variance at its fixed point; any "
                     "other variance is moved, layer by layer."),
            "one": ("about 1",
                    "The constants make (mean 0, variance 1) a fixed point, and it attracts: a "
                    "layer that receives variance 4 hands on less, one that receives 0.25 hands "
                    "on more, until the variance is 1."),
            "grow": ("much more than 4: the variance grows with depth",
                     "SELU's slope is above 1 only on part of its graph, and the saturating "
                     "negative side pulls large variances down: with LeCun weights it cannot "
                     "keep growing."),
            "vanish": ("much less than 1: the variance fades with depth",
                       "That is what tanh does with LeCun weights (its slope is at most 1). "
                       "SELU's slope of λ·α ≈ 1.76 just left of 0 lifts small variances back up."),
        },
        explanation=("(0, 1) is an attracting fixed point of the map from one layer's mean and "
                     "variance to the next's: SELU does not keep what it is given, it forgets it."),
    ),
]
