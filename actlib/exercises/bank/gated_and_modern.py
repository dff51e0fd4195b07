"""The exercises and predictions of notebook 08: softplus, Mish, the gated units."""

import numpy as np

from ...activations import get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _TAILS, _X, _X2, _a

NOTEBOOK = "08"

# The gated units of the registry: any of them can be bent into SwiGLU (GLU of [a * b, b],
# GEGLU's sigmoid form with b rescaled by 1.702), so none is a building block here.
_GATED = ("actlib.glu", "actlib.reglu", "actlib.geglu", "actlib.swiglu")
_LAYER = ("actlib.nn.ActivationLayer",)

# Softplus: the tails where the textbook formula fails (overflow at 1000, log(1 + tiny) at -40).
_SOFTPLUS_TAILS = _a(-700.0, -40.0, -20.0, 20.0, 40.0, 1000.0)

# Gated inputs: the last axis holds the halves [a, b].
_G1 = _a(1.5, -2.0, 0.5, 3.0, -1.0, 0.0, 2.0, -4.0)  # a = (1.5, -2, 0.5, 3), b = (-1, 0, 2, -4)
_G2 = np.array([[0.5, -1.0, 2.0, -3.0, 0.25, 1.5],
                [-2.0, 0.0, 1.0, 4.0, -0.5, 6.0]])
_G_TAILS = np.concatenate([np.ones(6), _TAILS])  # a = 1: the gate alone, far out
_DH1 = _a(1.0, -0.5, 2.0, 0.25)
_DH2 = np.array([[1.0, -2.0, 0.5], [0.25, 3.0, -1.0]])
_EPS = 1e-6  # central differences: truncation about 1e-13, rounding about 1e-10


def _swiglu_layer(z, dh=None):
    """Forward: swiglu(z). Backward: dL/dz by central differences on each half in turn."""
    f = get("swiglu")
    if dh is None:
        return f(z)
    half = z.shape[-1] // 2

    def nudged(part, eps):
        moved = np.array(z, dtype=float)
        moved[..., part] += eps
        return f(moved)

    parts = (slice(None, half), slice(half, None))
    # Output i depends on a_i and b_i only, so moving a whole half at once moves each output
    # by its own partial: dh * that difference quotient is dL/da (then dL/db).
    return np.concatenate([dh * (nudged(p, _EPS) - nudged(p, -_EPS)) / (2 * _EPS) for p in parts],
                          axis=-1)


class SwiGLULayer:
    """actlib's SwiGLU as a layer (``swiglu`` and its two partials): the fallback of ``swiglu_layer``.

    ``forward(z)`` halves the last axis, ``z = [a, b]``, and returns ``a * swish(b)``;
    ``backward(dh)`` returns ``[dh * df/da, dh * df/db]``, as long as ``z``.
    """

    def __init__(self):
        self.z = None

    def forward(self, z):
        self.z = z
        return get("swiglu")(z)

    def backward(self, dh):
        df_da, df_db = get("swiglu").derivative(self.z)
        return np.concatenate([dh * df_da, dh * df_db], axis=-1)


def _equal_width():
    # 2 d h = 3 d h'  =>  h' = 2 h / 3, for Vaswani et al.'s d_model = 512, d_ff = 2048.
    return (2 * 2048 / 3, 2 / 3)


