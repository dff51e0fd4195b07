"""The exercises and predictions of notebook 05."""

import numpy as np

from ...activations import get
from ..exercise import Case, Exercise
from ..predictions import Prediction
from .inputs import _a

NOTEBOOK = "05"

_Z = _a(1.0, 2.0, 3.0, -1.5)
_Z2 = np.array([[1.0, 2.0, 3.0], [-1.0, 0.0, 0.5]])
_S3 = _a(0.7, 0.2, 0.1)
_S4 = get("softmax")(_a(2.5, -1.0, 0.0, 0.7))

# A softmax or log-softmax from a library is what exercises 1 and 2 replace.
_LIBRARY_SOFTMAX = ("scipy.special.softmax", "scipy.special.log_softmax", "sklearn.utils.extmath.softmax")


def _cross_entropy_grad(logits, target):
    return get("softmax")(logits) - np.eye(len(logits))[target]


def _jacobian_entry(s, i, j):
    return s[i] * (float(i == j) - s[j])


PREDICTIONS = [
    Prediction(
        id="05-shift",
        question="softmax([1, 2]) gives the score 2 a probability of 0.731. In softmax([1000, 1001]), "
                 "what probability does the score 1001 get?",
        options={
            "half": ("about 0.5: 1000 and 1001 differ by only 0.1%",
                     "Softmax never compares the ratio 1001 / 1000 of two scores. It exponentiates them, "
                     "and e^1001 / e^1000 = e^(1001 - 1000): only the difference counts."),
            "same": ("0.731, the same as for [1, 2]",
                     "Adding 999 to both scores multiplies every e^z by e^999, and that factor cancels "
                     "between the numerator and the sum: the difference of the scores is 1, as before."),
            "all": ("almost 1: e^1001 dwarfs everything else",
                    "Both exponentials are astronomically large, but e^1001 is only e ≈ 2.7 times "
                    "e^1000, and the probability depends on that ratio alone."),
            "nan": ("none: e^1000 overflows, and the result is NaN",
                    "The formula typed as written would overflow (section 4 shows it); mathematically "
                    "the answer is an ordinary probability, and a stable softmax computes it."),
        },
        explanation="Softmax is shift-invariant: adding the same constant to every score changes "
                    "nothing, so a score is large or small only compared with the others.",
    ),
]

