"""The exercises of notebook 01."""


from ...activations import get
from ..exercise import Case, Exercise
from .inputs import _X, _X2, _a, _smooth

NOTEBOOK = "01"

_STABLE_EXP = ("exp of a large positive number overflows (exp(710) = inf), and np.where "
               "evaluates both branches, so the branch it discards must not overflow either. "
               "Clipping x is not enough: in float64, sigmoid(-1000) is exactly 0.0.")



EXERCISES = [
    Exercise(
        id="step",
        title="Step function",
        signature="step(x, threshold=0.0)",
        hints=("1.0 where x > threshold and 0.0 where x <= threshold (also at x == threshold), "
               "for the whole array at once, e.g. with np.where; use the parameter, not the number 0.",),
        reference=get("step"),
        cases=(Case("0 at x = 0, 1 above (step(0) = 0)", (_X,), exact=True),
               Case("threshold = 0.5 (0 at x = 0.5)", (_X,), {"threshold": 0.5}, exact=True),
               Case("threshold = -1.0", (_X,), {"threshold": -1.0}, exact=True),
               Case("2-D input, same shape out", (_X2,), exact=True)),
    ),
    Exercise(
        id="sigmoid",
        title="Stable sigmoid",
        signature="sigmoid(x)",
        hints=("sigmoid(x) = 1 / (1 + exp(-x)), written so that exp never sees a large positive "
               "number: e.g. with e = np.exp(-np.abs(x)), or as 0.5 * (1 + np.tanh(x / 2)).",),
        reference=get("sigmoid"),
        cases=(*_smooth("sigmoid(0) = 0.5 exactly", [0.0]),
               Case("x = -1000 and 1000: exactly 0 and 1, without overflow", (_a(-1000.0, 1000.0),),
                    exact=True, hint=_STABLE_EXP)),
    ),
    Exercise(
        id="sigmoid_derivative",
        title="Derivative of the sigmoid",
        signature="sigmoid_derivative(x)",
        hints=("sigmoid'(x) = sigmoid(x) * (1 - sigmoid(x)): reuse your sigmoid.",),
        reference=get("sigmoid").derivative,
        cases=_smooth("sigmoid'(0) = 0.25 exactly", [0.0]),
    ),
    Exercise(
        id="bipolar_sigmoid",
        title="Bipolar sigmoid",
        signature="bipolar_sigmoid(x)",
        hints=("bipolar_sigmoid(x) = 2 * sigmoid(x) - 1: it runs from -1 to 1 and is 0 at x = 0.",),
        reference=get("bipolar_sigmoid"),
        cases=_smooth("bipolar_sigmoid(0) = 0 exactly", [0.0]),
    ),
]