PREDICTIONS = [
    Prediction(
        id="08-naive-softplus",
        question="The textbook softplus is np.log(1 + np.exp(x)). What does NumPy return for "
                 "x = 1000, where the exact value is 1000 + log(1 + e^-1000)?",
        options={
            "1000": ("1000.0, the right answer",
                     "That would need e^1000 as an intermediate value, and float64 stops near "
                     "1.8e308 ≈ e^709.8."),
            "inf": ("inf",
                    "np.exp(1000) overflows to inf (with a RuntimeWarning), 1 + inf is inf and "
                    "log(inf) is inf: one overflow in the middle spoils a result that is an "
                    "ordinary number."),
            "nan": ("nan",
                    "nan comes from inf − inf or 0 · inf; this formula only adds 1 and takes a "
                    "log, so an overflow stays an inf."),
            "error": ("an exception (OverflowError)",
                      "NumPy's array functions do not raise on overflow by default: they warn "
                      "and return inf. Python's math.exp(1000) would raise."),
        },
        explanation="softplus(x) ≈ x for large x, but the formula computes e^x first. The "
                    "stable form max(x, 0) + log1p(e^(−|x|)) never exponentiates a positive "
                    "number, so it cannot overflow.",
    ),
    Prediction(
        id="08-gating-verdict",
        question="A one-block classifier of the 8×8 digits, plain Swish block against SwiGLU "
                 "block with the same number of parameters, each with the learning rate its "
                 "validation loss prefers, three seeds. Which reaches the lower mean validation "
                 "loss?",
        options={
            "gated": ("SwiGLU, the gated block",
                      "Shazeer (2020) found the gated blocks better in transformers trained on "
                      "billions of tokens; one small block on 1078 images is a different test."),
            "plain": ("the plain Swish block",
                      "Here the plain block, with its wider hidden layer, fits the digits "
                      "better: at equal parameters the gate costs a third of the width."),
            "equal": ("the same (means within 0.01)",
                      "The seeds of one block do differ by a few hundredths, but the means of "
                      "the two blocks differ by more."),
        },
        explanation="What a comparison shows depends on its conditions: at this size, with "
                    "Adam and He's initialisation, the plain block is ahead. It says nothing "
                    "about language models, where the gated blocks were measured.",
    ),
]