EXERCISES = [
    Exercise(
        id="softmax",
        title="Stable softmax",
        signature="softmax(z, axis=-1)",
        hints=("Shift invariance is the way out: which constant can you subtract from every score "
               "so that no exponent is positive? And along which axis must it be taken, so that each "
               "row of a 2-D batch gets its own?",
               "softmax(z)_i = e^(z_i − m) / Σ_j e^(z_j − m) with m = max_j z_j along the axis: the "
               "largest exponential is e^0 = 1, so nothing overflows, and the sum is at least 1, so "
               "nothing divides by 0. A score of −∞ gives e^(−∞) = 0.",
               "m = np.max(z, axis=axis, keepdims=True) keeps a length-1 axis, so that z - m "
               "broadcasts against z; then e = np.exp(...) and divide e by np.sum(...) taken along "
               "the same axis, again with keepdims=True."),
        reference=get("softmax"),
        cases=(Case("equal scores give 1/K exactly", (_a(0.0, 0.0, 0.0, 0.0),), exact=True),
               Case("1-D scores", (_Z,)),
               Case("large scores [1000, 1001, 1002], without overflow", (_a(1000.0, 1001.0, 1002.0),),
                    hint="softmax(z) = softmax(z − max(z)), and e^(z − max(z)) cannot overflow."),
               Case("2-D, one example per row (axis=-1)", (_Z2,),
                    hint="each row is one example: each row of the result sums to 1."),
               Case("2-D, axis=0", (_Z2,), {"axis": 0},
                    hint="axis=0 makes each column one example: each column of the result sums to 1."),
               Case("2-D, rows on very different scales", (np.array([[1000.0, 1001.0, 1002.0],
                                                                     [-1.0, 0.0, 1.0]]),),
                    hint="subtract the maximum of each row, not the maximum of the whole array: "
                         "a row far below the largest score of the batch underflows to 0 / 0."),
               Case("-inf masks a class: probability 0", (np.array([[0.0, -np.inf, 1.0],
                                                                    [2.0, 2.0, -np.inf]]),),
                    hint="e^(−∞) is 0, and the stable recipe needs no special case for it; a NaN "
                         "here means that ∞ − ∞ was computed somewhere.")),
        elementwise=False,
        forbid=_LIBRARY_SOFTMAX + ("actlib.log_softmax",),
        rule="write softmax from np.exp, np.max and np.sum (scipy.special.logsumexp is allowed "
             "too); a library's softmax or log-softmax, SciPy's, scikit-learn's or actlib's, is "
             "what it replaces",
    ),
    Exercise(
        id="log_softmax",
        title="Stable log-softmax",
        signature="log_softmax(z, axis=-1)",
        hints=("Why not take the logarithm of a softmax? Where a probability underflows to 0 its "
               "logarithm is −∞. Take the logarithm of the formula first and simplify, so that "
               "nothing is exponentiated, rounded to 0 and then logged.",
               "log softmax(z)_i = z_i − log Σ_j e^(z_j) = (z_i − m) − log Σ_j e^(z_j − m), with "
               "m = max_j z_j along the axis: the sum lies between 1 and K, so its logarithm is "
               "safe, and z_i − m is never exponentiated.",
               "m = np.max(z, axis=axis, keepdims=True) is one maximum per row, shaped to "
               "broadcast; the result is z - m minus np.log of a sum, along the same axis and "
               "with keepdims=True, of the exponentials of ..."),
        reference=get("log_softmax"),
        cases=(Case("1-D scores", (_Z,)),
               Case("z = [0, -1000] gives [0, -1000]: finite where softmax underflows",
                    (_a(0.0, -1000.0),),
                    hint="log(softmax(z)) is −∞ here because e^(−1000) underflows to 0: the "
                         "logarithm must be taken before anything is exponentiated."),
               Case("large scores [1000, 1001, 1002], without overflow",
                    (_a(1000.0, 1001.0, 1002.0),)),
               Case("2-D, one example per row (axis=-1)", (_Z2,)),
               Case("2-D, axis=0", (_Z2,), {"axis": 0},
                    hint="axis=0 makes each column one example."),
               Case("-inf masks a class: log-probability -inf", (np.array([[0.0, -np.inf, 1.0]]),))),
        elementwise=False,
        forbid=("scipy.special.log_softmax",),
        rule="build it with the log-sum-exp trick from np.max, np.exp, np.sum and np.log "
             "(scipy.special.logsumexp, the log of the sum, is a building block you may use); "
             "SciPy's and actlib's log_softmax are what it replaces",
    ),
    Exercise(
        id="jacobian_entry",
        title="One entry of the softmax Jacobian, derived",
        signature="jacobian_entry(s, i, j)",
        hints=("Differentiate s_i = e^(z_i) / Σ_k e^(z_k) with respect to z_j by the quotient rule, "
               "once for j = i and once for j ≠ i. Then write the result with s alone: "
               "e^(z_i) / Σ_k e^(z_k) is s_i.",
               "With S = Σ_k e^(z_k): ∂s_i/∂z_j = (∂e^(z_i)/∂z_j · S − e^(z_i) · ∂S/∂z_j) / S², "
               "where ∂S/∂z_j = e^(z_j), and ∂e^(z_i)/∂z_j is e^(z_i) if i = j and 0 otherwise. "
               "Split the fraction and recognise s_i and s_j; both cases fit one formula with "
               "δ_ij (1 if i = j, else 0).",
               "s[i] and s[j] are numbers and δ_ij is float(i == j); return one float, "
               "s[i] * (... - ...)."),
        reference=_jacobian_entry,
        cases=(Case("two equal probabilities, diagonal entry (0, 0)", (_a(0.5, 0.5), 0, 0), exact=True,
                    hint="a diagonal entry (i = j) is positive: raising a score raises its own "
                         "probability."),
               Case("two equal probabilities, off-diagonal entry (0, 1)", (_a(0.5, 0.5), 0, 1),
                    exact=True,
                    hint="an off-diagonal entry (i ≠ j) is negative: raising one score takes "
                         "probability away from every other class."),
               Case("s = [0.7, 0.2, 0.1], entry (0, 0)", (_S3, 0, 0)),
               Case("s = [0.7, 0.2, 0.1], entry (2, 0)", (_S3, 2, 0)),
               Case("s = [0.7, 0.2, 0.1], entry (1, 2)", (_S3, 1, 2)),
               Case("four classes, entry (3, 3)", (_S4, 3, 3)),
               Case("four classes, entry (1, 3)", (_S4, 1, 3),
                    hint="an off-diagonal entry uses two different probabilities, s_i and s_j.")),
        elementwise=False,
        returns="number",
        forbid=("actlib.softmax.jacobian",),
        rule="derive it by hand: the entry is a short expression in s[i], s[j] and whether i "
             "equals j; actlib's softmax.jacobian is the result you are deriving",
    ),
    Exercise(
        id="softmax_jacobian",
        title="Softmax Jacobian",
        signature="softmax_jacobian(z)",
        hints=("You derived one entry, J[i, j] = s_i (δ_ij − s_j). Build all K × K entries at once: "
               "which matrix holds δ_ij · s_i for every i and j, and which holds s_i · s_j?",
               "J = diag(s) − s sᵀ, with s = softmax(z): the diagonal matrix of s minus the outer "
               "product of s with itself, whose entry (i, j) is s_i s_j.",
               "s = softmax(z) (yours or actlib's); np.diag(v) is the diagonal matrix of a vector "
               "and np.outer(a, b) the matrix of the products a[i] * b[j]; or broadcast with "
               "s[:, None] and np.eye(len(s))."),
        reference=get("softmax").jacobian,
        cases=(Case("equal scores, K = 4", (_a(0.0, 0.0, 0.0, 0.0),),
                    hint="with equal scores s = 1/K: the diagonal is 1/K − 1/K², the rest −1/K²."),
               Case("z = [1, 2, 3]", (_a(1.0, 2.0, 3.0),)),
               Case("K = 5", (_a(2.0, -1.0, 0.5, 0.0, 1.0),),
                    hint="the result is a K × K matrix: the derivative of every output with "
                         "respect to every score.")),
        elementwise=False,
        rule="compute s with a softmax (yours or actlib's) and build the matrix from it; "
             "actlib's softmax.jacobian is what you are writing",
    ),
    Exercise(
        id="cross_entropy_grad",
        title="Gradient of the cross-entropy",
        signature="cross_entropy_grad(logits, target)",
        hints=("Write the loss with log-softmax, L = −z_y + log Σ_j e^(z_j), and differentiate with "
               "respect to each score z_j: the first term depends on z_j only when j is the target.",
               "∂L/∂z_j = −δ_jy + e^(z_j) / Σ_k e^(z_k) = p_j − y_j, with p = softmax(z) and y the "
               "one-hot vector of the target: the predicted distribution minus the true one.",
               "p = softmax(logits) (yours or actlib's) is a new array; the one-hot vector of "
               "target is row target of np.eye(K); subtract ..."),
        reference=_cross_entropy_grad,
        cases=(Case("equal logits, target 1", (_a(0.0, 0.0, 0.0, 0.0), 1),
                    hint="with equal scores every p_j is 1/K; only the target's entry is lowered."),
               Case("logits [1, 2, 3], target 0", (_a(1.0, 2.0, 3.0), 0),
                    hint="the 1 is subtracted at index target only; every other entry is p_j."),
               Case("logits [1, 2, 3], target 2", (_a(1.0, 2.0, 3.0), 2)),
               Case("5 classes, target 3", (_a(2.0, -1.0, 0.5, 0.0, 1.0), 3))),
        elementwise=False,
        forbid=("actlib.nn.compute_loss",),
        rule="a softmax (yours or actlib's) is a building block; the gradient p − y is yours to "
             "write, not actlib.nn.compute_loss's",
    ),
]
