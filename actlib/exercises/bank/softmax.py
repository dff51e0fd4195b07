"""The exercises of notebook 05."""

import numpy as np

from ...activations import get
from ..exercise import Case, Exercise
from .inputs import _a

NOTEBOOK = "05"

_Z = _a(1.0, 2.0, 3.0, -1.5)
_Z2 = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 0.5]])

def _cross_entropy_grad(logits, target):
    return get("softmax")(logits) - np.eye(len(logits))[target]



EXERCISES = [
    Exercise(
        id="softmax",
        title="Stable softmax",
        signature="softmax(z, axis=-1)",
        hints=("Subtract the maximum along the axis (keepdims=True) before np.exp, then divide by "
               "the sum along the same axis (keepdims=True).",),
        reference=get("softmax"),
        cases=(Case("equal scores give 1/K exactly", (_a(0.0, 0.0, 0.0, 0.0),), exact=True),
               Case("1-D scores", (_Z,)),
               Case("large scores [1000, 1001, 1002], without overflow", (_a(1000.0, 1001.0, 1002.0),),
                    hint="softmax(z) = softmax(z - max(z)), and exp(z - max(z)) cannot overflow."),
               Case("2-D, one example per row (axis=-1)", (_Z2,)),
               Case("2-D, axis=0", (_Z2,), {"axis": 0}),
               Case("2-D, rows on very different scales", (np.array([[1000.0, 1001.0, 1002.0],
                                                                     [-1.0, 0.0, 1.0]]),),
                    hint="subtract the maximum of each row (axis, keepdims=True), "
                         "not the maximum of the whole array."),
               Case("-inf masks a class: probability 0", (np.array([[0.0, -np.inf, 1.0],
                                                                    [2.0, 2.0, -np.inf]]),))),
        elementwise=False,
    ),
    Exercise(
        id="log_softmax",
        title="Stable log-softmax",
        signature="log_softmax(z, axis=-1)",
        hints=("log(softmax(z)) is -inf where softmax underflows to 0. Compute "
               "z - m - log(sum(exp(z - m))) with m the maximum along the axis (keepdims=True).",),
        reference=get("log_softmax"),
        cases=(Case("1-D scores", (_Z,)),
               Case("z = [0, -1000] gives [0, -1000]: finite where softmax underflows",
                    (_a(0.0, -1000.0),)),
               Case("large scores [1000, 1001, 1002], without overflow",
                    (_a(1000.0, 1001.0, 1002.0),)),
               Case("2-D, one example per row (axis=-1)", (_Z2,)),
               Case("2-D, axis=0", (_Z2,), {"axis": 0}),
               Case("-inf masks a class: log-probability -inf", (np.array([[0.0, -np.inf, 1.0]]),))),
        elementwise=False,
    ),
    Exercise(
        id="softmax_jacobian",
        title="Softmax Jacobian",
        signature="softmax_jacobian(z)",
        hints=("J[i, j] = s[i] * (delta_ij - s[j]) with s = softmax(z): np.diag(s) - np.outer(s, s).",),
        reference=get("softmax").jacobian,
        cases=(Case("equal scores, K = 4", (_a(0.0, 0.0, 0.0, 0.0),)),
               Case("z = [1, 2, 3]", (_a(1.0, 2.0, 3.0),)),
               Case("K = 5", (_a(2.0, -1.0, 0.5, 0.0, 1.0),))),
        elementwise=False,
    ),
    Exercise(
        id="cross_entropy_grad",
        title="Gradient of the cross-entropy",
        signature="cross_entropy_grad(logits, target)",
        hints=("The gradient of -log softmax(logits)[target] is softmax(logits) minus the one-hot "
               "vector of target: subtract 1 at index target only.",),
        reference=_cross_entropy_grad,
        cases=(Case("equal logits, target 1", (_a(0.0, 0.0, 0.0, 0.0), 1)),
               Case("logits [1, 2, 3], target 0", (_a(1.0, 2.0, 3.0), 0)),
               Case("logits [1, 2, 3], target 2", (_a(1.0, 2.0, 3.0), 2)),
               Case("5 classes, target 3", (_a(2.0, -1.0, 0.5, 0.0, 1.0), 3))),
        elementwise=False,
    ),
]