EXERCISES = [
    Exercise(
        id="softplus",
        title="Softplus, stable in both tails",
        signature="softplus(x, beta=1.0)",
        hints=("log(1 + e^x) breaks in two places: e^x overflows for large x, and 1 + e^x "
               "rounds to 1 for very negative x. Can you take the large part out of the "
               "logarithm before you compute it?",
               "log(1 + e^t) = max(t, 0) + log(1 + e^(−|t|)) for every t, and log1p(u) = "
               "log(1 + u) stays accurate for tiny u. With β: softplus(x) = log(1 + e^(βx)) / β.",
               "np.maximum(t, 0) and np.abs(t) work elementwise, np.exp of a number <= 0 "
               "cannot overflow, and np.log1p(u) keeps the digits of a tiny u. Compute "
               "t = beta * x, then build the sum and divide by beta."),
        reference=get("softplus"),
        cases=(Case("softplus(0) = log 2, and small |x|", (_X,)),
               Case("beta = 2", (_X,), {"beta": 2.0},
                    hint="β multiplies x inside the exponential and divides the logarithm: "
                         "softplus(x, β) = softplus(βx) / β."),
               Case("large x: 1000 gives 1000 exactly, no overflow", (_a(20.0, 40.0, 1000.0),),
                    hint="e^1000 is inf in float64: take x out of the logarithm before "
                         "exponentiating anything positive."),
               Case("very negative x: to full relative accuracy", (_SOFTPLUS_TAILS,),
                    hint="softplus(−40) ≈ e^−40 ≈ 4.2e-18, not 0: 1 + e^−40 rounds to 1, so "
                         "log(1 + ...) loses it; a log that takes the small number itself "
                         "does not."),
               Case("2-D input, same shape out", (_X2,), {"beta": 0.5})),
        atol=0.0,
        rtol=1e-9,
        forbid=("numpy.logaddexp", "numpy.logaddexp2", "scipy.special.softplus",
                "scipy.special.logsumexp", "scipy.special.log_expit", "actlib.log_softmax") + _LAYER,
        rule="np.logaddexp(0, x), scipy.special.softplus, logsumexp and log_expit are softplus "
             "itself; build it from np.exp, np.log1p, np.maximum and np.abs",
    ),
    Exercise(
        id="mish",
        title="Mish",
        signature="mish(x)",
        hints=("Mish gates x like Swish does, but its gate is a tanh of another activation of "
               "this notebook.",
               "mish(x) = x · tanh(softplus(x)), softplus(x) = log(1 + e^x). The gate "
               "tanh(softplus(x)) runs from 0 (x → −∞) to 1 (x → +∞).",
               "Your softplus of Exercise 1 (or np.logaddexp(0, x), allowed here) gives the "
               "inner function; np.tanh never overflows. return x * ..."),
        reference=get("mish"),
        cases=(Case("mish(0) = 0 exactly", (_a(0.0),), exact=True),
               Case("values between -3 and 3", (_X,),
                    hint="the gate is tanh of softplus, not of x, and not the sigmoid."),
               Case("tails, |x| up to 20", (_TAILS,)),
               Case("2-D input, same shape out", (_X2,))),
        forbid=_LAYER,
        rule="softplus and np.tanh are building blocks; Mish itself is yours, not actlib.mish",
    ),
    Exercise(
        id="equal_width",
        title="The hidden width that keeps the parameters equal",
        signature="(gated hidden width h', ratio h' / d_ff)",
        hints=("Count the weight matrices of each block and their shapes; leave out biases. "
               "Then ask which width makes the two counts equal.",
               "Plain block: W1 is d_model × d_ff and W2 is d_ff × d_model, 2·d_model·d_ff "
               "weights. Gated block with hidden width h': W, V (d_model × h') and W2 "
               "(h' × d_model), 3·d_model·h' weights. Set them equal and solve for h'.",
               "Return a pair of plain numbers, return (h, r): the width for d_model = 512, "
               "d_ff = 2048, unrounded (a fraction such as 7 / 3 is fine), and h / 2048."),
        reference=_equal_width,
        cases=(Case("the width for d_model = 512, d_ff = 2048, and its ratio to d_ff", (),
                    hint="keep the exact fraction: the equal width is not a whole number here, "
                         "and rounding is a later, separate choice; d_model cancels."),),
        elementwise=False,
        returns="numbers",
        answer="value",
    ),
    Exercise(
        id="swiglu",
        title="SwiGLU, forward",
        signature="swiglu(x)",
        hints=("The last axis of x holds two halves side by side: the first passes through, "
               "the second goes through Swish and becomes the gate. The output is half as long.",
               "x = [a, b] along the last axis, a and b of length K / 2. swiglu(x) = a · Swish(b) "
               "= a · b · σ(b), elementwise.",
               "np.split(x, 2, axis=-1) returns the two halves (so does slicing with "
               "x[..., :k] and x[..., k:]); special.expit(t) is σ(t). Multiply the first half "
               "by Swish of the second."),
        reference=get("swiglu"),
        cases=(Case("a vector of 8: halves of 4", (_G1,),
                    hint="a is the first half and passes through; the gate acts on the "
                         "second half. Swapping them gives b · Swish(a), another function."),
               Case("a batch: each row split on its own", (_G2,),
                    hint="split the last axis (the features), not the first (the examples)."),
               Case("a = 1: the gate alone, |b| up to 20", (_G_TAILS,),
                    hint="with a = 1 the output is Swish(b) itself: b · σ(b), not σ(b).")),
        elementwise=False,
        forbid=_GATED,
        rule="split the halves and gate them yourself (special.expit, np.exp or a swish of your "
             "own); actlib's swiglu and its other gated units are what this exercise builds",
    ),
    Exercise(
        id="swiglu_layer",
        title="Your own SwiGLU layer",
        signature="SwiGLULayer()",
        hints=("forward(z) splits z into [a, b] and keeps what backward needs; backward(dh) gets "
               "dh for the half-length output and must return dL/dz, as long as z: one part "
               "for a and one for b, side by side.",
               "f = a · s(b) with s(b) = b·σ(b). ∂f/∂a = s(b) and ∂f/∂b = a · s′(b), where "
               "s′(b) = σ(b) + b·σ(b)(1 − σ(b)). So dL/da = dh · s(b) and dL/db = dh · a · s′(b).",
               "In forward keep self.a, self.b (np.split(z, 2, axis=-1)) and the gate σ(b); in "
               "backward build the two parts and join them with np.concatenate([..., ...], "
               "axis=-1)."),
        reference=_swiglu_layer,
        cases=(Case("forward, a vector of 8", (_G1,)),
               Case("forward, a batch of 2", (_G2,)),
               Case("backward against finite differences, a vector", (_G1, _DH1),
                    hint="backward returns a gradient as long as z: the part for a, then the "
                         "part for b, each multiplied by dh."),
               Case("backward, a batch of 2", (_G2, _DH2),
                    hint="∂f/∂b = a · s′(b) with s′ Swish's derivative: a backward right for a and "
                         "wrong for b has usually used σ′(b) or forgotten the factor a.")),
        atol=1e-6,
        elementwise=False,
        forbid=("actlib.swiglu.derivative", "actlib.swiglu.jacobian",
                "actlib.exercises.bank.gated_and_modern.SwiGLULayer") + _GATED + _LAYER,
        rule="write forward and backward yourself (special.expit, np.exp, actlib's swish or your "
             "swiglu of Exercise 4 are fine); actlib's gated units and their partials are what "
             "the layer replaces",
        answer="layer",
        fallback=SwiGLULayer,
    ),
]
