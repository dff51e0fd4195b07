"""The exercises of notebook 03."""

import numpy as np

from ...activations import get
from ..exercise import Case, Exercise
from .inputs import _X, _X2, _a

NOTEBOOK = "03"

# Units are columns: 0 and 1 are dead (1 is exactly 0 throughout), 2 and 4 fire once.
_PRE = np.array([[-1.0, 0.0, -2.0, 0.5, -0.3],
                 [-0.5, 0.0, 1.0, 1.5, -0.1],
                 [-2.0, 0.0, -0.5, 0.1, 0.2],
                 [-0.1, 0.0, -1.0, 2.0, -0.4]])


def _dead_fraction(pre):
    # A unit is dead when ReLU passes no gradient for any sample.
    return np.mean(np.all(get("relu").derivative(pre) == 0, axis=0))



EXERCISES = [
    Exercise(
        id="relu",
        title="ReLU",
        signature="relu(x)",
        hints=("max(0, x) for each element: np.maximum(x, 0.0) (Python's max does not work on "
               "arrays). Return a new array; do not change x.",),
        reference=get("relu"),
        cases=(Case("relu(x) around 0", (_X,), exact=True),
               Case("2-D input, same shape out", (_X2,), exact=True)),
    ),
    Exercise(
        id="relu_derivative",
        title="Derivative of ReLU",
        signature="relu_derivative(x)",
        hints=("1.0 where x > 0 and 0.0 where x <= 0 (the convention at x = 0 is 0).",),
        reference=get("relu").derivative,
        cases=(Case("0 at x = 0, 1 above", (_X,), exact=True),
               Case("2-D input, same shape out", (_X2,), exact=True)),
    ),
    Exercise(
        id="dead_fraction",
        title="Fraction of dead ReLU units",
        signature="dead_fraction(pre)",
        hints=("pre has one row per sample and one column per unit. A unit is dead when its column "
               "is <= 0 in every row: np.all(pre <= 0, axis=0); return the fraction of such units "
               "as a float.",),
        reference=_dead_fraction,
        cases=(Case("2 of 5 units dead (one is exactly 0 throughout): 0.4", (_PRE,), exact=True),
               Case("no dead unit: 0.0", (np.abs(_PRE) + 0.1,), exact=True),
               Case("every unit dead: 1.0", (0.0 - np.abs(_PRE),), exact=True),
               Case("a single sample: 2 of 3", (np.array([[-1.0, 0.0, 2.0]]),))),
        elementwise=False,
        returns="number",
    ),
    Exercise(
        id="leaky_relu",
        title="Leaky ReLU",
        signature="leaky_relu(x, negative_slope=0.01)",
        hints=("x where x > 0 and negative_slope * x where x <= 0: use the parameter, not 0.01.",),
        reference=get("leaky_relu"),
        cases=(Case("default negative_slope", (_X,)),
               Case("negative_slope = 0.5: leaky_relu(-2) = -1 exactly", (_a(-2.0, 0.0, 3.0),),
                    {"negative_slope": 0.5}, exact=True),
               Case("negative_slope = 0.2", (_X,), {"negative_slope": 0.2}),
               Case("2-D input, same shape out", (_X2,), {"negative_slope": 0.1})),
    ),
    Exercise(
        id="prelu_grad_a",
        title="PReLU: gradient with respect to a",
        signature="prelu_grad_a(x, a)",
        hints=("prelu(x) = x for x > 0 and a * x for x <= 0, so d prelu / d a is x where x <= 0 "
               "and 0 where x > 0; it does not depend on a.",),
        reference=lambda x, a: get("prelu").derivative_a(x, a=a),
        cases=(Case("a = 0.25", (_X, 0.25), exact=True),
               Case("a = 0.1, 2-D input", (_X2, 0.1), exact=True)),
    ),
]
