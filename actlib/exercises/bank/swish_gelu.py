"""The exercises of notebook 06."""

from functools import partial

from ...activations import get
from ..exercise import Case, Exercise
from .inputs import _TAILS, _X, _X2, _smooth

NOTEBOOK = "06"


EXERCISES = [
    Exercise(
        id="swish",
        title="Swish",
        signature="swish(x, beta=1.0)",
        hints=("swish(x) = x * sigmoid(beta * x): use the parameter beta, not 1.",),
        reference=get("swish"),
        cases=(Case("beta = 0 gives x / 2 exactly", (_X,), {"beta": 0.0}, exact=True),
               Case("default beta", (_X,)),
               Case("beta = 2.0", (_X,), {"beta": 2.0}),
               Case("beta = 0.5, tails", (_TAILS,), {"beta": 0.5}),
               Case("2-D input, same shape out", (_X2,), {"beta": 1.5})),
    ),
    Exercise(
        id="gelu",
        title="GELU, exact",
        signature="gelu(x)",
        hints=("gelu(x) = x * Phi(x), with Phi the standard normal CDF: "
               "0.5 * (1 + scipy.special.erf(x / np.sqrt(2))), or scipy.special.ndtr(x).",),
        reference=get("gelu"),
        cases=_smooth("gelu(0) = 0 exactly", [0.0]),
    ),
    Exercise(
        id="gelu_tanh",
        title="GELU, tanh approximation",
        signature="gelu_tanh(x)",
        hints=("0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x**3))), with np.sqrt(2 / np.pi).",),
        reference=partial(get("gelu"), approximate="tanh"),
        cases=_smooth("gelu_tanh(0) = 0 exactly", [0.0]),
    ),
]
