"""The exercises of notebook 02."""


from ...activations import get
from ..exercise import Exercise
from .inputs import _smooth

NOTEBOOK = "02"


EXERCISES = [
    Exercise(
        id="tanh_from_sigmoid",
        title="tanh from the sigmoid",
        signature="tanh_from_sigmoid(x)",
        hints=("tanh(x) = 2 * sigmoid(2 * x) - 1: the argument is doubled too.",),
        reference=get("tanh"),
        cases=_smooth("tanh(0) = 0 exactly", [0.0]),
    ),
    Exercise(
        id="tanh_derivative",
        title="Derivative of tanh",
        signature="tanh_derivative(x)",
        hints=("tanh'(x) = 1 - tanh(x)**2.",),
        reference=get("tanh").derivative,
        cases=_smooth("tanh'(0) = 1 exactly", [0.0]),
    ),
    Exercise(
        id="sigmoid_from_tanh",
        title="The sigmoid from tanh",
        signature="sigmoid_from_tanh(x)",
        hints=("sigmoid(x) = 0.5 * (1 + tanh(x / 2)): the argument is halved.",),
        reference=get("sigmoid"),
        cases=_smooth("sigmoid(0) = 0.5 exactly", [0.0]),
    ),
]
