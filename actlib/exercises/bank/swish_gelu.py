"""The exercises and predictions of notebook 06."""

from functools import partial

import numpy as np

from ... import nn
from ...activations import get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _TAILS, _X, _X2, _a, _smooth

NOTEBOOK = "06"

# actlib's own Swish, GELU and activation layers are what the exercises of 06 replace.
_ACTLIB_LAYER = ("actlib.nn.ActivationLayer",)

_Z = _a(-4.0, -1.5, -0.5, 0.25, 1.0, 3.0)
_DH = _a(0.5, -1.0, 2.0, 1.5, -0.25, 1.0)
_Z2 = np.array([[-2.0, -0.3, 0.7], [1.2, -5.0, 2.5]])
_DH2 = np.array([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]])
_EPS = 1e-6  # central differences: truncation error about 1e-13, rounding about 1e-10


def _swish_layer(z, dh=None, beta=1.0):
    """Swish as a layer: forward, or dh times a central finite difference of the registry's Swish."""
    f = partial(get("swish"), beta=beta)
    if dh is None:
        return f(z)
    return dh * (f(z + _EPS) - f(z - _EPS)) / (2 * _EPS)


class SwishLayer(nn.ActivationLayer):
    """actlib's Swish layer, ``nn.ActivationLayer("swish", beta=beta)``: the fallback of ``swish_layer``."""

    def __init__(self, beta=1.0):
        super().__init__("swish", beta=beta)


PREDICTIONS = [
    Prediction(
        id="06-tanh-error",
        question="The tanh form of GELU replaces Φ by a tanh of a cubic with two hand-fitted "
                 "constants. Over all x, how far from the exact GELU does it get at worst?",
        options={
            "e10": ("about 1e-10: the same function up to rounding",
                    "tanh and Φ are different functions, and a cubic with two constants cannot make "
                    "one into the other: the formula is an approximation, not a rewriting."),
            "e6": ("about 1e-6: a difference in the sixth decimal",
                   "That would take more than a cubic inside the tanh; with two constants the fit "
                   "is good, but not that good."),
            "e3": ("about 1e-3: a difference in the fourth decimal",
                   "A few parts in ten thousand at worst: far too small to see on a plot, but far "
                   "above rounding, so two models that use different forms do not compute the "
                   "same outputs."),
            "e1": ("about 0.1: a visibly different curve",
                   "On a plot the two curves cannot be told apart; an error of 0.1 would show as a "
                   "gap next to values that are themselves of order 1."),
        },
        explanation="The tanh form is a fit, not an identity: its error peaks a little below 5·10⁻⁴ "
                    "near x = ±2.7 and is even in x. That is why the form a model was trained "
                    "with is part of its definition.",
    ),
]

