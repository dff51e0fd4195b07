"""The exercises of notebook 00."""

import numpy as np

from ...activations import get
from ..exercise import Case, Exercise
from .inputs import _a

NOTEBOOK = "00"

# Notebook 00: five examples with two inputs each, with weights and biases made
# of halves so that every weighted sum is exact; W2 @ W1 fails for each pair.
_XN = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0], [2.0, -1.0], [-0.5, -3.0]])
_XN3 = np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.5], [-2.0, -0.5, 0.0], [3.0, 1.0, -1.0]])
_W1 = np.array([[1.0, -2.0, 0.5], [0.0, 1.0, 3.0]])  # 2 inputs -> 3 hidden units
_W2 = np.array([[2.0, 0.0], [1.0, -1.0], [-1.0, 0.5]])  # 3 hidden units -> 2 outputs
_SQ = np.array([[1.0, 2.0], [0.0, 1.0]])  # not symmetric: A @ B and B @ A differ
_SQ2 = np.array([[0.0, 1.0], [1.0, 1.0]])
_W34 = np.array([[1.0, 0.0, -1.0, 2.0], [0.5, 1.0, 0.0, -1.0], [0.0, -2.0, 1.0, 1.0]])
_W41 = np.array([[1.0], [-0.5], [2.0], [0.0]])

_ROW_ORDER = ("x @ W1 @ W2 multiplies by W1 first, so W = W1 @ W2: with one example per row, "
              "as in NumPy, the first layer's matrix stands on the left (textbooks that write "
              "W x for a column vector x write the same map as W2 W1).")


def _neuron(x, w, b, f):
    return f(x @ w + b)


def _collapse_weights(W1, W2):
    return W1 @ W2


def _collapse_bias(b1, W2, b2):
    # (x @ W1 + b1) @ W2 + b2 = x @ (W1 @ W2) + (b1 @ W2 + b2)
    return b1 @ W2 + b2



EXERCISES = [
    Exercise(
        id="neuron",
        title="One neuron",
        signature="neuron(x, w, b, f)",
        hints=("x has one example per row, so x @ w is the weighted sum of every example at once; "
               "add the bias b to it, and only then apply f, the activation function you are "
               "given: f(z).",),
        reference=_neuron,
        cases=(Case("relu, 5 examples with 2 inputs: relu(x @ w + b)",
                    (_XN, _a(0.5, -1.0), 0.25, get("relu")), exact=True),
               Case("step: 1 where x @ w + b > 0", (_XN, _a(1.0, 1.0), -0.5, get("step")), exact=True),
               Case("tanh, negative bias", (_XN, _a(-0.3, 0.8), -1.0, get("tanh"))),
               Case("sigmoid, 4 examples with 3 inputs", (_XN3, _a(1.0, -2.0, 0.5), 0.1,
                                                          get("sigmoid")))),
        elementwise=False,
    ),
    Exercise(
        id="collapse_weights",
        title="Two linear layers: the weight matrix",
        signature="collapse_weights(W1, W2)",
        hints=(_ROW_ORDER + " Use @ (the matrix product), not * (elementwise).",),
        reference=_collapse_weights,
        cases=(Case("2 inputs -> 3 hidden -> 2 outputs: shape (2, 2)", (_W1, _W2)),
               Case("square matrices, where the order changes the values", (_SQ, _SQ2)),
               Case("3 inputs -> 4 hidden -> 1 output: shape (3, 1)", (_W34, _W41))),
        elementwise=False,
    ),
    Exercise(
        id="collapse_bias",
        title="Two linear layers: the bias",
        signature="collapse_bias(b1, W2, b2)",
        hints=("Expand (x @ W1 + b1) @ W2 + b2: the first bias passes through the second layer's "
               "matrix too, so b = b1 @ W2 + b2, a vector with one entry per output.",),
        reference=_collapse_bias,
        cases=(Case("3 hidden units, 2 outputs", (_a(0.5, -1.0, 2.0), _W2, _a(0.25, -0.5))),
               Case("b1 = 0: only b2 is left", (np.zeros(3), _W2, _a(0.25, -0.5)), exact=True),
               Case("b2 = 0: b1 carried through W2", (_a(0.5, -1.0, 2.0), _W2, np.zeros(2))),
               Case("square W2, where b1 @ W2 and W2 @ b1 differ", (_a(1.0, -2.0), _SQ, _a(0.5, 0.5))),
               Case("4 hidden units, 1 output", (_a(1.0, 0.5, -1.0, 2.0), _W41, _a(-0.75)))),
        elementwise=False,
    ),
]
