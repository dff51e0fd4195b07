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
        hints=("Follow one example through the neuron: weight each input, add the products up, "
               "shift the sum by the bias, and only then apply the activation f. x holds one "
               "example per row, so do this for every row at once and return one output per row.",
               "For the example in row i: z_i = x_i1 w_1 + x_i2 w_2 + ... + x_id w_d + b, the dot "
               "product of row i with w plus b, and the neuron's output is a_i = f(z_i). The "
               "activation is applied to the whole sum, bias included.",
               "`x @ w` computes the dot product of every row of x with w at once (shape (n,)); a "
               "number added to an array is added to each entry; f is a function that takes the "
               "whole array: `f(some_array)`. Put the three together in the order of the formula."),
        reference=_neuron,
        cases=(Case("relu, 5 examples with 2 inputs", (_XN, _a(0.5, -1.0), 0.25, get("relu")),
                    exact=True, hint="the third example is all zeros, so its output is f of the "
                    "bias alone: the bias belongs inside the activation"),
               Case("step: 1 where the weighted sum plus bias is above 0",
                    (_XN, _a(1.0, 1.0), -0.5, get("step")), exact=True,
                    hint="a step output is 0 or 1: a value outside those means f was not applied "
                    "last, or was applied before the bias was added"),
               Case("tanh, negative bias", (_XN, _a(-0.3, 0.8), -1.0, get("tanh")),
                    hint="use the function f you are given, not one of your choice"),
               Case("sigmoid, 4 examples with 3 inputs", (_XN3, _a(1.0, -2.0, 0.5), 0.1,
                                                          get("sigmoid")),
                    hint="three inputs per example: the weighted sum runs over every input, "
                    "whatever their number")),
        elementwise=False,
    ),
    Exercise(
        id="collapse_weights",
        title="Two linear layers: the weight matrix",
        signature="collapse_weights(W1, W2)",
        hints=("Multiply out (x W1 + b1) W2 + b2 and look for the part that multiplies x. Which "
               "of the two matrices does an example x meet first?",
               "The matrix product is associative: (x W1) W2 = x (W1 W2), so two matrices applied "
               "one after the other act like one matrix. With one example per row, as in NumPy, "
               "x stands on the left and meets the first layer's matrix first. (Textbooks that "
               "write W x for a column vector x write the same map with the second layer's matrix "
               "on the left.)",
               "In NumPy `A @ B` is the matrix product, while `A * B` multiplies entry by entry, "
               "which is something else. Shapes tell you the order: (d, m) @ (m, k) gives (d, k), "
               "and W must take d inputs to k outputs."),
        reference=_collapse_weights,
        cases=(Case("2 inputs -> 3 hidden -> 2 outputs: shape (2, 2)", (_W1, _W2),
                    hint="W takes the network's inputs to its outputs, so its shape is (number "
                    "of inputs, number of outputs)"),
               Case("square matrices, where the order changes the values", (_SQ, _SQ2),
                    hint="both orders of the product have the right shape here, so only the "
                    "values tell them apart: which matrix does x meet first?"),
               Case("3 inputs -> 4 hidden -> 1 output: shape (3, 1)", (_W34, _W41))),
        elementwise=False,
    ),
    Exercise(
        id="collapse_bias",
        title="Two linear layers: the bias",
        signature="collapse_bias(b1, W2, b2)",
        hints=("Every term of the multiplied-out formula that does not contain x belongs to the "
               "bias. The first layer's bias does not skip the second layer: it goes through it "
               "like everything else the first layer outputs.",
               "Multiply out (x W1 + b1) W2 + b2 term by term, as with numbers: (p + q) r = "
               "p r + q r. The terms without x add up to b, a vector with one entry per output "
               "(k of them, like b2).",
               "A vector of shape (m,) times a matrix of shape (m, k) is written `v @ M` and has "
               "shape (k,); `M @ v` fails unless M is square, and then gives other values. Add "
               "the remaining term with +."),
        reference=_collapse_bias,
        cases=(Case("3 hidden units, 2 outputs", (_a(0.5, -1.0, 2.0), _W2, _a(0.25, -0.5))),
               Case("b1 = 0: only b2 is left", (np.zeros(3), _W2, _a(0.25, -0.5)), exact=True,
                    hint="with b1 = 0 nothing comes through the first layer's bias, so the answer "
                    "is the second layer's bias alone: is b2 part of your result?"),
               Case("b2 = 0: b1 carried through W2", (_a(0.5, -1.0, 2.0), _W2, np.zeros(2)),
                    hint="with b2 = 0 all that is left is the first bias after it went through the "
                    "second layer's weights"),
               Case("square W2, where the order of the product matters",
                    (_a(1.0, -2.0), _SQ, _a(0.5, 0.5)),
                    hint="b1 is a row like x: it multiplies W2 from the left"),
               Case("4 hidden units, 1 output", (_a(1.0, 0.5, -1.0, 2.0), _W41, _a(-0.75)))),
        elementwise=False,
    ),
]