EXERCISES = [
    Exercise(
        id="swish",
        title="Swish",
        signature="swish(x, beta=1.0)",
        hints=("Swish multiplies its input by a gate that opens gradually: which function of "
               "notebook 01 goes smoothly from 0 to 1, and what does β do to its argument?",
               "f(x) = x · σ(βx) = x / (1 + e^(−βx)). At β = 0 the gate is σ(0) = 1/2 for every x.",
               "scipy.special.expit(t) is σ(t) without overflow (imported here as special.expit); "
               "return x times the gate, evaluated at the right argument: x * special.expit(...)."),
        reference=get("swish"),
        cases=(Case("beta = 0 gives x / 2 exactly", (_X,), {"beta": 0.0}, exact=True,
                    hint="β = 0 makes the gate σ(0) = 1/2 for every x."),
               Case("default beta", (_X,)),
               Case("beta = 2.0", (_X,), {"beta": 2.0},
                    hint="β multiplies x inside the sigmoid only, not the input outside it."),
               Case("beta = 0.5, tails", (_TAILS,), {"beta": 0.5},
                    hint="far left, Swish is tiny but not 0 (about x·e^(βx)); far right it is "
                         "almost x."),
               Case("2-D input, same shape out", (_X2,), {"beta": 1.5})),
        forbid=("actlib.gelu",) + _ACTLIB_LAYER,
        rule="build it from a sigmoid (scipy.special.expit, actlib.sigmoid or np.exp); "
             "actlib's swish, its GELU and its activation layers are not building blocks here",
    ),
    Exercise(
        id="swish_slope_at_0",
        title="Swish's slope at 0, derived",
        signature="(slope for beta = 1, slope for beta = 10)",
        hints=("Put x = 0 into the derivative f′(x) of section 1 before you simplify anything: "
               "one of its two terms has x as a factor.",
               "f′(x) = σ(βx) + βx · σ(βx)(1 − σ(βx)). At x = 0, βx = 0 whatever β is, and "
               "σ(0) = 1 / (1 + e⁰).",
               "Return a pair of plain numbers, return (a, b), with a the slope for β = 1 and b "
               "the slope for β = 10; a fraction such as 1 / 3 is fine."),
        reference=lambda: (0.5, 0.5),
        cases=(Case("the slopes at x = 0 for β = 1 and β = 10", (), exact=True,
                    hint="a slope that grows with β comes from the second term, which is "
                         "multiplied by x = 0; a numerical derivative is close, not exact."),),
        elementwise=False,
        returns="numbers",
        answer="value",
    ),
    Exercise(
        id="swish_layer",
        title="Your own Swish layer",
        signature="SwishLayer(beta=1.0)",
        hints=("forward(z) computes f(z) and keeps what backward will need (z, or the gate "
               "σ(βz)); backward(dh) receives dL/dh, the gradient with respect to the layer's "
               "output, and returns dL/dz by the chain rule, one element at a time.",
               "h = z · σ(βz), so dL/dz = dL/dh · dh/dz = dh · (σ(βz) + βz · σ(βz)(1 − σ(βz))). "
               "β appears twice: inside σ, and as the factor the chain rule brings out of σ(βz).",
               "In forward keep self.z = z and the gate σ(βz) (special.expit of the right "
               "argument, as self.gate, say), and return z times the gate; in backward return "
               "dh * (...), the derivative written with self.z, self.gate and self.beta."),
        reference=_swish_layer,
        cases=(Case("forward, beta = 1 (the default)", (_Z,)),
               Case("forward, beta = 2", (_Z,), {"beta": 2.0},
                    hint="the constructor's beta must reach forward: keep it as self.beta."),
               Case("backward against finite differences, beta = 1", (_Z, _DH),
                    hint="backward returns dh times the local slope f′(z), elementwise: "
                         "the incoming gradient must be in it."),
               Case("backward, beta = 2", (_Z, _DH), {"beta": 2.0},
                    hint="d σ(βz)/dz = β · σ′(βz): a backward right at β = 1 and wrong here has "
                         "lost that factor β."),
               Case("backward, beta = 0.5, a 2-D batch", (_Z2, _DH2), {"beta": 0.5})),
        atol=1e-6,
        forbid=("actlib.swish",) + _ACTLIB_LAYER,
        rule="write forward and backward yourself (your swish of Exercise 1, special.expit or "
             "np.exp are fine); actlib's swish, its derivative and nn.ActivationLayer are what "
             "the layer replaces",
        answer="layer",
        fallback=SwishLayer,
    ),
    Exercise(
        id="gelu",
        title="GELU, exact",
        signature="gelu(x)",
        hints=("GELU gates x with the probability that a standard normal Z is below x: which "
               "function gives that probability, and where does SciPy keep it?",
               "GELU(x) = x · Φ(x), with Φ(x) = ½ (1 + erf(x / √2)) the standard normal CDF.",
               "scipy.special.ndtr(t) is Φ(t) itself (more accurate for negative t than the erf "
               "form), scipy.special.erf(t) is erf; return x * ..."),
        reference=get("gelu"),
        cases=_smooth("gelu(0) = 0 exactly", [0.0]),
        forbid=_ACTLIB_LAYER,
        rule="Φ is a building block (scipy.special.ndtr or scipy.special.erf); GELU itself is "
             "yours, not actlib.gelu",
    ),
    Exercise(
        id="gelu_tanh",
        title="GELU, tanh approximation",
        signature="gelu_tanh(x)",
        hints=("The tanh form replaces Φ(x) by ½ (1 + tanh(...)) of a cubic polynomial of x: find "
               "the formula in section 5 and read off its two constants.",
               "GELU(x) ≈ ½ · x · (1 + tanh(√(2/π) · (x + 0.044715 · x³))).",
               "np.sqrt(2 / np.pi) is √(2/π) and x**3 the cube, and np.tanh never overflows. Build "
               "the argument first, u = ..., then return 0.5 * x * (1 + ...)."),
        reference=partial(get("gelu"), approximate="tanh"),
        cases=_smooth("gelu_tanh(0) = 0 exactly", [0.0]),
        forbid=_ACTLIB_LAYER,
        rule="np.tanh is a building block; the approximation is yours, not "
             "actlib.gelu(x, approximate=\"tanh\")",
    ),
]
